from odoo import fields, models


class AutocrmQualityCheckLine(models.Model):
    """Checklist item of a repair order's final quality check."""

    _name = "autocrm.quality.check.line"
    _description = "Quality Check Item"
    _order = "repair_id, sequence, id"

    repair_id = fields.Many2one(
        "repair.order",
        string="Repair Order",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    result = fields.Selection(
        [("todo", "To Check"), ("pass", "Passed"), ("fail", "Failed")],
        required=True,
        default="todo",
    )
    note = fields.Char()
