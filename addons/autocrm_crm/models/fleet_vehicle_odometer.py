from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

# Groups allowed to record a reading below the previous one.
ODOMETER_CORRECTION_GROUPS = (
    "autocrm_crm.group_sales_manager",
    "fleet.fleet_group_manager",
)


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"
    _order = "date desc, id desc"

    is_correction = fields.Boolean(
        string="Correction",
        help="The reading restarts the history, for example after the meter was "
        "replaced, so it may be lower than the previous one. Managers only.",
    )
    correction_reason = fields.Char(
        help="Why the odometer went backwards, kept in the vehicle history."
    )

    _value_not_negative = models.Constraint(
        "CHECK (value >= 0)",
        "An odometer reading cannot be negative: enter the distance shown on the "
        "meter.",
    )

    @api.constrains("is_correction", "correction_reason")
    def _check_correction_reason(self):
        for reading in self:
            if reading.is_correction and not (reading.correction_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "The odometer correction %(value)s on %(vehicle)s has no "
                        "reason. Say why the reading goes backwards, for "
                        "example 'instrument cluster replaced'.",
                        value=reading.value,
                        vehicle=reading.vehicle_id.display_name,
                    )
                )

    @api.constrains("value", "date", "vehicle_id", "is_correction")
    def _check_value_not_backwards(self):
        # sudo: readings recorded in another store still belong to the history.
        odometer = self.sudo()
        for reading in self:
            date = reading.date or fields.Date.context_today(self)
            same_vehicle = Domain("vehicle_id", "=", reading.vehicle_id.id) & Domain(
                "id", "!=", reading.id
            )
            earlier = Domain("date", "<", date) | (
                Domain("date", "=", date) & Domain("id", "<", reading.id)
            )
            previous = odometer.search(
                same_vehicle & earlier, order="date desc, id desc", limit=1
            )
            if (
                previous
                and not reading.is_correction
                and reading.value < previous.value
            ):
                raise ValidationError(
                    self.env._(
                        "The odometer reading %(value)s for %(vehicle)s is lower "
                        "than the previous reading %(previous)s of %(date)s. "
                        "Enter at least %(previous)s, or ask a manager to record "
                        "a correction with its reason.",
                        value=reading.value,
                        vehicle=reading.vehicle_id.display_name,
                        previous=previous.value,
                        date=previous.date,
                    )
                )
            following = odometer.search(
                same_vehicle & ~earlier, order="date asc, id asc", limit=1
            )
            if (
                following
                and not following.is_correction
                and following.value < reading.value
            ):
                raise ValidationError(
                    self.env._(
                        "The odometer reading %(value)s of %(date)s for "
                        "%(vehicle)s is higher than the later reading "
                        "%(following)s of %(following_date)s. Check the date and "
                        "the value.",
                        value=reading.value,
                        date=date,
                        vehicle=reading.vehicle_id.display_name,
                        following=following.value,
                        following_date=following.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("is_correction") for vals in vals_list):
            self._check_correction_access()
        readings = super().create(vals_list)
        # The vehicle's odometer is computed without dependencies: refresh it.
        readings.vehicle_id.invalidate_recordset(["odometer"])
        return readings

    def write(self, vals):
        if "is_correction" in vals or (
            "value" in vals and any(self.mapped("is_correction"))
        ):
            self._check_correction_access()
        result = super().write(vals)
        self.vehicle_id.invalidate_recordset(["odometer"])
        return result

    @api.model
    def _can_record_correction(self):
        """Return whether the current user may record an odometer correction."""
        return self.env.su or any(
            self.env.user.has_group(group) for group in ODOMETER_CORRECTION_GROUPS
        )

    @api.model
    def _check_correction_access(self):
        if self._can_record_correction():
            return
        raise AccessError(
            self.env._(
                "Only a sales manager or a fleet manager may record an odometer "
                "correction. Ask one of them to enter it (user %(user)s).",
                user=self.env.user.name,
            )
        )
