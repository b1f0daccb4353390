from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestMenuSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.menu = cls.env.ref("autocrm_parts.menu_parts")
        cls.outsider = new_test_user(
            cls.env, login="other_role", groups="autocrm_base.group_dealership_user"
        )

    def _visible_menu_ids(self, user):
        return set(self.env["ir.ui.menu"].with_user(user)._visible_menu_ids())

    def test_parts_clerk_role_implies_dealership_user(self):
        group = self.env.ref("autocrm_parts.group_parts_clerk")
        self.assertIn(
            self.env.ref("autocrm_base.group_dealership_user"), group.all_implied_ids
        )

    def test_parts_manager_role_implies_dealership_user(self):
        group = self.env.ref("autocrm_parts.group_parts_manager")
        self.assertIn(
            self.env.ref("autocrm_base.group_dealership_user"), group.all_implied_ids
        )

    def test_menu_visible_to_parts_clerk(self):
        user = new_test_user(
            self.env, login="role_user", groups="autocrm_parts.group_parts_clerk"
        )
        self.assertIn(self.menu.id, self._visible_menu_ids(user))

    def test_menu_hidden_from_other_dealership_roles(self):
        self.assertNotIn(self.menu.id, self._visible_menu_ids(self.outsider))

    def test_store_manager_sees_menu(self):
        user = new_test_user(
            self.env, login="boss", groups="autocrm_base.group_store_manager"
        )
        self.assertIn(self.menu.id, self._visible_menu_ids(user))
