from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestLeadIntentCadence(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.followup_type = cls.env.ref(
            "autocrm_crm.mail_activity_type_intent_followup"
        )
        cls.today = fields.Date.context_today(cls.env["crm.lead"])

    def _create_lead(self, **vals):
        return self.env["crm.lead"].create(
            {
                "name": "Roadster prospect",
                "type": "opportunity",
                "user_id": self.consultant.id,
                **vals,
            }
        )

    def _followups(self, lead):
        return lead.activity_ids.filtered(
            lambda act: act.activity_type_id == self.followup_type
        )

    def test_default_cadence_per_level(self):
        for level, days in (("h", 2), ("a", 3), ("b", 7), ("c", 14)):
            with self.subTest(level=level):
                lead = self._create_lead(intent_level=level)
                followup = self._followups(lead)
                self.assertEqual(len(followup), 1)
                self.assertEqual(followup.date_deadline, self.today + timedelta(days))
                self.assertEqual(followup.user_id, self.consultant)

    def test_no_followup_without_level(self):
        self.assertFalse(self._followups(self._create_lead()))

    def test_level_change_moves_the_followup(self):
        lead = self._create_lead(intent_level="c")
        lead.intent_level = "h"
        followup = self._followups(lead)
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.date_deadline, self.today + timedelta(days=2))

    def test_finished_followup_schedules_next(self):
        lead = self._create_lead(intent_level="b")
        self._followups(lead).action_feedback(feedback="Called, wants a quote")
        followup = self._followups(lead)
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.date_deadline, self.today + timedelta(days=7))

    def test_consultant_change_reassigns_followup(self):
        lead = self._create_lead(intent_level="a")
        lead.user_id = self.other_consultant
        self.assertEqual(self._followups(lead).user_id, self.other_consultant)

    def test_cadence_configurable_per_company(self):
        self.company.autocrm_followup_days_h = 1
        lead = self._create_lead(intent_level="h")
        self.assertEqual(
            self._followups(lead).date_deadline, self.today + timedelta(days=1)
        )

    def test_cadence_below_one_day_rejected(self):
        with self.assertRaisesRegex(ValidationError, "intent level B"):
            self.company.autocrm_followup_days_b = 0

    def test_lost_lead_drops_followup(self):
        lead = self._create_lead(intent_level="h")
        lead.action_set_lost()
        self.assertFalse(self._followups(lead.with_context(active_test=False)))

    def test_won_lead_drops_followup(self):
        lead = self._create_lead(intent_level="h")
        lead.action_set_won()
        self.assertFalse(self._followups(lead))

    def test_level_removed_drops_followup(self):
        lead = self._create_lead(intent_level="h")
        lead.intent_level = False
        self.assertFalse(self._followups(lead))

    def test_overdue_followups_action(self):
        lead = self._create_lead(intent_level="h")
        self._followups(lead).date_deadline = self.today - timedelta(days=1)
        action = self.env.ref("autocrm_crm.mail_activity_action_overdue_followups")
        domain = safe_eval(action.domain)
        activities = self.env["mail.activity"].search(
            domain + [("date_deadline", "<", self.today)]
        )
        self.assertIn(self._followups(lead), activities)

    def test_form_shows_intent_fields(self):
        with Form(self.env["crm.lead"].with_user(self.consultant)) as form:
            form.name = "Walk-in interested in Roadster"
            form.intent_level = "a"
            form.wished_model_id = self.model
            form.wished_trim = "Sport"
            form.budget = 250000
            form.payment_plan = "loan"
            form.source_channel = "walk_in"
        lead = form.record
        self.assertEqual(lead.intent_level, "a")
        self.assertEqual(lead.user_id, self.consultant)
        self.assertEqual(len(self._followups(lead)), 1)


@tagged("post_install", "-at_install")
class TestLeadTradeIn(AutocrmCrmCommon):
    def test_tradein_vin_normalised(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Trade-in",
                "has_tradein": True,
                "tradein_vin": "wvwzzz1jz3w386752",
            }
        )
        self.assertEqual(lead.tradein_vin, "WVWZZZ1JZ3W386752")

    def test_tradein_vin_invalid_rejected(self):
        with self.assertRaisesRegex(ValidationError, "trade-in VIN"):
            self.env["crm.lead"].create({"name": "Trade-in", "tradein_vin": "ABC"})

    def test_negative_budget_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Budget"):
            self.env["crm.lead"].create({"name": "Budget", "budget": -1})

    def test_negative_tradein_price_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Trade-in Expected Price"):
            self.env["crm.lead"].create(
                {"name": "Trade-in", "tradein_expected_price": -100}
            )
