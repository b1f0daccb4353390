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

    def _shown_in_tree(self, menu, visible):
        """Return whether the menu and every parent up to Parts are visible."""
        while menu != self.menu:
            if menu.id not in visible:
                return False
            menu = menu.parent_id
        return True

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

    def test_menu_actions_open_for_their_roles(self):
        """Every parts menu shown to a role opens its views and first records."""
        clerk = new_test_user(
            self.env, login="views_clerk", groups="autocrm_parts.group_parts_clerk"
        )
        manager = new_test_user(
            self.env, login="views_manager", groups="autocrm_parts.group_parts_manager"
        )
        menus = self.env["ir.ui.menu"].search([("id", "child_of", self.menu.id)])
        opened = {}
        for user in (clerk, manager):
            visible = self._visible_menu_ids(user)
            opened[user] = 0
            for menu in menus:
                action = menu.action
                if not action or not self._shown_in_tree(menu, visible):
                    continue
                if action._name != "ir.actions.act_window":
                    continue
                action = action.sudo()
                with self.subTest(user=user.login, menu=menu.complete_name):
                    model = self.env[action.res_model].with_user(user)
                    view_types = [v for v in action.view_mode.split(",") if v]
                    model.get_views([(False, view_type) for view_type in view_types])
                    if view_types != ["form"]:
                        model.search([], limit=5)
                    opened[user] += 1
        # Lookup, catalogue and counter sales; managers also get orders,
        # suggestions, the import, four reports and the parts configuration.
        self.assertEqual(opened[clerk], 3)
        self.assertEqual(opened[manager], 11)
