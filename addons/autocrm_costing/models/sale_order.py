from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    costing_gross_profit = fields.Monetary(
        string="Actual Gross Profit",
        compute="_compute_costing_gross_profit",
        groups="autocrm_costing.group_costing_user",
        help="Gross profit of the deal from its posted invoices, bills and"
        " delivered stock, including costs that arrived after delivery.",
    )

    def _compute_costing_gross_profit(self):
        groups = self.env["autocrm.costing.line"]._read_group(
            [("deal_id", "in", self.ids)],
            groupby=["deal_id"],
            aggregates=["gross_profit:sum"],
        )
        profit = {deal.id: total for deal, total in groups}
        for order in self:
            order.costing_gross_profit = profit.get(order.id, 0.0)

    def action_view_costing_lines(self):
        """Open the documents behind the actual profit of this deal."""
        self.ensure_one()
        return self.env["autocrm.costing.line"]._action_open(
            [("deal_id", "=", self.id)], group_by="category"
        )
