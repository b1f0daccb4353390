from odoo import api, models
from odoo.tools import SQL


class AutocrmCostingReportMixin(models.AbstractModel):
    """Read side of the costing SQL views.

    PostgreSQL's JIT compiler takes longer to compile the plan of these views
    than the plan takes to run: on about 200,000 journal items (2 shared CPU
    cores, PostgreSQL default settings), a full read ran in about 1.2 s with
    JIT off and about 10 s with JIT on. So every read turns JIT off for the
    rest of the transaction.
    """

    _name = "autocrm.costing.report.mixin"
    _description = "Costing SQL View"

    def _get_company_timezone_query(self):
        """Select the time zone of each company, to take local dates in SQL.

        Odoo stores datetimes in UTC, so a document posted on a US evening
        has the next day's UTC date. The zone is the company's address zone,
        else its working calendar's. A name that PostgreSQL does not know
        falls back to UTC, because AT TIME ZONE raises on it and would break
        the whole view.
        """
        return SQL(
            """
            SELECT company.id AS company_id,
                   COALESCE(partner_zone.name, calendar_zone.name, 'UTC') AS tz
              FROM res_company company
              JOIN res_partner partner ON partner.id = company.partner_id
         LEFT JOIN resource_calendar calendar
                ON calendar.id = company.resource_calendar_id
         LEFT JOIN pg_timezone_names partner_zone
                ON partner_zone.name = partner.tz
         LEFT JOIN pg_timezone_names calendar_zone
                ON calendar_zone.name = calendar.tz
            """
        )

    def _disable_jit(self):
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        self._disable_jit()
        return super()._search(
            domain, offset=offset, limit=limit, order=order, **kwargs
        )

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        self._disable_jit()
        return super()._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        self._disable_jit()
        return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
