import threading
import time
from datetime import datetime, timedelta

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

# Upper bound for every wait in this test, so that a regression fails the
# test instead of hanging the test run.
WAIT_SECONDS = 20


@tagged("post_install", "-at_install")
class TestTestDriveConcurrency(TransactionCase):
    """Two users book the same demo car at the same moment.

    Each booking runs in its own database transaction (a real cursor, outside
    the test transaction). The second booking's ORM check cannot see the
    first, uncommitted booking, so only the exclusion constraint in PostgreSQL
    can reject it. The records are committed, then deleted in a cleanup.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            brand = env["fleet.vehicle.model.brand"].create({"name": "Race Brand"})
            model = env["fleet.vehicle.model"].create(
                {"name": "Race Model", "brand_id": brand.id}
            )
            car = env["fleet.vehicle"].create(
                {"model_id": model.id, "license_plate": "RACE-1", "is_demo_car": True}
            )
            partners = env["res.partner"].create(
                [{"name": "Racer One"}, {"name": "Racer Two"}]
            )
            self.ids = {
                "brand": brand.id,
                "model": model.id,
                "car": car.id,
                "partners": partners.ids,
            }
        self.addCleanup(self._delete_committed_records)

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _delete_committed_records(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["autocrm.test.drive"].search(
                [("vehicle_id", "=", self.ids["car"])]
            ).unlink()
            env["fleet.vehicle"].browse(self.ids["car"]).unlink()
            env["fleet.vehicle.model"].browse(self.ids["model"]).unlink()
            env["fleet.vehicle.model.brand"].browse(self.ids["brand"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()

    def _booking_vals(self, partner_id):
        day = fields.Date.today() + timedelta(days=3)
        start = datetime(day.year, day.month, day.day, 9)
        return {
            "partner_id": partner_id,
            "vehicle_id": self.ids["car"],
            "date_start": start,
            "date_stop": start + timedelta(hours=1),
            "licence_number": "DL-RACE",
            "licence_expiry": day + timedelta(days=365),
        }

    def _wait_until_blocked(self, cr, pid):
        """Return True once the backend ``pid`` waits for a lock, False on timeout."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            cr.execute(
                SQL("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", pid)
            )
            row = cr.fetchone()
            if row and row[0] == "Lock":
                return True
            time.sleep(0.05)
        return False

    def test_concurrent_bookings_one_wins(self):
        first_partner, second_partner = self.ids["partners"]
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        monitor = self.registry.cursor()
        for cr in (cr_a, cr_b, monitor):
            self.addCleanup(cr.close)
        cr_b.execute(SQL("SET lock_timeout = %s", f"{WAIT_SECONDS}s"))
        env_a, env_b = self._env(cr_a), self._env(cr_b)

        env_a["autocrm.test.drive"].create(self._booking_vals(first_partner))
        env_a.flush_all()
        # The second transaction cannot see the first booking yet.
        self.assertFalse(
            env_b["autocrm.test.drive"].search([("vehicle_id", "=", self.ids["car"])])
        )

        outcome = {}

        def book_second():
            try:
                with mute_logger("odoo.sql_db"):
                    env_b["autocrm.test.drive"].create(
                        self._booking_vals(second_partner)
                    )
                    env_b.flush_all()
                outcome["result"] = "booked"
            except Exception as error:  # reported by the assertion below
                outcome["result"] = error

        thread = threading.Thread(target=book_second, name="second booking")
        thread.start()
        try:
            blocked = self._wait_until_blocked(monitor, cr_b._cnx.get_backend_pid())
            self.assertTrue(blocked, "the second booking never waited for the first")
            cr_a.commit()
            thread.join(WAIT_SECONDS)
            self.assertFalse(thread.is_alive(), "the second booking did not finish")
        finally:
            if thread.is_alive():
                cr_a.rollback()
                thread.join(WAIT_SECONDS)
            cr_b.rollback()

        self.assertIsInstance(outcome.get("result"), errors.ExclusionViolation)
        # Odoo cursors are REPEATABLE READ: start a new snapshot to see commits.
        monitor.rollback()
        monitor.execute(
            SQL(
                "SELECT partner_id FROM autocrm_test_drive WHERE vehicle_id = %s",
                self.ids["car"],
            )
        )
        self.assertEqual(monitor.fetchall(), [(first_partner,)])
