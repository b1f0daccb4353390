from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.costing_selections import PAYERS


class AutocrmCostingRepair(models.Model):
    """Labour and parts profit of a repair order, per payer.

    A warranty line is revenue from the OEM, never from the customer: it
    shows on the row of the payer "OEM Warranty". The internal jobs of a
    vehicle deal (inspection, accessory fitting) are charged to the deal's
    installation cost: their cost shows only as "Charged to Deal" here, so
    that it is not counted twice.
    """

    _name = "autocrm.costing.repair"
    _inherit = ["autocrm.costing.report.mixin"]
    _description = "Repair Order Profitability"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "repair_id"
    _depends = {"autocrm.costing.line": ["revenue", "cost"]}

    repair_id = fields.Many2one("repair.order", string="Repair Order", readonly=True)
    payer = fields.Selection(PAYERS, readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    deal_id = fields.Many2one(
        "sale.order",
        string="Vehicle Deal",
        readonly=True,
        help="Vehicle deal whose delivery this internal job serves.",
    )
    labour_revenue = fields.Monetary(readonly=True)
    labour_cost = fields.Monetary(
        readonly=True, help="Technicians' cost of the hours clocked on the job."
    )
    parts_revenue = fields.Monetary(readonly=True)
    parts_cost = fields.Monetary(readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    gross_profit = fields.Monetary(readonly=True)
    deal_cost = fields.Monetary(
        string="Charged to Deal",
        readonly=True,
        help="Clocked time and parts of a deal's internal job, counted in the"
        " installation cost of the deal instead of here.",
    )

    @api.depends("repair_id")
    def _compute_display_name(self):
        # A row the user may read shows its repair order's name even without
        # rights on that model (an accountant has none on repair orders).
        for row in self:
            row.display_name = row.repair_id.sudo().display_name

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT MIN(line.id) AS id,
                           line.repair_id,
                           COALESCE(line.payer, 'customer') AS payer,
                           MAX(line.date) AS date,
                           repair.company_id,
                           company.currency_id,
                           repair.user_id,
                           repair.partner_id,
                           repair.deal_id,
                           COALESCE(SUM(line.revenue) FILTER (
                               WHERE line.category = 'labour'), 0)
                               AS labour_revenue,
                           COALESCE(SUM(line.cost) FILTER (
                               WHERE line.category = 'labour'), 0) AS labour_cost,
                           COALESCE(SUM(line.revenue) FILTER (
                               WHERE line.category = 'parts_workshop'), 0)
                               AS parts_revenue,
                           COALESCE(SUM(line.cost) FILTER (
                               WHERE line.category = 'parts_workshop'), 0)
                               AS parts_cost,
                           COALESCE(SUM(line.revenue) FILTER (
                               WHERE line.deal_id IS NULL), 0) AS revenue,
                           COALESCE(SUM(line.cost) FILTER (
                               WHERE line.deal_id IS NULL), 0) AS cost,
                           COALESCE(SUM(line.gross_profit) FILTER (
                               WHERE line.deal_id IS NULL), 0) AS gross_profit,
                           COALESCE(SUM(line.cost) FILTER (
                               WHERE line.deal_id IS NOT NULL), 0) AS deal_cost
                      FROM autocrm_costing_line line
                      JOIN repair_order repair ON repair.id = line.repair_id
                      JOIN res_company company ON company.id = repair.company_id
                  GROUP BY line.repair_id, COALESCE(line.payer, 'customer'),
                           repair.company_id, company.currency_id,
                           repair.user_id, repair.partner_id, repair.deal_id
                )
                """,
                SQL.identifier(self._table),
            )
        )

    def action_open_lines(self):
        """Open the invoices and stock moves behind this repair order's figures."""
        self.ensure_one()
        return self.env["autocrm.costing.line"]._action_open(
            [("repair_id", "=", self.repair_id.id)], group_by="category"
        )
