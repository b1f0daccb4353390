from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.fields import Domain

PARTS_CATEGORIES = ("parts_workshop", "parts_counter")
ACCESSORY_CATEGORIES = ("accessory", "installation")


class AutocrmCostingKpi(models.AbstractModel):
    """Actual values of the target KPIs, read from the profit lines and CRM."""

    _name = "autocrm.costing.kpi"
    _description = "Target KPI Computation"

    @api.model
    def _compute_kpi(self, kpi, company, date_from, date_to, department, user):
        """Return the value of ``kpi`` for the store, period and owner given.

        ``department`` and ``user`` narrow the figures to that department or
        to the deals and repair orders of that employee. Empty recordsets
        give the whole store.
        """
        method = getattr(self, f"_kpi_{kpi}")
        return method(company, date_from, date_to, department, user)

    def _utc_period(self, company, date_from, date_to):
        """Return the naive UTC datetimes bounding the store's local days.

        The first bound is the local start of ``date_from``. The second is the
        local start of the day after ``date_to``, so it is exclusive. The
        zone is chosen as in the costing SQL views: the company's address
        zone, else its working calendar's, else UTC.
        """
        names = (company.partner_id.tz, company.resource_calendar_id.tz)
        known = [name for name in names if name in pytz.all_timezones_set]
        zone = pytz.timezone(known[0]) if known else pytz.utc
        bounds = []
        for day in (date_from, date_to + timedelta(days=1)):
            local = zone.localize(datetime.combine(day, time.min))
            bounds.append(local.astimezone(pytz.utc).replace(tzinfo=None))
        return bounds

    def _line_domain(self, company, date_from, date_to, department, user):
        domain = Domain(
            [
                ("company_id", "=", company.id),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )
        if department:
            domain &= Domain("department_id", "=", department.id)
        if user:
            domain &= Domain("user_id", "=", user.id)
        return domain

    def _sum_lines(self, domain, field):
        [(total,)] = self.env["autocrm.costing.line"]._read_group(
            domain, aggregates=[f"{field}:sum"]
        )
        return total or 0.0

    def _delivered_deal_ids(self, domain):
        """Return the deals whose vehicle went out in the period, net of returns."""
        groups = self.env["autocrm.costing.line"]._read_group(
            domain & Domain([("source", "=", "stock"), ("category", "=", "vehicle")]),
            groupby=["deal_id"],
            aggregates=["quantity:sum"],
        )
        return [deal.id for deal, quantity in groups if deal and quantity > 0]

    def _kpi_vehicles_delivered(self, company, date_from, date_to, department, user):
        domain = self._line_domain(company, date_from, date_to, department, user)
        return self._sum_lines(
            domain & Domain([("source", "=", "stock"), ("category", "=", "vehicle")]),
            "quantity",
        )

    def _kpi_gross_profit(self, company, date_from, date_to, department, user):
        domain = self._line_domain(company, date_from, date_to, department, user)
        return self._sum_lines(domain, "gross_profit")

    def _kpi_accessory_revenue_per_vehicle(
        self, company, date_from, date_to, department, user
    ):
        vehicles = self._kpi_vehicles_delivered(
            company, date_from, date_to, department, user
        )
        if not vehicles:
            return 0.0
        domain = self._line_domain(company, date_from, date_to, department, user)
        revenue = self._sum_lines(
            domain & Domain("category", "in", ACCESSORY_CATEGORIES), "revenue"
        )
        return revenue / vehicles

    def _penetration(self, category, company, date_from, date_to, department, user):
        """Return the share, in percent, of delivered deals that sold ``category``."""
        domain = self._line_domain(company, date_from, date_to, department, user)
        deal_ids = self._delivered_deal_ids(domain)
        if not deal_ids:
            return 0.0
        groups = self.env["autocrm.costing.line"]._read_group(
            [("deal_id", "in", deal_ids), ("category", "=", category)],
            groupby=["deal_id"],
            aggregates=["revenue:sum"],
        )
        sold = sum(1 for _deal, revenue in groups if revenue > 0)
        return 100.0 * sold / len(deal_ids)

    def _kpi_insurance_penetration(self, company, date_from, date_to, department, user):
        return self._penetration(
            "insurance", company, date_from, date_to, department, user
        )

    def _kpi_finance_penetration(self, company, date_from, date_to, department, user):
        return self._penetration(
            "finance", company, date_from, date_to, department, user
        )

    def _kpi_labour_hours_sold(self, company, date_from, date_to, department, user):
        domain = self._line_domain(company, date_from, date_to, department, user)
        return self._sum_lines(
            domain & Domain([("source", "=", "journal"), ("category", "=", "labour")]),
            "sold_quantity",
        )

    def _kpi_parts_revenue(self, company, date_from, date_to, department, user):
        domain = self._line_domain(company, date_from, date_to, department, user)
        return self._sum_lines(
            domain & Domain("category", "in", PARTS_CATEGORIES), "revenue"
        )

    def _kpi_technician_efficiency(self, company, date_from, date_to, department, user):
        """Return flat-rate hours sold over hours clocked, in percent.

        A labour line's sold hours are shared between its technicians in
        proportion to the time each clocked on it. Clocked time counts in
        the period it was clocked off.
        """
        start, stop = self._utc_period(company, date_from, date_to)
        # sudo: an accountant reads efficiency without workshop rights, and the
        # domain keeps it to the target's store and technician.
        logs = (
            self.env["autocrm.time.log"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("date_stop", ">=", start),
                    ("date_stop", "<", stop),
                ]
            )
        )
        if user:
            logs = logs.filtered(lambda log: log.employee_id.user_id == user)
        clocked = sum(logs.mapped("duration_hours"))
        if not clocked:
            return 0.0
        sold = 0.0
        for line in logs.labour_line_id:
            line_clocked = sum(line.time_log_ids.mapped("duration_hours"))
            own_clocked = sum(
                logs.filtered(lambda log, ln=line: log.labour_line_id == ln).mapped(
                    "duration_hours"
                )
            )
            if line_clocked:
                sold += line.hours * own_clocked / line_clocked
        return 100.0 * sold / clocked

    def _kpi_csi_nps(self, company, date_from, date_to, department, user):
        """Return the Net Promoter Score of the surveys answered in the period.

        NPS is the share of promoters (9 or 10) minus the share of detractors
        (0 to 6), in points from -100 to 100. A response counts for the store
        and the salesperson or responsible of the deal or repair order it is
        about.
        """
        start, stop = self._utc_period(company, date_from, date_to)
        # sudo: survey responses belong to customer service, and the filter
        # below keeps those about the target's store and employee.
        answers = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("state", "=", "done"),
                    ("nps_score", ">=", 0),
                    ("end_datetime", ">=", start),
                    ("end_datetime", "<", stop),
                ]
            )
        )
        scores = []
        for answer in answers:
            document = answer.autocrm_document_ref
            store = (
                document.company_id
                if document
                else answer.autocrm_followup_id.company_id
            )
            if store != company:
                continue
            if user and (not document or document.user_id != user):
                continue
            scores.append(answer.nps_score)
        if not scores:
            return 0.0
        promoters = sum(1 for score in scores if score >= 9)
        detractors = sum(1 for score in scores if score <= 6)
        return 100.0 * (promoters - detractors) / len(scores)

    def _kpi_lead_conversion(self, company, date_from, date_to, department, user):
        """Return won leads over leads created in the period, in percent."""
        # sudo: an accountant reads the conversion rate without CRM access, and
        # the domain keeps it to the target's store and employee.
        leads = self.env["crm.lead"].sudo().with_context(active_test=False)
        start, stop = self._utc_period(company, date_from, date_to)
        domain = Domain(
            [
                ("company_id", "=", company.id),
                ("create_date", ">=", start),
                ("create_date", "<", stop),
            ]
        )
        if user:
            domain &= Domain("user_id", "=", user.id)
        created = leads.search_count(domain)
        if not created:
            return 0.0
        won = leads.search_count(domain & Domain("won_status", "=", "won"))
        return 100.0 * won / created
