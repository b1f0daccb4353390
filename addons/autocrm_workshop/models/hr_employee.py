from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    is_workshop_technician = fields.Boolean(
        string="Workshop Technician",
        help="Offered on labour lines and appointments, and measured in the"
        " technician performance report.",
    )
