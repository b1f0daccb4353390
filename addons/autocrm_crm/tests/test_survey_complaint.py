from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestSurveyNps(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("autocrm_crm.survey_service_satisfaction")
        cls.nps_question = cls.env.ref("autocrm_crm.survey_service_satisfaction_nps")
        cls.company.autocrm_customer_service_user_id = cls.customer_service

    def _answer(self, score):
        answer = self.survey._create_answer(partner=self.customer, check_attempts=False)
        answer._save_lines(self.nps_question, str(score))
        answer._mark_done()
        return answer

    def test_surveys_ship_with_nps_question(self):
        for xmlid in (
            "autocrm_crm.survey_sales_satisfaction",
            "autocrm_crm.survey_service_satisfaction",
        ):
            survey = self.env.ref(xmlid)
            nps = survey.question_ids.filtered("is_nps")
            self.assertEqual(len(nps), 1, xmlid)
            self.assertEqual((nps.scale_min, nps.scale_max), (0, 10))

    def test_nps_score_read_from_answer(self):
        self.assertEqual(self._answer(9).nps_score, 9)

    def test_low_score_opens_complaint(self):
        answer = self._answer(3)
        complaint = answer.complaint_ids
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.category, "service")
        self.assertEqual(complaint.severity, "high")
        self.assertEqual(complaint.user_id, self.customer_service)

    def test_public_answer_complaint_goes_to_customer_service(self):
        answer = self.survey.sudo()._create_answer(
            partner=self.customer, check_attempts=False
        )
        public = self.env.ref("base.public_user")
        answer = answer.with_user(public).sudo()
        answer._save_lines(self.nps_question, "1")
        answer._mark_done()
        self.assertEqual(answer.complaint_ids.user_id, self.customer_service)

    def test_score_at_threshold_opens_nothing(self):
        self.assertFalse(self._answer(7).complaint_ids)

    def test_threshold_configurable(self):
        self.company.autocrm_nps_complaint_threshold = 9
        self.assertTrue(self._answer(8).complaint_ids)

    def test_threshold_out_of_range_rejected(self):
        with self.assertRaisesRegex(ValidationError, "from 0 to 10"):
            self.company.autocrm_nps_complaint_threshold = 11

    def test_nps_question_must_be_scale_0_to_10(self):
        with self.assertRaisesRegex(ValidationError, "scale from 0 to 10"):
            self.nps_question.scale_max = 5

    def test_complaint_links_followup_document(self):
        lead = self.env["crm.lead"].create(
            {"name": "Repair", "partner_id": self.customer.id}
        )
        rule = self.env["autocrm.followup.rule"].create(
            {
                "name": "Survey",
                "event_code": "repair_done",
                "action_type": "survey",
                "survey_id": self.survey.id,
            }
        )
        self.env["autocrm.followup.rule"].search([("id", "!=", rule.id)]).active = False
        followup = rule._trigger_event("repair_done", lead)
        answer = followup.user_input_id
        answer._save_lines(self.nps_question, "2")
        answer._mark_done()
        self.assertEqual(answer.complaint_ids.document_ref, lead)


@tagged("post_install", "-at_install")
class TestComplaint(AutocrmCrmCommon):
    def _complaint(self, **vals):
        return self.env["autocrm.complaint"].create(
            {"name": "Scratch on delivery", "partner_id": self.customer.id, **vals}
        )

    def test_reference_from_sequence(self):
        self.assertTrue(self._complaint().reference.startswith("CMP/"))

    def test_deadline_from_severity(self):
        for severity, hours in (
            ("low", 120),
            ("medium", 72),
            ("high", 24),
            ("critical", 4),
        ):
            with self.subTest(severity=severity):
                complaint = self._complaint(severity=severity)
                self.assertEqual(
                    complaint.sla_deadline - complaint.reported_on,
                    timedelta(hours=hours),
                )

    def test_deadline_configurable_per_store(self):
        self.company.autocrm_complaint_hours_high = 8
        complaint = self._complaint(severity="high")
        self.assertEqual(
            complaint.sla_deadline - complaint.reported_on, timedelta(hours=8)
        )

    def test_deadline_below_one_hour_rejected(self):
        with self.assertRaisesRegex(ValidationError, "at least 1 hour"):
            self.company.autocrm_complaint_hours_critical = 0

    def test_resolve_without_resolution_rejected(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "has no resolution"):
            complaint.action_resolve()
        complaint.resolution = "<p></p>"
        with self.assertRaisesRegex(UserError, "has no resolution"):
            complaint.action_resolve()

    def test_resolve_and_close(self):
        complaint = self._complaint()
        complaint.action_start()
        complaint.resolution = "<p>Panel repainted free of charge</p>"
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.resolved_on)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    def test_document_selection_open_to_other_modules(self):
        models = dict(self.env["autocrm.complaint"]._selection_document_ref())
        self.assertIn("crm.lead", models)
        self.assertIn("autocrm.test.drive", models)

    def test_overdue_escalates_once_to_manager(self):
        self.company.autocrm_complaint_manager_id = self.sales_manager
        complaint = self._complaint(severity="critical")
        complaint.reported_on = fields.Datetime.now() - timedelta(hours=5)
        self.assertTrue(complaint.is_overdue)
        Complaint = self.env["autocrm.complaint"]
        Complaint._cron_escalate_overdue()
        activities = complaint.activity_ids.filtered(
            lambda act: act.user_id == self.sales_manager
        )
        self.assertEqual(len(activities), 1)
        self.assertTrue(complaint.escalated)
        Complaint._cron_escalate_overdue()
        self.assertEqual(len(complaint.activity_ids), 1)

    def test_escalation_falls_back_to_a_sales_manager(self):
        complaint = self._complaint(severity="critical")
        complaint.reported_on = fields.Datetime.now() - timedelta(hours=5)
        manager = complaint._get_escalation_manager()
        self.assertTrue(manager.has_group("autocrm_crm.group_sales_manager"))
        self.assertIn(self.company, manager.company_ids)

    def test_complaint_within_deadline_not_escalated(self):
        complaint = self._complaint(severity="low")
        self.env["autocrm.complaint"]._cron_escalate_overdue()
        self.assertFalse(complaint.escalated)
        self.assertFalse(complaint.activity_ids)

    def test_resolved_complaint_not_overdue(self):
        complaint = self._complaint(severity="critical", resolution="<p>Done</p>")
        complaint.reported_on = fields.Datetime.now() - timedelta(hours=5)
        complaint.action_resolve()
        self.assertFalse(complaint.is_overdue)
        self.assertNotIn(
            complaint,
            self.env["autocrm.complaint"].search([("is_overdue", "=", True)]),
        )
