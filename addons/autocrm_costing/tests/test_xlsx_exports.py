from datetime import datetime

from odoo.tests import tagged

from .common import CostingCase, render_xlsx


@tagged("post_install", "-at_install")
class TestXlsxExports(CostingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # NOTE: the department and absorption sheets show whole-month store
        # totals, so their checks still fail on a database with demo data.
        cls._counter_sale(4, 30.0)  # 120.00 revenue, 50.00 cost
        cls._vendor_bill(cls.account_rent, 3000.0)

    def _check_header(self, sheet, title):
        self.assertEqual(sheet["A1"].value, title)
        self.assertEqual(sheet["A2"].value, "Store")
        self.assertEqual(sheet["B2"].value, self.company.name)
        self.assertEqual(sheet["A3"].value, "Period")
        self.assertEqual(sheet["A4"].value, "Made at")
        self.assertTrue(sheet["B4"].value.startswith(f"{self.today:%Y-%m-%d}"))

    def test_department_results(self):
        results = self.env["autocrm.costing.department.result"].search(
            [("company_id", "=", self.company.id), ("month", "=", self.month)]
        )
        sheet = render_xlsx(self.env, "autocrm_costing.department_result_xlsx", results)
        self._check_header(sheet, "Department Results")
        month = f"{self.month:%Y-%m-%d}"
        self.assertEqual(sheet["B3"].value, f"{month} - {month}")
        self.assertEqual(
            [cell.value for cell in sheet[6]],
            ["Month", "Store", "Department", "Revenue", "Cost", "Gross Profit"],
        )
        parts, fixed, total = sheet[7], sheet[8], sheet[9]
        self.assertEqual(parts[0].value, datetime(*self.month.timetuple()[:3]))
        self.assertEqual(parts[0].number_format, "yyyy-mm-dd")
        self.assertEqual(parts[2].value, "Parts (Counter)")
        self.assertEqual([cell.value for cell in parts[3:]], [120, 50, 70])
        self.assertEqual(parts[3].number_format, "#,##0.00")
        self.assertEqual(fixed[2].value, "Fixed Costs")
        self.assertEqual([cell.value for cell in fixed[3:]], [0, 3000, -3000])
        self.assertEqual(total[0].value, "Total")
        self.assertEqual([cell.value for cell in total[3:]], [120, 3050, -2930])
        self.assertIsNone(sheet["A10"].value)

    def test_absorption(self):
        absorption = self.env["autocrm.costing.absorption"].search(
            [("company_id", "=", self.company.id), ("month", "=", self.month)]
        )
        sheet = render_xlsx(self.env, "autocrm_costing.absorption_xlsx", absorption)
        self._check_header(sheet, "Service Absorption")
        row = [cell.value for cell in sheet[7]]
        self.assertEqual(row[2:], [0, 70, 3000, -2930, 2.33])
        self.assertEqual(sheet[7][6].number_format, "0.00")
        # A ratio has no total: the totals row leaves it empty.
        self.assertIsNone(sheet[8][6].value)

    def test_part_number_stays_text(self):
        self.part.default_code = "00123"
        self._counter_sale(1, 30.0)
        lines = self.env["autocrm.costing.line"].search(
            [("product_id", "=", self.part.id), ("source", "=", "journal")],
            order="id desc",
            limit=1,
        )
        sheet = render_xlsx(self.env, "autocrm_costing.line_xlsx", lines)
        headers = [cell.value for cell in sheet[6]]
        part_cell = sheet[7][headers.index("Part Number")]
        self.assertEqual(part_cell.value, "00123")
        self.assertEqual(part_cell.data_type, "s")
        self.assertEqual(part_cell.number_format, "@")
        self.assertEqual(sheet[7][headers.index("Revenue")].value, 30)

    def test_targets_have_no_meaningless_totals(self):
        targets = self.env["autocrm.costing.target"].create(
            [
                {
                    "kpi": "parts_revenue",
                    "scope": "department",
                    "department_id": self.env.ref(
                        "autocrm_costing.department_parts_counter"
                    ).id,
                    "date_from": self.month,
                    "target_value": 240.0,
                },
                {
                    "kpi": "vehicles_delivered",
                    "user_id": self.consultant.id,
                    "date_from": self.month,
                    "target_value": 8.0,
                },
            ]
        )
        sheet = render_xlsx(self.env, "autocrm_costing.target_xlsx", targets)
        self._check_header(sheet, "Targets")
        headers = [cell.value for cell in sheet[6]]
        rows = {sheet[row][headers.index("KPI")].value: sheet[row] for row in (7, 8)}
        parts = rows["Parts Revenue"]
        self.assertEqual(parts[headers.index("Target")].value, 240)
        self.assertEqual(parts[headers.index("Actual")].value, 120)
        self.assertEqual(parts[headers.index("Completion (%)")].value, 50)
        self.assertEqual(sheet[9][0].value, "Total")
        self.assertIsNone(sheet[9][headers.index("Target")].value)
