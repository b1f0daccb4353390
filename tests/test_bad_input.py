"""Errors a client gets for bad input, and that nothing saved before is lost.

Each test saves a valid record first, then sends the bad input through the
guide's example and checks the exception type and message the client gets,
and that the earlier record is unchanged and the failed call saved nothing.
"""

from datetime import date, timedelta

import odoorpc
import pytest

from api_guide import run_example
from conftest import read_one
from store import make_vin, receive_vins, with_wrong_check_digit


@pytest.fixture
def guide(guide_inputs):
    """Namespace of one error example; it sets exception_type and message."""
    namespace = dict(guide_inputs, exception_type=None, message=None)
    run_example("connect", namespace)
    return namespace


def test_invalid_vin_rejected_on_receipt(guide, login, admin):
    parts = login("parts.manager")
    purchase_id = parts.env["purchase.order"].create(
        {
            "partner_id": guide["MAKER_ID"],
            "order_line": [(0, 0, {"product_id": guide["VEHICLE_PRODUCT_ID"]})],
        }
    )
    parts.env["purchase.order"].button_confirm([purchase_id])
    receipt_id = read_one(admin, "purchase.order", purchase_id, ["picking_ids"])[
        "picking_ids"
    ][0]
    invalid_vin = with_wrong_check_digit(make_vin(guide["RUN"] * 10 + 2))
    guide.update(RECEIPT_ID=receipt_id, INVALID_VIN=invalid_vin)

    run_example("error_invalid_vin", guide)

    assert guide["exception_type"] == "odoo.exceptions.UserError"
    assert guide["message"].startswith("Nothing was received. Correct these lines")
    assert f"VIN {invalid_vin} is invalid: its check digit" in guide["message"]
    receipt = read_one(admin, "stock.picking", receipt_id, ["state", "move_ids"])
    assert receipt["state"] not in ("done", "cancel")
    moves = admin.env["stock.move"].read(receipt["move_ids"], ["product_uom_qty"])
    assert [move["product_uom_qty"] for move in moves] == [1.0]
    assert not admin.env["stock.lot"].search([("name", "=", invalid_vin)])


def test_invalid_vin_rejected_on_vehicle(guide, login, admin):
    invalid_vin = with_wrong_check_digit(make_vin(guide["RUN"] * 10 + 3))
    consultant = login("consultant")
    with pytest.raises(odoorpc.error.RPCError) as error:
        consultant.env["fleet.vehicle"].create(
            {"model_id": guide["MODEL_ID"], "vin_sn": invalid_vin}
        )
    assert error.value.info["data"]["name"] == "odoo.exceptions.ValidationError"
    message = str(error.value)
    assert message.startswith(f"The VIN {invalid_vin} of vehicle ")
    assert "is invalid: its check digit" in message
    vehicles = admin.env["fleet.vehicle"].with_context(active_test=False)
    assert not vehicles.search([("vin_sn", "=", invalid_vin)])


def test_reserved_vin_rejected_on_second_deal(guide, login, admin):
    vin = make_vin(guide["RUN"] * 10 + 4)
    lot_id = receive_vins(
        login("parts.manager"),
        guide["MAKER_ID"],
        guide["VEHICLE_PRODUCT_ID"],
        [(vin, 99000.0)],
    )[0]
    consultant = login("consultant")
    deals = consultant.env["sale.order"]
    first_deal_id = deals.create(
        {"partner_id": guide["CUSTOMER_ID"], "vehicle_lot_id": lot_id}
    )
    deals.action_confirm([first_deal_id])
    first_deal = read_one(admin, "sale.order", first_deal_id, ["name"])
    guide["RESERVED_LOT_ID"] = lot_id

    run_example("error_reserved_vin", guide)

    assert guide["exception_type"] == "odoo.exceptions.UserError"
    assert guide["message"].startswith(
        f"VIN {vin} is already held by deal {first_deal['name']}"
    )
    second_deal = read_one(
        admin, "sale.order", guide["second_deal_id"], ["state", "order_line"]
    )
    assert second_deal["state"] == "draft"
    assert len(second_deal["order_line"]) == 1
    first_deal = read_one(admin, "sale.order", first_deal_id, ["state"])
    assert first_deal["state"] == "sale"
    lot = read_one(admin, "stock.lot", lot_id, ["reserved_order_id", "vin_state"])
    assert lot["reserved_order_id"] == first_deal_id
    assert lot["vin_state"] == "reserved"


def test_odometer_going_backwards_rejected(guide, login, admin):
    vehicle_id = admin.env["fleet.vehicle"].create(
        {
            "model_id": guide["MODEL_ID"],
            "vin_sn": make_vin(guide["RUN"] * 10 + 5),
            "owner_id": guide["CUSTOMER_ID"],
        }
    )
    admin.env["fleet.vehicle.odometer"].create(
        {
            "vehicle_id": vehicle_id,
            "value": 20000.0,
            "date": (date.today() - timedelta(days=90)).isoformat(),
        }
    )
    advisor = login("advisor")
    repair_id = advisor.env["repair.order"].create(
        {"vehicle_id": vehicle_id, "odometer_in": 20500.0}
    )
    readings_before = admin.env["fleet.vehicle.odometer"].search(
        [("vehicle_id", "=", vehicle_id)]
    )
    guide.update(REPAIR_ID=repair_id, LOWER_READING=19000.0)

    run_example("error_odometer_backwards", guide)

    assert guide["exception_type"] == "odoo.exceptions.ValidationError"
    repair_name = read_one(admin, "repair.order", repair_id, ["name"])["name"]
    assert guide["message"].startswith(
        f"Odometer in of {repair_name} (19000.0) is lower than the previous reading"
    )
    # The reading of this repair order itself may be corrected, but not below
    # the one before it.
    assert "(20000.0 on " in guide["message"]
    repair = read_one(admin, "repair.order", repair_id, ["odometer_in"])
    assert repair["odometer_in"] == 20500.0
    vehicle = read_one(admin, "fleet.vehicle", vehicle_id, ["odometer"])
    assert vehicle["odometer"] == 20500.0
    readings_after = admin.env["fleet.vehicle.odometer"].search(
        [("vehicle_id", "=", vehicle_id)]
    )
    assert readings_after == readings_before


def test_double_booked_test_drive_rejected(guide, login, admin):
    # Three days ahead, clear of the walk-in journey's drive of tomorrow.
    start = f"{date.today() + timedelta(days=3)} 14:00:00"
    consultant = login("consultant")
    drives = consultant.env["autocrm.test.drive"]
    first_id = drives.create(
        {
            "partner_id": guide["CUSTOMER_ID"],
            "vehicle_id": guide["DEMO_CAR_ID"],
            "date_start": start,
            "licence_number": "B-1100",
            "licence_expiry": "2030-12-31",
        }
    )
    first = read_one(
        admin, "autocrm.test.drive", first_id, ["name", "state", "date_stop"]
    )
    guide["BOOKED_SLOT_START"] = start

    run_example("error_test_drive_double_booked", guide)

    assert guide["exception_type"] == "odoo.exceptions.ValidationError"
    assert "is already booked from" in guide["message"]
    assert f"test drive ID {first_id}" in guide["message"]
    same_slot = admin.env["autocrm.test.drive"].search(
        [("vehicle_id", "=", guide["DEMO_CAR_ID"]), ("date_start", "=", start)]
    )
    assert same_slot == [first_id]
    after = read_one(
        admin, "autocrm.test.drive", first_id, ["name", "state", "date_stop"]
    )
    assert after == first
