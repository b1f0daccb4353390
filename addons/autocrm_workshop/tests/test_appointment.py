import threading

from psycopg2 import errors

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import MONDAY, WorkshopCommon


@tagged("post_install", "-at_install")
class TestAppointment(WorkshopCommon):
    def _book(self, start, **vals):
        values = {
            "partner_id": self.customer.id,
            "vehicle_id": self.vehicle.id,
            "service_type": "maintenance",
            "bay_id": self.bay_1.id,
            "start_datetime": f"{MONDAY} {start}",
        }
        values.update(vals)
        return (
            self.env["autocrm.service.appointment"]
            .with_user(self.advisor)
            .create(values)
        )

    def test_duration_from_service_type(self):
        appointment = self._book("09:00:00", technician_id=self.tech_1.id)
        self.assertEqual(appointment.duration_hours, 1.0)
        self.assertEqual(str(appointment.stop_datetime), f"{MONDAY} 10:00:00")

    def test_bay_double_booking_rejected(self):
        self._book("09:00:00", technician_id=self.tech_1.id)
        with self.assertRaisesRegex(ValidationError, "Test Bay 1 is already booked"):
            self._book("09:30:00", technician_id=self.tech_2.id)

    def test_bay_free_after_slot(self):
        self._book("09:00:00", technician_id=self.tech_1.id)
        second = self._book("10:00:00", technician_id=self.tech_1.id)
        self.assertEqual(second.state, "booked")

    def test_technician_double_booking_rejected(self):
        self._book("09:00:00", technician_id=self.tech_1.id)
        with self.assertRaisesRegex(ValidationError, "Tech One is already booked"):
            self._book("09:30:00", technician_id=self.tech_1.id, bay_id=self.bay_2.id)

    def test_technician_off_schedule_rejected(self):
        with self.assertRaisesRegex(ValidationError, "does not work the whole slot"):
            self._book("11:30:00", technician_id=self.tech_1.id)

    def test_weekend_rejected(self):
        with self.assertRaisesRegex(ValidationError, "does not work the whole slot"):
            self._book("09:00:00", technician_id=self.tech_1.id).write(
                {"start_datetime": "2030-01-12 09:00:00"}
            )

    def test_free_technician_assigned(self):
        first = self._book("09:00:00")
        second = self._book("09:00:00", bay_id=self.bay_2.id)
        self.assertTrue(first.technician_id)
        self.assertTrue(second.technician_id)
        self.assertNotEqual(first.technician_id, second.technician_id)

    def test_workshop_full_rejected(self):
        self.env["hr.employee"].search(
            [
                ("is_workshop_technician", "=", True),
                ("id", "not in", (self.tech_1 | self.tech_2).ids),
            ]
        ).is_workshop_technician = False
        bay_3 = self.env["autocrm.service.bay"].create({"name": "Test Bay 3"})
        self._book("09:00:00")
        self._book("09:00:00", bay_id=self.bay_2.id)
        with self.assertRaisesRegex(ValidationError, "workshop is full"):
            self._book("09:00:00", bay_id=bay_3.id)

    def test_cancelled_appointment_frees_slot(self):
        first = self._book("09:00:00", technician_id=self.tech_1.id)
        first.action_cancel()
        second = self._book("09:00:00", technician_id=self.tech_1.id)
        self.assertEqual(second.state, "booked")

    def test_check_in_creates_repair_order(self):
        appointment = self._book(
            "09:00:00",
            technician_id=self.tech_1.id,
            concerns="Squeal when braking",
            operation_ids=[Command.set(self.op_brakes.ids)],
        )
        appointment.with_user(self.advisor).action_check_in()
        repair = appointment.repair_id
        self.assertEqual(appointment.state, "checked_in")
        self.assertEqual(repair.workshop_state, "reception")
        self.assertEqual(repair.vehicle_id, self.vehicle)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.bay_id, self.bay_1)
        self.assertEqual(repair.advisor_id, self.advisor)
        self.assertEqual(repair.customer_concerns, "Squeal when braking")
        self.assertEqual(repair.labour_line_ids.operation_id, self.op_brakes)
        self.assertEqual(repair.labour_line_ids.technician_ids, self.tech_1)
        self.assertEqual(repair.labour_line_ids.approval_state, "approved")

    def test_check_in_keeps_slot_without_new_check(self):
        appointment = self._book("09:00:00", technician_id=self.tech_1.id)
        self.calendar.attendance_ids.filtered(
            lambda attendance: attendance.dayofweek == "0"
        ).unlink()
        appointment.action_check_in()
        self.assertEqual(appointment.state, "checked_in")

    def test_reopened_appointment_checked(self):
        first = self._book("09:00:00", technician_id=self.tech_1.id)
        first.action_cancel()
        self._book("09:00:00", technician_id=self.tech_2.id)
        with self.assertRaisesRegex(ValidationError, "Test Bay 1 is already booked"):
            first.state = "booked"

    def test_check_in_twice_rejected(self):
        appointment = self._book("09:00:00", technician_id=self.tech_1.id)
        appointment.action_check_in()
        with self.assertRaisesRegex(UserError, "is not booked"):
            appointment.action_check_in()

    def test_cancel_checked_in_rejected(self):
        appointment = self._book("09:00:00", technician_id=self.tech_1.id)
        appointment.action_check_in()
        with self.assertRaisesRegex(UserError, "Cancel its repair order"):
            appointment.action_cancel()


