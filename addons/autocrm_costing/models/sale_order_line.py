from odoo import api, fields, models

from .costing_selections import CATEGORIES, PAYERS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    costing_category = fields.Selection(
        CATEGORIES,
        compute="_compute_costing_category",
        store=True,
        help="Where the revenue and cost of this line are reported.",
    )
    costing_payer = fields.Selection(
        PAYERS,
        compute="_compute_costing_payer",
        store=True,
        help="Who pays this line when it comes from a repair order.",
    )

    @api.depends(
        "product_id",
        "is_downpayment",
        "is_gift",
        "decoration_package_id",
        "agency_service_ids",
        "order_id.is_vehicle_deal",
        "order_id.repair_order_ids",
    )
    def _compute_costing_category(self):
        for line in self:
            line.costing_category = line._get_costing_category()

    @api.depends("order_id.repair_order_ids")
    def _compute_costing_payer(self):
        for line in self:
            line.costing_payer = "customer" if line.order_id.repair_order_ids else False

    def _get_costing_category(self):
        """Return the costing category of the line, or False for a deposit.

        A deposit is not revenue: the final invoice deducts it again.
        """
        self.ensure_one()
        if self.is_downpayment or self.display_type or not self.product_id:
            return False
        is_service = self.product_id.type == "service"
        if self.order_id.repair_order_ids:
            return "labour" if is_service else "parts_workshop"
        if not self.order_id.is_vehicle_deal:
            return False if is_service else "parts_counter"
        return self._get_deal_costing_category(is_service)

    def _get_deal_costing_category(self, is_service):
        self.ensure_one()
        finance_fee = self.env.ref(
            "autocrm_sales.product_finance_service_fee", raise_if_not_found=False
        )
        if self.is_gift:
            return "gift"
        if self.product_id.is_vehicle:
            return "vehicle"
        if self.agency_service_ids:
            return "agency"
        if finance_fee and self.product_id == finance_fee:
            return "finance"
        # Everything else sold with a car is decoration: the accessories and
        # the labour that fits them.
        return "installation" if is_service else "accessory"
