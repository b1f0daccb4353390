from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class AutocrmDecorationPackage(models.Model):
    """Named set of accessories plus their installation labour."""

    _name = "autocrm.decoration.package"
    _description = "Decoration Package"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
    )
    vehicle_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        string="Vehicle Models",
        help="Models the package fits; empty means every model.",
    )
    pricing = fields.Selection(
        [("package", "Package Price"), ("lines", "Price per Line")],
        required=True,
        default="package",
        help="Package Price spreads the package price over its lines in "
        "proportion to their prices; Price per Line sells each line at its "
        "own price.",
    )
    package_price = fields.Monetary()
    line_ids = fields.One2many(
        "autocrm.decoration.package.line", "package_id", copy=True
    )
    lines_total = fields.Monetary(
        string="Total of Line Prices", compute="_compute_lines_total"
    )

    _package_price_not_negative = models.Constraint(
        "CHECK (package_price >= 0)", "The package price cannot be negative."
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for package in self:
            package.currency_id = (package.company_id or self.env.company).currency_id

    @api.depends("line_ids.price_unit", "line_ids.quantity")
    def _compute_lines_total(self):
        for package in self:
            package.lines_total = sum(
                line.price_unit * line.quantity for line in package.line_ids
            )

    def _prepare_order_line_commands(self, order):
        """Return commands adding this package to the deal: a section, then lines.

        With package pricing every line price is scaled by the same factor, so
        the lines add up to the package price. The last line takes the
        rounding remainder.
        """
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "Decoration package %(package)s has no lines to add.",
                    package=self.name,
                )
            )
        currency = order.currency_id
        prices = [line.price_unit for line in self.line_ids]
        if self.pricing == "package" and self.lines_total:
            factor = self.package_price / self.lines_total
            prices = [currency.round(price * factor) for price in prices]
            remainder = self.package_price - sum(
                price * line.quantity
                for price, line in zip(prices, self.line_ids, strict=True)
            )
            last = self.line_ids[-1]
            prices[-1] = prices[-1] + currency.round(remainder / last.quantity)
        sequence = max(order.order_line.mapped("sequence"), default=10) + 1
        commands = [
            Command.create(
                {
                    "display_type": "line_section",
                    "name": self.name,
                    "sequence": sequence,
                }
            )
        ]
        for price, line in zip(prices, self.line_ids, strict=True):
            sequence += 1
            commands.append(
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.quantity,
                        "price_unit": price,
                        "list_price_unit": price,
                        "decoration_package_id": self.id,
                        "sequence": sequence,
                    }
                )
            )
        return commands


class AutocrmDecorationPackageLine(models.Model):
    _name = "autocrm.decoration.package.line"
    _description = "Decoration Package Line"
    _order = "package_id, sequence, id"

    package_id = fields.Many2one(
        "autocrm.decoration.package", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        domain="['|', ('part_type', '=', 'accessory'), ('type', '=', 'service')]",
        help="An accessory, or the service product of its installation labour.",
    )
    is_labour = fields.Boolean(compute="_compute_is_labour")
    quantity = fields.Float(default=1.0, digits="Product Unit", required=True)
    currency_id = fields.Many2one(related="package_id.currency_id")
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
    )

    _quantity_positive = models.Constraint(
        "CHECK (quantity > 0)", "The quantity of a package line must be positive."
    )

    @api.depends("product_id")
    def _compute_is_labour(self):
        for line in self:
            line.is_labour = line.product_id.type == "service"

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price
