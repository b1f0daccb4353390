from odoo import fields, models, tools
from odoo.tools import SQL

from .stock_lot import VIN_STATES


class AutocrmVehicleStockReport(models.Model):
    """Vehicles the store owns, with their age and the capital tied up in them.

    One row per VIN with a positive quantity in an internal or transit
    location. The capital is the VIN's own valuation cost (lot valuation), so
    it matches stock valuation rather than a list price.
    """

    _name = "autocrm.vehicle.stock.report"
    _description = "Vehicle Stock Ageing"
    _auto = False
    _order = "age_days desc"

    lot_id = fields.Many2one("stock.lot", string="VIN", readonly=True)
    product_id = fields.Many2one("product.product", string="Vehicle", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Vehicle Product", readonly=True
    )
    vehicle_model_id = fields.Many2one(
        "fleet.vehicle.model", string="Model", readonly=True
    )
    trim = fields.Char(readonly=True)
    colour = fields.Char(readonly=True)
    vin_state = fields.Selection(VIN_STATES, string="Status", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    arrival_date = fields.Date(readonly=True)
    age_days = fields.Integer(string="Days in Stock", readonly=True, aggregator="avg")
    age_bucket = fields.Selection(
        [
            ("0_30", "0-30 days"),
            ("31_60", "31-60 days"),
            ("61_90", "61-90 days"),
            ("over_90", "Over 90 days"),
        ],
        string="Age",
        readonly=True,
    )
    capital = fields.Monetary(string="Capital Tied Up", readonly=True)
    vehicle_count = fields.Integer(string="Vehicles", readonly=True)

    def _get_query(self):
        # The lot's cost is a company-dependent field, stored as JSON keyed by
        # company id.
        age = SQL("(CURRENT_DATE - COALESCE(lot.arrival_date, quant.in_date::date))")
        return SQL(
            """
            SELECT
                quant.id AS id,
                lot.id AS lot_id,
                lot.product_id AS product_id,
                product.product_tmpl_id AS product_tmpl_id,
                lot.vehicle_model_id AS vehicle_model_id,
                lot.trim AS trim,
                lot.colour AS colour,
                lot.vin_state AS vin_state,
                quant.company_id AS company_id,
                company.currency_id AS currency_id,
                quant.location_id AS location_id,
                COALESCE(lot.arrival_date, quant.in_date::date) AS arrival_date,
                %(age)s AS age_days,
                CASE
                    WHEN %(age)s <= 30 THEN '0_30'
                    WHEN %(age)s <= 60 THEN '31_60'
                    WHEN %(age)s <= 90 THEN '61_90'
                    ELSE 'over_90'
                END AS age_bucket,
                COALESCE(
                    (lot.standard_price ->> quant.company_id::text)::numeric, 0
                ) * quant.quantity AS capital,
                1 AS vehicle_count
            FROM stock_quant quant
            JOIN stock_lot lot ON lot.id = quant.lot_id
            JOIN stock_location location ON location.id = quant.location_id
            JOIN product_product product ON product.id = lot.product_id
            JOIN res_company company ON company.id = quant.company_id
            WHERE lot.is_vehicle IS TRUE
              AND quant.quantity > 0
              AND location.usage IN ('internal', 'transit')
            """,
            age=age,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._get_query(),
            )
        )
