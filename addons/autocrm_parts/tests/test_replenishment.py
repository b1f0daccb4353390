from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestReplenishment(PartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "parts_demand_history_days": 180,
                "parts_safety_days": 5,
                "parts_order_cycle_days": 14,
                "parts_default_lead_days": 7,
            }
        )
        cls._put_in_stock(cls.filter_new, 100, days_ago=300)
        cls._put_in_stock(cls.filter_alt, 20, days_ago=300)
        for days_ago in (10, 50, 100):
            cls._deliver(cls.filter_new, 12, days_ago=days_ago)
        # Outside the 180-day window: not part of the demand.
        cls._deliver(cls.filter_new, 40, days_ago=200)
        cls._deliver(cls.filter_alt, 9, warehouse=cls.warehouse, days_ago=30)
        cls.suggestion_model = cls.env["autocrm.parts.orderpoint.suggestion"]

    def _suggestion(self, template, warehouse=None):
        return self.suggestion_model.search(
            [
                ("product_id", "=", template.product_variant_id.id),
                ("warehouse_id", "=", (warehouse or self.warehouse).id),
                ("state", "=", "suggested"),
            ]
        )

    def test_suggestion_from_demand_and_lead_time(self):
        self.suggestion_model._compute_suggestions(self.warehouse)
        suggestion = self._suggestion(self.filter_new)
        # 36 issued in 180 days = 0.2 a day; vendor lead time 4 days.
        self.assertEqual(suggestion.demand_qty, 36)
        self.assertAlmostEqual(suggestion.daily_demand, 0.2)
        self.assertEqual(suggestion.lead_days, 4)
        self.assertAlmostEqual(suggestion.safety_qty, 1.0)
        self.assertEqual(suggestion.suggested_min_qty, 2)  # ceil(0.2 * 9)
        self.assertEqual(suggestion.suggested_max_qty, 5)  # ceil(2 + 0.2 * 14)

    def test_suggestion_display_name(self):
        self.suggestion_model._compute_suggestions(self.warehouse)
        suggestion = self._suggestion(self.filter_new)
        self.assertEqual(suggestion.display_name, f"9091510003 / {self.warehouse.name}")

    def test_superseded_demand_counts_for_current_part(self):
        self._put_in_stock(self.filter_old, 10, days_ago=300)
        self._deliver(self.filter_old, 9, days_ago=5)
        self.suggestion_model._compute_suggestions(self.warehouse)
        self.assertEqual(self._suggestion(self.filter_new).demand_qty, 45)
        self.assertFalse(self._suggestion(self.filter_old))

    def test_default_lead_time_without_vendor(self):
        self.filter_alt.seller_ids.unlink()
        self.suggestion_model._compute_suggestions(self.warehouse)
        self.assertEqual(self._suggestion(self.filter_alt).lead_days, 7)

    def test_no_demand_no_suggestion(self):
        self.suggestion_model._compute_suggestions(self.warehouse | self.warehouse_2)
        self.assertFalse(self._suggestion(self.filter_mid))
        self.assertFalse(self._suggestion(self.filter_new, self.warehouse_2))

    def test_recompute_replaces_open_suggestions(self):
        self.suggestion_model._compute_suggestions(self.warehouse)
        self.suggestion_model._compute_suggestions(self.warehouse)
        self.assertEqual(len(self._suggestion(self.filter_new)), 1)

    def test_manager_applies_in_bulk(self):
        self.suggestion_model._compute_suggestions(self.warehouse)
        # Demo parts of the database get suggestions too, so only the two
        # parts of this test are counted.
        test_products = (self.filter_new | self.filter_alt).product_variant_ids
        suggestions = self.suggestion_model.search(
            [
                ("warehouse_id", "=", self.warehouse.id),
                ("state", "=", "suggested"),
                ("product_id", "in", test_products.ids),
            ]
        )
        self.assertEqual(len(suggestions), 2)
        suggestions.with_user(self.manager).action_apply()
        orderpoint = self.env["stock.warehouse.orderpoint"].search(
            [("product_id", "=", self.filter_new.product_variant_id.id)]
        )
        self.assertEqual(orderpoint.product_min_qty, 2)
        self.assertEqual(orderpoint.product_max_qty, 5)
        self.assertEqual(orderpoint.location_id, self.warehouse.lot_stock_id)
        self.assertEqual(set(suggestions.mapped("state")), {"applied"})
        # A new suggestion updates the same order point.
        self.company.parts_safety_days = 20
        self.suggestion_model._compute_suggestions(self.warehouse)
        self._suggestion(self.filter_new).with_user(self.manager).action_apply()
        self.assertEqual(orderpoint.product_min_qty, 5)  # ceil(0.2 * 24)
        self.assertEqual(
            self.env["stock.warehouse.orderpoint"].search_count(
                [("product_id", "=", self.filter_new.product_variant_id.id)]
            ),
            1,
        )

    def test_clerk_cannot_apply(self):
        self.suggestion_model._compute_suggestions(self.warehouse)
        suggestion = self._suggestion(self.filter_new).with_user(self.clerk)
        self.assertTrue(suggestion.suggested_min_qty)
        with self.assertRaises(UserError):
            suggestion.action_apply()
        self.assertEqual(suggestion.state, "suggested")

    def test_settings_reject_bad_values(self):
        with self.assertRaises(ValidationError):
            self.company.parts_demand_history_days = 0
        with self.assertRaises(ValidationError):
            self.company.parts_abc_b_percent = 50

    def test_other_company_suggestions_hidden(self):
        other = self.env["res.company"].create({"name": "Other Store Company"})
        other_warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", other.id)], limit=1
        )
        self.suggestion_model.create(
            {
                "company_id": other.id,
                "warehouse_id": other_warehouse.id,
                "product_id": self.filter_new.product_variant_id.id,
            }
        )
        self.suggestion_model._compute_suggestions(self.warehouse)
        visible = self.suggestion_model.with_user(self.manager).search([])
        self.assertTrue(visible)
        self.assertNotIn(other, visible.company_id)
        outsider = new_test_user(
            self.env,
            login="other_parts_manager",
            groups="autocrm_parts.group_parts_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        seen = self.suggestion_model.with_user(outsider).search([])
        self.assertEqual(seen.company_id, other)
