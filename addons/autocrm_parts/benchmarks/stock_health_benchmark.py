"""Time the parts stock health and fill rate reports on a large history.

Run it in an Odoo shell on a database where autocrm_parts is installed with
its demo data (a part, a stock quant and a done delivery are cloned):

    BENCH_PARTS=20000 BENCH_MOVES=12 python3 -m odoo shell --no-http \\
        --addons-path=addons,/opt/odoo19/addons -d DATABASE \\
        < addons/autocrm_parts/benchmarks/stock_health_benchmark.py

It clones BENCH_PARTS parts with SQL, gives each one a stock quant in the
first store and BENCH_MOVES done moves spread over the last 15 months (one
receipt for two issues), and runs ANALYZE. Then it times each report next to
the stock Odoo call closest to it, on the same data, and prints both times
and query counts with their ratio. The first row is the refresh that
computes the figures kept in a materialized view; the plan of its query
follows the table. Everything runs in one transaction that is rolled back at the end.
"""

import os
import sys
import time
from datetime import timedelta

from odoo import fields
from odoo.modules.module import get_module_path
from odoo.tools import SQL

# The script is read from standard input, so the helpers beside it are found
# through the module's path.
sys.path.insert(0, os.path.join(get_module_path("autocrm_parts"), "benchmarks"))
from bench_helpers import clone_rows, measure

PARTS = int(os.environ.get("BENCH_PARTS", "20000"))
MOVES = int(os.environ.get("BENCH_MOVES", "12"))
# Each call runs this many times on empty ORM caches; the best time counts.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def build_history(env):
    """Insert the parts with their quants and moves, then analyze the tables."""
    source_move = env["stock.move"].search(
        [
            ("state", "=", "done"),
            ("location_dest_id.usage", "=", "customer"),
            ("product_id.part_type", "!=", False),
        ],
        limit=1,
    )
    source_quant = env["stock.quant"].search(
        [
            ("location_id.usage", "=", "internal"),
            ("location_id.warehouse_id", "=", source_move.location_id.warehouse_id.id),
            ("product_id.part_type", "!=", False),
        ],
        limit=1,
    )
    if not source_move or not source_quant:
        raise SystemExit("No delivered part with stock to clone: install demo data.")
    env.flush_all()
    product_ids = clone_parts(env, source_move.product_id.product_tmpl_id)
    env.cr.execute("SELECT setseed(0.42)")
    clone_quants(env, source_quant)
    clone_moves(env, source_move, product_ids)
    for table in ("product_template", "product_product", "stock_quant", "stock_move"):
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()


def clone_parts(env, template):
    """Clone ``template`` into PARTS parts and list them in ``bench_part``."""
    template_ids = clone_rows(
        env.cr,
        "product_template",
        template.id,
        {
            "oem_part_number": "'BENCH' || lpad(n::text, 7, '0')",
            "default_code": "'BENCH' || lpad(n::text, 7, '0')",
            "superseded_by_id": "NULL",
        },
        PARTS,
    )
    # The costs of the parts are 5.00 to 104.99 (company-dependent JSON).
    env.cr.execute(
        SQL(
            "INSERT INTO product_product (product_tmpl_id, active, standard_price, "
            "create_uid, write_uid, create_date, write_date) "
            "SELECT id, true, jsonb_build_object(%s, 5 + (id %% 10000) / 100.0), "
            "1, 1, now(), now() FROM product_template "
            "WHERE id = ANY(%s) ORDER BY id RETURNING id",
            str(env.company.id),
            template_ids,
        )
    )
    product_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "CREATE TEMP TABLE bench_part (part_index int PRIMARY KEY, product_id int)"
    )
    env.cr.execute(
        SQL(
            "INSERT INTO bench_part SELECT ordinality, id "
            "FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, ordinality)",
            product_ids,
        )
    )
    return product_ids


def cloned_part(count):
    """Return the SQL expression of the part of clone ``n`` out of ``count``."""
    return (
        "(SELECT product_id FROM bench_part "
        f"WHERE part_index = mod(n - 1, {count}) + 1)"
    )


def clone_quants(env, source_quant):
    clone_rows(
        env.cr,
        "stock_quant",
        source_quant.id,
        {
            "product_id": cloned_part(PARTS),
            "quantity": "floor(random() * 20)",
            "reserved_quantity": "0",
            "in_date": "now() - random() * interval '450 days'",
            "lot_id": "NULL",
            "package_id": "NULL",
            "owner_id": "NULL",
        },
        PARTS,
    )


