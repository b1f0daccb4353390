from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestSurveyAnswerCompany(AutocrmCrmCommon):
    """Customer service of one store cannot open another store's answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("autocrm_crm.survey_service_satisfaction")
        cls.nps_question = cls.env.ref("autocrm_crm.survey_service_satisfaction_nps")
        cls.other_customer_service = cls._create_user(
            "customer_service_b", "group_customer_service", cls.other_company
        )

        cls.rule = cls.env["autocrm.followup.rule"].create(
            {
                "name": "Service survey",
                "event_code": "repair_done",
                "action_type": "survey",
                "survey_id": cls.survey.id,
            }
        )

        cls.lead_a = cls.env["crm.lead"].create(
            {
                "name": "Lead of store A",
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
            }
        )
        cls.lead_b = cls.env["crm.lead"].create(
            {
                "name": "Lead of store B",
                "partner_id": cls.customer.id,
                "company_id": cls.other_company.id,
            }
        )

        cls.followup_a = cls._create_followup(cls.lead_a, cls.company)
        cls.followup_b = cls._create_followup(cls.lead_b, cls.other_company)
        # A score of 2 is below the default threshold, so each answer also
        # opens a complaint in its store.
        cls.answer_a = cls._answer_followup(cls.followup_a, score=2)
        cls.answer_b = cls._answer_followup(cls.followup_b, score=2)
        cls.complaint_a = cls.answer_a.complaint_ids
        cls.complaint_b = cls.answer_b.complaint_ids

    @classmethod
    def _create_followup(cls, lead, company):
        return cls.env["autocrm.followup"].create(
            {
                "rule_id": cls.rule.id,
                "res_model": lead._name,
                "res_id": lead.id,
                "partner_id": cls.customer.id,
                "company_id": company.id,
                "due_date": fields.Date.today(),
            }
        )

    @classmethod
    def _answer_followup(cls, followup, score):
        answer = followup._create_survey_answer()
        followup.write({"state": "sent", "user_input_id": answer.id})
        answer._save_lines(cls.nps_question, str(score))
        answer._mark_done()
        return answer

    def test_answer_company_from_followup(self):
        self.assertEqual(self.answer_a.company_id, self.company)
        self.assertEqual(self.answer_b.company_id, self.other_company)
        lines_b = self.answer_b.user_input_line_ids
        self.assertEqual(lines_b.company_id, self.other_company)

    def test_answer_company_from_document(self):
        answer = self.survey._create_answer(
            partner=self.customer,
            check_attempts=False,
            autocrm_document_ref=f"crm.lead,{self.lead_b.id}",
        )
        self.assertEqual(answer.company_id, self.other_company)

    def test_answer_company_from_vehicle(self):
        car_b = self.env["fleet.vehicle"].create(
            {"model_id": self.model.id, "company_id": self.other_company.id}
        )
        answer = self.survey._create_answer(
            partner=self.customer,
            check_attempts=False,
            autocrm_vehicle_id=car_b.id,
        )
        self.assertEqual(answer.company_id, self.other_company)

    def test_search_hides_other_store_answers(self):
        answers = (
            self.env["survey.user_input"]
            .with_user(self.customer_service)
            .search([("id", "in", (self.answer_a | self.answer_b).ids)])
        )
        self.assertEqual(answers, self.answer_a)

    def test_read_other_store_answer_raises(self):
        with self.assertRaises(AccessError):
            self.answer_b.with_user(self.customer_service).read(["nps_score"])

    def test_browse_other_store_answer_raises(self):
        answer = (
            self.env["survey.user_input"]
            .with_user(self.customer_service)
            .browse(self.answer_b.id)
        )
        with self.assertRaises(AccessError):
            answer.mapped("partner_id")

    def test_own_store_answer_readable(self):
        answer = self.answer_a.with_user(self.customer_service)
        self.assertEqual(answer.read(["nps_score"])[0]["nps_score"], 2)
        other = self.answer_b.with_user(self.other_customer_service)
        self.assertEqual(other.read(["nps_score"])[0]["nps_score"], 2)

    def test_other_store_answer_lines_hidden(self):
        Line = self.env["survey.user_input.line"].with_user(self.customer_service)
        lines_b = self.answer_b.user_input_line_ids
        self.assertTrue(lines_b)
        self.assertFalse(Line.search([("id", "in", lines_b.ids)]))
        with self.assertRaises(AccessError):
            lines_b.with_user(self.customer_service).read(["value_scale"])
        lines_a = self.answer_a.user_input_line_ids
        self.assertEqual(Line.search([("id", "in", lines_a.ids)]), lines_a)

    def test_partner_count_skips_other_store(self):
        partner = self.customer.with_user(self.customer_service)
        self.assertEqual(partner.survey_answer_count, 1)

    def test_answer_without_store_stays_shared(self):
        answer = self.survey._create_answer(partner=self.customer, check_attempts=False)
        self.assertFalse(answer.company_id)
        for user in (self.customer_service, self.other_customer_service):
            with self.subTest(user=user.login):
                found = (
                    self.env["survey.user_input"]
                    .with_user(user)
                    .search([("id", "=", answer.id)])
                )
                self.assertEqual(found, answer)

    def test_survey_manager_follows_active_stores(self):
        manager = new_test_user(
            self.env,
            login="survey_manager_ab",
            groups="survey.group_survey_manager",
            company_id=self.company.id,
            company_ids=[Command.set((self.company | self.other_company).ids)],
        )
        both = self.answer_a | self.answer_b
        Answer = self.env["survey.user_input"].with_user(manager)
        # With no company switcher selection, all allowed stores are active.
        self.assertEqual(Answer.search([("id", "in", both.ids)]), both)
        Answer = Answer.with_context(allowed_company_ids=self.company.ids)
        self.assertEqual(Answer.search([("id", "in", both.ids)]), self.answer_a)

    def test_other_store_followup_hidden(self):
        Followup = self.env["autocrm.followup"].with_user(self.customer_service)
        both = self.followup_a | self.followup_b
        self.assertEqual(Followup.search([("id", "in", both.ids)]), self.followup_a)
        with self.assertRaises(AccessError):
            self.followup_b.with_user(self.customer_service).read(["state"])

    def test_other_store_complaint_hidden(self):
        self.assertEqual(self.complaint_b.company_id, self.other_company)
        Complaint = self.env["autocrm.complaint"].with_user(self.customer_service)
        both = self.complaint_a | self.complaint_b
        self.assertEqual(Complaint.search([("id", "in", both.ids)]), self.complaint_a)
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.customer_service).read(["name"])
