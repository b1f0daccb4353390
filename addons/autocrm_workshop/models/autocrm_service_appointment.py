from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .workshop_selections import SERVICE_TYPES

# Appointments in these states hold their bay and technician for the slot.
BLOCKING_STATES = ("booked", "checked_in")


class AutocrmServiceAppointment(models.Model):
    """Booked workshop slot of a customer's vehicle, on one bay and technician."""

    _name = "autocrm.service.appointment"
    _description = "Service Appointment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start_datetime desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [
            ("booked", "Booked"),
            ("checked_in", "Checked In"),
            ("no_show", "No Show"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="booked",
        copy=False,
        tracking=True,
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True
    )
    # No company check: a customer's vehicle may visit any store of the group.
    vehicle_id = fields.Many2one("fleet.vehicle", required=True)
    service_type = fields.Selection(
        SERVICE_TYPES, required=True, default="maintenance", tracking=True
    )
    advisor_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        check_company=True,
        tracking=True,
    )
    bay_id = fields.Many2one(
        "autocrm.service.bay",
        required=True,
        check_company=True,
        tracking=True,
    )
    technician_id = fields.Many2one(
        "hr.employee",
        domain="[('is_workshop_technician', '=', True),"
        " ('company_id', 'in', (company_id, False))]",
        check_company=True,
        tracking=True,
        help="Left empty, the first technician who is on duty and free for the"
        " whole slot is assigned.",
    )
    start_datetime = fields.Datetime(string="Start", required=True, tracking=True)
    duration_hours = fields.Float(
        string="Duration",
        compute="_compute_duration_hours",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    stop_datetime = fields.Datetime(
        string="End", compute="_compute_stop_datetime", store=True, precompute=True
    )
    operation_ids = fields.Many2many(
        "autocrm.labour.operation",
        string="Planned Operations",
        check_company=True,
    )
    concerns = fields.Text(
        string="Customer Concerns",
        help="What the customer reports when booking, in the customer's words.",
    )
    repair_id = fields.Many2one(
        "repair.order", string="Repair Order", readonly=True, copy=False
    )

    _stop_after_start = models.Constraint(
        "CHECK (stop_datetime > start_datetime)",
        "An appointment must last more than zero hours.",
    )
    # The two exclusion constraints keep bay and technician capacity even when
    # two advisors book the same slot at the same moment: the second insert
    # waits for the first transaction, then fails. They need btree_gist, which
    # the module's pre-init hook creates.
    _bay_free = models.Constraint(
        "EXCLUDE USING gist (bay_id WITH =,"
        " tsrange(start_datetime, stop_datetime) WITH &&)"
        " WHERE (state IN ('booked', 'checked_in'))",
        "The bay is already booked for this time by another appointment."
        " Pick another bay or another slot.",
    )
    _technician_free = models.Constraint(
        "EXCLUDE USING gist (technician_id WITH =,"
        " tsrange(start_datetime, stop_datetime) WITH &&)"
        " WHERE (state IN ('booked', 'checked_in'))",
        "The technician is already booked for this time by another appointment."
        " Pick another technician or another slot.",
    )

    @api.depends("service_type", "company_id")
    def _compute_duration_hours(self):
        for appointment in self:
            settings = self.env["autocrm.service.type"]._get_for(
                appointment.service_type, appointment.company_id
            )
            appointment.duration_hours = settings.appointment_hours or 1.0

    @api.depends("start_datetime", "duration_hours")
    def _compute_stop_datetime(self):
        for appointment in self:
            if appointment.start_datetime:
                appointment.stop_datetime = appointment.start_datetime + timedelta(
                    hours=appointment.duration_hours
                )
            else:
                appointment.stop_datetime = False

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.owner_id:
            self.partner_id = self.vehicle_id.owner_id

    # ------------------------------------------------------------------
    # Capacity
    # ------------------------------------------------------------------

    @api.model
    def _overlap_domain(self, company, start, stop, exclude_ids=()):
        return [
            ("id", "not in", list(exclude_ids)),
            ("company_id", "=", company.id),
            ("state", "in", BLOCKING_STATES),
            ("start_datetime", "<", stop),
            ("stop_datetime", ">", start),
        ]

    @api.model
    def _is_on_duty(self, employee, start, stop):
        """Tell whether `employee`'s working schedule covers [start, stop)."""
        # The resource behind an employee is private to HR; advisors booking a
        # slot read only its working schedule.
        employee = employee.sudo()
        calendar = employee.resource_calendar_id
        if not calendar:
            return False
        start = pytz.utc.localize(start)
        stop = pytz.utc.localize(stop)
        intervals = calendar._work_intervals_batch(
            start, stop, resources=employee.resource_id
        )[employee.resource_id.id]
        worked = sum(
            (interval_stop - interval_start).total_seconds()
            for interval_start, interval_stop, _records in intervals
        )
        return worked >= (stop - start).total_seconds() - 60

    @api.model
    def _find_free_technician(self, company, start, stop, exclude_ids=()):
        technicians = self.env["hr.employee"].search(
            [
                ("is_workshop_technician", "=", True),
                ("company_id", "=", company.id),
            ]
        )
        overlapping = self.search(
            self._overlap_domain(company, start, stop, exclude_ids)
        )
        for technician in technicians - overlapping.technician_id:
            if self._is_on_duty(technician, start, stop):
                return technician
        return self.env["hr.employee"]

    @api.model
    def _check_slot(self, company, start, stop, bay, technician, exclude_ids=()):
        """Raise if the bay or the technician has no capacity left in the slot.

        These checks give a readable error before the row is written; the
        exclusion constraints still catch two bookings made at the same moment.
        """
        overlapping = self.search(
            self._overlap_domain(company, start, stop, exclude_ids)
        )
        bay_taken = overlapping.filtered(lambda a: a.bay_id == bay)
        if bay_taken:
            raise ValidationError(
                self.env._(
                    "Bay %(bay)s is already booked from %(start)s to %(stop)s by"
                    " %(other)s. Pick another bay or another slot.",
                    bay=bay.name,
                    start=bay_taken[0].start_datetime,
                    stop=bay_taken[0].stop_datetime,
                    other=bay_taken[0].name,
                )
            )
        technician_taken = overlapping.filtered(lambda a: a.technician_id == technician)
        if technician and technician_taken:
            raise ValidationError(
                self.env._(
                    "Technician %(technician)s is already booked from %(start)s to"
                    " %(stop)s by %(other)s. Pick another technician or another"
                    " slot.",
                    technician=technician.name,
                    start=technician_taken[0].start_datetime,
                    stop=technician_taken[0].stop_datetime,
                    other=technician_taken[0].name,
                )
            )
        if technician and not self._is_on_duty(technician, start, stop):
            raise ValidationError(
                self.env._(
                    "Technician %(technician)s does not work the whole slot from"
                    " %(start)s to %(stop)s according to the working schedule."
                    " Pick another technician or another slot.",
                    technician=technician.name,
                    start=start,
                    stop=stop,
                )
            )

    def _prepare_slot(self, vals):
        """Check the slot that `vals` books, and pick a technician when none is set.

        `self` is the appointment being changed (empty on create). Returns the
        technician id to write, or None to keep the given one.
        """
        company = self.env["res.company"].browse(
            vals.get("company_id") or self.company_id.id or self.env.company.id
        )
        start = fields.Datetime.to_datetime(
            vals.get("start_datetime", self.start_datetime)
        )
        if "duration_hours" in vals:
            duration = vals["duration_hours"]
        elif self:
            duration = self.duration_hours
        else:
            settings = self.env["autocrm.service.type"]._get_for(
                vals.get("service_type", "maintenance"), company
            )
            duration = settings.appointment_hours or 1.0
        stop = start + timedelta(hours=duration)
        bay = self.env["autocrm.service.bay"].browse(vals.get("bay_id", self.bay_id.id))
        technician = self.env["hr.employee"].browse(
            vals.get("technician_id", self.technician_id.id)
        )
        if not technician:
            technician = self._find_free_technician(company, start, stop, self.ids)
            if not technician:
                raise ValidationError(
                    self.env._(
                        "No technician is on duty and free from %(start)s to"
                        " %(stop)s, so the workshop is full for this slot. Pick"
                        " another slot.",
                        start=start,
                        stop=stop,
                    )
                )
            self._check_slot(company, start, stop, bay, technician, self.ids)
            return technician.id
        self._check_slot(company, start, stop, bay, technician, self.ids)
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "autocrm.service.appointment"
                )
            if vals.get("state", "booked") in BLOCKING_STATES and vals.get(
                "start_datetime"
            ):
                technician_id = self._prepare_slot(vals)
                if technician_id:
                    vals["technician_id"] = technician_id
        return super().create(vals_list)

    def write(self, vals):
        slot_fields = {"start_datetime", "duration_hours", "bay_id", "technician_id"}
        for appointment in self:
            state = vals.get("state", appointment.state)
            reopened = appointment.state not in BLOCKING_STATES
            # Checking in keeps the slot as booked; only a new slot, or an
            # appointment taken back from cancelled or no-show, needs capacity.
            if state in BLOCKING_STATES and (slot_fields & set(vals) or reopened):
                technician_id = appointment._prepare_slot(vals)
                if technician_id:
                    vals = dict(vals, technician_id=technician_id)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_check_in(self):
        """Receive the vehicle: open its repair order in the reception state."""
        self.ensure_one()
        if self.state != "booked":
            raise UserError(
                self.env._(
                    "Appointment %(appointment)s is not booked (it is %(state)s)"
                    " and cannot be checked in.",
                    appointment=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        self.state
                    ],
                )
            )
        repair = self.env["repair.order"].create(self._prepare_repair_vals())
        self.write({"state": "checked_in", "repair_id": repair.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "views": [(False, "form")],
        }

    def _prepare_repair_vals(self):
        self.ensure_one()
        labour = [
            Command.create(
                {
                    "operation_id": operation.id,
                    "technician_ids": [Command.set(self.technician_id.ids)],
                }
            )
            for operation in self.operation_ids
        ]
        return {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "vehicle_id": self.vehicle_id.id,
            "service_type": self.service_type,
            "advisor_id": self.advisor_id.id,
            "bay_id": self.bay_id.id,
            "appointment_id": self.id,
            "schedule_date": self.start_datetime,
            "customer_concerns": self.concerns,
            "labour_line_ids": labour,
        }

    def action_cancel(self):
        checked_in = self.filtered(lambda a: a.state == "checked_in")
        if checked_in:
            raise UserError(
                self.env._(
                    "Appointment %(appointment)s is checked in. Cancel its repair"
                    " order instead.",
                    appointment=checked_in[0].name,
                )
            )
        self.write({"state": "cancelled"})

    def action_no_show(self):
        self.filtered(lambda a: a.state == "booked").write({"state": "no_show"})

    def action_view_repair(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": self.repair_id.id,
            "views": [(False, "form")],
        }
