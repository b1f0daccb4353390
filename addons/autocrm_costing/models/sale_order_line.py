from odoo import api, fields, models

from .costing_selections import CATEGORIES, PAYERS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    costing_category = fields.Selection(
        CATEGORIES,
        compute="_compute_costing_category",
        store=True,
        help="Where the revenue and cost of this line are reported.",
    )
    costing_payer = fields.Selection(
        PAYERS,
        compute="_compute_costing_payer",
        store=True,
        help="Who pays this line when it comes from a repair order.",
    )

    @api.depends("product_id", "order_id.repair_order_ids", "is_downpayment")
    def _compute_costing_category(self):
        for line in self:
            line.costing_category = line._get_costing_category()

    @api.depends("order_id.repair_order_ids")
    def _compute_costing_payer(self):
        for line in self:
            line.costing_payer = line._get_costing_payer()

    def _get_costing_category(self):
        """Return the costing category of the line, or False for a deposit.

        A deposit is not revenue: the final invoice deducts it again.
        """
        self.ensure_one()
        if self.is_downpayment or self.display_type or not self.product_id:
            return False
        is_goods = self.product_id.type == "consu"
        if self.order_id.repair_order_ids:
            return "parts_workshop" if is_goods else "labour"
        return "parts_counter" if is_goods else False

    def _get_costing_payer(self):
        self.ensure_one()
        return "customer" if self.order_id.repair_order_ids else False
