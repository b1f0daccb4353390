import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import float_compare

from .workshop_selections import DEFAULT_PAYER, SERVICE_TYPES, WORKSHOP_STATES

_logger = logging.getLogger(__name__)

# Invoices and warranty claims are for the front office, not for technicians.
OFFICE_GROUPS = (
    "autocrm_workshop.group_service_advisor,autocrm_workshop.group_warranty_admin"
)
# Inventory users (the workshop roles among them) may read purchase orders.
PURCHASE_READERS = "purchase.group_purchase_user,stock.group_stock_user"


class RepairOrder(models.Model):
    _inherit = "repair.order"

    # ------------------------------------------------------------------
    # Reception
    # ------------------------------------------------------------------
    vehicle_id = fields.Many2one(
        "fleet.vehicle",
        index="btree_not_null",
        tracking=True,
        help="The customer's vehicle being repaired. It may belong to another store"
        " of the group.",
    )
    vehicle_model_id = fields.Many2one(related="vehicle_id.model_id")
    service_type = fields.Selection(
        SERVICE_TYPES,
        required=True,
        default="maintenance",
        tracking=True,
    )
    workshop_state = fields.Selection(
        WORKSHOP_STATES,
        required=True,
        default="reception",
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    advisor_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        check_company=True,
    )
    appointment_id = fields.Many2one(
        "autocrm.service.appointment",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    bay_id = fields.Many2one("autocrm.service.bay", tracking=True, check_company=True)
    odometer_in = fields.Float(
        copy=False,
        help="Odometer at reception, recorded in the vehicle's odometer history.",
    )
    odometer_reading_id = fields.Many2one(
        "fleet.vehicle.odometer", readonly=True, copy=False
    )
    fuel_level = fields.Selection(
        [
            ("empty", "Empty"),
            ("quarter", "1/4"),
            ("half", "1/2"),
            ("three_quarters", "3/4"),
            ("full", "Full"),
        ],
        copy=False,
    )
    customer_concerns = fields.Text(
        help="What the customer reports, in the customer's own words."
    )
    damage_notes = fields.Text(
        string="Walk-around Damage",
        copy=False,
        help="Scratches, dents and other damage found when walking around the"
        " vehicle at reception.",
    )
    damage_photo_ids = fields.Many2many(
        "ir.attachment",
        "repair_order_damage_photo_rel",
        "repair_id",
        "attachment_id",
        string="Damage Photos",
        copy=False,
    )
    promised_datetime = fields.Datetime(string="Promised For", tracking=True)
    insurer_id = fields.Many2one(
        "res.partner",
        check_company=True,
        help="Insurance company that pays the lines whose payer is the insurer.",
    )
    insurance_claim_ref = fields.Char(string="Insurance Claim Number")

    # ------------------------------------------------------------------
    # Job
    # ------------------------------------------------------------------
    labour_line_ids = fields.One2many(
        "autocrm.labour.line", "repair_id", string="Labour", copy=True
    )
    technician_ids = fields.Many2many(
        "hr.employee",
        "repair_order_technician_rel",
        "repair_id",
        "employee_id",
        string="Technicians",
        compute="_compute_technician_ids",
        store=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    labour_amount = fields.Monetary(compute="_compute_labour_totals")
    sold_hours = fields.Float(compute="_compute_labour_totals")
    clocked_hours = fields.Float(compute="_compute_labour_totals")
    has_pending_proposals = fields.Boolean(compute="_compute_has_pending_proposals")

    # ------------------------------------------------------------------
    # Quality check
    # ------------------------------------------------------------------
    quality_check_line_ids = fields.One2many(
        "autocrm.quality.check.line", "repair_id", string="Quality Checklist"
    )
    quality_inspector_id = fields.Many2one(
        "res.users", string="Inspector", readonly=True, copy=False, tracking=True
    )
    quality_signed_date = fields.Datetime(readonly=True, copy=False)
    quality_signature = fields.Binary(copy=False, attachment=True)

    # ------------------------------------------------------------------
    # Delivery and invoicing
    # ------------------------------------------------------------------
    delivered_date = fields.Datetime(readonly=True, copy=False)
    insurer_invoice_id = fields.Many2one(
        "account.move",
        readonly=True,
        copy=False,
        check_company=True,
        groups=OFFICE_GROUPS,
    )
    warranty_claim_ids = fields.One2many(
        "autocrm.warranty.claim",
        "repair_id",
        string="Warranty Claims",
        groups=OFFICE_GROUPS,
    )
    warranty_claim_count = fields.Integer(
        compute="_compute_warranty_claim_count", groups=OFFICE_GROUPS
    )
    workshop_invoice_ids = fields.Many2many(
        "account.move",
        compute="_compute_workshop_invoice_ids",
        string="Invoices",
        groups=OFFICE_GROUPS,
    )
    workshop_invoice_count = fields.Integer(
        compute="_compute_workshop_invoice_ids", groups=OFFICE_GROUPS
    )
    emergency_purchase_ids = fields.One2many(
        "purchase.order",
        "emergency_repair_id",
        string="Emergency Parts Orders",
        groups=PURCHASE_READERS,
    )
    emergency_purchase_count = fields.Integer(
        compute="_compute_emergency_purchase_count", groups=PURCHASE_READERS
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("labour_line_ids.technician_ids")
    def _compute_technician_ids(self):
        for repair in self:
            repair.technician_ids = repair.labour_line_ids.technician_ids

    @api.depends(
        "labour_line_ids.price_subtotal",
        "labour_line_ids.hours",
        "labour_line_ids.clocked_hours",
        "labour_line_ids.approval_state",
    )
    def _compute_labour_totals(self):
        for repair in self:
            lines = repair.labour_line_ids.filtered(
                lambda line: line.approval_state == "approved"
            )
            repair.labour_amount = sum(lines.mapped("price_subtotal"))
            repair.sold_hours = sum(lines.mapped("hours"))
            repair.clocked_hours = sum(repair.labour_line_ids.mapped("clocked_hours"))

    @api.depends("labour_line_ids.approval_state", "move_ids.approval_state")
    def _compute_has_pending_proposals(self):
        for repair in self:
            repair.has_pending_proposals = bool(repair._get_pending_proposals())

    def _compute_warranty_claim_count(self):
        counts = dict(
            self.env["autocrm.warranty.claim"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.warranty_claim_count = counts.get(repair, 0)

    def _compute_emergency_purchase_count(self):
        counts = dict(
            self.env["purchase.order"]._read_group(
                [("emergency_repair_id", "in", self.ids)],
                ["emergency_repair_id"],
                ["__count"],
            )
        )
        for repair in self:
            repair.emergency_purchase_count = counts.get(repair, 0)

    def _compute_workshop_invoice_ids(self):
        for repair in self:
            invoices = (
                repair.sale_order_id.invoice_ids
                | repair.insurer_invoice_id
                | repair.warranty_claim_ids.invoice_id
            )
            repair.workshop_invoice_ids = invoices
            repair.workshop_invoice_count = len(invoices)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains("odometer_in", "vehicle_id")
    def _check_odometer_in(self):
        for repair in self.filtered("odometer_in"):
            if not repair.vehicle_id:
                raise ValidationError(
                    self.env._(
                        "Repair order %(repair)s has an odometer reading but no"
                        " vehicle. Select the vehicle first.",
                        repair=repair.name,
                    )
                )
            previous, following = repair._get_neighbour_readings()
            if previous and repair.odometer_in < previous.value:
                raise ValidationError(
                    self.env._(
                        "Odometer in of %(repair)s (%(value)s) is lower than the"
                        " previous reading of %(vehicle)s (%(previous)s on"
                        " %(date)s). Enter at least %(previous)s, or ask a"
                        " manager to record a correction with its reason.",
                        repair=repair.name,
                        value=repair.odometer_in,
                        vehicle=repair.vehicle_id.display_name,
                        previous=previous.value,
                        date=previous.date,
                    )
                )
            # A later correction restarts the history, so it may be lower.
            if (
                following
                and not following.is_correction
                and repair.odometer_in > following.value
            ):
                raise ValidationError(
                    self.env._(
                        "Odometer in of %(repair)s (%(value)s) is higher than the"
                        " next reading of %(vehicle)s (%(next)s on %(date)s)."
                        " Enter at most %(next)s, or ask a manager to correct"
                        " the later reading.",
                        repair=repair.name,
                        value=repair.odometer_in,
                        vehicle=repair.vehicle_id.display_name,
                        next=following.value,
                        date=following.date,
                    )
                )

    def _get_neighbour_readings(self):
        """Return the vehicle's readings just before and just after this order's.

        The order's own reading is placed at its recorded date, or today when
        it has none yet, and after the readings already recorded that day.
        """
        self.ensure_one()
        own = self.odometer_reading_id
        if own.vehicle_id != self.vehicle_id:
            own = self.env["fleet.vehicle.odometer"]
        date = own.date or fields.Date.context_today(self)
        same_vehicle = Domain("vehicle_id", "=", self.vehicle_id.id)
        if own:
            same_vehicle &= Domain("id", "!=", own.id)
            earlier = Domain("date", "<", date) | (
                Domain("date", "=", date) & Domain("id", "<", own.id)
            )
        else:
            earlier = Domain("date", "<=", date)
        # sudo: readings recorded by another store still belong to the history.
        readings = self.env["fleet.vehicle.odometer"].sudo()
        previous = readings.search(
            same_vehicle & earlier, order="date desc, id desc", limit=1
        )
        following = readings.search(
            same_vehicle & ~earlier, order="date asc, id asc", limit=1
        )
        return previous, following

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.owner_id and not self.partner_id:
            self.partner_id = self.vehicle_id.owner_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vehicles = self.env["fleet.vehicle"].browse(
            [vals["vehicle_id"] for vals in vals_list if vals.get("vehicle_id")]
        )
        for vals in vals_list:
            vehicle = vehicles.filtered(lambda v, vs=vals: v.id == vs.get("vehicle_id"))
            if vehicle.owner_id and not vals.get("partner_id"):
                vals["partner_id"] = vehicle.owner_id.id
        repairs = super().create(vals_list)
        repairs.filtered("odometer_in")._record_odometer_in()
        return repairs

    def write(self, vals):
        if "odometer_in" in vals:
            self._check_closed_odometer_unchanged(vals["odometer_in"])
        res = super().write(vals)
        if "odometer_in" in vals or "vehicle_id" in vals:
            self.filtered("odometer_in")._record_odometer_in()
        return res

    def _check_closed_odometer_unchanged(self, value):
        """Raise AccessError when a non-manager edits a closed order's odometer.

        The reading of a done or cancelled order is part of the vehicle's
        history. Only the users who may record an odometer correction may
        change it.
        """
        if self.env["fleet.vehicle.odometer"]._can_record_correction():
            return
        states = dict(self._fields["state"]._description_selection(self.env))
        for repair in self:
            if repair.state not in ("done", "cancel"):
                continue
            if float_compare(repair.odometer_in, value or 0.0, precision_digits=2):
                raise AccessError(
                    self.env._(
                        "Repair order %(repair)s is %(state)s, so its odometer in"
                        " for %(vehicle)s stays %(recorded)s and cannot change to"
                        " %(value)s. Ask a manager to record a correction with"
                        " its reason.",
                        repair=repair.name,
                        state=states[repair.state],
                        vehicle=repair.vehicle_id.display_name,
                        recorded=repair.odometer_in,
                        value=value,
                    )
                )

    def _record_odometer_in(self):
        """Write the odometer at reception into the vehicle's history."""
        for repair in self:
            reading = repair.odometer_reading_id
            if reading and reading.vehicle_id == repair.vehicle_id:
                # Rewriting an unchanged value would still count as an edit of
                # a closed order's reading.
                if float_compare(reading.value, repair.odometer_in, precision_digits=2):
                    reading.value = repair.odometer_in
                continue
            date = fields.Date.context_today(repair)
            repair.odometer_reading_id = repair.vehicle_id._add_odometer_reading(
                repair.odometer_in, date=date
            )

    # ------------------------------------------------------------------
    # Workshop flow
    # ------------------------------------------------------------------

    def _check_workshop_state(self, allowed, action_label):
        for repair in self:
            if repair.workshop_state not in allowed:
                states = dict(
                    self._fields["workshop_state"]._description_selection(self.env)
                )
                raise UserError(
                    self.env._(
                        "Cannot %(action)s repair order %(repair)s while it is"
                        " %(state)s.",
                        action=action_label,
                        repair=repair.name,
                        state=states[repair.workshop_state],
                    )
                )

    def _get_missing_parts(self):
        """Return the approved part moves whose quantity is not forecast in stock."""
        self.ensure_one()
        return self.move_ids.filtered(
            lambda move: (
                move.repair_line_type == "add"
                and move.approval_state == "approved"
                and move.state not in ("done", "cancel")
                and move.product_id.is_storable
                and move.product_uom.compare(
                    move.forecast_availability, move.product_qty
                )
                < 0
            )
        )

    def _get_pending_proposals(self):
        self.ensure_one()
        labour = self.labour_line_ids.filtered(
            lambda line: line.approval_state == "proposed"
        )
        parts = self.move_ids.filtered(
            lambda move: move.approval_state == "proposed" and move.state != "cancel"
        )
        return labour, parts

    def _is_extra_work_proposed(self, payer):
        """Tell whether a line added now needs the customer's approval.

        Lines agreed at reception are approved. Lines added later are work found
        during the job: they wait for the customer's decision, unless the store
        pays them itself.
        """
        return (
            bool(self)
            and payer != "internal"
            and self.workshop_state
            not in (
                "reception",
                "cancelled",
            )
        )

    def action_workshop_start(self):
        """Start the work, or park the job until its approved parts arrive."""
        self._check_workshop_state(("reception", "waiting_parts"), "start")
        self.filtered(lambda repair: repair.state == "draft")._action_repair_confirm()
        for repair in self:
            if repair._get_missing_parts():
                repair.workshop_state = "waiting_parts"
            else:
                repair.action_repair_start()
        return True

    @api.model
    def _cron_resume_waiting_jobs(self, limit=200):
        """Start the jobs waiting for parts whose parts are now forecast in stock."""
        waiting = self.search(
            [("workshop_state", "=", "waiting_parts")],
            order="schedule_date, id",
            limit=limit,
        )
        resumed = waiting.filtered(lambda repair: not repair._get_missing_parts())
        resumed.action_repair_start()
        _logger.info(
            "Resumed %s of %s repair orders waiting for parts",
            len(resumed),
            len(waiting),
        )
        return resumed

    def action_repair_start(self):
        res = super().action_repair_start()
        self.filtered(
            lambda repair: repair.workshop_state in ("reception", "waiting_parts")
        ).workshop_state = "in_progress"
        return res

    def action_request_quality_check(self):
        self._check_workshop_state(("in_progress",), "send to quality check")
        for repair in self:
            labour, parts = repair._get_pending_proposals()
            pending = labour.mapped("name") + parts.mapped("product_id.display_name")
            if pending:
                raise UserError(
                    self.env._(
                        "Repair order %(repair)s has proposed work the customer has"
                        " not decided on: %(lines)s. Record the customer's approval"
                        " or refusal first.",
                        repair=repair.name,
                        lines=", ".join(pending),
                    )
                )
            if not repair.quality_check_line_ids:
                repair._create_quality_check_lines()
        self._stop_running_clocks()
        self.write({"workshop_state": "quality_check"})
        return True

    def _create_quality_check_lines(self):
        """Copy the service type's checklist onto the job.

        Runs as superuser because the technician who requests the check may
        fill in the checklist but not add items to it.
        """
        self.ensure_one()
        settings = self.env["autocrm.service.type"]._get_for(
            self.service_type, self.company_id
        )
        self.env["autocrm.quality.check.line"].sudo().create(
            [
                {"repair_id": self.id, "sequence": item.sequence, "name": item.name}
                for item in settings.check_item_ids
            ]
        )

    def _stop_running_clocks(self):
        """Clock off every technician still on these jobs.

        Runs as superuser because the advisor or foreman who moves the job on
        may not see the technicians' own time logs.
        """
        self.env["autocrm.time.log"].sudo().search(
            [("repair_id", "in", self.ids), ("date_stop", "=", False)]
        ).action_clock_off()

    def _get_job_technician_users(self):
        self.ensure_one()
        # Every clock counts, also those of technicians the current user may not
        # see: a technician removed from the line still did part of the job.
        logs = (
            self.env["autocrm.time.log"].sudo().search([("repair_id", "in", self.ids)])
        )
        employees = self.labour_line_ids.technician_ids | logs.employee_id
        return employees.user_id

    def action_sign_quality_check(self):
        """Sign the checklist as the current user, who must not have done the job."""
        self.ensure_one()
        self._check_workshop_state(("quality_check",), "sign the quality check of")
        if self.env.user in self._get_job_technician_users():
            raise UserError(
                self.env._(
                    "%(user)s worked on %(repair)s and cannot inspect it. Ask"
                    " another inspector to sign the quality check.",
                    user=self.env.user.name,
                    repair=self.name,
                )
            )
        not_passed = self.quality_check_line_ids.filtered(
            lambda line: line.result != "pass"
        )
        if not_passed:
            raise UserError(
                self.env._(
                    "Checklist items of %(repair)s are not passed: %(items)s."
                    " Pass them, or send the job back to the workshop.",
                    repair=self.name,
                    items=", ".join(not_passed.mapped("name")),
                )
            )
        self.write(
            {
                "quality_inspector_id": self.env.uid,
                "quality_signed_date": fields.Datetime.now(),
            }
        )
        return True

    def action_quality_rework(self):
        """Send the job back to the workshop after a failed quality check."""
        self._check_workshop_state(("quality_check",), "send back to work")
        self.write(
            {
                "workshop_state": "in_progress",
                "quality_inspector_id": False,
                "quality_signed_date": False,
            }
        )
        return True

    def action_workshop_ready(self):
        self._check_workshop_state(("quality_check",), "mark ready")
        return self.action_repair_end()

    def action_repair_done(self):
        # Repair orders without a vehicle are Odoo's product repairs: they
        # keep Odoo's flow, without the vehicle's quality check.
        unsigned = self.filtered(
            lambda repair: repair.vehicle_id and not repair.quality_inspector_id
        )
        if unsigned:
            raise UserError(
                self.env._(
                    "The quality check of %(repair)s is not signed. An inspector"
                    " who did not work on the job must sign it before the vehicle"
                    " is ready.",
                    repair=unsigned[0].name,
                )
            )
        res = super().action_repair_done()
        self.write({"workshop_state": "ready"})
        return res

    def action_workshop_deliver(self):
        """Hand the vehicle back: set its next service and start the follow-up."""
        self._check_workshop_state(("ready",), "deliver")
        self.write(
            {"workshop_state": "delivered", "delivered_date": fields.Datetime.now()}
        )
        for repair in self.filtered("vehicle_id"):
            repair._set_next_service_due()
        self.env["autocrm.followup.rule"]._trigger_event("repair_done", self)
        return True

    def _set_next_service_due(self):
        self.ensure_one()
        settings = self.env["autocrm.service.type"]._get_for(
            self.service_type, self.company_id
        )
        vals = {}
        if settings.interval_months:
            delivered = fields.Date.context_today(self)
            vals["next_service_date"] = delivered + relativedelta(
                months=settings.interval_months
            )
        if settings.interval_km and self.odometer_in:
            vals["next_service_odometer"] = self.odometer_in + settings.interval_km
        if vals:
            self.vehicle_id.write(vals)

    def action_repair_cancel(self):
        res = super().action_repair_cancel()
        self._stop_running_clocks()
        self.write({"workshop_state": "cancelled"})
        self.labour_line_ids._sync_sale_order_lines()
        return res

    def action_repair_cancel_draft(self):
        res = super().action_repair_cancel_draft()
        self.write({"workshop_state": "reception"})
        return res

    # ------------------------------------------------------------------
    # Invoicing per payer
    # ------------------------------------------------------------------

    def _create_sale_order(self):
        orders = super()._create_sale_order()
        self.labour_line_ids._sync_sale_order_lines()
        return orders

    def _get_lines_paid_by(self, payer):
        """Return the approved labour lines and part moves that `payer` pays."""
        self.ensure_one()
        labour = self.labour_line_ids.filtered(
            lambda line: line.payer == payer and line.approval_state == "approved"
        )
        parts = self.move_ids.filtered(
            lambda move: (
                move.repair_line_type == "add"
                and move.payer == payer
                and move.approval_state == "approved"
                and move.state != "cancel"
            )
        )
        return labour, parts

    def action_create_invoices(self):
        """Invoice each payer of the job once: customer, insurer and OEM."""
        self.ensure_one()
        self._check_workshop_state(("ready", "delivered"), "invoice")
        invoices = self.env["account.move"]
        labour, parts = self._get_lines_paid_by("customer")
        if labour or parts:
            invoices |= self._create_customer_invoice()
        labour, parts = self._get_lines_paid_by("insurer")
        if (labour or parts) and not self.insurer_invoice_id:
            invoices |= self._create_insurer_invoice(labour, parts)
        labour, parts = self._get_lines_paid_by("warranty")
        if (labour or parts) and not self.warranty_claim_ids:
            self.env["autocrm.warranty.claim"]._create_from_repair(self)
        if not invoices:
            return (
                self.action_view_warranty_claims() if self.warranty_claim_ids else True
            )
        return self.action_view_invoices()

    def _create_customer_invoice(self):
        """Invoice the customer's lines through the sale order of the repair."""
        if not self.sale_order_id:
            self._create_sale_order()
        order = self.sale_order_id
        if order.state in ("draft", "sent"):
            order.action_confirm()
        if not any(order.order_line.mapped("qty_to_invoice")):
            return self.env["account.move"]
        return order._create_invoices()

    def _create_insurer_invoice(self, labour, parts):
        if not self.insurer_id:
            raise UserError(
                self.env._(
                    "Repair order %(repair)s has lines paid by the insurer but no"
                    " insurer. Set the insurer on the repair order.",
                    repair=self.name,
                )
            )
        line_vals = [
            {
                "product_id": move.product_id.id,
                "name": move.product_id.display_name,
                "quantity": move.quantity or move.product_uom_qty,
                "product_uom_id": move.product_uom.id,
                "price_unit": move.product_id.lst_price,
            }
            for move in parts
        ]
        line_vals += [
            {
                "product_id": line._get_invoicing_product().id,
                "name": line.name,
                "quantity": line.hours,
                "price_unit": line.labour_rate,
            }
            for line in labour
        ]
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.insurer_id.id,
                "company_id": self.company_id.id,
                "invoice_origin": self.name,
                "ref": self.insurance_claim_ref or self.name,
                "invoice_line_ids": [fields.Command.create(vals) for vals in line_vals],
            }
        )
        self.insurer_invoice_id = invoice
        return invoice

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.workshop_invoice_ids.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_warranty_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_workshop.autocrm_warranty_claim_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_emergency_purchases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_parts.purchase_order_action_parts"
        )
        action["domain"] = [("emergency_repair_id", "=", self.id)]
        action["context"] = {
            "default_parts_order_type": "emergency",
            "default_emergency_repair_id": self.id,
        }
        return action

    # ------------------------------------------------------------------
    # Helpers for other modules
    # ------------------------------------------------------------------

    @api.model
    def _create_internal_job(self, vals):
        """Create an internal job (pre-delivery inspection, accessory fitting).

        The store pays it: the service type is internal, so its lines default to
        the internal payer, and the store's own partner is the customer unless
        `vals` names one. The job is created in that store's context, so its
        operation type and locations are the store's even when the user's
        current company is another one.
        """
        vals = dict(vals)
        vals.setdefault("service_type", "internal")
        company = self.env["res.company"].browse(
            vals.get("company_id") or self.env.company.id
        )
        vals.setdefault("partner_id", company.partner_id.id)
        return self.with_company(company).create(vals)

    def _get_default_payer(self):
        self.ensure_one()
        return DEFAULT_PAYER.get(self.service_type, "customer")
