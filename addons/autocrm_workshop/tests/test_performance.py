from datetime import date, timedelta

from odoo.fields import Command
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


@tagged("post_install", "-at_install")
class TestAttendedHours(WorkshopCommon):
    """Attended hours follow the schedule of each day, less time off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        # Monday of last week, a full working week inside the report's window.
        cls.monday = today - timedelta(days=today.weekday() + 7)
        cls.report = cls.env["autocrm.technician.performance"]
        # The first version covers every day before the change tested below.
        (cls.tech_1 | cls.tech_2).version_id.date_version = date(2000, 1, 1)

    def _day(self, offset):
        return self.monday + timedelta(days=offset)

    def _at(self, offset, hour):
        """Return the UTC datetime string of `hour` on the given week day."""
        return f"{self._day(offset).isoformat()} {hour:02d}:00:00"

    def _row(self, employee, offset):
        # The view numbers its rows anew on every query, so values cached for
        # an id may belong to another row after a change.
        self.env.flush_all()
        self.report.invalidate_model()
        return self.report.search(
            [("employee_id", "=", employee.id), ("date", "=", self._day(offset))]
        )

    def _attended(self, employee, offset):
        return self._row(employee, offset).attended_hours

    def _add_leave(self, offset_from, hour_from, offset_to, hour_to, **vals):
        values = {
            "name": "Test leave",
            "date_from": self._at(offset_from, hour_from),
            "date_to": self._at(offset_to, hour_to),
        }
        values.update(vals)
        return self.env["resource.calendar.leaves"].create(values)

    def test_public_holiday_not_attended(self):
        self._add_leave(
            1, 0, 2, 0, calendar_id=self.calendar.id, company_id=self.company.id
        )
        self.assertEqual(self._attended(self.tech_1, 0), 8.0)
        self.assertEqual(self._attended(self.tech_1, 1), 0.0)
        self.assertEqual(self._attended(self.tech_2, 1), 0.0)

    def test_company_holiday_without_schedule(self):
        self._add_leave(2, 0, 3, 0, calendar_id=False, company_id=self.company.id)
        self.assertEqual(self._attended(self.tech_1, 2), 0.0)

    def test_other_schedule_holiday_ignored(self):
        other_calendar = self.calendar.copy({"name": "Other schedule"})
        self._add_leave(
            1, 0, 2, 0, calendar_id=other_calendar.id, company_id=self.company.id
        )
        self.assertEqual(self._attended(self.tech_1, 1), 8.0)

    def test_personal_leave_subtracted(self):
        self._add_leave(2, 8, 2, 12, resource_id=self.tech_1.resource_id.id)
        self.assertEqual(self._attended(self.tech_1, 2), 4.0)
        self.assertEqual(self._attended(self.tech_2, 2), 8.0)

    def test_other_time_off_type_attended(self):
        """Time off of type Other (a training, say) is still working time."""
        self._add_leave(
            2, 8, 2, 12, resource_id=self.tech_1.resource_id.id, time_type="other"
        )
        self.assertEqual(self._attended(self.tech_1, 2), 8.0)

    def test_overlapping_leaves_counted_once(self):
        resource = self.tech_1.resource_id.id
        self._add_leave(3, 8, 3, 12, resource_id=resource)
        self._add_leave(3, 10, 3, 14, resource_id=resource)
        self._add_leave(
            3, 11, 3, 13, calendar_id=self.calendar.id, company_id=self.company.id
        )
        # 08:00-14:00 is off: 4 morning hours and 1 afternoon hour.
        self.assertEqual(self._attended(self.tech_1, 3), 3.0)

    def test_schedule_change_mid_period(self):
        mornings = self.env["resource.calendar"].create(
            {
                "name": "Workshop mornings UTC",
                "tz": "UTC",
                "attendance_ids": [
                    Command.clear(),
                    *[
                        Command.create(
                            {
                                "name": f"Day {day} morning",
                                "dayofweek": str(day),
                                "hour_from": 8,
                                "hour_to": 12,
                                "day_period": "morning",
                            }
                        )
                        for day in range(5)
                    ],
                ],
            }
        )
        self.tech_2.create_version(
            {"date_version": self._day(2), "resource_calendar_id": mornings.id}
        )
        attended = [self._attended(self.tech_2, offset) for offset in range(5)]
        self.assertEqual(attended, [8.0, 8.0, 4.0, 4.0, 4.0])
        self.assertEqual(self._attended(self.tech_1, 4), 8.0)

    def test_holiday_follows_schedule_of_day(self):
        """A holiday of the old schedule no longer applies after the change."""
        new_calendar = self.calendar.copy({"name": "New schedule"})
        self.tech_2.create_version(
            {"date_version": self._day(2), "resource_calendar_id": new_calendar.id}
        )
        self._add_leave(
            0, 0, 5, 0, calendar_id=self.calendar.id, company_id=self.company.id
        )
        attended = [self._attended(self.tech_2, offset) for offset in range(5)]
        self.assertEqual(attended, [0.0, 0.0, 8.0, 8.0, 8.0])

    def test_no_attendance_outside_contract(self):
        self.tech_2.version_id.write(
            {"contract_date_start": date(2000, 1, 1), "contract_date_end": self._day(1)}
        )
        self.assertEqual(self._attended(self.tech_2, 1), 8.0)
        self.assertEqual(self._attended(self.tech_2, 2), 0.0)

    def test_time_zone_of_technician(self):
        """Working times, leaves and clocked time use the technician's day."""
        shanghai = self.calendar.copy(
            {"name": "Workshop Shanghai", "tz": "Asia/Shanghai"}
        )
        self.tech_2.write({"tz": "Asia/Shanghai"})
        self.tech_2.version_id.resource_calendar_id = shanghai
        # 00:00-04:00 UTC is 08:00-12:00 on Wednesday in Shanghai (UTC+8).
        self._add_leave(2, 0, 2, 4, resource_id=self.tech_2.resource_id.id)
        self.assertEqual(self._attended(self.tech_2, 1), 8.0)
        self.assertEqual(self._attended(self.tech_2, 2), 4.0)

        line = self._add_labour(self._create_repair(), self.op_oil, self.tech_2)
        # Tuesday 23:00-24:00 UTC is Wednesday 07:00-08:00 in Shanghai.
        self.env["autocrm.time.log"].create(
            {
                "employee_id": self.tech_2.id,
                "labour_line_id": line.id,
                "date_start": self._at(1, 23),
                "date_stop": self._at(2, 0),
            }
        )
        self.assertEqual(self._row(self.tech_2, 2).clocked_hours, 1.0)
        self.assertEqual(self._row(self.tech_2, 1).clocked_hours, 0.0)
