from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORE_WEIGHT_FIELDS = (
    "autocrm_score_weight_recency",
    "autocrm_score_weight_frequency",
    "autocrm_score_weight_monetary",
    "autocrm_score_weight_referral",
    "autocrm_score_weight_event",
    "autocrm_score_weight_survey",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    # Follow-up cadence of prospects, in days, per intent level.
    autocrm_followup_days_h = fields.Integer(string="Level H Cadence", default=2)
    autocrm_followup_days_a = fields.Integer(string="Level A Cadence", default=3)
    autocrm_followup_days_b = fields.Integer(string="Level B Cadence", default=7)
    autocrm_followup_days_c = fields.Integer(string="Level C Cadence", default=14)
    # Customer care
    autocrm_nps_complaint_threshold = fields.Integer(
        string="Complaint Below NPS",
        default=7,
        help="A survey answer with a Net Promoter Score below this value (0-10) "
        "opens a complaint.",
    )
    autocrm_customer_service_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Customer Service Agent",
        help="Receives the reminders and the follow-ups assigned to customer service.",
    )
    # Hours allowed to resolve a complaint, by severity.
    autocrm_complaint_hours_low = fields.Integer(string="Low Severity SLA", default=120)
    autocrm_complaint_hours_medium = fields.Integer(
        string="Medium Severity SLA", default=72
    )
    autocrm_complaint_hours_high = fields.Integer(
        string="High Severity SLA", default=24
    )
    autocrm_complaint_hours_critical = fields.Integer(
        string="Critical Severity SLA", default=4
    )
    autocrm_complaint_manager_id = fields.Many2one(
        comodel_name="res.users",
        string="Complaint Manager",
        help="Receives an activity when a complaint passes its deadline.",
    )
    # Loyalty
    autocrm_membership_program_id = fields.Many2one(
        comodel_name="loyalty.program",
        string="Membership Program",
        domain="[('program_type', '=', 'loyalty')]",
    )
    autocrm_referral_reward_points = fields.Float(
        string="Referral Reward",
        default=500.0,
        help="Points given to the referrer when a referred customer's first "
        "invoice is posted.",
    )
    # Customer value score: weights are relative to each other.
    autocrm_score_weight_recency = fields.Integer(default=25)
    autocrm_score_weight_frequency = fields.Integer(default=20)
    autocrm_score_weight_monetary = fields.Integer(default=25)
    autocrm_score_weight_referral = fields.Integer(default=10)
    autocrm_score_weight_event = fields.Integer(default=10)
    autocrm_score_weight_survey = fields.Integer(default=10)
    autocrm_score_monetary_target = fields.Float(
        string="Full Money Score At",
        default=100000.0,
        help="Invoiced amount over three years, in the company currency, that "
        "earns the full money component.",
    )

    @api.constrains(
        "autocrm_followup_days_h",
        "autocrm_followup_days_a",
        "autocrm_followup_days_b",
        "autocrm_followup_days_c",
    )
    def _check_autocrm_followup_days(self):
        for company in self:
            for level in ("h", "a", "b", "c"):
                days = company[f"autocrm_followup_days_{level}"]
                if days < 1:
                    raise ValidationError(
                        self.env._(
                            "The follow-up cadence of intent level %(level)s in "
                            "%(company)s is %(days)s days. Enter at least 1 day.",
                            level=level.upper(),
                            company=company.name,
                            days=days,
                        )
                    )

    @api.constrains("autocrm_nps_complaint_threshold")
    def _check_autocrm_nps_complaint_threshold(self):
        for company in self:
            threshold = company.autocrm_nps_complaint_threshold
            if not 0 <= threshold <= 10:
                raise ValidationError(
                    self.env._(
                        "The NPS complaint threshold of %(company)s is "
                        "%(threshold)s. Enter a score from 0 to 10.",
                        company=company.name,
                        threshold=threshold,
                    )
                )

    @api.constrains(
        "autocrm_complaint_hours_low",
        "autocrm_complaint_hours_medium",
        "autocrm_complaint_hours_high",
        "autocrm_complaint_hours_critical",
    )
    def _check_autocrm_complaint_hours(self):
        for company in self:
            for severity in ("low", "medium", "high", "critical"):
                hours = company[f"autocrm_complaint_hours_{severity}"]
                if hours < 1:
                    raise ValidationError(
                        self.env._(
                            "The %(severity)s complaint deadline of %(company)s is "
                            "%(hours)s hours. Enter at least 1 hour.",
                            severity=severity,
                            company=company.name,
                            hours=hours,
                        )
                    )

    @api.constrains(*SCORE_WEIGHT_FIELDS, "autocrm_score_monetary_target")
    def _check_autocrm_score_settings(self):
        for company in self:
            for name in SCORE_WEIGHT_FIELDS:
                if company[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "The value score weight %(weight)s of %(company)s is "
                            "%(value)s. Enter 0 or more.",
                            weight=self._fields[name].string,
                            company=company.name,
                            value=company[name],
                        )
                    )
            if company.autocrm_score_monetary_target <= 0:
                raise ValidationError(
                    self.env._(
                        "The amount for a full money score of %(company)s is "
                        "%(amount)s. Enter an amount above 0.",
                        company=company.name,
                        amount=company.autocrm_score_monetary_target,
                    )
                )

    def _get_autocrm_membership_program(self):
        """Return the store's membership program, else the shipped Owner Club."""
        self.ensure_one()
        return self.autocrm_membership_program_id or self.env.ref(
            "autocrm_crm.loyalty_program_owner_club", raise_if_not_found=False
        )
