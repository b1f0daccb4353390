"""Store costs, maker incentives and targets, so the profit reports close."""

from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command

# Monthly fixed costs of a store: (generic chart account code, label, share
# of the total, partner key).
FIXED_COSTS = [
    ("612000", "Showroom and workshop rent", 0.3, "landlord"),
    ("630000", "Salaries of the after-sales staff", 0.6, "payroll"),
    ("600000", "Power, water and cleaning", 0.1, "utility"),
]
# A store's monthly fixed costs per vehicle it delivers in the two years of
# history, so that costs grow with the store's size and its profit stays
# near the thin margin of real dealers.
FIXED_COST_PER_DELIVERY = 160.0
# Months of fixed costs, and the maker's bonus per vehicle delivered.
FIXED_COST_MONTHS = 24
INCENTIVE_PER_VEHICLE = 450.0
FREIGHT_PER_VEHICLE = 1095.0
# Income account of the generic chart.
INCOME_ACCOUNT = "400000"


class AccountingMixin:
    """Post the costs that no deal or job carries, and set the targets."""

    def _account(self, store, code):
        # Account codes are per company: search in the store's company.
        account = store.env["account.account"].search(
            [("code", "=", code), ("company_ids", "in", store.company.ids)], limit=1
        )
        if not account:
            raise ValueError(
                f"Account {code} is missing in {store.company.name}: the demo "
                "store needs Odoo's generic chart of accounts."
            )
        return account

    def _post_fixed_costs(self, store):
        """Bill rent, salaries and utilities for every month of the history."""
        rng = self._rng(store, "fixed-costs")
        month = fields.Date.start_of(self.today, "month")
        deliveries = sum(unit.stage == "delivered" for unit in store.units)
        monthly = FIXED_COST_PER_DELIVERY * deliveries
        vals_list = []
        for offset in range(FIXED_COST_MONTHS, -1, -1):
            billed_on = month - relativedelta(months=offset) + timedelta(days=2)
            if billed_on > self.today:
                continue
            for code, label, share, partner_key in FIXED_COSTS:
                vals_list.append(
                    {
                        "move_type": "in_invoice",
                        "company_id": store.company.id,
                        "partner_id": self.partners[partner_key].id,
                        "invoice_date": billed_on,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": f"{label}, {billed_on:%B %Y}",
                                    "account_id": self._account(store, code).id,
                                    "price_unit": round(
                                        monthly * share * rng.uniform(0.96, 1.04), 2
                                    ),
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
        store.env["account.move"].create(vals_list).action_post()

    def _post_vehicle_costs(self, store):
        """Bill freight per delivered VIN and invoice the maker's bonus.

        Both name only the VIN, as the maker's documents do, so the profit
        report finds the deal through the VIN.
        """
        by_quarter = defaultdict(list)
        for deal in store.deals.values():
            if deal.vehicle_delivered:
                delivered = deal.vehicle_lot_id.delivery_date
                quarter = fields.Date.end_of(delivered, "quarter")
                by_quarter[quarter].append(deal.vehicle_lot_id)
        maker = self.partners["maker", store.code]
        vals_list = []
        for quarter_end, lots in sorted(by_quarter.items()):
            billed_on = min(quarter_end + timedelta(days=15), self.today)
            for move_type, code, amount, label, category in (
                ("in_invoice", "600000", FREIGHT_PER_VEHICLE, "Freight", "vehicle"),
                (
                    "out_invoice",
                    INCOME_ACCOUNT,
                    INCENTIVE_PER_VEHICLE,
                    "Volume bonus",
                    "incentive",
                ),
            ):
                vals_list.append(
                    {
                        "move_type": move_type,
                        "company_id": store.company.id,
                        "partner_id": maker.id,
                        "invoice_date": billed_on,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": f"{label}, VIN {lot.name}",
                                    "account_id": self._account(store, code).id,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                    "costing_lot_id": lot.id,
                                    "costing_category": category,
                                }
                            )
                            for lot in lots
                        ],
                    }
                )
        store.env["account.move"].create(vals_list).action_post()

    def _create_targets(self, store):
        """Set department and consultant targets for the last months."""
        month = fields.Date.start_of(self.today, "month")
        departments = {
            key: self.env.ref(f"autocrm_costing.department_{key}")
            for key in ("new_vehicles", "service_labour", "parts_counter")
        }
        scale = 1 + self.size
        vals_list = []
        for offset in range(3, -1, -1):
            start = month - relativedelta(months=offset)
            common = {"company_id": store.company.id, "date_from": start}
            vals_list += [
                {
                    **common,
                    "scope": "department",
                    "department_id": departments["new_vehicles"].id,
                    "kpi": "gross_profit",
                    "target_value": 9000.0 * scale,
                },
                {
                    **common,
                    "scope": "department",
                    "department_id": departments["service_labour"].id,
                    "kpi": "labour_hours_sold",
                    "target_value": 12.0 * scale,
                },
                {
                    **common,
                    "scope": "department",
                    "department_id": departments["parts_counter"].id,
                    "kpi": "parts_revenue",
                    "target_value": 700.0 * scale,
                },
            ]
            for consultant in store.staff["consultant"]:
                vals_list += [
                    {
                        **common,
                        "scope": "employee",
                        "user_id": consultant.id,
                        "kpi": kpi,
                        "target_value": value,
                    }
                    for kpi, value in (
                        ("vehicles_delivered", 1.0),
                        ("gross_profit", 3000.0),
                        ("insurance_penetration", 70.0),
                        ("finance_penetration", 50.0),
                        ("lead_conversion", 25.0),
                    )
                ]
        # The costing module's demo data may have set some of them already.
        existing = {
            (target.kpi, target.date_from, target.department_id.id, target.user_id.id)
            for target in self.env["autocrm.costing.target"].search(
                [("company_id", "=", store.company.id)]
            )
        }
        self.env["autocrm.costing.target"].create(
            [
                vals
                for vals in vals_list
                if (
                    vals["kpi"],
                    vals["date_from"],
                    vals.get("department_id", False),
                    vals.get("user_id", False),
                )
                not in existing
            ]
        )
