"""Helpers shared by the benchmark scripts run in an Odoo shell."""

import time

from odoo.tools import SQL


def clone_rows(cr, table, source_id, overrides, count):
    """Insert ``count`` copies of row ``source_id`` of ``table``.

    ``overrides`` maps a column to an SQL expression in ``n`` (1..count).
    Returns the new ids in the order of ``n``.
    """
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            table,
        )
    )
    columns = [row[0] for row in cr.fetchall()]
    select = [
        SQL(overrides[column]) if column in overrides else SQL.identifier("t", column)
        for column in columns
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %s) n "
            "WHERE t.id = %s ORDER BY n RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(select),
            SQL.identifier(table),
            count,
            source_id,
        )
    )
    return [row[0] for row in cr.fetchall()]


def measure(env, function, rounds=1):
    """Run ``function`` ``rounds`` times on empty ORM caches.

    Returns the best wall time in milliseconds, the SQL query count of that
    run and the function's last result.
    """
    best = None
    for _round in range(rounds):
        env.invalidate_all()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        result = function()
        elapsed = (time.perf_counter() - start) * 1000
        count = env.cr.sql_log_count - queries
        if best is None or elapsed < best[0]:
            best = (elapsed, count)
    return best[0], best[1], result
