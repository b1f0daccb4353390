from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    parts_demand_history_days = fields.Integer(
        string="Demand History (days)",
        default=180,
        help="Days of issued quantities averaged into the daily demand used "
        "for order point suggestions.",
    )
    parts_default_lead_days = fields.Integer(
        string="Default Supplier Lead Time (days)",
        default=7,
        help="Lead time used when the part has no vendor with a delivery lead time.",
    )
    parts_safety_days = fields.Integer(
        string="Safety Stock (days of demand)",
        default=5,
    )
    parts_order_cycle_days = fields.Integer(
        string="Order Cycle (days)",
        default=14,
        help="Days of demand between the minimum and the maximum of a "
        "suggested order point: the time between two stock orders.",
    )
    parts_dead_stock_days = fields.Integer(
        string="Dead Stock After (days)",
        default=180,
        help="Stock of a part that has not moved in a store for this many "
        "days is reported as dead stock.",
    )
    parts_abc_a_percent = fields.Float(
        string="Class A Share (%)",
        default=80.0,
        help="Parts making up this share of the annual consumption value of a "
        "store, from the largest down, are class A.",
    )
    parts_abc_b_percent = fields.Float(
        string="Class A+B Share (%)",
        default=95.0,
        help="Parts after class A up to this cumulative share are class B, "
        "the rest class C.",
    )
    parts_retail_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Parts Retail Price List",
        help="Price list of counter sales to walk-in customers.",
    )
    parts_trade_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Parts Trade Price List",
        help="Price list of counter sales to bodyshops.",
    )

    @api.constrains(
        "parts_demand_history_days",
        "parts_default_lead_days",
        "parts_safety_days",
        "parts_order_cycle_days",
        "parts_dead_stock_days",
    )
    def _check_parts_days(self):
        for company in self:
            if (
                company.parts_demand_history_days < 1
                or min(
                    company.parts_default_lead_days,
                    company.parts_safety_days,
                    company.parts_order_cycle_days,
                    company.parts_dead_stock_days,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Parts settings of %(company)s: the demand history must "
                        "be at least one day and no other day count may be "
                        "negative.",
                        company=company.name,
                    )
                )

    @api.constrains("parts_abc_a_percent", "parts_abc_b_percent")
    def _check_parts_abc_percent(self):
        for company in self:
            a_share = company.parts_abc_a_percent
            b_share = company.parts_abc_b_percent
            if not 0 < a_share < b_share <= 100:
                raise ValidationError(
                    self.env._(
                        "ABC shares of %(company)s must satisfy 0 < A (%(a)s) < "
                        "A+B (%(b)s) <= 100. Adjust the two percentages.",
                        company=company.name,
                        a=a_share,
                        b=b_share,
                    )
                )
