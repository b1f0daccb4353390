from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.product_template import normalize_part_number

# Trigram indexes need three characters, so shorter text would scan every part.
MIN_QUERY_LENGTH = 3
# Moves that are expected to bring stock into a store and not done yet.
_OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


class AutocrmPartsLookup(models.TransientModel):
    """Availability of parts by (partial) number across the user's stores.

    Matches are followed along their supersession chain, so the lookup shows
    the current part next to the requested one. Alternatives are parts of
    the same category that fit the same vehicle models.
    """

    _name = "autocrm.parts.lookup"
    _description = "Parts Availability Lookup"

    query = fields.Char(
        string="Part Number",
        help="Whole or partial OEM number. Spaces, dots and dashes are ignored.",
    )
    vehicle_model_id = fields.Many2one(
        "fleet.vehicle.model",
        string="Fits Model",
        help="Offer only alternatives that fit this vehicle model.",
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Stores",
        help="Leave empty to look in every store of the selected companies.",
    )
    match_limit = fields.Integer(default=50, required=True)
    line_ids = fields.One2many(
        "autocrm.parts.lookup.line",
        "lookup_id",
        domain=[("kind", "=", "match")],
        string="Availability",
    )
    alternative_line_ids = fields.One2many(
        "autocrm.parts.lookup.line",
        "lookup_id",
        domain=[("kind", "=", "alternative")],
        string="Alternatives",
    )
    result_message = fields.Char(readonly=True)

    def _compute_display_name(self):
        # Without a name field the web client titles the form with the raw
        # "model,NewId" string.
        for lookup in self:
            lookup.display_name = self.env._("Parts Lookup")

    def action_search(self):
        """Fill the result lines for the number in ``query``."""
        self.ensure_one()
        number = normalize_part_number(self.query)
        # Only letters and digits count towards the minimum because "%" and
        # "_" match only themselves.
        if sum(char.isalnum() for char in number or "") < MIN_QUERY_LENGTH:
            raise UserError(
                self.env._(
                    "Part number %(query)s is too short: type at least "
                    "%(count)s letters or digits.",
                    query=self.query or "",
                    count=MIN_QUERY_LENGTH,
                )
            )

        templates = self.env["product.template"]._search_part_number(
            number, limit=self.match_limit
        )
        products = templates.product_variant_ids
        alternatives = self._get_alternatives(templates)
        availability = self._get_part_availability(
            products | alternatives.product_variant_ids, self.warehouse_ids
        )

        (self.line_ids | self.alternative_line_ids).unlink()
        line_vals = []
        groups = (
            ("match", products),
            ("alternative", alternatives.product_variant_ids),
        )
        for kind, group in groups:
            for product in group:
                line_vals += [
                    dict(row, lookup_id=self.id, kind=kind, product_id=product.id)
                    for row in availability.get(product, [{}])
                ]
        self.env["autocrm.parts.lookup.line"].create(line_vals)

        self.result_message = self._get_result_message(templates)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _get_result_message(self, templates):
        if not templates:
            return self.env._(
                "No part number contains %(query)s.", query=self.query or ""
            )
        superseded = templates.filtered("superseded_by_id")
        if superseded:
            return self.env._(
                "%(count)s superseded number(s) found: use the current part shown "
                "next to them.",
                count=len(superseded),
            )
        return False

    def _get_alternatives(self, templates, limit=20):
        """Return current parts of the same categories fitting the same models."""
        current = templates.filtered(lambda tmpl: not tmpl.superseded_by_id)
        models_fitted = self.vehicle_model_id or current.fitment_model_ids
        if not current or not models_fitted:
            return self.env["product.template"]
        return self.env["product.template"].search(
            [
                ("part_type", "!=", False),
                ("categ_id", "in", current.categ_id.ids),
                ("fitment_model_ids", "in", models_fitted.ids),
                ("superseded_by_id", "=", False),
                ("id", "not in", templates.ids),
            ],
            limit=limit,
        )

    @api.model
    def _get_part_availability(self, products, warehouses=None):
        """Return ``{product: [row, ...]}`` with one row per store and bin.

        Each row contains ``warehouse_id``, ``location_id``, ``qty_on_hand``,
        ``qty_reserved`` and ``qty_incoming`` (quantities in the product's
        unit). It runs a fixed number of queries whatever the number of
        products: one grouped read of quants and one of open incoming moves.
        """
        if not products:
            return {}
        location_domain = [("location_id.usage", "=", "internal")]
        if warehouses:
            location_domain.append(("location_id.warehouse_id", "in", warehouses.ids))
        quant_groups = self.env["stock.quant"]._read_group(
            [("product_id", "in", products.ids), *location_domain],
            ["product_id", "location_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        )
        dest_domain = [("location_dest_id.usage", "=", "internal")]
        if warehouses:
            dest_domain.append(("location_dest_id.warehouse_id", "in", warehouses.ids))
        move_groups = self.env["stock.move"]._read_group(
            [
                ("product_id", "in", products.ids),
                ("state", "in", _OPEN_MOVE_STATES),
                ("location_id.usage", "!=", "internal"),
                *dest_domain,
            ],
            ["product_id", "location_dest_id"],
            ["product_qty:sum"],
        )
        rows = defaultdict(
            lambda: {"qty_on_hand": 0.0, "qty_reserved": 0.0, "qty_incoming": 0.0}
        )
        for product, location, quantity, reserved in quant_groups:
            row = rows[product, location]
            row["qty_on_hand"] += quantity
            row["qty_reserved"] += reserved
        for product, location, quantity in move_groups:
            rows[product, location]["qty_incoming"] += quantity
        result = defaultdict(list)
        for (product, location), row in rows.items():
            row.update(warehouse_id=location.warehouse_id.id, location_id=location.id)
            result[product].append(row)
        return result


class AutocrmPartsLookupLine(models.TransientModel):
    _name = "autocrm.parts.lookup.line"
    _description = "Parts Availability Lookup Line"
    _order = "kind desc, product_id, warehouse_id, location_id"

    lookup_id = fields.Many2one(
        "autocrm.parts.lookup", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [("match", "Match"), ("alternative", "Alternative")],
        required=True,
        default="match",
    )
    product_id = fields.Many2one("product.product", string="Part", required=True)
    oem_part_number = fields.Char(related="product_id.product_tmpl_id.oem_part_number")
    part_brand_id = fields.Many2one(related="product_id.product_tmpl_id.part_brand_id")
    superseded_by_id = fields.Many2one(
        related="product_id.product_tmpl_id.superseded_by_id"
    )
    current_part_id = fields.Many2one(
        related="product_id.product_tmpl_id.current_part_id"
    )
    default_bin_location_id = fields.Many2one(
        related="product_id.product_tmpl_id.default_bin_location_id"
    )
    warehouse_id = fields.Many2one("stock.warehouse", string="Store")
    location_id = fields.Many2one("stock.location", string="Bin")
    qty_on_hand = fields.Float(string="On Hand", digits="Product Unit")
    qty_reserved = fields.Float(string="Reserved", digits="Product Unit")
    qty_available = fields.Float(
        string="Free",
        compute="_compute_qty_available",
        digits="Product Unit",
    )
    qty_incoming = fields.Float(string="Incoming", digits="Product Unit")

    @api.depends("qty_on_hand", "qty_reserved")
    def _compute_qty_available(self):
        for line in self:
            line.qty_available = line.qty_on_hand - line.qty_reserved
