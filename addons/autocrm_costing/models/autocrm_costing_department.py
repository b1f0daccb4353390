from odoo import fields, models

from .costing_selections import DEPARTMENT_KINDS


class AutocrmCostingDepartment(models.Model):
    """Profit centre of a store whose results are reported per month."""

    _name = "autocrm.costing.department"
    _description = "Store Department"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        DEPARTMENT_KINDS,
        required=True,
        default="sales",
        help="After-sales gross profit divided by fixed costs gives the"
        " service absorption of a store.",
    )
    rule_ids = fields.One2many(
        "autocrm.costing.department.rule", "department_id", string="Mapping Rules"
    )

    _code_uniq = models.Constraint(
        "UNIQUE (code)", "Another department already uses this code."
    )
