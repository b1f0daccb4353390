"""Month end through the external API: the profit of the two journeys.

The accountant reads the deal delivered by the walk-in journey and the repair
order of the service journey, so those journeys must run first in the same
session (pytest runs the files in name order).
"""

from collections import defaultdict
from datetime import date

import pytest

from api_guide import run_example

PACKAGE_PRICE = 2000.0
ACCESSORY_REVENUE = 1000.0 + 666.67
# Cost of the gift, the Welcome Umbrella of store.py.
GIFT_COST = 25.0
INSURANCE_REBATE = 630.0
# Lender's commission plus the customer's loan arrangement fee.
FINANCE_REVENUE = 1600.0 + 800.0
# The oil filter costs 8 and the brake pads 40. The water pump costs 120.
CUSTOMER_PARTS_COST = 48.0
WARRANTY_PARTS_COST = 120.0


@pytest.fixture(scope="class")
def guide(guide_inputs, journeys):
    """Namespace of the examples, with the ids the earlier journeys made."""
    missing = [name for name in ("deal", "repair") if name not in journeys]
    if missing:
        pytest.fail(
            "The month end reads the results of the walk-in and service "
            f"journeys, but these did not finish: {', '.join(missing)}. Run "
            "the whole tests/ folder."
        )
    namespace = dict(guide_inputs, **journeys["deal"], **journeys["repair"])
    run_example("connect", namespace)
    return namespace


def sum_by_department(lines):
    totals = defaultdict(lambda: {"revenue": 0.0, "cost": 0.0})
    for line in lines:
        department_id = line["department_id"][0]
        totals[department_id]["revenue"] += line["revenue"]
        totals[department_id]["cost"] += line["cost"]
    return totals


@pytest.mark.journey
class TestMonthEnd:
    def test_01_deal_profitability(self, guide):
        run_example("deal_profitability", guide)
        profit = guide["deal_profit"]
        assert profit["vehicle_revenue"] == guide["VEHICLE_PRICE"]
        assert profit["vehicle_cost"] == guide["VIN_COST"]
        assert profit["accessory_revenue"] == ACCESSORY_REVENUE
        assert profit["gift_cost"] == GIFT_COST
        assert profit["insurance_revenue"] == INSURANCE_REBATE
        assert profit["finance_revenue"] == FINANCE_REVENUE
        revenue = (
            guide["VEHICLE_PRICE"] + PACKAGE_PRICE + INSURANCE_REBATE + FINANCE_REVENUE
        )
        assert profit["revenue"] == pytest.approx(revenue, abs=0.001)
        assert profit["gross_profit"] == round(profit["revenue"] - profit["cost"], 2)
        margin = round(100 * profit["gross_profit"] / profit["revenue"], 2)
        assert profit["margin"] == margin

    def test_02_repair_profitability(self, guide):
        run_example("repair_profitability", guide)
        rows = {row["payer"]: row for row in guide["repair_profit"]}
        assert set(rows) == {"customer", "warranty"}
        customer = rows["customer"]
        assert customer["revenue"] == guide["CUSTOMER_UNTAXED"]
        assert customer["labour_revenue"] == 300.0
        assert customer["parts_revenue"] == 110.0
        assert customer["parts_cost"] == CUSTOMER_PARTS_COST
        # The warranty claim is not invoiced to the manufacturer yet.
        assert rows["warranty"]["revenue"] == 0.0
        assert rows["warranty"]["parts_cost"] == WARRANTY_PARTS_COST

    def test_03_department_results(self, guide, admin):
        run_example("department_results", guide)
        month_start = date.today().replace(day=1)
        lines = admin.env["autocrm.costing.line"].search_read(
            [
                ("company_id", "=", guide["COMPANY_ID"]),
                ("date", ">=", month_start.isoformat()),
                ("date", "<=", date.today().isoformat()),
                ("department_id", "!=", False),
            ],
            ["department_id", "department_kind", "deal_id", "repair_id"]
            + ["revenue", "cost"],
        )
        expected = sum_by_department(lines)

        results = {row["department_id"][0]: row for row in guide["department_results"]}
        assert set(results) == set(expected)
        for department_id, totals in expected.items():
            row = results[department_id]
            assert row["revenue"] == pytest.approx(totals["revenue"], abs=0.001)
            assert row["cost"] == pytest.approx(totals["cost"], abs=0.001)

        deal_lines = [
            line
            for line in lines
            if line["deal_id"] and line["deal_id"][0] == guide["DEAL_ID"]
        ]
        repair_lines = [
            line
            for line in lines
            if line["repair_id"] and line["repair_id"][0] == guide["REPAIR_ID"]
        ]
        deal_revenue = sum(line["revenue"] for line in deal_lines)
        assert deal_revenue == pytest.approx(
            guide["VEHICLE_PRICE"] + PACKAGE_PRICE + INSURANCE_REBATE + FINANCE_REVENUE,
            abs=0.001,
        )
        assert {line["department_kind"] for line in deal_lines} == {"sales"}

        repair_revenue = sum(line["revenue"] for line in repair_lines)
        assert repair_revenue == guide["CUSTOMER_UNTAXED"]
        assert {line["department_kind"] for line in repair_lines} == {"after_sales"}

    def test_04_accountant_reads_repair_row_names(self, guide):
        accountant = guide["connect"]("accountant", "accountant")
        rows = accountant.env["autocrm.costing.repair"].search_read(
            [("repair_id", "=", guide["REPAIR_ID"])], ["display_name"]
        )
        assert len(rows) == 2
