from odoo import fields, models
from odoo.tools import SQL

from ..models.product_template import PART_TYPES


class AutocrmPartsStockHealth(models.Model):
    """Stock health of each part in each store (warehouse).

    One row per part and warehouse that has stock or issued quantities in the
    last 365 days. ABC classes rank parts inside a warehouse by annual
    consumption value (issued quantity times the current cost). Turnover
    divides that value by the current stock value, which is used in place of
    the average stock value of the year.
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
    turnover = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Consumption value of the last 12 months divided by the current "
        "stock value.",
    )
    last_move_date = fields.Datetime(string="Last Movement", readonly=True)
    idle_days = fields.Integer(
        string="Days Without Movement", readonly=True, aggregator="max"
    )
    is_dead_stock = fields.Boolean(string="Dead Stock", readonly=True)
    oldest_in_date = fields.Datetime(string="Oldest Receipt", readonly=True)
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

    @property
    def _table_query(self):
        return SQL(
            """
WITH stock AS (
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
), moved AS (
    SELECT m.product_id, loc.warehouse_id, MAX(m.date) AS last_date
      FROM stock_move m
      JOIN stock_location loc
        ON loc.id = m.location_id OR loc.id = m.location_dest_id
     WHERE m.state = 'done' AND loc.warehouse_id IS NOT NULL
  GROUP BY m.product_id, loc.warehouse_id
), keys AS (
    SELECT product_id, warehouse_id, company_id FROM stock
     UNION
    SELECT product_id, warehouse_id, company_id FROM issued
), valued AS (
    SELECT k.product_id, k.warehouse_id, k.company_id,
           pt.id AS product_tmpl_id, pt.part_brand_id, pt.part_type,
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
), ranked AS (
    SELECT v.*,
           v.qty_on_hand * v.unit_cost AS stock_value,
           v.consumption_qty * v.unit_cost AS consumption_value,
           SUM(v.consumption_qty * v.unit_cost) OVER w_store AS store_value,
           SUM(v.consumption_qty * v.unit_cost) OVER w_rank
               - v.consumption_qty * v.unit_cost AS value_before
      FROM valued v
    WINDOW w_store AS (PARTITION BY v.warehouse_id),
           w_rank AS (
               PARTITION BY v.warehouse_id
               ORDER BY v.consumption_qty * v.unit_cost DESC, v.product_id
               ROWS UNBOUNDED PRECEDING
           )
)
SELECT ROW_NUMBER() OVER (ORDER BY r.warehouse_id, r.product_id) AS id,
       r.product_id, r.product_tmpl_id, r.part_brand_id, r.part_type,
       r.warehouse_id, r.company_id, r.qty_on_hand, r.stock_value,
       r.consumption_qty, r.consumption_value,
       CASE
           WHEN r.consumption_value <= 0 THEN 'c'
           WHEN r.value_before < r.store_value * c.parts_abc_a_percent / 100
               THEN 'a'
           WHEN r.value_before < r.store_value * c.parts_abc_b_percent / 100
               THEN 'b'
           ELSE 'c'
       END AS abc_class,
       CASE WHEN r.stock_value > 0
            THEN r.consumption_value / r.stock_value END AS turnover,
       r.last_date AS last_move_date,
       DATE_PART('day', NOW() - r.last_date)::integer AS idle_days,
       (r.qty_on_hand > 0 AND (r.last_date IS NULL OR r.last_date
           < NOW() - MAKE_INTERVAL(days => c.parts_dead_stock_days)))
           AS is_dead_stock,
       r.oldest_in_date,
       CASE
           WHEN r.oldest_in_date IS NULL OR r.qty_on_hand <= 0 THEN NULL
           WHEN r.oldest_in_date >= NOW() - INTERVAL '90 days' THEN '0_90'
           WHEN r.oldest_in_date >= NOW() - INTERVAL '180 days' THEN '91_180'
           WHEN r.oldest_in_date >= NOW() - INTERVAL '365 days' THEN '181_365'
           ELSE 'over_365'
       END AS age_bucket
  FROM ranked r
  JOIN res_company c ON c.id = r.company_id
"""
        )
