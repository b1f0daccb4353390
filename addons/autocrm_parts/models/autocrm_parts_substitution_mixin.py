from odoo import api, fields, models


class AutocrmPartsSubstitutionMixin(models.AbstractModel):
    """Replace superseded parts on order lines by their current part.

    The inheriting model needs ``product_id`` (product.product). The message
    goes to the chatter of ``order_id`` unless the model overrides
    ``_get_substitution_record``. List this mixin first in
    ``_inherit`` so that its ``create`` substitutes the part before the order
    line's own ``create`` fills in descriptions and prices.
    """

    _name = "autocrm.parts.substitution.mixin"
    _description = "Superseded Part Substitution"

    requested_product_id = fields.Many2one(
        "product.product",
        string="Requested Part",
        readonly=True,
        copy=False,
        help="Superseded part that was entered. The line carries the current "
        "part of its supersession chain instead.",
    )

    @api.onchange("product_id")
    def _onchange_product_id_supersession(self):
        product = self.product_id
        if not product.product_tmpl_id.superseded_by_id:
            return None
        current = product._get_current_part_variant()
        self.requested_product_id = product
        self.product_id = current
        return {
            "warning": {
                "title": self.env._("Superseded part"),
                "message": self._get_substitution_text(product, current),
            }
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._substitute_superseded_product(vals)
        lines = super().create(vals_list)
        lines.filtered("requested_product_id")._post_substitution_messages()
        return lines

    def write(self, vals):
        substituted = self._substitute_superseded_product(vals)
        result = super().write(vals)
        if substituted:
            self._post_substitution_messages()
        return result

    def _substitute_superseded_product(self, vals):
        """Point ``vals`` at the current part and return True when it changed."""
        product = self.env["product.product"].browse(vals.get("product_id"))
        if not product or not product.product_tmpl_id.superseded_by_id:
            return False
        vals["product_id"] = product._get_current_part_variant().id
        vals["requested_product_id"] = product.id
        # The description was written for the old number, so let it recompute.
        vals.pop("name", None)
        return True

    def _get_substitution_text(self, requested, current):
        return self.env._(
            "Part %(requested)s is superseded by %(current)s, so this line "
            "now carries %(current)s.",
            requested=requested.display_name,
            current=current.display_name,
        )

    def _get_substitution_record(self):
        """Return the record whose chatter reports the substitution."""
        self.ensure_one()
        return self.order_id

    def _post_substitution_messages(self):
        for line in self:
            line._get_substitution_record().message_post(
                body=self._get_substitution_text(
                    line.requested_product_id, line.product_id
                )
            )
