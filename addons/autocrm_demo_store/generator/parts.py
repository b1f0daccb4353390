"""Parts department of each store: catalogue, stock and two years of sales."""

from datetime import timedelta

from odoo.fields import Command

from .catalogue import BODYSHOPS, GENERIC_PARTS, PARTS_PER_MODEL, VEHICLE_MODELS

# Share of OEM parts the maker has superseded by a new number.
SUPERSEDED_SHARE = 0.08
# Counter sales: one order a month for the last year, one a quarter before.
MONTHLY_SALES = 12
QUARTERLY_SALES = 4
# Days before the generation date that the opening stock is dated.
OPENING_STOCK_DAYS = 740
BIN_NAMES = [f"{aisle}{shelf:02d}" for aisle in "ABCD" for shelf in (1, 2, 3)]


class PartsMixin:
    """Create the parts catalogue, its stock and its counter sales."""

    def _create_parts(self, store):
        rng = self._rng(store, "parts")
        brand = store.spec["brand"]
        categories = self._part_categories()
        bins = self.env["stock.location"].create(
            [
                {
                    "name": name,
                    "location_id": store.warehouse.lot_stock_id.id,
                    "usage": "internal",
                    "company_id": store.company.id,
                }
                for name in BIN_NAMES
            ]
        )

        store.bins = bins
        used_numbers = set(
            self.env["product.template"]
            .with_context(active_test=False)
            .search([("part_brand_id", "=", store.brand.id)])
            .mapped("oem_part_number")
        )

        vendor = self.partners["maker", store.code]
        groups = [(entry, None) for entry in GENERIC_PARTS]
        for model_name, *_rest in VEHICLE_MODELS[brand]:
            groups += [(entry, model_name) for entry in PARTS_PER_MODEL]
        vals_list = []
        keys = []
        for (category, part_type, prices, names), model_name in groups:
            for name in names:
                number = self._part_number(rng, brand, used_numbers)
                price = round(rng.uniform(*prices), 2)
                cost = round(price * rng.uniform(0.55, 0.7), 2)
                fitment = (
                    store.vehicle_models[model_name]
                    if model_name
                    else self.env["fleet.vehicle.model"].browse(
                        [model.id for model in store.vehicle_models.values()]
                    )
                )
                vals_list.append(
                    {
                        "name": f"{name}, {brand} {model_name}"
                        if model_name
                        else f"{name} ({brand})",
                        "is_storable": True,
                        "part_type": part_type,
                        "part_brand_id": store.brand.id,
                        "oem_part_number": number,
                        "categ_id": categories[category].id,
                        "list_price": price,
                        "standard_price": cost,
                        "warranty_price": round(cost * 1.15, 2),
                        "fitment_model_ids": [Command.set(fitment.ids)],
                        "default_bin_location_id": rng.choice(bins).id,
                        "seller_ids": [
                            Command.create(
                                {
                                    "partner_id": vendor.id,
                                    "price": cost,
                                    "delay": rng.choice([1, 2, 3, 5, 7]),
                                    "company_id": store.company.id,
                                }
                            )
                        ],
                    }
                )
                keys.append((name, model_name))

        parts = store.env["product.product"].create(vals_list)
        store.part_index = dict(zip(keys, parts))
        store.parts = parts
        self._supersede_parts(store, rng, used_numbers)
        # Never stocked: the job that needs it waits for an emergency order.
        store.missing_part = store.part_index[
            "Headlamp assembly, left", VEHICLE_MODELS[brand][0][0]
        ]

    def _part_categories(self):
        if self.part_categories:
            return self.part_categories
        parent = self.env["product.category"].search(
            [("name", "=", "Parts"), ("parent_id", "=", False)], limit=1
        ) or self.env["product.category"].create({"name": "Parts"})
        for name, *_rest in PARTS_PER_MODEL + GENERIC_PARTS:
            if name in self.part_categories:
                continue
            self.part_categories[name] = self.env["product.category"].search(
                [("name", "=", name), ("parent_id", "=", parent.id)], limit=1
            ) or self.env["product.category"].create(
                {"name": name, "parent_id": parent.id}
            )
        return self.part_categories

    def _part_number(self, rng, brand, used_numbers):
        """Return a new part number in the maker's format, unused for the brand.

        Toyota prints 5 digits and 5 characters (04152-YZZA1), Honda 5 digits,
        a 3-letter code and a 3-character suffix (15400-PLM-A02). They are
        stored without separators.
        """
        alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        while True:
            if brand == "Toyota":
                number = "{:05d}{}".format(
                    rng.randint(1000, 99999), "".join(rng.choices(alphabet, k=5))
                )
            else:
                number = "{:05d}{}{}{:02d}".format(
                    rng.randint(10000, 99999),
                    "".join(rng.choices(alphabet[:23], k=3)),
                    rng.choice("ABT"),
                    rng.randint(1, 9),
                )
            if number not in used_numbers:
                used_numbers.add(number)
                return number

    def _supersede_parts(self, store, rng, used_numbers):
        """Replace a share of OEM numbers by new ones; the old number stays."""
        oem = [part for part in store.parts if part.part_type == "oem"]
        count = max(int(len(oem) * SUPERSEDED_SHARE), 3)
        successors = self.env["product.product"]
        for part in rng.sample(oem, count):
            template = part.product_tmpl_id
            new = template.copy(
                {
                    "oem_part_number": self._part_number(
                        rng, store.spec["brand"], used_numbers
                    ),
                    "name": template.name,
                    "default_bin_location_id": template.default_bin_location_id.id,
                    "list_price": round(template.list_price * 1.04, 2),
                }
            )
            template.superseded_by_id = new
            successors |= new.product_variant_id
            # Orders and jobs use the current number from now on.
            for key, indexed in store.part_index.items():
                if indexed == part:
                    store.part_index[key] = new.product_variant_id
        store.parts |= successors

    # ------------------------------------------------------------------
    # Stock and sales history
    # ------------------------------------------------------------------

    def _stock_parts(self, store):
        """Put the opening stock of every current part on its shelf.

        Popular parts get more; one part in seven never sells and becomes
        dead stock. The quantities and moves are dated two years back.
        """
        rng = self._rng(store, "parts-stock")
        current = store.parts.filtered(
            lambda part: not part.superseded_by_id and part != store.missing_part
        )
        ranked = current.sorted(lambda part: rng.random())
        store.part_popularity = {}
        vals_list = []
        for rank, part in enumerate(ranked):
            weight = 0.0 if rank % 7 == 6 else 1.0 / (1 + rank) ** 0.7
            store.part_popularity[part] = weight
            quantity = 6 + round(weight * 120) + rng.randint(0, 6)
            vals_list.append(
                {
                    "product_id": part.id,
                    "location_id": part.default_bin_location_id.id,
                    "inventory_quantity": quantity,
                }
            )
        # Used parts of the workshop jobs are stocked deep as well.
        for part in set(store.part_index.values()):
            if part in current:
                vals_list.append(
                    {
                        "product_id": part.id,
                        "location_id": part.default_bin_location_id.id,
                        "inventory_quantity": 40 + 12 * self.size,
                    }
                )
        quants = (
            store.env["stock.quant"].with_context(inventory_mode=True).create(vals_list)
        )
        quants.action_apply_inventory()
        opened_on = self._at(OPENING_STOCK_DAYS, hour=8)
        moves = self.env["stock.move"].search(
            [
                ("product_id", "in", quants.product_id.ids),
                ("is_inventory", "=", True),
                ("company_id", "=", store.company.id),
                ("date", ">", opened_on + timedelta(days=1)),
            ]
        )
        moves.write({"date": opened_on})
        moves.move_line_ids.write({"date": opened_on})
        quants.write({"in_date": opened_on})

    def _sell_parts_over_counter(self, store):
        """Sell parts to walk-in customers and bodyshops, month by month."""
        rng = self._rng(store, "parts-sales")
        walk_in = self.partners["walk_in"]
        bodyshops = self.partners["bodyshops"]
        popular = [part for part, weight in store.part_popularity.items() if weight]
        weights = [store.part_popularity[part] for part in popular]
        days = [30 * month + 12 for month in range(MONTHLY_SALES)]
        days += [365 + 91 * quarter + 40 for quarter in range(QUARTERLY_SALES)]
        days.sort(reverse=True)
        vals_list = []
        for _days_ago in days:
            lines = {}
            for part in rng.choices(popular, weights=weights, k=4 + 3 * self.size):
                lines[part] = lines.get(part, 0) + rng.randint(1, 3)
            vals_list.append(
                {
                    "partner_id": rng.choice([walk_in, *bodyshops]).id,
                    "is_counter_sale": True,
                    "company_id": store.company.id,
                    "warehouse_id": store.warehouse.id,
                    "user_id": store.user("parts.clerk").id,
                    "order_line": [
                        Command.create({"product_id": part.id, "product_uom_qty": qty})
                        for part, qty in lines.items()
                    ],
                }
            )
        # All months go through each step together, which is much faster
        # than one order at a time; the dates are set afterwards.

        orders = store.env["sale.order"].create(vals_list)
        orders.action_confirm()
        pickings = orders.picking_ids
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        self._validate_picking(pickings)
        invoices = orders._create_invoices(grouped=True)
        for order, days_ago in zip(orders, days):
            sold_on = self._at(days_ago, hour=10)
            order.date_order = sold_on
            for picking in order.picking_ids:
                self._backdate_picking(picking, sold_on)
            order.invoice_ids.invoice_date = sold_on.date()
        invoices.action_post()
        for order, days_ago in zip(orders, days):
            self._pay(order.invoice_ids, max(days_ago - 20, 0))

        # An open quotation and a confirmed order not yet collected.
        for state in ("draft", "sale"):
            order = store.env["sale.order"].create(
                {
                    "partner_id": rng.choice(bodyshops).id,
                    "is_counter_sale": True,
                    "company_id": store.company.id,
                    "warehouse_id": store.warehouse.id,
                    "user_id": store.user("parts.clerk").id,
                    "order_line": [
                        Command.create({"product_id": part.id, "product_uom_qty": 1})
                        for part in rng.sample(popular, 3)
                    ],
                }
            )
            if state == "sale":
                order.action_confirm()

    def _create_part_orders(self, store):
        """Open a stock order and an emergency order for the workshop."""
        rng = self._rng(store, "parts-orders")
        vendor = self.partners["maker", store.code]
        current = [
            part
            for part in store.parts
            if part.part_type == "oem" and not part.superseded_by_id
        ]
        orders = store.env["purchase.order"].create(
            [
                {
                    "partner_id": vendor.id,
                    "company_id": store.company.id,
                    "picking_type_id": store.warehouse.in_type_id.id,
                    "parts_order_type": "stock",
                    "order_line": [
                        Command.create({"product_id": part.id, "product_qty": 6})
                        for part in rng.sample(current, 8)
                    ],
                },
                {
                    "partner_id": vendor.id,
                    "company_id": store.company.id,
                    "picking_type_id": store.warehouse.in_type_id.id,
                    "parts_order_type": "emergency",
                    "emergency_reason": "vor",
                    "emergency_note": "Customer car waiting on the lift.",
                    "emergency_repair_id": store.waiting_job.id,
                    "emergency_vehicle_id": store.waiting_job.vehicle_id.id,
                    "order_line": [
                        Command.create(
                            {"product_id": store.missing_part.id, "product_qty": 1}
                        )
                    ],
                },
            ]
        )
        orders.button_confirm()

    def _create_bodyshops(self):
        return self.env["res.partner"].create(
            [
                {"name": name, "is_company": True, "is_bodyshop": True}
                for name in BODYSHOPS
            ]
        )
