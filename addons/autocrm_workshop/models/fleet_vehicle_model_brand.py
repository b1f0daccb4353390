from odoo import fields, models


class FleetVehicleModelBrand(models.Model):
    _inherit = "fleet.vehicle.model.brand"

    warranty_partner_id = fields.Many2one(
        "res.partner",
        string="Warranty Payer",
        help="Manufacturer or importer that receives the warranty claims and"
        " invoices for this brand.",
    )
    warranty_currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id,
    )
    warranty_labour_rate = fields.Monetary(
        currency_field="warranty_currency_id",
        help="Price of one flat-rate hour that the manufacturer pays on warranty"
        " claims.",
    )
