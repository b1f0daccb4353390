from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestPartsConfig(PartsCommon):
    """Parts managers change the parts parameters without Administration."""

    def _config_form(self, user):
        return Form(self.env["autocrm.parts.config"].with_user(user))

    def test_manager_is_not_administrator(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.assertFalse(self.manager.has_group("base.group_erp_manager"))
        with self.assertRaises(AccessError):
            self.company.with_user(self.manager).parts_safety_days = 9

    def test_form_shows_company_values(self):
        self.company.parts_order_cycle_days = 21
        config_form = self._config_form(self.manager)
        self.assertEqual(config_form.company_id, self.company)
        self.assertEqual(config_form.parts_order_cycle_days, 21)

    def test_display_name_is_screen_title(self):
        config_model = self.env["autocrm.parts.config"].with_user(self.manager)
        self.assertEqual(config_model.new({}).display_name, "Parts Settings")
        self.assertEqual(
            self._config_form(self.manager).save().display_name, "Parts Settings"
        )

    def test_manager_changes_parameters(self):
        pricelist = self.env["product.pricelist"].create({"name": "Test Trade"})
        config_form = self._config_form(self.manager)
        config_form.parts_demand_history_days = 90
        config_form.parts_default_lead_days = 3
        config_form.parts_safety_days = 2
        config_form.parts_order_cycle_days = 10
        config_form.parts_dead_stock_days = 270
        config_form.parts_abc_a_percent = 70
        config_form.parts_abc_b_percent = 90
        config_form.parts_trade_pricelist_id = pricelist
        config_form.save().action_save()
        self.assertEqual(self.company.parts_demand_history_days, 90)
        self.assertEqual(self.company.parts_default_lead_days, 3)
        self.assertEqual(self.company.parts_safety_days, 2)
        self.assertEqual(self.company.parts_order_cycle_days, 10)
        self.assertEqual(self.company.parts_dead_stock_days, 270)
        self.assertEqual(self.company.parts_abc_a_percent, 70)
        self.assertEqual(self.company.parts_abc_b_percent, 90)
        self.assertEqual(self.company.parts_trade_pricelist_id, pricelist)

    def test_invalid_values_rejected_with_company(self):
        config_form = self._config_form(self.manager)
        config_form.parts_abc_a_percent = 96
        config = config_form.save()
        with self.assertRaises(ValidationError) as caught:
            config.action_save()
        self.assertIn(self.company.name, str(caught.exception))
        self.assertEqual(self.company.parts_abc_a_percent, 80)

    def test_clerk_cannot_change_parameters(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.parts.config"].with_user(self.clerk).create(
                {"parts_safety_days": 9}
            )
        config = self.env["autocrm.parts.config"].with_user(self.manager).create({})
        with self.assertRaises(AccessError):
            config.with_user(self.clerk).action_save()
        self.assertEqual(self.company.parts_safety_days, 5)

    def test_other_company_not_changed(self):
        other = self.env["res.company"].create({"name": "Other Parts Store"})
        config = (
            self.env["autocrm.parts.config"]
            .with_user(self.manager)
            .create({"company_id": other.id, "parts_safety_days": 9})
        )
        with self.assertRaises(AccessError):
            config.action_save()
        self.assertEqual(other.parts_safety_days, 5)

    def test_menu_shown_to_manager_only(self):
        menu = self.env.ref("autocrm_parts.menu_parts_config_settings")
        menus = self.env["ir.ui.menu"]
        self.assertNotIn(menu.id, menus.with_user(self.clerk)._visible_menu_ids())
        self.assertIn(menu.id, menus.with_user(self.manager)._visible_menu_ids())