def clone_moves(env, source_move, product_ids):
    """Clone MOVES done moves per part: one receipt for two issues."""
    stock_id = source_move.location_id.id
    supplier_id = env.ref("stock.stock_location_suppliers").id
    customer_id = source_move.location_dest_id.id
    receipt = "mod(n, 3) = 0"
    clone_rows(
        env.cr,
        "stock_move",
        source_move.id,
        {
            "product_id": cloned_part(PARTS),
            "product_uom_qty": "1 + floor(random() * 5)",
            "date": "now() - random() * interval '450 days'",
            "location_id": (
                f"CASE WHEN {receipt} THEN {supplier_id} ELSE {stock_id} END"
            ),
            "location_dest_id": (
                f"CASE WHEN {receipt} THEN {stock_id} ELSE {customer_id} END"
            ),
            "location_final_id": "NULL",
            "parts_fill_result": (
                f"CASE WHEN {receipt} THEN NULL "
                "WHEN random() < 0.9 THEN 'full' ELSE 'short' END"
            ),
            "picking_id": "NULL",
            "sale_line_id": "NULL",
            "purchase_line_id": "NULL",
            "repair_id": "NULL",
            "origin_returned_move_id": "NULL",
            "account_move_id": "NULL",
            "orderpoint_id": "NULL",
            "scrap_id": "NULL",
        },
        PARTS * MOVES,
    )
    # The expressions above read the source row, so the quantities and
    # values that follow from the new demand are set afterwards. The unit
    # value is 5.00 to 24.95, depending on the part.
    env.cr.execute(
        SQL(
            "UPDATE stock_move SET product_qty = product_uom_qty, "
            "quantity = product_uom_qty, "
            "value = product_uom_qty * (5 + (product_id %% 400) / 20.0) "
            "WHERE product_id = ANY(%s)",
            product_ids,
        )
    )


def comparisons(env):
    """Return (report label, report call, stock label, stock call) rows."""
    health = env["autocrm.parts.stock.health"]
    fill = env["autocrm.parts.fill.rate"]
    moves = env["stock.move"]
    quants = env["stock.quant"]
    year_ago = fields.Datetime.now() - timedelta(days=365)
    done = [("state", "=", "done")]
    issued = done + [
        ("location_dest_id.usage", "in", ("customer", "production")),
        ("date", ">=", year_ago),
    ]
    return [
        (
            "refresh of the stock health figures",
            health._refresh_data,
            "moved qty and value per part and month",
            lambda: moves._read_group(
                done + [("date", ">=", year_ago)],
                ["product_id", "date:month"],
                ["product_qty:sum", "value:sum"],
            ),
        ),
        (
            "ABC classes per store",
            lambda: health._read_group(
                [], ["warehouse_id", "abc_class"], ["consumption_value:sum"]
            ),
            "issued qty per part and location",
            lambda: moves._read_group(
                issued, ["product_id", "location_id"], ["product_qty:sum"]
            ),
        ),
        (
            "dead stock list, 80 rows",
            lambda: health.search_fetch(
                [("is_dead_stock", "=", True), ("qty_on_hand", ">", 0)],
                ["product_id", "warehouse_id", "idle_days", "stock_value"],
                limit=80,
            ),
            "quants per part and location",
            lambda: quants._read_group(
                [("location_id.usage", "=", "internal")],
                ["product_id", "location_id"],
                ["quantity:sum", "in_date:min"],
            ),
        ),
        (
            "turnover per brand",
            lambda: health._read_group(
                [],
                ["part_brand_id"],
                ["turnover:avg", "avg_stock_value:sum", "consumption_value:sum"],
            ),
            "moved qty and value per part and month",
            lambda: moves._read_group(
                done + [("date", ">=", year_ago)],
                ["product_id", "date:month"],
                ["product_qty:sum", "value:sum"],
            ),
        ),
        (
            "fill rate per store and month",
            lambda: fill._read_group(
                [], ["warehouse_id", "date:month"], ["fill_rate:avg", "line_count:sum"]
            ),
            "deliveries per location and month",
            lambda: moves._read_group(
                done + [("location_dest_id.usage", "=", "customer")],
                ["location_id", "date:month"],
                ["__count"],
            ),
        ),
    ]


def print_plan(env):
    query = env["autocrm.parts.stock.health"]._data_query()
    # The refresh runs without JIT compilation, so the plan does too.
    env.cr.execute("SET LOCAL jit = off")
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
    plan = [line for (line,) in env.cr.fetchall()]
    env.cr.execute("SET LOCAL jit TO DEFAULT")
    print("Plan of the query behind the refresh:")
    for line in plan:
        print("   ", line)


def run(env):
    start = time.perf_counter()
    build_history(env)
    env.cr.execute("SELECT count(*) FROM stock_move WHERE state = 'done'")
    done_moves = env.cr.fetchone()[0]
    print(
        f"Inserted {PARTS} parts with {MOVES} moves each in "
        f"{time.perf_counter() - start:.1f} s ({done_moves} done moves in total)"
    )
    header = f"{'call':<44} {'ms':>9} {'queries':>7}"
    print(f"{header}   ratio to stock Odoo (time, queries)")
    for report_label, report, stock_label, stock in comparisons(env):
        report_ms, report_queries, rows = measure(env, report, ROUNDS)
        rows = rows or []
        stock_ms, stock_queries, _result = measure(env, stock, ROUNDS)
        print(f"{report_label:<44} {report_ms:9.1f} {report_queries:7d}")
        print(
            f"  stock: {stock_label:<35} {stock_ms:9.1f} {stock_queries:7d}   "
            f"x{report_ms / stock_ms:.2f}, x{report_queries / stock_queries:.2f}"
            f"   ({len(rows)} report rows)"
        )
    print_plan(env)


try:
    run(env)  # noqa: F821 - `env` is provided by the Odoo shell
finally:
    env.cr.rollback()  # noqa: F821
