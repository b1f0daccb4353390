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

    Attended hours are the working times of the schedule valid on that day (from
    the employee's versions), less time off and public holidays. Clocked hours
    come from the time logs. Sold hours are the flat-rate hours of approved
    labour lines, shared among the line's time logs in proportion to their
    length. Days are calendar days in the technician's time zone, and each log
    counts on the day it started.
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
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH days AS (
                    -- The current month and the twelve before it.
                    SELECT generate_series(
                        date_trunc('month', CURRENT_DATE) - INTERVAL '12 months',
                        CURRENT_DATE,
                        INTERVAL '1 day'
                    )::date AS day
                ),
                employee_zones AS (
                    -- Time zone names come from pytz, whose names Odoo also
                    -- passes to PostgreSQL when it groups by date.
                    SELECT e.id AS employee_id,
                           COALESCE(r.tz, 'UTC') AS tz
                      FROM hr_employee e
                      JOIN resource_resource r ON r.id = e.resource_id
                ),
                technicians AS (
                    SELECT e.id AS employee_id,
                           e.resource_id,
                           r.company_id AS resource_company_id,
                           ez.tz
                      FROM hr_employee e
                      JOIN resource_resource r ON r.id = e.resource_id
                      JOIN employee_zones ez ON ez.employee_id = e.id
                     WHERE e.is_workshop_technician AND e.active
                ),
                versions AS (
                    -- A version's schedule applies from its date until the next
                    -- version. The first version also covers the days before
                    -- it, as hr.employee._get_version() does.
                    SELECT v.employee_id,
                           v.resource_calendar_id AS calendar_id,
                           v.contract_date_start,
                           v.contract_date_end,
                           CASE WHEN ROW_NUMBER() OVER w = 1
                                THEN '-infinity'::date
                                ELSE v.date_version
                           END AS valid_from,
                           COALESCE(LEAD(v.date_version) OVER w, 'infinity'::date)
                               AS valid_until
                      FROM hr_version v
                      JOIN technicians t ON t.employee_id = v.employee_id
                     WHERE v.active
                    WINDOW w AS (PARTITION BY v.employee_id ORDER BY v.date_version)
                ),
                technician_days AS (
                    -- Days outside the version's contract dates, when it has
                    -- them, are not attended.
                    SELECT t.employee_id,
                           t.resource_id,
                           t.resource_company_id,
                           t.tz,
                           v.calendar_id,
                           d.day
                      FROM technicians t
                      JOIN versions v ON v.employee_id = t.employee_id
                      JOIN days d
                        ON d.day >= v.valid_from AND d.day < v.valid_until
                     WHERE v.calendar_id IS NOT NULL
                       AND (v.contract_date_start IS NULL
                            OR d.day >= v.contract_date_start)
                       AND (v.contract_date_end IS NULL
                            OR d.day <= v.contract_date_end)
                ),
                work_intervals AS (
                    -- Working times are wall-clock hours in the technician's
                    -- time zone, turned into UTC like the leaves. Attendance
                    -- lines of two-week schedules match on Odoo's week parity:
                    -- whole weeks since 0001-01-01, modulo 2.
                    SELECT td.employee_id,
                           td.calendar_id,
                           td.day,
                           (td.day + a.hour_from * INTERVAL '1 hour')
                               AT TIME ZONE td.tz AT TIME ZONE 'UTC' AS date_from,
                           (td.day + a.hour_to * INTERVAL '1 hour')
                               AT TIME ZONE td.tz AT TIME ZONE 'UTC' AS date_to
                      FROM technician_days td
                      JOIN resource_calendar c ON c.id = td.calendar_id
                      JOIN resource_calendar_attendance a
                        ON a.calendar_id = c.id
                       AND a.display_type IS NULL
                       AND a.day_period IS DISTINCT FROM 'lunch'
                       AND a.dayofweek::int = EXTRACT(ISODOW FROM td.day)::int - 1
                       AND (
                            NOT COALESCE(c.two_weeks_calendar, FALSE)
                            OR a.week_type::int
                               = ((td.day - DATE '0001-01-01') / 7) %% 2
                       )
                ),
                schedules AS (
                    SELECT DISTINCT employee_id,
                                    resource_id,
                                    resource_company_id,
                                    calendar_id
                      FROM technician_days
                ),
                leaves AS (
                    -- Time off of the technician, and the public holidays of
                    -- the schedule (or of every schedule of the company).
                    SELECT s.employee_id,
                           s.calendar_id,
                           l.date_from,
                           l.date_to
                      FROM schedules s
                      JOIN resource_calendar_leaves l
                        ON l.time_type = 'leave'
                       AND l.date_to > l.date_from
                       AND (
                            l.resource_id = s.resource_id
                            OR (
                                l.resource_id IS NULL
                                AND (l.calendar_id IS NULL
                                     OR l.calendar_id = s.calendar_id)
                                AND l.company_id
                                    IS NOT DISTINCT FROM s.resource_company_id
                            )
                       )
                ),
                leave_starts AS (
                    -- Overlapping leaves are merged first, so that no hour is
                    -- taken off twice. A leave starts a new block unless an
                    -- earlier leave of the block ends after its start.
                    SELECT employee_id,
                           calendar_id,
                           date_from,
                           date_to,
                           CASE WHEN date_from <= MAX(date_to) OVER (
                                         PARTITION BY employee_id, calendar_id
                                         ORDER BY date_from, date_to
                                         ROWS BETWEEN UNBOUNDED PRECEDING
                                                  AND 1 PRECEDING
                                     )
                                THEN 0 ELSE 1
                           END AS starts_block
                      FROM leaves
                ),
                leave_blocks AS (
                    SELECT employee_id,
                           calendar_id,
                           date_from,
                           date_to,
                           SUM(starts_block) OVER (
                               PARTITION BY employee_id, calendar_id
                               ORDER BY date_from, date_to
                               ROWS UNBOUNDED PRECEDING
                           ) AS block
                      FROM leave_starts
                ),
                merged_leaves AS MATERIALIZED (
                    -- Materialized, so that the blocks are built once and not
                    -- again for every working time of the lateral join below.
                    SELECT employee_id,
                           calendar_id,
                           MIN(date_from) AS date_from,
                           MAX(date_to) AS date_to
                      FROM leave_blocks
                  GROUP BY employee_id, calendar_id, block
                ),
                attended AS (
                    SELECT wi.employee_id,
                           wi.day,
                           SUM(
                               EXTRACT(EPOCH FROM wi.date_to - wi.date_from)
                               - COALESCE(off.seconds, 0)
                           ) / 3600.0 AS hours
                      FROM work_intervals wi
                 LEFT JOIN LATERAL (
                        SELECT SUM(
                                   EXTRACT(
                                       EPOCH FROM LEAST(wi.date_to, ml.date_to)
                                       - GREATEST(wi.date_from, ml.date_from)
                                   )
                               ) AS seconds
                          FROM merged_leaves ml
                         WHERE ml.employee_id = wi.employee_id
                           AND ml.calendar_id = wi.calendar_id
                           AND ml.date_from < wi.date_to
                           AND ml.date_to > wi.date_from
                    ) off ON TRUE
                  GROUP BY wi.employee_id, wi.day
                ),
                line_totals AS (
                    SELECT labour_line_id, SUM(duration_hours) AS hours
                      FROM autocrm_time_log
                  GROUP BY labour_line_id
                ),
                clocked AS (
                    -- A log counts on the technician's local day it started.
                    SELECT tl.employee_id,
                           (tl.date_start AT TIME ZONE 'UTC' AT TIME ZONE ez.tz)::date
                               AS day,
                           SUM(tl.duration_hours) AS clocked_hours,
                           SUM(
                               CASE WHEN ll.approval_state = 'approved'
                                         AND lt.hours > 0
                                    THEN ll.hours * tl.duration_hours / lt.hours
                                    ELSE 0
                               END
                           ) AS sold_hours
                      FROM autocrm_time_log tl
                      JOIN employee_zones ez ON ez.employee_id = tl.employee_id
                      JOIN autocrm_labour_line ll ON ll.id = tl.labour_line_id
                      JOIN line_totals lt ON lt.labour_line_id = ll.id
                     WHERE tl.date_stop IS NOT NULL
                  GROUP BY tl.employee_id, day
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
