from datetime import date, timedelta

from odoo.tests import tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestTechnicianPerformance(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        # Monday of last week, a full working week inside the report's window.
        cls.monday = today - timedelta(days=today.weekday() + 7)
        repair = cls._create_repair()
        cls.line = cls._add_labour(repair, cls.op_brakes, cls.tech_1)  # 2 hours sold
        day = cls.monday.isoformat()
        cls.env["autocrm.time.log"].create(
            [
                {
                    "employee_id": cls.tech_1.id,
                    "labour_line_id": cls.line.id,
                    "date_start": f"{day} 08:00:00",
                    "date_stop": f"{day} 10:00:00",
                },
                {
                    "employee_id": cls.tech_1.id,
                    "labour_line_id": cls.line.id,
                    "date_start": f"{day} 13:00:00",
                    "date_stop": f"{day} 15:00:00",
                },
            ]
        )
        cls.env.flush_all()
        cls.report = cls.env["autocrm.technician.performance"]

    def _row(self, day):
        return self.report.search(
            [("employee_id", "=", self.tech_1.id), ("date", "=", day)]
        )

    def test_attended_hours_from_schedule(self):
        self.assertEqual(self._row(self.monday).attended_hours, 8.0)
        saturday = self.monday + timedelta(days=5)
        self.assertEqual(self._row(saturday).attended_hours, 0.0)

    def test_clocked_and_sold_hours(self):
        row = self._row(self.monday)
        self.assertEqual(row.clocked_hours, 4.0)
        self.assertEqual(row.sold_hours, 2.0)

    def test_ratios_of_one_day(self):
        row = self._row(self.monday)
        self.assertEqual(row.utilisation, 50.0)
        self.assertEqual(row.efficiency, 50.0)
        self.assertEqual(row.productivity, 25.0)

    def test_ratios_of_a_period_use_sums(self):
        week = (self.monday, self.monday + timedelta(days=6))
        groups = self.report._read_group(
            [
                ("employee_id", "=", self.tech_1.id),
                ("date", ">=", week[0]),
                ("date", "<=", week[1]),
            ],
            ["employee_id"],
            [
                "attended_hours:sum",
                "clocked_hours:sum",
                "utilisation:avg",
                "efficiency:avg",
                "productivity:avg",
            ],
        )
        (_employee, attended, clocked, utilisation, efficiency, productivity) = groups[
            0
        ]
        self.assertEqual(attended, 40.0)
        self.assertEqual(clocked, 4.0)
        # 4 clocked of 40 attended hours is 10 %, not the mean of daily ratios.
        self.assertAlmostEqual(utilisation, 10.0)
        self.assertAlmostEqual(efficiency, 50.0)
        self.assertAlmostEqual(productivity, 5.0)

    def test_pivot_cells_use_sums(self):
        week_end = self.monday + timedelta(days=6)
        groups = self.report.formatted_read_grouping_sets(
            [
                ("employee_id", "=", self.tech_1.id),
                ("date", ">=", self.monday),
                ("date", "<=", week_end),
            ],
            [["employee_id"], []],
            ["utilisation:avg", "efficiency:avg"],
        )
        by_employee, total = groups
        self.assertAlmostEqual(by_employee[0]["utilisation:avg"], 10.0)
        self.assertAlmostEqual(total[0]["utilisation:avg"], 10.0)
        self.assertAlmostEqual(total[0]["efficiency:avg"], 50.0)

    def test_declined_labour_sells_nothing(self):
        self.line.approval_state = "declined"
        self.env.flush_all()
        self.assertEqual(self._row(self.monday).sold_hours, 0.0)

    def test_technician_sees_own_figures_only(self):
        own = self.report.with_user(self.tech_user_2).search([])
        self.assertNotIn(self.tech_1, own.employee_id)
        self.assertTrue(
            self.report.with_user(self.foreman).search(
                [("employee_id", "=", self.tech_1.id)]
            )
        )
