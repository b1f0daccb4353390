from odoo import fields, models


class FleetVehicleModelBrand(models.Model):
    _inherit = "fleet.vehicle.model.brand"

    vin_maker_names = fields.Char(
        string="Also Built By",
        help="Makers, separated by commas, whose VINs count as this brand's "
        "at vehicle receipt, spelled as the VIN decoder names them. Use it "
        "for a joint venture named after another brand, e.g. FAW-Volkswagen "
        "(WMI LFV) for Audi.",
    )

    def _get_vin_maker_names(self):
        """Return the extra maker names as a list, without blanks."""
        self.ensure_one()
        return [
            name.strip()
            for name in (self.vin_maker_names or "").split(",")
            if name.strip()
        ]
