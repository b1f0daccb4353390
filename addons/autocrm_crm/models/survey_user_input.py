from odoo import api, fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    autocrm_followup_id = fields.Many2one(
        comodel_name="autocrm.followup",
        string="Follow-up",
        index="btree_not_null",
        ondelete="set null",
    )
    autocrm_document_ref = fields.Reference(
        selection="_selection_autocrm_document_ref",
        string="About",
        help="Deal, repair order or other document that the survey asks about.",
    )
    autocrm_vehicle_id = fields.Many2one(
        comodel_name="fleet.vehicle", string="Vehicle", index="btree_not_null"
    )
    nps_score = fields.Integer(
        string="NPS",
        compute="_compute_nps_score",
        store=True,
        aggregator="avg",
        help="Answer to the Net Promoter Score question, from 0 to 10; -1 when "
        "it was not answered.",
    )
    complaint_ids = fields.One2many(
        comodel_name="autocrm.complaint", inverse_name="user_input_id"
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        string="Store",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        help="Store of the follow-up, document or vehicle that the survey asks "
        "about. Every store's users can read an answer with no store.",
    )

    @api.model
    def _selection_autocrm_document_ref(self):
        return self.env["autocrm.complaint"]._selection_document_ref()

    @api.depends("autocrm_followup_id", "autocrm_document_ref", "autocrm_vehicle_id")
    def _compute_company_id(self):
        # sudo: the linked records may belong to a store that the current
        # user cannot open, for example the public user who submits the
        # survey. Only their company is read.
        for answer in self:
            linked = answer.sudo()
            document = linked.autocrm_document_ref
            if document and not document.exists():
                document = None
            answer.company_id = (
                linked.autocrm_followup_id.company_id
                or (
                    document is not None
                    and "company_id" in document._fields
                    and document.company_id
                )
                or linked.autocrm_vehicle_id.company_id
                or answer.company_id
            )

    @api.depends(
        "user_input_line_ids.value_scale",
        "user_input_line_ids.skipped",
        "user_input_line_ids.question_id.is_nps",
    )
    def _compute_nps_score(self):
        for answer in self:
            lines = answer.user_input_line_ids.filtered(
                lambda line: (
                    line.question_id.is_nps
                    and line.answer_type == "scale"
                    and not line.skipped
                )
            )
            answer.nps_score = lines[:1].value_scale if lines else -1

    def _mark_done(self):
        result = super()._mark_done()
        self._create_low_score_complaints()
        return result

    def _create_low_score_complaints(self):
        """Open one complaint per finished answer whose NPS is below the threshold."""
        vals_list = []
        for answer in self:
            company = answer.company_id or self.env.company
            threshold = company.autocrm_nps_complaint_threshold
            if answer.nps_score < 0 or answer.nps_score >= threshold:
                continue
            if answer.complaint_ids or not answer.partner_id:
                continue
            vals_list.append(answer._prepare_complaint_vals(company))
        # sudo: the respondent is a customer, often the public user.
        return self.env["autocrm.complaint"].sudo().create(vals_list)

    def _prepare_complaint_vals(self, company):
        self.ensure_one()
        is_service = self.survey_id == self.env.ref(
            "autocrm_crm.survey_service_satisfaction", raise_if_not_found=False
        )
        return {
            "name": self.env._(
                "Low score %(score)s in %(survey)s",
                score=self.nps_score,
                survey=self.survey_id.title,
            ),
            "partner_id": self.partner_id.id,
            "vehicle_id": self.autocrm_vehicle_id.id,
            "document_ref": self.autocrm_document_ref
            and f"{self.autocrm_document_ref._name},{self.autocrm_document_ref.id}",
            "category": "service" if is_service else "sales",
            "severity": "high" if self.nps_score <= 3 else "medium",
            # Explicit, because the default responsible would be the
            # respondent's user (often the public user).
            "user_id": company.autocrm_customer_service_user_id.id
            or self.autocrm_followup_id.user_id.id
            or False,
            "company_id": company.id,
            "user_input_id": self.id,
        }
