from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestDealershipMenu(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = new_test_user(
            cls.env, login="dealer_user", groups="autocrm_base.group_dealership_user"
        )
        cls.outsider = new_test_user(
            cls.env, login="plain_user", groups="base.group_user"
        )
        cls.root_menu = cls.env.ref("autocrm_base.menu_root")
        cls.config_menu = cls.env.ref("autocrm_base.menu_config")

    def _visible_menu_ids(self, user):
        return set(self.env["ir.ui.menu"].with_user(user)._visible_menu_ids())

    def test_dealership_menu_visible_to_store_manager(self):
        manager = new_test_user(
            self.env, login="store_boss", groups="autocrm_base.group_store_manager"
        )
        self.assertIn(self.root_menu.id, self._visible_menu_ids(manager))

    def test_dealership_menu_hidden_from_other_employees(self):
        self.assertNotIn(self.root_menu.id, self._visible_menu_ids(self.outsider))

    def test_configuration_menu_only_for_store_manager(self):
        self.assertNotIn(self.config_menu.id, self._visible_menu_ids(self.dealer))
        manager = new_test_user(
            self.env, login="store_boss2", groups="autocrm_base.group_store_manager"
        )
        self.assertIn(self.config_menu.id, self._visible_menu_ids(manager))

    def test_store_manager_implies_dealership_user(self):
        manager_group = self.env.ref("autocrm_base.group_store_manager")
        self.assertIn(
            self.env.ref("autocrm_base.group_dealership_user"),
            manager_group.all_implied_ids,
        )
