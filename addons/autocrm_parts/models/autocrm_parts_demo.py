import random
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Command

# (category, part type, price range, part names). Each name becomes one part
# per vehicle model, except generic categories, which get one part per brand.
CATALOGUE = [
    ("Filters", "oem", (8, 45), ["Oil filter", "Air filter", "Cabin air filter"]),
    (
        "Brakes",
        "oem",
        (45, 220),
        ["Brake pad set, front", "Brake pad set, rear", "Brake disc, front"],
    ),
    ("Ignition", "oem", (6, 30), ["Spark plug"]),
    ("Suspension", "oem", (40, 300), ["Shock absorber, front", "Control arm, lower"]),
    ("Engine", "oem", (30, 420), ["Timing belt kit", "Drive belt", "Water pump"]),
    (
        "Body",
        "oem",
        (60, 900),
        ["Front bumper cover", "Headlamp assembly, left", "Door mirror glass"],
    ),
    ("Lighting", "consumable", (3, 20), ["Bulb H7", "Bulb W5W"]),
    ("Wipers", "consumable", (12, 40), ["Wiper blade set"]),
    (
        "Accessories",
        "accessory",
        (25, 650),
        ["Floor mat set", "Roof rack cross bars", "Mud flap set", "Cargo liner"],
    ),
]
GENERIC_CATALOGUE = [
    (
        "Fluids",
        "fluid",
        (8, 70),
        [
            "Engine oil 0W-20, 4 L",
            "Engine oil 5W-30, 5 L",
            "Coolant, 1 L",
            "Brake fluid DOT 4, 0.5 L",
            "Automatic transmission fluid, 1 L",
            "Screen wash, 5 L",
        ],
    ),
    (
        "Tyres",
        "tyre",
        (80, 260),
        [
            "Tyre 205/55 R16 91V",
            "Tyre 225/45 R17 94W",
            "Tyre 225/65 R17 102H",
            "Tyre 235/55 R18 100V",
        ],
    ),
    (
        "Consumables",
        "consumable",
        (1, 12),
        ["Drain plug washer", "Trim clip set", "Wheel bolt", "Valve stem"],
    ),
]
BRANDS = [
    (
        "fleet.brand_toyota",
        "Toyota Parts Distribution Centre",
        ["Corolla", "RAV4", "Camry", "Yaris"],
        "toyota",
    ),
    (
        "fleet.brand_volkswagen",
        "Volkswagen Group Parts Logistics",
        ["Golf", "Tiguan", "Passat", "Polo"],
        "volkswagen",
    ),
    (
        "fleet.brand_hyundai",
        "Hyundai Mobis Parts Centre",
        ["i30", "Tucson", "Kona", "Santa Fe"],
        "hyundai",
    ),
]
# A year of history in fortnightly deliveries per store.
HISTORY_PERIODS = 26
PERIOD_DAYS = 14
SEED = 20260419


