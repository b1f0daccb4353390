from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestPartsPurchaseOrders(PartsCommon):
    def _order(self, **values):
        return self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.filter_new.product_variant_id.id,
                            "product_qty": 1,
                        }
                    )
                ],
                **values,
            }
        )

    def test_stock_order_is_default(self):
        self.assertEqual(self._order().parts_order_type, "stock")

    def _skip_when_workshop_links_repairs(self):
        if "emergency_repair_id" in self.env["purchase.order"]._fields:
            self.skipTest(
                "autocrm_workshop requires a linked repair order, which its own "
                "tests cover"
            )

    def test_emergency_order_needs_reason_and_repair(self):
        self._skip_when_workshop_links_repairs()
        with self.assertRaises(ValidationError):
            self._order(parts_order_type="emergency")
        with self.assertRaises(ValidationError):
            self._order(parts_order_type="emergency", emergency_reason="vor")
        with self.assertRaises(ValidationError):
            self._order(parts_order_type="emergency", emergency_repair_ref="RO/1")
        order = self._order(
            parts_order_type="emergency",
            emergency_reason="vor",
            emergency_repair_ref="RO/2026/0042",
        )
        self.assertEqual(order.emergency_repair_ref, "RO/2026/0042")

    def test_emergency_details_cannot_be_cleared(self):
        self._skip_when_workshop_links_repairs()
        order = self._order(
            parts_order_type="emergency",
            emergency_reason="vor",
            emergency_repair_ref="RO/1",
        )
        with self.assertRaises(ValidationError):
            order.emergency_reason = False


@tagged("post_install", "-at_install")
class TestCounterSales(PartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.retail, cls.trade = cls.env["product.pricelist"].create(
            [
                {"name": "Test Parts Retail"},
                {
                    "name": "Test Parts Trade",
                    "item_ids": [
                        Command.create(
                            {
                                "applied_on": "3_global",
                                "compute_price": "percentage",
                                "percent_price": 10,
                            }
                        )
                    ],
                },
            ]
        )
        cls.company.write(
            {
                "parts_retail_pricelist_id": cls.retail.id,
                "parts_trade_pricelist_id": cls.trade.id,
            }
        )
        cls.bodyshop = cls.env["res.partner"].create(
            {"name": "Test Bodyshop", "is_company": True, "is_bodyshop": True}
        )

    def _counter_sale(self, partner, counter=True):
        order_form = Form(
            self.env["sale.order"]
            .with_user(self.clerk)
            .with_context(default_is_counter_sale=counter)
        )
        order_form.partner_id = partner
        with order_form.order_line.new() as line:
            line.product_id = self.filter_new.product_variant_id
        return order_form.save()

    def test_walk_in_gets_retail_price_list(self):
        order = self._counter_sale(self.customer)
        self.assertEqual(order.pricelist_id, self.retail)
        self.assertEqual(order.order_line.price_unit, 20.0)

    def test_bodyshop_gets_trade_price_list(self):
        order = self._counter_sale(self.bodyshop)
        self.assertEqual(order.pricelist_id, self.trade)
        self.assertEqual(order.order_line.price_unit, 18.0)

    def test_other_sales_keep_partner_price_list(self):
        order = self._counter_sale(self.bodyshop, counter=False)
        self.assertNotEqual(order.pricelist_id, self.trade)

    def test_negative_quantity_rejected(self):
        order = self._counter_sale(self.customer)
        message = r"Part \[9091510003\] Oil filter on counter sale"
        with self.assertRaisesRegex(ValidationError, message):
            order.order_line.product_uom_qty = -5
        with self.assertRaisesRegex(ValidationError, "Return"):
            order.write(
                {
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.filter_alt.product_variant_id.id,
                                "product_uom_qty": -2,
                            }
                        )
                    ]
                }
            )

    def test_negative_quantity_allowed_elsewhere(self):
        order = self._counter_sale(self.customer, counter=False)
        order.order_line.product_uom_qty = -5
        self.assertEqual(order.order_line.product_uom_qty, -5)
        with self.assertRaises(ValidationError):
            order.is_counter_sale = True

    def test_counter_sale_delivery_and_return(self):
        self._put_in_stock(self.filter_new, 5)
        order = self._counter_sale(self.customer)
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.move_ids.parts_fill_result, "full")
        self.assertEqual(self.filter_new.qty_available, 4)
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = 1
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"])
        returned.move_ids.quantity = 1
        returned.move_ids.picked = True
        returned.button_validate()
        self.assertEqual(self.filter_new.qty_available, 5)
        self.assertFalse(returned.move_ids.parts_fill_result)


@tagged("post_install", "-at_install")
class TestPartsRoles(PartsCommon):
    def test_clerk_cannot_change_prices(self):
        with self.assertRaises(AccessError):
            self.filter_new.with_user(self.clerk).list_price = 1.0

    def test_manager_changes_prices(self):
        self.filter_new.with_user(self.manager).list_price = 25.0
        self.assertEqual(self.filter_new.list_price, 25.0)

    def test_clerk_reads_catalogue_and_sells(self):
        found = (
            self.env["product.template"]
            .with_user(self.clerk)
            .search([("part_number_search", "ilike", "90915-10003")])
        )
        self.assertIn(self.filter_new, found)
        order = (
            self.env["sale.order"]
            .with_user(self.clerk)
            .create({"partner_id": self.customer.id, "is_counter_sale": True})
        )
        self.assertTrue(order)

    def test_clerk_receives_parts(self):
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.filter_new.product_variant_id.id,
                            "product_qty": 3,
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids.with_user(self.clerk)
        receipt.move_ids.quantity = 3
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self.filter_new.qty_available, 3)

    def test_clerk_cannot_read_stock_health(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.parts.fill.rate"].with_user(self.clerk).search([])
