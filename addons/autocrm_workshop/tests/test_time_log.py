from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestTechnicianClock(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair_a = cls._create_repair()
        cls.line_a = cls._add_labour(cls.repair_a, cls.op_oil, cls.tech_1 | cls.tech_2)
        cls.repair_b = cls._create_repair()
        cls.line_b = cls._add_labour(cls.repair_b, cls.op_brakes, cls.tech_1)
        (cls.repair_a | cls.repair_b).action_workshop_start()

    def test_clock_on_and_off(self):
        self.line_a.with_user(self.tech_user_1).action_clock_on()
        self.assertTrue(self.line_a.is_clock_running)
        self.line_a.with_user(self.tech_user_1).action_clock_off()
        log = self.line_a.time_log_ids
        self.assertEqual(log.employee_id, self.tech_1)
        self.assertTrue(log.date_stop)
        self.assertFalse(self.line_a.is_clock_running)

    def test_clock_on_other_job_stops_first(self):
        self.line_a.with_user(self.tech_user_1).action_clock_on()
        self.line_b.with_user(self.tech_user_1).action_clock_on()
        running = self.env["autocrm.time.log"].search(
            [("employee_id", "=", self.tech_1.id), ("date_stop", "=", False)]
        )
        self.assertEqual(running.labour_line_id, self.line_b)
        self.assertTrue(self.line_a.time_log_ids.date_stop)

    def test_two_technicians_on_one_line(self):
        self.line_a.with_user(self.tech_user_1).action_clock_on()
        self.line_a.with_user(self.tech_user_2).action_clock_on()
        self.assertEqual(len(self.line_a.time_log_ids), 2)
        self.assertFalse(any(self.line_a.time_log_ids.mapped("date_stop")))

    def test_database_keeps_one_running_clock(self):
        self.line_a.with_user(self.tech_user_1).action_clock_on()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["autocrm.time.log"].create(
                {"employee_id": self.tech_1.id, "labour_line_id": self.line_b.id}
            )
            self.env.flush_all()

    def test_unassigned_technician_rejected(self):
        line = self._add_labour(self.repair_a, self.op_brakes, self.tech_1)
        line.approval_state = "approved"
        with self.assertRaisesRegex(UserError, "is not assigned"):
            line.with_user(self.tech_user_2).action_clock_on()

    def test_clock_on_before_start_rejected(self):
        repair = self._create_repair()
        line = self._add_labour(repair, self.op_oil)
        with self.assertRaisesRegex(UserError, "is not in progress"):
            line.with_user(self.tech_user_1).action_clock_on()

    def test_user_without_technician_rejected(self):
        with self.assertRaisesRegex(UserError, "has no technician employee"):
            self.line_a.with_user(self.advisor).action_clock_on()

    def test_clocked_hours_summed(self):
        self.env["autocrm.time.log"].create(
            [
                {
                    "employee_id": self.tech_1.id,
                    "labour_line_id": self.line_a.id,
                    "date_start": "2030-01-07 08:00:00",
                    "date_stop": "2030-01-07 09:30:00",
                },
                {
                    "employee_id": self.tech_2.id,
                    "labour_line_id": self.line_a.id,
                    "date_start": "2030-01-07 08:00:00",
                    "date_stop": "2030-01-07 08:30:00",
                },
            ]
        )
        self.assertEqual(self.line_a.clocked_hours, 2.0)
        self.assertEqual(self.repair_a.clocked_hours, 2.0)

    def test_stop_before_start_rejected(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["autocrm.time.log"].create(
                {
                    "employee_id": self.tech_2.id,
                    "labour_line_id": self.line_a.id,
                    "date_start": "2030-01-07 09:00:00",
                    "date_stop": "2030-01-07 08:00:00",
                }
            )
            self.env.flush_all()
