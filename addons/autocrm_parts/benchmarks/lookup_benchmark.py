"""Time the parts lookup on a catalogue of many generated parts.

Run it in an Odoo shell on a database where autocrm_parts is installed:

    BENCH_PARTS=200000 python3 -m odoo shell --no-http \\
        --addons-path=addons,/opt/odoo19/addons -d DATABASE \\
        < addons/autocrm_parts/benchmarks/lookup_benchmark.py

It clones one existing part into BENCH_PARTS rows with SQL (the ORM would
take far longer), runs ANALYZE, then prints for each lookup the wall time,
the number of SQL queries and the plan PostgreSQL chose for the number
search. Everything runs in one transaction that is rolled back at the end,
so the database is left as it was.
"""

import os
import sys
import time

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tools import SQL

# The script is read from standard input, so the helpers beside it are found
# through the module's path.
sys.path.insert(0, os.path.join(get_module_path("autocrm_parts"), "benchmarks"))
from bench_helpers import clone_rows, measure

PARTS = int(os.environ.get("BENCH_PARTS", "200000"))
# From a whole number down to two characters, which the trigram index
# cannot serve (the lookup form requires at least three).
QUERIES = ["BENCH0123456", "0123456", "12345", "90915-10003", "NOSUCHNUMBER", "12"]


def print_measure(env, label, function):
    elapsed, queries, result = measure(env, function)
    print(f"{label:<44} {elapsed:8.1f} ms {queries:4d} queries")
    return result


def run(env):
    templates = env["product.template"]
    source = templates.search([("oem_part_number", "!=", False)], limit=1)
    if not source:
        raise SystemExit("No part with an OEM number to clone: install demo data.")
    env.flush_all()
    start = time.perf_counter()
    template_ids = clone_rows(
        env.cr,
        "product_template",
        source.id,
        {
            "oem_part_number": "'BENCH' || lpad(n::text, 7, '0')",
            "default_code": "'BENCH' || lpad(n::text, 7, '0')",
            "superseded_by_id": "NULL",
        },
        PARTS,
    )
    env.cr.execute(
        SQL(
            "INSERT INTO product_product (product_tmpl_id, active, create_uid, "
            "write_uid, create_date, write_date) "
            "SELECT id, true, 1, 1, now(), now() FROM product_template "
            "WHERE id = ANY(%s)",
            template_ids,
        )
    )
    env.cr.execute("ANALYZE product_template")
    env.cr.execute("ANALYZE product_product")
    print(
        f"Inserted {PARTS} parts in {time.perf_counter() - start:.1f} s "
        f"({templates.search_count([('part_type', '!=', False)])} parts in total)"
    )
    env.cr.execute(
        SQL(
            "EXPLAIN SELECT id FROM product_template WHERE oem_part_number LIKE %s",
            "%0123456%",
        )
    )
    print("Plan of the number search:")
    for (line,) in env.cr.fetchall():
        print("   ", line)
    for query in QUERIES:
        print_measure(
            env,
            f"_search_part_number({query!r})",
            lambda query=query: templates._search_part_number(query, limit=50),
        )
        lookup = env["autocrm.parts.lookup"].create({"query": query})
        try:
            print_measure(env, f"lookup.action_search({query!r})", lookup.action_search)
        except UserError as error:
            print(f"lookup.action_search({query!r}) rejected: {error.args[0]}")


try:
    run(env)  # noqa: F821 - `env` is provided by the Odoo shell
finally:
    env.cr.rollback()  # noqa: F821
