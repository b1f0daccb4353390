from odoo import models


class StockLandedCost(models.Model):
    _inherit = "stock.landed.cost"

    def button_validate(self):
        """Validate, then record which share of each cost fell on goods gone.

        Validating moves no goods, so the quantities in stock right after it
        are those Odoo split the cost with.
        """
        result = super().button_validate()
        self.valuation_adjustment_lines._costing_record_delivered_shares()
        return result
