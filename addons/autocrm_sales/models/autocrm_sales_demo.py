from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.autocrm_base.tools.vin import compute_check_digit

# (brand, WMI, VIN descriptor, model, list price, purchase costs of its VINs).
# The WMIs are real Chinese joint ventures, where the check digit is required:
# LSV SAIC Volkswagen, LVG GAC Toyota, LGX BYD.
SHOWROOM = [
    ("Volkswagen", "LSV", "AU218", "Lavida", 119900, [98500, 99200, 97800, 99900]),
    ("Volkswagen", "LSV", "BX548", "Tiguan L", 245900, [212000, 209500, 214800]),
    ("Toyota", "LVG", "BE9EK", "Camry", 199800, [171500, 173900, 170200]),
    ("BYD", "LGX", "CE4CB", "Seal", 179800, [151000, 152600, 149900]),
]
# Days since arrival of the VINs kept in stock, to fill every ageing bucket.
STOCK_AGES = [5, 24, 37, 52, 68, 83, 97, 121]


# Model year of the demo vehicles, and its code in the 10th VIN character.
DEMO_MODEL_YEAR = "2024"
DEMO_MODEL_YEAR_CODE = "R"


def demo_vin(wmi, descriptor, serial):
    """Return a VIN of the demo model year with a valid ISO 3779 check digit."""
    body = f"{wmi}{descriptor}0{DEMO_MODEL_YEAR_CODE}N{serial:06d}"
    return body[:8] + compute_check_digit(body) + body[9:]


