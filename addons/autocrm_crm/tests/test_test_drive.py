from datetime import timedelta

import pytz
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import AutocrmCrmCommon


def _local_time(value, tz):
    """Return the hour and minute of a naive UTC datetime in time zone ``tz``."""
    return pytz.utc.localize(value).astimezone(pytz.timezone(tz)).strftime("%H:%M")


@tagged("post_install", "-at_install")
class TestTestDrive(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo_car._add_odometer_reading(1200)
        cls.TestDrive = cls.env["autocrm.test.drive"]

    def _book(self, user=None, **vals):
        TestDrive = self.TestDrive.with_user(user or self.consultant)
        return TestDrive.create(self._test_drive_vals(**vals))

    def test_booking_defaults(self):
        drive = self._book()
        self.assertEqual(drive.state, "booked")
        self.assertEqual(drive.user_id, self.consultant)
        self.assertEqual(drive.odometer_out, 1200)
        self.assertIn("DEMO-001", drive.name)

    def test_partner_taken_from_lead(self):
        lead = self.env["crm.lead"].create(
            {"name": "Lead", "partner_id": self.customer.id}
        )
        vals = self._test_drive_vals(lead_id=lead.id)
        del vals["partner_id"]
        drive = self.TestDrive.with_user(self.consultant).create(vals)
        self.assertEqual(drive.partner_id, self.customer)

    def test_expired_licence_rejected(self):
        with self.assertRaisesRegex(ValidationError, "expired on"):
            self._book(licence_expiry=fields.Date.today() - timedelta(days=1))

    def test_licence_expiring_before_drive_day_rejected(self):
        # Valid today, expired on the day of the drive (tomorrow).
        with self.assertRaisesRegex(ValidationError, "expired on"):
            self._book(licence_expiry=fields.Date.today())

    def test_missing_driver_rejected(self):
        with self.assertRaisesRegex(ValidationError, "neither a prospect"):
            self._book(partner_id=False)

    def test_driver_missing_from_values_rejected(self):
        vals = self._test_drive_vals()
        del vals["partner_id"]
        with self.assertRaisesRegex(ValidationError, "neither a prospect"):
            self.TestDrive.create(vals)

    def test_non_demo_car_rejected(self):
        car = self.env["fleet.vehicle"].create({"model_id": self.model.id})
        with self.assertRaisesRegex(ValidationError, "not a demo car"):
            self._book(vehicle_id=car.id)

    def test_end_before_start_names_drive(self):
        self.consultant.tz = "America/Los_Angeles"
        start, _stop = self._slot(10)
        with self.assertRaises(ValidationError) as error:
            self._book(date_start=start, date_stop=start - timedelta(hours=1))
        message = str(error.exception)
        self.assertIn(self.demo_car.display_name, message)
        self.assertIn(self.customer.name, message)
        self.assertIn(_local_time(start, "America/Los_Angeles"), message)
        self.assertIn(
            _local_time(start - timedelta(hours=1), "America/Los_Angeles"), message
        )
        self.assertIn("America/Los_Angeles", message)

    def test_move_end_before_start_rejected(self):
        drive = self._book(start_hour=10)
        with self.assertRaisesRegex(ValidationError, "not after its start"):
            drive.write({"date_stop": drive.date_start - timedelta(minutes=5)})

    def test_overlapping_booking_rejected(self):
        first = self._book(start_hour=10, hours=2)
        with self.assertRaises(ValidationError) as error:
            self._book(user=self.other_consultant, start_hour=11)
        self.assertIn(f"test drive ID {first.id}", str(error.exception))

    def test_move_onto_booked_slot_names_both(self):
        # Only the start is sent: the end follows it, one hour later.
        self.consultant.tz = "UTC"
        first = self._book(start_hour=10)
        other_customer = self.env["res.partner"].create({"name": "Otto Other"})
        second = self._book(start_hour=8, partner_id=other_customer.id)
        with self.assertRaises(ValidationError) as error:
            second.with_user(self.consultant).write({"date_start": first.date_start})
        message = str(error.exception)
        self.assertIn(self.demo_car.display_name, message)
        self.assertIn(f"test drive ID {first.id}", message)
        self.assertIn(self.customer.name, message)
        self.assertIn(other_customer.name, message)
        self.assertIn(_local_time(first.date_start, "UTC"), message)
        self.assertIn(_local_time(first.date_stop, "UTC"), message)

    def test_overlap_message_in_user_time_zone(self):
        self.consultant.tz = "America/Los_Angeles"
        first = self._book(user=self.other_consultant, start_hour=10)
        start, _stop = self._slot(10)
        with self.assertRaises(ValidationError) as error:
            self._book(
                date_start=start + timedelta(minutes=30),
                date_stop=start + timedelta(minutes=90),
            )
        message = str(error.exception)
        for value in (
            first.date_start,
            first.date_stop,
            start + timedelta(minutes=30),
            start + timedelta(minutes=90),
        ):
            self.assertIn(_local_time(value, "America/Los_Angeles"), message)
        self.assertIn("America/Los_Angeles", message)
        # The UTC start of the slot must not appear next to local times.
        self.assertNotIn("10:00", message)

    def test_overlap_without_end_names_other_booking(self):
        # API clients may leave the end to its default of one hour.
        first = self._book(start_hour=10)
        vals = self._test_drive_vals(start_hour=10)
        vals["date_start"] += timedelta(minutes=30)
        del vals["date_stop"]
        with self.assertRaises(ValidationError) as error:
            self.TestDrive.with_user(self.other_consultant).create(vals)
        self.assertIn(f"test drive ID {first.id}", str(error.exception))

    def test_overlap_of_another_consultants_booking_rejected(self):
        self._book(user=self.other_consultant, start_hour=10)
        with self.assertRaisesRegex(ValidationError, "already booked"):
            self._book(start_hour=10)

    def test_adjacent_slots_accepted(self):
        self._book(start_hour=10)
        second = self._book(start_hour=11)
        self.assertEqual(second.state, "booked")

    def test_cancelled_and_no_show_free_the_slot(self):
        self._book(start_hour=10).action_cancel()
        self._book(start_hour=10).action_no_show()
        self.assertEqual(self._book(start_hour=10).state, "booked")

    def test_rebooking_cancelled_drive_checks_overlap(self):
        cancelled = self._book(start_hour=10)
        cancelled.action_cancel()
        self._book(start_hour=10)
        with self.assertRaisesRegex(ValidationError, "already booked"):
            cancelled.action_reset_to_booked()

    def test_database_rejects_overlap_without_python_check(self):
        # Bypass the ORM check: the exclusion constraint alone must reject it.
        self._book(start_hour=10, hours=2)
        start, stop = self._slot(11)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env.execute_query(
                SQL(
                    "INSERT INTO autocrm_test_drive (vehicle_id, company_id, "
                    "date_start, date_stop, state, licence_number, licence_expiry) "
                    "VALUES (%s, %s, %s, %s, 'booked', 'X', %s)",
                    self.demo_car.id,
                    self.company.id,
                    start,
                    stop,
                    fields.Date.today() + timedelta(days=30),
                )
            )

    def test_drive_flow_records_odometer(self):
        drive = self._book()
        drive.action_start()
        self.assertEqual(drive.state, "ongoing")
        drive.odometer_in = 1235
        drive.action_done()
        self.assertEqual(drive.state, "done")
        self.assertEqual(self.demo_car.odometer, 1235)
        readings = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", self.demo_car.id)]
        )
        self.assertEqual(sorted(readings.mapped("value")), [1200, 1200, 1235])

    def test_odometer_in_below_out_rejected(self):
        drive = self._book()
        drive.action_start()
        drive.odometer_in = 1100
        with self.assertRaisesRegex(UserError, "at least the odometer out"):
            drive.action_done()

    def test_odometer_in_below_out_rejected_on_write(self):
        drive = self._book()
        drive.action_start()
        with self.assertRaisesRegex(ValidationError, "lower than the odometer out"):
            drive.write({"state": "done", "odometer_in": 1000})

    def test_odometer_out_below_vehicle_history_rejected(self):
        drive = self._book(odometer_out=900)
        with self.assertRaisesRegex(ValidationError, "lower than the previous"):
            drive.action_start()

    def test_negative_odometer_rejected(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._book(odometer_out=-1)

    def test_done_requires_ongoing(self):
        drive = self._book()
        with self.assertRaisesRegex(UserError, "Booked"):
            drive.action_done()

    def test_done_fires_followup_event(self):
        rule = self.env["autocrm.followup.rule"].create(
            {
                "name": "Thank the driver",
                "event_code": "test_drive_done",
                "delay_days": 1,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            }
        )
        drive = self._book()
        drive.action_start()
        drive.odometer_in = 1210
        drive.action_done()
        followup = rule.followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.res_id, drive.id)
        self.assertEqual(followup.activity_id.user_id, self.consultant)

    def test_exclusion_constraint_in_database(self):
        rows = self.env.execute_query(
            SQL(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conname = %s",
                "autocrm_test_drive_no_double_booking",
            )
        )
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0][0].startswith("EXCLUDE USING gist"))
