from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

KPIS = [
    ("vehicles_delivered", "Vehicles Delivered"),
    ("gross_profit", "Gross Profit"),
    ("accessory_revenue_per_vehicle", "Accessory Revenue per Vehicle"),
    ("insurance_penetration", "Insurance Penetration (%)"),
    ("finance_penetration", "Finance Penetration (%)"),
    ("labour_hours_sold", "Labour Hours Sold"),
    ("parts_revenue", "Parts Revenue"),
    ("technician_efficiency", "Technician Efficiency (%)"),
    ("csi_nps", "CSI / NPS"),
    ("lead_conversion", "Lead Conversion (%)"),
]

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class AutocrmCostingTarget(models.Model):
    """Goal for one KPI of a department or an employee over a period.

    The actual value is computed from the documents each time the target is
    read, so the completion moves as the period runs.
    """

    _name = "autocrm.costing.target"
    _description = "Target"
    _order = "date_from desc, company_id, kpi, department_id, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Store",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")
    date_from = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: fields.Date.start_of(
            fields.Date.context_today(self), "month"
        ),
    )
    date_to = fields.Date(
        string="Period End", compute="_compute_date_to", store=True, precompute=True
    )
    scope = fields.Selection(
        [("department", "Department"), ("employee", "Employee")],
        required=True,
        default="employee",
    )
    department_id = fields.Many2one("autocrm.costing.department", index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Employee",
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    kpi = fields.Selection(KPIS, string="KPI", required=True)
    target_value = fields.Float(string="Target", required=True, digits=(16, 2))
    actual_value = fields.Float(
        string="Actual", compute="_compute_actual_value", digits=(16, 2)
    )
    completion = fields.Float(
        string="Completion (%)",
        compute="_compute_actual_value",
        digits=(16, 1),
        help="Actual value divided by the target, in percent.",
    )
    elapsed = fields.Float(
        string="Period Elapsed (%)",
        compute="_compute_actual_value",
        digits=(16, 1),
        help="Share of the period's days already past. A completion below it"
        " means the target is behind.",
    )

    _target_uniq = models.UniqueIndex(
        "(company_id, kpi, period_type, date_from, COALESCE(department_id, 0),"
        " COALESCE(user_id, 0))",
        "This store already has a target for this KPI, period and department"
        " or employee: change its value instead of adding another.",
    )
    _target_not_negative = models.Constraint(
        "CHECK (target_value >= 0)", "A target cannot be negative."
    )

    @api.depends("kpi", "date_from", "period_type", "department_id", "user_id")
    def _compute_name(self):
        kpi_labels = dict(KPIS)
        for target in self:
            owner = target.user_id.name or target.department_id.name or ""
            target.name = " - ".join(
                part
                for part in (
                    kpi_labels.get(target.kpi, ""),
                    owner,
                    target.date_from and target.date_from.strftime("%Y-%m") or "",
                )
                if part
            )

    @api.depends("date_from", "period_type")
    def _compute_date_to(self):
        for target in self:
            if not target.date_from or not target.period_type:
                target.date_to = False
                continue
            months = PERIOD_MONTHS[target.period_type]
            target.date_to = target.date_from + relativedelta(months=months, days=-1)

    @api.depends(
        "kpi", "date_from", "date_to", "department_id", "user_id", "company_id"
    )
    def _compute_actual_value(self):
        today = fields.Date.context_today(self)
        for target in self:
            if not (target.kpi and target.date_from and target.date_to):
                target.actual_value = target.completion = target.elapsed = 0.0
                continue
            target.actual_value = target._get_actual_value()
            target.completion = (
                100.0 * target.actual_value / target.target_value
                if target.target_value
                else 0.0
            )
            days = (target.date_to - target.date_from).days + 1
            past = min(max((today - target.date_from).days + 1, 0), days)
            target.elapsed = 100.0 * past / days

    @api.constrains("scope", "department_id", "user_id")
    def _check_scope(self):
        for target in self:
            if target.scope == "department" and (
                not target.department_id or target.user_id
            ):
                raise ValidationError(
                    self.env._(
                        "Target %(target)s is for a department: choose the"
                        " department and leave the employee empty.",
                        target=target.display_name,
                    )
                )
            if target.scope == "employee" and not target.user_id:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s is for an employee: choose the employee.",
                        target=target.display_name,
                    )
                )

    @api.constrains("date_from", "period_type")
    def _check_period_start(self):
        for target in self:
            start = target.date_from
            if start.day != 1 or (start.month - 1) % PERIOD_MONTHS[target.period_type]:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s starts on %(date)s, which does not"
                        " start a %(period)s. Use the first day of a month,"
                        " of a quarter (January, April, July, October) or of"
                        " a year.",
                        target=target.display_name,
                        date=start,
                        period=dict(PERIOD_TYPES)[target.period_type].lower(),
                    )
                )

    def _get_actual_value(self):
        """Compute this target's KPI from the documents of its period."""
        self.ensure_one()
        return self.env["autocrm.costing.kpi"]._compute_kpi(
            self.kpi,
            self.company_id,
            self.date_from,
            self.date_to,
            department=self.department_id,
            user=self.user_id,
        )

    @api.model
    def _get_previous_period_start(self, period_type, date_from):
        return date_from - relativedelta(months=PERIOD_MONTHS[period_type])
