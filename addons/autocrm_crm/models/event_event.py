from odoo import api, fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    is_owner_event = fields.Boolean(
        string="Owner Event",
        compute="_compute_is_owner_event",
        store=True,
        readonly=False,
        precompute=True,
        help="Club meeting, service clinic or other event for vehicle owners. "
        "Attendance counts towards the customer value score.",
    )

    @api.depends("event_type_id")
    def _compute_is_owner_event(self):
        for event in self:
            if event.event_type_id:
                event.is_owner_event = event.event_type_id.is_owner_event
            else:
                event.is_owner_event = event.is_owner_event
