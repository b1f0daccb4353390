from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    is_nps = fields.Boolean(
        string="Net Promoter Score",
        help="The 0-10 answer to this question is the respondent's NPS; a low "
        "score opens a complaint.",
    )

    @api.constrains("is_nps", "question_type", "scale_min", "scale_max")
    def _check_nps_scale(self):
        for question in self.filtered("is_nps"):
            if (
                question.question_type != "scale"
                or question.scale_min != 0
                or question.scale_max != 10
            ):
                raise ValidationError(
                    self.env._(
                        "The question %(question)s is marked as Net Promoter "
                        "Score, so it must be a scale from 0 to 10.",
                        question=question.title,
                    )
                )
