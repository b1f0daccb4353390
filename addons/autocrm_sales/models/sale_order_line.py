from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

# Context value that lets a deal record (decoration package, agency service,
# loan fee) price the lines it adds to a confirmed deal. It is a Python object
# rather than True so that a context sent over RPC cannot carry it.
DEAL_PRICED_LINE = object()


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    is_gift = fields.Boolean(
        help="Given free to the customer: the line sells at zero but its cost "
        "still counts in the deal's cost.",
    )
    list_price_unit = fields.Float(
        string="List Price",
        digits="Product Price",
        compute="_compute_list_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        help="Reference price the discount is measured from: the pricelist "
        "price, or the package price for decoration package lines.",
    )
    decoration_package_id = fields.Many2one(
        "autocrm.decoration.package", readonly=True, index="btree_not_null"
    )
    agency_service_ids = fields.One2many("autocrm.agency.service", "sale_line_id")
    deal_unit_cost = fields.Monetary(
        string="Unit Cost",
        compute="_compute_deal_cost",
        help="The VIN's own purchase cost for the vehicle line, the third-party "
        "cost for agency services, the product cost otherwise.",
    )
    deal_cost = fields.Monetary(string="Cost", compute="_compute_deal_cost")

    @api.depends("product_id", "product_uom_id", "order_id.pricelist_id")
    def _compute_list_price_unit(self):
        for line in self:
            if line.product_id and line.order_id and not line.is_downpayment:
                line.list_price_unit = line.with_company(
                    line.company_id
                )._get_display_price()
            else:
                line.list_price_unit = 0.0

    @api.depends(
        "product_id",
        "product_uom_qty",
        "product_uom_id",
        "order_id.vehicle_lot_id",
        "agency_service_ids.cost",
    )
    def _compute_deal_cost(self):
        for line in self:
            if line.display_type or line.is_downpayment or not line.product_id:
                line.deal_unit_cost = 0.0
                line.deal_cost = 0.0
                continue
            quantity = line.product_uom_id._compute_quantity(
                line.product_uom_qty, line.product_id.uom_id
            )
            if line.agency_service_ids:
                total = sum(line.agency_service_ids.mapped("cost"))
            else:
                total = line._get_product_unit_cost() * quantity
            line.deal_cost = total
            line.deal_unit_cost = (
                total / line.product_uom_qty if line.product_uom_qty else 0.0
            )

    def _get_product_unit_cost(self):
        """Return the unit cost in company currency, the VIN's for the vehicle."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        lot = self.order_id.vehicle_lot_id.with_company(self.company_id)
        if product.is_vehicle and lot and lot.product_id == self.product_id:
            return lot.standard_price
        return product.standard_price

    @api.constrains("is_gift", "price_unit", "discount")
    def _check_gift_is_free(self):
        for line in self.filtered("is_gift"):
            if not line.currency_id.is_zero(line.price_subtotal):
                raise ValidationError(
                    self.env._(
                        "Gift %(product)s on deal %(deal)s is priced at "
                        "%(amount)s. A gift is free to the customer: set its "
                        "price to zero, or untick Gift to sell it.",
                        product=line.product_id.display_name,
                        deal=line.order_id.name,
                        amount=line.currency_id.format(line.price_subtotal),
                    )
                )

    @api.onchange("is_gift")
    def _onchange_is_gift(self):
        if self.is_gift:
            self.price_unit = 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_gift"):
                vals["price_unit"] = 0.0
        lines = super().create(vals_list)
        lines._check_new_confirmed_deal_line_prices()
        return lines

    def write(self, vals):
        if vals.get("is_gift"):
            vals = dict(vals, price_unit=0.0)
        self._check_confirmed_deal_prices(vals)
        return super().write(vals)

    def _check_confirmed_deal_prices(self, vals):
        """Reject price changes on confirmed vehicle deals by non-managers.

        The sales manager approved the discount of the deal as confirmed, so
        a consultant who cut a price afterwards would sell below that
        approval. Lines that a deal record prices itself are not checked, as
        in ``_check_new_confirmed_deal_line_prices``, which checks new lines.
        """
        price_fields = {"price_unit", "discount", "list_price_unit"} & set(vals)
        if (
            not price_fields
            or self.env.su
            or self.env.context.get("autocrm_deal_priced_line") is DEAL_PRICED_LINE
            or self.env.user.has_group("autocrm_crm.group_sales_manager")
        ):
            return
        for line in self:
            order = line.order_id
            if not order.is_vehicle_deal or order.state != "sale":
                continue
            for field_name in price_fields:
                field = line._fields[field_name]
                digits = field.get_digits(self.env)
                if float_compare(
                    line[field_name] or 0.0,
                    vals[field_name] or 0.0,
                    precision_digits=digits[1] if digits else 2,
                ):
                    raise UserError(
                        self.env._(
                            "Deal %(deal)s is confirmed, so the %(field)s of "
                            "%(product)s cannot change from %(old)s to "
                            "%(new)s. Ask a sales manager to change it.",
                            deal=order.name,
                            field=field._description_string(self.env),
                            product=line.product_id.display_name,
                            old=line[field_name],
                            new=vals[field_name],
                        )
                    )

    def _check_new_confirmed_deal_line_prices(self):
        """Reject new lines on confirmed vehicle deals that skip the pricelist price.

        A new line that a non-manager adds to a confirmed deal must carry the
        pricelist's unit price and list price. Its discount % may be set. The
        discount counts towards the deal discount, so above the consultant's
        limit the gate pass and the delivery wait for a sales manager's
        approval. Lines that a deal record prices itself (decoration
        packages, agency services, loan fees) are created with the
        ``autocrm_deal_priced_line`` context key set to ``DEAL_PRICED_LINE``
        and skip this check.
        """
        if (
            self.env.su
            or self.env.context.get("autocrm_deal_priced_line") is DEAL_PRICED_LINE
            or self.env.user.has_group("autocrm_crm.group_sales_manager")
        ):
            return
        lines = self._get_deal_product_lines().filtered(
            lambda line: (
                line.order_id.is_vehicle_deal
                and line.order_id.state == "sale"
                and not line.is_expense
                and not line._is_global_discount()
            )
        )
        for line in lines:
            # A new record computes the prices that the pricelist gives for
            # the same product, unit and quantity on the same deal.
            reference = self.new(
                {
                    "order_id": line.order_id.id,
                    "product_id": line.product_id.id,
                    "product_uom_id": line.product_uom_id.id,
                    "product_uom_qty": line.product_uom_qty,
                }
            )
            for field_name in ("price_unit", "list_price_unit"):
                field = line._fields[field_name]
                digits = field.get_digits(self.env)
                if float_compare(
                    line[field_name],
                    reference[field_name],
                    precision_digits=digits[1] if digits else 2,
                ):
                    raise UserError(
                        self.env._(
                            "Deal %(deal)s is confirmed, so a new line of "
                            "%(product)s must have the pricelist %(field)s of "
                            "%(expected)s, not %(value)s. Add it at the "
                            "pricelist price, with a discount if needed, or ask "
                            "a sales manager to add it.",
                            deal=line.order_id.name,
                            product=line.product_id.display_name,
                            field=field._description_string(self.env),
                            expected=reference[field_name],
                            value=line[field_name],
                        )
                    )

    def _get_deal_product_lines(self):
        """Return the lines that sell something: no notes, sections or deposits."""
        return self.filtered(
            lambda line: (
                not line.display_type and not line.is_downpayment and line.product_id
            )
        )

    def _get_installation_lines(self):
        """Return the lines whose goods the workshop fits on the vehicle."""
        return self._get_deal_product_lines().filtered(
            lambda line: (
                line.decoration_package_id or line.product_id.part_type == "accessory"
            )
        )
