"""Workshop of each store: bays, labour catalogue, jobs and clocked time."""

from datetime import timedelta

from odoo.fields import Command

from .catalogue import (
    CUSTOMER_CONCERNS,
    JOBS,
    LABOUR_OPERATIONS,
    OPERATION_PARTS,
    VEHICLE_MODELS,
)
from .planning import HISTORY_DAYS

BAYS = [
    ("Bay 1 - Express", "express"),
    ("Bay 2 - General", "general"),
    ("Bay 3 - General", "general"),
    ("Bay 4 - Alignment", "alignment"),
    ("Bay 5 - Body Shop", "body"),
]
# Order in which a job goes through the workshop.
FLOW = ["reception", "in_progress", "quality_check", "ready", "delivered"]
# Months between two services of a customer's car, and miles driven a month.
SERVICE_INTERVAL_MONTHS = (5, 8)
MILES_PER_MONTH = (700, 1300)
# Warranty rate the makers pay the store for an hour of warranty labour.
WARRANTY_LABOUR_RATE = 140.0


class WorkshopMixin:
    """Create the workshop setup and run its jobs through their states."""

    def _create_workshop_setup(self, store):
        """Create the bays and the labour catalogue the store does not have.

        A bay or an operation that the store already has under the same name
        or code (the workshop module's demo data) is reused as it is.
        """
        env = store.env
        existing_bays = env["autocrm.service.bay"].search(
            [("company_id", "=", store.company.id)]
        )
        by_name = {bay.name: bay for bay in existing_bays}
        store.bays = env["autocrm.service.bay"].create(
            [
                {
                    "name": name,
                    "bay_type": bay_type,
                    "sequence": index * 10,
                    "company_id": store.company.id,
                }
                for index, (name, bay_type) in enumerate(BAYS, start=1)
                if name not in by_name
            ]
        )
        store.bays = (
            env["autocrm.service.bay"].browse(
                [by_name[name].id for name, _type in BAYS if name in by_name]
            )
            | store.bays
        ).sorted("sequence")
        factors = {
            model: factor
            for model, *_rest, factor in VEHICLE_MODELS[store.spec["brand"]]
        }
        existing = env["autocrm.labour.operation"].search(
            [("company_id", "=", store.company.id)]
        )
        store.labour = {operation.code: operation for operation in existing}
        operations = env["autocrm.labour.operation"].create(
            [
                {
                    "code": code,
                    "name": name,
                    "flat_rate_hours": hours,
                    "labour_rate": rate,
                    "company_id": store.company.id,
                    "model_time_ids": [
                        Command.create(
                            {
                                "model_id": store.vehicle_models[model].id,
                                "hours": round(hours * factor, 1),
                            }
                        )
                        for model, factor in factors.items()
                        if factor != 1.0
                    ],
                }
                for code, name, hours, rate, _service_type in LABOUR_OPERATIONS
                if code not in store.labour
            ]
        )
        store.labour.update({operation.code: operation for operation in operations})
        store.brand.write(
            {
                "warranty_partner_id": self.partners["maker", store.code].id,
                "warranty_labour_rate": WARRANTY_LABOUR_RATE,
            }
        )

    # ------------------------------------------------------------------
    # One job
    # ------------------------------------------------------------------

    def _job_vals(self, store, rng, vehicle, service_type, codes, days_ago, **vals):
        """Return the values receiving ``vehicle`` for the operations ``codes``.

        ``technician`` (default: one of the store's, at random) does the work;
        with ``missing_part`` the job also needs the part the store lacks.
        """
        technician = vals.pop("technician", None) or rng.choice(store.technicians)
        model_name = vehicle.model_id.name
        part_lines = {}
        for code in codes:
            for name, quantity, per_model in OPERATION_PARTS.get(code, []):
                part = store.part_index.get((name, model_name if per_model else None))
                if part:
                    part_lines[part] = part_lines.get(part, 0) + quantity
        if vals.pop("missing_part", False):
            part_lines[store.missing_part] = 1
        received_on = self._at(days_ago, hour=rng.choice([8, 8, 9, 10]))
        concerns = CUSTOMER_CONCERNS.get(service_type) or ["Pre-delivery work."]
        return {
            "company_id": store.company.id,
            "picking_type_id": store.warehouse.repair_type_id.id,
            "vehicle_id": vehicle.id,
            "partner_id": vehicle.owner_id.id or store.company.partner_id.id,
            "service_type": service_type,
            "advisor_id": store.user("advisor", rng.randrange(10)).id,
            "bay_id": self._bay_for(store, service_type).id,
            "schedule_date": received_on,
            "fuel_level": rng.choice(["quarter", "half", "three_quarters", "full"]),
            "customer_concerns": rng.choice(concerns),
            "promised_datetime": received_on + timedelta(hours=8),
            "labour_line_ids": [
                Command.create(
                    {
                        "operation_id": store.labour[code].id,
                        "technician_ids": [Command.set(technician.ids)],
                    }
                )
                for code in codes
            ],
            "move_ids": [
                Command.create(
                    {
                        "product_id": part.id,
                        "product_uom_qty": quantity,
                        "repair_line_type": "add",
                    }
                )
                for part, quantity in part_lines.items()
            ],
            **vals,
        }

    def _open_jobs(self, store, vals_list):
        """Create the jobs of ``vals_list`` and date them on their reception.

        Reception records an odometer reading, dated here as well, so the
        jobs of one vehicle must come in the order they happened.
        """
        repairs = store.env["repair.order"].create(vals_list)
        for repair in repairs:
            self._set_create_date(repair, repair.schedule_date)
            if repair.odometer_reading_id:
                repair.odometer_reading_id.date = repair.schedule_date.date()
        return repairs

    def _bay_for(self, store, service_type):
        bay_type = {
            "maintenance": "express",
            "body_paint": "body",
            "insurance": "body",
        }.get(service_type, "general")
        return store.bays.filtered(lambda bay: bay.bay_type == bay_type)[:1]

    def _progress_jobs(self, store, rng, runs, target):
        """Move jobs on to the workshop state ``target``.

        ``runs`` lists (job, days ago, extra work) tuples. The extra work is
        a labour operation code found during the job, or None, and the
        customer approves it. Jobs waiting for parts stay where they are.
        The jobs go through each step together, which is much faster than
        one job after the other.
        """
        if target == "reception" or not runs:
            return
        store.env["repair.order"].browse(
            [repair.id for repair, *_rest in runs]
        ).action_workshop_start()
        if target == "waiting_parts":
            return
        runs = [run for run in runs if run[0].workshop_state == "in_progress"]
        repairs = store.env["repair.order"].browse([repair.id for repair, *_ in runs])
        extras = store.env["autocrm.labour.line"].create(
            [
                {
                    "repair_id": repair.id,
                    "operation_id": store.labour[extra_work].id,
                    "technician_ids": [
                        Command.set(repair.labour_line_ids[:1].technician_ids.ids)
                    ],
                }
                for repair, _days_ago, extra_work in runs
                if extra_work
            ]
        )
        extras.action_approve()
        store.env["autocrm.time.log"].create(
            [
                vals
                for repair, days_ago, _extra in runs
                for vals in self._clock_vals(
                    store, rng, repair, days_ago, running=target == "in_progress"
                )
            ]
        )
        if target == "in_progress":
            return
        repairs.action_request_quality_check()
        if target == "quality_check":
            return
        repairs.quality_check_line_ids.write({"result": "pass"})
        inspector = store.user("foreman")
        for repair in repairs:
            repair.with_user(inspector).action_sign_quality_check()
        repairs.action_workshop_ready()
        for repair, days_ago, _extra in runs:
            done_on = self._at(days_ago, hour=14, minute=30)
            repair.quality_signed_date = done_on
            self._date_done_moves(repair.move_ids, done_on)
        if target == "ready":
            return
        repairs.action_workshop_deliver()
        for repair, days_ago, _extra in runs:
            done_on = self._at(days_ago, hour=14, minute=30)
            repair.delivered_date = done_on + timedelta(hours=1)
            self._date_followups(repair, done_on.date())

    def _clock_vals(self, store, rng, repair, days_ago, running=False):
        """Return the time logs of the technicians on the labour of a job.

        Each technician works at their own pace, so efficiency differs per
        technician, and does one job after the other during the day. With
        ``running`` the last clock is still on.
        """
        vals_list = []
        day = self.today - timedelta(days=days_ago)
        lines = repair.labour_line_ids.filtered(
            lambda line: line.approval_state == "approved"
        )
        for line in lines:
            for technician in line.technician_ids:
                pace = store.technician_pace.setdefault(
                    technician.id, rng.uniform(0.75, 1.25)
                )
                hours = max(line.hours * pace * rng.uniform(0.9, 1.1), 0.2)
                start = store.clock_cursor.get(
                    (technician.id, day), self._at(days_ago, hour=8)
                )
                stop = start + timedelta(hours=hours)
                store.clock_cursor[technician.id, day] = stop + timedelta(minutes=10)
                vals_list.append(
                    {
                        "employee_id": technician.id,
                        "labour_line_id": line.id,
                        "date_start": start,
                        "date_stop": stop,
                    }
                )
        if running and vals_list:
            vals_list[-1]["date_start"] = self.now - timedelta(minutes=35)
            vals_list[-1]["date_stop"] = False
        return vals_list

    def _invoice_jobs(self, store, rng, runs, pay=True):
        """Invoice each payer of the jobs and post the documents.

        ``runs`` lists (job, days ago) pairs. Warranty claims are submitted,
        and the older ones settled.
        """
        drafts = []
        for repair, days_ago in runs:
            repair.action_create_invoices()
            # The invoice list is computed without dependencies, and reading
            # it for one job of the batch filled it for the others already.
            repair.invalidate_recordset(["workshop_invoice_ids"])
            invoices = repair.workshop_invoice_ids.filtered(
                lambda move: move.state == "draft"
            )
            invoices.invoice_date = self.today - timedelta(days=days_ago)
            drafts.append(invoices)
        store.env["account.move"].browse(
            [move.id for invoices in drafts for move in invoices]
        ).action_post()
        for (repair, days_ago), invoices in zip(runs, drafts):
            if pay:
                self._pay(invoices, max(days_ago - 1, 0))
            for claim in repair.warranty_claim_ids:
                self._settle_claim(store, rng, claim, days_ago)

    def _settle_claim(self, store, rng, claim, days_ago):
        """Submit a warranty claim; old ones are approved and paid or rejected."""
        claim.action_submit()
        claim.submitted_date = self.today - timedelta(days=days_ago)
        if days_ago < 10:
            return
        if rng.random() < 0.15:
            claim.rejection_reason = "Damage caused by an aftermarket accessory."
            claim.action_reject()
            return
        claim.action_approve()
        claim.action_create_invoice()
        paid_days_ago = max(days_ago - 30, 0)
        self._post_moves(claim.invoice_id, days_ago - 5)
        if paid_days_ago:
            self._pay(claim.invoice_id, paid_days_ago)
            claim.action_mark_paid()

    # ------------------------------------------------------------------
    # Jobs of the store
    # ------------------------------------------------------------------

    def _finish_delivery_jobs(self, store, rng, job_days):
        """Do the inspection and fitting jobs that deals planned.

        ``job_days`` lists (job, days ago) pairs.
        """
        store.env["autocrm.labour.line"].create(
            [
                {
                    "repair_id": job.id,
                    "operation_id": store.labour[
                        "PDI-001" if job.deal_job_type == "pdi" else "ACC-001"
                    ].id,
                    "technician_ids": [Command.set(rng.choice(store.technicians).ids)],
                }
                for job, _days_ago in job_days
            ]
        )
        for job, days_ago in job_days:
            job.schedule_date = self._at(days_ago, hour=8)
        self._progress_jobs(
            store, rng, [(job, days_ago, None) for job, days_ago in job_days], "ready"
        )

    def _create_service_history(self, store):
        """Service every customer car from its delivery until today."""
        rng = self._rng(store, "service")
        visits = []
        for vehicle in store.delivered_vehicles | store.owner_vehicles:
            start = vehicle.acquisition_date or self.today
            day = (self.today - start).days
            odometer = vehicle.odometer
            while True:
                months = rng.randint(*SERVICE_INTERVAL_MONTHS)
                day -= 30 * months
                odometer += months * rng.randint(*MILES_PER_MONTH)
                if day < 8:
                    break
                if day <= HISTORY_DAYS:
                    visits.append((day, vehicle, round(odometer)))

        visits.sort(key=lambda visit: -visit[0])
        vals_list = []
        extras = []
        for index, (days_ago, vehicle, odometer) in enumerate(visits):
            service_type = self._pick_service_type(rng, vehicle, days_ago, index)
            codes = list(rng.choice(JOBS[service_type]))
            vals_list.append(
                self._job_vals(
                    store,
                    rng,
                    vehicle,
                    service_type,
                    codes,
                    days_ago,
                    odometer_in=odometer,
                    **self._payer_vals(store, rng, service_type),
                )
            )
            extras.append(
                "BRK-100" if service_type == "maintenance" and index % 6 == 3 else None
            )

        repairs = self._open_jobs(store, vals_list)
        days = [days_ago for days_ago, _vehicle, _odometer in visits]
        self._progress_jobs(store, rng, list(zip(repairs, days, extras)), "delivered")
        self._invoice_jobs(store, rng, list(zip(repairs, days)))
        store.history_jobs |= repairs

    def _pick_service_type(self, rng, vehicle, days_ago, index):
        in_warranty = (
            vehicle.warranty_end_date
            and vehicle.warranty_end_date > self.today - timedelta(days=days_ago)
        )
        roll = rng.random()
        if index % 11 == 5:
            return "recall"
        if roll < 0.55:
            return "maintenance"
        if roll < 0.75:
            return "repair"
        if roll < 0.85:
            return "warranty" if in_warranty else "repair"
        if roll < 0.93:
            return "insurance"
        return "body_paint"

    def _payer_vals(self, store, rng, service_type):
        if service_type != "insurance":
            return {}
        return {
            "insurer_id": rng.choice(self.partners["insurers"]).id,
            "insurance_claim_ref": f"CLM-{rng.randint(100000, 999999)}",
        }

    def _create_current_jobs(self, store):
        """Put today's workshop in every state, one job or more per state."""
        rng = self._rng(store, "workshop-today")
        vehicles = (store.delivered_vehicles | store.owner_vehicles).sorted("id")
        targets = [
            "reception",
            "waiting_parts",
            "in_progress",
            "quality_check",
            "ready",
            "cancelled",
        ]
        targets += ["in_progress", "reception"] * (self.size // 2)
        vals_list = []
        # A technician has one running clock, so each job in progress gets a
        # technician of its own.
        running = iter(store.technicians)
        for index, target in enumerate(targets):
            vehicle = vehicles[(index * 7) % len(vehicles)]
            waiting = target == "waiting_parts"
            if target == "in_progress":
                technician = next(running)
            else:
                technician = store.technicians[index % len(store.technicians)]
            vals_list.append(
                self._job_vals(
                    store,
                    rng,
                    vehicle,
                    "repair" if waiting else "maintenance",
                    ["BDY-510"] if waiting else ["MNT-020"],
                    1 if target == "ready" else 0,
                    odometer_in=vehicle.odometer + rng.randint(200, 900),
                    missing_part=waiting,
                    technician=technician,
                )
            )

        repairs = self._open_jobs(store, vals_list)
        for target in dict.fromkeys(targets):
            runs = [
                (repair, 0, None)
                for repair, job_target in zip(repairs, targets)
                if job_target == target
            ]
            if target == "cancelled":
                store.env["repair.order"].browse(
                    [repair.id for repair, *_rest in runs]
                ).action_repair_cancel()
                continue
            self._progress_jobs(store, rng, runs, target)
            if target == "ready":
                self._invoice_jobs(
                    store, rng, [(repair, 1) for repair, *_rest in runs], pay=False
                )

        store.waiting_job = repairs[targets.index("waiting_parts")]
        store.current_jobs |= repairs

    def _create_appointments(self, store):
        """Book the coming days, and keep a few missed and cancelled visits."""
        rng = self._rng(store, "appointments")
        vehicles = (store.delivered_vehicles | store.owner_vehicles).sorted("id")
        appointment_model = store.env["autocrm.service.appointment"]
        # Booked slots in the coming working days; missed and cancelled ones
        # in the past days. Slots avoid Sundays and the lunch break.
        days = [-1, -1, -2, -3, -4, -5] + [-6, -7] * self.size + [3, 9, 20]
        slots = [(8, 0), (10, 0), (13, 30), (15, 30)]
        for index, planned_days_ago in enumerate(days):
            vehicle = vehicles[(index * 5 + 3) % len(vehicles)]
            service_type = rng.choice(["maintenance", "maintenance", "repair"])
            days_ago = self._working_day(planned_days_ago)
            hour, minute = slots[index % len(slots)]
            start = self._at(days_ago, hour=hour, minute=minute)
            appointment = appointment_model.create(
                {
                    "company_id": store.company.id,
                    "partner_id": vehicle.owner_id.id,
                    "vehicle_id": vehicle.id,
                    "service_type": service_type,
                    "advisor_id": store.user("advisor").id,
                    "bay_id": store.bays[index % len(store.bays)].id,
                    "start_datetime": start,
                    "duration_hours": 1.5,
                    "operation_ids": [
                        Command.set(
                            [
                                store.labour[code].id
                                for code in rng.choice(JOBS[service_type])
                            ]
                        )
                    ],
                    "concerns": rng.choice(CUSTOMER_CONCERNS[service_type]),
                    "state": "booked" if days_ago < 0 else "cancelled",
                }
            )
            if days_ago > 0 and index % 2:
                appointment.state = "no_show"
