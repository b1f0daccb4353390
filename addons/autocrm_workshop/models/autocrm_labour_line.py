from odoo import api, fields, models
from odoo.exceptions import UserError

from .workshop_selections import DEFAULT_PAYER, PAYERS


class AutocrmLabourLine(models.Model):
    """Labour sold on a repair order, done and clocked by technicians."""

    _name = "autocrm.labour.line"
    _inherit = ["autocrm.customer.decision.mixin"]
    _description = "Repair Order Labour Line"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    vehicle_id = fields.Many2one(
        related="repair_id.vehicle_id", store=True, index="btree_not_null"
    )
    workshop_state = fields.Selection(related="repair_id.workshop_state")
    sequence = fields.Integer(default=10)
    operation_id = fields.Many2one(
        "autocrm.labour.operation",
        check_company=True,
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    hours = fields.Float(
        string="Sold Hours",
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
        help="Flat-rate hours charged, taken from the operation for the vehicle's"
        " model.",
    )
    labour_rate = fields.Monetary(
        compute="_compute_labour_rate",
        store=True,
        readonly=False,
        precompute=True,
    )
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True
    )
    technician_ids = fields.Many2many(
        "hr.employee",
        string="Technicians",
        domain="[('is_workshop_technician', '=', True),"
        " ('company_id', 'in', (company_id, False))]",
        check_company=True,
    )
    payer = fields.Selection(
        PAYERS,
        compute="_compute_payer",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    approval_state = fields.Selection(default="approved", required=True)
    time_log_ids = fields.One2many(
        "autocrm.time.log", "labour_line_id", string="Clocked Time"
    )
    clocked_hours = fields.Float(compute="_compute_clocked_hours", store=True)
    is_clock_running = fields.Boolean(compute="_compute_is_clock_running")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Sale Order Line", copy=False, readonly=True
    )

    _hours_not_negative = models.Constraint(
        "CHECK (hours >= 0)",
        "Sold hours cannot be negative.",
    )
    _rate_not_negative = models.Constraint(
        "CHECK (labour_rate >= 0)",
        "The labour rate cannot be negative.",
    )

    @api.depends("operation_id")
    def _compute_name(self):
        for line in self:
            if line.operation_id:
                line.name = line.operation_id.name
            elif not line.name:
                line.name = False

    @api.depends("operation_id", "repair_id.vehicle_id.model_id")
    def _compute_hours(self):
        for line in self:
            if line.operation_id:
                line.hours = line.operation_id._get_flat_rate_hours(
                    line.repair_id.vehicle_id.model_id
                )
            else:
                line.hours = line.hours or 0.0

    @api.depends("operation_id")
    def _compute_labour_rate(self):
        for line in self:
            if line.operation_id:
                line.labour_rate = line.operation_id.labour_rate
            else:
                line.labour_rate = line.labour_rate or 0.0

    @api.depends("hours", "labour_rate")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.hours * line.labour_rate

    @api.depends("repair_id.service_type")
    def _compute_payer(self):
        for line in self:
            line.payer = line.payer or DEFAULT_PAYER.get(
                line.repair_id.service_type, "customer"
            )

    @api.depends("time_log_ids.duration_hours")
    def _compute_clocked_hours(self):
        for line in self:
            line.clocked_hours = sum(line.time_log_ids.mapped("duration_hours"))

    @api.depends("time_log_ids.date_stop")
    def _compute_is_clock_running(self):
        for line in self:
            line.is_clock_running = any(not log.date_stop for log in line.time_log_ids)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # One browse per line: several lines of one batch may share a repair.
            repair = self.env["repair.order"].browse(vals.get("repair_id") or [])
            if "approval_state" not in vals and repair._is_extra_work_proposed(
                vals.get("payer") or DEFAULT_PAYER.get(repair.service_type, "customer")
            ):
                vals["approval_state"] = "proposed"
        lines = super().create(vals_list)
        lines._sync_sale_order_lines()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if {"payer", "hours", "labour_rate", "approval_state", "name"} & set(vals):
            self._sync_sale_order_lines()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_clocked(self):
        clocked = self.filtered("time_log_ids")
        if clocked:
            raise UserError(
                self.env._(
                    "Labour line %(line)s of %(repair)s has clocked time and"
                    " cannot be deleted. Decline it or set its sold hours to zero.",
                    line=clocked[0].name,
                    repair=clocked[0].repair_id.name,
                )
            )

    def unlink(self):
        self.sale_line_id.write({"product_uom_qty": 0.0})
        return super().unlink()

    # ------------------------------------------------------------------
    # Customer decision on proposed work
    # ------------------------------------------------------------------

    def action_decline(self):
        # Declined work stops for every technician, whatever logs the advisor
        # who records the decision may see.
        self.env["autocrm.time.log"].sudo().search(
            [("labour_line_id", "in", self.ids), ("date_stop", "=", False)]
        ).action_clock_off()
        return super().action_decline()

    def _get_decision_label(self):
        return self.env._("Labour line %(line)s", line=self.name)

    # ------------------------------------------------------------------
    # Technician clock
    # ------------------------------------------------------------------

    def action_clock_on(self):
        self.ensure_one()
        employee = self.env["autocrm.time.log"]._get_current_technician(self.company_id)
        self.env["autocrm.time.log"]._clock_on(employee, self)

    def action_clock_off(self):
        self.ensure_one()
        employee = self.env["autocrm.time.log"]._get_current_technician(self.company_id)
        self.time_log_ids.filtered(
            lambda log: log.employee_id == employee and not log.date_stop
        ).action_clock_off()

    # ------------------------------------------------------------------
    # Invoicing
    # ------------------------------------------------------------------

    def _is_charged_to_customer(self):
        self.ensure_one()
        return (
            self.payer == "customer"
            and self.approval_state == "approved"
            and self.repair_id.state != "cancel"
        )

    def _get_invoicing_product(self):
        self.ensure_one()
        if self.operation_id:
            return self.operation_id._get_invoicing_product()
        return self.env.ref("autocrm_workshop.product_workshop_labour")

    def _prepare_sale_line_vals(self):
        self.ensure_one()
        return {
            "order_id": self.repair_id.sale_order_id.id,
            "product_id": self._get_invoicing_product().id,
            "name": self.name,
            "product_uom_qty": self.hours,
            "price_unit": self.labour_rate,
        }

    def _sync_sale_order_lines(self):
        """Keep the customer's sale order in step with the charged labour.

        Lines that the customer does not pay (or not yet) keep a zero quantity on
        the sale order, so that they are never invoiced to the customer.
        """
        for line in self.filtered("repair_id.sale_order_id"):
            order = line.repair_id.sale_order_id
            if order.state == "cancel":
                continue
            if line._is_charged_to_customer():
                vals = line._prepare_sale_line_vals()
                if line.sale_line_id:
                    line.sale_line_id.write(
                        {
                            "name": vals["name"],
                            "product_uom_qty": vals["product_uom_qty"],
                            "price_unit": vals["price_unit"],
                        }
                    )
                else:
                    line.sale_line_id = self.env["sale.order.line"].create(vals)
            elif line.sale_line_id:
                line.sale_line_id.product_uom_qty = 0.0
