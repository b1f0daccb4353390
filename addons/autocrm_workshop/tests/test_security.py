from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestWorkshopSecurity(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_1 = cls._create_repair()
        cls.labour_1 = cls._add_labour(cls.job_1, cls.op_oil, cls.tech_1)
        cls.job_2 = cls._create_repair()
        cls.labour_2 = cls._add_labour(cls.job_2, cls.op_brakes, cls.tech_2)
        cls.other_company = cls.env["res.company"].create({"name": "Other Store"})
        cls.other_bay = cls.env["autocrm.service.bay"].create(
            {"name": "Other Bay", "company_id": cls.other_company.id}
        )

    def test_technician_sees_own_jobs_only(self):
        visible = self.env["repair.order"].with_user(self.tech_user_1).search([])
        self.assertIn(self.job_1, visible)
        self.assertNotIn(self.job_2, visible)

    def test_technician_cannot_read_other_job(self):
        with self.assertRaises(AccessError):
            self.job_2.with_user(self.tech_user_1).read(["name"])

    def test_technician_sees_own_labour_only(self):
        lines = self.env["autocrm.labour.line"].with_user(self.tech_user_1).search([])
        self.assertIn(self.labour_1, lines)
        self.assertNotIn(self.labour_2, lines)

    def test_technician_cannot_clock_other_job(self):
        self.job_2.action_workshop_start()
        with self.assertRaises(AccessError):
            self.labour_2.with_user(self.tech_user_1).action_clock_on()

    def test_technician_sees_own_time_only(self):
        (self.job_1 | self.job_2).action_workshop_start()
        self.labour_1.with_user(self.tech_user_1).action_clock_on()
        self.labour_2.with_user(self.tech_user_2).action_clock_on()
        logs = self.env["autocrm.time.log"].with_user(self.tech_user_1).search([])
        self.assertEqual(logs.employee_id, self.tech_1)

    def test_technician_cannot_approve_extra_work(self):
        self.job_1.action_workshop_start()
        extra = self._add_labour(self.job_1, self.op_brakes, self.tech_1)
        with self.assertRaises(AccessError):
            extra.with_user(self.tech_user_1).action_approve()

    def test_advisor_sees_every_job(self):
        visible = self.env["repair.order"].with_user(self.advisor).search([])
        self.assertIn(self.job_1, visible)
        self.assertIn(self.job_2, visible)

    def test_warranty_admin_sees_every_job(self):
        visible = self.env["repair.order"].with_user(self.warranty_admin).search([])
        self.assertIn(self.job_1, visible)
        self.assertIn(self.job_2, visible)

    def test_other_store_hidden(self):
        bays = self.env["autocrm.service.bay"].with_user(self.foreman).search([])
        self.assertNotIn(self.other_bay, bays)
        with self.assertRaises(AccessError):
            self.other_bay.with_user(self.foreman).read(["name"])

    def test_user_of_both_stores_sees_both(self):
        manager = new_test_user(
            self.env,
            login="ws_two_stores",
            groups="autocrm_workshop.group_workshop_foreman",
            company_ids=[(6, 0, (self.company | self.other_company).ids)],
        )
        bays = (
            self.env["autocrm.service.bay"]
            .with_user(manager)
            .with_context(allowed_company_ids=(self.company | self.other_company).ids)
            .search([])
        )
        self.assertIn(self.other_bay, bays)

    def test_technician_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.labour.operation"].with_user(self.tech_user_1).create(
                {"code": "X", "name": "X", "labour_rate": 1.0}
            )

    def test_technician_cannot_book(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.service.appointment"].with_user(self.tech_user_1).create(
                {
                    "partner_id": self.customer.id,
                    "vehicle_id": self.vehicle.id,
                    "bay_id": self.bay_1.id,
                    "start_datetime": "2030-01-07 09:00:00",
                }
            )

    def test_roles_open_their_forms(self):
        cases = [
            (self.tech_user_1, self.job_1),
            (self.advisor, self.job_2),
            (self.warranty_admin, self.job_1),
            (self.foreman, self.job_2),
        ]
        for user, record in cases:
            with self.subTest(user=user.login, model=record._name):
                form = Form(record.with_user(user))
                self.assertEqual(form.id, record.id)

    def test_advisor_opens_appointment_form(self):
        appointment = self.env["autocrm.service.appointment"].create(
            {
                "partner_id": self.customer.id,
                "vehicle_id": self.vehicle.id,
                "bay_id": self.bay_1.id,
                "technician_id": self.tech_1.id,
                "start_datetime": "2030-01-07 09:00:00",
            }
        )
        form = Form(appointment.with_user(self.advisor))
        self.assertEqual(form.technician_id, self.tech_1)

    def test_roles_read_service_history(self):
        history = [
            "repair_order_ids",
            "repair_order_count",
            "repair_labour_line_ids",
            "repair_part_move_ids",
            "odometer_reading_ids",
        ]
        for user in (self.tech_user_1, self.advisor, self.warranty_admin):
            with self.subTest(user=user.login):
                values = self.vehicle.with_user(user).read(history)[0]
                self.assertIn(self.job_1.id, values["repair_order_ids"])

    def test_technician_opens_own_labour(self):
        lines = self.env["autocrm.labour.line"].with_user(self.tech_user_1)
        views = lines.get_views([(False, "kanban"), (False, "list")])
        self.assertIn("kanban", views["views"])
        self.assertEqual(lines.search([]), self.labour_1)
