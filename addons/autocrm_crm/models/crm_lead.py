from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.autocrm_base.tools.vin import normalize_vin, vin_problem

INTENT_LEVELS = [
    ("h", "H: buys within 7 days"),
    ("a", "A: buys within 15 days"),
    ("b", "B: buys within 30 days"),
    ("c", "C: buys within 90 days"),
]
SOURCE_CHANNELS = [
    ("walk_in", "Walk-in"),
    ("phone", "Phone"),
    ("web", "Web"),
    ("oem", "OEM Lead"),
    ("referral", "Referral"),
    ("event", "Event"),
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    intent_level = fields.Selection(
        selection=INTENT_LEVELS,
        tracking=True,
        index=True,
        help="How soon the prospect means to buy. The level sets how often the "
        "consultant follows up (Settings > Dealership).",
    )
    wished_model_id = fields.Many2one(comodel_name="fleet.vehicle.model")
    wished_trim = fields.Char()
    budget = fields.Monetary(currency_field="company_currency")
    payment_plan = fields.Selection(
        selection=[("cash", "Cash"), ("loan", "Loan"), ("lease", "Lease")]
    )
    source_channel = fields.Selection(selection=SOURCE_CHANNELS, index=True)
    # Trade-in: the vehicle the prospect wants to hand in.
    has_tradein = fields.Boolean(string="Trade-in")
    tradein_model_id = fields.Many2one(
        comodel_name="fleet.vehicle.model", string="Trade-in Model"
    )
    tradein_year = fields.Integer(string="Trade-in Year")
    tradein_odometer = fields.Float(string="Trade-in Odometer")
    tradein_vin = fields.Char(string="Trade-in VIN")
    tradein_plate = fields.Char(string="Trade-in Plate")
    tradein_expected_price = fields.Monetary(
        string="Trade-in Expected Price", currency_field="company_currency"
    )
    showroom_visit_ids = fields.One2many(
        comodel_name="autocrm.showroom.visit", inverse_name="lead_id"
    )
    test_drive_ids = fields.One2many(
        comodel_name="autocrm.test.drive", inverse_name="lead_id"
    )
    test_drive_count = fields.Integer(compute="_compute_test_drive_count")
    intent_followup_date = fields.Date(
        string="Next Follow-up",
        compute="_compute_intent_followup_date",
        help="Deadline of the open intent follow-up activity.",
    )

    @api.depends("test_drive_ids")
    @api.depends_context("uid")
    def _compute_test_drive_count(self):
        # Odoo's own CRM roles, without a dealership role, open leads too.
        if not self.env["autocrm.test.drive"].has_access("read"):
            self.test_drive_count = 0
            return
        counts = dict(
            self.env["autocrm.test.drive"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.test_drive_count = counts.get(lead, 0)

    @api.depends("activity_ids.date_deadline", "activity_ids.activity_type_id")
    def _compute_intent_followup_date(self):
        followup_type = self._get_intent_followup_type()
        for lead in self:
            activities = lead.activity_ids.filtered(
                lambda act: act.activity_type_id == followup_type
            )
            lead.intent_followup_date = min(
                activities.mapped("date_deadline"), default=False
            )

    @api.constrains("tradein_vin")
    def _check_tradein_vin(self):
        for lead in self.filtered("tradein_vin"):
            problem = vin_problem(lead.tradein_vin)
            if problem:
                raise ValidationError(
                    self.env._(
                        "The trade-in VIN %(vin)s on %(lead)s is invalid: "
                        "%(problem)s. Correct it or leave it empty.",
                        vin=lead.tradein_vin,
                        lead=lead.display_name,
                        problem=problem,
                    )
                )

    @api.constrains("budget", "tradein_expected_price", "tradein_odometer")
    def _check_amounts_not_negative(self):
        for lead in self:
            for field_name in ("budget", "tradein_expected_price", "tradein_odometer"):
                if lead[field_name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(lead)s is %(value)s. Enter zero or "
                            "a positive value.",
                            field=self._fields[field_name].string,
                            lead=lead.display_name,
                            value=lead[field_name],
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("tradein_vin"):
                vals["tradein_vin"] = normalize_vin(vals["tradein_vin"])
        leads = super().create(vals_list)
        leads.filtered("intent_level")._schedule_intent_followup()
        self.env["autocrm.followup.rule"]._trigger_event("lead_created", leads)
        return leads

    def write(self, vals):
        if vals.get("tradein_vin"):
            vals["tradein_vin"] = normalize_vin(vals["tradein_vin"])
        result = super().write(vals)
        if "active" in vals or "stage_id" in vals or "probability" in vals:
            self.filtered(
                lambda lead: not lead._is_open_for_followup()
            )._unlink_intent_followups()
        if "intent_level" in vals:
            self._schedule_intent_followup()
        elif "user_id" in vals:
            # Leads without an intent level have no follow-up to move. Skipping
            # them keeps Odoo's lead assignment free of extra queries.
            self.filtered("intent_level")._schedule_intent_followup()
        return result

    @api.model
    def _get_intent_followup_type(self):
        return (
            self.env.ref(
                "autocrm_crm.mail_activity_type_intent_followup",
                raise_if_not_found=False,
            )
            or self.env["mail.activity.type"]
        )

    def _is_open_for_followup(self):
        self.ensure_one()
        return self.active and not self.stage_id.is_won and self.probability < 100

    def _get_intent_followup_days(self):
        self.ensure_one()
        company = self.company_id or self.env.company
        return company[f"autocrm_followup_days_{self.intent_level}"]

    def _schedule_intent_followup(self):
        """Plan the next follow-up of each open lead from its intent level.

        A lead keeps at most one open follow-up activity: an existing one is
        moved to the new deadline and consultant instead of adding another.
        """
        followup_type = self._get_intent_followup_type()
        if not followup_type:
            return
        today = fields.Date.context_today(self)
        for lead in self:
            open_followups = lead.activity_ids.filtered(
                lambda act: act.activity_type_id == followup_type
            )
            if not lead.intent_level or not lead._is_open_for_followup():
                open_followups.unlink()
                continue
            deadline = today + timedelta(days=lead._get_intent_followup_days())
            user = lead.user_id or self.env.user
            if open_followups:
                open_followups[0].write({"date_deadline": deadline, "user_id": user.id})
                open_followups[1:].unlink()
            else:
                lead.activity_schedule(
                    activity_type_id=followup_type.id,
                    date_deadline=deadline,
                    user_id=user.id,
                    summary=self.env._(
                        "Follow up (intent %(level)s)", level=lead.intent_level.upper()
                    ),
                )

    def _unlink_intent_followups(self):
        followup_type = self._get_intent_followup_type()
        self.activity_ids.filtered(
            lambda act: act.activity_type_id == followup_type
        ).unlink()

    def action_view_test_drives(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_crm.autocrm_test_drive_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
