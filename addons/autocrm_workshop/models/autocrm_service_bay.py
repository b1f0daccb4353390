from odoo import fields, models


class AutocrmServiceBay(models.Model):
    _name = "autocrm.service.bay"
    _description = "Workshop Bay"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    bay_type = fields.Selection(
        [
            ("general", "General Repair"),
            ("express", "Express Service"),
            ("body", "Body Shop"),
            ("paint", "Paint Booth"),
            ("alignment", "Wheel Alignment"),
        ],
        default="general",
        required=True,
    )
    note = fields.Text()

    _name_company_uniq = models.Constraint(
        "UNIQUE (name, company_id)",
        "A bay with this name already exists in this store.",
    )
