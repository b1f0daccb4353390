from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.autocrm_base.tools.vin import normalize_vin, vin_problem

VIN_STATES = [
    ("ordered", "Ordered"),
    ("in_transit", "In Transit"),
    ("in_stock", "In Stock"),
    ("reserved", "Reserved"),
    ("sold", "Sold"),
    ("delivered", "Delivered"),
]


class StockLot(models.Model):
    _inherit = "stock.lot"

    # The VIN unit: for vehicle products the lot name is the VIN.
    is_vehicle = fields.Boolean(
        related="product_id.product_tmpl_id.is_vehicle", store=True, index=True
    )
    vehicle_model_id = fields.Many2one(
        related="product_id.product_tmpl_id.vehicle_model_id", store=True
    )
    trim = fields.Char(compute="_compute_trim_colour", store=True)
    colour = fields.Char(
        compute="_compute_trim_colour",
        store=True,
        readonly=False,
        help="Exterior colour; taken from the product variant when it has a "
        "Colour attribute.",
    )
    engine_number = fields.Char(index="btree_not_null", copy=False)
    key_number = fields.Char(copy=False)
    certificate_number = fields.Char(
        string="Certificate of Conformity",
        copy=False,
        help="Number of the manufacturer's certificate that the vehicle "
        "conforms to its type approval; needed for registration.",
    )
    production_date = fields.Date()
    arrival_date = fields.Date(
        readonly=True,
        copy=False,
        help="Date the VIN was first received into the store's stock.",
    )
    delivery_date = fields.Date(readonly=True, copy=False)
    days_in_stock = fields.Integer(
        compute="_compute_days_in_stock",
        help="Days from arrival until delivery, or until today while the "
        "vehicle is still at the store.",
    )
    # Status and reservation, derived from the purchase receipt, the stock
    # location and the deal that reserved the VIN.
    reserved_order_id = fields.Many2one(
        "sale.order",
        string="Reserving Deal",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Confirmed vehicle deal that reserved this VIN. It is released when "
        "the deal is cancelled or the vehicle is returned.",
    )
    vin_state = fields.Selection(
        VIN_STATES,
        string="Vehicle Status",
        compute="_compute_vin_state",
        store=True,
        index=True,
    )
    fleet_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Owner Vehicle",
        readonly=True,
        copy=False,
        help="The customer's vehicle record, created at delivery.",
    )

    _vin_unique = models.UniqueIndex(
        "(name) WHERE is_vehicle IS TRUE",
        "This VIN is already registered on another vehicle unit.",
    )

    @api.depends("product_id.product_template_attribute_value_ids")
    def _compute_trim_colour(self):
        trim_attribute = self.env.ref(
            "autocrm_sales.product_attribute_trim", raise_if_not_found=False
        )
        colour_attribute = self.env.ref(
            "autocrm_sales.product_attribute_colour", raise_if_not_found=False
        )
        for lot in self:
            values = lot.product_id.product_template_attribute_value_ids
            trim_values = values.filtered(lambda v: v.attribute_id == trim_attribute)
            colour_values = values.filtered(
                lambda v: v.attribute_id == colour_attribute
            )
            lot.trim = trim_values[:1].name or False
            lot.colour = colour_values[:1].name or lot.colour or False

    @api.depends("arrival_date", "delivery_date")
    def _compute_days_in_stock(self):
        today = fields.Date.context_today(self)
        for lot in self:
            if lot.arrival_date:
                end = lot.delivery_date or today
                lot.days_in_stock = max((end - lot.arrival_date).days, 0)
            else:
                lot.days_in_stock = 0

    @api.depends(
        "reserved_order_id.state",
        "reserved_order_id.vehicle_delivered",
        "reserved_order_id.vehicle_invoiced",
        "quant_ids.quantity",
        "quant_ids.location_id.usage",
    )
    def _compute_vin_state(self):
        for lot in self:
            if not lot.is_vehicle:
                lot.vin_state = False
                continue
            deal = lot.reserved_order_id
            if deal and deal.state == "sale":
                if deal.vehicle_delivered:
                    lot.vin_state = "delivered"
                elif deal.vehicle_invoiced:
                    lot.vin_state = "sold"
                else:
                    lot.vin_state = "reserved"
                continue
            usages = {
                quant.location_id.usage for quant in lot.quant_ids if quant.quantity > 0
            }
            if "internal" in usages:
                lot.vin_state = "in_stock"
            elif "transit" in usages:
                lot.vin_state = "in_transit"
            elif "customer" in usages:
                lot.vin_state = "delivered"
            else:
                lot.vin_state = "ordered"

    @api.constrains("name", "product_id")
    def _check_vin(self):
        for lot in self.filtered("is_vehicle"):
            problem = vin_problem(lot.name or "")
            if problem:
                raise ValidationError(
                    self.env._(
                        "VIN %(vin)s of %(product)s is invalid: %(problem)s. "
                        "Check it against the vehicle's papers.",
                        vin=lot.name,
                        product=lot.product_id.display_name,
                        problem=problem,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        products = self.env["product.product"].browse(
            [vals["product_id"] for vals in vals_list if vals.get("product_id")]
        )
        vehicle_ids = set(products.filtered("is_vehicle").ids)
        for vals in vals_list:
            if vals.get("product_id") in vehicle_ids and vals.get("name"):
                vals["name"] = normalize_vin(vals["name"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("name") and any(self.mapped("is_vehicle")):
            vals = dict(vals, name=normalize_vin(vals["name"]))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Document hooks
    # ------------------------------------------------------------------

    def _mark_arrived(self, date):
        """Record the first receipt date; later receipts (returns) keep it."""
        self.filtered(lambda lot: not lot.arrival_date).write({"arrival_date": date})
