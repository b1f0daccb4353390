from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    parts_fill_result = fields.Selection(
        [
            ("full", "Served at Once"),
            ("short", "Short at First Pick"),
            ("backorder", "Backorder"),
        ],
        string="First-Pick Result",
        copy=False,
        readonly=True,
        help="Whether the whole requested quantity of a part left the shelf "
        "when the line was first validated. Backorders split from a short "
        "line are not requests of their own.",
    )

    def _prepare_move_split_vals(self, qty):
        vals = super()._prepare_move_split_vals(qty)
        vals["parts_fill_result"] = "backorder"
        return vals

    def _action_done(self, cancel_backorder=False):
        self._set_parts_fill_result()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _set_parts_fill_result(self):
        """Record, before any backorder split, whether each request is served."""
        requests = self.filtered(
            lambda move: (
                not move.parts_fill_result
                and move.state not in ("done", "cancel")
                and move.product_id.product_tmpl_id.part_type
                and move.location_dest_id.usage in ("customer", "production")
                and not move.origin_returned_move_id
            )
        )
        full = requests.filtered(
            lambda move: (
                move.picked
                and move.product_uom.compare(move.quantity, move.product_uom_qty) >= 0
            )
        )
        full.write({"parts_fill_result": "full"})
        (requests - full).write({"parts_fill_result": "short"})
