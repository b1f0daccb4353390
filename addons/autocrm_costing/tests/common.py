from io import BytesIO

import openpyxl

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.autocrm_sales.tests.common import VehicleSalesCase


def _set_utc_time_zone(env, company):
    """Put the store and the test user in UTC, the zone of fields.Date.today().

    The views date stock moves in the store's zone and invoices take the
    user's local date. Demo data sets other zones, and near midnight they
    would put one document on two different days.
    """
    company.partner_id.tz = "UTC"
    env.user.tz = "UTC"


class CostingCase(TransactionCase):
    """Store with a chart of accounts, a stocked part and helpers to post
    the documents whose figures the costing reports read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        _set_utc_time_zone(cls.env, cls.company)
        cls.today = fields.Date.context_today(cls.env.user)
        cls.month = fields.Date.start_of(cls.today, "month")
        cls.stock_location = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.company.id)], limit=1)
            .lot_stock_id
        )
        cls.account_income = cls._account("400000")
        cls.account_rent = cls._account("612000")
        cls.account_expense = cls._account("600000")
        cls.customer = cls.env["res.partner"].create({"name": "Carla Customer"})
        cls.vendor = cls.env["res.partner"].create({"name": "Vince Vendor"})
        cls.part = cls.env["product.product"].create(
            {
                "name": "Oil Filter",
                "default_code": "00015-OF",
                "is_storable": True,
                "standard_price": 12.5,
                "list_price": 30.0,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.labour = cls.env["product.product"].create(
            {
                "name": "Workshop Labour",
                "type": "service",
                "list_price": 80.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.part, cls.stock_location, 100
        )
        cls.consultant = new_test_user(
            cls.env,
            login="costing_consultant",
            groups="autocrm_crm.group_sales_consultant,"
            "autocrm_costing.group_costing_user",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="costing_accountant",
            groups="autocrm_costing.group_costing_manager",
        )
        # A store has one target per KPI, period and owner, so targets that
        # demo data made would clash with the ones the tests create.
        cls.env["autocrm.costing.target"].search([]).unlink()
        # The reports sum every document of the store, demo data included, so
        # tests compare against these figures from before their own documents.
        cls.results_before = cls._month_results()

    @classmethod
    def _month_results(cls):
        """Return (revenue, cost, gross profit) per (store, department) id pair
        for this month."""
        groups = cls.env["autocrm.costing.department.result"]._read_group(
            [("month", "=", cls.month)],
            ["company_id", "department_id"],
            ["revenue:sum", "cost:sum", "gross_profit:sum"],
        )
        return {
            (company.id, department.id): (revenue, cost, profit)
            for company, department, revenue, cost, profit in groups
        }

    @classmethod
    def _account(cls, code):
        return cls.env["account.account"].search(
            [("code", "=", code), ("company_ids", "in", cls.company.ids)], limit=1
        )

    @classmethod
    def _deliver(cls, order):
        for picking in order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        ):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.button_validate()

    @classmethod
    def _invoice(cls, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    @classmethod
    def _counter_sale(cls, quantity, price, user=None):
        """Sell ``quantity`` oil filters over the counter, deliver, invoice."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": (user or cls.env.user).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.part.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        cls._deliver(order)
        return order, cls._invoice(order)

    @classmethod
    def _vendor_bill(cls, account, amount, post=True, **line_vals):
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": cls.vendor.id,
                "invoice_date": cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Store cost",
                            "account_id": account.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            **line_vals,
                        }
                    )
                ],
            }
        )
        if post:
            bill.action_post()
        return bill

    def _result(self, department_xmlid, company=None):
        """Return (revenue, cost, gross profit) that this test's documents
        added to a department this month."""
        key = ((company or self.company).id, self.env.ref(department_xmlid).id)
        now = self._month_results().get(key, (0.0, 0.0, 0.0))
        before = self.results_before.get(key, (0.0, 0.0, 0.0))
        return tuple(round(total - old, 2) for total, old in zip(now, before))


class DealCostingCase(VehicleSalesCase):
    """Vehicle store whose consultants read the figures of their own deals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _set_utc_time_zone(cls.env, cls.company)
        costing_user = cls.env.ref("autocrm_costing.group_costing_user")
        cls.consultant.group_ids += costing_user
        cls.other_consultant.group_ids += costing_user

    def _deliver_vehicle(self, deal):
        """Approve the deal's gate pass and deliver everything it sells."""
        self.env["autocrm.gate.pass"].create({"order_id": deal.id, "state": "approved"})
        for move in deal.picking_ids.move_ids:
            move.quantity = move.product_uom_qty
        deal.picking_ids.button_validate()

    def _profit(self, deal):
        return self.env["autocrm.costing.deal"].search([("deal_id", "=", deal.id)])


def render_xlsx(env, report_name, records):
    """Render an XLSX export of ``records`` and open it with openpyxl."""
    content, _report_type = env["ir.actions.report"]._render_xlsx(
        report_name, records.ids, None
    )
    return openpyxl.load_workbook(BytesIO(content)).active
