from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class AutocrmDealFinance(models.Model):
    """Loan arranged by the store between the customer and a lender.

    The lender pays the store a commission, which is invoiced to the lender.
    The customer pays the store a service fee, charged on a line of the deal.
    """

    _name = "autocrm.deal.finance"
    _inherit = ["autocrm.deal.charge.mixin", "mail.thread"]
    _description = "Deal Finance"
    _order = "id desc"
    _check_company_auto = True
    _sale_line_trigger_fields = frozenset(("service_fee", "state"))

    lender_id = fields.Many2one(
        "res.partner", required=True, tracking=True, check_company=True
    )
    amount = fields.Monetary(string="Loan Amount", required=True, tracking=True)
    term_months = fields.Integer(string="Term (months)", required=True, default=36)
    interest_rate = fields.Float(
        string="Annual Rate (%)", digits=(5, 3), help="Nominal yearly rate."
    )
    monthly_payment = fields.Monetary(compute="_compute_monthly_payment")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    approval_date = fields.Date(readonly=True, copy=False)
    commission_amount = fields.Monetary(
        string="Lender Commission", help="Paid by the lender to the store."
    )
    service_fee = fields.Monetary(
        string="Customer Service Fee",
        help="Charged to the customer on the deal for arranging the loan.",
    )
    commission_invoice_id = fields.Many2one("account.move", readonly=True, copy=False)

    _amount_positive = models.Constraint(
        "CHECK (amount > 0)", "The loan amount must be positive."
    )
    _term_positive = models.Constraint(
        "CHECK (term_months > 0)", "The loan term must be at least one month."
    )
    _rate_not_negative = models.Constraint(
        "CHECK (interest_rate >= 0)", "The interest rate cannot be negative."
    )
    _fees_not_negative = models.Constraint(
        "CHECK (commission_amount >= 0 AND service_fee >= 0)",
        "The lender commission and the service fee cannot be negative.",
    )

    @api.depends("amount", "term_months", "interest_rate")
    def _compute_monthly_payment(self):
        for finance in self:
            months = finance.term_months
            if months <= 0:
                finance.monthly_payment = 0.0
                continue
            rate = finance.interest_rate / 100 / 12
            if rate:
                payment = finance.amount * rate / (1 - (1 + rate) ** -months)
            else:
                payment = finance.amount / months
            finance.monthly_payment = finance.currency_id.round(payment)

    @api.depends("lender_id", "amount")
    def _compute_display_name(self):
        for finance in self:
            finance.display_name = self.env._(
                "%(lender)s loan of %(amount)s",
                lender=finance.lender_id.name or "",
                amount=finance.currency_id.format(finance.amount),
            )

    @api.constrains("amount", "order_id")
    def _check_amount_within_deal(self):
        for finance in self:
            total = finance.order_id.amount_total
            if finance.currency_id.compare_amounts(finance.amount, total) > 0:
                raise ValidationError(
                    self.env._(
                        "The loan of %(amount)s on deal %(deal)s is more than the "
                        "deal total of %(total)s. Lower the loan amount.",
                        amount=finance.currency_id.format(finance.amount),
                        deal=finance.order_id.name,
                        total=finance.currency_id.format(total),
                    )
                )

    def _prepare_sale_line_vals(self):
        self.ensure_one()
        if self.state == "rejected" or self.currency_id.is_zero(self.service_fee):
            return None
        product = self.env.ref("autocrm_sales.product_finance_service_fee")
        return {
            "product_id": product.id,
            "name": self.env._(
                "Loan arrangement fee (%(lender)s)", lender=self.lender_id.name
            ),
            "product_uom_qty": 1,
            "price_unit": self.service_fee,
        }

    def action_submit(self):
        self.filtered(lambda finance: finance.state == "draft").write(
            {"state": "submitted"}
        )

    def action_approve(self):
        """Record the lender's approval, which lets the vehicle leave unpaid."""
        for finance in self:
            if finance.state != "submitted":
                raise UserError(
                    self.env._(
                        "Finance %(finance)s must be submitted to the lender "
                        "before it is approved.",
                        finance=finance.display_name,
                    )
                )
        self.write(
            {"state": "approved", "approval_date": fields.Date.context_today(self)}
        )

    def action_reject(self):
        self.write({"state": "rejected", "approval_date": False})

    def action_invoice_commission(self):
        """Invoice the lender's commission on approved loans."""
        product = self.env.ref("autocrm_sales.product_finance_commission")
        for finance in self:
            if finance.state != "approved":
                raise UserError(
                    self.env._(
                        "Finance %(finance)s is not approved; the lender pays the "
                        "commission only on approved loans.",
                        finance=finance.display_name,
                    )
                )
            if finance.commission_invoice_id:
                raise UserError(
                    self.env._(
                        "The commission of %(finance)s is already on invoice "
                        "%(invoice)s.",
                        finance=finance.display_name,
                        invoice=finance.commission_invoice_id.display_name,
                    )
                )
            if finance.currency_id.is_zero(finance.commission_amount):
                raise UserError(
                    self.env._(
                        "Finance %(finance)s has no lender commission to invoice.",
                        finance=finance.display_name,
                    )
                )
            finance.commission_invoice_id = finance._create_deal_move(
                "out_invoice",
                finance.lender_id,
                product,
                finance.commission_amount,
                self.env._(
                    "Commission on the loan of deal %(deal)s",
                    deal=finance.order_id.name,
                ),
            )
        return True
