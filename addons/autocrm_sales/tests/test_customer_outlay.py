from lxml import html

from odoo.fields import Command
from odoo.tests import tagged

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestCustomerOutlay(VehicleSalesCase):
    """What the customer pays in all, and what the deal form and report show."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._receive_vins(cls.vehicle, [(make_vin(501), 99000)])
        cls.deal = cls._create_deal(cls.lot)
        cls.agency = cls.env["autocrm.agency.service"].create(
            {
                "order_id": cls.deal.id,
                "service_type": "registration",
                "name": "Registration and plates",
                "price": 1500,
                "cost": 900,
            }
        )
        cls.finance = cls.env["autocrm.deal.finance"].create(
            {
                "order_id": cls.deal.id,
                "lender_id": cls.lender.id,
                "amount": 60000,
                "service_fee": 800,
            }
        )
        policy_vals = {
            "order_id": cls.deal.id,
            "insurer_id": cls.insurer.id,
            "start_date": "2026-07-01",
            "end_date": "2027-06-30",
        }
        cls.ctpl, cls.commercial, cls.cancelled = cls.env[
            "autocrm.insurance.policy"
        ].create(
            [
                dict(policy_vals, premium=950),
                dict(policy_vals, policy_type="commercial", premium=4200),
                dict(policy_vals, policy_type="commercial", premium=3000),
            ]
        )
        cls.cancelled.action_cancel()

    def _report_rows(self, deal):
        """Return the customer outlay rows of the printed quotation by name."""
        content, _report_type = self.env["ir.actions.report"]._render_qweb_html(
            "sale.action_report_saleorder", deal.ids
        )
        root = html.fromstring(content)
        return {
            row.get("name"): " ".join(row.text_content().split())
            for row in root.xpath("//div[@name='customer_outlay']//tr[@name]")
        }

    def test_outlay_adds_premiums_to_deal_total(self):
        deal = self.deal
        fee_total = self.finance.sale_line_id.price_total
        agency_total = self.agency.sale_line_id.price_total
        self.assertTrue(fee_total)
        self.assertTrue(agency_total)
        self.assertEqual(deal.outlay_finance_fee, fee_total)
        self.assertEqual(deal.outlay_agency_amount, agency_total)
        self.assertEqual(deal.outlay_insurance_premium, 950 + 4200)
        self.assertEqual(deal.customer_outlay, deal.amount_total + 950 + 4200)
        self.assertEqual(deal.outlay_financed_amount, 60000)
        self.assertEqual(
            deal.outlay_customer_funds, deal.amount_total + 950 + 4200 - 60000
        )

    def test_rejected_loan_not_financed(self):
        self.finance.action_submit()
        self.finance.action_reject()
        self.assertEqual(self.deal.outlay_financed_amount, 0)
        self.assertEqual(self.deal.outlay_finance_fee, 0)
        self.assertEqual(self.deal.outlay_customer_funds, self.deal.customer_outlay)

    def test_consultant_sees_outlay(self):
        deal = self.deal.with_user(self.consultant)
        self.assertEqual(deal.outlay_insurance_premium, 950 + 4200)
        self.assertEqual(deal.customer_outlay, self.deal.customer_outlay)

    def test_quotation_report_shows_outlay(self):
        rows = self._report_rows(self.deal)
        currency = self.deal.currency_id

        def amount(value):
            return currency.format(value).replace("\N{NO-BREAK SPACE}", " ")

        self.assertIn(amount(self.deal.amount_total), rows["outlay_deal_total"])
        self.assertIn("paid to the insurer", rows["outlay_insurance"])
        self.assertIn(amount(950 + 4200), rows["outlay_insurance"])
        self.assertIn("Customer outlay", rows["outlay_total"])
        self.assertIn(amount(self.deal.customer_outlay), rows["outlay_total"])
        self.assertIn(amount(60000), rows["outlay_financed"])
        self.assertIn(amount(self.deal.outlay_customer_funds), rows["outlay_own_funds"])

    def test_counter_sale_report_has_no_outlay(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "is_counter_sale": True,
                "order_line": [Command.create({"product_id": self.floor_mats.id})],
            }
        )
        self.assertEqual(self._report_rows(order), {})
