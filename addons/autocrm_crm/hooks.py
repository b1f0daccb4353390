from odoo.tools import SQL


def pre_init_hook(env):
    """Create btree_gist before the test drive table gets its exclusion constraint.

    The constraint combines an equality on ``vehicle_id`` (an integer) with an
    overlap on a time range in one GiST index, which needs the operator classes
    of btree_gist. The extension is trusted since PostgreSQL 13, so the database
    owner may create it.
    """
    env.cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
