from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.autocrm_sales.tests.common import make_vin

from .common import DealCostingCase


@tagged("post_install", "-at_install")
class TestExpectedVehicleCost(DealCostingCase):
    """A vehicle invoiced before it leaves costs its VIN's own value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.lot,) = cls._receive_vins(cls.vehicle, [(make_vin(801), 98000.0)])
        cls.new_vehicles = cls.env.ref("autocrm_costing.department_new_vehicles")

    def _invoiced_deal(self, invoice_date=None):
        deal = self._create_deal(self.lot).with_env(self.env)
        deal.action_confirm()
        invoice = deal._create_invoices(final=True)
        invoice.invoice_date = invoice_date or fields.Date.today()
        invoice.action_post()
        return deal

    def _new_vehicles_result(self, month):
        results = self.env["autocrm.costing.department.result"].search(
            [
                ("company_id", "=", self.company.id),
                ("department_id", "=", self.new_vehicles.id),
                ("month", "=", month),
            ]
        )
        return (
            round(sum(results.mapped("revenue")), 2),
            round(sum(results.mapped("cost")), 2),
        )

    def test_invoiced_not_delivered(self):
        deal = self._invoiced_deal()
        profit = self._profit(deal)
        self.assertFalse(profit.delivered)
        self.assertEqual(profit.vehicle_revenue, 120000.0)
        self.assertEqual(profit.vehicle_cost, 98000.0)
        self.assertEqual(profit.gross_profit, 22000.0)
        self.assertEqual(profit.margin, 18.33)
        expected = self.env["autocrm.costing.line"].search(
            [("deal_id", "=", deal.id), ("source", "=", "expected")]
        )
        self.assertEqual(expected.lot_id, self.lot)
        self.assertEqual(expected.department_id, self.new_vehicles)

    def test_delivery_replaces_expected_cost(self):
        deal = self._invoiced_deal()
        self._deliver_vehicle(deal)
        profit = self._profit(deal)
        self.assertTrue(profit.delivered)
        self.assertEqual(profit.vehicle_cost, 98000.0)
        lines = self.env["autocrm.costing.line"].search(
            [("deal_id", "=", deal.id), ("category", "=", "vehicle")]
        )
        # Invoiced and delivered on the same day: only the delivery counts.
        self.assertEqual(set(lines.mapped("source")), {"journal", "stock"})

    def test_invoice_month_keeps_expected_cost(self):
        this_month = fields.Date.start_of(fields.Date.today(), "month")
        last_month = this_month - relativedelta(months=1)
        # Demo deals may count in these months too: compare with before.
        last_before = self._new_vehicles_result(last_month)
        this_before = self._new_vehicles_result(this_month)
        deal = self._invoiced_deal(invoice_date=last_month + relativedelta(days=27))
        self._deliver_vehicle(deal)
        self.assertEqual(
            self._new_vehicles_result(last_month),
            (
                round(last_before[0] + 120000.0, 2),
                round(last_before[1] + 98000.0, 2),
            ),
        )
        # The delivery's cost replaces the expected cost taken back this month.
        self.assertEqual(self._new_vehicles_result(this_month), this_before)
        profit = self._profit(deal)
        self.assertEqual(profit.vehicle_cost, 98000.0)
        self.assertEqual(profit.gross_profit, 22000.0)

    def test_cancelled_invoice_has_no_expected_cost(self):
        deal = self._invoiced_deal()
        deal.invoice_ids._reverse_moves(cancel=True)
        profit = self._profit(deal)
        self.assertEqual(profit.vehicle_revenue, 0.0)
        self.assertEqual(profit.vehicle_cost, 0.0)
