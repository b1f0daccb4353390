from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestFollowupRules(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["autocrm.followup.rule"]
        # Only the rules created here fire, whatever data is installed.
        cls.Rule.search([]).active = False
        cls.call_type = cls.env.ref("autocrm_crm.mail_activity_type_customer_call")
        cls.today = fields.Date.context_today(cls.Rule)
        cls.company.autocrm_customer_service_user_id = cls.customer_service
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Delivered deal",
                "partner_id": cls.customer.id,
                "user_id": cls.consultant.id,
            }
        )

    def _rule(self, **vals):
        return self.Rule.create(
            {
                "name": "Call",
                "event_code": "vehicle_delivered",
                "delay_days": 7,
                "activity_type_id": self.call_type.id,
                **vals,
            }
        )

    def test_rule_schedules_activity_for_responsible(self):
        rule = self._rule()
        followups = self.Rule._trigger_event("vehicle_delivered", self.lead)
        self.assertEqual(followups.rule_id, rule)
        activity = followups.activity_id
        self.assertEqual(activity.res_id, self.lead.id)
        self.assertEqual(activity.user_id, self.consultant)
        self.assertEqual(activity.date_deadline, self.today + timedelta(days=7))
        self.assertEqual(followups.state, "scheduled")

    def test_rule_for_customer_service(self):
        self._rule(role="customer_service")
        followups = self.Rule._trigger_event("vehicle_delivered", self.lead)
        self.assertEqual(followups.activity_id.user_id, self.customer_service)

    def test_rule_for_specific_user(self):
        self._rule(role="user", user_id=self.sales_manager.id)
        followups = self.Rule._trigger_event("vehicle_delivered", self.lead)
        self.assertEqual(followups.activity_id.user_id, self.sales_manager)

    def test_firing_twice_creates_nothing_new(self):
        self._rule()
        first = self.Rule._trigger_event("vehicle_delivered", self.lead)
        second = self.Rule._trigger_event("vehicle_delivered", self.lead)
        self.assertEqual(len(first), 1)
        self.assertFalse(second)
        self.assertEqual(len(self.lead.activity_ids), 1)

    def test_database_rejects_second_followup_for_same_rule(self):
        rule = self._rule()
        self.Rule._trigger_event("vehicle_delivered", self.lead)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["autocrm.followup"].create(
                {
                    "rule_id": rule.id,
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                    "company_id": self.company.id,
                    "due_date": self.today,
                }
            )

    def test_other_event_ignored(self):
        self._rule(event_code="repair_done")
        self.assertFalse(self.Rule._trigger_event("vehicle_delivered", self.lead))

    def test_rule_of_other_store_ignored(self):
        self._rule(company_id=self.other_company.id)
        self.assertFalse(self.Rule._trigger_event("vehicle_delivered", self.lead))

    def test_archived_rule_ignored(self):
        self._rule().active = False
        self.assertFalse(self.Rule._trigger_event("vehicle_delivered", self.lead))

    def test_unknown_event_rejected(self):
        with self.assertRaises(ValueError):
            self.Rule._trigger_event("car_washed", self.lead)

    def test_event_fired_by_user_without_rule_access(self):
        # A workshop or parts user has no access to follow-up rules, but
        # finishing their job still plans the follow-ups.
        self._rule()
        plain_user = new_test_user(
            self.env, login="plain_user", groups="autocrm_base.group_dealership_user"
        )
        followups = self.Rule.with_user(plain_user)._trigger_event(
            "vehicle_delivered", self.lead
        )
        self.assertEqual(len(followups), 1)
        self.assertEqual(followups.activity_id.user_id, self.consultant)

    def test_lead_created_event(self):
        rule = self._rule(event_code="lead_created", delay_days=0)
        lead = self.env["crm.lead"].create(
            {"name": "New", "partner_id": self.customer.id}
        )
        self.assertEqual(rule.followup_ids.res_id, lead.id)

    def test_survey_rule_waits_until_due(self):
        survey = self.env.ref("autocrm_crm.survey_sales_satisfaction")
        rule = self._rule(action_type="survey", survey_id=survey.id, delay_days=3)
        followup = self.Rule._trigger_event("vehicle_delivered", self.lead)
        self.assertEqual(followup.state, "planned")
        self.env["autocrm.followup"]._cron_send_due_surveys()
        self.assertEqual(followup.state, "planned")
        followup.due_date = self.today
        self.env["autocrm.followup"]._cron_send_due_surveys()
        self.assertEqual(followup.state, "sent")
        answer = followup.user_input_id
        self.assertEqual(answer.survey_id, survey)
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.autocrm_document_ref, self.lead)
        self.assertEqual(answer.autocrm_followup_id.rule_id, rule)

    def test_survey_skipped_without_email(self):
        survey = self.env.ref("autocrm_crm.survey_sales_satisfaction")
        self._rule(action_type="survey", survey_id=survey.id, delay_days=0)
        self.customer.email = False
        followup = self.Rule._trigger_event("vehicle_delivered", self.lead)
        self.assertEqual(followup.state, "skipped")
        self.assertFalse(followup.user_input_id)

    def test_activity_rule_without_type_rejected(self):
        with self.assertRaisesRegex(ValidationError, "choose its activity type"):
            self._rule(activity_type_id=False)

    def test_survey_rule_without_survey_rejected(self):
        with self.assertRaisesRegex(ValidationError, "choose the survey"):
            self._rule(action_type="survey")

    def test_specific_user_rule_without_user_rejected(self):
        with self.assertRaisesRegex(ValidationError, "choose the user"):
            self._rule(role="user")

    def test_negative_delay_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Enter 0 or more days"):
            self._rule(delay_days=-1)


@tagged("post_install", "-at_install")
class TestFollowupDefaultPlan(AutocrmCrmCommon):
    def test_default_delivery_and_repair_calls(self):
        rules = self.env["autocrm.followup.rule"].search(
            [("action_type", "=", "activity")]
        )
        delivery = rules.filtered(lambda rule: rule.event_code == "vehicle_delivered")
        repair = rules.filtered(lambda rule: rule.event_code == "repair_done")
        self.assertEqual(sorted(delivery.mapped("delay_days")), [1, 7, 30])
        self.assertEqual(repair.mapped("delay_days"), [3])

    def test_default_plan_on_delivery(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Deal",
                "partner_id": self.customer.id,
                "user_id": self.consultant.id,
            }
        )
        followups = self.env["autocrm.followup.rule"]._trigger_event(
            "vehicle_delivered", lead
        )
        activities = followups.activity_id
        today = fields.Date.context_today(lead)
        self.assertEqual(
            sorted((act.date_deadline - today).days for act in activities), [1, 7, 30]
        )
