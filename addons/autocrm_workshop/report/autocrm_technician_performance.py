from odoo import fields, models, tools
from odoo.tools import SQL

# Ratio measures and the sums they divide. A group's ratio is the ratio of its
# sums, never the average of the rows' ratios.
RATIO_MEASURES = {
    "utilisation": ("clocked_hours", "attended_hours"),
    "efficiency": ("sold_hours", "clocked_hours"),
    "productivity": ("sold_hours", "attended_hours"),
}


class AutocrmTechnicianPerformance(models.Model):
    """Attended, clocked and sold hours per technician and day.

    Attended hours come from the technician's working schedule and clocked
    hours from the time logs. Sold hours are the flat-rate hours of approved
    labour lines, shared among the line's time logs in proportion to their
    length. Each log counts on the (UTC) day it started.
    """

    _name = "autocrm.technician.performance"
    _description = "Technician Performance"
    _auto = False
    _order = "date desc, employee_id"

    employee_id = fields.Many2one("hr.employee", string="Technician", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    attended_hours = fields.Float(readonly=True)
    clocked_hours = fields.Float(readonly=True)
    sold_hours = fields.Float(readonly=True)
    utilisation = fields.Float(
        string="Utilisation (%)",
        readonly=True,
        aggregator="avg",
        help="Clocked hours / attended hours.",
    )
    efficiency = fields.Float(
        string="Efficiency (%)",
        readonly=True,
        aggregator="avg",
        help="Sold hours / clocked hours.",
    )
    productivity = fields.Float(
        string="Productivity (%)",
        readonly=True,
        aggregator="avg",
        help="Sold hours / attended hours.",
    )

    def _read_group_select(self, aggregate_spec, query):
        fname = aggregate_spec.split(":")[0]
        if fname not in RATIO_MEASURES:
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator = RATIO_MEASURES[fname]
        return SQL(
            "100.0 * SUM(%(numerator)s) / NULLIF(SUM(%(denominator)s), 0)",
            numerator=self._field_to_sql(self._table, numerator, query),
            denominator=self._field_to_sql(self._table, denominator, query),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The view covers the current month and the twelve before it, one row
        # per technician and day. Attendance lines of two-week schedules match
        # on Odoo's week parity: whole weeks since 0001-01-01, modulo 2.
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH days AS (
                    SELECT generate_series(
                        date_trunc('month', CURRENT_DATE) - INTERVAL '12 months',
                        CURRENT_DATE,
                        INTERVAL '1 day'
                    )::date AS day
                ),
                technicians AS (
                    SELECT e.id AS employee_id,
                           e.user_id,
                           e.company_id,
                           v.resource_calendar_id AS calendar_id
                      FROM hr_employee e
                      JOIN hr_version v ON v.id = e.current_version_id
                     WHERE e.is_workshop_technician AND e.active
                ),
                attended AS (
                    SELECT t.employee_id,
                           d.day,
                           SUM(a.hour_to - a.hour_from) AS hours
                      FROM technicians t
                      JOIN resource_calendar c ON c.id = t.calendar_id
                      JOIN resource_calendar_attendance a
                        ON a.calendar_id = c.id
                       AND a.display_type IS NULL
                       AND a.day_period != 'lunch'
                      JOIN days d
                        ON a.dayofweek::int = EXTRACT(ISODOW FROM d.day)::int - 1
                       AND (
                            NOT COALESCE(c.two_weeks_calendar, FALSE)
                            OR a.week_type::int
                               = ((d.day - DATE '0001-01-01') / 7) %% 2
                       )
                  GROUP BY t.employee_id, d.day
                ),
                line_totals AS (
                    SELECT labour_line_id, SUM(duration_hours) AS hours
                      FROM autocrm_time_log
                  GROUP BY labour_line_id
                ),
                clocked AS (
                    SELECT tl.employee_id,
                           tl.date_start::date AS day,
                           SUM(tl.duration_hours) AS clocked_hours,
                           SUM(
                               CASE WHEN ll.approval_state = 'approved'
                                         AND lt.hours > 0
                                    THEN ll.hours * tl.duration_hours / lt.hours
                                    ELSE 0
                               END
                           ) AS sold_hours
                      FROM autocrm_time_log tl
                      JOIN autocrm_labour_line ll ON ll.id = tl.labour_line_id
                      JOIN line_totals lt ON lt.labour_line_id = ll.id
                     WHERE tl.date_stop IS NOT NULL
                  GROUP BY tl.employee_id, tl.date_start::date
                ),
                merged AS (
                    SELECT COALESCE(att.employee_id, clk.employee_id) AS employee_id,
                           COALESCE(att.day, clk.day) AS date,
                           COALESCE(att.hours, 0) AS attended_hours,
                           COALESCE(clk.clocked_hours, 0) AS clocked_hours,
                           COALESCE(clk.sold_hours, 0) AS sold_hours
                      FROM attended att
                 FULL JOIN clocked clk
                        ON clk.employee_id = att.employee_id AND clk.day = att.day
                )
                SELECT ROW_NUMBER() OVER (ORDER BY m.date, m.employee_id) AS id,
                       m.employee_id,
                       e.user_id,
                       e.company_id,
                       m.date,
                       m.attended_hours,
                       m.clocked_hours,
                       m.sold_hours,
                       100.0 * m.clocked_hours
                           / NULLIF(m.attended_hours, 0) AS utilisation,
                       100.0 * m.sold_hours
                           / NULLIF(m.clocked_hours, 0) AS efficiency,
                       100.0 * m.sold_hours
                           / NULLIF(m.attended_hours, 0) AS productivity
                  FROM merged m
                  JOIN hr_employee e ON e.id = m.employee_id
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
