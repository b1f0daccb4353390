"""Plan the vehicle units of each store from the seed, without the database.

The plan fixes every VIN, its model, trim, colour, cost and dates, and the
deal stage it ends in. The builders only carry it out, so the same seed,
size and generation date give the same VINs, and tests can compare a
generated store with its plan.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from .catalogue import COLOURS, STORES, VEHICLE_MODELS
from .vin import TRIM_CODES, build_vin

# Deal stages, in the order a deal goes through them. Each stage appears at
# least once per store at every size.
DEAL_STAGES = [
    ("quotation", "Quotation"),
    ("sent", "Quotation Sent"),
    ("discount_approval", "Discount Waiting for Approval"),
    ("reserved", "Reserved with Deposit"),
    ("ordered_car", "Reserved, Vehicle on Order"),
    ("invoiced", "Invoiced"),
    ("gate_pass", "Gate Pass Requested"),
    ("ready", "Gate Pass Approved"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
# Days of history that delivered deals are spread over.
HISTORY_DAYS = 720
# Days since arrival of the vehicles in stock, so that every ageing bucket
# of the stock report (0-30, 31-60, 61-90, over 90 days) has vehicles.
STOCK_AGES = [4, 12, 25, 38, 47, 58, 66, 79, 88, 104, 130, 161]
# Share of the list price that the maker invoices the store, per VIN.
COST_SHARE = (0.905, 0.935)


@dataclass
class UnitPlan:
    """One vehicle unit of a store: what it is, what it cost, where it ends.

    Day counts are days before the generation date, negative for days
    ahead. None means that the event has not happened.
    """

    store_code: str
    model: str
    trim: str
    colour: str
    model_year: int
    vin: str
    list_price: float
    cost: float
    stage: str | None
    production_days_ago: int
    arrival_days_ago: int | None
    deal_days_ago: int | None
    delivery_days_ago: int | None
    in_transit: bool = False


def draw_serial(rng, used_serials, low, high):
    """Return a serial number from ``low`` to ``high`` not in ``used_serials``.

    The stores' own vehicles and their customers' cars draw from separate
    ranges, so the VINs of the two never collide.
    """
    serial = rng.randint(low, high)
    while serial in used_serials:
        serial = rng.randint(low, high)
    used_serials.add(serial)
    return serial


def stage_counts(size):
    """Return {stage: number of deals} of one store at ``size``."""
    counts = {code: 1 for code, _label in DEAL_STAGES}
    counts["quotation"] += size // 2
    counts["reserved"] += size // 2
    counts["delivered"] = 6 + 6 * size
    return counts


def plan_store_units(seed, size, store, today):
    """Return the UnitPlan list of ``store`` (a STORES entry), oldest first."""
    rng = random.Random(f"{seed}:{store['code']}:vehicles")
    models = VEHICLE_MODELS[store["brand"]]
    colours = COLOURS[store["brand"]]
    counts = stage_counts(size)
    units = []
    used_serials = set()
    used_costs = set()

    def new_unit(stage, production_days_ago, **days):
        # The first three models sell about twice as often as the other two,
        # and base trims more often than top ones.
        model, wmi, stem, plant, _body, trims, base_price, _factor = rng.choices(
            models, weights=[5, 6, 6, 3, 3][: len(models)]
        )[0]
        trim_index = min(int(rng.triangular(0, len(trims), 0.6)), len(trims) - 1)
        trim, extra = trims[trim_index]

        produced = today - timedelta(days=production_days_ago)
        # Makers usually start a model year in the summer before it.
        model_year = produced.year + (1 if produced.month >= 8 else 0)
        serial = draw_serial(rng, used_serials, 10000, 399999)
        descriptor = f"{stem}{TRIM_CODES[trim_index]}5"

        # Every VIN gets a cost of its own, even for the same model and trim.
        list_price = base_price + extra
        cost = round(list_price * rng.uniform(*COST_SHARE))
        while cost in used_costs:
            cost += 7
        used_costs.add(cost)
        units.append(
            UnitPlan(
                store_code=store["code"],
                model=model,
                trim=trim,
                colour=rng.choice(colours),
                model_year=model_year,
                vin=build_vin(wmi, descriptor, model_year, plant, serial),
                list_price=list_price,
                cost=cost,
                stage=stage,
                production_days_ago=production_days_ago,
                **days,
            )
        )

    # Delivered deals spread over the history, each vehicle bought one to
    # ten weeks before its sale.
    sale_days = sorted(
        (rng.randint(10, HISTORY_DAYS) for _ in range(counts["delivered"])),
        reverse=True,
    )
    for deal_days_ago in sale_days:
        arrival = deal_days_ago + rng.randint(7, 70)
        new_unit(
            "delivered",
            arrival + rng.randint(14, 40),
            arrival_days_ago=arrival,
            deal_days_ago=deal_days_ago,
            delivery_days_ago=deal_days_ago - rng.randint(2, 7),
        )
    # Open deals and free stock, with arrival ages from the ageing list.
    in_stock_stages = [
        stage
        for stage, count in counts.items()
        if stage not in ("delivered", "ordered_car")
        for _index in range(count)
    ]
    in_stock_stages += [None] * (3 + 2 * size)
    for index, stage in enumerate(in_stock_stages):
        arrival = STOCK_AGES[index % len(STOCK_AGES)] + rng.randint(0, 3)
        new_unit(
            stage,
            arrival + rng.randint(14, 40),
            arrival_days_ago=arrival,
            deal_days_ago=rng.randint(0, min(arrival, 21)) if stage else None,
            delivery_days_ago=None,
        )
    # Announced by the maker, not shipped yet; the first one is already sold.
    for stage in ["ordered_car"] + [None] * (1 + size // 2):
        new_unit(
            stage,
            -rng.randint(5, 30),
            arrival_days_ago=None,
            deal_days_ago=rng.randint(0, 10) if stage else None,
            delivery_days_ago=None,
        )
    # On the truck from the port to the store.
    new_unit(
        None,
        rng.randint(10, 25),
        arrival_days_ago=None,
        deal_days_ago=None,
        delivery_days_ago=None,
        in_transit=True,
    )
    return units


@dataclass
class FleetPlan:
    """A vehicle that is not sold new here: a demo car or a customer's car.

    Customer cars were bought elsewhere or years ago and come to the
    workshop.
    """

    store_code: str
    kind: str
    model: str
    trim: str
    colour: str
    model_year: int
    vin: str
    acquired_days_ago: int
    # Demo cars: the reading today. Customer cars: the reading when bought.
    odometer: int


def plan_store_fleet(seed, size, store, today):
    """Return the FleetPlan list of ``store``: demo cars, then customer cars."""
    rng = random.Random(f"{seed}:{store['code']}:fleet")
    models = VEHICLE_MODELS[store["brand"]]
    used_serials = set()
    plans = []
    kinds = ["demo"] * min(3, len(models)) + ["owner"] * (3 + 2 * size)
    for index, kind in enumerate(kinds):
        if kind == "demo":
            spec = models[index]
            acquired = rng.randint(60, 200)
            model_year = today.year
            odometer = rng.randint(1500, 4000)
        else:
            spec = rng.choice(models)
            model_year = today.year - rng.randint(1, 6)
            acquired = max((today.year - model_year) * 365 - rng.randint(0, 200), 90)
            # Bought new elsewhere, or used with some miles on the clock.
            odometer = rng.choice([5, 5, 12, rng.randint(8000, 30000)])
        model, wmi, stem, plant, _body, trims, _price, _factor = spec
        trim_index = rng.randrange(len(trims))
        serial = draw_serial(rng, used_serials, 400000, 899999)
        descriptor = f"{stem}{TRIM_CODES[trim_index]}5"
        plans.append(
            FleetPlan(
                store_code=store["code"],
                kind=kind,
                model=model,
                trim=trims[trim_index][0],
                colour=rng.choice(COLOURS[store["brand"]]),
                model_year=model_year,
                vin=build_vin(wmi, descriptor, model_year, plant, serial),
                acquired_days_ago=acquired,
                odometer=odometer,
            )
        )
    return plans


def plan_units(seed, size, today):
    """Return {store code: UnitPlan list} for every store of the group."""
    return {
        store["code"]: plan_store_units(seed, size, store, today) for store in STORES
    }


def plan_fleet(seed, size, today):
    """Return {store code: FleetPlan list} for every store of the group."""
    return {
        store["code"]: plan_store_fleet(seed, size, store, today) for store in STORES
    }


def planned_vins(seed, size, today):
    """Return every VIN that a store generated with these arguments has."""
    units = plan_units(seed, size, today)
    fleet = plan_fleet(seed, size, today)
    return sorted(
        plan.vin
        for store in STORES
        for plan in units[store["code"]] + fleet[store["code"]]
    )
