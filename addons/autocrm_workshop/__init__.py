from . import models
from . import report


def _create_btree_gist(env):
    """Create btree_gist, which the appointment capacity constraints need.

    The extension is trusted since PostgreSQL 13, so a database owner without
    superuser rights may create it.
    """
    env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")


def _create_service_type_defaults(env):
    """Give every store, archived ones included, the default service types it lacks."""
    companies = env["res.company"].with_context(active_test=False).search([])
    env["autocrm.service.type"]._create_company_defaults(companies)
