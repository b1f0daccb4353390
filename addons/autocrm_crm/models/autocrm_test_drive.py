from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_datetime

# States in which a booking blocks its demo car. Cancelled and no-show
# bookings free the slot.
BLOCKING_STATES = ("booked", "ongoing", "done")
# Length of a slot unless the consultant changes its end.
DEFAULT_DURATION = timedelta(hours=1)


class AutocrmTestDrive(models.Model):
    _name = "autocrm.test.drive"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Test Drive"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(
        selection=[
            ("booked", "Booked"),
            ("ongoing", "Ongoing"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("no_show", "No-show"),
        ],
        required=True,
        default="booked",
        tracking=True,
        index=True,
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Prospect",
        check_company=True,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index="btree_not_null",
    )
    visit_id = fields.Many2one(
        comodel_name="autocrm.showroom.visit",
        string="Showroom Visit",
        check_company=True,
        index="btree_not_null",
    )
    vehicle_id = fields.Many2one(
        comodel_name="fleet.vehicle",
        string="Demo Car",
        required=True,
        check_company=True,
        domain="[('is_demo_car', '=', True)]",
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Consultant",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    date_start = fields.Datetime(
        string="Start",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_start(),
    )
    date_stop = fields.Datetime(
        string="End",
        required=True,
        tracking=True,
        compute="_compute_date_stop",
        store=True,
        readonly=False,
        precompute=True,
    )
    licence_number = fields.Char(string="Driver Licence Number", required=True)
    licence_expiry = fields.Date(required=True)
    odometer_out = fields.Float(
        compute="_compute_odometer_out",
        store=True,
        readonly=False,
        precompute=True,
        help="Reading when the car leaves; recorded in the vehicle history when "
        "the drive starts.",
    )
    odometer_in = fields.Float(
        help="Reading when the car returns; recorded in the vehicle history when "
        "the drive is done."
    )
    feedback = fields.Text()
    rating = fields.Selection(
        selection=[
            ("1", "Poor"),
            ("2", "Fair"),
            ("3", "Good"),
            ("4", "Very Good"),
            ("5", "Excellent"),
        ],
    )

    # Two bookings of one car may not overlap. PostgreSQL enforces it, so two
    # users saving at the same moment cannot both succeed. _check_slot()
    # runs first and gives a message that names the other booking. The
    # definition is written the way pg_get_constraintdef() returns it, so that
    # a module update finds it unchanged and does not rebuild the index.
    _no_double_booking = models.Constraint(
        "EXCLUDE USING gist (vehicle_id WITH =, "
        "tsrange(date_start, date_stop) WITH &&) "
        "WHERE (((state)::text = ANY ((ARRAY["
        "'booked'::character varying, "
        "'ongoing'::character varying, "
        "'done'::character varying])::text[])))",
        "This demo car is already booked in an overlapping slot. Choose another "
        "time or another car.",
    )
    _dates_ordered = models.Constraint(
        "CHECK (date_stop > date_start)",
        "A test drive must end after it starts.",
    )

    @api.model
    def _default_date_start(self):
        """Return the next full hour, the usual start of a walk-in's drive."""
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        return now + timedelta(hours=1)

    @api.depends("date_start")
    def _compute_date_stop(self):
        for drive in self:
            drive.date_stop = (
                drive.date_start + DEFAULT_DURATION if drive.date_start else False
            )

    @api.depends("vehicle_id", "date_start", "partner_id", "lead_id")
    def _compute_name(self):
        for drive in self:
            who = drive.partner_id.name or drive.lead_id.contact_name or ""
            when = (
                fields.Datetime.context_timestamp(drive, drive.date_start).strftime(
                    "%Y-%m-%d %H:%M"
                )
                if drive.date_start
                else ""
            )
            parts = [drive.vehicle_id.display_name or "", who, when]
            drive.name = " / ".join(part for part in parts if part)

    @api.depends("lead_id")
    def _compute_partner_id(self):
        for drive in self:
            if drive.lead_id.partner_id:
                drive.partner_id = drive.lead_id.partner_id
            else:
                drive.partner_id = drive.partner_id

    @api.depends("vehicle_id")
    def _compute_odometer_out(self):
        for drive in self:
            if drive.state == "booked" or not drive.state:
                drive.odometer_out = drive.vehicle_id.odometer
            else:
                drive.odometer_out = drive.odometer_out

    @api.constrains("lead_id", "partner_id")
    def _check_driver(self):
        for drive in self:
            if not drive.lead_id and not drive.partner_id:
                raise ValidationError(
                    self.env._(
                        "The test drive %(drive)s has neither a prospect nor a "
                        "customer. Select who is driving.",
                        drive=drive.name,
                    )
                )

    @api.constrains("licence_expiry", "date_start")
    def _check_licence_expiry(self):
        for drive in self:
            if drive.state not in ("booked", "ongoing"):
                continue
            drive_day = fields.Datetime.context_timestamp(
                drive, drive.date_start
            ).date()
            if drive.licence_expiry < drive_day:
                raise ValidationError(
                    self.env._(
                        "The driver licence %(licence)s expired on %(expiry)s, "
                        "before the test drive on %(day)s. Ask for a valid "
                        "licence before booking.",
                        licence=drive.licence_number,
                        expiry=drive.licence_expiry,
                        day=drive_day,
                    )
                )

    @api.constrains("odometer_out", "odometer_in", "state")
    def _check_odometer_in(self):
        for drive in self:
            if drive.odometer_out < 0 or drive.odometer_in < 0:
                raise ValidationError(
                    self.env._(
                        "The odometer values of %(drive)s cannot be negative.",
                        drive=drive.name,
                    )
                )
            if drive.state == "done" and drive.odometer_in < drive.odometer_out:
                raise ValidationError(
                    self.env._(
                        "The odometer in (%(odometer_in)s) of %(drive)s is lower "
                        "than the odometer out (%(odometer_out)s). Read the "
                        "odometer again.",
                        odometer_in=drive.odometer_in,
                        drive=drive.name,
                        odometer_out=drive.odometer_out,
                    )
                )

    @api.constrains("vehicle_id")
    def _check_vehicle_is_demo_car(self):
        for drive in self:
            if not drive.vehicle_id.is_demo_car:
                raise ValidationError(
                    self.env._(
                        "%(vehicle)s is not a demo car. Only vehicles marked "
                        "as demo cars can be booked for a test drive.",
                        vehicle=drive.vehicle_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Odoo fills in an omitted start (default) or end (compute) only
            # after this check. Derive them the same way here, so that a wrong
            # slot is reported with its values and not by the database.
            date_start = fields.Datetime.to_datetime(
                vals.get("date_start") or self._default_date_start()
            )
            date_stop = (
                fields.Datetime.to_datetime(vals.get("date_stop"))
                or date_start + DEFAULT_DURATION
            )
            self._check_slot(
                self.env["fleet.vehicle"].browse(vals.get("vehicle_id")),
                self._get_driver_name(
                    self.env["res.partner"].browse(vals.get("partner_id")),
                    self.env["crm.lead"].browse(vals.get("lead_id")),
                ),
                date_start,
                date_stop,
                vals.get("state", "booked"),
            )
        drives = super().create(vals_list)
        # Constraints only run for the fields given, and a booking may name
        # neither a prospect nor a customer.
        drives._check_driver()
        return drives

    def write(self, vals):
        if vals.keys() & {"vehicle_id", "date_start", "date_stop", "state"}:
            for drive in self:
                drive._check_slot_of_write(vals)
        return super().write(vals)

    def _check_slot_of_write(self, vals):
        """Check the slot this drive will have once ``vals`` are written."""
        self.ensure_one()
        date_start = fields.Datetime.to_datetime(
            vals.get("date_start", self.date_start)
        )
        if "date_stop" in vals:
            date_stop = fields.Datetime.to_datetime(vals["date_stop"])
        elif "date_start" in vals and date_start:
            # A new start recomputes the end to the default duration.
            date_stop = date_start + DEFAULT_DURATION
        else:
            date_stop = self.date_stop
        partner = (
            self.env["res.partner"].browse(vals["partner_id"])
            if "partner_id" in vals
            else self.partner_id
        )
        lead = (
            self.env["crm.lead"].browse(vals["lead_id"])
            if "lead_id" in vals
            else self.lead_id
        )
        self._check_slot(
            self.env["fleet.vehicle"].browse(
                vals.get("vehicle_id", self.vehicle_id.id)
            ),
            self._get_driver_name(partner, lead),
            date_start,
            date_stop,
            vals.get("state", self.state),
            self,
        )

    @api.model
    def _get_driver_name(self, partner, lead):
        return (
            partner.name
            or lead.partner_id.name
            or lead.contact_name
            or lead.name
            or self.env._("no driver")
        )

    @api.model
    def _get_user_tz(self):
        """Return the time zone of the times in messages: the user's, else UTC."""
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.model
    def _check_slot(self, vehicle, driver, date_start, date_stop, state, drive=None):
        """Raise ValidationError when the slot is invalid or the car is taken.

        Checked before the database write so that the message names the car,
        the driver, the times in the user's time zone and the other booking.
        The CHECK and exclusion constraints still catch what gets past, such as
        two bookings saved at the same moment.
        """
        if not (date_start and date_stop):
            return
        tz = self._get_user_tz()

        def format_time(value):
            return format_datetime(self.env, value, tz=tz, dt_format="short")

        if date_stop <= date_start:
            raise ValidationError(
                self.env._(
                    "The test drive of %(driver)s in %(vehicle)s ends at "
                    "%(stop)s, which is not after its start at %(start)s "
                    "(times in %(tz)s). Set an end after the start.",
                    driver=driver,
                    vehicle=vehicle.display_name,
                    start=format_time(date_start),
                    stop=format_time(date_stop),
                    tz=tz,
                )
            )
        if state not in BLOCKING_STATES or not vehicle:
            return
        # sudo: a booking made by another consultant still holds the car.
        other = self.sudo().search(
            Domain("vehicle_id", "=", vehicle.id)
            & Domain("id", "!=", drive.id if drive else False)
            & Domain("state", "in", BLOCKING_STATES)
            & Domain("date_start", "<", date_stop)
            & Domain("date_stop", ">", date_start),
            limit=1,
        )
        if other:
            raise ValidationError(
                self.env._(
                    "%(vehicle)s is already booked from %(other_start)s to "
                    "%(other_stop)s for %(other_driver)s (test drive ID "
                    "%(other_id)s, consultant %(user)s). The drive of %(driver)s "
                    "from %(start)s to %(stop)s overlaps it. Times are in "
                    "%(tz)s. Choose another time or another car.",
                    vehicle=other.vehicle_id.display_name,
                    other_start=format_time(other.date_start),
                    other_stop=format_time(other.date_stop),
                    other_driver=self._get_driver_name(other.partner_id, other.lead_id),
                    other_id=other.id,
                    user=other.user_id.name or "-",
                    driver=driver,
                    start=format_time(date_start),
                    stop=format_time(date_stop),
                    tz=tz,
                )
            )

    def action_start(self):
        """Hand over the car: record the odometer out in the vehicle history."""
        for drive in self:
            drive._check_state("booked")
            drive.vehicle_id._add_odometer_reading(drive.odometer_out)
        self.state = "ongoing"

    def action_done(self):
        """Take the car back, record the odometer in and fire the follow-ups."""
        for drive in self:
            drive._check_state("ongoing")
            if drive.odometer_in < drive.odometer_out:
                raise UserError(
                    self.env._(
                        "Enter the odometer in of %(drive)s: it must be at least "
                        "the odometer out (%(odometer_out)s).",
                        drive=drive.name,
                        odometer_out=drive.odometer_out,
                    )
                )
            drive.vehicle_id._add_odometer_reading(drive.odometer_in)
        self.state = "done"
        self.env["autocrm.followup.rule"]._trigger_event("test_drive_done", self)

    def action_cancel(self):
        for drive in self:
            drive._check_state("booked", "ongoing")
        self.state = "cancelled"

    def action_no_show(self):
        for drive in self:
            drive._check_state("booked")
        self.state = "no_show"

    def action_reset_to_booked(self):
        for drive in self:
            drive._check_state("cancelled", "no_show")
        self.state = "booked"

    def _check_state(self, *allowed):
        self.ensure_one()
        if self.state not in allowed:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The test drive %(drive)s is %(state)s; this action needs it "
                    "to be %(allowed)s.",
                    drive=self.name,
                    state=labels[self.state],
                    allowed=", ".join(labels[state] for state in allowed),
                )
            )
