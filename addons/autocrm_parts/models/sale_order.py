from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    is_counter_sale = fields.Boolean(
        string="Parts Counter Sale",
        index=True,
        copy=True,
        help="Sale of parts over the counter to a walk-in customer or a "
        "bodyshop, priced with the company's parts price lists.",
    )

    @api.depends("is_counter_sale")
    def _compute_pricelist_id(self):
        super()._compute_pricelist_id()
        for order in self:
            if order.state != "draft" or not order.is_counter_sale:
                continue
            pricelist = order._get_counter_pricelist()
            if pricelist:
                order.pricelist_id = pricelist
        return None

    @api.constrains("is_counter_sale")
    def _check_counter_sale_quantities(self):
        self.filtered("is_counter_sale").order_line._check_counter_sale_quantity()

    def _get_counter_pricelist(self):
        """Return the trade list for bodyshops and the retail list otherwise."""
        self.ensure_one()
        company = self.company_id
        if self.partner_id.commercial_partner_id.is_bodyshop:
            return company.parts_trade_pricelist_id or company.parts_retail_pricelist_id
        return company.parts_retail_pricelist_id
