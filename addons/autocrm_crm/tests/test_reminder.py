from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestVehicleReminders(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Reminder = cls.env["autocrm.reminder"]
        cls.today = fields.Date.context_today(cls.Reminder)
        cls.company.autocrm_customer_service_user_id = cls.customer_service
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": cls.model.id, "owner_id": cls.customer.id}
        )

    def _in_days(self, days):
        return self.today + timedelta(days=days)

    def _reminders(self, reminder_type):
        return self.Reminder.search(
            [
                ("vehicle_id", "=", self.vehicle.id),
                ("reminder_type", "=", reminder_type),
            ]
        )

    def test_insurance_reminded_60_30_7_days_before(self):
        expiry = self._in_days(90)
        self.vehicle.insurance_expiry_date = expiry
        for days_before, expected in (
            (61, []),
            (60, [60]),
            (45, [60]),
            (30, [30, 60]),
            (7, [7, 30, 60]),
            (3, [7, 30, 60]),
        ):
            with freeze_time(expiry - timedelta(days=days_before)):
                self.Reminder._cron_generate_reminders()
            self.assertEqual(
                sorted(self._reminders("insurance").mapped("notice_days")),
                expected,
                f"{days_before} days before expiry",
            )

    def test_insurance_not_reminded_too_early_or_after_expiry(self):
        self.vehicle.insurance_expiry_date = self._in_days(61)
        self.Reminder._cron_generate_reminders()
        self.vehicle.insurance_expiry_date = self._in_days(-1)
        self.Reminder._cron_generate_reminders()
        self.assertFalse(self._reminders("insurance"))

    def test_rerun_creates_nothing_new(self):
        self.vehicle.write(
            {
                "insurance_expiry_date": self._in_days(20),
                "next_service_date": self._in_days(5),
                "warranty_end_date": self._in_days(10),
            }
        )
        self.Reminder._cron_generate_reminders()
        reminders = self.Reminder.search([("vehicle_id", "=", self.vehicle.id)])
        activities = self.vehicle.activity_ids
        self.assertEqual(len(reminders), 3)
        self.assertEqual(len(activities), 3)
        self.Reminder._cron_generate_reminders()
        self.assertEqual(
            self.Reminder.search([("vehicle_id", "=", self.vehicle.id)]), reminders
        )
        self.assertEqual(self.vehicle.activity_ids, activities)

    def test_activity_for_customer_service(self):
        self.vehicle.next_service_date = self._in_days(3)
        self.Reminder._cron_generate_reminders()
        activity = self._reminders("maintenance").activity_id
        self.assertEqual(activity.user_id, self.customer_service)
        self.assertEqual(activity.res_id, self.vehicle.id)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("autocrm_crm.mail_activity_type_vehicle_reminder"),
        )

    def test_maintenance_by_date_not_too_early(self):
        self.vehicle.next_service_date = self._in_days(30)
        self.Reminder._cron_generate_reminders()
        self.assertFalse(self._reminders("maintenance"))

    def test_maintenance_estimated_from_odometer_trend(self):
        # 50 km a day: 10000 km 100 days ago, 15000 km today, service at 15500.
        self.vehicle._add_odometer_reading(10000, date=self._days_ago(100))
        self.vehicle._add_odometer_reading(15000, date=self.today)
        self.vehicle.next_service_odometer = 15500
        self.Reminder._cron_generate_reminders()
        reminder = self._reminders("maintenance")
        self.assertEqual(reminder.due_date, self._in_days(10))
        self.assertTrue(reminder.is_estimated)

    def test_maintenance_far_by_km_not_reminded(self):
        self.vehicle._add_odometer_reading(10000, date=self._days_ago(100))
        self.vehicle._add_odometer_reading(15000, date=self.today)
        self.vehicle.next_service_odometer = 30000
        self.Reminder._cron_generate_reminders()
        self.assertFalse(self._reminders("maintenance"))

    def test_warranty_expiry(self):
        self.vehicle.warranty_end_date = self._in_days(25)
        self.Reminder._cron_generate_reminders()
        self.assertEqual(self._reminders("warranty").due_date, self._in_days(25))

    def test_annual_inspection_from_first_registration(self):
        self.vehicle.first_registration_date = self._in_days(20) - timedelta(
            days=365 * 3
        )
        inspection = self.vehicle.next_inspection_date
        self.assertTrue(self.today <= inspection <= self._in_days(21))
        self.Reminder._cron_generate_reminders()
        self.assertEqual(self._reminders("inspection").due_date, inspection)

    def test_vehicle_without_owner_ignored(self):
        self.vehicle.write({"owner_id": False, "next_service_date": self._in_days(1)})
        self.Reminder._cron_generate_reminders()
        self.assertFalse(self._reminders("maintenance"))

    def test_small_batches_cover_every_vehicle(self):
        second = self.env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "owner_id": self.customer.id,
                "next_service_date": self._in_days(1),
            }
        )
        self.vehicle.next_service_date = self._in_days(1)
        self.Reminder._cron_generate_reminders(batch_size=1)
        reminded = self.Reminder.search([("reminder_type", "=", "maintenance")])
        self.assertIn(self.vehicle, reminded.vehicle_id)
        self.assertIn(second, reminded.vehicle_id)
