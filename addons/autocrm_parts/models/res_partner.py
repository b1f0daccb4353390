from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_bodyshop = fields.Boolean(
        string="Bodyshop",
        help="Trade customer buying parts for its own repairs. Counter sales "
        "to it use the parts trade price list.",
    )
