import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

FOLLOWUP_EVENTS = [
    ("lead_created", "Prospect created"),
    ("test_drive_done", "Test drive done"),
    ("vehicle_delivered", "Vehicle delivered"),
    ("repair_done", "Repair done"),
]


class AutocrmFollowupRule(models.Model):
    _name = "autocrm.followup.rule"
    _description = "Follow-up Rule"
    _order = "event_code, delay_days, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        comodel_name="res.company",
        help="Leave empty to apply the rule in every store.",
    )
    event_code = fields.Selection(
        selection=FOLLOWUP_EVENTS, string="Event", required=True, index=True
    )
    delay_days = fields.Integer(
        string="Days After Event", help="0 plans the follow-up for the event day."
    )
    action_type = fields.Selection(
        selection=[("activity", "Schedule an activity"), ("survey", "Send a survey")],
        string="Action",
        required=True,
        default="activity",
    )
    activity_type_id = fields.Many2one(comodel_name="mail.activity.type")
    summary = fields.Char(translate=True)
    note = fields.Html(translate=True)
    role = fields.Selection(
        selection=[
            ("responsible", "Responsible of the record"),
            ("customer_service", "Customer service"),
            ("user", "Specific user"),
        ],
        required=True,
        default="responsible",
        help="Who gets the activity. The responsible is the record's salesperson "
        "or advisor; customer service is the agent set in the store settings.",
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Assigned User")
    survey_id = fields.Many2one(comodel_name="survey.survey")
    followup_ids = fields.One2many(
        comodel_name="autocrm.followup", inverse_name="rule_id"
    )

    @api.constrains("delay_days")
    def _check_delay_days(self):
        for rule in self:
            if rule.delay_days < 0:
                raise ValidationError(
                    self.env._(
                        "The follow-up rule %(rule)s has a delay of %(days)s days. "
                        "Enter 0 or more days after the event.",
                        rule=rule.name,
                        days=rule.delay_days,
                    )
                )

    @api.constrains("action_type", "activity_type_id", "survey_id", "role", "user_id")
    def _check_action_target(self):
        for rule in self:
            if rule.action_type == "activity" and not rule.activity_type_id:
                raise ValidationError(
                    self.env._(
                        "The follow-up rule %(rule)s schedules an activity: "
                        "choose its activity type.",
                        rule=rule.name,
                    )
                )
            if rule.action_type == "survey" and not rule.survey_id:
                raise ValidationError(
                    self.env._(
                        "The follow-up rule %(rule)s sends a survey: choose the "
                        "survey.",
                        rule=rule.name,
                    )
                )
            if rule.role == "user" and not rule.user_id:
                raise ValidationError(
                    self.env._(
                        "The follow-up rule %(rule)s assigns a specific user: "
                        "choose the user.",
                        rule=rule.name,
                    )
                )

    @api.model
    def _trigger_event(self, event_code, records):
        """Apply the active rules of ``event_code`` to ``records``.

        ``records`` is any recordset with a ``partner_id``, and where they
        exist ``user_id`` and ``company_id``. Each (rule, record) pair makes at
        most one follow-up, so firing the same event again creates nothing.
        Returns the new ``autocrm.followup`` records.
        """
        if event_code not in dict(FOLLOWUP_EVENTS):
            raise ValueError(f"Unknown follow-up event {event_code!r}")
        # sudo: the event is fired by whoever finishes the business step (a
        # technician delivering a car, for example) and the follow-ups it plans
        # belong to other roles.
        Followup = self.env["autocrm.followup"].sudo()
        if not records:
            return Followup
        rules = self.sudo().search([("event_code", "=", event_code)])
        if not rules:
            return Followup
        done = {
            (followup.rule_id.id, followup.res_id)
            for followup in Followup.search(
                [
                    ("rule_id", "in", rules.ids),
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                ]
            )
        }
        today = fields.Date.context_today(self)
        vals_list = []
        for record in records:
            company = record._fields.get("company_id") and record.company_id
            for rule in rules:
                if (rule.id, record.id) in done:
                    continue
                if rule.company_id and company and rule.company_id != company:
                    continue
                vals_list.append(
                    {
                        "rule_id": rule.id,
                        "res_model": record._name,
                        "res_id": record.id,
                        "partner_id": record.partner_id.id,
                        "user_id": rule._get_assignee(record).id,
                        "company_id": (company or self.env.company).id,
                        "due_date": today + timedelta(days=rule.delay_days),
                    }
                )
        followups = Followup.create(vals_list)
        followups._execute()
        return followups

    def _get_assignee(self, record):
        """Return the user who gets the follow-up of this rule for ``record``."""
        self.ensure_one()
        responsible = record._fields.get("user_id") and record.user_id
        company = (record._fields.get("company_id") and record.company_id) or (
            self.env.company
        )
        if self.role == "user":
            return self.user_id
        if self.role == "customer_service":
            return (
                company.autocrm_customer_service_user_id or responsible or self.env.user
            )
        return responsible or company.autocrm_customer_service_user_id or self.env.user
