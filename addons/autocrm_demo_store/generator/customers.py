"""Customers, prospects and the showroom history of each store."""

from datetime import timedelta

from odoo.fields import Command

from .catalogue import (
    FIRST_NAMES,
    FLEET_CUSTOMERS,
    LAST_NAMES,
    LOST_REASONS,
    STREETS,
)

# Share of buyers who came on the recommendation of an earlier buyer.
REFERRAL_SHARE = 0.3
# Local hours at which showroom appointments and test drives start.
SHOWROOM_HOURS = [10, 11, 13, 14, 15, 16, 17]


class CustomerMixin:
    """Create customers, their leads, visits and test drives."""

    def _person_name(self, rng):
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def _new_customers(self, store, count, rng, referrers=None):
        """Create ``count`` private customers living around the store.

        A share of them is referred by one of ``referrers``.
        """
        spec = store.spec
        vals_list = []
        for _index in range(count):
            name = self._person_name(rng)
            self.customer_serial += 1
            email = "{}.{}{}@example.com".format(
                *name.lower().split(" ", 1), self.customer_serial
            )
            vals = {
                "name": name,
                "email": email.replace(" ", ""),
                "phone": "+1 {} 555 {:04d}".format(
                    rng.choice(spec["area_codes"]), rng.randint(100, 9999)
                ),
                "street": f"{rng.randint(10, 4999)} {rng.choice(STREETS)}",
                "city": rng.choice(spec["cities"]),
                "zip": f"9{rng.randint(4000, 5199):04d}",
                "state_id": self.env.ref("base.state_us_5").id,
                "country_id": self.env.ref("base.us").id,
            }
            if referrers and rng.random() < REFERRAL_SHARE:
                vals["referred_by_id"] = rng.choice(referrers).id
            vals_list.append(vals)
        customers = self.env["res.partner"].create(vals_list)
        store.customers |= customers
        return customers

    def _new_fleet_customer(self, store, rng):
        name = FLEET_CUSTOMERS[len(self.stores) % len(FLEET_CUSTOMERS)]
        customer = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "email": "fleet@{}.example.com".format(name.lower().replace(" ", "-")),
                "phone": "+1 {} 555 {:04d}".format(
                    store.spec["area_codes"][0], rng.randint(100, 9999)
                ),
                "city": store.spec["city"],
                "state_id": self.env.ref("base.state_us_5").id,
                "country_id": self.env.ref("base.us").id,
            }
        )
        store.customers |= customer
        return customer

    # ------------------------------------------------------------------
    # Sales team, leads and showroom visits
    # ------------------------------------------------------------------

    def _create_sales_team(self, store):
        store.team = self.env["crm.team"].create(
            {
                "name": f"{store.spec['city']} Showroom",
                "company_id": store.company.id,
                "user_id": store.user("sales.manager").id,
                "member_ids": [Command.set(store.staff["consultant"].ids)],
            }
        )
        store.lost_reasons = self.lost_reasons

    def _create_lead(self, store, rng, customer, consultant, days_ago, **vals):
        """Create an opportunity opened ``days_ago`` days ago for ``customer``."""
        models = list(store.vehicle_models.items())
        model_name, model = rng.choice(models)
        lead = (
            store.env["crm.lead"]
            .with_context(mail_activity_automation_skip=True)
            .create(
                {
                    "name": f"{customer.name}: {store.spec['brand']} {model_name}",
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "user_id": consultant.id,
                    "team_id": store.team.id,
                    "company_id": store.company.id,
                    "wished_model_id": model.id,
                    "budget": rng.randrange(25000, 55000, 500),
                    "payment_plan": rng.choice(["cash", "loan", "loan", "lease"]),
                    "source_channel": rng.choice(
                        ["walk_in", "walk_in", "web", "phone", "oem", "event"]
                    ),
                    **vals,
                }
            )
        )
        self._set_create_date(lead, self._at(days_ago, hour=11))
        return lead

    def _close_lead(self, lead, won, days_ago, rng):
        closed_on = self._at(days_ago, hour=16)
        if won:
            lead.action_set_won()
        else:
            lead.action_set_lost(lost_reason_id=rng.choice(self.lost_reasons).id)
        lead.write({"date_closed": closed_on})

    def _create_visit(self, store, customer, consultant, lead, days_ago, rng):
        time_in = self._at(days_ago, hour=rng.choice(SHOWROOM_HOURS))
        return store.env["autocrm.showroom.visit"].create(
            {
                "partner_id": customer.id,
                "phone": customer.phone,
                "lead_id": lead.id,
                "user_id": consultant.id,
                "company_id": store.company.id,
                "time_in": time_in,
                "time_out": time_in + timedelta(minutes=rng.randint(25, 110)),
                "party_size": rng.choice([1, 1, 2, 2, 3, 4]),
                "intent_level": lead.intent_level or False,
                "wished_model_id": lead.wished_model_id.id,
            }
        )

    def _create_test_drive(self, store, rng, lead, visit, days_ago, state="done"):
        """Book a demo car of the wished model for a slot that car has free."""
        cars = (
            store.demo_cars.filtered(lambda car: car.model_id == lead.wished_model_id)
            or store.demo_cars
        )
        car = rng.choice(cars)
        start = self._free_drive_slot(store, car, days_ago)
        vals = {
            "lead_id": lead.id,
            "partner_id": lead.partner_id.id,
            "visit_id": visit.id if visit else False,
            "vehicle_id": car.id,
            "user_id": lead.user_id.id,
            "company_id": store.company.id,
            "date_start": start,
            "date_stop": start + timedelta(minutes=45),
            "licence_number": f"Y{rng.randint(1000000, 9999999)}",
            "licence_expiry": self.today + timedelta(days=rng.randint(200, 1800)),
            "state": state,
        }
        if state == "done":
            distance = rng.randint(6, 22)
            store.demo_car_odometer[car.id] += distance
            vals.update(
                {
                    "odometer_out": store.demo_car_odometer[car.id] - distance,
                    "odometer_in": store.demo_car_odometer[car.id],
                    "rating": rng.choice(["3", "4", "4", "5", "5"]),
                    "feedback": rng.choice(
                        [
                            "Quiet cabin, liked the driver assistance.",
                            "Wanted more boot space than expected.",
                            "Smooth ride on the freeway, keen on the hybrid.",
                            "Seats very comfortable, infotainment a bit slow.",
                        ]
                    ),
                }
            )
        return store.env["autocrm.test.drive"].create(vals)

    def _free_drive_slot(self, store, car, days_ago):
        """Return a start time on the day that the car is not booked at yet."""
        for hour in SHOWROOM_HOURS:
            start = self._at(days_ago, hour=hour)
            if (car.id, start) not in store.drive_slots:
                store.drive_slots.add((car.id, start))
                return start
        return self._free_drive_slot(store, car, days_ago + 1)

    # ------------------------------------------------------------------
    # Prospects that are not deals
    # ------------------------------------------------------------------

    def _create_prospects(self, store):
        """Open prospects at every intent level, and prospects lost over time."""
        rng = self._rng(store, "prospects")
        levels = ["h", "a", "b", "c"] * (1 + self.size // 2)
        customers = self._new_customers(store, len(levels) + 2 + self.size, rng)
        for index, (level, customer) in enumerate(
            zip(levels, customers[: len(levels)])
        ):
            consultant = store.user("consultant", index)
            days_ago = rng.randint(1, 12)
            lead = self._create_lead(
                store, rng, customer, consultant, days_ago, intent_level=level
            )
            visit = self._create_visit(store, customer, consultant, lead, days_ago, rng)
            if level in ("h", "a"):
                # A drive already done and one booked in the coming days.
                self._create_test_drive(store, rng, lead, visit, days_ago)
                self._create_test_drive(
                    store, rng, lead, None, -rng.randint(1, 5), state="booked"
                )
            elif index % 3 == 2:
                self._create_test_drive(
                    store, rng, lead, visit, days_ago, state="no_show"
                )
        for customer in customers[len(levels) :]:
            consultant = store.user("consultant", rng.randrange(10))
            days_ago = rng.randint(40, 600)
            lead = self._create_lead(
                store, rng, customer, consultant, days_ago, intent_level="b"
            )
            self._create_visit(store, customer, consultant, lead, days_ago, rng)
            self._close_lead(lead, False, days_ago - rng.randint(7, 30), rng)

    def _create_lost_reasons(self):
        return self.env["crm.lost.reason"].create(
            [{"name": name} for name in LOST_REASONS]
        )
