from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.costing_selections import DEAL_CATEGORIES


class AutocrmCostingDeal(models.Model):
    """Revenue, cost and margin of one vehicle deal, per category.

    Grouped from the profit lines, so late costs that name only the VIN are
    included on the deal that sold it.
    """

    _name = "autocrm.costing.deal"
    _inherit = ["autocrm.costing.report.mixin"]
    _description = "Deal Profitability"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "deal_id"
    _depends = {
        "autocrm.costing.line": ["revenue", "cost"],
        "sale.order": ["date_order", "company_id"],
        "res.company": ["partner_id", "resource_calendar_id"],
        "res.partner": ["tz"],
        "resource.calendar": ["tz"],
    }

    deal_id = fields.Many2one("sale.order", string="Vehicle Deal", readonly=True)
    date = fields.Date(
        readonly=True, help="Date the vehicle was delivered, else of the deal."
    )
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="VIN", readonly=True)
    vehicle_product_id = fields.Many2one(
        "product.product", string="Vehicle", readonly=True
    )
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", readonly=True)
    deal_type = fields.Selection(
        selection=lambda self: self.env["sale.order"]._fields["deal_type"].selection,
        readonly=True,
    )
    delivered = fields.Boolean(
        readonly=True,
        help="The vehicle has left the store and was not returned. Until then,"
        " an invoiced vehicle costs the expected cost of its VIN.",
    )
    revenue = fields.Monetary(readonly=True)
    cost = fields.Monetary(readonly=True)
    gross_profit = fields.Monetary(readonly=True)
    margin = fields.Float(
        string="Margin (%)",
        readonly=True,
        aggregator=None,
        digits=(16, 2),
        help="Gross profit divided by revenue, in percent.",
    )

    vehicle_revenue = fields.Monetary(readonly=True)
    vehicle_cost = fields.Monetary(readonly=True)
    accessory_revenue = fields.Monetary(readonly=True)
    accessory_cost = fields.Monetary(readonly=True)
    installation_revenue = fields.Monetary(readonly=True)
    installation_cost = fields.Monetary(readonly=True)
    gift_revenue = fields.Monetary(readonly=True)
    gift_cost = fields.Monetary(readonly=True)
    agency_revenue = fields.Monetary(readonly=True)
    agency_cost = fields.Monetary(readonly=True)
    insurance_revenue = fields.Monetary(readonly=True)
    insurance_cost = fields.Monetary(readonly=True)
    finance_revenue = fields.Monetary(readonly=True)
    finance_cost = fields.Monetary(readonly=True)
    incentive_revenue = fields.Monetary(readonly=True)
    incentive_cost = fields.Monetary(readonly=True)

    @api.depends("deal_id")
    def _compute_display_name(self):
        # A row the user may read shows its deal's name even without
        # rights on that model (an accountant has none on sales orders).
        for row in self:
            row.display_name = row.deal_id.sudo().display_name

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        category_columns = SQL(", ").join(
            SQL(
                "SUM(line.revenue) FILTER (WHERE line.category = %(category)s)"
                " AS %(revenue)s,"
                " SUM(line.cost) FILTER (WHERE line.category = %(category)s)"
                " AS %(cost)s",
                category=category,
                revenue=SQL.identifier(f"{category}_revenue"),
                cost=SQL.identifier(f"{category}_cost"),
            )
            for category in DEAL_CATEGORIES
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT deal.id AS id,
                           deal.id AS deal_id,
                           COALESCE(
                               MAX(line.date) FILTER (
                                   WHERE line.source = 'stock'
                                     AND line.category = 'vehicle'),
                               (deal.date_order AT TIME ZONE 'UTC'
                                   AT TIME ZONE zone.tz)::date) AS date,
                           deal.company_id,
                           company.currency_id,
                           deal.user_id,
                           deal.team_id,
                           deal.partner_id,
                           MIN(line.lot_id) FILTER (
                               WHERE line.category = 'vehicle') AS lot_id,
                           MIN(line.vehicle_product_id) AS vehicle_product_id,
                           MIN(line.vehicle_model_id) AS vehicle_model_id,
                           deal.deal_type,
                           COALESCE(SUM(line.quantity) FILTER (
                               WHERE line.source = 'stock'
                                 AND line.category = 'vehicle'), 0) > 0
                               AS delivered,
                           SUM(line.revenue) AS revenue,
                           SUM(line.cost) AS cost,
                           SUM(line.gross_profit) AS gross_profit,
                           CASE WHEN SUM(line.revenue) <> 0
                                THEN ROUND(100 * SUM(line.gross_profit)
                                           / SUM(line.revenue), 2)
                           END AS margin,
                           %(category_columns)s
                      FROM autocrm_costing_line line
                      JOIN sale_order deal ON deal.id = line.deal_id
                      JOIN res_company company ON company.id = deal.company_id
                      JOIN (%(zones)s) zone ON zone.company_id = deal.company_id
                  GROUP BY deal.id, company.currency_id, zone.tz
                )
                """,
                table=SQL.identifier(self._table),
                category_columns=category_columns,
                zones=self._get_company_timezone_query(),
            )
        )

    def action_open_lines(self):
        """Open the invoices, bills and stock moves behind this deal's figures."""
        self.ensure_one()
        return self.env["autocrm.costing.line"]._action_open(
            [("deal_id", "=", self.deal_id.id)], group_by="category"
        )
