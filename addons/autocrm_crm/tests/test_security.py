from odoo.exceptions import AccessError
from odoo.tests import tagged

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
