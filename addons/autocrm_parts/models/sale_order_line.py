from odoo import api, models
from odoo.exceptions import ValidationError


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["autocrm.parts.substitution.mixin", "sale.order.line"]

    @api.constrains("product_uom_qty", "order_id")
    def _check_counter_sale_quantity(self):
        """Reject negative quantities on counter sales.

        Parts that come back are returned with the Return button of the
        delivery, which puts them back in stock.
        """
        for line in self:
            if line.order_id.is_counter_sale and line.product_uom_qty < 0:
                raise ValidationError(
                    self.env._(
                        "Part %(part)s on counter sale %(order)s has the negative "
                        "quantity %(quantity)s. To take parts back, open the "
                        "delivery of the sale and use Return.",
                        part=line.product_id.display_name,
                        order=line.order_id.name,
                        quantity=line.product_uom_qty,
                    )
                )
