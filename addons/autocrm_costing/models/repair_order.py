from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    costing_gross_profit = fields.Monetary(
        string="Actual Gross Profit",
        compute="_compute_costing_gross_profit",
        groups="autocrm_costing.group_costing_user",
        help="Gross profit of the repair order from its posted invoices, used"
        " parts and clocked time, for every payer.",
    )

    def _compute_costing_gross_profit(self):
        groups = self.env["autocrm.costing.line"]._read_group(
            [("repair_id", "in", self.ids)],
            groupby=["repair_id"],
            aggregates=["gross_profit:sum"],
        )
        profit = {repair.id: total for repair, total in groups}
        for repair in self:
            repair.costing_gross_profit = profit.get(repair.id, 0.0)

    def action_view_costing_lines(self):
        """Open the documents behind the actual profit of this repair order."""
        self.ensure_one()
        return self.env["autocrm.costing.line"]._action_open(
            [("repair_id", "=", self.id)], group_by="payer"
        )
