from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestSupersession(PartsCommon):
    def test_chain_followed_to_current_part(self):
        self.assertEqual(self.filter_old._get_current_part(), self.filter_new)
        self.assertEqual(self.filter_mid._get_current_part(), self.filter_new)
        self.assertEqual(self.filter_new._get_current_part(), self.filter_new)
        self.assertEqual(self.filter_old.current_part_id, self.filter_new)

    def test_variant_follows_chain(self):
        self.assertEqual(
            self.filter_old.product_variant_id._get_current_part_variant(),
            self.filter_new.product_variant_id,
        )
        self.assertEqual(
            self.filter_alt.product_variant_id._get_current_part_variant(),
            self.filter_alt.product_variant_id,
        )

    def test_cycle_rejected(self):
        with self.assertRaises(ValidationError) as caught:
            self.filter_new.superseded_by_id = self.filter_old
        self.assertIn(self.filter_new.display_name, str(caught.exception))

    def test_self_supersession_rejected(self):
        with self.assertRaises(ValidationError):
            self.filter_alt.superseded_by_id = self.filter_alt

    def test_search_partial_number_follows_supersession(self):
        found = self.env["product.template"]._search_part_number("915-1000")
        self.assertEqual(found, self.filter_old | self.filter_mid | self.filter_new)
        found = self.env["product.template"]._search_part_number("10001")
        self.assertIn(self.filter_new, found)
        self.assertNotIn(self.filter_alt, found)

    def test_search_empty_text_finds_nothing(self):
        self.assertFalse(self.env["product.template"]._search_part_number(" - "))

    def test_search_field_in_catalogue(self):
        found = self.env["product.template"].search(
            [("part_number_search", "ilike", "90915 10001")]
        )
        self.assertIn(self.filter_new, found)

    def test_sale_line_substitutes_current_part(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.filter_old.product_variant_id.id}
                    )
                ],
            }
        )
        line = order.order_line
        self.assertEqual(line.product_id, self.filter_new.product_variant_id)
        self.assertEqual(line.requested_product_id, self.filter_old.product_variant_id)
        messages = order.message_ids.mapped("preview")
        self.assertTrue(
            any(
                self.filter_old.name in text and "superseded" in text
                for text in messages
            )
        )

    def test_sale_line_write_substitutes(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.filter_alt.product_variant_id.id}
                    )
                ],
            }
        )
        order.order_line.product_id = self.filter_mid.product_variant_id
        self.assertEqual(
            order.order_line.product_id, self.filter_new.product_variant_id
        )

    def test_current_part_not_substituted(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.filter_new.product_variant_id.id}
                    )
                ],
            }
        )
        self.assertFalse(order.order_line.requested_product_id)

    def test_purchase_line_substitutes_current_part(self):
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.filter_old.product_variant_id.id,
                            "product_qty": 2,
                        }
                    )
                ],
            }
        )
        self.assertEqual(
            order.order_line.product_id, self.filter_new.product_variant_id
        )
        self.assertEqual(
            order.order_line.requested_product_id, self.filter_old.product_variant_id
        )
        self.assertIn(
            self.filter_new.name, " ".join(order.message_ids.mapped("preview"))
        )

    def test_sale_form_warns_on_superseded_part(self):
        order_form = Form(self.env["sale.order"])
        order_form.partner_id = self.customer
        with (
            self.assertLogs("odoo.tests.form.onchange", level="WARNING") as logs,
            order_form.order_line.new() as line,
        ):
            line.product_id = self.filter_old.product_variant_id
            self.assertEqual(line.product_id, self.filter_new.product_variant_id)
        self.assertIn("is superseded by", logs.output[0])
        order = order_form.save()
        self.assertEqual(
            order.order_line.product_id, self.filter_new.product_variant_id
        )
