from odoo.tools import SQL

from . import models
from . import report
from . import wizards
from .report.autocrm_parts_stock_health import DATA_VIEW


def _drop_stock_health_data(env):
    """Drop the materialized view, which Odoo does not know as a table."""
    env.cr.execute(
        SQL("DROP MATERIALIZED VIEW IF EXISTS %s", SQL.identifier(DATA_VIEW))
    )
