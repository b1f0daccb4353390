from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_vehicle"):
                defaults = self.env["product.template"]._prepare_vehicle_stock_vals()
                for key, value in defaults.items():
                    vals.setdefault(key, value)
        return super().create(vals_list)
