import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# Days before an insurance expiry at which the owner is reminded.
INSURANCE_NOTICE_DAYS = (60, 30, 7)
# Days of notice for the other reminders.
MAINTENANCE_NOTICE_DAYS = 14
WARRANTY_NOTICE_DAYS = 30
INSPECTION_NOTICE_DAYS = 30


class AutocrmReminder(models.Model):
    _name = "autocrm.reminder"
    _description = "Vehicle Reminder"
    _order = "due_date, id"
    _check_company_auto = True

    vehicle_id = fields.Many2one(
        comodel_name="fleet.vehicle",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Owner", index="btree_not_null"
    )
    reminder_type = fields.Selection(
        selection=[
            ("maintenance", "Maintenance due"),
            ("insurance", "Insurance renewal"),
            ("warranty", "Warranty expiry"),
            ("inspection", "Annual inspection"),
        ],
        string="Type",
        required=True,
    )
    due_date = fields.Date(required=True, help="Date of the event reminded of.")
    notice_days = fields.Integer(
        help="Days before the due date at which this reminder was planned."
    )
    is_estimated = fields.Boolean(
        help="The due date comes from the odometer trend, not from a set date."
    )
    activity_id = fields.Many2one(comodel_name="mail.activity", ondelete="set null")
    company_id = fields.Many2one(comodel_name="res.company", required=True)

    # One reminder per due event: re-running the scheduled action adds nothing.
    _due_event_unique = models.UniqueIndex(
        "(vehicle_id, reminder_type, due_date, notice_days)",
        "This reminder already exists.",
    )

    @api.model
    def _cron_generate_reminders(self, batch_size=500):
        """Plan reminders for owner vehicles, one batch of vehicles at a time."""
        Vehicle = self.env["fleet.vehicle"]
        domain = [("owner_id", "!=", False)]
        last_id = 0
        total = 0
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress(remaining=Vehicle.search_count(domain))
        while vehicles := Vehicle.search(
            domain + [("id", ">", last_id)], order="id", limit=batch_size
        ):
            total += len(self._create_reminders(vehicles))
            last_id = vehicles[-1].id
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(len(vehicles))
        _logger.info("Planned %d vehicle reminders", total)

    @api.model
    def _create_reminders(self, vehicles):
        """Create the missing reminders of ``vehicles`` with their activities."""
        candidates = []
        for vehicle in vehicles:
            candidates.extend(self._get_due_events(vehicle))
        if not candidates:
            return self
        existing = {
            (rem.vehicle_id.id, rem.reminder_type, rem.due_date, rem.notice_days)
            for rem in self.search([("vehicle_id", "in", vehicles.ids)])
        }
        vals_list = []
        for vals in candidates:
            key = (
                vals["vehicle_id"],
                vals["reminder_type"],
                vals["due_date"],
                vals["notice_days"],
            )
            if key not in existing:
                existing.add(key)
                vals_list.append(vals)
        reminders = self.create(vals_list)
        for reminder in reminders:
            reminder.activity_id = reminder._schedule_activity()
        return reminders

    @api.model
    def _get_due_events(self, vehicle):
        """Return the reminder values due today or earlier for one vehicle."""
        today = fields.Date.context_today(self)
        events = []

        def add(reminder_type, due_date, notice_days, is_estimated=False):
            events.append(
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.owner_id.id,
                    "reminder_type": reminder_type,
                    "due_date": due_date,
                    "notice_days": notice_days,
                    "is_estimated": is_estimated,
                    "company_id": (vehicle.company_id or self.env.company).id,
                }
            )

        service_date = vehicle.next_service_date
        estimated = vehicle._get_estimated_service_date()
        is_estimated = bool(estimated) and (
            not service_date or estimated < service_date
        )
        due = estimated if is_estimated else service_date
        if due and due - timedelta(days=MAINTENANCE_NOTICE_DAYS) <= today:
            add("maintenance", due, MAINTENANCE_NOTICE_DAYS, is_estimated)

        expiry = vehicle.insurance_expiry_date
        if expiry and expiry >= today:
            passed = [
                days
                for days in INSURANCE_NOTICE_DAYS
                if expiry - timedelta(days=days) <= today
            ]
            if passed:
                add("insurance", expiry, min(passed))

        end = vehicle.warranty_end_date
        if end and today <= end <= today + timedelta(days=WARRANTY_NOTICE_DAYS):
            add("warranty", end, WARRANTY_NOTICE_DAYS)

        inspection = vehicle.next_inspection_date
        if inspection and inspection <= today + timedelta(days=INSPECTION_NOTICE_DAYS):
            add("inspection", inspection, INSPECTION_NOTICE_DAYS)
        return events

    def _schedule_activity(self):
        self.ensure_one()
        company = self.company_id
        user = (
            company.autocrm_customer_service_user_id
            or self.vehicle_id.manager_id
            or self.env.user
        )
        labels = dict(self._fields["reminder_type"]._description_selection(self.env))
        return self.vehicle_id.activity_schedule(
            "autocrm_crm.mail_activity_type_vehicle_reminder",
            date_deadline=max(
                self.due_date - timedelta(days=self.notice_days),
                fields.Date.context_today(self),
            ),
            user_id=user.id,
            summary=self.env._(
                "%(reminder)s on %(date)s for %(owner)s",
                reminder=labels[self.reminder_type],
                date=self.due_date,
                owner=self.partner_id.name or "-",
            ),
        )
