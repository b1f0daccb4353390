import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.autocrm_base.tools.vin import compute_check_digit

_logger = logging.getLogger(__name__)

# (VIN serial, purchase price, consultant xmlid, with finance, with insurance)
DEMO_DEALS = [
    (910001, 98000.0, "autocrm_crm.user_consultant_demo", True, True),
    (910002, 99500.0, "autocrm_crm.user_consultant_demo", False, True),
    (910003, 101000.0, "autocrm_crm.user_sales_manager_demo", True, False),
]
# Monthly fixed costs of the demo store: (account code, label, amount).
DEMO_FIXED_COSTS = [
    ("612000", "Showroom and workshop rent", 4000.0),
    ("630000", "Salaries of the after-sales staff", 9000.0),
    ("600000", "Utilities and cleaning", 800.0),
]


def _demo_vin(serial):
    """Return a valid VIN for the demo units (SAIC Volkswagen, 2023, plant C)."""
    body = f"LSVCA2180PC{serial:06d}"
    return body[:8] + compute_check_digit(body) + body[9:]


class AutocrmCostingDemo(models.AbstractModel):
    """Post a month of documents for the demo store, so every report has
    figures: vehicle deals with their add-ons, a late freight bill and an
    OEM bonus, counter sales, invoiced repair orders, fixed costs and targets.
    """

    _name = "autocrm.costing.demo"
    _description = "Costing Demo Data"

    @api.model
    def _load_demo_data(self):
        company = self.env.company
        today = fields.Date.context_today(self)
        self._set_technician_costs()
        self._post_fixed_costs(company, today)
        self._create_counter_sales(company)
        lots = self._create_vehicle_deals(company)
        if lots:
            self._post_late_vehicle_costs(lots[0], today)
        self._invoice_repairs()
        self._create_targets(company, today)

    def _ref(self, xmlid):
        return self.env.ref(xmlid, raise_if_not_found=False)

    def _account(self, company, code):
        return self.env["account.account"].search(
            [("code", "=", code), ("company_ids", "in", company.ids)], limit=1
        )

    def _set_technician_costs(self):
        for xmlid, cost in (
            ("autocrm_workshop.employee_technician_demo", 28.0),
            ("autocrm_workshop.employee_senior_technician_demo", 36.0),
            ("autocrm_workshop.employee_body_technician_demo", 32.0),
        ):
            employee = self._ref(xmlid)
            if employee:
                employee.costing_hourly_cost = cost

    def _post_fixed_costs(self, company, today):
        vendor = self.env["res.partner"].create({"name": "Harbour Estates (demo)"})
        bills = self.env["account.move"]
        for code, label, amount in DEMO_FIXED_COSTS:
            account = self._account(company, code)
            if not account:
                _logger.warning("Demo fixed cost skipped: no account %s", code)
                continue
            bills |= self.env["account.move"].create(
                {
                    "move_type": "in_invoice",
                    "partner_id": vendor.id,
                    "invoice_date": today,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        bills.action_post()

    def _stock_location(self, company):
        return (
            self.env["stock.warehouse"]
            .search([("company_id", "=", company.id)], limit=1)
            .lot_stock_id
        )

    def _create_counter_sales(self, company):
        parts = self.env["product.product"].search(
            [("part_type", "in", ("oem", "fluid", "tyre")), ("is_storable", "=", True)],
            limit=6,
        )
        customer = self.env["res.partner"].create({"name": "Quick Fix Bodyshop (demo)"})
        location = self._stock_location(company)
        for index, part in enumerate(parts):
            self.env["stock.quant"]._update_available_quantity(part, location, 10)
            order = self.env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": part.id,
                                "product_uom_qty": 2 + index % 3,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            order.action_confirm()
            self._deliver(order)
            order._create_invoices().action_post()

    def _deliver(self, order):
        for picking in order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        ):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.button_validate()

    def _create_vehicle_deals(self, company):
        """Buy three VINs at different prices and sell each with add-ons."""
        model = self._ref("fleet.model_golf_8") or self.env[
            "fleet.vehicle.model"
        ].search([], limit=1)
        maker = self.env["res.partner"].create({"name": "SAIC Volkswagen (demo)"})
        insurer = self.env["res.partner"].create({"name": "Ping An Insurance (demo)"})
        lender = self.env["res.partner"].create({"name": "VW Finance (demo)"})
        agent = self.env["res.partner"].create({"name": "City Plates Agent (demo)"})
        vehicle = self.env["product.product"].create(
            {
                "name": "Lavida 1.5 Comfort (demo)",
                "is_vehicle": True,
                "vehicle_model_id": model.id,
                "list_price": 120000.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )
        accessories = self.env["product.product"].search(
            [("part_type", "=", "accessory"), ("is_storable", "=", True)], limit=2
        )
        location = self._stock_location(company)
        for accessory in accessories:
            self.env["stock.quant"]._update_available_quantity(accessory, location, 10)
        customers = self.env["res.partner"].create(
            [
                {"name": name}
                for name in ("Li Wei (demo)", "Anna Berg (demo)", "Omar Diaz (demo)")
            ]
        )
        lots = self.env["stock.lot"]
        for (serial, price, user_xmlid, financed, insured), customer in zip(
            DEMO_DEALS, customers, strict=True
        ):
            user = self._ref(user_xmlid) or self.env.user
            lot = self._receive_vin(vehicle, maker, _demo_vin(serial), price)
            lots |= lot
            deal = self.env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "user_id": user.id,
                    "is_vehicle_deal": True,
                    "vehicle_lot_id": lot.id,
                    "order_line": [
                        Command.create({"product_id": accessory.id})
                        for accessory in accessories
                    ],
                }
            )
            if accessories:
                deal.order_line = [
                    Command.create({"product_id": accessories[-1].id, "is_gift": True})
                ]
            documents, agency = self._add_deal_services(
                deal, serial, financed, insured, (insurer, lender, agent)
            )

            deal.action_confirm()
            agency.action_create_vendor_bill()
            agency.vendor_bill_id.invoice_date = fields.Date.context_today(self)
            documents |= agency.vendor_bill_id
            self.env["autocrm.gate.pass"].create(
                {"order_id": deal.id, "state": "approved"}
            )
            self._deliver(deal)
            documents |= deal._create_invoices(final=True)
            documents.action_post()
        return lots

    def _add_deal_services(self, deal, serial, financed, insured, partners):
        """Sell insurance, finance and plates on ``deal``.

        Return the rebate and commission invoices to post, and the agency
        service whose vendor bill is made once the deal is confirmed.
        """
        insurer, lender, agent = partners
        documents = self.env["account.move"]
        if insured:
            policy = self.env["autocrm.insurance.policy"].create(
                {
                    "order_id": deal.id,
                    "insurer_id": insurer.id,
                    "policy_number": f"PA-{serial}",
                    "premium": 6200.0,
                    "rebate_rate": 12.0,
                    "end_date": fields.Date.today() + relativedelta(years=1),
                }
            )
            policy.action_activate()
            policy.action_invoice_rebate()
            documents |= policy.rebate_invoice_id
        if financed:
            finance = self.env["autocrm.deal.finance"].create(
                {
                    "order_id": deal.id,
                    "lender_id": lender.id,
                    "amount": 60000.0,
                    "commission_amount": 1800.0,
                    "service_fee": 500.0,
                }
            )
            finance.action_submit()
            finance.action_approve()
            finance.action_invoice_commission()
            documents |= finance.commission_invoice_id
        agency = self.env["autocrm.agency.service"].create(
            {
                "order_id": deal.id,
                "service_type": "registration",
                "name": "Registration and plates",
                "vendor_id": agent.id,
                "price": 800.0,
                "cost": 520.0,
            }
        )
        return documents, agency

    def _receive_vin(self, vehicle, maker, vin, price):
        order = self.env["purchase.order"].create(
            {
                "partner_id": maker.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": vehicle.id,
                            "product_qty": 1,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        wizard = (
            self.env["autocrm.vin.receipt.wizard"]
            .with_context(active_model="stock.picking", active_id=order.picking_ids.id)
            .create({"vin_list": vin})
        )
        wizard.action_receive()
        return self.env["stock.lot"].search([("name", "=", vin)], limit=1)

    def _post_late_vehicle_costs(self, lot, today):
        """Post a freight bill and an OEM bonus that name only the VIN."""
        company = lot.company_id or self.env.company
        maker = self.env["res.partner"].create({"name": "Volkswagen Sales (demo)"})
        late = self.env["account.move"].create(
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": maker.id,
                    "invoice_date": today,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": f"Freight to store, VIN {lot.name}",
                                "account_id": self._account(company, "600000").id,
                                "price_unit": 650.0,
                                "tax_ids": [Command.clear()],
                                "costing_lot_id": lot.id,
                            }
                        )
                    ],
                },
                {
                    "move_type": "out_invoice",
                    "partner_id": maker.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": f"Volume bonus, VIN {lot.name}",
                                "account_id": self._account(company, "400000").id,
                                "price_unit": 1200.0,
                                "tax_ids": [Command.clear()],
                                "costing_lot_id": lot.id,
                                "costing_category": "incentive",
                            }
                        )
                    ],
                },
            ]
        )
        late.action_post()

    def _invoice_repairs(self):
        repair = self._ref("autocrm_workshop.repair_ready_demo")
        if repair and repair.workshop_state == "ready":
            repair.action_create_invoices()
            repair.workshop_invoice_ids.filtered(
                lambda move: move.state == "draft"
            ).action_post()
        delivered = self._ref("autocrm_workshop.repair_delivered_demo")
        for claim in delivered.warranty_claim_ids if delivered else []:
            if claim.state == "draft":
                claim.action_submit()
            if claim.state == "submitted":
                claim.action_approve()
                claim.action_create_invoice()
                claim.invoice_id.action_post()

    def _create_targets(self, company, today):
        month = fields.Date.start_of(today, "month")
        previous = month - relativedelta(months=1)
        consultant = self._ref("autocrm_crm.user_consultant_demo")
        departments = {
            "new": self._ref("autocrm_costing.department_new_vehicles"),
            "labour": self._ref("autocrm_costing.department_service_labour"),
            "parts": self._ref("autocrm_costing.department_parts_counter"),
        }
        vals_list = [
            {"scope": "department", "department_id": departments[key].id, **vals}
            for key, vals in (
                ("new", {"kpi": "gross_profit", "target_value": 60000.0}),
                ("labour", {"kpi": "labour_hours_sold", "target_value": 120.0}),
                ("parts", {"kpi": "parts_revenue", "target_value": 8000.0}),
            )
        ]
        if consultant:
            vals_list += [
                {"scope": "employee", "user_id": consultant.id, **vals}
                for vals in (
                    {"kpi": "vehicles_delivered", "target_value": 4.0},
                    {"kpi": "gross_profit", "target_value": 40000.0},
                    {"kpi": "accessory_revenue_per_vehicle", "target_value": 1500.0},
                    {"kpi": "insurance_penetration", "target_value": 80.0},
                    {"kpi": "finance_penetration", "target_value": 50.0},
                )
            ]
        self.env["autocrm.costing.target"].create(
            [
                dict(vals, company_id=company.id, date_from=start)
                for start in (previous, month)
                for vals in vals_list
            ]
        )
