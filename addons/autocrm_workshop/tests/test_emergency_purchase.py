from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestEmergencyPurchase(WorkshopCommon):
    """Emergency parts orders link the repair order they serve."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._create_repair()
        cls.parts_manager = new_test_user(
            cls.env,
            login="ws_parts_manager",
            groups="autocrm_parts.group_parts_manager",
        )

    def _order_values(self, **values):
        return {
            "partner_id": self.oem.id,
            "parts_order_type": "emergency",
            "emergency_reason": "vor",
            "order_line": [
                Command.create({"product_id": self.rare_part.id, "product_qty": 1})
            ],
            **values,
        }

    def test_emergency_order_needs_repair_order(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["purchase.order"].create(
                self._order_values(emergency_repair_ref="RO/typed")
            )
        self.assertIn("must be linked", str(caught.exception))
        order = self.env["purchase.order"].create(
            self._order_values(emergency_repair_id=self.repair.id)
        )
        with self.assertRaises(ValidationError):
            order.emergency_repair_id = False
        self.assertEqual(order.emergency_repair_id, self.repair)

    def test_stock_order_needs_no_repair_order(self):
        order = self.env["purchase.order"].create(
            self._order_values(parts_order_type="stock", emergency_reason=False)
        )
        self.assertFalse(order.emergency_repair_id)

    def test_text_reference_follows_link(self):
        order = self.env["purchase.order"].create(
            self._order_values(emergency_repair_id=self.repair.id)
        )
        self.assertEqual(order.emergency_repair_ref, self.repair.name)
        other_repair = self._create_repair()
        order.emergency_repair_id = other_repair
        self.assertEqual(order.emergency_repair_ref, other_repair.name)

    def test_clearing_link_keeps_reference(self):
        order = self.env["purchase.order"].create(
            self._order_values(
                parts_order_type="stock",
                emergency_reason=False,
                emergency_repair_ref="RO/typed",
            )
        )
        self.assertEqual(order.emergency_repair_ref, "RO/typed")
        order.emergency_repair_id = self.repair
        order.emergency_repair_id = False
        self.assertEqual(order.emergency_repair_ref, self.repair.name)

    def test_parts_manager_links_repair_on_form(self):
        order_form = Form(self.env["purchase.order"].with_user(self.parts_manager))
        order_form.partner_id = self.oem
        order_form.parts_order_type = "emergency"
        order_form.emergency_reason = "vor"
        order_form.emergency_repair_id = self.repair
        with order_form.order_line.new() as line:
            line.product_id = self.rare_part
        order = order_form.save()
        self.assertEqual(order.emergency_repair_id, self.repair)
        self.assertEqual(order.emergency_repair_ref, self.repair.name)

    def test_repair_order_shows_emergency_orders(self):
        orders = self.env["purchase.order"].create(
            [
                self._order_values(emergency_repair_id=self.repair.id),
                self._order_values(emergency_repair_id=self.repair.id),
                self._order_values(emergency_repair_id=self._create_repair().id),
            ]
        )
        repair = self.repair.with_user(self.advisor)
        self.assertEqual(repair.emergency_purchase_count, 2)
        action = repair.action_view_emergency_purchases()
        found = self.env["purchase.order"].search(action["domain"])
        self.assertEqual(found, orders[:2])
        self.assertEqual(action["context"]["default_emergency_repair_id"], repair.id)
