from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.autocrm_crm.hooks import post_init_hook

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestReferralsAndMembership(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env.ref("autocrm_crm.loyalty_program_owner_club")
        cls.referrer = cls.env["res.partner"].create({"name": "Referrer"})
        cls.friend = cls.env["res.partner"].create(
            {"name": "Friend", "referred_by_id": cls.referrer.id}
        )

    def _invoice(self, partner, amount=1000.0, post=True):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": amount}
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def test_first_purchase_rewards_referrer(self):
        self._invoice(self.friend)
        card = self.env["loyalty.card"].search(
            [
                ("partner_id", "=", self.referrer.id),
                ("program_id", "=", self.program.id),
            ]
        )
        self.assertEqual(card.points, 500)
        self.assertTrue(self.friend.referral_rewarded)
        self.assertEqual(card.history_ids.issued, 500)
        self.assertEqual(self.referrer.loyalty_points, 500)

    def test_second_purchase_gives_no_second_reward(self):
        self._invoice(self.friend)
        self._invoice(self.friend)
        card = self.env["loyalty.card"].search([("partner_id", "=", self.referrer.id)])
        self.assertEqual(card.points, 500)

    def test_customer_who_bought_before_referral_gives_no_reward(self):
        regular = self.env["res.partner"].create({"name": "Regular"})
        self._invoice(regular)
        regular.referred_by_id = self.referrer
        self._invoice(regular)
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", self.referrer.id)])
        )

    def test_draft_invoice_gives_no_reward(self):
        self._invoice(self.friend, post=False)
        self.assertFalse(self.friend.referral_rewarded)

    def test_reward_amount_configurable(self):
        self.company.autocrm_referral_reward_points = 800
        self._invoice(self.friend)
        self.assertEqual(self.referrer.loyalty_points, 800)

    def test_invoice_earns_membership_points(self):
        invoice = self._invoice(self.friend, amount=1234.4)
        card = self.friend._get_membership_card(self.program)
        self.assertEqual(card.points, 1234)
        self.assertEqual(invoice.autocrm_membership_points, 1234)
        self.assertEqual(card.history_ids.order_id, invoice.id)

    def test_credit_note_takes_points_back(self):
        invoice = self._invoice(self.friend, amount=1000)
        refund = invoice._reverse_moves()
        refund.action_post()
        card = self.friend._get_membership_card(self.program)
        self.assertEqual(card.points, 0)
        self.assertEqual(refund.autocrm_membership_points, -1000)

    def test_reposted_invoice_earns_points_once(self):
        invoice = self._invoice(self.friend, amount=1000)
        invoice.button_draft()
        invoice.action_post()
        card = self.friend._get_membership_card(self.program)
        self.assertEqual(card.points, 1000)

    def test_program_kept_off_sale_orders(self):
        if "sale_ok" not in self.program._fields:
            self.skipTest("sale_loyalty is not installed")
        self.program.sale_ok = True
        post_init_hook(self.env)
        self.assertFalse(self.program.sale_ok)

    def test_self_referral_rejected(self):
        with self.assertRaisesRegex(ValidationError, "loop"):
            self.referrer.referred_by_id = self.referrer

    def test_referral_loop_rejected(self):
        with self.assertRaisesRegex(ValidationError, "loop"):
            self.referrer.referred_by_id = self.friend

    def test_membership_tier_from_points(self):
        card = self.referrer._get_membership_card(self.program)
        card.points = 6000
        self.referrer.invalidate_recordset(["loyalty_points", "loyalty_tier_id"])
        self.assertEqual(
            self.referrer.loyalty_tier_id, self.env.ref("autocrm_crm.loyalty_tier_gold")
        )

    def test_two_tiers_at_same_points_rejected(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["autocrm.loyalty.tier"].create(
                {"name": "Copy", "min_points": 5000}
            )

    def test_tier_with_negative_points_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Enter 0"):
            self.env["autocrm.loyalty.tier"].create({"name": "Bad", "min_points": -1})


@tagged("post_install", "-at_install")
class TestCustomerValueScore(AutocrmCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "autocrm_score_monetary_target": 10000,
                "autocrm_score_weight_recency": 25,
                "autocrm_score_weight_frequency": 20,
                "autocrm_score_weight_monetary": 25,
                "autocrm_score_weight_referral": 10,
                "autocrm_score_weight_event": 10,
                "autocrm_score_weight_survey": 10,
            }
        )

    def _invoice(self, partner, amount, days_ago=0):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today() - timedelta(days=days_ago),
                "invoice_line_ids": [
                    Command.create({"name": "Car", "quantity": 1, "price_unit": amount})
                ],
            }
        )
        move.action_post()

    def _attend_event(self, partner):
        event = self.env["event.event"].create(
            {
                "name": "Owner club meeting",
                "is_owner_event": True,
                "date_begin": fields.Datetime.now() - timedelta(days=10),
                "date_end": fields.Datetime.now() - timedelta(days=10, hours=-2),
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": partner.id}
        )
        registration.action_set_done()

    def test_components_from_invoices(self):
        self._invoice(self.customer, 5000)
        self._invoice(self.customer, 5000, days_ago=100)
        self.customer._compute_value_score()
        self.assertEqual(self.customer.value_score_recency, 100.0)
        self.assertEqual(self.customer.value_score_frequency, 20.0)
        self.assertEqual(self.customer.value_score_monetary, 100.0)
        self.assertEqual(self.customer.value_score_survey, 50.0)
        # 25*100 + 20*20 + 25*100 + 10*0 + 10*0 + 10*50 = 5900, over 100
        self.assertAlmostEqual(self.customer.value_score, 59.0)
        self.assertEqual(self.customer.value_segment, "loyal")

    def test_recency_decreases_with_time(self):
        self._invoice(self.customer, 100, days_ago=380)
        self.customer._compute_value_score()
        self.assertAlmostEqual(self.customer.value_score_recency, 50.0)

    def test_referrals_and_events_lift_a_modest_spender(self):
        modest = self.env["res.partner"].create({"name": "Modest"})
        self._invoice(modest, 500)
        modest._compute_value_score()
        before = modest.value_score
        self.env["res.partner"].create(
            [
                {"name": f"Friend {index}", "referred_by_id": modest.id}
                for index in range(3)
            ]
        )
        for _index in range(3):
            self._attend_event(modest)
        modest._compute_value_score()
        self.assertEqual(modest.value_score_referral, 100.0)
        self.assertEqual(modest.value_score_event, 100.0)
        self.assertAlmostEqual(modest.value_score - before, 20.0)

    def test_other_events_do_not_count(self):
        self._attend_event(self.customer)
        self.env["event.event"].search([("name", "=", "Owner club meeting")]).write(
            {"is_owner_event": False}
        )
        self.customer._compute_value_score()
        self.assertEqual(self.customer.value_score_event, 0.0)

    def test_owner_event_from_template(self):
        clinic = self.env["event.type"].create(
            {"name": "Tyre clinic", "is_owner_event": True}
        )
        event = self.env["event.event"].create(
            {
                "name": "Winter tyre clinic",
                "event_type_id": clinic.id,
                "date_begin": fields.Datetime.now(),
                "date_end": fields.Datetime.now() + timedelta(hours=2),
            }
        )
        self.assertTrue(event.is_owner_event)

    def test_survey_component_from_nps(self):
        survey = self.env.ref("autocrm_crm.survey_sales_satisfaction")
        question = self.env.ref("autocrm_crm.survey_sales_satisfaction_nps")
        answer = survey._create_answer(partner=self.customer, check_attempts=False)
        answer._save_lines(question, "9")
        answer._mark_done()
        self.customer._compute_value_score()
        self.assertEqual(self.customer.value_score_survey, 90.0)

    def test_weights_from_settings(self):
        self._invoice(self.customer, 10000)
        self.company.write(
            {
                f"autocrm_score_weight_{name}": 0
                for name in ("frequency", "monetary", "referral", "event", "survey")
            }
        )
        self.customer._compute_value_score()
        self.assertEqual(self.customer.value_score, 100.0)
        self.assertEqual(self.customer.value_segment, "champion")

    def test_negative_weight_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Enter 0 or more"):
            self.company.autocrm_score_weight_event = -5

    def test_zero_monetary_target_rejected(self):
        with self.assertRaisesRegex(ValidationError, "above 0"):
            self.company.autocrm_score_monetary_target = 0

    def test_cron_scores_customers_in_batches(self):
        owner = self.env["res.partner"].create({"name": "Owner only"})
        self.env["fleet.vehicle"].create(
            {"model_id": self.model.id, "owner_id": owner.id}
        )
        self._invoice(self.customer, 1000)
        self.env["res.partner"]._cron_compute_value_score(batch_size=1)
        self.assertTrue(owner.value_score_date)
        self.assertTrue(self.customer.value_score_date)
        self.assertEqual(owner.value_segment, "low")
