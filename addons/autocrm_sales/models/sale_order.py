import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from odoo.addons.autocrm_base.tools.vin import vin_model_year

_logger = logging.getLogger(__name__)

DEAL_TYPES = [
    ("retail", "Retail"),
    ("fleet", "Fleet / Corporate"),
    ("employee", "Employee"),
    ("demo_car", "Demo Car Sale"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------

    # The deal and its vehicle
    is_vehicle_deal = fields.Boolean(
        index=True,
        copy=True,
        help="A new-vehicle deal: one VIN plus everything sold with it.",
    )
    deal_type = fields.Selection(DEAL_TYPES, default="retail", copy=True)
    vehicle_lot_id = fields.Many2one(
        "stock.lot",
        string="VIN",
        copy=False,
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('is_vehicle', '=', True), "
        "('vin_state', 'in', ('ordered', 'in_transit', 'in_stock')), "
        "('reserved_order_id', '=', False)]",
        help="The vehicle unit sold. Only VINs not reserved by a confirmed deal "
        "are offered.",
    )
    vehicle_model_id = fields.Many2one(related="vehicle_lot_id.vehicle_model_id")
    vehicle_line_id = fields.Many2one(
        "sale.order.line", compute="_compute_vehicle_line_id"
    )
    vehicle_invoiced = fields.Boolean(
        compute="_compute_vehicle_invoiced",
        store=True,
        help="The vehicle line is on a posted customer invoice.",
    )
    vehicle_delivered = fields.Boolean(readonly=True, copy=False)
    vehicle_released = fields.Boolean(
        readonly=True,
        copy=False,
        help="The vehicle came back from the customer, so this deal no longer "
        "holds its VIN.",
    )
    fleet_vehicle_id = fields.Many2one(related="vehicle_lot_id.fleet_vehicle_id")
    # Add-ons sold with the vehicle
    deposit_amount = fields.Monetary(
        help="Deposit agreed with the customer, invoiced as a down payment.",
    )
    insurance_policy_ids = fields.One2many(
        "autocrm.insurance.policy", "order_id", string="Insurance Policies"
    )
    finance_ids = fields.One2many(
        "autocrm.deal.finance", "order_id", string="Finance Applications"
    )
    agency_service_ids = fields.One2many(
        "autocrm.agency.service", "order_id", string="Agency Services"
    )
    gate_pass_ids = fields.One2many("autocrm.gate.pass", "order_id")
    gate_pass_count = fields.Integer(compute="_compute_gate_pass_count")
    # Discount approval
    deal_discount_amount = fields.Monetary(
        string="Deal Discount",
        compute="_compute_deal_discount_amount",
        help="List price minus selling price of every line except gifts.",
    )
    discount_limit = fields.Monetary(
        related="user_id.deal_discount_limit",
        string="Consultant Discount Limit",
        currency_field="currency_id",
    )
    discount_approved_amount = fields.Monetary(readonly=True, copy=False)
    discount_approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    discount_approval_state = fields.Selection(
        [
            ("not_needed", "Within Limit"),
            ("to_approve", "Needs Approval"),
            ("approved", "Approved"),
        ],
        compute="_compute_discount_approval_state",
    )
    # Expected profit of the deal, before confirmation
    deal_revenue = fields.Monetary(compute="_compute_deal_profit")
    deal_cost = fields.Monetary(compute="_compute_deal_profit")
    deal_third_party_income = fields.Monetary(
        compute="_compute_deal_profit",
        help="Insurance rebates and lender commissions earned on this deal.",
    )
    expected_gross_profit = fields.Monetary(compute="_compute_deal_profit")
    expected_margin_percent = fields.Float(
        string="Expected Margin (%)", compute="_compute_deal_profit"
    )
    deal_amount_paid = fields.Monetary(compute="_compute_deal_amount_paid")
    # What the customer pays in all: the store sells insurance as the
    # insurer's agent, so the premiums are not on the deal total.
    outlay_agency_amount = fields.Monetary(
        string="Agency Services Charged",
        compute="_compute_customer_outlay",
        help="Part of the deal total charged for agency services, taxes included.",
    )
    outlay_finance_fee = fields.Monetary(
        string="Loan Arrangement Fee",
        compute="_compute_customer_outlay",
        help="Part of the deal total charged for arranging the loan, taxes included.",
    )
    outlay_insurance_premium = fields.Monetary(
        string="Insurance Premiums",
        compute="_compute_customer_outlay",
        help="Premiums of the deal's policies that are not cancelled. The "
        "customer pays them to the insurer, not to the store.",
    )
    customer_outlay = fields.Monetary(
        compute="_compute_customer_outlay",
        help="Everything the customer pays for this deal: the deal total "
        "invoiced by the store plus the insurance premiums paid to the "
        "insurer.",
    )
    outlay_financed_amount = fields.Monetary(
        string="Financed by Loans",
        compute="_compute_customer_outlay",
        help="Loan amounts of the deal's finance applications that are not "
        "rejected. The lender pays them.",
    )
    outlay_customer_funds = fields.Monetary(
        string="Paid from Own Funds",
        compute="_compute_customer_outlay",
        help="Customer outlay minus the loan amounts.",
    )

    # One open deal per VIN, guaranteed by PostgreSQL: a second confirmed deal
    # on the same VIN violates this index even when both confirm at once.
    _vehicle_lot_open_deal_unique = models.UniqueIndex(
        "(vehicle_lot_id) WHERE vehicle_lot_id IS NOT NULL AND state = 'sale' "
        "AND vehicle_released IS NOT TRUE",
        "This VIN is already held by another confirmed vehicle deal.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("order_line.product_id")
    def _compute_vehicle_line_id(self):
        for order in self:
            order.vehicle_line_id = order.order_line.filtered(
                lambda line: line.product_id.is_vehicle
            )[:1]

    @api.depends("order_line.qty_invoiced", "order_line.product_id")
    def _compute_vehicle_invoiced(self):
        for order in self:
            lines = order.order_line.filtered(lambda line: line.product_id.is_vehicle)
            order.vehicle_invoiced = bool(lines) and all(
                line.qty_invoiced >= line.product_uom_qty for line in lines
            )

    @api.depends("gate_pass_ids")
    def _compute_gate_pass_count(self):
        for order in self:
            order.gate_pass_count = len(order.gate_pass_ids)

    @api.depends(
        "order_line.list_price_unit",
        "order_line.price_unit",
        "order_line.discount",
        "order_line.product_uom_qty",
        "order_line.is_gift",
    )
    def _compute_deal_discount_amount(self):
        for order in self:
            total = 0.0
            for line in order.order_line._get_deal_product_lines():
                if line.is_gift:
                    continue
                selling_price = line.price_unit * (1 - (line.discount or 0.0) / 100)
                gap = (line.list_price_unit - selling_price) * line.product_uom_qty
                total += max(gap, 0.0)
            order.deal_discount_amount = order.currency_id.round(total)

    @api.depends("deal_discount_amount", "discount_limit", "discount_approved_amount")
    def _compute_discount_approval_state(self):
        for order in self:
            currency = order.currency_id
            if (
                currency.compare_amounts(
                    order.deal_discount_amount, order.discount_limit
                )
                <= 0
            ):
                order.discount_approval_state = "not_needed"
            elif (
                order.discount_approved_by_id
                and currency.compare_amounts(
                    order.deal_discount_amount, order.discount_approved_amount
                )
                <= 0
            ):
                order.discount_approval_state = "approved"
            else:
                order.discount_approval_state = "to_approve"

    @api.depends(
        "order_line.price_subtotal",
        "order_line.deal_cost",
        "insurance_policy_ids.rebate_amount",
        "insurance_policy_ids.state",
        "finance_ids.commission_amount",
        "finance_ids.state",
    )
    def _compute_deal_profit(self):
        for order in self:
            lines = order.order_line._get_deal_product_lines()
            revenue = sum(lines.mapped("price_subtotal"))
            cost = sum(lines.mapped("deal_cost"))
            policies = order.insurance_policy_ids.filtered(
                lambda policy: policy.state != "cancelled"
            )
            finances = order.finance_ids.filtered(
                lambda finance: finance.state != "rejected"
            )
            third_party = sum(policies.mapped("rebate_amount")) + sum(
                finances.mapped("commission_amount")
            )
            income = revenue + third_party
            order.deal_revenue = revenue
            order.deal_cost = cost
            order.deal_third_party_income = third_party
            order.expected_gross_profit = income - cost
            order.expected_margin_percent = (
                (income - cost) / income * 100 if income else 0.0
            )

    @api.depends("invoice_ids.amount_residual", "invoice_ids.state")
    def _compute_deal_amount_paid(self):
        for order in self:
            paid = 0.0
            for move in order.invoice_ids.filtered(lambda m: m.state == "posted"):
                sign = -1 if move.move_type == "out_refund" else 1
                paid += sign * (move.amount_total - move.amount_residual)
            order.deal_amount_paid = paid

    @api.depends(
        "amount_total",
        "order_line.price_total",
        "insurance_policy_ids.premium",
        "insurance_policy_ids.state",
        "finance_ids.amount",
        "finance_ids.state",
        "finance_ids.sale_line_id",
        "agency_service_ids.sale_line_id",
    )
    def _compute_customer_outlay(self):
        for order in self:
            # The outlay is printed on the customer's quotation, so every user
            # who can read the deal gets these sums, even without read access
            # to the insurance and finance records.
            deal = order.sudo()
            policies = deal.insurance_policy_ids.filtered(
                lambda policy: policy.state != "cancelled"
            )
            finances = deal.finance_ids.filtered(
                lambda finance: finance.state != "rejected"
            )
            premiums = sum(policies.mapped("premium"))
            financed = sum(finances.mapped("amount"))
            outlay = order.amount_total + premiums
            order.outlay_agency_amount = sum(
                deal.agency_service_ids.sale_line_id.mapped("price_total")
            )
            order.outlay_finance_fee = sum(finances.sale_line_id.mapped("price_total"))
            order.outlay_insurance_premium = premiums
            order.customer_outlay = outlay
            order.outlay_financed_amount = financed
            order.outlay_customer_funds = outlay - financed

    # ------------------------------------------------------------------
    # Onchanges and CRUD
    # ------------------------------------------------------------------

    @api.onchange("vehicle_lot_id")
    def _onchange_vehicle_lot_id(self):
        if self.vehicle_lot_id:
            self.is_vehicle_deal = True
            self._sync_vehicle_line()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vehicle_lot_id"):
                vals.setdefault("is_vehicle_deal", True)
        orders = super().create(vals_list)
        orders._sync_vehicle_line()
        return orders

    def write(self, vals):
        if {"discount_approved_amount", "discount_approved_by_id"} & set(vals):
            self._check_discount_approver()
        if vals.get("vehicle_lot_id"):
            locked = self.filtered(lambda order: order.state not in ("draft", "sent"))
            if locked:
                raise UserError(
                    self.env._(
                        "The VIN of deal %(deal)s cannot be changed once it is "
                        "confirmed. Cancel the deal and start a new one.",
                        deal=locked[0].name,
                    )
                )
        result = super().write(vals)
        if vals.get("vehicle_lot_id"):
            self._sync_vehicle_line()
        return result

    def _get_program_domain(self):
        """Leave the stores' membership programs out of sale_loyalty's programs.

        Membership points are credited when customer invoices are posted, so
        a sale order that counted them too would credit the purchase twice.
        The autocrm_crm install hook switches the Owner Club's Sales flag off
        only when sale_loyalty is installed first, which an install of every
        module at once does not guarantee, and a store may name a program of
        its own. Without this filter every vehicle deal earned enough points
        on itself to show "Rewards Available" at confirmation.
        """
        domain = super()._get_program_domain()
        # The programs that stores name, and the shipped Owner Club, which
        # is the membership program of every store that names none.
        membership_programs = (
            self.env["res.company"]
            .sudo()
            .search([("autocrm_membership_program_id", "!=", False)])
            .autocrm_membership_program_id
        )
        owner_club = self.env.ref(
            "autocrm_crm.loyalty_program_owner_club", raise_if_not_found=False
        )
        if owner_club:
            membership_programs |= owner_club
        if membership_programs:
            domain = [*domain, ("id", "not in", membership_programs.ids)]
        return domain

    def _sync_vehicle_line(self):
        """Make the vehicle line sell the product of the chosen VIN."""
        for order in self.filtered("vehicle_lot_id"):
            product = order.vehicle_lot_id.product_id
            line = order.order_line.filtered(lambda ln: ln.product_id.is_vehicle)[:1]
            if line and line.product_id == product:
                continue
            if line:
                line.product_id = product
            else:
                order.order_line = [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "sequence": 1,
                        }
                    )
                ]

    # ------------------------------------------------------------------
    # Confirmation: checks, VIN reservation, delivery jobs
    # ------------------------------------------------------------------

    def action_confirm(self):
        deals = self.filtered("is_vehicle_deal")
        for deal in deals:
            deal._check_vehicle_deal()
            deal._check_discount_approval()
        deals.filtered("vehicle_lot_id")._reserve_vehicle_lot()
        result = super().action_confirm()
        deals._create_delivery_jobs()
        return result

    def _check_vehicle_deal(self):
        self.ensure_one()
        if not self.vehicle_lot_id:
            raise UserError(
                self.env._(
                    "Deal %(deal)s has no VIN. Choose the vehicle unit to sell "
                    "before confirming.",
                    deal=self.name,
                )
            )
        lines = self.order_line.filtered(lambda line: line.product_id.is_vehicle)
        lot = self.vehicle_lot_id
        if len(lines) != 1 or lines.product_uom_qty != 1:
            raise UserError(
                self.env._(
                    "Deal %(deal)s must sell exactly one vehicle, with quantity 1. "
                    "Remove the extra vehicle lines.",
                    deal=self.name,
                )
            )
        if lines.product_id != lot.product_id:
            raise UserError(
                self.env._(
                    "On deal %(deal)s the vehicle line sells %(product)s but VIN "
                    "%(vin)s is a %(lot_product)s. Choose the VIN again to fix "
                    "the line.",
                    deal=self.name,
                    product=lines.product_id.display_name,
                    vin=lot.name,
                    lot_product=lot.product_id.display_name,
                )
            )

    def _check_discount_approval(self):
        self.ensure_one()
        if self.discount_approval_state == "to_approve":
            raise UserError(
                self.env._(
                    "The discount of %(amount)s on deal %(deal)s is above the "
                    "limit of %(limit)s of %(consultant)s. Ask a sales manager "
                    "to approve it before confirming.",
                    amount=self.currency_id.format(self.deal_discount_amount),
                    deal=self.name,
                    limit=self.currency_id.format(self.discount_limit),
                    consultant=self.user_id.name or self.env._("the consultant"),
                )
            )

    def _reserve_vehicle_lot(self):
        """Reserve each deal's VIN, or raise a clear error when it is taken.

        Two transactions that reserve the same VIN write the same stock_lot
        row: PostgreSQL makes the second wait for the first and then fails it
        with a serialization error (Odoo runs at REPEATABLE READ). That error
        is turned into a message here, so exactly one deal gets the VIN.
        """
        for order in self:
            lot = order.vehicle_lot_id
            holder = lot.reserved_order_id
            if holder and holder != order:
                raise UserError(
                    self.env._(
                        "VIN %(vin)s is already held by deal %(holder)s, so deal "
                        "%(deal)s cannot be confirmed. Choose another VIN.",
                        vin=lot.name,
                        holder=holder.sudo().name,
                        deal=order.name,
                    )
                )
            if lot.vin_state in ("sold", "delivered"):
                raise UserError(
                    self.env._(
                        "VIN %(vin)s is already %(state)s and cannot be sold on "
                        "deal %(deal)s. Choose another VIN.",
                        vin=lot.name,
                        state=dict(lot._fields["vin_state"].selection)[lot.vin_state],
                        deal=order.name,
                    )
                )
            try:
                with self.env.cr.savepoint():
                    # Consultants cannot edit stock lots; holding the VIN is
                    # part of confirming their own deal.
                    lot.sudo().reserved_order_id = order
                    self.env.flush_all()
            except (
                pg_errors.SerializationFailure,
                pg_errors.UniqueViolation,
                pg_errors.LockNotAvailable,
            ) as error:
                _logger.info(
                    "Deal %s lost the race for VIN %s: %s", order.id, lot.name, error
                )
                raise UserError(
                    self.env._(
                        "VIN %(vin)s was reserved by another deal at the same "
                        "moment, so deal %(deal)s was not confirmed. Reload the "
                        "deal and choose another VIN.",
                        vin=lot.name,
                        deal=order.name,
                    )
                ) from None

    def _get_delivery_job_specs(self):
        """Return (activity type, summary) pairs for the jobs before delivery."""
        self.ensure_one()
        specs = [
            (
                self.env.ref("autocrm_sales.mail_activity_type_pdi"),
                self.env._(
                    "Pre-delivery inspection of VIN %(vin)s",
                    vin=self.vehicle_lot_id.name,
                ),
            )
        ]
        if self.order_line._get_installation_lines():
            specs.append(
                (
                    self.env.ref("autocrm_sales.mail_activity_type_installation"),
                    self.env._(
                        "Install the accessories of deal %(deal)s on VIN %(vin)s",
                        deal=self.name,
                        vin=self.vehicle_lot_id.name,
                    ),
                )
            )
        return specs

    def _create_delivery_jobs(self):
        """Plan the pre-delivery inspection and the accessory installation.

        Without a workshop module these are activities on the deal, due two
        days before the expected delivery date. The autocrm_sales_workshop
        bridge replaces them with internal repair orders.
        """
        activity_model = self.env["mail.activity"]
        vals_list = []
        model_id = self.env["ir.model"]._get_id("sale.order")
        for order in self.filtered("vehicle_lot_id"):
            deadline = (
                order.commitment_date or order.expected_date or fields.Datetime.now()
            )
            due = max(
                fields.Date.to_date(deadline) - timedelta(days=2),
                fields.Date.context_today(order),
            )
            for activity_type, summary in order._get_delivery_job_specs():
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": order.id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "date_deadline": due,
                        "user_id": (order.user_id or self.env.user).id,
                    }
                )
        return activity_model.create(vals_list)

    def _get_delivery_job_activity_types(self):
        return self.env.ref("autocrm_sales.mail_activity_type_pdi") | self.env.ref(
            "autocrm_sales.mail_activity_type_installation"
        )

    def _get_open_delivery_jobs(self):
        """Return the names of the delivery jobs still open on the deal."""
        self.ensure_one()
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "=", self.id),
                    (
                        "activity_type_id",
                        "in",
                        self._get_delivery_job_activity_types().ids,
                    ),
                ]
            )
        )
        return activities.mapped("summary")

    # ------------------------------------------------------------------
    # Cancellation and return
    # ------------------------------------------------------------------

    def _action_cancel(self):
        result = super()._action_cancel()
        self._release_vehicle_lot()
        # Cancelling the order voids its pending gate passes, also when the
        # user has one of Odoo's own sales roles and no gate pass access.
        self.sudo().gate_pass_ids.filtered(
            lambda gate_pass: gate_pass.state in ("requested", "approved")
        ).with_context(autocrm_gate_pass_transition=True).write({"state": "cancelled"})
        jobs = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "in", self.ids),
                    (
                        "activity_type_id",
                        "in",
                        self._get_delivery_job_activity_types().ids,
                    ),
                ]
            )
        )
        jobs.unlink()
        return result

    def _release_vehicle_lot(self):
        for order in self:
            lot = order.vehicle_lot_id
            if lot.reserved_order_id == order:
                # Releasing follows from cancelling the consultant's own deal.
                lot.sudo().reserved_order_id = False

    def _process_vehicle_return(self):
        """Free the VIN of deals whose vehicle came back into stock.

        A delivered vehicle goes back to the store: its owner record loses
        owner, driver and the warranty start of this delivery, and the
        follow-ups planned for the new owner are skipped. The next deal on
        the VIN sets the new owner at its own delivery.
        """
        for order in self.filtered("vehicle_delivered"):
            lot = order.vehicle_lot_id
            # sudo because the warehouse clerk who validates the return has no
            # rights on fleet records, and taking the vehicle back is part of it.
            vehicle = lot.fleet_vehicle_id.sudo()
            if vehicle:
                vehicle._take_back_from_customer(order.sudo(), lot.delivery_date)
        self._skip_delivery_followups()
        self._release_vehicle_lot()
        self.write({"vehicle_released": True, "vehicle_delivered": False})
        self.vehicle_lot_id.sudo().delivery_date = False
        for order in self:
            order.message_post(
                body=self.env._(
                    "VIN %(vin)s was returned to stock and is free for another "
                    "deal. Its vehicle record no longer names %(customer)s as "
                    "owner.",
                    vin=order.vehicle_lot_id.name,
                    customer=order.partner_id.display_name,
                )
            )

    def _skip_delivery_followups(self):
        """Skip the delivery follow-ups that are not done yet.

        Planned follow-ups are skipped, and the open activities of scheduled
        ones are removed, because the customer no longer owns the vehicle.
        Sent surveys and done activities stay as history.
        """
        # sudo because follow-ups belong to customer service, but the
        # warehouse validates the return.
        followups = (
            self.env["autocrm.followup"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "sale.order"),
                    ("res_id", "in", self.ids),
                    ("event_code", "=", "vehicle_delivered"),
                    ("state", "in", ("planned", "scheduled")),
                ]
            )
        )
        # Done activities of activity types that keep them are archived.
        followups = followups.filtered(
            lambda followup: followup.state == "planned" or followup.activity_id.active
        )
        followups.activity_id.filtered("active").unlink()
        followups.write({"state": "skipped", "skip_reason": "the vehicle was returned"})

    # ------------------------------------------------------------------
    # Delivery of the vehicle
    # ------------------------------------------------------------------

    def _process_vehicle_delivery(self):
        """Hand the vehicle over: owner record, warranty, odometer, follow-up."""
        today = fields.Date.context_today(self)
        for order in self:
            lot = order.vehicle_lot_id
            gate_pass = order.gate_pass_ids.filtered(lambda gp: gp.state == "approved")[
                :1
            ]
            # The warehouse clerk who validates the delivery has no rights on
            # fleet records or lots; the owner's vehicle is part of the same
            # hand-over.
            vehicle = order._get_or_create_fleet_vehicle().sudo()
            warranty_months = lot.product_id.warranty_months
            vehicle_vals = {
                "owner_id": order.partner_id.id,
                "driver_id": order.partner_id.id,
                "warranty_start_date": today,
                "warranty_end_date": today + relativedelta(months=warranty_months),
            }
            expiry_dates = order.insurance_policy_ids.filtered(
                lambda policy: policy.state == "active"
            ).mapped("end_date")
            if expiry_dates:
                vehicle_vals["insurance_expiry_date"] = max(expiry_dates)
            vehicle.write(vehicle_vals)
            if gate_pass.delivery_odometer:
                vehicle._add_odometer_reading(gate_pass.delivery_odometer, today)
            order.insurance_policy_ids.sudo().write({"vehicle_id": vehicle.id})
            lot.sudo().write({"fleet_vehicle_id": vehicle.id, "delivery_date": today})
            gate_pass.with_context(autocrm_gate_pass_transition=True).write(
                {"state": "used"}
            )
        self.write({"vehicle_delivered": True})
        self.env["autocrm.followup.rule"].sudo()._trigger_event(
            "vehicle_delivered", self
        )

    def _get_or_create_fleet_vehicle(self):
        self.ensure_one()
        lot = self.vehicle_lot_id
        fleet = self.env["fleet.vehicle"].sudo().with_context(active_test=False)
        vehicle = fleet.search([("vin_sn", "=", lot.name)], limit=1)
        if vehicle:
            return vehicle
        model = lot.vehicle_model_id
        if not model:
            raise UserError(
                self.env._(
                    "Product %(product)s of VIN %(vin)s has no vehicle model, so "
                    "the owner's vehicle cannot be created. Set its Vehicle "
                    "Model and validate the delivery again.",
                    product=lot.product_id.display_name,
                    vin=lot.name,
                )
            )
        today = fields.Date.context_today(self)
        vals = {
            "model_id": model.id,
            "vin_sn": lot.name,
            "engine_number": lot.engine_number,
            "color": lot.colour,
            "company_id": self.company_id.id,
            "acquisition_date": today,
        }
        # The VIN codes the unit's own model year. Without it the vehicle
        # keeps the model's year, which is often empty on vehicle models.
        produced = lot.production_date or today
        model_year = vin_model_year(lot.name, produced.year + 1)
        if model_year:
            vals["model_year"] = model_year
        return fleet.create(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_create_deposit_invoice(self):
        """Invoice the agreed deposit as a down payment of the deal."""
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "Confirm deal %(deal)s before invoicing its deposit.",
                    deal=self.name,
                )
            )
        if self.currency_id.compare_amounts(self.deposit_amount, 0.0) <= 0:
            raise UserError(
                self.env._(
                    "Deal %(deal)s has no deposit amount. Enter the deposit "
                    "agreed with the customer first.",
                    deal=self.name,
                )
            )
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=self.ids)
            .create(
                {
                    "advance_payment_method": "fixed",
                    "fixed_amount": self.deposit_amount,
                    "sale_order_ids": [Command.set(self.ids)],
                }
            )
        )
        invoice = wizard._create_invoices(self)
        return self.action_view_invoice(invoices=invoice)

    def action_request_discount_approval(self):
        """Ask the sales managers of the store to approve the discount."""
        self.ensure_one()
        if self.discount_approval_state != "to_approve":
            raise UserError(
                self.env._(
                    "The discount of deal %(deal)s needs no approval.",
                    deal=self.name,
                )
            )
        managers = self._get_discount_approvers()
        if not managers:
            raise UserError(
                self.env._(
                    "No sales manager of %(company)s can approve the discount of "
                    "deal %(deal)s. Ask an administrator to give a user the "
                    "Sales Manager role.",
                    company=self.company_id.name,
                    deal=self.name,
                )
            )
        activity_type = self.env.ref("autocrm_sales.mail_activity_type_discount")
        for manager in managers:
            self.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=manager.id,
                summary=self.env._(
                    "Approve a discount of %(amount)s",
                    amount=self.currency_id.format(self.deal_discount_amount),
                ),
            )
        return True

    def _get_discount_approvers(self):
        self.ensure_one()
        group = self.env.ref("autocrm_crm.group_sales_manager")
        return group.sudo().all_user_ids.filtered(
            lambda user: (
                self.company_id in user.company_ids
                and not user.share
                and user.active
                and user != self.env.ref("base.user_root")
            )
        )

    def _check_discount_approver(self):
        if not self.env.su and not self.env.user.has_group(
            "autocrm_crm.group_sales_manager"
        ):
            raise AccessError(
                self.env._("Only a sales manager can approve a deal discount.")
            )

    def action_approve_discount(self):
        self._check_discount_approver()
        for order in self:
            order.write(
                {
                    "discount_approved_amount": order.deal_discount_amount,
                    "discount_approved_by_id": self.env.user.id,
                }
            )
            order.activity_feedback(
                ["autocrm_sales.mail_activity_type_discount"],
                feedback=self.env._("Discount approved"),
            )
        return True

    def action_open_package_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add Decoration Package"),
            "res_model": "autocrm.deal.package.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_request_gate_pass(self):
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "Deal %(deal)s must be confirmed before its vehicle can get a "
                    "gate pass.",
                    deal=self.name,
                )
            )
        open_pass = self.gate_pass_ids.filtered(
            lambda gp: gp.state in ("requested", "approved")
        )
        gate_pass = open_pass[:1] or self.env["autocrm.gate.pass"].create(
            {"order_id": self.id}
        )
        return self._get_gate_pass_action(gate_pass)

    def action_view_gate_passes(self):
        self.ensure_one()
        return self._get_gate_pass_action(self.gate_pass_ids)

    def _get_gate_pass_action(self, gate_passes):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_sales.autocrm_gate_pass_action"
        )
        if len(gate_passes) == 1:
            action.update(
                {
                    "views": [(False, "form")],
                    "view_mode": "form",
                    "res_id": gate_passes.id,
                }
            )
        else:
            action["domain"] = [("id", "in", gate_passes.ids)]
        return action
