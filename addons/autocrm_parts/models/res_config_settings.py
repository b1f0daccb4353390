from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    parts_demand_history_days = fields.Integer(
        related="company_id.parts_demand_history_days", readonly=False
    )
    parts_default_lead_days = fields.Integer(
        related="company_id.parts_default_lead_days", readonly=False
    )
    parts_safety_days = fields.Integer(
        related="company_id.parts_safety_days", readonly=False
    )
    parts_order_cycle_days = fields.Integer(
        related="company_id.parts_order_cycle_days", readonly=False
    )
    parts_dead_stock_days = fields.Integer(
        related="company_id.parts_dead_stock_days", readonly=False
    )
    parts_abc_a_percent = fields.Float(
        related="company_id.parts_abc_a_percent", readonly=False
    )
    parts_abc_b_percent = fields.Float(
        related="company_id.parts_abc_b_percent", readonly=False
    )
    parts_retail_pricelist_id = fields.Many2one(
        related="company_id.parts_retail_pricelist_id", readonly=False
    )
    parts_trade_pricelist_id = fields.Many2one(
        related="company_id.parts_trade_pricelist_id", readonly=False
    )
