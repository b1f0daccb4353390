from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AutocrmInsurancePolicy(models.Model):
    """Insurance policy sold by the store as the insurer's agent.

    The premium is paid to the insurer; the store earns the insurer's rebate,
    which it invoices to the insurer.
    """

    _name = "autocrm.insurance.policy"
    _inherit = ["autocrm.deal.charge.mixin", "mail.thread"]
    _description = "Insurance Policy"
    _order = "start_date desc, id desc"
    _check_company_auto = True

    policy_number = fields.Char(tracking=True, copy=False, index="btree_not_null")
    insurer_id = fields.Many2one(
        "res.partner", required=True, tracking=True, check_company=True
    )
    policy_type = fields.Selection(
        [
            ("ctpl", "Compulsory Third-Party Liability"),
            ("commercial", "Commercial Cover"),
        ],
        required=True,
        default="ctpl",
    )
    cover_ids = fields.Many2many(
        "autocrm.insurance.cover",
        string="Cover Lines",
        help="Commercial cover lines bought on this policy.",
    )
    premium = fields.Monetary(required=True, tracking=True)
    start_date = fields.Date(required=True, default=fields.Date.context_today)
    end_date = fields.Date(
        required=True,
        help="Expiry of the policy: the owner's vehicle gets it as insurance "
        "expiry date, which drives the renewal reminders.",
    )
    rebate_rate = fields.Float(
        string="Rebate (%)",
        digits=(5, 2),
        help="Share of the premium that the insurer pays back to the store.",
    )
    rebate_amount = fields.Monetary(
        string="Rebate Earned", compute="_compute_rebate_amount", store=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    rebate_invoice_id = fields.Many2one("account.move", readonly=True, copy=False)
    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True, copy=False)

    _premium_positive = models.Constraint(
        "CHECK (premium > 0)", "The premium of an insurance policy must be positive."
    )
    _rebate_rate_range = models.Constraint(
        "CHECK (rebate_rate >= 0 AND rebate_rate <= 100)",
        "The insurer's rebate rate must be between 0 and 100%.",
    )

    @api.depends("premium", "rebate_rate")
    def _compute_rebate_amount(self):
        for policy in self:
            policy.rebate_amount = policy.currency_id.round(
                policy.premium * policy.rebate_rate / 100
            )

    @api.depends("policy_number", "insurer_id", "policy_type")
    def _compute_display_name(self):
        types = dict(self._fields["policy_type"].selection)
        for policy in self:
            policy.display_name = " - ".join(
                part
                for part in (
                    policy.insurer_id.name,
                    types.get(policy.policy_type),
                    policy.policy_number,
                )
                if part
            )

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for policy in self:
            if policy.end_date <= policy.start_date:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s ends on %(end)s, which is not after its "
                        "start on %(start)s. Correct the dates.",
                        policy=policy.display_name,
                        end=policy.end_date,
                        start=policy.start_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        policies._update_vehicle_insurance_expiry()
        return policies

    def write(self, vals):
        result = super().write(vals)
        if {"end_date", "state", "vehicle_id"} & set(vals):
            self._update_vehicle_insurance_expiry()
        return result

    def _update_vehicle_insurance_expiry(self):
        """Give the owner's vehicle the latest expiry of its active policies."""
        for vehicle in self.vehicle_id:
            policies = self.search(
                [("vehicle_id", "=", vehicle.id), ("state", "=", "active")]
            )
            if policies:
                # The F&I specialist has no fleet rights; the expiry date is a
                # consequence of the policy they sold.
                vehicle.sudo().insurance_expiry_date = max(policies.mapped("end_date"))

    def action_activate(self):
        for policy in self:
            if not policy.policy_number:
                raise UserError(
                    self.env._(
                        "Enter the insurer's policy number of %(policy)s before "
                        "activating it.",
                        policy=policy.display_name,
                    )
                )
        self.write({"state": "active"})

    def action_cancel(self):
        invoiced = self.filtered(
            lambda policy: policy.rebate_invoice_id.state == "posted"
        )
        if invoiced:
            raise UserError(
                self.env._(
                    "The rebate of policy %(policy)s is already invoiced to the "
                    "insurer. Issue a credit note on %(invoice)s first.",
                    policy=invoiced[0].display_name,
                    invoice=invoiced[0].rebate_invoice_id.name,
                )
            )
        self.write({"state": "cancelled"})

    def action_invoice_rebate(self):
        """Invoice the rebate earned on each active policy to its insurer."""
        product = self.env.ref("autocrm_sales.product_insurance_rebate")
        for policy in self:
            if policy.state != "active":
                raise UserError(
                    self.env._(
                        "Policy %(policy)s is not active; activate it before "
                        "invoicing the rebate.",
                        policy=policy.display_name,
                    )
                )
            if policy.rebate_invoice_id:
                raise UserError(
                    self.env._(
                        "The rebate of policy %(policy)s is already on invoice "
                        "%(invoice)s.",
                        policy=policy.display_name,
                        invoice=policy.rebate_invoice_id.display_name,
                    )
                )
            if policy.currency_id.is_zero(policy.rebate_amount):
                raise UserError(
                    self.env._(
                        "Policy %(policy)s earns no rebate; set the insurer's "
                        "rebate rate first.",
                        policy=policy.display_name,
                    )
                )
            policy.rebate_invoice_id = policy._create_deal_move(
                "out_invoice",
                policy.insurer_id,
                product,
                policy.rebate_amount,
                self.env._(
                    "Rebate on policy %(policy)s (deal %(deal)s)",
                    policy=policy.policy_number,
                    deal=policy.order_id.name,
                ),
            )
        return True
