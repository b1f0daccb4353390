from odoo import fields, models


class AutocrmInsuranceCover(models.Model):
    _name = "autocrm.insurance.cover"
    _description = "Insurance Cover Line"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
