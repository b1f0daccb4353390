"""Service visit through the external API, one test per step.

Each step runs the matching examples of docs/api.md as the role that does
the step in a store, then checks the database as admin.
"""

from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from api_guide import run_example
from conftest import expected_followups, read_one
from store import next_free_slot

# The service vehicle's last reading is 15,000 (see store.py).
ODOMETER_IN = 15480.0
LABOUR_RATE = 100.0
# Customer: oil change 1 h and brakes 2 h at 100, oil filter 20, brake pads 90.
CUSTOMER_UNTAXED = 1 * LABOUR_RATE + 2 * LABOUR_RATE + 20.0 + 90.0
# Warranty: water pump 3 h at the brand's warranty rate of 80, pump at 200.
WARRANTY_CLAIMED = 3 * 80.0 + 200.0


@pytest.fixture(scope="class")
def guide(guide_inputs, admin):
    """Namespace shared by the journey's examples, seeded with its inputs."""
    slot = next_free_slot(admin, guide_inputs["TECHNICIAN_EMPLOYEE_ID"])
    namespace = dict(guide_inputs, SLOT_START=slot, ODOMETER_IN=ODOMETER_IN)
    run_example("connect", namespace)
    return namespace


def maintenance_settings(admin, company_id):
    """Return the store's maintenance settings, read the way the workshop does."""
    settings = admin.env["autocrm.service.type"].search_read(
        [("code", "=", "maintenance"), ("company_id", "=", company_id)],
        ["appointment_hours", "interval_months", "interval_km"],
        limit=1,
    )
    assert settings, "the store has no maintenance service type"
    return settings[0]


@pytest.mark.journey
class TestServiceVisit:
    def test_01_appointment_booked(self, guide, admin):
        run_example("appointment", guide)
        appointment = read_one(
            admin,
            "autocrm.service.appointment",
            guide["appointment_id"],
            ["state", "technician_id", "start_datetime", "stop_datetime"],
        )
        assert appointment["state"] == "booked"
        assert appointment["technician_id"] == guide["TECHNICIAN_EMPLOYEE_ID"]
        settings = maintenance_settings(admin, guide["COMPANY_ID"])
        start = datetime.fromisoformat(appointment["start_datetime"])
        stop = start + timedelta(hours=settings["appointment_hours"])
        assert appointment["stop_datetime"] == stop.strftime("%Y-%m-%d %H:%M:%S")

    def test_02_check_in_opens_repair_order(self, guide, admin):
        run_example("check_in", guide)
        appointment = read_one(
            admin,
            "autocrm.service.appointment",
            guide["appointment_id"],
            ["state", "repair_id"],
        )
        assert appointment["state"] == "checked_in"
        assert appointment["repair_id"] == guide["repair_id"]
        repair = read_one(
            admin,
            "repair.order",
            guide["repair_id"],
            ["partner_id", "vehicle_id", "workshop_state", "labour_line_ids"],
        )
        assert repair["partner_id"] == guide["CUSTOMER_ID"]
        assert repair["vehicle_id"] == guide["SERVICE_VEHICLE_ID"]
        assert repair["workshop_state"] == "in_progress"
        labour = admin.env["autocrm.labour.line"].read(
            repair["labour_line_ids"], ["operation_id", "hours", "approval_state"]
        )
        assert [line["operation_id"][0] for line in labour] == [guide["OIL_CHANGE_ID"]]
        assert labour[0]["hours"] == 1.0
        assert labour[0]["approval_state"] == "approved"
        vehicle = read_one(
            admin, "fleet.vehicle", guide["SERVICE_VEHICLE_ID"], ["odometer"]
        )
        assert vehicle["odometer"] == ODOMETER_IN

    def test_03_extra_work_approved(self, guide, admin, role_users):
        run_example("extra_work", guide)
        # action_approve accepts only proposed lines, so each line was proposed.
        for model, record_id in (
            ("autocrm.labour.line", guide["brakes_id"]),
            ("autocrm.labour.line", guide["pump_labour_id"]),
            ("stock.move", guide["pads_id"]),
            ("stock.move", guide["pump_id"]),
        ):
            line = read_one(
                admin,
                model,
                record_id,
                ["approval_state", "decision_partner_id", "decision_user_id"],
            )
            assert line["approval_state"] == "approved", (model, record_id)
            assert line["decision_partner_id"] == guide["CUSTOMER_ID"]
            assert line["decision_user_id"] == role_users["advisor"]

    def test_04_technician_clocks(self, guide, admin):
        run_example("clocking", guide)
        logs = admin.env["autocrm.time.log"].search_read(
            [("repair_id", "=", guide["repair_id"])],
            ["employee_id", "labour_line_id", "date_stop"],
        )
        assert len(logs) == 3
        for log in logs:
            assert log["employee_id"][0] == guide["TECHNICIAN_EMPLOYEE_ID"]
            assert log["date_stop"]
        clocked_lines = {log["labour_line_id"][0] for log in logs}
        repair = read_one(
            admin, "repair.order", guide["repair_id"], ["labour_line_ids"]
        )
        assert clocked_lines == set(repair["labour_line_ids"])

    def test_05_quality_check_signed(self, guide, admin, role_users):
        run_example("quality_check", guide)
        repair = read_one(
            admin,
            "repair.order",
            guide["repair_id"],
            ["workshop_state", "state", "quality_inspector_id"],
        )
        assert repair["workshop_state"] == "ready"
        assert repair["state"] == "done"
        assert repair["quality_inspector_id"] == role_users["foreman"]

    def test_06_invoice_per_payer_and_delivery(self, guide, admin, journeys):
        run_example("invoice_and_deliver", guide)
        repair = read_one(
            admin,
            "repair.order",
            guide["repair_id"],
            ["workshop_state", "sale_order_id", "warranty_claim_ids"],
        )
        assert repair["workshop_state"] == "delivered"
        invoices = admin.env["account.move"].read(
            guide["invoice_ids"], ["partner_id", "state", "amount_untaxed"]
        )
        assert len(invoices) == 1
        assert invoices[0]["partner_id"][0] == guide["CUSTOMER_ID"]
        assert invoices[0]["state"] == "posted"
        assert invoices[0]["amount_untaxed"] == CUSTOMER_UNTAXED
        claims = admin.env["autocrm.warranty.claim"].read(
            repair["warranty_claim_ids"], ["partner_id", "claimed_amount"]
        )
        assert len(claims) == 1
        assert claims[0]["partner_id"][0] == guide["MAKER_ID"]
        assert claims[0]["claimed_amount"] == WARRANTY_CLAIMED
        journeys["repair"] = {
            "REPAIR_ID": guide["repair_id"],
            "CUSTOMER_UNTAXED": CUSTOMER_UNTAXED,
        }

    def test_07_next_service_and_followups(self, guide, admin):
        settings = maintenance_settings(admin, guide["COMPANY_ID"])
        vehicle = read_one(
            admin,
            "fleet.vehicle",
            guide["SERVICE_VEHICLE_ID"],
            ["next_service_date", "next_service_odometer"],
        )
        next_date = date.today() + relativedelta(months=settings["interval_months"])
        assert vehicle["next_service_date"] == next_date.isoformat()
        assert vehicle["next_service_odometer"] == ODOMETER_IN + settings["interval_km"]
        expected = expected_followups(admin, "repair_done", guide["COMPANY_ID"])
        assert expected, "the database has no follow-up rule for repairs"
        planned = {
            followup["rule_id"][0]: (followup["due_date"], followup["state"])
            for followup in guide["repair_followups"]
        }
        assert planned == expected
