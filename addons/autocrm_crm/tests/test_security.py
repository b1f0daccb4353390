from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestRecordRules(AutocrmCrmCommon):
    """Consultants see their own records, managers their whole store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_store_consultant = cls._create_user(
            "consultant_other_store", "group_sales_consultant", cls.other_company
        )
        cls.other_store_car = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "is_demo_car": True,
                "company_id": cls.other_company.id,
            }
        )

        Lead = cls.env["crm.lead"]
        cls.lead_a = Lead.create({"name": "Lead of A", "user_id": cls.consultant.id})
        cls.lead_b = Lead.create(
            {"name": "Lead of B", "user_id": cls.other_consultant.id}
        )

        Visit = cls.env["autocrm.showroom.visit"]
        cls.visit_a = Visit.with_user(cls.consultant).create({"visitor_name": "A"})
        cls.visit_b = Visit.with_user(cls.other_consultant).create(
            {"visitor_name": "B"}
        )
        cls.visit_other_store = Visit.with_user(cls.other_store_consultant).create(
            {"visitor_name": "C", "company_id": cls.other_company.id}
        )

        TestDrive = cls.env["autocrm.test.drive"]
        cls.drive_a = TestDrive.with_user(cls.consultant).create(
            cls._test_drive_vals(start_hour=9)
        )
        cls.drive_b = TestDrive.with_user(cls.other_consultant).create(
            cls._test_drive_vals(start_hour=11)
        )
        cls.drive_other_store = TestDrive.with_user(cls.other_store_consultant).create(
            cls._test_drive_vals(
                vehicle_id=cls.other_store_car.id, company_id=cls.other_company.id
            )
        )

    def test_consultant_cannot_read_other_consultants_lead(self):
        Lead = self.env["crm.lead"].with_user(self.consultant)
        leads = Lead.search([("id", "in", (self.lead_a | self.lead_b).ids)])
        self.assertEqual(leads, self.lead_a)
        with self.assertRaises(AccessError):
            self.lead_b.with_user(self.consultant).read(["name"])

    def test_consultant_sees_only_own_visits(self):
        visits = (
            self.env["autocrm.showroom.visit"].with_user(self.consultant).search([])
        )
        self.assertIn(self.visit_a, visits)
        self.assertNotIn(self.visit_b, visits)
        self.assertNotIn(self.visit_other_store, visits)

    def test_consultant_sees_only_own_test_drives(self):
        drives = self.env["autocrm.test.drive"].with_user(self.consultant).search([])
        self.assertIn(self.drive_a, drives)
        self.assertNotIn(self.drive_b, drives)
        with self.assertRaises(AccessError):
            self.drive_b.with_user(self.consultant).read(["name"])

    def test_consultant_cannot_read_other_store(self):
        with self.assertRaises(AccessError):
            self.drive_other_store.with_user(self.consultant).read(["name"])
        with self.assertRaises(AccessError):
            self.visit_other_store.with_user(self.consultant).read(["name"])

    def test_manager_sees_whole_store_only(self):
        drives = self.env["autocrm.test.drive"].with_user(self.sales_manager).search([])
        self.assertIn(self.drive_a, drives)
        self.assertIn(self.drive_b, drives)
        self.assertNotIn(self.drive_other_store, drives)
        leads = self.env["crm.lead"].with_user(self.sales_manager).search([])
        self.assertIn(self.lead_b, leads)

    def test_customer_service_reads_but_cannot_book(self):
        drives = self.env["autocrm.test.drive"].with_user(self.customer_service)
        self.assertIn(self.drive_b, drives.search([]))
        with self.assertRaises(AccessError):
            drives.create(self._test_drive_vals(start_hour=15))

    def test_consultant_cannot_edit_followup_rules(self):
        rule = self.env.ref("autocrm_crm.followup_rule_delivery_call_1")
        rule.with_user(self.consultant).read(["name"])
        with self.assertRaises(AccessError):
            rule.with_user(self.consultant).write({"delay_days": 2})

    def test_consultant_sees_only_assigned_complaints(self):
        Complaint = self.env["autocrm.complaint"]
        mine = Complaint.create(
            {
                "name": "Mine",
                "partner_id": self.customer.id,
                "user_id": self.consultant.id,
            }
        )
        theirs = Complaint.create(
            {
                "name": "Other",
                "partner_id": self.customer.id,
                "user_id": self.customer_service.id,
            }
        )
        visible = Complaint.with_user(self.consultant).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            mine.with_user(self.consultant).write({"name": "Changed"})

    def test_consultant_opens_partner_360(self):
        partner = self.customer.with_user(self.consultant)
        self.assertEqual(partner.test_drive_count, 1)
        self.assertEqual(partner.survey_answer_count, 0)
        self.assertEqual(partner.loyalty_points, 0)

    def test_customer_service_opens_partner_360(self):
        partner = self.customer.with_user(self.customer_service)
        self.assertEqual(partner.test_drive_count, 2)
        self.assertEqual(partner.complaint_count, 0)

    def test_consultant_recomputes_value_score(self):
        self.customer.with_user(self.consultant).action_compute_value_score()
        self.assertTrue(self.customer.value_score_date)


@tagged("post_install", "-at_install")
class TestLeadVisibility(AutocrmCrmCommon):
    """Roles that imply Odoo's sales groups only for sales orders see no lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unassigned_lead = cls.env["crm.lead"].create(
            {"name": "Walk-in prospect", "user_id": False}
        )
        cls.unassigned_lead.message_post(
            body="Call back about the quote",
            mail_activity_type_id=cls.env.ref("mail.mail_activity_data_call").id,
        )

    def _visible_leads(self, user):
        return (
            self.env["crm.lead"]
            .with_user(user)
            .search([("id", "=", self.unassigned_lead.id)])
        )

    def _other_department_user(self, login, sales_group):
        return new_test_user(
            self.env,
            login=login,
            groups=f"autocrm_base.group_dealership_user,{sales_group}",
        )

    def test_own_leads_sales_group_sees_no_lead(self):
        user = self._other_department_user(
            "orders_own_docs", "sales_team.group_sale_salesman"
        )
        self.assertFalse(self._visible_leads(user))
        with self.assertRaises(AccessError):
            self.unassigned_lead.with_user(user).read(["name"])

    def test_all_leads_sales_group_sees_no_lead(self):
        user = self._other_department_user(
            "orders_all_docs", "sales_team.group_sale_salesman_all_leads"
        )
        self.assertFalse(self._visible_leads(user))
        activities = (
            self.env["crm.activity.report"]
            .with_user(user)
            .search([("lead_id", "=", self.unassigned_lead.id)])
        )
        self.assertFalse(activities)

    def test_parts_clerk_sees_no_lead(self):
        clerk_group = self.env.ref(
            "autocrm_parts.group_parts_clerk", raise_if_not_found=False
        )
        if not clerk_group:
            self.skipTest("autocrm_parts is not installed")
        clerk = new_test_user(
            self.env, login="lead_parts_clerk", groups="autocrm_parts.group_parts_clerk"
        )
        self.assertFalse(self._visible_leads(clerk))

    def test_sales_role_restores_leads(self):
        user = self._other_department_user(
            "orders_and_leads",
            "sales_team.group_sale_salesman_all_leads,"
            "autocrm_crm.group_sales_consultant",
        )
        self.assertEqual(self._visible_leads(user), self.unassigned_lead)

    def test_crm_roles_see_unassigned_lead(self):
        for user in (self.consultant, self.sales_manager, self.customer_service):
            with self.subTest(user=user.login):
                self.assertEqual(self._visible_leads(user), self.unassigned_lead)
        activities = (
            self.env["crm.activity.report"]
            .with_user(self.customer_service)
            .search([("lead_id", "=", self.unassigned_lead.id)])
        )
        self.assertTrue(activities)
