from datetime import datetime, time

from odoo import Command
from odoo.tests import tagged

from .common import CostingCase, render_xlsx


@tagged("post_install", "-at_install")
class TestRepairProfit(CostingCase):
    """A repair order with customer and warranty lines, costed per payer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.oem = cls.env["res.partner"].create({"name": "Volkswagen Warranty"})
        brand = cls.env["fleet.vehicle.model.brand"].create(
            {
                "name": "Volkswagen",
                "warranty_partner_id": cls.oem.id,
                "warranty_labour_rate": 60.0,
            }
        )
        model = cls.env["fleet.vehicle.model"].create(
            {"name": "Lavida", "brand_id": brand.id}
        )
        cls.car = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "owner_id": cls.customer.id}
        )
        cls.part.warranty_price = 20.0
        cls.technician = cls.env["hr.employee"].create(
            {
                "name": "Tom Technician",
                "is_workshop_technician": True,
                "costing_hourly_cost": 30.0,
            }
        )
        cls.inspector = cls.env.user

    def _repair(self):
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "vehicle_id": self.car.id,
                "service_type": "repair",
                "user_id": self.consultant.id,
                "labour_line_ids": [
                    Command.create(
                        {
                            "name": "Replace filter",
                            "hours": 1.5,
                            "labour_rate": 100.0,
                            "payer": "customer",
                            "approval_state": "approved",
                            "technician_ids": [Command.set(self.technician.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Warranty: replace sensor",
                            "hours": 1.0,
                            "labour_rate": 100.0,
                            "payer": "warranty",
                            "approval_state": "approved",
                            "technician_ids": [Command.set(self.technician.ids)],
                        }
                    ),
                ],
            }
        )
        # approval_state is given because creating two lines of one repair
        # order in one call otherwise trips a singleton check of the workshop.
        repair.move_ids = [
            Command.create(
                {
                    "repair_line_type": "add",
                    "product_id": self.part.id,
                    "product_uom_qty": quantity,
                    "payer": payer,
                    "approval_state": "approved",
                }
            )
            for quantity, payer in ((2, "customer"), (1, "warranty"))
        ]

        customer_line, warranty_line = repair.labour_line_ids
        self.env["autocrm.time.log"].create(
            [
                {
                    "employee_id": self.technician.id,
                    "labour_line_id": customer_line.id,
                    "date_start": datetime.combine(self.today, time(8)),
                    "date_stop": datetime.combine(self.today, time(10)),
                },
                {
                    "employee_id": self.technician.id,
                    "labour_line_id": warranty_line.id,
                    "date_start": datetime.combine(self.today, time(10)),
                    "date_stop": datetime.combine(self.today, time(11)),
                },
            ]
        )

        repair.action_workshop_start()
        repair.quality_inspector_id = self.inspector
        repair.action_repair_end()
        repair.action_create_invoices()
        repair.sale_order_id.invoice_ids.action_post()

        claim = repair.warranty_claim_ids
        claim.action_submit()
        claim.action_approve()
        claim.action_create_invoice()
        claim.invoice_id.action_post()
        return repair

    def _row(self, repair, payer):
        return self.env["autocrm.costing.repair"].search(
            [("repair_id", "=", repair.id), ("payer", "=", payer)]
        )

    def test_customer_row(self):
        repair = self._repair()
        row = self._row(repair, "customer")
        self.assertEqual(row.labour_revenue, 150.0)  # 1.5 h x 100.00
        self.assertEqual(row.labour_cost, 60.0)  # 2 h clocked x 30.00
        self.assertEqual(row.parts_revenue, 60.0)  # 2 x 30.00
        self.assertEqual(row.parts_cost, 25.0)  # 2 x 12.50
        self.assertEqual(row.gross_profit, 125.0)

    def test_warranty_line_is_not_customer_revenue(self):
        repair = self._repair()
        customer_invoice = repair.sale_order_id.invoice_ids
        self.assertEqual(customer_invoice.amount_untaxed, 210.0)
        row = self._row(repair, "warranty")
        # The OEM pays 1 x 20.00 for the part and 1 h x 60.00 for labour.
        self.assertEqual(row.parts_revenue, 20.0)
        self.assertEqual(row.labour_revenue, 60.0)
        self.assertEqual(row.parts_cost, 12.5)
        self.assertEqual(row.labour_cost, 30.0)
        self.assertEqual(row.gross_profit, 37.5)

    def test_department_results_of_workshop(self):
        self._repair()
        labour = self._result("autocrm_costing.department_service_labour")
        parts = self._result("autocrm_costing.department_parts_workshop")
        self.assertEqual(labour, (210.0, 90.0, 120.0))
        self.assertEqual(parts, (80.0, 37.5, 42.5))

    def test_labour_hours_sold_target(self):
        labour = self.env.ref("autocrm_costing.department_service_labour")
        # Demo data may hold this month's target and hours sold already: the
        # test uses that target and checks what its repair order adds.
        targets = self.env["autocrm.costing.target"]
        target = targets.search(
            [
                ("company_id", "=", self.company.id),
                ("kpi", "=", "labour_hours_sold"),
                ("period_type", "=", "month"),
                ("department_id", "=", labour.id),
                ("user_id", "=", False),
                ("date_from", "=", self.month),
            ]
        ) or targets.create(
            {
                "kpi": "labour_hours_sold",
                "scope": "department",
                "department_id": labour.id,
                "date_from": self.month,
                "target_value": 10.0,
            }
        )
        before = target.actual_value
        self._repair()
        target.invalidate_recordset(["actual_value"])
        # 1.5 h invoiced to the customer and 1 h claimed from the OEM.
        self.assertAlmostEqual(target.actual_value - before, 2.5, places=2)

    def test_technician_efficiency_target(self):
        self.technician.user_id = self.consultant
        self._repair()
        target = self.env["autocrm.costing.target"].create(
            {
                "kpi": "technician_efficiency",
                "user_id": self.consultant.id,
                "date_from": self.month,
                "target_value": 100.0,
            }
        )
        # 2.5 flat-rate hours sold for 3 hours clocked.
        self.assertAlmostEqual(target.actual_value, 100.0 * 2.5 / 3, places=2)

    def test_xlsx_export_per_payer(self):
        repair = self._repair()
        rows = self.env["autocrm.costing.repair"].search(
            [("repair_id", "=", repair.id)], order="payer"
        )
        sheet = render_xlsx(self.env, "autocrm_costing.repair_xlsx", rows)
        self.assertEqual(sheet["A1"].value, "Repair Order Profitability")
        headers = [cell.value for cell in sheet[6]]
        by_payer = {
            sheet[row][headers.index("Payer")].value: sheet[row] for row in (7, 8)
        }
        self.assertEqual(set(by_payer), {"Customer", "OEM Warranty"})
        customer = by_payer["Customer"]
        self.assertEqual(customer[headers.index("Repair Order")].value, repair.name)
        self.assertEqual(customer[headers.index("Labour Revenue")].value, 150)
        self.assertEqual(customer[headers.index("Labour Cost")].value, 60)
        self.assertEqual(
            by_payer["OEM Warranty"][headers.index("Parts Revenue")].value, 20
        )
        totals = sheet[9]
        self.assertEqual(totals[0].value, "Total")
        self.assertEqual(totals[headers.index("Gross Profit")].value, 162.5)

    def test_xlsx_export_as_accountant(self):
        repair = self._repair()
        # Read as the accountant, not from what the superuser cached.
        self.env.invalidate_all()
        rows = (
            self.env["autocrm.costing.repair"]
            .with_user(self.accountant)
            .search([("repair_id", "=", repair.id)])
        )
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertEqual(row.display_name, repair.name)
        sheet = render_xlsx(rows.env, "autocrm_costing.repair_xlsx", rows)
        headers = [cell.value for cell in sheet[6]]
        for row in (7, 8):
            self.assertEqual(
                sheet[row][headers.index("Repair Order")].value, repair.name
            )
