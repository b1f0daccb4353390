from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.autocrm_sales.tests.common import make_vin

from .common import DealCostingCase, render_xlsx


@tagged("post_install", "-at_install")
class TestDealProfit(DealCostingCase):
    """One deal with every kind of line, checked to the cent per category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="deal_accountant",
            groups="autocrm_costing.group_costing_manager",
        )
        cls.expense_account = cls.env["account.account"].search(
            [("code", "=", "600000"), ("company_ids", "in", cls.company.ids)]
        )
        cls.income_account = cls.env["account.account"].search(
            [("code", "=", "400000"), ("company_ids", "in", cls.company.ids)]
        )
        # Two VINs of one model bought at different prices: the deal must
        # cost the one it sells.
        cls.lot_dear, cls.lot_cheap = cls._receive_vins(
            cls.vehicle, [(make_vin(101), 100000.0), (make_vin(102), 98000.0)]
        )

    def _build_deal(self, lot, user=None):
        # The consultant creates the deal; the back office does the rest.
        deal = self._create_deal(lot, user=user).with_env(self.env)
        deal.order_line = [
            Command.create(
                {"product_id": self.accessory.id, "product_uom_qty": 1}
            ),  # 1,200.00 sold, 500.00 cost
            Command.create(
                {"product_id": self.labour.id, "product_uom_qty": 1}
            ),  # 400.00 fitting labour
            Command.create(
                {"product_id": self.floor_mats.id, "is_gift": True}
            ),  # gift: 0.00 sold, 300.00 cost
        ]
        policy = self.env["autocrm.insurance.policy"].create(
            {
                "order_id": deal.id,
                "insurer_id": self.insurer.id,
                "policy_number": "PA-0001",
                "premium": 5000.0,
                "rebate_rate": 10.0,
                "end_date": fields.Date.add(fields.Date.today(), years=1),
            }
        )
        finance = self.env["autocrm.deal.finance"].create(
            {
                "order_id": deal.id,
                "lender_id": self.lender.id,
                "amount": 60000.0,
                "commission_amount": 2000.0,
                "service_fee": 300.0,
            }
        )
        agency = self.env["autocrm.agency.service"].create(
            {
                "order_id": deal.id,
                "service_type": "registration",
                "name": "Plates",
                "vendor_id": self.agent.id,
                "price": 600.0,
                "cost": 450.0,
            }
        )
        deal.action_confirm()
        return deal, policy, finance, agency

    def _complete_deal(self, deal, policy, finance, agency):
        policy.action_activate()
        policy.action_invoice_rebate()
        policy.rebate_invoice_id.action_post()
        finance.action_submit()
        finance.action_approve()
        finance.action_invoice_commission()
        finance.commission_invoice_id.action_post()
        agency.action_create_vendor_bill()
        agency.vendor_bill_id.invoice_date = fields.Date.today()
        agency.vendor_bill_id.action_post()
        self._deliver_vehicle(deal)
        invoice = deal._create_invoices(final=True)
        invoice.action_post()
        return invoice

    def _late_bill(self, lot, amount, category=None, move_type="in_invoice"):
        partner = self.maker
        line_vals = {
            "name": "Late document",
            "account_id": (
                self.expense_account
                if move_type == "in_invoice"
                else self.income_account
            ).id,
            "price_unit": amount,
            "tax_ids": [Command.clear()],
            "costing_lot_id": lot.id,
        }
        if category:
            line_vals["costing_category"] = category
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [Command.create(line_vals)],
            }
        )
        move.action_post()
        return move

    def test_deal_figures_per_category(self):
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        self._complete_deal(deal, policy, finance, agency)
        profit = self._profit(deal)
        self.assertEqual(profit.lot_id, self.lot_cheap)
        self.assertTrue(profit.delivered)
        expected = {
            "vehicle_revenue": 120000.0,
            "vehicle_cost": 98000.0,
            "accessory_revenue": 1200.0,
            "accessory_cost": 500.0,
            "installation_revenue": 400.0,
            "installation_cost": 0.0,
            "gift_revenue": 0.0,
            "gift_cost": 300.0,
            "agency_revenue": 600.0,
            "agency_cost": 450.0,
            "insurance_revenue": 500.0,
            "finance_revenue": 2300.0,
            "revenue": 125000.0,
            "cost": 99250.0,
            "gross_profit": 25750.0,
            "margin": 20.6,
        }
        for field, value in expected.items():
            with self.subTest(field=field):
                self.assertAlmostEqual(profit[field], value, places=2)

    def test_deal_button_opens_its_documents(self):
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        self._complete_deal(deal, policy, finance, agency)
        self.assertAlmostEqual(deal.costing_gross_profit, 25750.0, places=2)
        action = deal.action_view_costing_lines()
        lines = self.env["autocrm.costing.line"].search(action["domain"])
        self.assertEqual(lines.deal_id, deal)
        self.assertEqual(
            lines.account_move_id,
            deal.invoice_ids
            | policy.rebate_invoice_id
            | finance.commission_invoice_id
            | agency.vendor_bill_id,
        )
        self.assertEqual(lines.stock_move_id, deal.picking_ids.move_ids)

    def _new_vehicles_gross_profit(self):
        """Return the gross profit of the store's New Vehicles department."""
        # _read_group reads the view each time, where records would keep the
        # figures cached by an earlier read.
        [[profit]] = self.env["autocrm.costing.department.result"]._read_group(
            [
                (
                    "department_id",
                    "=",
                    self.env.ref("autocrm_costing.department_new_vehicles").id,
                ),
                ("company_id", "=", self.company.id),
            ],
            aggregates=["gross_profit:sum"],
        )
        return profit

    def test_late_costs_land_on_the_deal(self):
        # Demo deals may count in the department too: compare with before.
        before = self._new_vehicles_gross_profit()
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        self._complete_deal(deal, policy, finance, agency)
        # After delivery: a freight bill and an OEM bonus naming only the VIN.
        self._late_bill(self.lot_cheap, 800.0)
        self._late_bill(
            self.lot_cheap, 1500.0, category="incentive", move_type="out_invoice"
        )
        profit = self._profit(deal)
        self.assertAlmostEqual(profit.vehicle_cost, 98800.0, places=2)
        self.assertAlmostEqual(profit.incentive_revenue, 1500.0, places=2)
        self.assertAlmostEqual(profit.gross_profit, 25750.0 - 800.0 + 1500.0, places=2)
        self.assertAlmostEqual(
            self._new_vehicles_gross_profit() - before,
            120000.0 - 98000.0 - 800.0 + 1500.0 - 300.0,
            places=2,
        )

    def test_cancelled_and_reinvoiced_deal(self):
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        invoice = self._complete_deal(deal, policy, finance, agency)
        # The invoice was wrong: it is reversed and the deal invoiced again.
        credit_note = invoice._reverse_moves(cancel=True)
        self.assertEqual(credit_note.state, "posted")
        deal.order_line.filtered(lambda line: line.product_id == self.labour).write(
            {"price_unit": 350.0}
        )
        second = deal._create_invoices(final=True)
        second.action_post()
        profit = self._profit(deal)
        self.assertAlmostEqual(profit.installation_revenue, 350.0, places=2)
        self.assertAlmostEqual(profit.vehicle_revenue, 120000.0, places=2)
        self.assertAlmostEqual(profit.revenue, 125000.0 - 50.0, places=2)
        self.assertAlmostEqual(profit.cost, 99250.0, places=2)

    def test_cancelled_deal_and_vin_resold(self):
        """A returned VIN sold again: each deal keeps its own figures."""
        first, policy, finance, agency = self._build_deal(self.lot_cheap)
        invoice = self._complete_deal(first, policy, finance, agency)
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=first.picking_ids.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = 1
        returned = wizard._create_return()
        returned.move_ids.quantity = 1
        returned.button_validate()
        invoice._reverse_moves(cancel=True)
        first._action_cancel()
        self.assertEqual(first.state, "cancel")

        second = self._create_deal(self.lot_cheap).with_env(self.env)
        second.action_confirm()
        self._deliver_vehicle(second)
        second._create_invoices(final=True).action_post()
        self._late_bill(self.lot_cheap, 800.0)

        cancelled = self._profit(first)
        self.assertFalse(cancelled.delivered)
        # Only the rebate, commission and agency bill stay on the first deal.
        self.assertAlmostEqual(cancelled.vehicle_revenue, 0.0, places=2)
        self.assertAlmostEqual(cancelled.vehicle_cost, 0.0, places=2)
        resold = self._profit(second)
        self.assertAlmostEqual(resold.vehicle_revenue, 120000.0, places=2)
        self.assertAlmostEqual(resold.vehicle_cost, 98000.0 + 800.0, places=2)
        self.assertEqual(resold.lot_id, self.lot_cheap)

    def test_deposit_is_not_revenue(self):
        deal, _policy, _finance, _agency = self._build_deal(self.lot_dear)
        deposit = self.env["sale.advance.payment.inv"].create(
            {
                "advance_payment_method": "fixed",
                "fixed_amount": 5000.0,
                "sale_order_ids": [Command.set(deal.ids)],
            }
        )
        deposit.create_invoices()
        deal.invoice_ids.action_post()
        self.assertFalse(self._profit(deal).revenue)

    def test_consultant_sees_own_deals_only(self):
        own, *_ = self._build_deal(self.lot_cheap)
        other, *_ = self._build_deal(self.lot_dear, user=self.other_consultant)
        for deal in own | other:
            deal._create_invoices().action_post()
        deals = self.env["autocrm.costing.deal"]
        # Invoiced but not delivered: no cost of goods yet.
        self.assertFalse(deals.search([("deal_id", "=", own.id)]).delivered)
        visible = deals.with_user(self.consultant).search([]).deal_id
        self.assertIn(own, visible)
        self.assertNotIn(other, visible)
        lines = self.env["autocrm.costing.line"].with_user(self.consultant)
        self.assertFalse(lines.search([("deal_id", "=", other.id)]))
        store = deals.with_user(self.accountant).search([]).deal_id
        self.assertEqual(store & (own | other), own | other)

    def test_xlsx_export_of_deals(self):
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        self._complete_deal(deal, policy, finance, agency)
        sheet = render_xlsx(self.env, "autocrm_costing.deal_xlsx", self._profit(deal))
        self.assertEqual(sheet["A1"].value, "Deal Profitability")
        self.assertEqual(sheet["B2"].value, self.company.name)
        headers = [cell.value for cell in sheet[6]]
        row = sheet[7]
        vin = row[headers.index("VIN")]
        self.assertEqual(vin.value, self.lot_cheap.name)
        self.assertEqual(vin.number_format, "@")
        self.assertEqual(row[headers.index("Vehicle Deal")].value, deal.name)
        expected = {
            "Vehicle Revenue": 120000,
            "Vehicle Cost": 98000,
            "Gift Cost": 300,
            "Insurance Rebates": 500,
            "Finance Commissions": 2300,
            "Revenue": 125000,
            "Cost": 99250,
            "Gross Profit": 25750,
            "Margin (%)": 20.6,
        }
        for title, value in expected.items():
            with self.subTest(column=title):
                self.assertEqual(row[headers.index(title)].value, value)
        totals = sheet[8]
        self.assertEqual(totals[0].value, "Total")
        self.assertEqual(totals[headers.index("Gross Profit")].value, 25750)
        self.assertIsNone(totals[headers.index("Margin (%)")].value)

    def test_xlsx_export_as_accountant(self):
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        self._complete_deal(deal, policy, finance, agency)
        # Read as the accountant, not from what the superuser cached.
        self.env.invalidate_all()
        rows = self._profit(deal).with_user(self.accountant)
        self.assertEqual(rows.display_name, deal.name)
        sheet = render_xlsx(rows.env, "autocrm_costing.deal_xlsx", rows)
        headers = [cell.value for cell in sheet[6]]
        self.assertEqual(sheet[7][headers.index("VIN")].value, self.lot_cheap.name)
        self.assertEqual(sheet[7][headers.index("Vehicle Deal")].value, deal.name)

    def test_accountant_finds_deal_by_vin(self):
        deal, policy, finance, agency = self._build_deal(self.lot_cheap)
        self._complete_deal(deal, policy, finance, agency)
        self.env.invalidate_all()
        deals = self.env["autocrm.costing.deal"].with_user(self.accountant)
        # What the search box sends when the accountant types part of a VIN.
        found = deals.search([("lot_id", "ilike", self.lot_cheap.name[-8:])])
        self.assertEqual(found.deal_id, deal)
        # What the list view reads for its many2one columns.
        columns = (
            "deal_id",
            "user_id",
            "partner_id",
            "lot_id",
            "vehicle_product_id",
            "vehicle_model_id",
        )
        spec = {column: {"fields": {"display_name": {}}} for column in columns}
        row = found.web_search_read([("id", "in", found.ids)], spec)["records"][0]
        self.assertEqual(row["lot_id"]["display_name"], self.lot_cheap.name)
        self.assertEqual(row["deal_id"]["display_name"], deal.name)

    def test_sales_manager_sees_store_deals(self):
        own, *_ = self._build_deal(self.lot_cheap)
        other, *_ = self._build_deal(self.lot_dear, user=self.other_consultant)
        for deal in own | other:
            deal._create_invoices().action_post()
        manager = new_test_user(
            self.env,
            login="costing_sales_manager",
            groups="autocrm_crm.group_sales_manager",
        )
        menu = self.env.ref("autocrm_costing.menu_profit")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(manager)._visible_menu_ids()
        )
        self.env.invalidate_all()
        deals = self.env["autocrm.costing.deal"].with_user(manager)
        visible = deals.search([]).deal_id
        self.assertEqual(visible & (own | other), own | other)
        lines = self.env["autocrm.costing.line"].with_user(manager)
        self.assertTrue(lines.search([("deal_id", "=", other.id)]))
        self.assertFalse(lines.search([("deal_id", "=", False)]))
        with self.assertRaises(AccessError):
            self.env["autocrm.costing.department.result"].with_user(manager).search([])
        with self.assertRaises(AccessError):
            self.env["autocrm.costing.absorption"].with_user(manager).search([])
