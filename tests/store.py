"""Master data of the system tests, created through the external API as admin.

The journeys need a vehicle product, accessories, a demo car, a bay, labour
operations and the role users. A test database built by `make test` has no
demo data, so everything is created here. Names and VINs carry a run number,
so the tests can run again against the same server.
"""

import importlib.util
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent

# Login of each demo role and the group the demo data gives it. The password
# of every demo user is its login.
ROLE_GROUPS = {
    "consultant": "autocrm_crm.group_sales_consultant",
    "sales.manager": "autocrm_crm.group_sales_manager",
    "customer.service": "autocrm_crm.group_customer_service",
    "parts.clerk": "autocrm_parts.group_parts_clerk",
    "parts.manager": "autocrm_parts.group_parts_manager",
    "fi": "autocrm_sales.group_fi_specialist",
    "security": "autocrm_sales.group_security_desk",
    "advisor": "autocrm_workshop.group_service_advisor",
    "technician": "autocrm_workshop.group_technician",
    "foreman": "autocrm_workshop.group_workshop_foreman",
    "accountant": "autocrm_costing.group_costing_manager",
    "store.manager": "autocrm_base.group_store_manager",
}

# Appointments are booked on Mondays from this day on, far from the demo
# store's own bookings.
FIRST_SLOT_DAY = date(2031, 1, 6)
SLOT_HOUR = 9


