"""Build the whole demo dealer group, store by store, in dependency order."""

import logging
import random
import time
from datetime import datetime, timedelta

import pytz

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL

from .accounting import AccountingMixin
from .aftercare import AftercareMixin
from .catalogue import (
    INSURERS,
    LANDLORD,
    LENDERS,
    PAYROLL,
    PLATE_AGENT,
    STORES,
    UTILITY,
)
from .customers import CustomerMixin
from .deals import DealMixin
from .parts import PartsMixin
from .planning import plan_fleet, plan_units
from .stores import STORE_TIMEZONE, StoreSetupMixin
from .vehicles import VehicleMixin
from .workshop import WorkshopMixin

_logger = logging.getLogger(__name__)

# Context of every write: no chatter tracking, no mails or text messages to
# the demo customers.
QUIET_CONTEXT = {
    "skip_sms": True,
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_activity_quick_update": True,
    "no_reset_password": True,
}


class DemoStoreBuilder(
    StoreSetupMixin,
    VehicleMixin,
    CustomerMixin,
    DealMixin,
    PartsMixin,
    WorkshopMixin,
    AftercareMixin,
    AccountingMixin,
):
    """Generate the dealer group's two stores from ``seed`` at ``size``.

    ``env`` is used as superuser: the generator writes every store's
    records, and steps that a role must do (a gate pass approval, a quality
    signature) run as that role's user.
    """

    def __init__(self, env, size, seed):
        self.env = env(su=True, context=dict(env.context, **QUIET_CONTEXT))
        self.size = size
        self.seed = seed
        self.today = fields.Date.context_today(self.env.user)
        self.now = fields.Datetime.now()
        self.timezone = pytz.timezone(STORE_TIMEZONE)
        self.stores = []
        self.partners = {}
        self.part_categories = {}
        self.customer_serial = 0
        self.password_hash = None
        self.currency = self.env.ref("base.main_company").currency_id

    # ------------------------------------------------------------------
    # Helpers shared by the builders
    # ------------------------------------------------------------------

    def _rng(self, store, topic):
        """Return a random generator of its own for one topic of one store.

        Each topic draws from its own sequence, so adding records to one
        topic does not change what another topic generates.
        """
        return random.Random(f"{self.seed}:{store.code}:{topic}")

    def _at(self, days_ago, hour=9, minute=0):
        """Return the UTC datetime of a store's local time ``days_ago`` back.

        Reports that cast a UTC datetime to a date put Pacific times from
        16:00 on the next day, so the documents they read are dated earlier.
        """
        day = self.today - timedelta(days=days_ago)
        local = self.timezone.localize(
            datetime(day.year, day.month, day.day, int(hour), minute)
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _working_day(self, days_ago):
        """Return ``days_ago`` moved off a Sunday, when the stores are closed.

        A future day moves to the Monday after, a past one to the Saturday
        before.
        """
        day = self.today - timedelta(days=days_ago)
        if day.weekday() != 6:
            return days_ago
        return days_ago - 1 if days_ago < 0 else days_ago + 1

    def _set_create_date(self, records, when):
        """Date records back to when they happened in the store's history.

        The ORM never writes create_date, and reports such as lead analysis
        and the survey windows read it, so it is set with SQL.
        """
        records.flush_recordset()
        self.env.execute_query(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                when,
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])

    def _post_moves(self, moves, days_ago):
        """Post draft invoices and bills with the date ``days_ago``."""
        drafts = moves.filtered(lambda move: move.state == "draft")
        if not drafts:
            return drafts
        drafts.write({"invoice_date": self.today - timedelta(days=max(days_ago, 0))})
        drafts.action_post()
        return drafts

    def _pay(self, moves, days_ago):
        """Register the full payment of posted invoices or bills."""
        open_moves = moves.filtered(
            lambda move: (
                move.state == "posted"
                and move.payment_state not in ("paid", "in_payment")
            )
        )
        for partner_moves in open_moves.grouped("partner_id").values():
            for same_type in partner_moves.grouped("move_type").values():
                same_type.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=same_type.ids
                ).create(
                    {
                        "payment_date": self.today - timedelta(days=max(days_ago, 0)),
                        "group_payment": True,
                    }
                )._create_payments()

    def _validate_picking(self, pickings):
        """Validate transfers whose quantities are set; raise if one stays open.

        button_validate() returns a wizard instead of validating when Odoo
        wants a user's decision, which a generator cannot give.
        """
        pickings.button_validate()
        open_pickings = pickings.filtered(lambda picking: picking.state != "done")
        if open_pickings:
            raise UserError(
                self.env._(
                    "The demo transfer %(picking)s could not be validated (it is "
                    "%(state)s). Check its quantities and the warehouse settings.",
                    picking=open_pickings[0].name,
                    state=open_pickings[0].state,
                )
            )

    def _backdate_picking(self, picking, when):
        picking.write({"scheduled_date": when, "date_done": when})
        self._date_done_moves(picking.move_ids, when)

    def _date_done_moves(self, moves, when):
        done = moves.filtered(lambda move: move.state == "done")
        done.write({"date": when})
        done.move_line_ids.write({"date": when})

    def _deliver_order(self, order, when):
        for picking in order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        ):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            self._validate_picking(picking)
            self._backdate_picking(picking, when)

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------

    def _create_partners(self):
        partner_model = self.env["res.partner"]

        def company(name):
            return partner_model.create({"name": name, "is_company": True})

        self.partners.update(
            {
                "insurers": [company(name) for name in INSURERS],
                "lenders": [company(name) for name in LENDERS],
                "plate_agent": company(PLATE_AGENT),
                "landlord": company(LANDLORD),
                "utility": company(UTILITY),
                "payroll": company(PAYROLL),
                "walk_in": partner_model.create({"name": "Counter Customer"}),
                "bodyshops": self._create_bodyshops(),
            }
        )

    def run(self):
        """Generate both stores and return a summary of what was made."""
        started = time.monotonic()
        units = plan_units(self.seed, self.size, self.today)
        fleet = plan_fleet(self.seed, self.size, self.today)

        self._create_partners()
        self.lost_reasons = self._create_lost_reasons()
        for index, spec in enumerate(STORES):
            store = self._setup_store(spec, index)
            store.units = units[spec["code"]]
            store.fleet_plans = fleet[spec["code"]]
            self.partners["maker", store.code] = self.env["res.partner"].create(
                {"name": spec["maker"], "is_company": True}
            )
            self.stores.append(store)

        self._adopt_stock_demo_leads(self.stores[0])
        for store in self.stores:
            self._build_store(store)
            _logger.info(
                "Demo store %s generated after %.0f s",
                store.company.name,
                time.monotonic() - started,
            )
        self._create_group_manager(self.stores)
        self._finish()

        _logger.info(
            "Demo dealer group generated in %.0f s (size %s, seed %s)",
            time.monotonic() - started,
            self.size,
            self.seed,
        )
        return self._summary()

    def _adopt_stock_demo_leads(self, store):
        """Move the crm module's demo leads that have no company into ``store``.

        A lead without a company shows in the pipeline of every store. Leads
        whose sales team, salesperson or customer belongs to another company
        are left as they are, because the company check would reject them.
        """
        lead_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "crm"), ("model", "=", "crm.lead")])
            .mapped("res_id")
        )
        company = store.company

        def fits_store(lead):
            team_company = lead.team_id.company_id
            partner_company = lead.partner_id.company_id
            return (
                not lead.company_id
                and (not team_company or team_company == company)
                and (not lead.user_id or company in lead.user_id.company_ids)
                and (not partner_company or partner_company == company)
            )

        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .browse(lead_ids)
            .exists()
            .filtered(fits_store)
        )
        leads.write({"company_id": company.id})
        _logger.info(
            "Demo store %s: %s demo leads of the crm module moved into it",
            store.code,
            len(leads),
        )

    def _build_store(self, store):
        steps = [
            ("staff", self._create_staff),
            ("sales team", self._create_sales_team),
            ("vehicle catalogue", self._create_vehicle_catalogue),
            ("parts", self._create_parts),
            ("accessories", self._create_accessories),
            ("parts stock", self._stock_parts),
            ("workshop setup", self._create_workshop_setup),
            ("fleet", lambda s: self._create_fleet(s, s.fleet_plans)),
            ("vehicle purchases", self._buy_vehicles),
            ("deals", self._create_deals),
            ("prospects", self._create_prospects),
            ("service history", self._create_service_history),
            ("counter sales", self._sell_parts_over_counter),
            ("current jobs", self._create_current_jobs),
            ("part orders", self._create_part_orders),
            ("appointments", self._create_appointments),
            ("owner events", self._create_owner_events),
            ("surveys", self._answer_surveys),
            ("complaints", self._work_on_complaints),
            ("fixed costs", self._post_fixed_costs),
            ("vehicle costs", self._post_vehicle_costs),
            ("targets", self._create_targets),
        ]
        store.delivered_vehicles = self.env["fleet.vehicle"]
        store.history_jobs = self.env["repair.order"]
        store.current_jobs = self.env["repair.order"]
        store.technician_pace = {}
        store.clock_cursor = {}
        store.drive_slots = set()
        # One line per step lets a user who follows the log see the progress.
        for number, (label, step) in enumerate(steps, start=1):
            started = time.monotonic()
            cpu_started = time.process_time()
            step(store)
            _logger.info(
                "Demo store %s: step %s/%s (%s) done in %.1f s (%.1f s of CPU)",
                store.code,
                number,
                len(steps),
                label,
                time.monotonic() - started,
                time.process_time() - cpu_started,
            )

    def _finish(self):
        """Run the scheduled jobs that derive figures from the history."""
        for store in self.stores:
            for car in store.demo_cars:
                car._add_odometer_reading(store.demo_car_odometer[car.id])
        self.env["stock.warehouse"].flush_model()
        warehouses = self.env["stock.warehouse"].browse(
            [store.warehouse.id for store in self.stores]
        )
        self.env["autocrm.parts.orderpoint.suggestion"]._compute_suggestions(warehouses)
        self.env["autocrm.reminder"]._cron_generate_reminders()
        # Customers are shared by the stores, and both stores keep the default
        # score weights, so one computation serves both.
        self.env["res.partner"]._cron_compute_value_score()

    def _summary(self):
        """Return the stores' company ids and every VIN generated, sorted."""
        vins = [vin for store in self.stores for vin in store.lots]
        vins += [
            vehicle.vin_sn
            for store in self.stores
            for vehicle in store.demo_cars | store.owner_vehicles
        ]
        return {
            "companies": [store.company.id for store in self.stores],
            "vins": sorted(vins),
        }
