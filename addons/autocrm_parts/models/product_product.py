from odoo import api, models
from odoo.fields import Domain
from odoo.tools.sql import escape_psql

from .product_template import normalize_part_number


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _get_current_part_variant(self):
        """Return the variant to use in place of each superseded variant.

        Parts have one variant, so the current variant is the first variant
        of the template at the end of the supersession chain.
        """
        current = self.browse()
        for product in self:
            template = product.product_tmpl_id
            if template.superseded_by_id:
                current |= template._get_current_part().product_variant_id
            else:
                current |= product
        return current

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """Also find parts by OEM number typed with spaces, dots or dashes."""
        result = super().name_search(name, domain, operator, limit)
        if operator not in ("ilike", "like", "=ilike", "="):
            return result
        number = normalize_part_number(name)
        if not number or (limit and len(result) >= limit):
            return result
        found_ids = [product_id for product_id, _name in result]
        extra = self.search_fetch(
            Domain(domain or Domain.TRUE)
            & Domain(
                "product_tmpl_id.oem_part_number", "=like", f"%{escape_psql(number)}%"
            )
            & Domain("id", "not in", found_ids),
            ["display_name"],
            limit=limit and limit - len(result),
        )
        return result + [(product.id, product.display_name) for product in extra]