class AutocrmSalesDemo(models.AbstractModel):
    """Showroom of the demo store: vehicles in every status, deals at every stage."""

    _name = "autocrm.sales.demo"
    _description = "Vehicle Sales Demo Data"

    @api.model
    def _load_demo_data(self):
        if self.env.ref("autocrm_sales.vin_1_demo", raise_if_not_found=False):
            return
        company = self.env.ref("base.main_company")
        self.with_company(company)._generate_demo_records()

    def _register_xmlids(self, records, prefix):
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"autocrm_sales.{prefix}_{index}_demo",
                    "record": record,
                    "noupdate": True,
                }
                for index, record in enumerate(records, start=1)
            ]
        )

    def _generate_demo_records(self):
        lots_by_model = self._buy_showroom()
        self._register_xmlids(
            [lot for lots in lots_by_model.values() for lot in lots], "vin"
        )
        gift = self._create_packages(lots_by_model)
        self._create_deals(lots_by_model, gift)

    # ------------------------------------------------------------------
    # Vehicles
    # ------------------------------------------------------------------

    def _get_brand(self, name):
        """Return the fleet brand of that name, creating it only when missing.

        Fleet's data already has most makers with their logos, and a second
        brand of the same name would split the models between the two.
        """
        brand_model = self.env["fleet.vehicle.model.brand"]
        return brand_model.search([("name", "=ilike", name)], limit=1) or (
            brand_model.create({"name": name})
        )

    def _buy_showroom(self):
        """Buy and receive every VIN at its own cost; return lots per model."""
        maker = self.env["res.partner"].create({"name": "Vehicle Distribution Co."})
        brands = {}
        lots_by_model = {}
        serial = 100
        for brand_name, wmi, descriptor, model_name, price, costs in SHOWROOM:
            brand = brands.get(brand_name) or self._get_brand(brand_name)
            brands[brand_name] = brand
            model = self.env["fleet.vehicle.model"].create(
                {
                    "name": model_name,
                    "brand_id": brand.id,
                    "model_year": DEMO_MODEL_YEAR,
                }
            )
            product = self.env["product.product"].create(
                {
                    "name": f"{brand_name} {model_name}",
                    "is_vehicle": True,
                    "vehicle_model_id": model.id,
                    "list_price": price,
                    "standard_price": costs[0],
                    "invoice_policy": "order",
                }
            )
            order = self.env["purchase.order"].create(
                {
                    "partner_id": maker.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_qty": 1,
                                "price_unit": cost,
                            }
                        )
                        for cost in costs
                    ],
                }
            )
            order.button_confirm()
            vins = []
            for _cost in costs:
                serial += 1
                vins.append(demo_vin(wmi, descriptor, serial))
            wizard = self.env["autocrm.vin.receipt.wizard"].create(
                {
                    "picking_id": order.picking_ids.id,
                    "product_id": product.id,
                    "vin_list": "\n".join(
                        f"{vin};ENG{vin[-6:]};K{vin[-4:]};COC{vin[-6:]}" for vin in vins
                    ),
                }
            )
            wizard.action_receive()
            lots = self.env["stock.lot"].search([("name", "in", vins)], order="name")
            # One more VIN per model is announced by the maker but not shipped.
            serial += 1
            lots |= self.env["stock.lot"].create(
                {
                    "name": demo_vin(wmi, descriptor, serial),
                    "product_id": product.id,
                    "production_date": fields.Date.context_today(self),
                }
            )
            lots_by_model[model] = lots
        self._age_stock(lots_by_model)
        self._send_in_transit(next(iter(lots_by_model.values()))[0])
        return lots_by_model

    def _age_stock(self, lots_by_model):
        today = fields.Date.context_today(self)
        lots = [
            lot
            for model_lots in lots_by_model.values()
            for lot in model_lots
            if lot.vin_state == "in_stock"
        ]
        for lot, days in zip(lots, STOCK_AGES * 2):
            lot.arrival_date = today - timedelta(days=days)

    def _send_in_transit(self, lot):
        """Move one VIN towards the second store, so that it is in transit."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        transit = self.env["stock.location"].create(
            {"name": "Transfer to the city showroom", "usage": "transit"}
        )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.int_type_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": transit.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": lot.product_id.id,
                            "product_uom_qty": 1,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": transit.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids.move_line_ids = [
            Command.create(
                dict(
                    picking.move_ids._prepare_move_line_vals(quantity=1),
                    lot_id=lot.id,
                    picked=True,
                )
            )
        ]
        picking.button_validate()

    # ------------------------------------------------------------------
    # Packages and deals
    # ------------------------------------------------------------------

    def _create_packages(self, lots_by_model):
        accessories = self.env["product.product"].create(
            [
                {
                    "name": "Dash camera, front and rear",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 1280,
                    "standard_price": 520,
                },
                {
                    "name": "All-weather floor mats",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 880,
                    "standard_price": 310,
                },
                {
                    "name": "Window tint film",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 2600,
                    "standard_price": 900,
                },
                {
                    "name": "Accessory fitting labour",
                    "type": "service",
                    "list_price": 300,
                    "standard_price": 120,
                },
            ]
        )
        stock = (
            self.env["stock.warehouse"]
            .search([("company_id", "=", self.env.company.id)], limit=1)
            .lot_stock_id
        )
        for product in accessories.filtered("is_storable"):
            self.env["stock.quant"]._update_available_quantity(product, stock, 40)
        camera, mats, tint, labour = accessories
        packages = self.env["autocrm.decoration.package"].create(
            [
                {
                    "name": "Comfort Pack",
                    "pricing": "package",
                    "package_price": 3800,
                    "line_ids": [
                        Command.create({"product_id": camera.id}),
                        Command.create({"product_id": mats.id}),
                        Command.create({"product_id": tint.id}),
                        Command.create({"product_id": labour.id, "quantity": 2}),
                    ],
                },
                {
                    "name": "Starter Pack",
                    "pricing": "lines",
                    "vehicle_model_ids": [Command.set([next(iter(lots_by_model)).id])],
                    "line_ids": [
                        Command.create({"product_id": mats.id}),
                        Command.create({"product_id": labour.id}),
                    ],
                },
            ]
        )
        self._register_xmlids(packages, "package")
        return mats

    def _create_deals(self, lots_by_model, gift):
        consultant = (
            self.env.ref("autocrm_crm.user_consultant_demo", raise_if_not_found=False)
            or self.env.user
        )
        consultant.deal_discount_limit = 5000
        partners = self.env["res.partner"].create(
            [
                {"name": name, "email": f"{name.split()[0].lower()}@example.com"}
                for name in (
                    "Liu Yang",
                    "Zhao Min",
                    "Sun Hao",
                    "Zhou Jie",
                    "Wu Lei",
                    "Zheng Wei",
                    "Feng Li",
                )
            ]
        )
        insurer, lender, agent = self.env["res.partner"].create(
            [
                {"name": "Harbour Insurance", "is_company": True},
                {"name": "Auto Finance Bank", "is_company": True},
                {"name": "City Plates Agency", "is_company": True},
            ]
        )
        free = [
            lot
            for lots in lots_by_model.values()
            for lot in lots
            if lot.vin_state == "in_stock"
        ]
        ordered = [
            lot
            for lots in lots_by_model.values()
            for lot in lots
            if lot.vin_state == "ordered"
        ]
        stages = [
            ("quotation", free[0]),
            ("discount_to_approve", free[3]),
            ("reserved", free[6]),
            ("sold", free[9]),
            ("gate_pass", free[11]),
            ("delivered", free[1]),
            ("cancelled", free[4]),
            ("ordered_car", ordered[0]),
        ]
        deals = self.env["sale.order"]
        for (stage, lot), partner in zip(stages, list(partners) * 2):
            deal = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": consultant.id,
                    "is_vehicle_deal": True,
                    "vehicle_lot_id": lot.id,
                    "deposit_amount": 5000,
                }
            )
            deals |= deal
            if stage == "quotation":
                continue
            if stage == "discount_to_approve":
                deal.vehicle_line_id.discount = 6
                deal.action_request_discount_approval()
                continue
            deal.order_line = [Command.create({"product_id": gift.id, "is_gift": True})]
            deal.order_line = self.env.ref(
                "autocrm_sales.package_1_demo"
            )._prepare_order_line_commands(deal)
            self._add_fi_and_agency(deal, insurer, lender, agent)
            deal.action_confirm()
            if stage == "cancelled":
                deal.action_cancel()
                continue
            if stage in ("reserved", "ordered_car"):
                deal.action_create_deposit_invoice()
                deal.invoice_ids.action_post()
                continue
            invoices = deal._create_invoices()
            invoices.action_post()
            if stage == "sold":
                continue
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoices.ids
            ).create({})._create_payments()
            self.env["mail.activity"].search(
                [("res_model", "=", "sale.order"), ("res_id", "=", deal.id)]
            ).action_feedback(feedback="Done")
            deal.action_request_gate_pass()
            if stage == "gate_pass":
                continue
            gate_pass = deal.gate_pass_ids
            gate_pass.delivery_odometer = 8
            gate_pass.with_user(
                self.env.ref("autocrm_sales.user_security_demo")
            ).action_approve()
            picking = deal.picking_ids.filtered(lambda p: p.state != "done")
            picking.move_ids.picked = True
            picking.button_validate()
        self._register_xmlids(deals, "deal")

    def _add_fi_and_agency(self, deal, insurer, lender, agent):
        today = fields.Date.context_today(self)
        self.env["autocrm.insurance.policy"].create(
            {
                "order_id": deal.id,
                "insurer_id": insurer.id,
                "policy_type": "commercial",
                "cover_ids": [
                    Command.set(
                        [
                            self.env.ref("autocrm_sales.insurance_cover_damage").id,
                            self.env.ref("autocrm_sales.insurance_cover_theft").id,
                        ]
                    )
                ],
                "policy_number": f"HI-{deal.id:06d}",
                "premium": 4800,
                "rebate_rate": 18,
                "start_date": today,
                "end_date": today + timedelta(days=364),
                "state": "active",
            }
        )
        finance = self.env["autocrm.deal.finance"].create(
            {
                "order_id": deal.id,
                "lender_id": lender.id,
                "amount": 60000,
                "term_months": 36,
                "interest_rate": 3.2,
                "commission_amount": 1800,
                "service_fee": 800,
            }
        )
        finance.action_submit()
        finance.action_approve()
        self.env["autocrm.agency.service"].create(
            {
                "order_id": deal.id,
                "service_type": "registration",
                "name": "Registration and plates",
                "vendor_id": agent.id,
                "price": 1200,
                "cost": 700,
            }
        )
