from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user


@tagged("post_install", "-at_install")
class TestMenuSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.menu = cls.env.ref("autocrm_costing.menu_profit")
        cls.outsider = new_test_user(
            cls.env, login="other_role", groups="autocrm_base.group_dealership_user"
        )

    def _visible_menu_ids(self, user):
        return set(self.env["ir.ui.menu"].with_user(user)._visible_menu_ids())

    def test_costing_user_role_implies_dealership_user(self):
        group = self.env.ref("autocrm_costing.group_costing_user")
        self.assertIn(
            self.env.ref("autocrm_base.group_dealership_user"), group.all_implied_ids
        )

    def test_costing_manager_role_implies_dealership_user(self):
        group = self.env.ref("autocrm_costing.group_costing_manager")
        self.assertIn(
            self.env.ref("autocrm_base.group_dealership_user"), group.all_implied_ids
        )

    def test_menu_visible_to_costing_manager(self):
        user = new_test_user(
            self.env, login="role_user", groups="autocrm_costing.group_costing_manager"
        )
        self.assertIn(self.menu.id, self._visible_menu_ids(user))

    def test_menu_hidden_from_other_dealership_roles(self):
        self.assertNotIn(self.menu.id, self._visible_menu_ids(self.outsider))

    def test_store_manager_sees_menu(self):
        user = new_test_user(
            self.env, login="boss", groups="autocrm_base.group_store_manager"
        )
        self.assertIn(self.menu.id, self._visible_menu_ids(user))

    def test_report_views_load_for_each_role(self):
        consultant = new_test_user(
            self.env,
            login="views_consultant",
            groups="autocrm_crm.group_sales_consultant,"
            "autocrm_costing.group_costing_user",
        )
        accountant = new_test_user(
            self.env,
            login="views_accountant",
            groups="autocrm_costing.group_costing_manager",
        )
        own_reports = {
            "autocrm.costing.deal": ["list", "pivot", "graph", "search"],
            "autocrm.costing.repair": ["list", "pivot", "search"],
            "autocrm.costing.line": ["list", "pivot", "graph", "form", "search"],
            "autocrm.costing.target": ["list", "kanban", "form", "search"],
        }
        store_reports = {
            "autocrm.costing.department.result": ["list", "pivot", "graph", "search"],
            "autocrm.costing.absorption": ["list", "graph", "search"],
        }
        for user, reports in (
            (consultant, own_reports),
            (accountant, own_reports | store_reports),
        ):
            for model, view_types in reports.items():
                with self.subTest(user=user.login, model=model):
                    views = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, view_type) for view_type in view_types])
                    )
                    self.assertEqual(set(views["views"]), set(view_types))
