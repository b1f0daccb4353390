from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Finishing an intent follow-up plans the next one from the lead's level.
        followup_type = self.env["crm.lead"]._get_intent_followup_type()
        lead_ids = [
            activity.res_id
            for activity in self
            if activity.res_model == "crm.lead"
            and activity.activity_type_id == followup_type
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            self.env["crm.lead"].browse(lead_ids).exists()._schedule_intent_followup()
        return result
