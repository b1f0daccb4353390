import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.sql import escape_psql

PART_TYPES = [
    ("oem", "OEM Part"),
    ("accessory", "Accessory"),
    ("fluid", "Fluid"),
    ("tyre", "Tyre"),
    ("consumable", "Consumable"),
]

# Manufacturers print the same number as "04152-YZZA1", "04152 yzza1" or
# "04152.YZZA1". The stored form drops the separators and upper-cases it.
_SEPARATORS = re.compile(r"[\s.\-]+")
_DUPLICATE_KEY = re.compile(r"\(part_brand_id, oem_part_number\)=\((\d+), (.*)\)")


def normalize_part_number(value):
    """Return ``value`` in upper case without white space, dots or dashes."""
    if not value:
        return False
    return _SEPARATORS.sub("", value).upper() or False


def _duplicate_number_message(env, diagnostics):
    """Name the part that already has the number reported by PostgreSQL."""
    match = _DUPLICATE_KEY.search(getattr(diagnostics, "message_detail", "") or "")
    if not match:
        return env._("This OEM part number already exists for this brand.")
    existing = (
        env["product.template"]
        .sudo()
        .with_context(active_test=False)
        .search(
            [
                ("part_brand_id", "=", int(match[1])),
                ("oem_part_number", "=", match[2]),
            ],
            limit=1,
        )
    )
    return env._(
        "OEM part number %(number)s already exists for this brand on part "
        "%(part)s. Open that part instead of creating a second one.",
        number=match[2],
        part=existing.display_name or match[2],
    )


