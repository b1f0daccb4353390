from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.autocrm_sales.tests.common import make_vin

from .common import DealCostingCase


@tagged("post_install", "-at_install")
class TestLandedCosts(DealCostingCase):
    """Freight added to a VIN's receipt lands on the deal that sells it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.freight = cls.env["product.product"].create(
            {
                "name": "Freight to Store",
                "type": "service",
                "landed_cost_ok": True,
                "split_method_landed_cost": "equal",
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.carrier = cls.env["res.partner"].create({"name": "Rail Carrier"})
        (cls.lot,) = cls._receive_vins(cls.vehicle, [(make_vin(901), 98000.0)])
        cls.receipt = (
            cls.env["stock.move.line"].search([("lot_id", "=", cls.lot.id)]).picking_id
        )
        cls.fixed_costs = cls.env.ref("autocrm_costing.department_fixed_costs")

    def _add_freight(self, amount):
        """Post a freight bill and apply it to the VIN's receipt."""
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.carrier.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.freight.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "is_landed_costs_line": True,
                        }
                    )
                ],
            }
        )
        bill.action_post()
        landed = self.env["stock.landed.cost"].browse(
            bill.button_create_landed_costs()["res_id"]
        )
        landed.picking_ids = self.receipt
        landed.button_validate()
        self.assertEqual(landed.state, "done")
        return landed

    def _sell(self, deliver=True):
        deal = self._create_deal(self.lot).with_env(self.env)
        deal.action_confirm()
        if deliver:
            self._deliver_vehicle(deal)
        deal._create_invoices(final=True).action_post()
        return deal

    def _fixed_costs(self):
        lines = self.env["autocrm.costing.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("department_id", "=", self.fixed_costs.id),
            ]
        )
        return sum(lines.mapped("cost"))

    def test_freight_before_sale(self):
        fixed_before = self._fixed_costs()
        self._add_freight(800.0)
        self.assertEqual(self.lot.standard_price, 98800.0)
        deal = self._sell()
        self.assertEqual(self._profit(deal).vehicle_cost, 98800.0)
        # The freight bill is part of the vehicle, not of the fixed costs.
        self.assertAlmostEqual(self._fixed_costs(), fixed_before, places=2)

    def test_freight_before_sale_in_expected_cost(self):
        self._add_freight(800.0)
        deal = self._sell(deliver=False)
        self.assertEqual(self._profit(deal).vehicle_cost, 98800.0)

    def test_freight_after_delivery(self):
        deal = self._sell()
        fixed_before = self._fixed_costs()
        landed = self._add_freight(300.0)
        adjustment = landed.valuation_adjustment_lines
        self.assertEqual(adjustment.costing_lot_costs, {str(self.lot.id): 300.0})
        self.assertEqual(self._profit(deal).vehicle_cost, 98300.0)
        self.assertAlmostEqual(self._fixed_costs(), fixed_before, places=2)
        line = self.env["autocrm.costing.line"].search(
            [("deal_id", "=", deal.id), ("source", "=", "landed")]
        )
        self.assertEqual(line.landed_cost_id, landed)
        self.assertEqual(line.lot_id, self.lot)
        self.assertEqual(line.cost, 300.0)
