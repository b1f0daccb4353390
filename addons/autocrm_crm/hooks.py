from odoo.tools import SQL


def pre_init_hook(env):
    """Create btree_gist before the test drive table gets its exclusion constraint.

    The constraint combines an equality on ``vehicle_id`` (an integer) with an
    overlap on a time range in one GiST index, which needs the operator classes
    of btree_gist. The extension is trusted since PostgreSQL 13, so the database
    owner may create it.
    """
    env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))


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
