from odoo import api, fields, models
from odoo.exceptions import UserError

AGENCY_PRODUCTS = {
    "registration": "autocrm_sales.product_agency_registration",
    "purchase_tax": "autocrm_sales.product_agency_purchase_tax",
    "other": "autocrm_sales.product_agency_other",
}


class AutocrmAgencyService(models.Model):
    """Errand the store runs for the customer, such as registration and plates.

    The customer pays the price on the deal. The store pays the cost to a third
    party through a vendor bill, so each service has its own margin.
    """

    _name = "autocrm.agency.service"
    _inherit = ["autocrm.deal.charge.mixin"]
    _description = "Agency Service"
    _order = "order_id, id"
    _check_company_auto = True
    _sale_line_trigger_fields = frozenset(("price", "name", "service_type"))

    service_type = fields.Selection(
        [
            ("registration", "Registration and Plates"),
            ("purchase_tax", "Purchase Tax Filing"),
            ("other", "Other"),
        ],
        required=True,
        default="registration",
    )
    name = fields.Char(string="Description", required=True)
    vendor_id = fields.Many2one(
        "res.partner",
        string="Paid To",
        check_company=True,
        help="Third party that performs the service and bills the store.",
    )
    price = fields.Monetary(string="Price Charged")
    cost = fields.Monetary(string="Third-Party Cost")
    margin = fields.Monetary(compute="_compute_margin")
    vendor_bill_id = fields.Many2one("account.move", readonly=True, copy=False)

    _amounts_not_negative = models.Constraint(
        "CHECK (price >= 0 AND cost >= 0)",
        "The price and the cost of an agency service cannot be negative.",
    )

    @api.depends("price", "cost")
    def _compute_margin(self):
        for service in self:
            service.margin = service.price - service.cost

    @api.onchange("service_type")
    def _onchange_service_type(self):
        if self.service_type and not self.name:
            self.name = dict(self._fields["service_type"].selection)[self.service_type]

    def _prepare_sale_line_vals(self):
        self.ensure_one()
        product = self.env.ref(AGENCY_PRODUCTS[self.service_type])
        return {
            "product_id": product.id,
            "name": self.name,
            "product_uom_qty": 1,
            "price_unit": self.price,
        }

    def action_create_vendor_bill(self):
        """Bill the third-party cost of each service from its vendor."""
        for service in self:
            if service.vendor_bill_id:
                raise UserError(
                    self.env._(
                        "Service %(service)s of deal %(deal)s is already on vendor "
                        "bill %(bill)s.",
                        service=service.name,
                        deal=service.order_id.name,
                        bill=service.vendor_bill_id.display_name,
                    )
                )
            if not service.vendor_id:
                raise UserError(
                    self.env._(
                        "Service %(service)s of deal %(deal)s has no vendor. Enter "
                        "who is paid for it.",
                        service=service.name,
                        deal=service.order_id.name,
                    )
                )
            if service.currency_id.is_zero(service.cost):
                raise UserError(
                    self.env._(
                        "Service %(service)s of deal %(deal)s has no cost to bill.",
                        service=service.name,
                        deal=service.order_id.name,
                    )
                )
            service.vendor_bill_id = service._create_deal_move(
                "in_invoice",
                service.vendor_id,
                self.env.ref(AGENCY_PRODUCTS[service.service_type]),
                service.cost,
                self.env._(
                    "%(service)s for deal %(deal)s",
                    service=service.name,
                    deal=service.order_id.name,
                ),
            )
        return True
