from odoo import api, models
from odoo.exceptions import AccessError


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"

    def write(self, vals):
        if vals.keys() & {"value", "date", "vehicle_id"}:
            self._check_closed_repair_reading()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_repair_reading(self):
        self._check_closed_repair_reading()

    def _check_closed_repair_reading(self):
        """Raise AccessError when a non-manager edits a closed order's reading.

        The odometer in of a done or cancelled repair order is fixed for the
        same users whatever screen they use, the order or the odometer log.
        """
        if self._can_record_correction():
            return
        # sudo: the repair order may belong to another store of the group.
        repair = (
            self.env["repair.order"]
            .sudo()
            .search(
                [
                    ("odometer_reading_id", "in", self.ids),
                    ("state", "in", ("done", "cancel")),
                ],
                limit=1,
            )
        )
        if repair:
            reading = repair.odometer_reading_id
            raise AccessError(
                self.env._(
                    "The odometer reading %(value)s of %(vehicle)s on %(date)s"
                    " is the odometer in of repair order %(repair)s, which is"
                    " closed, so it cannot change. Ask a manager to record a"
                    " correction with its reason.",
                    value=reading.value,
                    vehicle=reading.vehicle_id.display_name,
                    date=reading.date,
                    repair=repair.name,
                )
            )
