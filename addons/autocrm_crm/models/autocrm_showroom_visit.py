import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .crm_lead import INTENT_LEVELS

# Phone numbers are compared on their last digits, so that "+86 138 0013 8000"
# and "138-0013-8000" are recognised as the same visitor.
PHONE_KEY_DIGITS = 8


def phone_key(phone):
    """Return the last digits of a phone number, or False when it has none."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_KEY_DIGITS:] or False


class AutocrmShowroomVisit(models.Model):
    _name = "autocrm.showroom.visit"
    _inherit = ["mail.thread"]
    _description = "Showroom Visit"
    _order = "time_in desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    visitor_name = fields.Char(help="Name given by the visitor at the desk.")
    phone = fields.Char()
    phone_key = fields.Char(compute="_compute_phone_key", store=True, index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        check_company=True,
        index="btree_not_null",
    )
    lead_id = fields.Many2one(
        comodel_name="crm.lead",
        string="Prospect",
        check_company=True,
        index="btree_not_null",
        help="Filled on save: an open prospect of the same customer or phone, "
        "or a new one.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Consultant",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    time_in = fields.Datetime(required=True, default=fields.Datetime.now)
    time_out = fields.Datetime()
    duration = fields.Float(
        string="Duration (minutes)", compute="_compute_duration", store=True
    )
    party_size = fields.Integer(default=1)
    visit_type = fields.Selection(
        selection=[("first", "First Visit"), ("return", "Return Visit")],
        readonly=True,
        help="Set on save: a return visit when an earlier visit or a known "
        "customer has the same partner or phone number.",
    )
    intent_level = fields.Selection(selection=INTENT_LEVELS)
    wished_model_id = fields.Many2one(comodel_name="fleet.vehicle.model")
    note = fields.Text()
    test_drive_ids = fields.One2many(
        comodel_name="autocrm.test.drive", inverse_name="visit_id"
    )

    _party_size_positive = models.Constraint(
        "CHECK (party_size >= 1)",
        "A showroom visit has at least one visitor: enter a party size of 1 or more.",
    )

    @api.depends("visitor_name", "partner_id", "time_in")
    def _compute_name(self):
        for visit in self:
            who = visit.partner_id.name or visit.visitor_name or self.env._("Visitor")
            when = fields.Datetime.context_timestamp(
                visit, visit.time_in or fields.Datetime.now()
            )
            visit.name = f"{who} ({when:%Y-%m-%d %H:%M})"

    @api.depends("phone")
    def _compute_phone_key(self):
        for visit in self:
            visit.phone_key = phone_key(visit.phone)

    @api.depends("time_in", "time_out")
    def _compute_duration(self):
        for visit in self:
            if visit.time_in and visit.time_out:
                seconds = (visit.time_out - visit.time_in).total_seconds()
                visit.duration = seconds / 60
            else:
                visit.duration = 0.0

    @api.constrains("time_in", "time_out")
    def _check_time_out(self):
        for visit in self:
            if visit.time_out and visit.time_out < visit.time_in:
                raise ValidationError(
                    self.env._(
                        "The visit %(visit)s ends at %(time_out)s, before it "
                        "starts at %(time_in)s. Correct the time out.",
                        visit=visit.name,
                        time_out=visit.time_out,
                        time_in=visit.time_in,
                    )
                )

    @api.constrains("visitor_name", "partner_id", "phone")
    def _check_visitor(self):
        for visit in self:
            if not (visit.partner_id or visit.visitor_name or visit.phone):
                raise ValidationError(
                    self.env._(
                        "A showroom visit needs a customer, a visitor name or a "
                        "phone number, so that the visitor can be recognised "
                        "next time."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_visitor_vals(vals)
        visits = super().create(vals_list)
        visits._check_visitor()
        for visit in visits:
            if not visit.lead_id:
                visit.lead_id = visit._find_or_create_lead()
        return visits

    @api.model
    def _prepare_visitor_vals(self, vals):
        """Recognise the visitor from the partner or phone and set the visit type."""
        key = phone_key(vals.get("phone"))
        company_id = vals.get("company_id") or self.env.company.id
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if not partner and vals.get("phone"):
            partner = self.env["res.partner"].search(
                [("phone_mobile_search", "=", vals["phone"])], limit=1
            )
            if partner:
                vals["partner_id"] = partner.id
        same_visitor = []
        if partner:
            same_visitor.append(Domain("partner_id", "=", partner.id))
        if key:
            same_visitor.append(Domain("phone_key", "=", key))
        # sudo: a visit welcomed by another consultant still counts.
        earlier = same_visitor and self.sudo().search_count(
            Domain("company_id", "=", company_id) & Domain.OR(same_visitor), limit=1
        )
        vals["visit_type"] = "return" if earlier or partner else "first"

    def _find_or_create_lead(self):
        """Return the open prospect of this visitor, or a new one from the visit."""
        self.ensure_one()
        Lead = self.env["crm.lead"]
        domain = [("company_id", "in", [self.company_id.id, False])]
        if self.partner_id:
            lead = Lead.search(
                domain + [("partner_id", "=", self.partner_id.id)],
                order="create_date desc",
                limit=1,
            )
        elif self.phone:
            # sudo: the visitor may have been welcomed by another consultant.
            earlier_visits = self.sudo().search(
                [
                    ("phone_key", "=", self.phone_key),
                    ("company_id", "=", self.company_id.id),
                    ("id", "!=", self.id),
                    ("lead_id", "!=", False),
                ],
                order="time_in desc",
            )
            lead = Lead.browse(earlier_visits.lead_id.ids).exists()
            lead = lead.filtered(
                lambda rec: rec.has_access("read") and rec._is_open_for_followup()
            )[:1] or Lead.search(
                domain + [("phone_mobile_search", "=", self.phone)],
                order="create_date desc",
                limit=1,
            )
        else:
            lead = Lead
        lead = lead.filtered(lambda rec: rec._is_open_for_followup())
        if lead:
            updates = {}
            if self.intent_level:
                updates["intent_level"] = self.intent_level
            if self.wished_model_id and not lead.wished_model_id:
                updates["wished_model_id"] = self.wished_model_id.id
            if updates:
                lead.write(updates)
            return lead
        return Lead.create(self._prepare_lead_vals())

    def _prepare_lead_vals(self):
        self.ensure_one()
        who = self.partner_id.name or self.visitor_name or self.phone
        return {
            "name": self.env._("Walk-in: %(visitor)s", visitor=who),
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "contact_name": self.visitor_name if not self.partner_id else False,
            "phone": self.phone or self.partner_id.phone,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "source_channel": "walk_in",
            "intent_level": self.intent_level,
            "wished_model_id": self.wished_model_id.id,
        }

    def action_check_out(self):
        self.filtered(lambda visit: not visit.time_out).time_out = fields.Datetime.now()

    def action_book_test_drive(self):
        """Open a new test drive for this visitor, filled from the visit."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book a Test Drive"),
            "res_model": "autocrm.test.drive",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_visit_id": self.id,
                "default_lead_id": self.lead_id.id,
                "default_partner_id": self.partner_id.id,
                "default_user_id": self.user_id.id,
            },
        }