class ProductTemplate(models.Model):
    _inherit = "product.template"

    part_type = fields.Selection(
        PART_TYPES,
        index=True,
        help="Kind of part. Leave empty for products that are not parts.",
    )
    part_brand_id = fields.Many2one(
        "fleet.vehicle.model.brand",
        index=True,
        help="Vehicle brand whose numbering system the OEM part number uses.",
    )
    oem_part_number = fields.Char(
        string="OEM Part Number",
        index="trigram",
        copy=False,
        help="Stored in upper case without spaces, dots or dashes, and unique "
        "per brand across all companies.",
    )
    superseded_by_id = fields.Many2one(
        "product.template",
        index="btree_not_null",
        check_company=True,
        help="Part that replaces this number. Orders for this part are moved "
        "to the last part of the chain.",
    )
    supersedes_ids = fields.One2many("product.template", "superseded_by_id")
    current_part_id = fields.Many2one(
        "product.template",
        compute="_compute_current_part_id",
        help="Last part of the supersession chain.",
    )
    fitment_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        "autocrm_parts_template_fitment_rel",
        "product_tmpl_id",
        "model_id",
        string="Fits Models",
    )
    default_bin_location_id = fields.Many2one(
        "stock.location",
        string="Default Bin",
        domain="[('usage', '=', 'internal')]",
        help="Shelf where the part is normally kept. Receipts into the stock "
        "location of the bin's warehouse are put away there. A part shared by "
        "several companies can name a bin of one of them.",
    )
    part_number_search = fields.Char(
        string="Part Number Lookup",
        compute="_compute_part_number_search",
        search="_search_part_number_search",
        help="Search by whole or partial OEM number, ignoring separators and "
        "following supersession.",
    )
    warranty_price = fields.Monetary(
        string="Warranty Claim Price",
        help="Price the manufacturer refunds when the part is used in a "
        "warranty repair.",
    )

    _oem_part_number_brand_unique = models.UniqueIndex(
        "(part_brand_id, oem_part_number) WHERE oem_part_number IS NOT NULL",
        _duplicate_number_message,
    )

    @api.depends("superseded_by_id")
    def _compute_current_part_id(self):
        for template in self:
            template.current_part_id = template._get_current_part()

    def _compute_part_number_search(self):
        self.part_number_search = False

    def _search_part_number_search(self, operator, value):
        if operator not in ("ilike", "like", "=", "=ilike") or not isinstance(
            value, str
        ):
            return NotImplemented
        return [("id", "in", self._search_part_number(value).ids)]

    @api.constrains("superseded_by_id")
    def _check_supersession_cycle(self):
        for template in self:
            seen = template
            part = template.superseded_by_id
            while part:
                if part in seen:
                    raise ValidationError(
                        self.env._(
                            "Part %(part)s cannot be superseded by %(successor)s: "
                            "the chain %(chain)s leads back to it. Remove one of "
                            "the supersessions first.",
                            part=template.display_name,
                            successor=template.superseded_by_id.display_name,
                            chain=" > ".join(seen.mapped("display_name")),
                        )
                    )
                seen |= part
                part = part.superseded_by_id

    @api.constrains("part_type", "oem_part_number", "part_brand_id")
    def _check_part_brand(self):
        for template in self:
            if template.oem_part_number and not template.part_brand_id:
                raise ValidationError(
                    self.env._(
                        "Part %(part)s has OEM part number %(number)s but no "
                        "brand. Set the brand the number belongs to.",
                        part=template.display_name,
                        number=template.oem_part_number,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "oem_part_number" in vals:
                vals["oem_part_number"] = normalize_part_number(vals["oem_part_number"])
            if vals.get("oem_part_number") and not vals.get("default_code"):
                # The internal reference shows the number on orders and
                # pickings, as "[04152YZZA1] Oil filter".
                vals["default_code"] = vals["oem_part_number"]
        self._check_oem_number_free(vals_list)
        templates = super().create(vals_list)
        templates.filtered("default_bin_location_id")._sync_bin_putaway_rules()
        return templates

    def write(self, vals):
        if "oem_part_number" in vals:
            vals["oem_part_number"] = normalize_part_number(vals["oem_part_number"])
        if {"oem_part_number", "part_brand_id"} & set(vals):
            self._check_oem_number_free(
                [
                    {
                        "name": template.name,
                        "oem_part_number": vals.get(
                            "oem_part_number", template.oem_part_number
                        ),
                        "part_brand_id": vals.get(
                            "part_brand_id", template.part_brand_id.id
                        ),
                    }
                    for template in self
                ],
                exclude=self,
            )
        follow_number = self.browse()
        if "oem_part_number" in vals and "default_code" not in vals:
            follow_number = self.filtered(
                lambda t: not t.default_code or t.default_code == t.oem_part_number
            )
        old_bins = {}
        if "default_bin_location_id" in vals:
            old_bins = {template: template.default_bin_location_id for template in self}
        result = super().write(vals)
        if old_bins:
            self._sync_bin_putaway_rules(old_bins)
        if follow_number:
            # Keep the internal reference in step unless someone changed it.
            follow_number.default_code = vals["oem_part_number"]
        return result

    def _check_oem_number_free(self, vals_list, exclude=None):
        """Raise when a (brand, number) pair is taken, naming the part that has it.

        The unique index is the guarantee. This check runs first so that the
        message can name the existing part in the user's language. It reads
        the catalogue once for the whole batch.
        """
        names_by_key = {}
        for vals in vals_list:
            key = (vals.get("part_brand_id"), vals.get("oem_part_number"))
            if not all(key):
                continue
            if key in names_by_key:
                raise ValidationError(
                    self.env._(
                        "OEM part number %(number)s appears twice in the same "
                        "batch (%(first)s and %(second)s). Keep one of them.",
                        number=key[1],
                        first=names_by_key[key],
                        second=vals.get("name"),
                    )
                )
            names_by_key[key] = vals.get("name")
        if not names_by_key:
            return
        numbers_by_brand = defaultdict(list)
        for brand_id, number in names_by_key:
            numbers_by_brand[brand_id].append(number)
        domain = Domain.OR(
            [
                [("part_brand_id", "=", brand_id), ("oem_part_number", "in", numbers)]
                for brand_id, numbers in numbers_by_brand.items()
            ]
        )
        if exclude:
            domain &= Domain("id", "not in", exclude.ids)
        # The number is unique across companies, so the part that has it may
        # belong to a company the user cannot read.
        existing = self.sudo().with_context(active_test=False).search(domain, limit=1)
        if existing:
            raise ValidationError(
                self.env._(
                    "OEM part number %(number)s already exists for brand "
                    "%(brand)s on part %(part)s. Open that part instead of "
                    "creating a second one.",
                    number=existing.oem_part_number,
                    brand=existing.part_brand_id.name,
                    part=existing.display_name,
                )
            )

    def _sync_bin_putaway_rules(self, old_bins=None):
        """Keep one putaway rule per part from its warehouse stock to its bin.

        ``old_bins`` maps a template to its previous bin, whose rule is
        removed. A bin that is itself a warehouse's stock location, or that
        belongs to no warehouse, needs no rule.
        """
        rules = self.env["stock.putaway.rule"].sudo()
        if old_bins:
            rules.search(
                [
                    ("product_id", "in", self.product_variant_ids.ids),
                    ("location_out_id", "in", [b.id for b in old_bins.values() if b]),
                ]
            ).unlink()
        vals_list = []
        for template in self:
            bin_location = template.default_bin_location_id
            stock_location = bin_location.warehouse_id.lot_stock_id
            if not stock_location or bin_location == stock_location:
                continue
            vals_list += [
                {
                    "product_id": product.id,
                    "location_in_id": stock_location.id,
                    "location_out_id": bin_location.id,
                    "company_id": bin_location.company_id.id,
                }
                for product in template.product_variant_ids
            ]
        # Putaway rules are stock configuration, and a product manager may set
        # the bin of a part without the stock manager rights to write them.
        rules.create(vals_list)

    def _get_current_part(self):
        """Return the last part of each record's supersession chain.

        The chain is followed with a guard against cycles so that a corrupt
        chain written through SQL cannot loop forever.
        """
        current = self.browse()
        for template in self:
            part = template
            seen = part
            while part.superseded_by_id and part.superseded_by_id not in seen:
                part = part.superseded_by_id
                seen |= part
            current |= part
        return current

    @api.model
    def _search_part_number(self, text, limit=None):
        """Return parts whose normalised number contains ``text`` literally.

        Each matching superseded part is followed to its current part, and
        both are returned so that the caller can show which number was asked
        for and which one to use.
        """
        number = normalize_part_number(text)
        if not number:
            return self.browse()
        # "like" would pass "%" and "_" on to SQL as wildcards, so the number
        # is escaped and wrapped by hand.
        matches = self.search(
            [("oem_part_number", "=like", f"%{escape_psql(number)}%")],
            limit=limit,
            order="oem_part_number",
        )
        return matches | matches._get_current_part()

    def action_open_parts_lookup(self):
        """Open the availability lookup filled in for this part's number."""
        self.ensure_one()
        lookup = self.env["autocrm.parts.lookup"].create(
            {"query": self.oem_part_number}
        )
        return lookup.action_search()

    def action_view_supersession_chain(self):
        """Open the parts this number replaces and the part it leads to."""
        self.ensure_one()
        chain = self._get_current_part() | self | self.supersedes_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Supersession of %(part)s", part=self.display_name),
            "res_model": "product.template",
            "view_mode": "list,form",
            "domain": [("id", "in", chain.ids)],
        }
