from odoo import Command
from odoo.tests import tagged

from .common import CostingCase


@tagged("post_install", "-at_install")
class TestAnalyticSplit(CostingCase):
    """A journal item shared between analytic accounts is shared between
    their departments, to the cent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "Store Areas"})
        cls.showroom, cls.workshop, cls.bodyshop = cls.env[
            "account.analytic.account"
        ].create(
            [
                {"name": "Showroom", "plan_id": plan.id},
                {"name": "Workshop", "plan_id": plan.id},
                {"name": "Body Shop", "plan_id": plan.id},
            ]
        )
        departments = cls.env["autocrm.costing.department"].create(
            [
                {
                    "name": "Showroom Overheads",
                    "code": "SHOWROOM",
                    "kind": "fixed",
                    "sequence": 1,
                },
                {
                    "name": "Workshop Overheads",
                    "code": "WORKSHOP",
                    "kind": "fixed",
                    "sequence": 2,
                },
            ]
        )
        cls.showroom_costs, cls.workshop_costs = departments
        cls.env["autocrm.costing.department.rule"].create(
            [
                {
                    "sequence": 1,
                    "company_id": cls.company.id,
                    "department_id": cls.showroom_costs.id,
                    "analytic_account_ids": [Command.set(cls.showroom.ids)],
                },
                {
                    "sequence": 1,
                    "company_id": cls.company.id,
                    "department_id": cls.workshop_costs.id,
                    "analytic_account_ids": [Command.set(cls.workshop.ids)],
                },
            ]
        )
        cls.fixed_costs = cls.env.ref("autocrm_costing.department_fixed_costs")

    def _costs(self, bill):
        """Return the bill's cost per department."""
        lines = self.env["autocrm.costing.line"].search(
            [("account_move_id", "=", bill.id)]
        )
        costs = {}
        for line in lines:
            costs[line.department_id] = costs.get(line.department_id, 0.0) + line.cost
        return costs

    def test_split_sixty_forty(self):
        bill = self._vendor_bill(
            self.account_rent,
            1000.05,
            analytic_distribution={
                str(self.showroom.id): 60.0,
                str(self.workshop.id): 40.0,
            },
        )
        self.assertEqual(
            self._costs(bill),
            {self.showroom_costs: 600.03, self.workshop_costs: 400.02},
        )

    def test_split_in_thirds_adds_up(self):
        bill = self._vendor_bill(
            self.account_rent,
            100.0,
            analytic_distribution={
                str(self.showroom.id): 33.33,
                str(self.workshop.id): 33.33,
                str(self.bodyshop.id): 33.34,
            },
        )
        costs = self._costs(bill)
        self.assertEqual(costs[self.showroom_costs], 33.33)
        self.assertEqual(costs[self.workshop_costs], 33.33)
        # The body shop has no rule of its own: the expense rule takes it.
        self.assertEqual(costs[self.fixed_costs], 33.34)
        self.assertEqual(sum(costs.values()), 100.0)

    def test_undistributed_rest_uses_account(self):
        bill = self._vendor_bill(
            self.account_rent,
            250.0,
            analytic_distribution={str(self.showroom.id): 60.0},
        )
        self.assertEqual(
            self._costs(bill), {self.showroom_costs: 150.0, self.fixed_costs: 100.0}
        )

    def test_department_results_are_split(self):
        self._vendor_bill(
            self.account_rent,
            1000.05,
            analytic_distribution={
                str(self.showroom.id): 60.0,
                str(self.workshop.id): 40.0,
            },
        )
        showroom = self.env["autocrm.costing.department.result"].search(
            [
                ("department_id", "=", self.showroom_costs.id),
                ("month", "=", self.month),
            ]
        )
        self.assertEqual(showroom.cost, 600.03)
