from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# Invoices, event attendance and answers older than this do not count.
SCORE_WINDOW_DAYS = 3 * 365
# Recency: full score up to this many days since the last invoice, then a
# linear decrease to zero at RECENCY_ZERO_DAYS.
RECENCY_FULL_DAYS = 30
RECENCY_ZERO_DAYS = 730
# Counts that earn a full component.
FREQUENCY_FULL_COUNT = 10
REFERRAL_FULL_COUNT = 3
EVENT_FULL_COUNT = 3
# Survey component of a customer who never answered: neither good nor bad.
SURVEY_NEUTRAL_SCORE = 50.0
SCORE_COMPONENTS = ("recency", "frequency", "monetary", "referral", "event", "survey")
# Lowest score of each segment, best first.
VALUE_SEGMENTS = [
    ("champion", 70.0),
    ("loyal", 45.0),
    ("developing", 20.0),
    ("low", 0.0),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Vehicles and dealership activity
    owned_vehicle_ids = fields.One2many(
        comodel_name="fleet.vehicle", inverse_name="owner_id", string="Vehicles"
    )
    owned_vehicle_count = fields.Integer(
        string="Vehicle Count", compute="_compute_dealership_counts"
    )
    test_drive_count = fields.Integer(compute="_compute_dealership_counts")
    complaint_count = fields.Integer(compute="_compute_dealership_counts")
    survey_answer_count = fields.Integer(compute="_compute_dealership_counts")
    showroom_visit_count = fields.Integer(compute="_compute_dealership_counts")
    event_attendance_count = fields.Integer(
        compute="_compute_dealership_counts",
        help="Owner events attended in the last three years.",
    )
    # Referrals
    referred_by_id = fields.Many2one(
        comodel_name="res.partner",
        index="btree_not_null",
        tracking=True,
        help="Customer who brought this customer to the store.",
    )
    referral_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="referred_by_id",
        string="Referred Customers",
    )
    referral_count = fields.Integer(compute="_compute_dealership_counts")
    referral_rewarded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The referrer got the reward for this customer's first purchase.",
    )
    # Membership
    loyalty_points = fields.Float(
        string="Membership Points", compute="_compute_loyalty_membership"
    )
    loyalty_tier_id = fields.Many2one(
        comodel_name="autocrm.loyalty.tier",
        string="Membership Tier",
        compute="_compute_loyalty_membership",
    )
    # Customer value score, recomputed by a scheduled action.
    value_score_recency = fields.Float(string="Recency", readonly=True, copy=False)
    value_score_frequency = fields.Float(string="Frequency", readonly=True, copy=False)
    value_score_monetary = fields.Float(string="Money", readonly=True, copy=False)
    value_score_referral = fields.Float(string="Referrals", readonly=True, copy=False)
    value_score_event = fields.Float(string="Events", readonly=True, copy=False)
    value_score_survey = fields.Float(string="Surveys", readonly=True, copy=False)
    value_score = fields.Float(
        string="Customer Value",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Weighted average of the components (each 0-100), with the weights "
        "set in Settings > Dealership.",
    )
    value_segment = fields.Selection(
        selection=[
            ("champion", "Champion"),
            ("loyal", "Loyal"),
            ("developing", "Developing"),
            ("low", "Low Value"),
        ],
        readonly=True,
        copy=False,
        index=True,
    )
    value_score_date = fields.Datetime(
        string="Score Computed On", readonly=True, copy=False
    )

    def _compute_dealership_counts(self):
        since = fields.Datetime.now() - timedelta(days=SCORE_WINDOW_DAYS)

        def count_by(model, field_name, domain=()):
            # A role without access to a model sees no count rather than an error.
            if not self.env[model].has_access("read"):
                return {}
            groups = self.env[model]._read_group(
                [(field_name, "in", self.ids), *domain], [field_name], ["__count"]
            )
            return {record.id: count for record, count in groups}

        vehicles = count_by("fleet.vehicle", "owner_id")
        drives = count_by("autocrm.test.drive", "partner_id")
        complaints = count_by("autocrm.complaint", "partner_id")
        answers = count_by("survey.user_input", "partner_id")
        visits = count_by("autocrm.showroom.visit", "partner_id")
        referrals = count_by("res.partner", "referred_by_id")
        events = count_by(
            "event.registration",
            "partner_id",
            [
                ("state", "=", "done"),
                ("event_id.is_owner_event", "=", True),
                ("event_id.date_begin", ">=", since),
            ],
        )
        for partner in self:
            partner.owned_vehicle_count = vehicles.get(partner.id, 0)
            partner.test_drive_count = drives.get(partner.id, 0)
            partner.complaint_count = complaints.get(partner.id, 0)
            partner.survey_answer_count = answers.get(partner.id, 0)
            partner.showroom_visit_count = visits.get(partner.id, 0)
            partner.referral_count = referrals.get(partner.id, 0)
            partner.event_attendance_count = events.get(partner.id, 0)

    @api.depends_context("company")
    def _compute_loyalty_membership(self):
        program = self.env.company._get_autocrm_membership_program()
        points = {}
        if program and self.ids and self.env["loyalty.card"].has_access("read"):
            groups = self.env["loyalty.card"]._read_group(
                [("program_id", "=", program.id), ("partner_id", "in", self.ids)],
                ["partner_id"],
                ["points:sum"],
            )
            points = {partner.id: total for partner, total in groups}
        Tier = self.env["autocrm.loyalty.tier"]
        for partner in self:
            partner.loyalty_points = points.get(partner.id, 0.0)
            partner.loyalty_tier_id = Tier._get_tier(partner.loyalty_points)

    @api.constrains("referred_by_id")
    def _check_referred_by(self):
        for partner in self.filtered("referred_by_id"):
            referrer = partner.referred_by_id
            seen = partner
            while referrer:
                if referrer in seen:
                    raise ValidationError(
                        self.env._(
                            "%(partner)s cannot be referred by %(referrer)s: the "
                            "referrals would form a loop. Choose another referrer.",
                            partner=partner.display_name,
                            referrer=partner.referred_by_id.display_name,
                        )
                    )
                seen |= referrer
                referrer = referrer.referred_by_id

    # ------------------------------------------------------------------
    # Referral reward
    # ------------------------------------------------------------------

    def _reward_referrers(self, source=None):
        """Credit each referrer once, for the first purchase of the customer.

        ``source`` is the document that made the purchase (an invoice), kept in
        the loyalty history. Returns the credited loyalty cards.
        """
        cards = self.env["loyalty.card"]
        for partner in self.filtered(
            lambda rec: rec.referred_by_id and not rec.referral_rewarded
        ):
            company = (source and source.company_id) or self.env.company
            program = company._get_autocrm_membership_program()
            points = company.autocrm_referral_reward_points
            partner.referral_rewarded = True
            if not program or points <= 0:
                continue
            card = partner.referred_by_id._get_membership_card(program)
            card.points += points
            self.env["loyalty.history"].create(
                {
                    "card_id": card.id,
                    "description": self.env._(
                        "Referral reward: first purchase of %(customer)s",
                        customer=partner.display_name,
                    ),
                    "issued": points,
                    "order_model": source._name if source else False,
                    "order_id": source.id if source else False,
                }
            )
            cards |= card
        return cards

    def _get_membership_card(self, program):
        """Return this partner's card in ``program``, creating it when missing."""
        self.ensure_one()
        Card = self.env["loyalty.card"]
        card = Card.search(
            [("program_id", "=", program.id), ("partner_id", "=", self.id)], limit=1
        )
        return card or Card.create({"program_id": program.id, "partner_id": self.id})

    # ------------------------------------------------------------------
    # Customer value score
    # ------------------------------------------------------------------

    @api.model
    def _cron_compute_value_score(self, batch_size=500):
        """Recompute the value score of every customer, in batches.

        A customer is a top-level partner with an invoice, a vehicle or a
        referral.
        """
        customers = Domain("parent_id", "=", False) & (
            Domain("customer_rank", ">", 0)
            | Domain("owned_vehicle_ids", "!=", False)
            | Domain("referral_ids", "!=", False)
            | Domain("referred_by_id", "!=", False)
        )
        last_id = 0
        while partners := self.search(
            customers & Domain("id", ">", last_id), order="id", limit=batch_size
        ):
            partners._compute_value_score()
            last_id = partners[-1].id
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(len(partners))

    def _compute_value_score(self):
        """Store the score components, the score and the segment of partners."""
        components = self._get_value_score_components()
        company = self.env.company
        weights = {
            name: max(company[f"autocrm_score_weight_{name}"], 0)
            for name in SCORE_COMPONENTS
        }
        total_weight = sum(weights.values())
        now = fields.Datetime.now()
        for partner in self:
            values = components[partner.id]
            score = (
                sum(values[name] * weights[name] for name in SCORE_COMPONENTS)
                / total_weight
                if total_weight
                else 0.0
            )
            segment = next(code for code, low in VALUE_SEGMENTS if score >= low)
            partner.write(
                {
                    **{
                        f"value_score_{name}": values[name] for name in SCORE_COMPONENTS
                    },
                    "value_score": round(score, 1),
                    "value_segment": segment,
                    "value_score_date": now,
                }
            )

    def _get_value_score_components(self):
        """Return {partner id: {component: 0-100}} from invoices and activity."""
        today = fields.Date.context_today(self)
        facts = self._read_value_score_facts(today - timedelta(days=SCORE_WINDOW_DAYS))
        target = self.env.company.autocrm_score_monetary_target or 1.0
        result = {}
        for partner in self:
            count, last = facts["invoices"].get(partner.id, (0, None))
            money = max(facts["money"].get(partner.id, 0.0), 0.0)
            average_nps = facts["nps"].get(partner.id)
            result[partner.id] = {
                "recency": round(self._score_recency(today, last), 1),
                "frequency": self._score_count(count, FREQUENCY_FULL_COUNT),
                "monetary": round(100.0 * min(money / target, 1.0), 1),
                "referral": self._score_count(
                    facts["referrals"].get(partner.id, 0), REFERRAL_FULL_COUNT
                ),
                "event": self._score_count(
                    facts["events"].get(partner.id, 0), EVENT_FULL_COUNT
                ),
                "survey": SURVEY_NEUTRAL_SCORE
                if average_nps is None
                else round(average_nps * 10.0, 1),
            }
        return result

    @api.model
    def _score_recency(self, today, last_invoice_date):
        if not last_invoice_date:
            return 0.0
        late_days = max((today - last_invoice_date).days - RECENCY_FULL_DAYS, 0)
        return max(
            0.0, 100.0 * (1 - late_days / (RECENCY_ZERO_DAYS - RECENCY_FULL_DAYS))
        )

    @api.model
    def _score_count(self, count, full_count):
        return round(100.0 * min(count, full_count) / full_count, 1)

    def _read_value_score_facts(self, since):
        """Return per-partner totals since ``since``, each as {partner id: value}.

        Keys: ``invoices`` (count and last date of posted invoices), ``money``
        (untaxed amount invoiced minus credit notes), ``referrals``,
        ``events`` (owner events attended) and ``nps`` (average NPS answer).
        """

        def by_partner(model, domain, group_field, aggregates):
            groups = self.env[model]._read_group(domain, [group_field], aggregates)
            if len(aggregates) == 1:
                return {partner.id: value for partner, value in groups}
            return {partner.id: tuple(values) for partner, *values in groups}

        invoiced = [
            ("commercial_partner_id", "in", self.ids),
            ("state", "=", "posted"),
            ("invoice_date", ">=", since),
        ]
        return {
            "invoices": by_partner(
                "account.move",
                [*invoiced, ("move_type", "=", "out_invoice")],
                "commercial_partner_id",
                ["__count", "invoice_date:max"],
            ),
            "money": by_partner(
                "account.move",
                [*invoiced, ("move_type", "in", ("out_invoice", "out_refund"))],
                "commercial_partner_id",
                ["amount_untaxed_signed:sum"],
            ),
            "referrals": by_partner(
                "res.partner",
                [("referred_by_id", "in", self.ids)],
                "referred_by_id",
                ["__count"],
            ),
            "events": by_partner(
                "event.registration",
                [
                    ("partner_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("event_id.is_owner_event", "=", True),
                    ("event_id.date_begin", ">=", since),
                ],
                "partner_id",
                ["__count"],
            ),
            "nps": by_partner(
                "survey.user_input",
                [
                    ("partner_id", "in", self.ids),
                    ("state", "=", "done"),
                    ("nps_score", ">=", 0),
                    ("create_date", ">=", since),
                ],
                "partner_id",
                ["nps_score:avg"],
            ),
        }

    # ------------------------------------------------------------------
    # 360° view buttons
    # ------------------------------------------------------------------

    def _action_related(self, xmlid, field_name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field_name, "=", self.id)]
        action["context"] = {f"default_{field_name}": self.id}
        return action

    def action_view_owned_vehicles(self):
        return self._action_related("fleet.fleet_vehicle_action", "owner_id")

    def action_view_test_drives(self):
        return self._action_related(
            "autocrm_crm.autocrm_test_drive_action", "partner_id"
        )

    def action_view_complaints(self):
        return self._action_related(
            "autocrm_crm.autocrm_complaint_action", "partner_id"
        )

    def action_view_survey_answers(self):
        return self._action_related("survey.action_survey_user_input", "partner_id")

    def action_view_showroom_visits(self):
        return self._action_related(
            "autocrm_crm.autocrm_showroom_visit_action", "partner_id"
        )

    def action_view_referrals(self):
        return self._action_related("base.action_partner_form", "referred_by_id")

    def action_compute_value_score(self):
        # sudo: the score sums invoices and survey answers that a consultant may
        # not read; only the aggregated components are stored on the partner.
        self.sudo()._compute_value_score()