@tagged("post_install", "-at_install")
class TestAppointmentConcurrency(TransactionCase):
    """Two advisors book the same bay at once, each in their own transaction."""

    def setUp(self):
        super().setUp()
        # The fixtures must be committed so that both booking transactions see
        # them; they are deleted again in cleanUp.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            calendar = env["resource.calendar"].create(
                {"name": "Concurrency test calendar", "tz": "UTC"}
            )
            bay = env["autocrm.service.bay"].create(
                {"name": "Concurrency Bay", "company_id": company.id}
            )
            technicians = env["hr.employee"].create(
                [
                    {
                        "name": f"Concurrency Tech {index}",
                        "is_workshop_technician": True,
                        "resource_calendar_id": calendar.id,
                        "tz": "UTC",
                        "company_id": company.id,
                    }
                    for index in (1, 2)
                ]
            )
            partner = env["res.partner"].create({"name": "Concurrency Customer"})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Concurrency"})
            model = env["fleet.vehicle.model"].create(
                {"name": "Concurrency Model", "brand_id": brand.id}
            )
            vehicle = env["fleet.vehicle"].create({"model_id": model.id})
            self.ids_to_clean = {
                "calendar": calendar.id,
                "bay": bay.id,
                "technicians": technicians.ids,
                "partner": partner.id,
                "brand": brand.id,
                "model": model.id,
                "vehicle": vehicle.id,
            }
        self.addCleanup(self._delete_fixtures)

    def _delete_fixtures(self):
        ids = self.ids_to_clean
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["autocrm.service.appointment"].search(
                [("bay_id", "=", ids["bay"])]
            ).unlink()
            env["fleet.vehicle"].browse(ids["vehicle"]).unlink()
            env["fleet.vehicle.model"].browse(ids["model"]).unlink()
            env["fleet.vehicle.model.brand"].browse(ids["brand"]).unlink()
            technicians = env["hr.employee"].browse(ids["technicians"])
            # Employees bring a work contact and contract versions of their own.
            versions = technicians.version_ids
            contacts = technicians.work_contact_id
            technicians.unlink()
            versions.exists().unlink()
            contacts.unlink()
            env["autocrm.service.bay"].browse(ids["bay"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
            env["resource.calendar"].browse(ids["calendar"]).unlink()

    def _booking_vals(self, technician_id):
        ids = self.ids_to_clean
        return {
            "partner_id": ids["partner"],
            "vehicle_id": ids["vehicle"],
            "bay_id": ids["bay"],
            "technician_id": technician_id,
            "start_datetime": f"{MONDAY} 09:00:00",
            "duration_hours": 1.0,
        }

    def test_simultaneous_bookings_of_one_bay(self):
        first_tech, second_tech = self.ids_to_clean["technicians"]
        outcome = {}
        # Both environments are built here: building one inside the thread
        # would wait for the registry lock that the test runner holds.
        with (
            self.registry.cursor() as first_cr,
            self.registry.cursor() as second_cr,
        ):
            first_env = api.Environment(first_cr, api.SUPERUSER_ID, {})
            second_env = api.Environment(second_cr, api.SUPERUSER_ID, {})
            second_cr.execute("SET LOCAL lock_timeout = '20s'")

            def book_second():
                try:
                    with mute_logger("odoo.sql_db"):
                        second_env["autocrm.service.appointment"].create(
                            self._booking_vals(second_tech)
                        )
                        second_env.flush_all()
                    outcome["second"] = "booked"
                except (errors.ExclusionViolation, errors.SerializationFailure) as exc:
                    outcome["second"] = type(exc).__name__
                    second_cr.rollback()

            first_env["autocrm.service.appointment"].create(
                self._booking_vals(first_tech)
            )
            first_env.flush_all()
            # The second advisor books while the first transaction is still
            # open: neither transaction sees the other's row yet.
            second = threading.Thread(target=book_second)
            second.start()
            second.join(timeout=2)
            self.assertTrue(second.is_alive(), "the second booking should wait")
            first_cr.commit()
            second.join(timeout=30)
            self.assertFalse(second.is_alive())
        self.assertIn(
            outcome.get("second"), ("ExclusionViolation", "SerializationFailure")
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            count = env["autocrm.service.appointment"].search_count(
                [("bay_id", "=", self.ids_to_clean["bay"])]
            )
        self.assertEqual(count, 1)
