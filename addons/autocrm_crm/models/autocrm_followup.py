import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class AutocrmFollowup(models.Model):
    _name = "autocrm.followup"
    _description = "Planned Follow-up"
    _order = "due_date desc, id desc"
    _check_company_auto = True

    rule_id = fields.Many2one(
        comodel_name="autocrm.followup.rule",
        required=True,
        ondelete="cascade",
        index=True,
    )
    action_type = fields.Selection(related="rule_id.action_type")
    event_code = fields.Selection(related="rule_id.event_code", store=True)
    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, index=True
    )
    document_name = fields.Char(compute="_compute_document_name")
    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer")
    user_id = fields.Many2one(comodel_name="res.users", string="Assigned To")
    company_id = fields.Many2one(comodel_name="res.company", required=True)
    due_date = fields.Date(required=True, index=True)
    state = fields.Selection(
        selection=[
            ("planned", "Planned"),
            ("scheduled", "Activity Scheduled"),
            ("sent", "Survey Sent"),
            ("skipped", "Skipped"),
        ],
        required=True,
        default="planned",
        index=True,
    )
    activity_id = fields.Many2one(comodel_name="mail.activity", ondelete="set null")
    user_input_id = fields.Many2one(
        comodel_name="survey.user_input", string="Survey Answer", ondelete="set null"
    )
    skip_reason = fields.Char()

    # One follow-up per rule and document, even when the event fires twice.
    _rule_document_unique = models.UniqueIndex(
        "(rule_id, res_model, res_id)",
        "This follow-up rule has already planned a follow-up for this document.",
    )

    @api.depends("res_model", "res_id")
    def _compute_document_name(self):
        for followup in self:
            # sudo: customer service lists follow-ups of deals and repair
            # orders it may not open; only the document name is shown.
            record = followup.sudo()._get_document()
            followup.document_name = record.display_name if record else False

    def _get_document(self):
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            return None
        return self.env[self.res_model].browse(self.res_id).exists()

    def _execute(self):
        """Schedule the activities now and send the surveys that are due."""
        today = fields.Date.context_today(self)
        for followup in self.filtered(lambda rec: rec.state == "planned"):
            if followup.action_type == "activity":
                followup._schedule_activity()
            elif followup.due_date <= today:
                followup._send_survey()

    def _schedule_activity(self):
        self.ensure_one()
        rule = self.rule_id
        record = self._get_document()
        if record is not None and "activity_ids" not in record._fields:
            record = self.partner_id
        if not record:
            self.write({"state": "skipped", "skip_reason": "document deleted"})
            return
        activity = record.sudo().activity_schedule(
            activity_type_id=rule.activity_type_id.id,
            date_deadline=self.due_date,
            user_id=self.user_id.id,
            summary=rule.summary or rule.name,
            note=rule.note,
        )
        self.write({"state": "scheduled", "activity_id": activity.id})

    def _send_survey(self):
        self.ensure_one()
        if not self.partner_id.email:
            self.write({"state": "skipped", "skip_reason": "the customer has no email"})
            return
        answer = self._create_survey_answer()
        template = self.env.ref(
            "survey.mail_template_user_input_invite", raise_if_not_found=False
        )
        if template:
            template.sudo().send_mail(
                answer.id, email_layout_xmlid="mail.mail_notification_light"
            )
        self.write({"state": "sent", "user_input_id": answer.id})

    def _create_survey_answer(self):
        """Create the customer's survey answer, linked to the document and car."""
        self.ensure_one()
        survey = self.rule_id.survey_id.sudo()
        document = self._get_document()
        return survey._create_answer(
            partner=self.partner_id,
            check_attempts=False,
            autocrm_followup_id=self.id,
            autocrm_document_ref=(
                f"{document._name},{document.id}"
                if document
                and document._name
                in dict(self.env["autocrm.complaint"]._selection_document_ref())
                else False
            ),
            autocrm_vehicle_id=self._get_document_vehicle().id,
        )

    def _get_document_vehicle(self):
        self.ensure_one()
        document = self._get_document()
        if document and "vehicle_id" in document._fields:
            vehicle = document.vehicle_id
            if vehicle._name == "fleet.vehicle":
                return vehicle
        return self.env["fleet.vehicle"]

    @api.model
    def _cron_send_due_surveys(self, batch_size=200):
        """Send the surveys whose follow-up date has come, in batches."""
        domain = [
            ("state", "=", "planned"),
            ("due_date", "<=", fields.Date.context_today(self)),
        ]
        processed = self.browse()
        while True:
            followups = self.search(
                domain + [("id", "not in", processed.ids)], limit=batch_size
            )
            if not followups:
                break
            followups._execute()
            processed |= followups
            _logger.info("Processed %d due follow-up surveys", len(followups))
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(len(followups))