class AutocrmPartsDemo(models.AbstractModel):
    """Generator of the parts department demo data.

    Called from the demo XML. A fixed seed makes every install produce the
    same parts, stock and history. The generated records get XML ids ending
    in ``_demo``, and a second call does nothing.
    """

    _name = "autocrm.parts.demo"
    _description = "Parts Demo Data Generator"

    @api.model
    def _load_demo_data(self):
        if self.env.ref("autocrm_parts.part_1_demo", raise_if_not_found=False):
            return
        rng = random.Random(SEED)
        company = self.env.ref("base.main_company")
        self.with_company(company)._generate_demo_records(rng)

    def _generate_demo_records(self, rng):
        warehouses = self.env.ref("stock.warehouse0") | self.env.ref(
            "autocrm_parts.stock_warehouse_north_demo"
        )
        bins = self._create_bins(warehouses)
        templates = self._create_parts(rng, bins[warehouses[0]])
        templates |= self._create_supersessions(rng, templates)
        plan = self._plan_demand(rng, templates, warehouses)
        self._stock_parts(rng, templates, warehouses, bins, plan)
        self._deliver_history(plan, warehouses)
        self._create_open_orders(rng, templates, warehouses)
        self.env["autocrm.parts.orderpoint.suggestion"]._compute_suggestions(warehouses)
        self.env["autocrm.parts.stock.health"]._refresh_data()

    def _register_xmlids(self, records, prefix):
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"autocrm_parts.{prefix}_{index}_demo",
                    "record": record,
                    "noupdate": True,
                }
                for index, record in enumerate(records, start=1)
            ]
        )

    def _create_bins(self, warehouses):
        bins = {}
        for warehouse in warehouses:
            bins[warehouse] = self.env["stock.location"].create(
                [
                    {
                        "name": f"{aisle}{shelf:02d}",
                        "location_id": warehouse.lot_stock_id.id,
                        "usage": "internal",
                    }
                    for aisle in "ABCD"
                    for shelf in (1, 2, 3)
                ]
            )
        return bins

    def _part_number(self, rng, brand_key):
        if brand_key == "toyota":
            suffix = "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", k=5))
            return f"{rng.randint(10000, 99999)}-{suffix}"
        if brand_key == "hyundai":
            return f"{rng.randint(10000, 99999)}-{rng.randint(10000, 99999)}"
        prefix = rng.choice(["5Q0", "3G0", "5NA", "1K0", "2GA"])
        return (
            f"{prefix} {rng.randint(100, 999)} {rng.randint(100, 999)} "
            f"{rng.choice('ABCDEFGH')}"
        )

    def _create_parts(self, rng, main_bins):
        categories = {}
        parent = self.env["product.category"].create({"name": "Parts"})
        for name, *_rest in CATALOGUE + GENERIC_CATALOGUE:
            categories[name] = self.env["product.category"].create(
                {"name": name, "parent_id": parent.id}
            )
        vals_list = []
        numbers = set()
        for brand_xmlid, vendor_name, model_names, brand_key in BRANDS:
            brand = self.env.ref(brand_xmlid)
            vendor = self.env["res.partner"].create(
                {"name": vendor_name, "is_company": True}
            )
            vehicle_models = self.env["fleet.vehicle.model"].create(
                [{"name": name, "brand_id": brand.id} for name in model_names]
            )
            groups = [(entry, vehicle_models) for entry in GENERIC_CATALOGUE]
            for vehicle_model in vehicle_models:
                groups += [(entry, vehicle_model) for entry in CATALOGUE]
            for (category, part_type, prices, names), fitment in groups:
                for name in names:
                    number = self._part_number(rng, brand_key)
                    while number in numbers:
                        number = self._part_number(rng, brand_key)
                    numbers.add(number)
                    price = round(rng.uniform(*prices), 1)
                    cost = round(price * rng.uniform(0.55, 0.72), 2)
                    label = name if len(fitment) > 1 else f"{name} {fitment.name}"
                    vals_list.append(
                        {
                            "name": label,
                            "type": "consu",
                            "is_storable": True,
                            "part_type": part_type,
                            "part_brand_id": brand.id,
                            "oem_part_number": number,
                            "categ_id": categories[category].id,
                            "list_price": price,
                            "standard_price": cost,
                            "warranty_price": round(cost * 1.1, 2)
                            if part_type == "oem"
                            else 0.0,
                            "fitment_model_ids": [Command.set(fitment.ids)],
                            "default_bin_location_id": rng.choice(main_bins).id,
                            "seller_ids": [
                                Command.create(
                                    {
                                        "partner_id": vendor.id,
                                        "price": cost,
                                        "delay": rng.choice([2, 3, 5, 7, 10, 14]),
                                    }
                                )
                            ],
                        }
                    )
        templates = self.env["product.template"].create(vals_list)
        self._register_xmlids(templates, "part")
        return templates

    def _create_supersessions(self, rng, templates):
        """Supersede 24 OEM parts by new numbers, four of them in two steps."""
        old_parts = rng.sample(
            list(templates.filtered(lambda t: t.part_type == "oem")), 24
        )
        successors = self.env["product.template"]
        for index, old in enumerate(old_parts):
            steps = 2 if index < 4 else 1
            current = old
            for step in range(steps):
                number = f"{old.oem_part_number}{chr(ord('A') + step)}"
                new = current.copy(
                    {
                        "oem_part_number": number,
                        "name": current.name,
                        "default_bin_location_id": current.default_bin_location_id.id,
                    }
                )
                current.superseded_by_id = new
                successors |= new
                current = new
        self._register_xmlids(successors, "part_successor")
        return successors

    def _plan_demand(self, rng, templates, warehouses):
        """Return ``{(period, warehouse): {template: qty}}`` with a skewed demand.

        A few parts sell in nearly every period and most sell rarely, so each
        store gets a few class A parts and many class C parts. One part in
        seven never sells and becomes dead stock. Superseded numbers get no
        new demand.
        """
        current = templates.filtered(lambda t: not t.superseded_by_id)
        ranked = current.sorted(lambda t: rng.random())
        weights = {
            template: 0.0 if rank % 7 == 6 else 1.0 / (1 + rank) ** 0.9
            for rank, template in enumerate(ranked)
        }
        plan = {}
        for period in range(HISTORY_PERIODS):
            for warehouse in warehouses:
                lines = {}
                for template, weight in weights.items():
                    if weight and rng.random() < min(weight * 5, 0.95):
                        lines[template] = rng.randint(1, 4)
                plan[period, warehouse] = lines
        return plan

    def _stock_parts(self, rng, templates, warehouses, bins, plan):
        """Put a year of stock on the shelves, dated by an age group."""
        demand = {}
        for (_period, warehouse), lines in plan.items():
            for template, qty in lines.items():
                demand[template, warehouse] = demand.get((template, warehouse), 0) + qty
        quants_by_age = {}
        for template in templates:
            age = rng.choice([420, 300, 200, 120])
            for warehouse in warehouses:
                planned = demand.get((template, warehouse), 0)
                qty = round(planned * rng.uniform(0.75, 1.3)) + rng.randint(0, 4)
                if not qty:
                    continue
                if warehouse == warehouses[0] and template.default_bin_location_id:
                    location = template.default_bin_location_id
                else:
                    location = rng.choice(bins[warehouse])
                quants_by_age.setdefault(age, []).append(
                    {
                        "product_id": template.product_variant_id.id,
                        "location_id": location.id,
                        "inventory_quantity": qty,
                    }
                )
        quant_model = self.env["stock.quant"].with_context(inventory_mode=True)
        for age, vals_list in sorted(quants_by_age.items()):
            quants = quant_model.create(vals_list)
            quants.action_apply_inventory()
            date = fields.Datetime.now() - timedelta(days=age)
            moves = self.env["stock.move"].search(
                [
                    ("product_id", "in", quants.product_id.ids),
                    ("is_inventory", "=", True),
                    ("state", "=", "done"),
                    ("date", ">", date + timedelta(days=1)),
                ]
            )
            moves.write({"date": date})
            moves.move_line_ids.write({"date": date})
            quants.write({"in_date": date})

    def _deliver_history(self, plan, warehouses):
        """Deliver the planned demand period by period and backdate the moves."""
        customer = self.env.ref("autocrm_parts.res_partner_counter_customer_demo")
        now = fields.Datetime.now()
        for period in range(HISTORY_PERIODS):
            date = now - timedelta(days=PERIOD_DAYS * (HISTORY_PERIODS - period))
            pickings = self.env["stock.picking"]
            for warehouse in warehouses:
                lines = plan[period, warehouse]
                if not lines:
                    continue
                picking_type = warehouse.out_type_id
                pickings |= self.env["stock.picking"].create(
                    {
                        "picking_type_id": picking_type.id,
                        "partner_id": customer.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": picking_type.default_location_dest_id.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "product_id": template.product_variant_id.id,
                                    "product_uom_qty": qty,
                                    "location_id": warehouse.lot_stock_id.id,
                                    "location_dest_id": (
                                        picking_type.default_location_dest_id.id
                                    ),
                                }
                            )
                            for template, qty in lines.items()
                        ],
                    }
                )
            pickings.action_confirm()
            pickings.action_assign()
            pickings.move_ids.picked = True
            pickings.with_context(
                skip_backorder=True, picking_ids_not_to_backorder=pickings.ids
            ).button_validate()
            pickings.write({"scheduled_date": date, "date_done": date})
            pickings.move_ids.write({"date": date})
            pickings.move_ids.move_line_ids.write({"date": date})

    def _create_open_orders(self, rng, templates, warehouses):
        """Open a stock order, an emergency order and two counter sales."""
        oem = templates.filtered(
            lambda t: t.part_type == "oem" and not t.superseded_by_id
        )
        vendor = oem[0].seller_ids[:1].partner_id
        vendor_parts = oem.filtered(lambda t: t.seller_ids[:1].partner_id == vendor)
        order_lines = [
            Command.create({"product_id": part.product_variant_id.id, "product_qty": 5})
            for part in rng.sample(list(vendor_parts), 10)
        ]
        stock_order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "parts_order_type": "stock",
                "picking_type_id": warehouses[0].in_type_id.id,
                "order_line": order_lines,
            }
        )
        emergency_part = rng.choice(vendor_parts)
        emergency_order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "parts_order_type": "emergency",
                "emergency_reason": "vor",
                "emergency_repair_ref": "RO/2026/0042",
                "emergency_note": "Customer car waiting on the lift.",
                "picking_type_id": warehouses[1].in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": emergency_part.product_variant_id.id,
                            "product_qty": 1,
                        }
                    )
                ],
            }
        )
        (stock_order | emergency_order).button_confirm()
        self._register_xmlids(stock_order | emergency_order, "purchase_order")
        accessories = templates.filtered(lambda t: t.part_type == "accessory")
        walk_in = self.env.ref("autocrm_parts.res_partner_counter_customer_demo")
        bodyshop = self.env.ref("autocrm_parts.res_partner_bodyshop_demo")
        sales = self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "is_counter_sale": True,
                    "warehouse_id": warehouses[0].id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": part.product_variant_id.id,
                                "product_uom_qty": 1,
                            }
                        )
                        for part in rng.sample(list(accessories), 3)
                    ],
                }
                for partner in (walk_in, bodyshop)
            ]
        )
        sales[1].action_confirm()
        self._register_xmlids(sales, "sale_order")
