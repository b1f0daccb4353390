from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    is_owner_event = fields.Boolean(
        string="Owner Event",
        help="Club meeting, service clinic or other event for vehicle owners; "
        "attendance counts towards the customer value score.",
    )
