from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestStockHealth(PartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # ABC shares are taken of a warehouse's whole consumption, so the
        # parts get a warehouse of their own that demo data cannot skew.
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Test Health Store", "code": "THS", "company_id": cls.company.id}
        )
        cls.company.write(
            {
                "parts_abc_a_percent": 50,
                "parts_abc_b_percent": 99,
                "parts_dead_stock_days": 180,
            }
        )
        cls._put_in_stock(cls.filter_new, 100, days_ago=400)
        cls._put_in_stock(cls.filter_alt, 10, days_ago=120)
        cls._put_in_stock(cls.filter_mid, 5, days_ago=400)
        # Consumption values at cost 10: new 36 x 10 = 360, alt 1 x 10 = 10.
        for days_ago in (20, 90, 200):
            cls._deliver(cls.filter_new, 12, days_ago=days_ago)
        cls._deliver(cls.filter_alt, 1, days_ago=15)
        cls._deliver(cls.filter_new, 50, days_ago=380)
        cls.env["autocrm.parts.stock.health"]._refresh_data()

    def _health(self, template, user=None):
        return (
            self.env["autocrm.parts.stock.health"]
            .with_user(user or self.manager)
            .search(
                [
                    ("product_tmpl_id", "=", template.id),
                    ("warehouse_id", "=", self.warehouse.id),
                ]
            )
        )

    def test_abc_classes_by_consumption_value(self):
        new, alt, mid = (
            self._health(self.filter_new),
            self._health(self.filter_alt),
            self._health(self.filter_mid),
        )
        self.assertEqual(new.consumption_qty, 36)
        self.assertEqual(new.consumption_value, 360)
        self.assertEqual(new.abc_class, "a")
        self.assertEqual(alt.abc_class, "b")
        self.assertEqual(mid.abc_class, "c")

    def test_abc_thresholds_from_settings(self):
        self.company.parts_abc_b_percent = 97
        self.assertEqual(self._health(self.filter_alt).abc_class, "c")

    def test_dead_stock_and_age(self):
        mid = self._health(self.filter_mid)
        self.assertTrue(mid.is_dead_stock)
        self.assertGreaterEqual(mid.idle_days, 399)
        self.assertEqual(mid.age_bucket, "over_365")
        new = self._health(self.filter_new)
        self.assertFalse(new.is_dead_stock)
        self.assertEqual(self._health(self.filter_alt).age_bucket, "91_180")
        self.company.parts_dead_stock_days = 500
        self.env["autocrm.parts.stock.health"].invalidate_model()
        self.assertFalse(self._health(self.filter_mid).is_dead_stock)

    def test_turnover_only_with_consumption(self):
        new = self._health(self.filter_new)
        # 100 received, 36 + 50 issued.
        self.assertEqual(new.qty_on_hand, 14)
        self.assertEqual(new.stock_value, 140)
        self.assertGreater(new.turnover, 0)
        self.assertFalse(self._health(self.filter_mid).turnover)

    def test_grouping_by_brand_type_store(self):
        groups = self.env["autocrm.parts.stock.health"]._read_group(
            [("warehouse_id", "=", self.warehouse.id)],
            ["part_brand_id", "part_type", "abc_class"],
            ["consumption_value:sum"],
        )
        self.assertIn((self.brand, "oem", "a", 360), groups)

    def test_other_company_rows_hidden(self):
        other = self.env["res.company"].create({"name": "Other Parts Company"})
        outsider = new_test_user(
            self.env,
            login="other_company_parts_manager",
            groups="autocrm_parts.group_parts_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertTrue(self._health(self.filter_new))
        rows = self.env["autocrm.parts.stock.health"].with_user(outsider).search([])
        self.assertFalse(rows.filtered(lambda row: row.company_id == self.company))
        fill_rows = self.env["autocrm.parts.fill.rate"].with_user(outsider).search([])
        self.assertFalse(fill_rows)

    def test_clerk_has_no_access(self):
        with self.assertRaises(AccessError):
            self._health(self.filter_new, user=self.clerk)

    def test_moves_count_after_refresh(self):
        self._deliver(self.filter_alt, 2)
        self.assertEqual(self._health(self.filter_alt).consumption_qty, 1)
        self.env["autocrm.parts.stock.health"].with_user(self.manager).action_refresh()
        row = self._health(self.filter_alt)
        self.assertEqual(row.consumption_qty, 3)
        self.assertEqual(row.idle_days, 0)
        self.assertTrue(row.refresh_date)

    def test_clerk_cannot_refresh(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.parts.stock.health"].with_user(
                self.clerk
            ).action_refresh()


@tagged("post_install", "-at_install")
class TestTurnover(PartsCommon):
    """Turnover over the average of 12 stock values, from moves at known dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part = cls._create_parts([("Cabin filter", "87139-00001")])
        month_start = fields.Datetime.now().replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        # Month M-5: 10 received at 12.50. M-2: 4 issued at 12.50.
        # M-1: 6 received at 13.50. Current month: 3 issued at 13.00.
        cls._receive(10, month_start - relativedelta(months=5, days=-2), 125.0)
        cls._issue(4, month_start - relativedelta(months=2, days=-9), 50.0)
        cls._receive(12, month_start - relativedelta(months=1, days=-4), 81.0)
        cls._issue(3, month_start, 39.0)
        cls.env["autocrm.parts.stock.health"]._refresh_data()

    @classmethod
    def _receive(cls, new_qty, date, value):
        """Set the on-hand quantity to ``new_qty`` with a move at ``date``."""
        cls._put_in_stock(cls.part, new_qty)
        move = cls.env["stock.move"].search(
            [("product_id", "=", cls.part.product_variant_id.id)],
            order="id desc",
            limit=1,
        )
        cls._set_date_value(move, date, value)

    @classmethod
    def _issue(cls, qty, date, value):
        picking = cls._deliver(cls.part, qty)
        cls._set_date_value(picking.move_ids, date, value)

    @classmethod
    def _set_date_value(cls, move, date, value):
        move.write({"date": date, "value": value})
        move.move_line_ids.write({"date": date})

    def _health(self):
        return self.env["autocrm.parts.stock.health"].search(
            [
                ("product_tmpl_id", "=", self.part.id),
                ("warehouse_id", "=", self.warehouse.id),
            ]
        )

    def test_average_stock_value_of_month_ends(self):
        row = self._health()
        unit_cost = self.part.product_variant_id.standard_price
        self.assertEqual(row.qty_on_hand, 9)
        self.assertAlmostEqual(row.stock_value, 9 * unit_cost, places=2)
        # Month ends from the latest: 12 x 13.50, 6 x 12.50, then 10 x 12.50
        # three times, then 0 for the six older ones.
        month_ends = 162.0 + 75.0 + 3 * 125.0
        expected = (9 * unit_cost + month_ends) / 12
        self.assertAlmostEqual(row.avg_stock_value, expected, places=2)

    def test_turnover_divides_by_average(self):
        row = self._health()
        unit_cost = self.part.product_variant_id.standard_price
        self.assertEqual(row.consumption_qty, 7)
        self.assertAlmostEqual(row.consumption_value, 7 * unit_cost, places=2)
        self.assertAlmostEqual(
            row.turnover, row.consumption_value / row.avg_stock_value, places=6
        )
        self.assertNotAlmostEqual(
            row.turnover, row.consumption_value / row.stock_value, places=2
        )

    def test_cost_falls_back_to_current_cost(self):
        self.env["stock.move"].search(
            [("product_id", "=", self.part.product_variant_id.id)]
        ).write({"value": 0})
        self.env["autocrm.parts.stock.health"]._refresh_data()
        row = self._health()
        unit_cost = self.part.product_variant_id.standard_price
        # 12 + 6 + 3 x 10 units at month ends, 9 today, all at current cost.
        self.assertAlmostEqual(
            row.avg_stock_value, (9 + 12 + 6 + 30) * unit_cost / 12, places=2
        )


@tagged("post_install", "-at_install")
class TestFillRate(PartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._put_in_stock(cls.filter_new, 10)
        cls.full = cls._deliver(cls.filter_new, 4)
        cls.short = cls._deliver(cls.filter_new, 8, done_qty=6)

    def _rows(self):
        return self.env["autocrm.parts.fill.rate"].search(
            [("product_id", "=", self.filter_new.product_variant_id.id)]
        )

    def test_first_pick_result_on_moves(self):
        self.assertEqual(self.full.move_ids.parts_fill_result, "full")
        self.assertEqual(self.short.move_ids.parts_fill_result, "short")

    def test_fill_rate_average(self):
        rows = self._rows()
        self.assertEqual(len(rows), 2)
        groups = self.env["autocrm.parts.fill.rate"]._read_group(
            [("id", "in", rows.ids)], [], ["fill_rate:avg", "line_count:sum"]
        )
        self.assertEqual(groups, [(50.0, 2)])

    def test_backorder_not_counted_again(self):
        picking_type = self.warehouse.out_type_id
        partial = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.filter_new.product_variant_id.id,
                            "product_uom_qty": 6,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": (
                                picking_type.default_location_dest_id.id
                            ),
                        }
                    )
                ],
            }
        )
        partial.action_confirm()
        partial.action_assign()
        partial.move_ids.quantity = 2
        partial.move_ids.picked = True
        partial._action_done()
        backorder = self.env["stock.picking"].search(
            [("backorder_id", "=", partial.id)]
        )
        self.assertEqual(backorder.move_ids.parts_fill_result, "backorder")
        backorder.move_ids.quantity = 4
        backorder.move_ids.picked = True
        backorder._action_done()
        self.assertEqual(backorder.move_ids.parts_fill_result, "backorder")
        self.assertEqual(partial.move_ids.parts_fill_result, "short")
        self.assertEqual(len(self._rows()), 3)

    def test_receipts_not_counted(self):
        receipt_moves = self.env["stock.move"].search(
            [
                ("product_id", "=", self.filter_new.product_variant_id.id),
                ("is_inventory", "=", True),
            ]
        )
        self.assertFalse(receipt_moves.filtered("parts_fill_result"))
