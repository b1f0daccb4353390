from odoo import fields, models
from odoo.tools import SQL

from ..models.product_template import PART_TYPES


class AutocrmPartsFillRate(models.Model):
    """First-pick fill rate: one row per requested part line.

    A request is a validated stock move of a part to a customer or to a
    repair (production location). It counts as filled when its whole
    requested quantity left the shelf in the first validation. Backorders
    split from it are not counted again.
    """

    _name = "autocrm.parts.fill.rate"
    _description = "Parts First-Pick Fill Rate"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "stock.move": [
            "date",
            "product_id",
            "location_id",
            "company_id",
            "parts_fill_result",
        ],
        "stock.location": ["warehouse_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["part_brand_id", "part_type"],
    }

    move_id = fields.Many2one("stock.move", string="Stock Move", readonly=True)
    date = fields.Datetime(readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    part_brand_id = fields.Many2one(
        "fleet.vehicle.model.brand", string="Brand", readonly=True
    )
    part_type = fields.Selection(PART_TYPES, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", string="Store", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    line_count = fields.Integer(string="Requested Lines", readonly=True)
    filled_count = fields.Integer(string="Filled at Once", readonly=True)
    fill_rate = fields.Float(
        string="Fill Rate (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a line served at once, 0 otherwise. The average over "
        "lines is the fill rate.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
SELECT m.id, m.id AS move_id, m.date, m.product_id, pt.part_brand_id,
       pt.part_type, src.warehouse_id, m.company_id, 1 AS line_count,
       CASE WHEN m.parts_fill_result = 'full' THEN 1 ELSE 0 END
           AS filled_count,
       CASE WHEN m.parts_fill_result = 'full' THEN 100.0 ELSE 0.0 END
           AS fill_rate
  FROM stock_move m
  JOIN stock_location src ON src.id = m.location_id
  JOIN product_product pp ON pp.id = m.product_id
  JOIN product_template pt ON pt.id = pp.product_tmpl_id
 WHERE m.parts_fill_result IN ('full', 'short')
"""
        )
