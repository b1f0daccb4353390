from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class AutocrmGatePass(models.Model):
    """Permission for a sold vehicle to leave the store.

    The security desk approves it only when the deal is paid or financed and
    the delivery jobs are done. The delivery of the vehicle requires it.
    """

    _name = "autocrm.gate.pass"
    _inherit = ["mail.thread"]
    _description = "Vehicle Gate Pass"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    order_id = fields.Many2one(
        "sale.order",
        string="Deal",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="order_id.partner_id", string="Customer", store=True
    )
    user_id = fields.Many2one(
        related="order_id.user_id", string="Consultant", store=True, index=True
    )
    vehicle_lot_id = fields.Many2one(
        related="order_id.vehicle_lot_id", string="Vehicle Unit", store=True
    )
    vin = fields.Char(related="order_id.vehicle_lot_id.name", string="VIN")
    deal_name = fields.Char(related="order_id.name", string="Deal Reference")
    vehicle_product_id = fields.Many2one(
        related="order_id.vehicle_lot_id.product_id", string="Vehicle"
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("used", "Vehicle Left"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        tracking=True,
    )
    delivery_odometer = fields.Float(
        string="Odometer at Exit (km)",
        tracking=True,
        help="Reading at the gate; recorded on the owner's vehicle at delivery.",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approval_date = fields.Datetime(readonly=True, copy=False)

    _odometer_not_negative = models.Constraint(
        "CHECK (delivery_odometer >= 0)", "The odometer reading cannot be negative."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_state_change_allowed(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "autocrm.gate.pass"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        self._check_state_change_allowed(vals)
        return super().write(vals)

    def _check_state_change_allowed(self, vals):
        """Reject status changes that do not go through the action buttons.

        Consultants may edit their gate passes, so without this check they
        could write the Approved status themselves and skip the checks.
        """
        protected = {"state", "approved_by_id", "approval_date"} & set(vals)
        if (
            protected
            and not self.env.su
            and not self.env.context.get("autocrm_gate_pass_transition")
        ):
            raise AccessError(
                self.env._(
                    "The status of a gate pass changes only through its buttons "
                    "(%(fields)s cannot be written directly).",
                    fields=", ".join(sorted(protected)),
                )
            )

    def _get_approval_blockers(self):
        """Return the reasons, as sentences, why the vehicle may not leave yet."""
        self.ensure_one()
        # The security desk has no access to deals, but it may read the facts
        # that decide the approval of this one gate pass.
        order = self.order_id.sudo()
        blockers = []
        if order.state != "sale":
            blockers.append(self.env._("the deal is not confirmed"))

        currency = order.currency_id
        fully_paid = (
            currency.compare_amounts(order.deal_amount_paid, order.amount_total) >= 0
        )
        financed = any(finance.state == "approved" for finance in order.finance_ids)
        if not fully_paid and not financed:
            blockers.append(
                self.env._(
                    "the deal is not fully paid (%(paid)s of %(total)s) and has "
                    "no approved finance",
                    paid=currency.format(order.deal_amount_paid),
                    total=currency.format(order.amount_total),
                )
            )

        if order.discount_approval_state == "to_approve":
            blockers.append(
                self.env._(
                    "the discount of %(amount)s on deal %(deal)s is above the "
                    "consultant's limit of %(limit)s and waits for a sales "
                    "manager's approval",
                    amount=currency.format(order.deal_discount_amount),
                    deal=order.name,
                    limit=currency.format(order.discount_limit),
                )
            )

        open_jobs = order._get_open_delivery_jobs()
        if open_jobs:
            blockers.append(
                self.env._(
                    "delivery jobs are still open: %(jobs)s",
                    jobs="; ".join(open_jobs),
                )
            )
        return blockers

    def action_approve(self):
        if not self.env.user.has_group("autocrm_sales.group_security_desk"):
            raise AccessError(
                self.env._("Only the security desk approves gate passes.")
            )
        for gate_pass in self:
            if gate_pass.state != "requested":
                raise UserError(
                    self.env._(
                        "Gate pass %(gate_pass)s is not waiting for approval.",
                        gate_pass=gate_pass.name,
                    )
                )
            blockers = gate_pass._get_approval_blockers()
            if blockers:
                raise UserError(
                    self.env._(
                        "Gate pass %(gate_pass)s for VIN %(vin)s cannot be "
                        "approved because %(reasons)s.",
                        gate_pass=gate_pass.name,
                        vin=gate_pass.vehicle_lot_id.name,
                        reasons="; ".join(blockers),
                    )
                )
        self.with_context(autocrm_gate_pass_transition=True).write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approval_date": fields.Datetime.now(),
            }
        )
        return True

    def action_cancel(self):
        left = self.filtered(lambda gate_pass: gate_pass.state == "used")
        if left:
            raise UserError(
                self.env._(
                    "Gate pass %(gate_pass)s was used: the vehicle already left.",
                    gate_pass=left[0].name,
                )
            )
        self.with_context(autocrm_gate_pass_transition=True).write(
            {"state": "cancelled"}
        )
        return True
