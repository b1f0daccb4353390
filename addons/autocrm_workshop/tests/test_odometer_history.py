from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRepairOdometerHistory(WorkshopCommon):
    """The odometer in of a repair order must fit the vehicle's history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_manager = new_test_user(
            cls.env,
            login="ws_store_manager",
            groups="autocrm_base.group_store_manager",
        )
        cls.today = fields.Date.context_today(cls.env.user)
        cls.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": cls.vehicle.id,
                "value": 16.0,
                "date": cls.today - timedelta(days=200),
            }
        )

    def _create_done_repair(self, odometer_in=9856.0):
        repair = self._create_repair(odometer_in=odometer_in)
        self._finish(repair)
        self.assertEqual(repair.state, "done")
        return repair

    def test_done_order_lowered_by_advisor_rejected(self):
        repair = self._create_done_repair()
        with self.assertRaises(AccessError) as error:
            repair.with_user(self.advisor).write({"odometer_in": 20.0})
        message = str(error.exception)
        self.assertIn(repair.name, message)
        self.assertIn(self.vehicle.display_name, message)
        self.assertIn("9856.0", message)
        self.assertIn("20.0", message)
        self.assertIn("ask a manager", message.lower())

    def test_done_order_keeps_history_after_rejection(self):
        repair = self._create_done_repair()
        with self.assertRaises(AccessError):
            repair.with_user(self.advisor).write({"odometer_in": 20.0})
        self.assertEqual(repair.odometer_in, 9856.0)
        self.assertEqual(repair.odometer_reading_id.value, 9856.0)
        self.assertEqual(self.vehicle.odometer, 9856.0)

    def test_done_order_raised_by_advisor_rejected(self):
        repair = self._create_done_repair()
        with self.assertRaisesRegex(AccessError, "cannot change to 9900.0"):
            repair.with_user(self.advisor).write({"odometer_in": 9900.0})

    def test_done_order_same_value_accepted(self):
        # An API client may send the recorded value again, which changes nothing.
        repair = self._create_done_repair()
        repair.with_user(self.advisor).write({"odometer_in": 9856.0})
        self.assertEqual(repair.odometer_reading_id.value, 9856.0)

    def test_cancelled_order_changed_by_advisor_rejected(self):
        repair = self._create_repair(odometer_in=9856.0)
        repair.action_repair_cancel()
        with self.assertRaisesRegex(AccessError, repair.name):
            repair.with_user(self.advisor).write({"odometer_in": 20.0})

    def test_done_order_corrected_by_store_manager(self):
        repair = self._create_done_repair()
        repair.with_user(self.store_manager).write({"odometer_in": 985.6})
        self.assertEqual(repair.odometer_reading_id.value, 985.6)
        self.assertEqual(self.vehicle.odometer, 985.6)

    def test_manager_correction_below_previous_rejected(self):
        repair = self._create_done_repair()
        with self.assertRaises(ValidationError) as error:
            repair.with_user(self.store_manager).write({"odometer_in": 10.0})
        message = str(error.exception)
        self.assertIn(repair.name, message)
        self.assertIn("lower than the previous reading", message)
        self.assertIn("(16.0 on ", message)

    def test_open_order_above_next_reading_rejected(self):
        repair = self._create_repair(odometer_in=12000.0)
        self.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": self.vehicle.id,
                "value": 13000.0,
                "date": self.today + timedelta(days=10),
            }
        )
        with self.assertRaises(ValidationError) as error:
            repair.with_user(self.advisor).write({"odometer_in": 14000.0})
        message = str(error.exception)
        self.assertIn(f"Odometer in of {repair.name} (14000.0)", message)
        self.assertIn(self.vehicle.display_name, message)
        self.assertIn("next reading", message)
        self.assertIn("(13000.0 on ", message)

    def test_open_order_between_readings_accepted(self):
        repair = self._create_repair(odometer_in=12000.0)
        self.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": self.vehicle.id,
                "value": 13000.0,
                "date": self.today + timedelta(days=10),
            }
        )
        repair.with_user(self.advisor).write({"odometer_in": 11000.0})
        self.assertEqual(repair.odometer_reading_id.value, 11000.0)

    def test_open_order_below_later_correction_accepted(self):
        # A later correction restarts the history after a meter replacement.
        repair = self._create_repair(odometer_in=12000.0)
        self.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": self.vehicle.id,
                "value": 50.0,
                "date": self.today + timedelta(days=10),
                "is_correction": True,
                "correction_reason": "Instrument cluster replaced",
            }
        )
        repair.with_user(self.advisor).write({"odometer_in": 12500.0})
        self.assertEqual(repair.odometer_reading_id.value, 12500.0)

    def test_closed_order_reading_edited_in_log_rejected(self):
        repair = self._create_done_repair()
        reading = repair.odometer_reading_id.with_user(self.advisor)
        with self.assertRaisesRegex(AccessError, repair.name):
            reading.write({"value": 20.0})
        with self.assertRaisesRegex(AccessError, repair.name):
            reading.unlink()
        self.assertEqual(repair.odometer_reading_id.value, 9856.0)

    def test_closed_order_reading_edited_by_manager(self):
        repair = self._create_done_repair()
        repair.odometer_reading_id.with_user(self.store_manager).write(
            {"value": 9800.0}
        )
        self.assertEqual(repair.odometer_reading_id.value, 9800.0)

    def test_open_order_reading_edited_in_log(self):
        repair = self._create_repair(odometer_in=12000.0)
        repair.odometer_reading_id.with_user(self.advisor).write({"value": 12100.0})
        self.assertEqual(repair.odometer_reading_id.value, 12100.0)
