import logging
import time

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.product_template import PART_TYPES

_logger = logging.getLogger(__name__)

# Materialized view of the figures computed from stock moves and quants.
# Computed on every read, they took 2 to 9 seconds per report on 240,000
# moves and a 2-core machine (docs/benchmarks.md).
DATA_VIEW = "autocrm_parts_stock_health_data"


class AutocrmPartsStockHealth(models.Model):
    """Stock health of each part in each store (warehouse).

    One row per part and warehouse that has stock or issued quantities in the
    last 365 days. ABC classes rank parts inside a warehouse by annual
    consumption value (issued quantity times the current cost). Turnover
    divides that value by the average stock value of 12 points: today and
    the last 11 month ends (UTC).

    A month-end quantity is today's quantity minus the done moves into and
    out of the warehouse since then. It is valued at the unit cost
    (value / quantity) of the part's last valued move before that month end,
    or at the current cost when the part has no valued move yet.

    The move figures are computed by a scheduled action each night, by the
    list's Refresh button and after the demo data is loaded, and kept in a
    materialized view. The settings, brand and type are read live, and idle
    days count from the last movement known at the refresh.
    """

    _name = "autocrm.parts.stock.health"
    _description = "Parts Stock Health"
    _auto = False
    _order = "consumption_value desc, id"
    _depends = {
        "stock.quant": [
            "product_id",
            "location_id",
            "company_id",
            "quantity",
            "in_date",
        ],
        "stock.move": [
            "product_id",
            "location_id",
            "location_dest_id",
            "company_id",
            "state",
            "date",
            "product_qty",
            "value",
        ],
        "stock.location": ["usage", "warehouse_id"],
        "product.product": ["product_tmpl_id", "standard_price"],
        "product.template": ["part_brand_id", "part_type"],
        "res.company": [
            "parts_abc_a_percent",
            "parts_abc_b_percent",
            "parts_dead_stock_days",
        ],
    }

    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Part Template", readonly=True
    )
    part_brand_id = fields.Many2one(
        "fleet.vehicle.model.brand", string="Brand", readonly=True
    )
    part_type = fields.Selection(PART_TYPES, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Store", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    qty_on_hand = fields.Float(string="On Hand", readonly=True)
    stock_value = fields.Float(readonly=True)
    consumption_qty = fields.Float(string="Issued (12 months)", readonly=True)
    consumption_value = fields.Float(
        string="Consumption Value (12 months)", readonly=True
    )
    abc_class = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C")], string="ABC Class", readonly=True
    )
    avg_stock_value = fields.Float(
        string="Average Stock Value (12 months)",
        readonly=True,
        help="Average of the stock values today and at the last 11 month ends "
        "(UTC). Each month-end quantity is valued at the unit cost of the "
        "part's last valued move before that date.",
    )
    turnover = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Consumption value of the last 12 months divided by the average "
        "stock value of the same 12 months.",
    )
    last_move_date = fields.Datetime(string="Last Movement", readonly=True)
    idle_days = fields.Integer(
        string="Days Without Movement", readonly=True, aggregator="max"
    )
    is_dead_stock = fields.Boolean(string="Dead Stock", readonly=True)
    oldest_in_date = fields.Datetime(string="Oldest Receipt", readonly=True)
    refresh_date = fields.Datetime(
        string="Figures Of",
        readonly=True,
        help="When the quantities, values and dates of this report were last "
        "computed from the stock moves.",
    )
    age_bucket = fields.Selection(
        [
            ("0_90", "0-90 days"),
            ("91_180", "91-180 days"),
            ("181_365", "181-365 days"),
            ("over_365", "Over 365 days"),
        ],
        string="Stock Age",
        readonly=True,
    )

    def _data_query(self):
        """Return the query of the move figures kept in ``DATA_VIEW``."""
        return SQL(
            """
WITH clock AS (
    SELECT DATE_TRUNC('month', NOW() AT TIME ZONE 'UTC') AS month_start
), points AS (
    SELECT k FROM GENERATE_SERIES(1, 11) AS k
), stock AS (
    SELECT q.product_id, loc.warehouse_id, q.company_id,
           SUM(q.quantity) AS qty, MIN(q.in_date) AS oldest_in_date
      FROM stock_quant q
      JOIN stock_location loc ON loc.id = q.location_id
     WHERE loc.usage = 'internal' AND loc.warehouse_id IS NOT NULL
  GROUP BY q.product_id, loc.warehouse_id, q.company_id
), issued AS (
    SELECT m.product_id, src.warehouse_id, m.company_id,
           SUM(m.product_qty) AS qty
      FROM stock_move m
      JOIN stock_location src ON src.id = m.location_id
      JOIN stock_location dest ON dest.id = m.location_dest_id
     WHERE m.state = 'done'
       AND src.warehouse_id IS NOT NULL
       AND dest.usage IN ('customer', 'production')
       AND m.date >= NOW() - INTERVAL '365 days'
  GROUP BY m.product_id, src.warehouse_id, m.company_id
), move_ends AS (
    -- Both ends of each done move, as two equi-joins: one join on
    -- "source or destination" made PostgreSQL loop over the locations.
    SELECT m.product_id, loc.warehouse_id, m.date
      FROM stock_move m
      JOIN stock_location loc ON loc.id = m.location_id
     WHERE m.state = 'done' AND loc.warehouse_id IS NOT NULL
     UNION ALL
    SELECT m.product_id, loc.warehouse_id, m.date
      FROM stock_move m
      JOIN stock_location loc ON loc.id = m.location_dest_id
     WHERE m.state = 'done' AND loc.warehouse_id IS NOT NULL
), moved AS (
    SELECT product_id, warehouse_id, MAX(date) AS last_date
      FROM move_ends
  GROUP BY product_id, warehouse_id
), keys AS (
    SELECT product_id, warehouse_id, company_id FROM stock
     UNION
    SELECT product_id, warehouse_id, company_id FROM issued
), valued AS (
    SELECT k.product_id, k.warehouse_id, k.company_id,
           pt.id AS product_tmpl_id,
           COALESCE(stock.qty, 0) AS qty_on_hand,
           COALESCE(issued.qty, 0) AS consumption_qty,
           COALESCE((pp.standard_price ->> k.company_id::text)::numeric, 0)
               AS unit_cost,
           stock.oldest_in_date, moved.last_date
      FROM keys k
      JOIN product_product pp ON pp.id = k.product_id
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
 LEFT JOIN stock ON stock.product_id = k.product_id
           AND stock.warehouse_id = k.warehouse_id
           AND stock.company_id = k.company_id
 LEFT JOIN issued ON issued.product_id = k.product_id
           AND issued.warehouse_id = k.warehouse_id
           AND issued.company_id = k.company_id
 LEFT JOIN moved ON moved.product_id = k.product_id
           AND moved.warehouse_id = k.warehouse_id
     WHERE pt.part_type IS NOT NULL
), flows AS (
    -- Done moves since the earliest month end that change a store's stock,
    -- signed for that store and counted in months before the current one.
    SELECT m.product_id, dest.warehouse_id, m.product_qty AS qty, m.date
      FROM stock_move m
      JOIN stock_location src ON src.id = m.location_id
      JOIN stock_location dest ON dest.id = m.location_dest_id
     WHERE m.state = 'done'
       AND m.date >= (SELECT month_start FROM clock) - INTERVAL '10 months'
       AND dest.usage = 'internal' AND dest.warehouse_id IS NOT NULL
       AND (src.usage != 'internal'
            OR src.warehouse_id IS DISTINCT FROM dest.warehouse_id)
     UNION ALL
    SELECT m.product_id, src.warehouse_id, -m.product_qty, m.date
      FROM stock_move m
      JOIN stock_location src ON src.id = m.location_id
      JOIN stock_location dest ON dest.id = m.location_dest_id
     WHERE m.state = 'done'
       AND m.date >= (SELECT month_start FROM clock) - INTERVAL '10 months'
       AND src.usage = 'internal' AND src.warehouse_id IS NOT NULL
       AND (dest.usage != 'internal'
            OR dest.warehouse_id IS DISTINCT FROM src.warehouse_id)
), monthly_flows AS (
    SELECT f.product_id, f.warehouse_id, SUM(f.qty) AS net_qty,
           ((DATE_PART('year', c.month_start) - DATE_PART('year', f.date)) * 12
            + DATE_PART('month', c.month_start) - DATE_PART('month', f.date)
           )::integer AS months_ago
      FROM flows f, clock c
  GROUP BY f.product_id, f.warehouse_id, months_ago
), valued_moves AS (
    SELECT m.product_id, m.company_id, m.date, m.id,
           ABS(m.value) / m.product_qty AS unit_cost,
           LEAST(11, ((DATE_PART('year', c.month_start)
                       - DATE_PART('year', m.date)) * 12
                      + DATE_PART('month', c.month_start)
                      - DATE_PART('month', m.date))::integer) AS months_ago
      FROM stock_move m, clock c
     WHERE m.state = 'done' AND m.value != 0 AND m.product_qty > 0
       AND m.date < c.month_start
), month_costs AS (
    -- Unit cost of the last valued move of each month. Month 11 also
    -- covers everything older.
    SELECT DISTINCT ON (product_id, company_id, months_ago)
           product_id, company_id, months_ago, unit_cost
      FROM valued_moves
  ORDER BY product_id, company_id, months_ago, date DESC, id DESC
), grid AS (
    -- Point k is the end of the month k months before the current one. Its
    -- quantity is today's minus the flows of the k later months, and its
    -- cost the last known one: both are running windows over k.
    SELECT v.product_id, v.warehouse_id, v.unit_cost AS current_cost, p.k,
           v.qty_on_hand - SUM(COALESCE(f.net_qty, 0)) OVER w_later AS qty,
           mc.unit_cost,
           COUNT(mc.unit_cost) OVER w_earlier AS cost_group
      FROM valued v
CROSS JOIN points p
 LEFT JOIN monthly_flows f ON f.product_id = v.product_id
           AND f.warehouse_id = v.warehouse_id
           AND f.months_ago = p.k - 1
 LEFT JOIN month_costs mc ON mc.product_id = v.product_id
           AND mc.company_id = v.company_id
           AND mc.months_ago = p.k
    WINDOW w_later AS (PARTITION BY v.product_id, v.warehouse_id ORDER BY p.k),
           w_earlier AS (
               PARTITION BY v.product_id, v.warehouse_id ORDER BY p.k DESC
           )
), month_end AS (
    SELECT product_id, warehouse_id, current_cost, qty,
           MAX(unit_cost) OVER (
               PARTITION BY product_id, warehouse_id, cost_group
           ) AS unit_cost
      FROM grid
), month_end_value AS (
    SELECT product_id, warehouse_id,
           SUM(GREATEST(qty, 0) * COALESCE(unit_cost, current_cost)) AS value
      FROM month_end
  GROUP BY product_id, warehouse_id
), ranked AS (
    SELECT v.*,
           v.qty_on_hand * v.unit_cost AS stock_value,
           (v.qty_on_hand * v.unit_cost + COALESCE(mev.value, 0)) / 12
               AS avg_stock_value,
           v.consumption_qty * v.unit_cost AS consumption_value,
           SUM(v.consumption_qty * v.unit_cost) OVER w_store AS store_value,
           SUM(v.consumption_qty * v.unit_cost) OVER w_rank
               - v.consumption_qty * v.unit_cost AS value_before
      FROM valued v
 LEFT JOIN month_end_value mev ON mev.product_id = v.product_id
           AND mev.warehouse_id = v.warehouse_id
    WINDOW w_store AS (PARTITION BY v.warehouse_id),
           w_rank AS (
               PARTITION BY v.warehouse_id
               ORDER BY v.consumption_qty * v.unit_cost DESC, v.product_id
               ROWS UNBOUNDED PRECEDING
           )
)
SELECT ROW_NUMBER() OVER (ORDER BY r.warehouse_id, r.product_id) AS id,
       r.product_id, r.product_tmpl_id, r.warehouse_id, r.company_id,
       r.qty_on_hand, r.stock_value, r.avg_stock_value, r.consumption_qty,
       r.consumption_value, r.value_before, r.store_value, r.last_date,
       r.oldest_in_date, NOW() AT TIME ZONE 'UTC' AS refresh_date
  FROM ranked r
"""
        )

    @property
    def _table_query(self):
        # The settings (ABC shares, dead stock days) and the part's brand and
        # type are read live; the move figures come from DATA_VIEW.
        return SQL(
            """
SELECT d.id, d.product_id, d.product_tmpl_id, pt.part_brand_id, pt.part_type,
       d.warehouse_id, d.company_id, d.qty_on_hand, d.stock_value,
       d.avg_stock_value, d.consumption_qty, d.consumption_value,
       CASE
           WHEN d.consumption_value <= 0 THEN 'c'
           WHEN d.value_before < d.store_value * c.parts_abc_a_percent / 100
               THEN 'a'
           WHEN d.value_before < d.store_value * c.parts_abc_b_percent / 100
               THEN 'b'
           ELSE 'c'
       END AS abc_class,
       CASE WHEN d.avg_stock_value > 0
            THEN d.consumption_value / d.avg_stock_value END AS turnover,
       d.last_date AS last_move_date,
       DATE_PART('day', NOW() - d.last_date)::integer AS idle_days,
       (d.qty_on_hand > 0 AND (d.last_date IS NULL OR d.last_date
           < NOW() - MAKE_INTERVAL(days => c.parts_dead_stock_days)))
           AS is_dead_stock,
       d.oldest_in_date,
       CASE
           WHEN d.oldest_in_date IS NULL OR d.qty_on_hand <= 0 THEN NULL
           WHEN d.oldest_in_date >= NOW() - INTERVAL '90 days' THEN '0_90'
           WHEN d.oldest_in_date >= NOW() - INTERVAL '180 days' THEN '91_180'
           WHEN d.oldest_in_date >= NOW() - INTERVAL '365 days' THEN '181_365'
           ELSE 'over_365'
       END AS age_bucket,
       d.refresh_date
  FROM %s d
  JOIN product_template pt ON pt.id = d.product_tmpl_id
  JOIN res_company c ON c.id = d.company_id
""",
            SQL.identifier(DATA_VIEW),
        )

    def init(self):
        # Recreated on every update, so that a changed query takes effect.
        self.env.cr.execute(
            SQL("DROP MATERIALIZED VIEW IF EXISTS %s", SQL.identifier(DATA_VIEW))
        )
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(
            SQL(
                "CREATE MATERIALIZED VIEW %s AS %s",
                SQL.identifier(DATA_VIEW),
                self._data_query(),
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX %s ON %s (id)",
                SQL.identifier(f"{DATA_VIEW}_id_index"),
                SQL.identifier(DATA_VIEW),
            )
        )
        self.env.cr.execute("SET LOCAL jit TO DEFAULT")

    @api.model
    def _refresh_data(self):
        """Recompute the move figures of every part and store."""
        start = time.monotonic()
        self.env.flush_all()
        # PostgreSQL's JIT compiler spent 20 of the 27 seconds of a refresh
        # over 240,000 moves compiling this query (docs/benchmarks.md).
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(
            SQL("REFRESH MATERIALIZED VIEW %s", SQL.identifier(DATA_VIEW))
        )
        self.env.cr.execute("SET LOCAL jit TO DEFAULT")
        self.invalidate_model()
        _logger.info("Parts stock health refreshed in %.1f s", time.monotonic() - start)

    @api.model
    def _cron_refresh_data(self):
        self._refresh_data()

    def action_refresh(self):
        """Recompute the report now instead of waiting for the nightly run."""
        self.check_access("read")
        self._refresh_data()
        return {"type": "ir.actions.client", "tag": "soft_reload"}
