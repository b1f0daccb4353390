import logging

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.autocrm_base.tools.vin import decode_vin, vin_problem
from odoo.addons.autocrm_demo_store.generator import planned_vins
from odoo.addons.autocrm_demo_store.generator.catalogue import ROLES, STORES
from odoo.addons.autocrm_demo_store.generator.planning import DEAL_STAGES
from odoo.addons.autocrm_demo_store.generator.vin import MODEL_YEAR_CODES

SIZE = 1
SEED = 4242
BUILDER_LOGGER = "odoo.addons.autocrm_demo_store.generator.builder"
VIN_STATES = ("ordered", "in_transit", "in_stock", "reserved", "sold", "delivered")


class RecordingHandler(logging.Handler):
    """Logging handler that keeps the formatted messages in a list."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def deal_stage(deal):
    """Return the DEAL_STAGES code that the documents of ``deal`` show."""
    if deal.state == "cancel":
        return "cancelled"
    if deal.state == "draft":
        if deal.discount_approval_state == "to_approve":
            return "discount_approval"
        return "quotation"
    if deal.state == "sent":
        return "sent"
    if deal.vehicle_delivered:
        return "delivered"
    gate_states = set(deal.gate_pass_ids.mapped("state"))
    if "approved" in gate_states:
        return "ready"
    if "requested" in gate_states:
        return "gate_pass"
    if deal.vehicle_invoiced:
        return "invoiced"
    if deal.vehicle_lot_id.vin_state == "reserved":
        if deal.vehicle_lot_id.arrival_date:
            return "reserved"
        return "ordered_car"
    return "unknown"


@tagged("post_install", "-at_install")
class TestGenerateStore(TransactionCase):
    """Generate the smallest dealer group once and check what it contains."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)

        # Stand-ins for Odoo's crm demo leads, which a test database lacks: a
        # lead without a company under an xmlid of the crm module, and one
        # without a company that is not demo data.
        lead_model = cls.env["crm.lead"]
        cls.stock_demo_lead, cls.own_lead = lead_model.create(
            [
                {"name": name, "user_id": False, "team_id": False}
                for name in ("Quote for 35 windows", "Walk-in without store")
            ]
        )
        (cls.stock_demo_lead | cls.own_lead).company_id = False
        cls.env["ir.model.data"].create(
            {
                "module": "crm",
                "name": "autocrm_demo_store_test_lead",
                "model": "crm.lead",
                "res_id": cls.stock_demo_lead.id,
            }
        )

        logger = logging.getLogger(BUILDER_LOGGER)
        handler = RecordingHandler()
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        try:
            cls.summary = cls.env["autocrm.demo.store"].generate(size=SIZE, seed=SEED)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        cls.log_messages = handler.messages

        cls.companies = cls.env["res.company"].browse(cls.summary["companies"])
        # The main store may also hold the vehicles of the modules' demo data.
        cls.lots = cls.env["stock.lot"].search(
            [("is_vehicle", "=", True), ("name", "in", cls.summary["vins"])]
        )
        cls.vehicles = cls.env["fleet.vehicle"].search(
            [("vin_sn", "in", cls.summary["vins"])]
        )

    def _store(self, index):
        return self.companies[index], STORES[index]

    def test_progress_logged_per_step(self):
        for spec in STORES:
            with self.subTest(store=spec["code"]):
                steps = [
                    message
                    for message in self.log_messages
                    if message.startswith(f"Demo store {spec['code']}: step ")
                ]
                self.assertGreater(len(steps), 10)
                self.assertIn(f": step 1/{len(steps)} (staff) done in ", steps[0])
                self.assertIn(f": step {len(steps)}/{len(steps)} ", steps[-1])

    def test_stock_demo_leads_join_first_store(self):
        self.assertEqual(self.stock_demo_lead.company_id, self.companies[0])
        self.assertFalse(self.own_lead.company_id)

    def test_role_labels_match_group_names(self):
        # The accountant's first group is "Store Figures", a costing right.
        for suffix, label, groups in ROLES:
            if suffix == "accountant":
                continue
            with self.subTest(role=suffix):
                self.assertEqual(self.env.ref(groups[0]).name, label)

    def test_two_stores_with_books(self):
        self.assertEqual(len(self.companies), 2)
        for company in self.companies:
            with self.subTest(store=company.name):
                self.assertTrue(company.chart_template)
                self.assertTrue(
                    self.env["stock.warehouse"].search(
                        [("company_id", "=", company.id)]
                    )
                )

    def test_admin_works_in_both_stores(self):
        admin = self.env.ref("base.user_admin")
        for company in self.companies:
            with self.subTest(store=company.name):
                self.assertIn(company, admin.company_ids)

    def test_every_role_per_store(self):
        logins = {login for _store, _role, login in self.summary["logins"]}
        for index in range(2):
            company, spec = self._store(index)
            for suffix, _label, groups in ROLES:
                login = f"{spec['code']}.{suffix}"
                with self.subTest(login=login):
                    user = self.env["res.users"].search([("login", "=", login)])
                    self.assertEqual(user.company_ids, company)
                    for group in groups:
                        self.assertTrue(user.has_group(group), group)
                    self.assertIn(login, logins)

    def test_vins_valid_for_their_maker(self):
        self.assertGreater(len(self.lots), 40)
        brands = {lot.name: lot.vehicle_model_id.brand_id.name for lot in self.lots}
        brands.update(
            {
                vehicle.vin_sn: vehicle.model_id.brand_id.name
                for vehicle in self.vehicles
            }
        )
        self.assertEqual(sorted(brands), self.summary["vins"])
        for vin, brand in brands.items():
            with self.subTest(vin=vin):
                self.assertIsNone(vin_problem(vin))
                # vininfo names some plants, such as "Toyota Mexico".
                self.assertIn(brand, decode_vin(vin)["manufacturer"])
        for vehicle in self.vehicles:
            with self.subTest(vin=vehicle.vin_sn):
                self.assertIn(
                    vehicle.model_year, decode_vin(vehicle.vin_sn)["model_years"]
                )
        years = {MODEL_YEAR_CODES.index(lot.name[9]) for lot in self.lots}
        recent = {
            (year - 1980) % len(MODEL_YEAR_CODES)
            for year in range(self.today.year - 3, self.today.year + 2)
        }
        self.assertLessEqual(years, recent)

    def test_every_vin_status_per_store(self):
        for company in self.companies:
            with self.subTest(store=company.name):
                states = set(
                    self.lots.filtered(
                        lambda lot, c=company: lot.company_id == c
                    ).mapped("vin_state")
                )
                self.assertEqual(states, set(VIN_STATES))

    def test_every_deal_stage_per_store(self):
        for company in self.companies:
            deals = self.env["sale.order"].search(
                [("company_id", "=", company.id), ("is_vehicle_deal", "=", True)]
            )
            with self.subTest(store=company.name):
                self.assertEqual(
                    {deal_stage(deal) for deal in deals},
                    {code for code, _label in DEAL_STAGES},
                )

    def test_purchase_costs_differ_per_vin(self):
        receipts = self.env["stock.move"].search(
            [
                ("purchase_line_id", "!=", False),
                ("state", "=", "done"),
                ("move_line_ids.lot_id", "in", self.lots.ids),
            ]
        )
        values = receipts.mapped("value")
        self.assertGreater(len(receipts), 30)
        self.assertEqual(len(set(values)), len(values))

    def test_posted_documents_cover_the_history(self):
        for company in self.companies:
            for move_type in ("out_invoice", "in_invoice"):
                moves = self.env["account.move"].search(
                    [
                        ("company_id", "=", company.id),
                        ("move_type", "=", move_type),
                        ("state", "=", "posted"),
                    ]
                )
                months = {move.invoice_date.replace(day=1) for move in moves}
                with self.subTest(store=company.name, move_type=move_type):
                    self.assertGreaterEqual(len(months), 12)

    def test_costing_reports_show_recent_months(self):
        since = fields.Date.start_of(self.today - relativedelta(months=3), "month")
        for company in self.companies:
            domain = [("company_id", "=", company.id)]
            for model, field_name in (
                ("autocrm.costing.line", "revenue"),
                ("autocrm.costing.deal", "revenue"),
                ("autocrm.costing.repair", "revenue"),
                ("autocrm.costing.department.result", "revenue"),
                ("autocrm.costing.absorption", "fixed_costs"),
            ):
                records = self.env[model].search(domain)
                with self.subTest(store=company.name, report=model):
                    self.assertTrue(records)
                    self.assertGreater(sum(records.mapped(field_name)), 0)
            recent = self.env["autocrm.costing.department.result"].search(
                [*domain, ("month", ">=", since)]
            )
            with self.subTest(store=company.name, report="recent months"):
                self.assertGreater(sum(recent.mapped("gross_profit")), 0)
            targets = self.env["autocrm.costing.target"].search(domain)
            with self.subTest(store=company.name, report="targets"):
                self.assertTrue(any(targets.mapped("actual_value")))

    def test_customer_history(self):
        for company in self.companies:
            domain = [("company_id", "=", company.id)]
            leads = (
                self.env["crm.lead"]
                .with_context(active_test=False)
                .search([*domain, ("type", "=", "opportunity")])
            )
            drives = self.env["autocrm.test.drive"].search(domain)
            answers = self.env["survey.user_input"].search(
                [
                    ("autocrm_followup_id.company_id", "=", company.id),
                    ("state", "=", "done"),
                ]
            )
            with self.subTest(store=company.name):
                self.assertEqual(
                    set(leads.mapped("intent_level")) - {False}, {"h", "a", "b", "c"}
                )
                self.assertTrue(leads.filtered(lambda lead: lead.stage_id.is_won))
                self.assertTrue(leads.filtered(lambda lead: not lead.active))
                self.assertLessEqual(
                    {"done", "booked", "no_show"}, set(drives.mapped("state"))
                )
                self.assertTrue(answers.filtered(lambda answer: answer.nps_score >= 9))
                self.assertTrue(answers.filtered(lambda answer: answer.nps_score < 7))
                self.assertTrue(self.env["autocrm.complaint"].search(domain))

    def test_delivered_vehicles_have_service_history(self):
        for company in self.companies:
            delivered = self.lots.filtered(
                lambda lot, c=company: (
                    lot.company_id == c
                    and lot.vin_state == "delivered"
                    and lot.delivery_date < self.today - relativedelta(months=9)
                )
            ).fleet_vehicle_id
            jobs = self.env["repair.order"].search(
                [
                    ("vehicle_id", "in", delivered.ids),
                    ("workshop_state", "=", "delivered"),
                ]
            )
            with self.subTest(store=company.name):
                self.assertTrue(delivered)
                self.assertEqual(jobs.vehicle_id, delivered)

    def test_workshop_in_every_state_with_clocked_time(self):
        for company in self.companies:
            jobs = self.env["repair.order"].search([("company_id", "=", company.id)])
            logs = self.env["autocrm.time.log"].search(
                [("company_id", "=", company.id), ("duration_hours", ">", 0)]
            )
            with self.subTest(store=company.name):
                self.assertLessEqual(
                    {
                        "reception",
                        "waiting_parts",
                        "in_progress",
                        "quality_check",
                        "ready",
                        "delivered",
                        "cancelled",
                    },
                    set(jobs.mapped("workshop_state")),
                )
                technicians = self.env["hr.employee"].search(
                    [
                        ("company_id", "=", company.id),
                        ("is_workshop_technician", "=", True),
                        ("user_id.login", "like", "%.technician%"),
                    ]
                )
                self.assertEqual(logs.employee_id & technicians, technicians)

    def test_parts_with_supersession_and_movements(self):
        for index in range(2):
            company, spec = self._store(index)
            brand = self.env.ref(spec["brand_xmlid"])
            parts = self.env["product.template"].search(
                [("part_brand_id", "=", brand.id), ("part_type", "!=", False)]
            )
            sold = self.env["stock.move"].search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                    ("product_id.part_type", "!=", False),
                ]
            )
            with self.subTest(store=company.name):
                self.assertGreaterEqual(len(parts), 100)
                self.assertTrue(parts.filtered("superseded_by_id"))
                self.assertGreaterEqual(
                    len({move.date.date().replace(day=1) for move in sold}), 12
                )

    def test_value_scores_differ(self):
        partners = self.env["res.partner"].search(
            [("value_score_date", "!=", False), ("owned_vehicle_ids", "!=", False)]
        )
        self.assertGreater(len(set(partners.mapped("value_segment"))), 1)
        referrers = partners.filtered("referral_ids")
        self.assertTrue(referrers)
        self.assertTrue(all(referrers.mapped("value_score_referral")))

    def test_same_seed_same_vins(self):
        planned = planned_vins(SEED, SIZE, self.today)
        self.assertEqual(self.summary["vins"], planned)
        self.assertEqual(planned_vins(SEED, SIZE, self.today), planned)
        self.assertNotEqual(planned_vins(SEED + 1, SIZE, self.today), planned)

    def test_second_call_generates_nothing(self):
        again = self.env["autocrm.demo.store"].generate(size=SIZE, seed=SEED)
        self.assertFalse(again["generated"])
        self.assertEqual(again["logins"], self.summary["logins"])
        with self.assertRaisesRegex(UserError, "size 1 and seed 4242"):
            self.env["autocrm.demo.store"].generate(size=SIZE + 1, seed=SEED)

    def test_consultant_sees_own_store_only(self):
        sf_company, sf = self._store(0)
        consultant = self.env["res.users"].search(
            [("login", "=", f"{sf['code']}.consultant")]
        )
        deals = self.env["sale.order"].with_user(consultant).search([])
        self.assertTrue(deals)
        self.assertEqual(deals.company_id, sf_company)
        self.assertEqual(deals.user_id, consultant)
        security = self.env["res.users"].search(
            [("login", "=", f"{sf['code']}.security")]
        )
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(security).search([])
        with self.assertRaises(AccessError):
            self.env["autocrm.demo.store"].with_user(consultant).generate()
