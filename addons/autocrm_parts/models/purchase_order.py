from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    parts_order_type = fields.Selection(
        [("stock", "Stock Order"), ("emergency", "Emergency Order")],
        default="stock",
        index=True,
        tracking=True,
        help="Stock orders replenish the shelves on the regular schedule. "
        "Emergency orders are placed for one vehicle off the road and usually "
        "cost more freight.",
    )
    emergency_reason = fields.Selection(
        [
            ("vor", "Vehicle Off Road"),
            ("warranty", "Warranty Repair Waiting"),
            ("customer", "Customer Special Order"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    emergency_note = fields.Text(string="Emergency Details")
    emergency_repair_ref = fields.Char(
        string="Repair Order",
        tracking=True,
        help="Reference of the repair order this emergency order serves.",
    )
    emergency_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Vehicle Off Road",
        check_company=True,
    )

    @api.constrains("parts_order_type", "emergency_reason", "emergency_repair_ref")
    def _check_emergency_details(self):
        for order in self:
            if order.parts_order_type != "emergency":
                continue
            if not order.emergency_reason or not order.emergency_repair_ref:
                raise ValidationError(
                    self.env._(
                        "Emergency order %(order)s needs an emergency reason and "
                        "the repair order it serves. Fill both, or make it a "
                        "stock order.",
                        order=order.display_name,
                    )
                )
