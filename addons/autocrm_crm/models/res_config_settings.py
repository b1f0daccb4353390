from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    autocrm_followup_days_h = fields.Integer(
        related="company_id.autocrm_followup_days_h", readonly=False
    )
    autocrm_followup_days_a = fields.Integer(
        related="company_id.autocrm_followup_days_a", readonly=False
    )
    autocrm_followup_days_b = fields.Integer(
        related="company_id.autocrm_followup_days_b", readonly=False
    )
    autocrm_followup_days_c = fields.Integer(
        related="company_id.autocrm_followup_days_c", readonly=False
    )
    autocrm_nps_complaint_threshold = fields.Integer(
        related="company_id.autocrm_nps_complaint_threshold", readonly=False
    )
    autocrm_customer_service_user_id = fields.Many2one(
        related="company_id.autocrm_customer_service_user_id", readonly=False
    )
    autocrm_complaint_hours_low = fields.Integer(
        related="company_id.autocrm_complaint_hours_low", readonly=False
    )
    autocrm_complaint_hours_medium = fields.Integer(
        related="company_id.autocrm_complaint_hours_medium", readonly=False
    )
    autocrm_complaint_hours_high = fields.Integer(
        related="company_id.autocrm_complaint_hours_high", readonly=False
    )
    autocrm_complaint_hours_critical = fields.Integer(
        related="company_id.autocrm_complaint_hours_critical", readonly=False
    )
    autocrm_complaint_manager_id = fields.Many2one(
        related="company_id.autocrm_complaint_manager_id", readonly=False
    )
    autocrm_membership_program_id = fields.Many2one(
        related="company_id.autocrm_membership_program_id", readonly=False
    )
    autocrm_referral_reward_points = fields.Float(
        related="company_id.autocrm_referral_reward_points", readonly=False
    )
    autocrm_score_weight_recency = fields.Integer(
        related="company_id.autocrm_score_weight_recency", readonly=False
    )
    autocrm_score_weight_frequency = fields.Integer(
        related="company_id.autocrm_score_weight_frequency", readonly=False
    )
    autocrm_score_weight_monetary = fields.Integer(
        related="company_id.autocrm_score_weight_monetary", readonly=False
    )
    autocrm_score_weight_referral = fields.Integer(
        related="company_id.autocrm_score_weight_referral", readonly=False
    )
    autocrm_score_weight_event = fields.Integer(
        related="company_id.autocrm_score_weight_event", readonly=False
    )
    autocrm_score_weight_survey = fields.Integer(
        related="company_id.autocrm_score_weight_survey", readonly=False
    )
    autocrm_score_monetary_target = fields.Float(
        related="company_id.autocrm_score_monetary_target", readonly=False
    )
