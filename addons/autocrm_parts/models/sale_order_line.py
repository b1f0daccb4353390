from odoo import models


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["autocrm.parts.substitution.mixin", "sale.order.line"]
