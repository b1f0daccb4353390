from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_vehicle = fields.Boolean(
        help="New vehicles for sale: stocked by VIN (one serial number per unit) "
        "and valuated per VIN, so each unit carries its own purchase cost.",
    )
    vehicle_model_id = fields.Many2one(
        "fleet.vehicle.model",
        index="btree_not_null",
        help="Fleet model given to the owner's vehicle record at delivery.",
    )
    warranty_months = fields.Integer(
        default=36,
        help="Length of the new-vehicle warranty in months, counted from the "
        "delivery date.",
    )

    @api.onchange("is_vehicle")
    def _onchange_is_vehicle(self):
        if self.is_vehicle:
            self.update(self._prepare_vehicle_stock_vals())

    @api.model
    def _prepare_vehicle_stock_vals(self):
        """Return the stock settings every vehicle product must have."""
        vals = {
            "type": "consu",
            "is_storable": True,
            "tracking": "serial",
            "lot_valuated": True,
        }
        category = self.env.ref(
            "autocrm_sales.product_category_vehicles", raise_if_not_found=False
        )
        if category:
            vals["categ_id"] = category.id
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_vehicle"):
                defaults = self._prepare_vehicle_stock_vals()
                for key, value in defaults.items():
                    vals.setdefault(key, value)
        return super().create(vals_list)

    @api.constrains("is_vehicle", "tracking", "lot_valuated", "is_storable")
    def _check_vehicle_tracking(self):
        for template in self.filtered("is_vehicle"):
            if (
                template.tracking != "serial"
                or not template.lot_valuated
                or not template.is_storable
            ):
                raise ValidationError(
                    self.env._(
                        "Vehicle product %(product)s must be tracked by unique "
                        "serial number (the VIN), valuated by serial number and "
                        "tracked in inventory. Turn these options back on, or "
                        "untick 'Is a Vehicle'.",
                        product=template.display_name,
                    )
                )
