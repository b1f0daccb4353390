"""Vehicle deals of each store, from the first visit to the delivery."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.fields import Command

from .catalogue import ACCESSORIES, FITTING_LABOUR

# Stages of deals that are never confirmed.
QUOTE_STAGES = ("quotation", "sent", "discount_approval")
# Stages of deals whose vehicle is invoiced.
INVOICED_STAGES = ("invoiced", "gate_pass", "ready", "delivered")
# Stages whose invoices are paid and whose delivery jobs are done.
PAID_STAGES = ("gate_pass", "ready", "delivered")
# Share of deals with each add-on.
PACKAGE_SHARE = 0.55
GIFT_SHARE = 0.6
INSURANCE_SHARE = 0.7
FINANCE_SHARE = 0.55
DEPOSIT = 1000.0


class Sale:
    """One planned unit on its way through the deal steps."""

    def __init__(self, unit, deal, lead):
        self.unit = unit
        self.deal = deal
        self.lead = lead
        self.invoices = deal.env["account.move"]
        # The vehicle is invoiced a day or two before it leaves the store.
        handover = unit.delivery_days_ago
        if handover is None:
            handover = max(unit.deal_days_ago - 2, 0)
        self.handover_day = handover
        self.invoice_day = min(handover + 1, unit.deal_days_ago)


class DealMixin:
    """Sell the planned VINs: lead, visit, test drive, deal and delivery."""

    def _create_accessories(self, store):
        """Create the store's accessories and decoration packages, in stock."""
        env = store.env
        rng = self._rng(store, "accessories")
        brand = store.spec["brand"]
        accessories = env["product.product"].create(
            [
                {
                    "name": f"{name} ({brand})",
                    "is_storable": True,
                    "part_type": "accessory",
                    "part_brand_id": store.brand.id,
                    "oem_part_number": f"ACC{store.code.upper()}{index:04d}",
                    "list_price": price,
                    "standard_price": cost,
                    "company_id": store.company.id,
                }
                for index, (name, price, cost) in enumerate(ACCESSORIES, start=1)
            ]
        )

        name, price, cost = FITTING_LABOUR
        fitting = env["product.product"].create(
            {
                "name": name,
                "type": "service",
                "list_price": price,
                "standard_price": cost,
                "company_id": store.company.id,
            }
        )

        quants = env["stock.quant"].with_context(inventory_mode=True)
        quants.create(
            [
                {
                    "product_id": accessory.id,
                    "location_id": store.warehouse.lot_stock_id.id,
                    "inventory_quantity": rng.randint(30, 60),
                }
                for accessory in accessories
            ]
        ).action_apply_inventory()

        liners, tray, rack, camera, tint, film, guards, _locks = accessories
        store.gift = liners
        store.packages = env["autocrm.decoration.package"].create(
            [
                {
                    "name": "Protection Pack",
                    "pricing": "package",
                    "package_price": 1290,
                    "company_id": store.company.id,
                    "line_ids": [
                        Command.create({"product_id": film.id}),
                        Command.create({"product_id": tint.id}),
                        Command.create({"product_id": guards.id}),
                        Command.create({"product_id": fitting.id, "quantity": 2}),
                    ],
                },
                {
                    "name": "Adventure Pack",
                    "pricing": "lines",
                    "company_id": store.company.id,
                    "line_ids": [
                        Command.create({"product_id": rack.id}),
                        Command.create({"product_id": tray.id}),
                        Command.create({"product_id": camera.id}),
                        Command.create({"product_id": fitting.id}),
                    ],
                },
            ]
        )

    # ------------------------------------------------------------------
    # Deals
    # ------------------------------------------------------------------

    def _create_deals(self, store):
        """Sell every planned VIN that has a deal, oldest deal first.

        The deals go through each step together (confirmation, invoicing,
        delivery jobs, gate passes, delivery), which takes a fraction of the
        time that one deal after the other would take.
        """
        rng = self._rng(store, "deals")
        units = sorted(
            (unit for unit in store.units if unit.stage),
            key=lambda unit: -unit.deal_days_ago,
        )
        buyers = self.env["res.partner"]
        fleet_customer = self._new_fleet_customer(store, rng)
        sales = []
        for index, unit in enumerate(units):
            if unit.stage == "delivered" and index % 9 == 4:
                customer = fleet_customer
            elif buyers and rng.random() < 0.08:
                customer = rng.choice(buyers)
            else:
                customer = self._new_customers(store, 1, rng, referrers=list(buyers))
            if unit.stage == "delivered":
                buyers |= customer
            consultant = store.user("consultant", index)
            sales.append(self._open_deal(store, rng, unit, customer, consultant))
        self._confirm_deals(store, rng, sales)
        self._invoice_deals(store, sales)
        for sale in sales:
            if sale.unit.stage in PAID_STAGES:
                self._pay(sale.invoices, sale.invoice_day)
        self._release_vehicles(store, rng, sales)
        for sale in sales:
            store.deals[sale.unit.vin] = sale.deal

    def _open_deal(self, store, rng, unit, customer, consultant):
        """Create the lead, visit, test drive and quotation of one unit."""
        lead = self._create_lead(
            store,
            rng,
            customer,
            consultant,
            unit.deal_days_ago + rng.randint(3, 25),
            intent_level=rng.choice(["h", "a"]),
        )
        if not customer.is_company:
            visit = self._create_visit(
                store, customer, consultant, lead, unit.deal_days_ago + 2, rng
            )
            self._create_test_drive(store, rng, lead, visit, unit.deal_days_ago + 2)
        deal = self._create_deal(store, rng, unit, customer, consultant, lead)
        if unit.stage == "sent":
            deal.action_quotation_sent()
        elif unit.stage == "discount_approval":
            deal.vehicle_line_id.discount = 7
            deal.action_request_discount_approval()
        return Sale(unit, deal, lead)

    def _confirm_deals(self, store, rng, sales):
        """Confirm the deals past the quotation, cancel one, sell add-ons."""
        confirmed = [sale for sale in sales if sale.unit.stage not in QUOTE_STAGES]
        deals = store.env["sale.order"].browse([sale.deal.id for sale in confirmed])
        deals.action_confirm()
        # Confirming creates the owner's vehicle record without a model year,
        # so it is taken from the VIN plan.
        vehicles = self.env["fleet.vehicle"].search(
            [("vin_sn", "in", [sale.unit.vin for sale in confirmed])]
        )
        by_vin = {vehicle.vin_sn: vehicle for vehicle in vehicles}
        for sale in confirmed:
            by_vin[sale.unit.vin].write(
                {"model_year": sale.unit.model_year, "odometer_unit": "miles"}
            )
        for sale in confirmed:
            sale.deal.date_order = self._at(sale.unit.deal_days_ago, hour=15)
            if sale.unit.stage == "cancelled":
                sale.deal.action_cancel()
                sale.lead.action_set_lost(
                    lost_reason_id=rng.choice(self.lost_reasons).id
                )
                continue
            self._close_lead(sale.lead, True, sale.unit.deal_days_ago, rng)
            self._sell_services(store, rng, sale.deal, sale.unit)
            if sale.unit.stage in ("reserved", "ordered_car"):
                self._invoice_deposit(sale.deal, sale.unit.deal_days_ago, paid=True)

    def _invoice_deals(self, store, sales):
        """Invoice the vehicles sold and post all documents of those deals."""
        invoiced = [sale for sale in sales if sale.unit.stage in INVOICED_STAGES]
        deals = store.env["sale.order"].browse([sale.deal.id for sale in invoiced])
        invoices = deals._create_invoices(grouped=True, final=True)
        deals.insurance_policy_ids.filtered(
            lambda policy: policy.state == "active" and not policy.rebate_invoice_id
        ).action_invoice_rebate()
        deals.finance_ids.filtered(
            lambda finance: (
                finance.state == "approved" and not finance.commission_invoice_id
            )
        ).action_invoice_commission()
        deals.agency_service_ids.filtered(
            lambda service: not service.vendor_bill_id
        ).action_create_vendor_bill()
        for sale in invoiced:
            deal = sale.deal
            sale.invoices = invoices.filtered(
                lambda move, d=deal: d in move.invoice_line_ids.sale_line_ids.order_id
            )
            documents = (
                sale.invoices
                | deal.insurance_policy_ids.rebate_invoice_id
                | deal.finance_ids.commission_invoice_id
                | deal.agency_service_ids.vendor_bill_id
            )
            documents.filtered(lambda move: move.state == "draft").invoice_date = (
                self.today - timedelta(days=sale.invoice_day)
            )
        store.env["account.move"].browse(
            [
                move.id
                for sale in invoiced
                for move in (
                    sale.invoices
                    | sale.deal.insurance_policy_ids.rebate_invoice_id
                    | sale.deal.finance_ids.commission_invoice_id
                    | sale.deal.agency_service_ids.vendor_bill_id
                )
                if move.state == "draft"
            ]
        ).action_post()

    def _release_vehicles(self, store, rng, sales):
        """Do the delivery jobs, issue the gate passes and deliver the cars."""
        paid = [sale for sale in sales if sale.unit.stage in PAID_STAGES]
        self._finish_delivery_jobs(
            store,
            rng,
            [
                (job, max(sale.invoice_day, 1))
                for sale in paid
                for job in sale.deal.delivery_job_ids
            ],
        )

        store.env["autocrm.gate.pass"].create(
            [
                {"order_id": sale.deal.id, "delivery_odometer": rng.randint(4, 18)}
                for sale in paid
            ]
        )
        approved = [sale for sale in paid if sale.unit.stage in ("ready", "delivered")]
        approved_deals = store.env["sale.order"].browse(
            [sale.deal.id for sale in approved]
        )
        security_desk = store.user("security")
        approved_deals.gate_pass_ids.with_user(security_desk).action_approve()
        for sale in approved:
            sale.deal.gate_pass_ids.approval_date = self._at(sale.handover_day, hour=10)

        delivered = [sale for sale in approved if sale.unit.stage == "delivered"]
        pickings = (
            store.env["sale.order"]
            .browse([sale.deal.id for sale in delivered])
            .picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        )
        pickings.move_ids.picked = True
        self._validate_picking(pickings)
        for sale in delivered:
            self._date_delivery(store, rng, sale.deal, sale.unit, sale.handover_day)

    def _create_deal(self, store, rng, unit, customer, consultant, lead):
        lot = store.lots[unit.vin]
        deal = store.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": consultant.id,
                "team_id": store.team.id,
                "company_id": store.company.id,
                "warehouse_id": store.warehouse.id,
                "opportunity_id": lead.id,
                "is_vehicle_deal": True,
                "deal_type": "fleet" if customer.is_company else "retail",
                "vehicle_lot_id": lot.id,
                "deposit_amount": DEPOSIT,
            }
        )
        # Most buyers negotiate a little, within the consultant's limit.
        deal.vehicle_line_id.discount = rng.choice([0, 0, 1, 2, 3])
        if rng.random() < PACKAGE_SHARE:
            package = rng.choice(store.packages)
            deal.order_line = package._prepare_order_line_commands(deal)
        if rng.random() < GIFT_SHARE:
            deal.order_line = [
                Command.create({"product_id": store.gift.id, "is_gift": True})
            ]
        self._set_create_date(deal, self._at(unit.deal_days_ago, hour=14))
        deal.date_order = self._at(unit.deal_days_ago, hour=14)
        return deal

    def _sell_services(self, store, rng, deal, unit):
        """Add insurance, finance and plates to a confirmed deal."""
        start = self.today - timedelta(days=unit.delivery_days_ago or 0)
        if rng.random() < INSURANCE_SHARE:
            policy = store.env["autocrm.insurance.policy"].create(
                {
                    "order_id": deal.id,
                    "insurer_id": rng.choice(self.partners["insurers"]).id,
                    "policy_type": "commercial",
                    "cover_ids": [
                        Command.set(
                            [
                                self.env.ref("autocrm_sales.insurance_cover_damage").id,
                                self.env.ref("autocrm_sales.insurance_cover_theft").id,
                            ]
                        )
                    ],
                    "policy_number": f"PS-{deal.id:05d}-{rng.randint(100, 999)}",
                    "premium": rng.randrange(1400, 2600, 10),
                    "rebate_rate": rng.choice([10.0, 12.0, 15.0]),
                    "start_date": start,
                    "end_date": start + relativedelta(years=1, days=-1),
                }
            )
            policy.action_activate()
        if unit.stage != "ordered_car" and rng.random() < FINANCE_SHARE:
            price = deal.vehicle_line_id.price_subtotal
            finance = store.env["autocrm.deal.finance"].create(
                {
                    "order_id": deal.id,
                    "lender_id": rng.choice(self.partners["lenders"]).id,
                    "amount": round(price * rng.uniform(0.5, 0.8), -2),
                    "term_months": rng.choice([36, 48, 60, 72]),
                    "interest_rate": rng.choice([4.9, 5.9, 6.4, 7.2]),
                    "commission_amount": rng.randrange(350, 900, 25),
                    "service_fee": 299,
                }
            )
            finance.action_submit()
            finance.action_approve()
        store.env["autocrm.agency.service"].create(
            {
                "order_id": deal.id,
                "service_type": "registration",
                "name": "DMV registration and plates",
                "vendor_id": self.partners["plate_agent"].id,
                "price": 495,
                "cost": rng.randrange(310, 380, 5),
            }
        )

    def _invoice_deposit(self, deal, days_ago, paid):
        deal.action_create_deposit_invoice()
        deposit = deal.invoice_ids.filtered(lambda move: move.state == "draft")
        self._post_moves(deposit, days_ago)
        if paid:
            self._pay(deposit, days_ago)
        return deposit

    def _date_delivery(self, store, rng, deal, unit, days_ago):
        """Date everything the hand-over of a delivered deal touched."""
        picking = deal.picking_ids.filtered(lambda p: p.state == "done")
        delivered_on = self._at(days_ago, hour=11)
        self._backdate_picking(picking, delivered_on)
        delivery_date = delivered_on.date()
        lot = deal.vehicle_lot_id
        lot.delivery_date = delivery_date
        vehicle = lot.fleet_vehicle_id
        vehicle.write(
            {
                "warranty_start_date": delivery_date,
                "warranty_end_date": delivery_date
                + relativedelta(months=lot.product_id.warranty_months),
                "first_registration_date": delivery_date,
                "acquisition_date": delivery_date,
                "license_plate": self._plate(rng),
            }
        )
        self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", vehicle.id)]
        ).write({"date": delivery_date})
        deal.gate_pass_ids.approval_date = delivered_on - timedelta(hours=1)
        self._date_followups(deal, delivery_date)
        store.delivered_vehicles |= vehicle

    def _plate(self, rng):
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return "{}{}{}".format(
            rng.randint(7, 9),
            "".join(rng.choice(letters) for _ in range(3)),
            rng.randint(100, 999),
        )
