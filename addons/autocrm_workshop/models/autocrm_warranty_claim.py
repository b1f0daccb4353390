from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class AutocrmWarrantyClaim(models.Model):
    """Claim to the manufacturer for the warranty lines of one repair order."""

    _name = "autocrm.warranty.claim"
    _description = "OEM Warranty Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="New"
    )
    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Manufacturer",
        required=True,
        tracking=True,
        help="Manufacturer or importer that pays the claim.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("paid", "Paid"),
        ],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "autocrm.warranty.claim.line", "claim_id", string="Lines", copy=True
    )
    claimed_amount = fields.Monetary(compute="_compute_claimed_amount", store=True)
    approved_amount = fields.Monetary(copy=False, tracking=True)
    submitted_date = fields.Date(readonly=True, copy=False)
    oem_reference = fields.Char(
        string="Manufacturer Reference",
        copy=False,
        help="Number that the manufacturer gave the claim.",
    )
    rejection_reason = fields.Text(copy=False)
    invoice_id = fields.Many2one(
        "account.move", readonly=True, copy=False, check_company=True
    )
    invoice_payment_state = fields.Selection(related="invoice_id.payment_state")

    _approved_amount_not_negative = models.Constraint(
        "CHECK (approved_amount >= 0)",
        "The approved amount of a warranty claim cannot be negative.",
    )

    @api.depends("line_ids.amount")
    def _compute_claimed_amount(self):
        for claim in self:
            claim.claimed_amount = sum(claim.line_ids.mapped("amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "autocrm.warranty.claim"
                )
        return super().create(vals_list)

    @api.model
    def _create_from_repair(self, repair):
        """Build a draft claim from the repair order's approved warranty lines.

        Parts are claimed at their warranty price and labour at the brand's
        warranty labour rate, which are the manufacturer's rates, not the store's.
        """
        brand = repair.vehicle_id.model_id.brand_id
        if not brand.warranty_partner_id:
            raise UserError(
                self.env._(
                    "Brand %(brand)s has no warranty payer, so the warranty lines"
                    " of %(repair)s cannot be claimed. Set the warranty payer on"
                    " the brand.",
                    brand=brand.name or repair.vehicle_id.display_name,
                    repair=repair.name,
                )
            )
        labour, parts = repair._get_lines_paid_by("warranty")
        unpriced = parts.product_id.filtered(lambda product: not product.warranty_price)
        if unpriced:
            raise UserError(
                self.env._(
                    "Part %(part)s on %(repair)s has no warranty price, so the"
                    " manufacturer would be claimed nothing for it. Set its"
                    " warranty price first.",
                    part=unpriced[0].display_name,
                    repair=repair.name,
                )
            )
        if labour and not brand.warranty_labour_rate:
            raise UserError(
                self.env._(
                    "Brand %(brand)s has no warranty labour rate, so the labour of"
                    " %(repair)s cannot be claimed. Set the rate on the brand.",
                    brand=brand.name,
                    repair=repair.name,
                )
            )
        lines = [
            Command.create(
                {
                    "kind": "part",
                    "move_id": move.id,
                    "product_id": move.product_id.id,
                    "name": move.product_id.display_name,
                    "quantity": move.quantity or move.product_uom_qty,
                    "price_unit": move.product_id.warranty_price,
                }
            )
            for move in parts
        ]
        lines += [
            Command.create(
                {
                    "kind": "labour",
                    "labour_line_id": line.id,
                    "name": line.name,
                    "quantity": line.hours,
                    "price_unit": brand.warranty_labour_rate,
                }
            )
            for line in labour
        ]
        return self.create(
            {
                "repair_id": repair.id,
                "company_id": repair.company_id.id,
                "partner_id": brand.warranty_partner_id.id,
                "line_ids": lines,
            }
        )

    def _check_state(self, allowed, action_label):
        states = dict(self._fields["state"]._description_selection(self.env))
        for claim in self:
            if claim.state not in allowed:
                raise UserError(
                    self.env._(
                        "Cannot %(action)s warranty claim %(claim)s while it is"
                        " %(state)s.",
                        action=action_label,
                        claim=claim.name,
                        state=states[claim.state],
                    )
                )

    def action_submit(self):
        self._check_state(("draft",), "submit")
        empty = self.filtered(lambda claim: not claim.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Warranty claim %(claim)s has no lines. Add the warranty parts"
                    " and labour before submitting.",
                    claim=empty[0].name,
                )
            )
        self.write(
            {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
        )

    def action_approve(self):
        """Record the manufacturer's approval; the claimed amount unless set."""
        self._check_state(("submitted",), "approve")
        for claim in self:
            if not claim.approved_amount:
                claim.approved_amount = claim.claimed_amount
            if (
                claim.currency_id.compare_amounts(
                    claim.approved_amount, claim.claimed_amount
                )
                > 0
            ):
                raise UserError(
                    self.env._(
                        "The approved amount of %(claim)s (%(approved)s) is higher"
                        " than the claimed amount (%(claimed)s). Check the amount"
                        " the manufacturer approved.",
                        claim=claim.name,
                        approved=claim.approved_amount,
                        claimed=claim.claimed_amount,
                    )
                )
        self.write({"state": "approved"})

    def action_reject(self):
        self._check_state(("submitted",), "reject")
        missing = self.filtered(lambda claim: not claim.rejection_reason)
        if missing:
            raise UserError(
                self.env._(
                    "Enter the manufacturer's rejection reason on %(claim)s first.",
                    claim=missing[0].name,
                )
            )
        self.write({"state": "rejected", "approved_amount": 0.0})

    def action_create_invoice(self):
        """Invoice the approved amount to the manufacturer."""
        self.ensure_one()
        self._check_state(("approved",), "invoice")
        if self.invoice_id:
            return self.action_view_invoice()
        product = self.env.ref("autocrm_workshop.product_warranty_claim")
        self.invoice_id = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "invoice_origin": self.repair_id.name,
                "ref": self.oem_reference or self.name,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": self.env._(
                                "Warranty claim %(claim)s, repair order %(repair)s",
                                claim=self.name,
                                repair=self.repair_id.name,
                            ),
                            "quantity": 1.0,
                            "price_unit": self.approved_amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        return self.action_view_invoice()

    def action_mark_paid(self):
        self._check_state(("approved",), "mark paid")
        unpaid = self.filtered(
            lambda claim: claim.invoice_payment_state not in ("paid", "in_payment")
        )
        if unpaid:
            raise UserError(
                self.env._(
                    "The invoice of warranty claim %(claim)s is not paid yet."
                    " Register the manufacturer's payment on the invoice first.",
                    claim=unpaid[0].name,
                )
            )
        self.write({"state": "paid"})

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "views": [(False, "form")],
        }


class AutocrmWarrantyClaimLine(models.Model):
    _name = "autocrm.warranty.claim.line"
    _description = "OEM Warranty Claim Line"
    _order = "claim_id, kind desc, id"

    claim_id = fields.Many2one(
        "autocrm.warranty.claim", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="claim_id.company_id", store=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    kind = fields.Selection(
        [("part", "Part"), ("labour", "Labour")], required=True, default="part"
    )
    name = fields.Char(string="Description", required=True)
    product_id = fields.Many2one("product.product", string="Part")
    move_id = fields.Many2one("stock.move", string="Part Move", readonly=True)
    labour_line_id = fields.Many2one(
        "autocrm.labour.line", readonly=True, ondelete="set null"
    )
    quantity = fields.Float(help="Units for a part, flat-rate hours for labour.")
    price_unit = fields.Monetary(
        string="Manufacturer Rate",
        help="Warranty price of the part, or the brand's warranty labour rate.",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.price_unit
