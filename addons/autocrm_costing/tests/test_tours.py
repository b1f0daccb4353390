from odoo.tests import HttpCase, new_test_user, tagged

from .common import CostingCase


@tagged("post_install", "-at_install")
class TestTours(HttpCase, CostingCase):
    """The target dashboard and department results render in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tour_consultant = new_test_user(
            cls.env,
            login="tour_costing_consultant",
            name="Tour Consultant",
            groups="autocrm_crm.group_sales_consultant,"
            "autocrm_costing.group_costing_user",
        )
        cls._counter_sale(4, 30.0, user=cls.tour_consultant)
        cls.env["autocrm.costing.target"].create(
            {
                "kpi": "parts_revenue",
                "user_id": cls.tour_consultant.id,
                "date_from": cls.month,
                "target_value": 240.0,
            }
        )

    def test_consultant_target_completion(self):
        self.start_tour(
            "/odoo/action-autocrm_costing.autocrm_costing_target_dashboard_action",
            "autocrm_costing_target_completion",
            login=self.tour_consultant.login,
        )

    def test_accountant_department_results(self):
        # NOTE: the tour reads the month's store totals in the pivot, so it
        # still fails on a database with demo data.
        self.start_tour(
            "/odoo/action-autocrm_costing.autocrm_costing_department_result_action",
            "autocrm_costing_department_results",
            login=self.accountant.login,
        )
