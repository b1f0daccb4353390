from odoo import api, fields, models

from ..models.sale_order_line import DEAL_PRICED_LINE


class AutocrmDealPackageWizard(models.TransientModel):
    _name = "autocrm.deal.package.wizard"
    _description = "Add a Decoration Package to a Deal"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    vehicle_model_id = fields.Many2one(related="order_id.vehicle_model_id")
    package_id = fields.Many2one(
        "autocrm.decoration.package",
        required=True,
        domain="['|', ('vehicle_model_ids', '=', False), "
        "('vehicle_model_ids', 'in', vehicle_model_id)]",
    )
    currency_id = fields.Many2one(related="package_id.currency_id")
    pricing = fields.Selection(related="package_id.pricing")
    package_price = fields.Monetary(related="package_id.package_price")
    lines_total = fields.Monetary(related="package_id.lines_total")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if not values.get("order_id") and self.env.context.get("active_model") == (
            "sale.order"
        ):
            values["order_id"] = self.env.context.get("active_id")
        return values

    def action_add(self):
        self.ensure_one()
        # The package, not the pricelist, sets the price of its lines.
        order = self.order_id.with_context(autocrm_deal_priced_line=DEAL_PRICED_LINE)
        order.order_line = self.package_id._prepare_order_line_commands(order)
        return {"type": "ir.actions.act_window_close"}
