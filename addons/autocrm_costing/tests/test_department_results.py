from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CostingCase

PARTS_COUNTER = "autocrm_costing.department_parts_counter"
FIXED = "autocrm_costing.department_fixed_costs"


@tagged("post_install", "-at_install")
class TestDepartmentResults(CostingCase):
    def test_counter_sale_revenue_and_stock_cost(self):
        self._counter_sale(4, 30.0)
        # 4 x 30.00 invoiced; 4 x 12.50 standard cost out of stock.
        self.assertEqual(self._result(PARTS_COUNTER), (120.0, 50.0, 70.0))

    def test_draft_and_cancelled_invoices_do_not_count(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.part.id,
                            "product_uom_qty": 2,
                            "price_unit": 30.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        draft = order._create_invoices()
        self.assertEqual(self._result(PARTS_COUNTER)[0], 0.0)
        draft.action_post()
        draft.button_draft()
        draft.button_cancel()
        self.assertEqual(self._result(PARTS_COUNTER)[0], 0.0)

    def test_credit_note_reverses_revenue(self):
        _order, invoice = self._counter_sale(2, 30.0)
        reversal = invoice._reverse_moves()
        reversal.action_post()
        revenue, cost, _profit = self._result(PARTS_COUNTER)
        self.assertEqual(revenue, 0.0)
        # The goods stay with the customer, so their cost stays.
        self.assertEqual(cost, 25.0)

    def test_return_to_stock_reverses_cost(self):
        order, _invoice = self._counter_sale(2, 30.0)
        picking = order.picking_ids
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = 1
        return_picking = wizard._create_return()
        return_picking.move_ids.quantity = 1
        return_picking.button_validate()
        self.assertEqual(self._result(PARTS_COUNTER)[1], 12.5)

    def test_fixed_costs_from_expense_accounts(self):
        self._vendor_bill(self.account_rent, 3000.0)
        self._vendor_bill(self.account_expense, 450.25)
        self._vendor_bill(self.account_rent, 999.0, post=False)
        self.assertEqual(self._result(FIXED), (0.0, 3450.25, -3450.25))

    def test_absorption_is_after_sales_profit_over_fixed_costs(self):
        absorption_model = self.env["autocrm.costing.absorption"]
        domain = [("company_id", "=", self.company.id), ("month", "=", self.month)]
        # Demo data may already have figures in this month: the test checks
        # what its documents add and the ratio over the month's totals.
        before = absorption_model.search(domain).read(
            ["after_sales_gross_profit", "fixed_costs"]
        )
        before = before[0] if before else {}
        self._counter_sale(10, 30.0)  # 300.00 revenue, 125.00 cost
        self._vendor_bill(self.account_rent, 700.0)
        absorption_model.invalidate_model()
        absorption = absorption_model.search(domain)
        after_sales = absorption.after_sales_gross_profit
        fixed_costs = absorption.fixed_costs
        self.assertAlmostEqual(
            after_sales - before.get("after_sales_gross_profit", 0.0),
            175.0,
            places=2,
        )
        self.assertAlmostEqual(
            fixed_costs - before.get("fixed_costs", 0.0), 700.0, places=2
        )
        self.assertAlmostEqual(
            absorption.net_profit,
            absorption.sales_gross_profit + after_sales - fixed_costs,
            places=2,
        )
        self.assertAlmostEqual(
            absorption.absorption, round(100 * after_sales / fixed_costs, 2), places=2
        )
        if not before:
            self.assertEqual(absorption.net_profit, -525.0)
            self.assertEqual(absorption.absorption, 25.0)

    def test_account_rule_overrides_category(self):
        """A rule placed first and naming an account takes its items."""
        special_income = self.account_income.copy({"code": "400100"})
        agency = self.env.ref("autocrm_costing.department_agency")
        self.env["autocrm.costing.department.rule"].create(
            {
                "sequence": 1,
                "department_id": agency.id,
                "account_ids": [Command.set(special_income.ids)],
            }
        )
        bill = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Plate registration",
                            "account_id": special_income.id,
                            "price_unit": 150.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        self.assertEqual(
            self._result("autocrm_costing.department_agency"), (150.0, 0.0, 150.0)
        )

    def test_analytic_plan_rule(self):
        plan = self.env["account.analytic.plan"].create({"name": "Workshop Bays"})
        bay = self.env["account.analytic.account"].create(
            {"name": "Bay 1", "plan_id": plan.id}
        )
        labour = self.env.ref("autocrm_costing.department_service_labour")
        self.env["autocrm.costing.department.rule"].create(
            {"sequence": 1, "department_id": labour.id, "analytic_plan_id": plan.id}
        )
        self._vendor_bill(
            self.account_expense,
            80.0,
            analytic_distribution={str(bay.id): 100},
        )
        self.assertEqual(
            self._result("autocrm_costing.department_service_labour"),
            (0.0, 80.0, -80.0),
        )
        self.assertEqual(self._result(FIXED)[1], 0.0)

    def test_rule_without_criterion_rejected(self):
        with self.assertRaisesRegex(ValidationError, "no criterion"):
            self.env["autocrm.costing.department.rule"].create(
                {"department_id": self.env.ref(FIXED).id}
            )

    def test_other_store_figures_hidden(self):
        other = self.env["res.company"].create({"name": "Second Store"})
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=other, install_demo=False
        )
        self._vendor_bill(self.account_rent, 100.0)
        result = self.env["autocrm.costing.department.result"].with_user(
            self.accountant
        )
        self.assertTrue(result.search([("company_id", "=", self.company.id)]))
        self.accountant.write(
            {"company_ids": [Command.set(other.ids)], "company_id": other.id}
        )
        self.assertFalse(result.search([("company_id", "=", self.company.id)]))

    def test_consultant_cannot_read_store_results(self):
        self._vendor_bill(self.account_rent, 100.0)
        for model in (
            "autocrm.costing.department.result",
            "autocrm.costing.absorption",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.consultant).search([])

    def test_consultant_sees_own_counter_sales_only(self):
        self._counter_sale(1, 30.0, user=self.consultant)
        self._counter_sale(1, 30.0, user=self.accountant)
        lines = self.env["autocrm.costing.line"].with_user(self.consultant).search([])
        self.assertTrue(lines)
        self.assertEqual(lines.user_id, self.consultant)

    def test_report_reads_turn_jit_off(self):
        self.env.cr.execute("SET LOCAL jit = on")
        self.env["autocrm.costing.department.result"]._read_group(
            [], aggregates=["revenue:sum"]
        )
        self.env.cr.execute("SHOW jit")
        self.assertEqual(self.env.cr.fetchone()[0], "off")
