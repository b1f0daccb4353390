from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestLookup(PartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._put_in_stock(cls.filter_new, 5, location=cls.bin_a)
        cls._put_in_stock(cls.filter_new, 3, location=cls.warehouse_2.lot_stock_id)
        cls._put_in_stock(cls.filter_old, 1)
        cls._put_in_stock(cls.filter_alt, 2)
        picking_type = cls.warehouse.out_type_id
        cls.reservation = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": cls.customer.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "location_dest_id": picking_type.default_location_dest_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.filter_new.product_variant_id.id,
                            "product_uom_qty": 2,
                            "location_id": cls.warehouse.lot_stock_id.id,
                            "location_dest_id": (
                                picking_type.default_location_dest_id.id
                            ),
                        }
                    )
                ],
            }
        )
        cls.reservation.action_confirm()
        cls.reservation.action_assign()
        purchase = cls.env["purchase.order"].create(
            {
                "partner_id": cls.vendor.id,
                "picking_type_id": cls.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.filter_new.product_variant_id.id,
                            "product_qty": 4,
                        }
                    )
                ],
            }
        )
        purchase.button_confirm()

    def _lookup(self, query, **values):
        lookup = (
            self.env["autocrm.parts.lookup"]
            .with_user(self.clerk)
            .create({"query": query, **values})
        )
        lookup.action_search()
        return lookup

    def _rows(self, lines, template):
        return lines.filtered(lambda line: line.product_id.product_tmpl_id == template)

    def test_partial_number_follows_supersession(self):
        lookup = self._lookup("915-1000")
        templates = lookup.line_ids.product_id.product_tmpl_id
        self.assertEqual(templates, self.filter_old | self.filter_mid | self.filter_new)
        old_row = self._rows(lookup.line_ids, self.filter_old)
        self.assertEqual(old_row.current_part_id, self.filter_new)
        self.assertTrue(lookup.result_message)

    def test_quantities_per_store_and_bin(self):
        lookup = self._lookup("90915-10003")
        rows = self._rows(lookup.line_ids, self.filter_new)
        bin_row = rows.filtered(lambda line: line.location_id == self.bin_a)
        self.assertEqual(bin_row.warehouse_id, self.warehouse)
        self.assertEqual(bin_row.qty_on_hand, 5)
        self.assertEqual(bin_row.qty_reserved, 2)
        self.assertEqual(bin_row.qty_available, 3)
        second = rows.filtered(lambda line: line.warehouse_id == self.warehouse_2)
        self.assertEqual(second.qty_on_hand, 3)
        self.assertEqual(second.qty_reserved, 0)
        incoming = rows.filtered(
            lambda line: line.location_id == self.warehouse.lot_stock_id
        )
        self.assertEqual(incoming.qty_incoming, 4)
        self.assertEqual(sum(rows.mapped("qty_incoming")), 4)

    def test_store_filter(self):
        lookup = self._lookup(
            "9091510003", warehouse_ids=[Command.set(self.warehouse_2.ids)]
        )
        self.assertEqual(lookup.line_ids.warehouse_id, self.warehouse_2)

    def test_part_without_stock_still_listed(self):
        lookup = self._lookup("9091510002")
        row = self._rows(lookup.line_ids, self.filter_mid)
        self.assertEqual(len(row), 1)
        self.assertFalse(row.warehouse_id)
        self.assertEqual(row.qty_on_hand, 0)

    def test_fitting_alternatives(self):
        lookup = self._lookup("9091510003")
        self.assertEqual(
            lookup.alternative_line_ids.product_id.product_tmpl_id, self.filter_alt
        )
        self.assertEqual(lookup.alternative_line_ids.qty_on_hand, 2)
        lookup = self._lookup("9091510003", vehicle_model_id=self.model_b.id)
        self.assertFalse(lookup.alternative_line_ids)

    def test_new_search_replaces_results(self):
        lookup = self._lookup("9091510003")
        self.assertTrue(lookup.alternative_line_ids)
        lookup.query = "90915-10002"
        lookup.vehicle_model_id = self.model_b
        lookup.action_search()
        self.assertEqual(
            lookup.line_ids.product_id.product_tmpl_id,
            self.filter_mid | self.filter_new,
        )
        self.assertFalse(lookup.alternative_line_ids)
        self.assertEqual(
            self.env["autocrm.parts.lookup.line"].search_count(
                [("lookup_id", "=", lookup.id)]
            ),
            len(lookup.line_ids),
        )

    def test_unknown_number_message(self):
        lookup = self._lookup("ZZZ-NOPE")
        self.assertFalse(lookup.line_ids)
        self.assertIn("ZZZ-NOPE", lookup.result_message)

    def test_lookup_from_part(self):
        action = self.filter_old.with_user(self.clerk).action_open_parts_lookup()
        lookup = self.env["autocrm.parts.lookup"].browse(action["res_id"])
        self.assertEqual(lookup.query, "9091510001")
        self.assertIn(self.filter_new, lookup.line_ids.product_id.product_tmpl_id)

    def test_display_name_is_screen_title(self):
        lookup_model = self.env["autocrm.parts.lookup"].with_user(self.clerk)
        self.assertEqual(lookup_model.new({}).display_name, "Parts Lookup")
        self.assertEqual(self._lookup("9091510003").display_name, "Parts Lookup")

    def test_short_query_rejected(self):
        with self.assertRaises(UserError):
            self._lookup("9-1")

    def test_wildcards_only_query_rejected(self):
        for query in ("%%%", "__%", "9%_"):
            with self.assertRaises(UserError, msg=query):
                self._lookup(query)

    def test_wildcards_match_literally(self):
        lookup = self._lookup("909_5-10003")
        self.assertFalse(lookup.line_ids)
        templates = self.env["product.template"]
        self.assertFalse(templates._search_part_number("9091%0003"))
        self.assertFalse(templates._search_part_number("90915\\"))
        self.assertEqual(templates._search_part_number("91510003"), self.filter_new)
        products = self.env["product.product"].name_search("9091_-10003")
        self.assertFalse(products)

    def test_availability_query_count_constant(self):
        """Availability reads a fixed number of queries for any number of parts."""
        lookup_model = self.env["autocrm.parts.lookup"]
        many = self._create_parts(
            [(f"Bulk part {index}", f"BULK-{index:04d}") for index in range(30)]
        )
        for template in many[:10]:
            self._put_in_stock(template, 1)
        products = many.product_variant_ids
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        lookup_model._get_part_availability(products[:1])
        one = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = lookup_model._get_part_availability(products)
        thirty = self.env.cr.sql_log_count - before
        self.assertEqual(len(result), 10)
        self.assertLessEqual(thirty, one)
        self.assertLessEqual(one, 4)
