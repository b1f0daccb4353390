import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

_logger = logging.getLogger(__name__)


class AutocrmComplaint(models.Model):
    _name = "autocrm.complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Customer Complaint"
    _order = "sla_deadline asc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    reference = fields.Char(readonly=True, copy=False, default="/", index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
    )
    vehicle_id = fields.Many2one(
        comodel_name="fleet.vehicle",
        check_company=True,
        index="btree_not_null",
    )
    document_ref = fields.Reference(
        selection="_selection_document_ref",
        string="Related Document",
        help="Deal, repair order or prospect the complaint is about.",
    )
    category = fields.Selection(
        selection=[
            ("sales", "Sales"),
            ("service", "Service"),
            ("parts", "Parts"),
            ("billing", "Billing"),
            ("staff", "Staff"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    severity = fields.Selection(
        selection=[
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
        required=True,
        default="medium",
        tracking=True,
        help="Sets the deadline, in hours from the report per severity, as "
        "configured for the store (by default low 120, medium 72, high 24, "
        "critical 4).",
    )
    reported_on = fields.Datetime(
        required=True, default=fields.Datetime.now, readonly=True
    )
    sla_deadline = fields.Datetime(
        string="Deadline",
        compute="_compute_sla_deadline",
        store=True,
        index=True,
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    state = fields.Selection(
        selection=[
            ("new", "New"),
            ("in_progress", "In Progress"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
        ],
        required=True,
        default="new",
        tracking=True,
        index=True,
    )
    description = fields.Html()
    resolution = fields.Html()
    resolved_on = fields.Datetime(readonly=True)
    escalated = fields.Boolean(readonly=True, copy=False)
    user_input_id = fields.Many2one(
        comodel_name="survey.user_input",
        string="Survey Answer",
        index="btree_not_null",
        ondelete="set null",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )

    @api.model
    def _selection_document_ref(self):
        """Return the models a complaint can point to.

        Sales adds ("sale.order", "Vehicle Deal") and the workshop adds
        ("repair.order", "Repair Order").
        """
        return [("crm.lead", "Prospect"), ("autocrm.test.drive", "Test Drive")]

    @api.depends(
        "severity",
        "reported_on",
        "company_id.autocrm_complaint_hours_low",
        "company_id.autocrm_complaint_hours_medium",
        "company_id.autocrm_complaint_hours_high",
        "company_id.autocrm_complaint_hours_critical",
    )
    def _compute_sla_deadline(self):
        for complaint in self:
            reported = complaint.reported_on or fields.Datetime.now()
            company = complaint.company_id or self.env.company
            hours = company[f"autocrm_complaint_hours_{complaint.severity or 'medium'}"]
            complaint.sla_deadline = reported + timedelta(hours=hours)

    @api.depends_context("date")
    @api.depends("sla_deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_overdue = (
                complaint.state in ("new", "in_progress")
                and complaint.sla_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            ("state", "in", ("new", "in_progress")),
            ("sla_deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", "/") == "/":
                vals["reference"] = (
                    self.env["ir.sequence"].next_by_code("autocrm.complaint") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") in ("resolved", "closed"):
            for complaint in self:
                resolution = vals.get("resolution", complaint.resolution)
                if is_html_empty(resolution):
                    raise UserError(
                        self.env._(
                            "The complaint %(complaint)s has no resolution. "
                            "Describe how it was resolved before closing it.",
                            complaint=complaint.display_name,
                        )
                    )
            if vals["state"] == "resolved":
                vals.setdefault("resolved_on", fields.Datetime.now())
        return super().write(vals)

    def action_start(self):
        self.filtered(lambda rec: rec.state == "new").state = "in_progress"

    def action_resolve(self):
        self.write({"state": "resolved"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_reopen(self):
        self.write({"state": "in_progress", "resolved_on": False})

    @api.model
    def _cron_escalate_overdue(self, batch_size=200):
        """Give the complaint manager an activity for each newly overdue complaint.

        Each complaint is escalated once, so the action is safe to re-run.
        """
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        domain = [("is_overdue", "=", True), ("escalated", "=", False)]
        while complaints := self.search(domain, limit=batch_size):
            for complaint in complaints:
                manager = complaint._get_escalation_manager()
                if manager:
                    complaint.activity_schedule(
                        activity_type_id=activity_type.id,
                        user_id=manager.id,
                        date_deadline=fields.Date.context_today(self),
                        summary=self.env._(
                            "Overdue complaint %(reference)s",
                            reference=complaint.reference,
                        ),
                    )
                else:
                    _logger.warning(
                        "Complaint %s is overdue but company %s has no complaint "
                        "manager",
                        complaint.reference,
                        complaint.company_id.name,
                    )
            complaints.escalated = True
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(len(complaints))

    def _get_escalation_manager(self):
        """Return the company's complaint manager, else one of its sales managers."""
        self.ensure_one()
        manager = self.company_id.autocrm_complaint_manager_id
        if manager:
            return manager
        return self.env["res.users"].search(
            [
                (
                    "all_group_ids",
                    "in",
                    self.env.ref("autocrm_crm.group_sales_manager").id,
                ),
                ("company_ids", "in", self.company_id.id),
                ("share", "=", False),
                ("id", "!=", self.env.ref("base.user_root").id),
            ],
            order="id",
            limit=1,
        )
