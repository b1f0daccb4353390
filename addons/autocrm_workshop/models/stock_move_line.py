from odoo import api, models
from odoo.exceptions import ValidationError


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.constrains("lot_id", "move_id")
    def _check_not_vehicle_under_repair(self):
        for line in self.filtered(
            lambda ml: ml.lot_id and ml.move_id.repair_line_type == "add"
        ):
            repair = line.move_id.repair_id
            vin = repair.vehicle_id.vin_sn
            if line.lot_id == repair.lot_id or (vin and line.lot_id.name == vin):
                raise ValidationError(
                    self.env._(
                        "%(lot)s is the vehicle under repair on %(repair)s and"
                        " cannot be one of its parts. Remove the line.",
                        lot=line.lot_id.name,
                        repair=repair.name,
                    )
                )
