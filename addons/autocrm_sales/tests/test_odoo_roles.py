from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import VehicleSalesCase


@tagged("post_install", "-at_install")
class TestOdooRoles(VehicleSalesCase):
    """Odoo's own sales roles, without a dealership role, keep selling."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="odoo_salesman",
            groups="sales_team.group_sale_salesman,stock.group_stock_user",
        )

    def _create_order(self):
        return (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.accessory.id})],
                }
            )
        )

    def test_salesman_cancels_order(self):
        order = self._create_order()
        order.action_confirm()
        order.action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.picking_ids.state, "cancel")

    def test_salesman_cancel_voids_pass(self):
        order = self._create_order()
        gate_pass = self.env["autocrm.gate.pass"].create({"order_id": order.id})
        order.action_confirm()
        order.action_cancel()
        self.assertEqual(gate_pass.state, "cancelled")
