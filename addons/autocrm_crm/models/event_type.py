from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    is_owner_event = fields.Boolean(
        string="Owner Event",
        help="Events of this template are for vehicle owners by default.",
    )
