from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    emergency_repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order Served",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('state', 'not in', ('done', 'cancel'))]",
        help="Repair order waiting for the parts of this emergency order.",
    )

    @api.constrains("parts_order_type", "emergency_repair_id")
    def _check_emergency_repair_id(self):
        for order in self:
            if order.parts_order_type == "emergency" and not order.emergency_repair_id:
                raise ValidationError(
                    self.env._(
                        "Emergency order %(order)s must be linked to the repair "
                        "order it serves. Choose the repair order, or make it a "
                        "stock order.",
                        order=order.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._add_repair_ref(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._add_repair_ref(vals)
        return super().write(vals)

    def _add_repair_ref(self, vals):
        """Copy the linked repair order's name into the parts module's text
        reference. Clearing the link keeps the text, and so do orders
        entered before the workshop module was installed.
        """
        if vals.get("emergency_repair_id"):
            repair = self.env["repair.order"].browse(vals["emergency_repair_id"])
            vals["emergency_repair_ref"] = repair.name
