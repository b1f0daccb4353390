from odoo import models


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    _inherit = ["autocrm.parts.substitution.mixin", "purchase.order.line"]
