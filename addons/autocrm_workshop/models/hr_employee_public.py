from odoo import fields, models


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    is_workshop_technician = fields.Boolean(readonly=True)
