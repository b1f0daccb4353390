from odoo import fields, models


class StockValuationAdjustmentLines(models.Model):
    _inherit = "stock.valuation.adjustment.lines"

    costing_account_id = fields.Many2one(
        "account.account",
        string="Landed Cost Account",
        readonly=True,
        copy=False,
        help="Account the landed cost is taken from, the one Odoo credits when"
        " it adds the cost to the value of the goods in stock.",
    )
    costing_expensed_cost = fields.Monetary(
        string="Expensed Share",
        readonly=True,
        copy=False,
        help="Share of the landed cost that fell on goods other than vehicles"
        " that had already left stock when it was validated. It stays on the"
        " landed cost account.",
    )
    costing_lot_costs = fields.Json(
        string="Share per Delivered VIN",
        readonly=True,
        copy=False,
        help="Share of the landed cost of each VIN that had already left stock"
        " when it was validated, by lot id. The profit reports add it to the"
        " deal that sold the VIN.",
    )

    def _costing_record_delivered_shares(self):
        """Store the share of each landed cost that no stock value carries.

        Odoo adds a landed cost to the value of the receipt move. Goods still
        in stock carry it into their later delivery. For goods already gone,
        the share is recorded here: per VIN for a vehicle, since a lot-valued
        vehicle has its own cost, and as one amount for any other product.
        The share of a lot-valued product follows its own lots. The share of
        any other product follows Odoo's remaining quantity of the receipt.
        """
        for line in self.filtered("move_id"):
            currency = line.cost_id.currency_id
            product = line.product_id
            total = line.additional_landed_cost
            credit_account = (
                line.cost_line_id.account_id
                or line.cost_line_id.product_id._get_product_accounts()["expense"]
            )
            lot_costs = {}
            expensed = 0.0
            if line.quantity and product.lot_valuated:
                for move_line in line.move_id.move_line_ids.filtered("lot_id"):
                    received = move_line.quantity_product_uom
                    in_stock = min(received, max(move_line.lot_id.product_qty, 0.0))
                    share = currency.round(
                        total * (received - in_stock) / line.quantity
                    )
                    if currency.is_zero(share):
                        continue
                    if product.is_vehicle:
                        lot_key = str(move_line.lot_id.id)
                        lot_costs[lot_key] = lot_costs.get(lot_key, 0.0) + share
                    else:
                        expensed += share
            elif line.quantity:
                remaining = line.move_id.remaining_qty
                expensed = currency.round(total * (1 - remaining / line.quantity))
            line.write(
                {
                    "costing_account_id": credit_account.id,
                    "costing_expensed_cost": expensed,
                    "costing_lot_costs": lot_costs or False,
                }
            )
