from odoo import fields, models, tools
from odoo.tools import SQL


class AutocrmCostingAbsorption(models.Model):
    """Service absorption of a store in a month.

    Absorption is the after-sales gross profit (service labour and parts)
    divided by the store's fixed costs: at 100 % the workshop and the parts
    counter pay every fixed cost, so each car sold adds profit.
    """

    _name = "autocrm.costing.absorption"
    _inherit = ["autocrm.costing.report.mixin"]
    _description = "Service Absorption"
    _auto = False
    _order = "month desc, company_id"
    _depends = {"autocrm.costing.department.result": ["gross_profit"]}

    month = fields.Date(readonly=True, help="First day of the month.")
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    sales_gross_profit = fields.Monetary(
        string="Vehicle Sales Gross Profit", readonly=True
    )
    after_sales_gross_profit = fields.Monetary(readonly=True)
    fixed_costs = fields.Monetary(readonly=True)
    net_profit = fields.Monetary(
        readonly=True, help="Gross profit of all departments minus fixed costs."
    )
    absorption = fields.Float(
        string="Service Absorption (%)",
        readonly=True,
        aggregator=None,
        digits=(16, 2),
        help="After-sales gross profit divided by fixed costs, in percent;"
        " empty when the month has no fixed costs.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    WITH totals AS (
                        SELECT MIN(id) AS id, month, company_id, currency_id,
                               COALESCE(SUM(gross_profit) FILTER (
                                   WHERE department_kind = 'sales'), 0)
                                   AS sales_gross_profit,
                               COALESCE(SUM(gross_profit) FILTER (
                                   WHERE department_kind = 'after_sales'), 0)
                                   AS after_sales_gross_profit,
                               COALESCE(SUM(cost) FILTER (
                                   WHERE department_kind = 'fixed'), 0)
                                   AS fixed_costs
                          FROM autocrm_costing_department_result
                      GROUP BY month, company_id, currency_id
                    )
                    SELECT totals.*,
                           sales_gross_profit + after_sales_gross_profit
                               - fixed_costs AS net_profit,
                           CASE WHEN fixed_costs <> 0
                                THEN ROUND(
                                    100 * after_sales_gross_profit / fixed_costs,
                                    2)
                           END AS absorption
                      FROM totals
                )
                """,
                SQL.identifier(self._table),
            )
        )
