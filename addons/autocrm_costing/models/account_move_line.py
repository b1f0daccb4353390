from odoo import api, fields, models

from .costing_selections import CATEGORIES, PAYERS


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    costing_category = fields.Selection(
        CATEGORIES,
        compute="_compute_costing_category",
        store=True,
        recursive=True,
        readonly=False,
        help="Where the revenue or cost of this journal item is reported. It is"
        " taken from the sale order line. Set it on a vendor bill line, such as"
        " a late freight bill or an OEM bonus, that no order line explains.",
    )
    costing_deal_id = fields.Many2one(
        "sale.order",
        string="Vehicle Deal",
        compute="_compute_costing_deal_id",
        store=True,
        recursive=True,
        readonly=False,
        index="btree_not_null",
        help="Vehicle deal whose profit this journal item counts in. When it is"
        " empty, the deal that sold the VIN of the item is used.",
    )
    costing_lot_id = fields.Many2one(
        "stock.lot",
        string="VIN",
        index="btree_not_null",
        help="Vehicle unit this cost or incentive belongs to, for example on a"
        " freight bill or an OEM volume bonus that arrives after delivery.",
    )
    costing_repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        compute="_compute_costing_repair_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    costing_payer = fields.Selection(
        PAYERS,
        compute="_compute_costing_payer",
        store=True,
        readonly=False,
    )

    @api.depends(
        "sale_line_ids.costing_category",
        "cogs_origin_id.costing_category",
        "costing_lot_id",
    )
    def _compute_costing_category(self):
        for line in self:
            origin = line.cogs_origin_id or line
            categories = origin.sale_line_ids.mapped("costing_category")
            if categories:
                line.costing_category = categories[0]
            elif origin != line:
                line.costing_category = origin.costing_category
            elif line.costing_lot_id and not line.costing_category:
                line.costing_category = "vehicle"
            else:
                line.costing_category = line.costing_category

    @api.depends(
        "sale_line_ids.order_id.is_vehicle_deal", "cogs_origin_id.costing_deal_id"
    )
    def _compute_costing_deal_id(self):
        for line in self:
            origin = line.cogs_origin_id or line
            deals = origin.sale_line_ids.order_id.filtered("is_vehicle_deal")
            if deals:
                line.costing_deal_id = deals[:1]
            elif origin != line:
                line.costing_deal_id = origin.costing_deal_id
            else:
                line.costing_deal_id = line.costing_deal_id

    @api.depends("sale_line_ids.order_id.repair_order_ids")
    def _compute_costing_repair_id(self):
        for line in self:
            origin = line.cogs_origin_id or line
            repairs = origin.sale_line_ids.order_id.repair_order_ids
            line.costing_repair_id = repairs[:1] or line.costing_repair_id

    @api.depends("sale_line_ids.costing_payer")
    def _compute_costing_payer(self):
        for line in self:
            origin = line.cogs_origin_id or line
            payers = origin.sale_line_ids.mapped("costing_payer")
            line.costing_payer = payers[0] if payers else line.costing_payer
