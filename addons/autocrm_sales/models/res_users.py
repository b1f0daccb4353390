from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    deal_discount_limit = fields.Monetary(
        currency_field="deal_discount_currency_id",
        help="Largest discount per vehicle deal that this consultant may give "
        "without a sales manager's approval, in the company currency.",
    )
    deal_discount_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Discount Limit Currency"
    )
