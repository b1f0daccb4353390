from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.costing_selections import DEPARTMENT_KINDS


class AutocrmCostingDepartmentResult(models.Model):
    """Revenue, cost and gross profit of a department in a store and month.

    A grouped SQL view over the profit lines, so the monthly report reads a
    few hundred rows instead of every journal item.
    """

    _name = "autocrm.costing.department.result"
    _inherit = ["autocrm.costing.report.mixin"]
    _description = "Department Result"
    _auto = False
    _order = "month desc, company_id, department_sequence"
    _depends = {"autocrm.costing.line": ["revenue", "cost"]}

    month = fields.Date(readonly=True, help="First day of the month.")
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    department_id = fields.Many2one("autocrm.costing.department", readonly=True)
    department_sequence = fields.Integer(readonly=True)
    department_kind = fields.Selection(DEPARTMENT_KINDS, readonly=True)
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    gross_profit = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT MIN(line.id) AS id,
                           date_trunc('month', line.date)::date AS month,
                           line.company_id,
                           line.currency_id,
                           line.department_id,
                           department.sequence AS department_sequence,
                           line.department_kind,
                           SUM(line.revenue) AS revenue,
                           SUM(line.cost) AS cost,
                           SUM(line.gross_profit) AS gross_profit
                      FROM autocrm_costing_line line
                      JOIN autocrm_costing_department department
                        ON department.id = line.department_id
                  GROUP BY date_trunc('month', line.date), line.company_id,
                           line.currency_id, line.department_id,
                           department.sequence, line.department_kind
                )
                """,
                SQL.identifier(self._table),
            )
        )

    def action_open_lines(self):
        """Open the journal items and stock moves behind this figure."""
        self.ensure_one()
        month_end = fields.Date.end_of(self.month, "month")
        return self.env["autocrm.costing.line"]._action_open(
            [
                ("company_id", "=", self.company_id.id),
                ("department_id", "=", self.department_id.id),
                ("date", ">=", self.month),
                ("date", "<=", month_end),
            ]
        )
