"""Vehicle catalogue of each store and the purchase of every planned VIN."""

from collections import defaultdict
from datetime import timedelta

from odoo.fields import Command

from .catalogue import COLOURS, VEHICLE_MODELS

# New-vehicle warranty of both brands, in months (3 years basic cover).
WARRANTY_MONTHS = 36


class VehicleMixin:
    """Create the vehicle products and buy, receive and bill the VINs."""

    def _create_vehicle_catalogue(self, store):
        """Create one vehicle product per model with trim and colour variants."""
        env = store.env
        trim_attribute = env.ref("autocrm_sales.product_attribute_trim")
        colour_attribute = env.ref("autocrm_sales.product_attribute_colour")
        brand_name = store.spec["brand"]
        colours = self._attribute_values(colour_attribute, COLOURS[brand_name])
        for (
            model_name,
            _wmi,
            _stem,
            _plant,
            body,
            trims,
            price,
            _factor,
        ) in VEHICLE_MODELS[brand_name]:
            fleet_model = env["fleet.vehicle.model"].search(
                [("brand_id", "=", store.brand.id), ("name", "=", model_name)], limit=1
            ) or env["fleet.vehicle.model"].create(
                {
                    "name": model_name,
                    "brand_id": store.brand.id,
                    "vehicle_type": "car",
                    "default_fuel_type": "full_hybrid"
                    if body == "suv" and brand_name == "Toyota"
                    else "gasoline",
                }
            )
            store.vehicle_models[model_name] = fleet_model
            trim_values = self._attribute_values(
                trim_attribute, [trim for trim, _extra in trims]
            )
            template = env["product.template"].create(
                {
                    "name": f"{brand_name} {model_name}",
                    "is_vehicle": True,
                    "vehicle_model_id": fleet_model.id,
                    "list_price": price,
                    "company_id": store.company.id,
                    "invoice_policy": "order",
                    "warranty_months": WARRANTY_MONTHS,
                    "attribute_line_ids": [
                        Command.create(
                            {
                                "attribute_id": trim_attribute.id,
                                "value_ids": [Command.set(trim_values.ids)],
                            }
                        ),
                        Command.create(
                            {
                                "attribute_id": colour_attribute.id,
                                "value_ids": [Command.set(colours.ids)],
                            }
                        ),
                    ],
                }
            )
            extras = dict(trims)
            for ptav in template.attribute_line_ids.product_template_value_ids:
                if ptav.attribute_id == trim_attribute:
                    ptav.price_extra = extras[ptav.name]
            for variant in template.product_variant_ids:
                values = variant.product_template_attribute_value_ids
                trim = values.filtered(lambda v: v.attribute_id == trim_attribute).name
                colour = values.filtered(
                    lambda v: v.attribute_id == colour_attribute
                ).name
                store.vehicle_products[model_name, trim, colour] = variant

    def _attribute_values(self, attribute, names):
        values = self.env["product.attribute.value"]
        for name in names:
            value = attribute.value_ids.filtered(lambda v, n=name: v.name == n)
            values |= value or values.create(
                {"attribute_id": attribute.id, "name": name}
            )
        return values

    # ------------------------------------------------------------------
    # Purchases
    # ------------------------------------------------------------------

    def _buy_vehicles(self, store):
        """Order every planned VIN from the maker and receive those that came.

        Vehicles that arrive in the same week come on one purchase order,
        each line at the VIN's own cost, so that each VIN is valuated at
        what it cost. Received orders get their vendor bill. All orders go
        through each step together, which is faster than one by one.
        """
        batches = defaultdict(list)
        for unit in store.units:
            if unit.arrival_days_ago is not None:
                batches["received", unit.arrival_days_ago // 7].append(unit)
            elif unit.in_transit:
                batches["in_transit", 0].append(unit)
            else:
                batches["ordered", 0].append(unit)
        keys = sorted(batches, key=lambda key: (key[0] != "received", key))
        maker = self.partners["maker", store.code]
        orders = store.env["purchase.order"].create(
            [self._vehicle_order_vals(store, maker, batches[key]) for key in keys]
        )
        orders.button_confirm()
        lots = store.env["stock.lot"].create(
            [self._lot_vals(store, unit) for key in keys for unit in batches[key]]
        )
        store.lots.update({lot.name: lot for lot in lots})

        pickings = store.env["stock.picking"]
        for (kind, week), order in zip(keys, orders):
            units = batches[kind, week]
            ordered_on = self._at(self._order_days_ago(units) + 30, hour=10)
            order.write({"date_order": ordered_on, "date_approve": ordered_on})
            if kind == "ordered":
                continue
            picking = order.picking_ids
            if kind == "in_transit":
                picking.location_dest_id = self._transit_location(store)
            moves = picking.move_ids.sorted(lambda move: move.purchase_line_id.id)
            for unit, move in zip(units, moves, strict=True):
                move._assign_vehicle_lots([store.lots[unit.vin]])
            pickings |= picking
        self._validate_picking(pickings)

        for (kind, week), order in zip(keys, orders):
            units = batches[kind, week]
            if kind == "ordered":
                continue
            days = self._order_days_ago(units)
            self._backdate_picking(order.picking_ids, self._at(days, hour=9))
            for unit in units:
                store.lots[unit.vin].arrival_date = (
                    self.today - timedelta(days=unit.arrival_days_ago)
                    if unit.arrival_days_ago is not None
                    else False
                )
            if kind == "received":
                self._bill_purchase(order, self.today - timedelta(days=days))

    def _order_days_ago(self, units):
        return max(unit.arrival_days_ago or 0 for unit in units)

    def _vehicle_order_vals(self, store, maker, units):
        return {
            "partner_id": maker.id,
            "company_id": store.company.id,
            "picking_type_id": store.warehouse.in_type_id.id,
            "user_id": store.user("sales.manager").id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self._unit_product(store, unit).id,
                        "product_qty": 1,
                        "price_unit": unit.cost,
                        "name": f"{unit.model} {unit.trim}, {unit.colour}",
                    }
                )
                for unit in units
            ],
        }

    def _unit_product(self, store, unit):
        return store.vehicle_products[unit.model, unit.trim, unit.colour]

    def _lot_vals(self, store, unit):
        return {
            "name": unit.vin,
            "product_id": self._unit_product(store, unit).id,
            "company_id": store.company.id,
            "engine_number": f"{unit.vin[3:6]}-{unit.vin[-6:]}",
            "key_number": f"K{unit.vin[-4:]}",
            "certificate_number": f"COC-{unit.vin[-8:]}",
            "production_date": self.today - timedelta(days=unit.production_days_ago),
        }

    def _transit_location(self, store):
        location = getattr(store, "transit_location", None)
        if not location:
            location = store.transit_location = self.env["stock.location"].create(
                {
                    "name": "Vehicles on the way from the port",
                    "usage": "transit",
                    "company_id": store.company.id,
                }
            )
        return location

    def _bill_purchase(self, order, when):
        order.action_create_invoice()
        bills = order.invoice_ids.filtered(lambda move: move.state == "draft")
        bills.write({"invoice_date": when})
        bills.action_post()
        return bills

    # ------------------------------------------------------------------
    # Demo cars and customers' cars bought elsewhere
    # ------------------------------------------------------------------

    def _create_fleet(self, store, plans):
        """Create the demo cars and the cars of service-only customers."""
        rng = self._rng(store, "fleet-owners")
        owners = self._new_customers(
            store, sum(plan.kind == "owner" for plan in plans), rng
        )
        owner_iter = iter(owners)
        vehicles = self.env["fleet.vehicle"]
        for plan in plans:
            acquired = self.today - timedelta(days=plan.acquired_days_ago)
            vals = {
                "model_id": store.vehicle_models[plan.model].id,
                "vin_sn": plan.vin,
                "model_year": plan.model_year,
                "color": plan.colour,
                "company_id": store.company.id,
                "odometer_unit": "miles",
                "acquisition_date": acquired,
                "first_registration_date": acquired,
            }
            if plan.kind == "demo":
                vals.update(
                    {
                        "is_demo_car": True,
                        "license_plate": f"DEMO {plan.model.upper()}",
                    }
                )
            else:
                owner = next(owner_iter)
                vals.update(
                    {
                        "owner_id": owner.id,
                        "driver_id": owner.id,
                        "license_plate": self._plate(rng),
                        "warranty_start_date": acquired,
                        "warranty_end_date": acquired + timedelta(days=3 * 365),
                        "insurance_expiry_date": self.today
                        + timedelta(days=rng.randint(5, 330)),
                    }
                )
            vehicles |= store.env["fleet.vehicle"].create(vals)
        store.demo_cars = vehicles.filtered("is_demo_car")
        store.owner_vehicles = vehicles - store.demo_cars
        store.demo_car_odometer = {}
        for plan, vehicle in zip(plans, vehicles):
            if plan.kind == "demo":
                store.demo_car_odometer[vehicle.id] = plan.odometer
            else:
                vehicle._add_odometer_reading(
                    plan.odometer,
                    date=self.today - timedelta(days=plan.acquired_days_ago),
                )
