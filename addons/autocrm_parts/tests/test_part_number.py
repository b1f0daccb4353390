from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.autocrm_parts.models.product_template import normalize_part_number

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestPartNumber(PartsCommon):
    def test_normalize_removes_separators(self):
        self.assertEqual(normalize_part_number(" 5q0-615.301 f "), "5Q0615301F")
        self.assertFalse(normalize_part_number(" - . "))
        self.assertFalse(normalize_part_number(False))

    def test_number_stored_normalised(self):
        (part,) = self._create_parts([("Spark plug", "90919 01.253-x")])
        self.assertEqual(part.oem_part_number, "9091901253X")
        part.oem_part_number = "90919-01254"
        self.assertEqual(part.oem_part_number, "9091901254")
        self.assertEqual(part.default_code, "9091901254")

    def test_number_fills_internal_reference(self):
        (part,) = self._create_parts([("Spark plug", "90919-01253")])
        self.assertEqual(part.default_code, "9091901253")
        part.default_code = "SHELF-7"
        part.oem_part_number = "90919-01255"
        self.assertEqual(part.default_code, "SHELF-7")

    def test_duplicate_number_rejected_naming_part(self):
        with self.assertRaises(ValidationError) as caught:
            self._create_parts([("Copy of filter", "90915 10003")])
        self.assertIn(self.filter_new.display_name, str(caught.exception))
        self.assertIn("9091510003", str(caught.exception))

    def test_duplicate_number_rejected_on_write(self):
        (part,) = self._create_parts([("Spark plug", "90919-01253")])
        with self.assertRaises(ValidationError) as caught:
            part.oem_part_number = "90915.10003"
        self.assertIn(self.filter_new.display_name, str(caught.exception))

    def test_duplicate_number_rejected_within_batch(self):
        with self.assertRaises(ValidationError):
            self._create_parts([("First", "11111-22222"), ("Second", "1111122222")])

    def test_duplicate_number_of_archived_part_rejected(self):
        self.filter_alt.action_archive()
        with self.assertRaises(ValidationError):
            self._create_parts([("Revived", "90915-20001")])

    def test_same_number_other_brand_allowed(self):
        (part,) = self._create_parts(
            [("Other brand filter", "90915-10003")], brand=self.other_brand
        )
        self.assertEqual(part.oem_part_number, "9091510003")

    def test_database_index_rejects_duplicate(self):
        """The unique index rejects a duplicate that skips the Python check."""
        (part,) = self._create_parts([("Spark plug", "90919-01253")])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE product_template SET oem_part_number = %s WHERE id = %s",
                    [self.filter_new.oem_part_number, part.id],
                )
        # The message a user gets for the violation names the existing part.
        message = self.env["product.template"]._sql_error_to_message(caught.exception)
        self.assertIn("9091510003", message)
        self.assertIn(self.filter_new.display_name, message)

    def test_number_requires_brand(self):
        with self.assertRaises(ValidationError):
            self._create_parts([("No brand", "12345")], part_brand_id=False)

    def test_search_display_name_ignores_separators(self):
        products = self.env["product.product"].name_search("90915.2000")
        self.assertIn(
            self.filter_alt.product_variant_id.id, [pid for pid, _n in products]
        )


@tagged("post_install", "-at_install")
class TestDefaultBin(PartsCommon):
    def _receive(self, template, qty):
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": template.product_variant_id.id,
                            "product_qty": qty,
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        receipt.move_ids.quantity = qty
        receipt.move_ids.picked = True
        receipt.button_validate()
        return receipt

    def test_receipt_goes_to_default_bin(self):
        self.filter_new.default_bin_location_id = self.bin_a
        receipt = self._receive(self.filter_new, 2)
        self.assertEqual(receipt.move_ids.move_line_ids.location_dest_id, self.bin_a)

    def test_changed_bin_replaces_rule(self):
        bin_b = self.env["stock.location"].create(
            {"name": "B01", "location_id": self.warehouse.lot_stock_id.id}
        )
        self.filter_new.default_bin_location_id = self.bin_a
        self.filter_new.default_bin_location_id = bin_b
        rules = self.env["stock.putaway.rule"].search(
            [("product_id", "=", self.filter_new.product_variant_id.id)]
        )
        self.assertEqual(rules.location_out_id, bin_b)
        receipt = self._receive(self.filter_new, 1)
        self.assertEqual(receipt.move_ids.move_line_ids.location_dest_id, bin_b)

    def test_cleared_bin_removes_rule(self):
        self.filter_new.default_bin_location_id = self.bin_a
        self.filter_new.default_bin_location_id = False
        self.assertFalse(
            self.env["stock.putaway.rule"].search(
                [("product_id", "=", self.filter_new.product_variant_id.id)]
            )
        )
