from odoo.modules.db import has_trigram
from odoo.tools import SQL


def pre_init_hook(env):
    """Create the PostgreSQL extensions that the module's indexes need.

    btree_gist: the test drive exclusion constraint combines an equality on
    ``vehicle_id`` (an integer) with an overlap on a time range in one GiST
    index, which needs the operator classes of btree_gist.

    pg_trgm: VIN and plate searches on a tail of the value use trigram
    indexes. Odoo creates pg_trgm in the databases it creates itself, but not
    in one made with createdb, and it skips trigram indexes without it.

    Both extensions are trusted since PostgreSQL 13, so the database owner
    may create them.
    """
    env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
    env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    # The registry read this flag when it loaded. Refresh it so that the
    # trigram indexes are created during this installation.
    env.registry.has_trigram = has_trigram(env.cr)


def post_init_hook(env):
    """Keep the Owner Club program off sale orders when sale_loyalty is present.

    Posted invoices already credit membership points, so sale_loyalty must not
    credit the same purchase on its sale order as well.
    """
    program = env.ref(
        "autocrm_crm.loyalty_program_owner_club", raise_if_not_found=False
    )
    if program and "sale_ok" in program._fields:
        program.sale_ok = False
