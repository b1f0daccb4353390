from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.autocrm_base.tools.vin import decode_vin, normalize_vin, vin_problem

# Readings older than this do not count for the daily distance estimate.
ODOMETER_TREND_DAYS = 365
# A shorter history gives a daily distance too noisy to plan a service on.
ODOMETER_TREND_MIN_DAYS = 14


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"
    _rec_names_search = ["name", "driver_id.name", "vin_sn", "license_plate"]

    # Odoo's fields, indexed so that a VIN tail or a plate is found quickly.
    vin_sn = fields.Char(string="VIN", index="trigram")
    license_plate = fields.Char(index="trigram")
    owner_id = fields.Many2one(
        comodel_name="res.partner",
        index="btree_not_null",
        tracking=True,
        help="Customer who owns the vehicle; empty for the store's own cars.",
    )
    engine_number = fields.Char(tracking=True)
    # fleet stores the model year as a selection of year strings; the suite
    # works with integers, so the field is redefined (the column is cast).
    model_year = fields.Integer(
        compute="_compute_model_year",
        store=True,
        readonly=False,
        help="Model year of the vehicle, taken from its model by default.",
    )
    first_registration_date = fields.Date(tracking=True)
    warranty_start_date = fields.Date(tracking=True)
    warranty_end_date = fields.Date(tracking=True)
    insurance_expiry_date = fields.Date(tracking=True)
    next_service_date = fields.Date(
        tracking=True, help="Date of the next scheduled maintenance."
    )
    next_service_odometer = fields.Float(
        tracking=True,
        help="Odometer value at which the next maintenance is due, in the "
        "vehicle's odometer unit.",
    )
    next_inspection_date = fields.Date(
        compute="_compute_next_inspection_date",
        help="Next anniversary of the first registration, when the annual "
        "inspection is due.",
    )
    is_demo_car = fields.Boolean(
        string="Demo Car",
        tracking=True,
        help="Store vehicle used for test drives.",
    )
    vin_manufacturer = fields.Char(
        string="Manufacturer (VIN)", compute="_compute_vin_details"
    )
    vin_country = fields.Char(string="Country (VIN)", compute="_compute_vin_details")
    vin_model_years = fields.Char(
        string="Model Years (VIN)",
        compute="_compute_vin_details",
        help="Model years that the 10th character of the VIN can stand for.",
    )
    test_drive_ids = fields.One2many(
        comodel_name="autocrm.test.drive", inverse_name="vehicle_id"
    )

    _vin_sn_unique = models.UniqueIndex(
        "(vin_sn) WHERE vin_sn IS NOT NULL",
        "A vehicle with this VIN already exists: a VIN identifies one vehicle "
        "in every store.",
    )

    @api.depends("model_id")
    def _compute_model_year(self):
        for vehicle in self:
            year = vehicle.model_id.model_year
            vehicle.model_year = int(year) if year else vehicle.model_year

    @api.depends("first_registration_date")
    @api.depends_context("date")
    def _compute_next_inspection_date(self):
        today = fields.Date.context_today(self)
        for vehicle in self:
            first = vehicle.first_registration_date
            if not first:
                vehicle.next_inspection_date = False
                continue
            years = max(today.year - first.year, 1)
            due = first + relativedelta(years=years)
            if due < today:
                due += relativedelta(years=1)
            vehicle.next_inspection_date = due

    @api.depends("vin_sn")
    def _compute_vin_details(self):
        for vehicle in self:
            details = decode_vin(vehicle.vin_sn)
            vehicle.vin_manufacturer = details["manufacturer"]
            vehicle.vin_country = details["country"]
            vehicle.vin_model_years = ", ".join(map(str, details["model_years"]))

    def _get_odometer(self):
        """Show the latest reading rather than the highest one.

        After a correction (a replaced meter) the latest reading is lower than
        the older ones, and it is the one that counts from then on.
        """
        readings = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "in", self.ids)], order="date desc, id desc"
        )
        latest = {}
        for reading in readings:
            latest.setdefault(reading.vehicle_id.id, reading.value)
        for vehicle in self:
            vehicle.odometer = latest.get(vehicle.id, 0.0)

    @api.constrains("vin_sn")
    def _check_vin_sn(self):
        for vehicle in self.filtered("vin_sn"):
            problem = vin_problem(vehicle.vin_sn)
            if problem:
                raise ValidationError(
                    self.env._(
                        "The VIN %(vin)s of vehicle %(vehicle)s is invalid: "
                        "%(problem)s. Check the VIN on the registration "
                        "document and correct it.",
                        vin=vehicle.vin_sn,
                        vehicle=vehicle.display_name,
                        problem=problem,
                    )
                )

    def _check_vin_sn_free(self, vin, new_name):
        """Raise ValidationError when another vehicle already has ``vin``.

        Checked before the database write, so that the message can name both
        vehicles; the unique index still catches two concurrent saves.
        """
        # sudo and inactive records: a VIN must be unique across all stores,
        # including vehicles that this user cannot see.
        other = (
            self.sudo()
            .with_context(active_test=False)
            .search([("vin_sn", "=", vin), ("id", "not in", self.ids)], limit=1)
        )
        if other:
            raise ValidationError(
                self.env._(
                    "The VIN %(vin)s of %(vehicle)s is already used by %(other)s "
                    "(store %(company)s). A VIN identifies one physical vehicle: "
                    "update the existing record instead of creating a second one.",
                    vin=vin,
                    vehicle=new_name or self.env._("the new vehicle"),
                    other=other.display_name,
                    company=other.company_id.name or "-",
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_vin_vals(vals)
            if vals.get("vin_sn"):
                self._check_vin_sn_free(vals["vin_sn"], vals.get("license_plate"))
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_vin_vals(vals)
        if vals.get("vin_sn"):
            for vehicle in self:
                vehicle._check_vin_sn_free(vals["vin_sn"], vehicle.display_name)
        return super().write(vals)

    @api.model
    def _normalize_vin_vals(self, vals):
        if "vin_sn" in vals:
            vals["vin_sn"] = normalize_vin(vals["vin_sn"]) or False

    @api.model
    def _search_display_name(self, operator, value):
        # A VIN typed with spaces or in lower case still finds the vehicle.
        if isinstance(value, str) and operator in ("ilike", "=ilike", "=", "like"):
            normalized = normalize_vin(value)
            if normalized != value:
                return super()._search_display_name(
                    operator, value
                ) | super()._search_display_name(operator, normalized)
        return super()._search_display_name(operator, value)

    def _add_odometer_reading(self, value, date=None):
        """Record an odometer reading for this vehicle and return it.

        Raises ValidationError when the value is below the latest reading.
        """
        self.ensure_one()
        return self.env["fleet.vehicle.odometer"].create(
            {
                "vehicle_id": self.id,
                "value": value,
                "date": date or fields.Date.context_today(self),
            }
        )

    def _get_estimated_daily_distance(self):
        """Return the average distance per day over the last year of readings.

        Readings before the latest correction are ignored, because they belong
        to the replaced meter. Returns 0.0 when the history is too short.
        """
        self.ensure_one()
        since = fields.Date.context_today(self) - timedelta(days=ODOMETER_TREND_DAYS)
        readings = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", self.id), ("date", ">=", since)],
            order="date asc, id asc",
        )
        corrections = readings.filtered("is_correction")
        if corrections:
            readings = readings.filtered(
                lambda reading: (
                    (reading.date, reading.id)
                    >= (corrections[-1].date, corrections[-1].id)
                )
            )
        if len(readings) < 2:
            return 0.0
        days = (readings[-1].date - readings[0].date).days
        if days < ODOMETER_TREND_MIN_DAYS:
            return 0.0
        return max(readings[-1].value - readings[0].value, 0.0) / days

    def _get_estimated_service_date(self):
        """Return the date when the odometer should reach the next service value.

        Returns False when there is no service odometer or no usable trend.
        """
        self.ensure_one()
        if not self.next_service_odometer:
            return False
        daily = self._get_estimated_daily_distance()
        if not daily:
            return False
        latest = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", self.id)], order="date desc, id desc", limit=1
        )
        remaining = self.next_service_odometer - latest.value
        return latest.date + timedelta(days=max(int(remaining / daily), 0))