def _load_vin_rules():
    # The VIN rules are plain Python: load them without importing Odoo.
    path = ROOT / "addons" / "autocrm_base" / "tools" / "vin.py"
    spec = importlib.util.spec_from_file_location("autocrm_vin_rules", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VIN_RULES = _load_vin_rules()


def make_vin(serial):
    """Return a valid VIN of SAIC Volkswagen (China), check digit included."""
    body = f"LSVAP1230N2{serial:06d}"
    return body[:8] + VIN_RULES.compute_check_digit(body) + body[9:]


def with_wrong_check_digit(vin):
    """Return `vin` with a check digit that does not match the other characters."""
    wrong = "0" if vin[8] != "0" else "1"
    return vin[:8] + wrong + vin[9:]


def run_number():
    """Return a number that differs between two runs a second apart."""
    return int(time.time()) % 100000


def ensure_role_users(admin):
    """Create the missing demo role users and return {login: user id}."""
    users = admin.env["res.users"]
    company_id = admin.env.ref("base.main_company").id
    ids = {}
    for login, group_xmlid in ROLE_GROUPS.items():
        found = users.search([("login", "=", login)])
        if found:
            ids[login] = found[0]
            continue
        ids[login] = users.create(
            {
                "name": f"API {login}",
                "login": login,
                "password": login,
                "company_id": company_id,
                "company_ids": [(6, 0, [company_id])],
                "group_ids": [(6, 0, [admin.env.ref(group_xmlid).id])],
            }
        )
    return ids


def ensure_technician_employee(admin, user_id):
    """Return the workshop employee of the technician user, created if missing.

    Its working schedule must cover the appointment slots, so a missing
    employee gets a Monday to Friday schedule of 8:00-12:00 and 13:00-17:00 UTC.
    """
    company_id = admin.env.ref("base.main_company").id
    employees = admin.env["hr.employee"]
    found = employees.search(
        [
            ("user_id", "=", user_id),
            ("company_id", "=", company_id),
            ("is_workshop_technician", "=", True),
        ],
        limit=1,
    )
    if found:
        return found[0]
    attendances = [
        (
            0,
            0,
            {
                "name": f"Day {day} {period}",
                "dayofweek": str(day),
                "hour_from": hour_from,
                "hour_to": hour_to,
                "day_period": period,
            },
        )
        for day in range(5)
        for hour_from, hour_to, period in ((8, 12, "morning"), (13, 17, "afternoon"))
    ]
    calendar_id = admin.env["resource.calendar"].create(
        {
            "name": "Workshop 8-17 UTC",
            "tz": "UTC",
            "company_id": company_id,
            "attendance_ids": [(5, 0, 0), *attendances],
        }
    )
    return employees.create(
        {
            "name": "API Technician",
            "user_id": user_id,
            "is_workshop_technician": True,
            "resource_calendar_id": calendar_id,
            "tz": "UTC",
            "company_id": company_id,
        }
    )


def next_free_slot(admin, technician_id):
    """Return the UTC start (Odoo's datetime text) of a free Monday 9:00 slot.

    The slot is on the first Monday after the technician's last booking on or
    after FIRST_SLOT_DAY, at 9:00 in the time zone of the technician's working
    schedule. The demo schedule and the one ensure_technician_employee creates
    both start at 8:00.
    """
    appointments = admin.env["autocrm.service.appointment"]
    last = appointments.search_read(
        [
            ("technician_id", "=", technician_id),
            ("start_datetime", ">=", FIRST_SLOT_DAY.isoformat()),
        ],
        ["start_datetime"],
        order="start_datetime desc",
        limit=1,
    )
    day = FIRST_SLOT_DAY
    if last:
        last_day = datetime.fromisoformat(last[0]["start_datetime"]).date()
        day = last_day + timedelta(days=7 - last_day.weekday())
    employee = admin.env["hr.employee"].read([technician_id], ["resource_calendar_id"])
    calendar = admin.env["resource.calendar"].read(
        [employee[0]["resource_calendar_id"][0]], ["tz"]
    )
    zone = ZoneInfo(calendar[0]["tz"] or "UTC")
    local = datetime.combine(day, day_time(SLOT_HOUR), tzinfo=zone)
    start = local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    return start.strftime("%Y-%m-%d %H:%M:%S")


def set_stock(admin, product_id, quantity):
    """Set the on-hand quantity of a product in the main warehouse."""
    company_id = admin.env.ref("base.main_company").id
    warehouse = admin.env["stock.warehouse"].search_read(
        [("company_id", "=", company_id)], ["lot_stock_id"], limit=1
    )[0]
    quants = admin.env["stock.quant"].with_context(inventory_mode=True)
    quant_id = quants.create(
        {
            "product_id": product_id,
            "location_id": warehouse["lot_stock_id"][0],
            "inventory_quantity": quantity,
        }
    )
    quants.browse(quant_id).action_apply_inventory()


def receive_vins(client, maker_id, product_id, vins_and_prices):
    """Buy and receive each VIN at its own price, and return the lot ids."""
    lot_ids = []
    for vin, price in vins_and_prices:
        order_id = client.env["purchase.order"].create(
            {
                "partner_id": maker_id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": product_id,
                            "product_qty": 1,
                            "price_unit": price,
                            "tax_ids": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        client.env["purchase.order"].browse(order_id).button_confirm()
        receipt_id = client.env["purchase.order"].read([order_id], ["picking_ids"])[0][
            "picking_ids"
        ][0]
        wizards = client.env["autocrm.vin.receipt.wizard"].with_context(
            active_model="stock.picking", active_id=receipt_id
        )
        wizards.browse(wizards.create({"vin_list": vin})).action_receive()
        lot_ids += client.env["stock.lot"].search([("name", "=", vin)])
    return lot_ids


def create_store(admin, users, run):
    """Create the products, vehicles and workshop data the journeys use.

    Returns the values the guide's examples name in capitals (VIN, MODEL_ID,
    DEMO_CAR_ID, ...) together with the other ids the tests check against.
    """
    env = admin.env
    company_id = env.ref("base.main_company").id
    no_tax = [(5, 0, 0)]
    customer_id, maker_id, insurer_id, lender_id = (
        env["res.partner"].create({"name": name, "company_id": False})
        for name in (
            f"Carla Owner {run}",
            f"SAIC Volkswagen Sales {run}",
            f"Ping An Insurance {run}",
            f"Auto Finance Bank {run}",
        )
    )
    env["res.partner"].browse(customer_id).write(
        {"email": f"carla.owner.{run}@example.com"}
    )
    brand_id = env["fleet.vehicle.model.brand"].create(
        {
            "name": f"API Volkswagen {run}",
            "warranty_partner_id": maker_id,
            "warranty_labour_rate": 80.0,
        }
    )
    model_id = env["fleet.vehicle.model"].create(
        {"name": f"Lavida {run}", "brand_id": brand_id}
    )
    vehicle_template_id = env["product.template"].create(
        {
            "name": f"Lavida 1.5 Comfort {run}",
            "is_vehicle": True,
            "vehicle_model_id": model_id,
            "list_price": 150000.0,
            "standard_price": 100000.0,
            "invoice_policy": "order",
            "taxes_id": no_tax,
            "supplier_taxes_id": no_tax,
        }
    )
    vehicle_product_id = env["product.template"].read(
        [vehicle_template_id], ["product_variant_id"]
    )[0]["product_variant_id"][0]

    def product(name, **vals):
        return env["product.product"].create(
            dict({"name": f"{name} {run}", "taxes_id": no_tax}, **vals)
        )

    dash_camera_id = product(
        "Dash Camera",
        is_storable=True,
        part_type="accessory",
        list_price=1200.0,
        standard_price=500.0,
    )
    floor_mats_id = product(
        "Floor Mats",
        is_storable=True,
        part_type="accessory",
        list_price=800.0,
        standard_price=300.0,
    )
    fitting_labour_id = product(
        "Accessory Fitting", type="service", list_price=400.0, standard_price=150.0
    )
    gift_id = product(
        "Welcome Umbrella", is_storable=True, list_price=60.0, standard_price=25.0
    )
    oil_filter_id = product(
        "Oil Filter",
        is_storable=True,
        list_price=20.0,
        standard_price=8.0,
        warranty_price=15.0,
    )
    brake_pads_id = product(
        "Front Brake Pads",
        is_storable=True,
        list_price=90.0,
        standard_price=40.0,
        warranty_price=70.0,
    )
    water_pump_id = product(
        "Water Pump",
        is_storable=True,
        list_price=260.0,
        standard_price=120.0,
        warranty_price=200.0,
    )
    for product_id in (
        dash_camera_id,
        floor_mats_id,
        gift_id,
        oil_filter_id,
        brake_pads_id,
        water_pump_id,
    ):
        set_stock(admin, product_id, 20)
    package_id = env["autocrm.decoration.package"].create(
        {
            "name": f"Comfort Pack {run}",
            "pricing": "package",
            "package_price": 2000.0,
            "vehicle_model_ids": [(6, 0, [model_id])],
            "line_ids": [
                (0, 0, {"product_id": dash_camera_id}),
                (0, 0, {"product_id": floor_mats_id}),
                (0, 0, {"product_id": fitting_labour_id}),
            ],
        }
    )
    demo_car_id = env["fleet.vehicle"].create(
        {
            "model_id": model_id,
            "license_plate": f"DEMO-{run}",
            "is_demo_car": True,
            "company_id": company_id,
        }
    )
    demo_car_odometer = 1200.0
    env["fleet.vehicle.odometer"].create(
        {"vehicle_id": demo_car_id, "value": demo_car_odometer}
    )
    service_vin = make_vin(run * 10 + 9)
    service_vehicle_id = env["fleet.vehicle"].create(
        {
            "model_id": model_id,
            "license_plate": f"SVC-{run}",
            "vin_sn": service_vin,
            "owner_id": customer_id,
            "company_id": company_id,
        }
    )
    env["fleet.vehicle.odometer"].create(
        {
            "vehicle_id": service_vehicle_id,
            "value": 15000.0,
            "date": (date.today() - timedelta(days=200)).isoformat(),
        }
    )
    bay_id = env["autocrm.service.bay"].create(
        {"name": f"API Bay {run}", "company_id": company_id}
    )
    oil_change_id, front_brakes_id, water_pump_job_id = (
        env["autocrm.labour.operation"].create(
            {
                "code": f"API-{code}-{run}",
                "name": name,
                "flat_rate_hours": hours,
                "labour_rate": 100.0,
                "company_id": company_id,
            }
        )
        for code, name, hours in (
            ("OIL", "Oil and filter change", 1.0),
            ("BRAKE", "Front brake pads", 2.0),
            ("PUMP", "Water pump replacement", 3.0),
        )
    )
    technician_employee_id = ensure_technician_employee(admin, users["technician"])
    return {
        "RUN": run,
        "COMPANY_ID": company_id,
        "MODEL_ID": model_id,
        "VEHICLE_PRODUCT_ID": vehicle_product_id,
        "MAKER_ID": maker_id,
        "INSURER_ID": insurer_id,
        "LENDER_ID": lender_id,
        "PACKAGE_ID": package_id,
        "GIFT_PRODUCT_ID": gift_id,
        "DEMO_CAR_ID": demo_car_id,
        "DEMO_CAR_ODOMETER": demo_car_odometer,
        "CUSTOMER_ID": customer_id,
        "SERVICE_VEHICLE_ID": service_vehicle_id,
        "SERVICE_VIN": service_vin,
        "BAY_ID": bay_id,
        "TECHNICIAN_EMPLOYEE_ID": technician_employee_id,
        "OIL_CHANGE_ID": oil_change_id,
        "FRONT_BRAKES_ID": front_brakes_id,
        "WATER_PUMP_JOB_ID": water_pump_job_id,
        "OIL_FILTER_ID": oil_filter_id,
        "BRAKE_PADS_ID": brake_pads_id,
        "WATER_PUMP_ID": water_pump_id,
        "DASH_CAMERA_ID": dash_camera_id,
        "FLOOR_MATS_ID": floor_mats_id,
        "FITTING_LABOUR_ID": fitting_labour_id,
    }
