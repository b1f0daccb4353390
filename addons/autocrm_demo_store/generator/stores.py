"""Stores of the dealer group: companies, accounting, warehouse and staff."""

from odoo.fields import Command

from .catalogue import GROUP_MANAGER_LOGIN, GROUP_NAME, ROLES, STAFF_PASSWORD

# Hourly cost of a workshop technician, per level, in the company currency.
TECHNICIAN_COSTS = [(38.0, "Master Technician"), (31.0, "Service Technician")]
# Store working hours of the workshop, local time.
WORKSHOP_HOURS = [(7.5, 12.0), (13.0, 17.5)]
STORE_TIMEZONE = "America/Los_Angeles"


def user_xmlid(store_code, role):
    """Return the XML id of the first user of ``role`` in a store."""
    return f"autocrm_demo_store.user_{store_code}_{role.replace('.', '_')}"


class StoreContext:
    """State of one store that the builders share while generating it."""

    def __init__(self, spec, company, warehouse, env):
        self.spec = spec
        self.code = spec["code"]
        self.company = company
        self.warehouse = warehouse
        self.env = env
        self.staff = {}
        self.technicians = env["hr.employee"]
        self.brand = env["fleet.vehicle.model.brand"]
        self.vehicle_models = {}
        self.vehicle_products = {}
        self.units = []
        self.lots = {}
        self.customers = env["res.partner"]
        self.deals = {}
        self.parts = env["product.product"]
        self.labour = {}
        self.bays = env["autocrm.service.bay"]

    def user(self, role, index=0):
        """Return the ``index``-th user of ``role`` (a ROLES login suffix)."""
        users = self.staff[role]
        return users[index % len(users)]


class StoreSetupMixin:
    """Create or adopt the two companies and give them accounts and staff."""

    def _setup_store(self, spec, index):
        env = self.env
        if index == 0:
            company = env.ref("base.main_company")
        else:
            company = env["res.company"].create(
                {"name": spec["name"], "currency_id": self.currency.id}
            )
        company.write(
            {
                "name": spec["name"],
                "street": spec["street"],
                "city": spec["city"],
                "zip": spec["zip"],
                "state_id": env.ref("base.state_us_5").id,
                "country_id": env.ref("base.us").id,
                "phone": spec["phone"],
                "email": f"info.{spec['code']}@bayside-auto.example.com",
            }
        )
        company.partner_id.write({"is_company": True})
        # The generator runs as the superuser, so Odoo adds a new company to
        # that user only. The demo command lists admin for every store.
        admin = env.ref("base.user_admin", raise_if_not_found=False)
        if admin and company not in admin.company_ids:
            admin.company_ids = [Command.link(company.id)]
        if not company.chart_template:
            env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        store_env = env(context=dict(env.context, allowed_company_ids=company.ids))
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", company.id)], order="sequence, id", limit=1
        ) or store_env["stock.warehouse"].create(
            {
                "name": spec["name"],
                "code": spec["warehouse_code"],
                "company_id": company.id,
            }
        )
        store = StoreContext(spec, company, warehouse, store_env)
        store.brand = env.ref(spec["brand_xmlid"])
        self._configure_store(store)
        return store

    def _configure_store(self, store):
        """Copy the main store's settings that Odoo keeps per company."""
        env = self.env
        company = store.company
        category = env.ref("autocrm_sales.product_category_vehicles")
        category.with_company(company).write(
            {"property_cost_method": "fifo", "property_valuation": "real_time"}
        )
        main = env.ref("base.main_company")
        if company != main:
            # The workshop gives every new company the default service
            # types, so copy only the main store's other ones.
            service_type_model = env["autocrm.service.type"].with_context(
                active_test=False
            )
            existing_codes = set(
                service_type_model.search([("company_id", "=", company.id)]).mapped(
                    "code"
                )
            )
            service_types = service_type_model.search(
                [("company_id", "=", main.id), ("code", "not in", list(existing_codes))]
            )
            for service_type in service_types:
                service_type.copy({"company_id": company.id})
            owner_club = env.ref("autocrm_crm.loyalty_program_owner_club")
            company.autocrm_membership_program_id = owner_club.copy(
                {"company_id": company.id, "name": owner_club.name}
            )

    # ------------------------------------------------------------------
    # Staff
    # ------------------------------------------------------------------

    def _staff_count(self, role):
        if role == "consultant":
            return 2 + self.size
        if role == "technician":
            return 2 + self.size
        if role == "advisor":
            return 1 + self.size // 2
        return 1

    def _create_staff(self, store):
        """Create the store's users, one login per role and more where busy."""
        rng = self._rng(store, "staff")
        group_ids = {}
        vals_list = []
        roles = []
        for suffix, _label, groups in ROLES:
            group_ids[suffix] = [self.env.ref(xmlid).id for xmlid in groups]
            for number in range(self._staff_count(suffix)):
                login = f"{store.code}.{suffix}" + (str(number + 1) if number else "")
                vals = {
                    "name": self._person_name(rng),
                    "login": login,
                    "email": f"{login}@bayside-auto.example.com",
                    "company_id": store.company.id,
                    "company_ids": [Command.set(store.company.ids)],
                    "group_ids": [Command.set(group_ids[suffix])],
                    "tz": STORE_TIMEZONE,
                }
                vals_list.append(vals)
                roles.append(suffix)

        users = self.env["res.users"].create(vals_list)
        self._set_staff_password(users)
        for suffix, user in zip(roles, users):
            store.staff.setdefault(suffix, self.env["res.users"])
            store.staff[suffix] |= user
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": user_xmlid(store.code, suffix),
                    "record": users_of_role[:1],
                    "noupdate": True,
                }
                for suffix, users_of_role in store.staff.items()
            ]
        )

        store.staff["consultant"].deal_discount_limit = 1500
        store.staff["sales.manager"].deal_discount_limit = 4000
        store.company.write(
            {
                "autocrm_customer_service_user_id": store.user("customer.service").id,
                "autocrm_complaint_manager_id": store.user("sales.manager").id,
            }
        )
        self._create_technicians(store)

    def _set_staff_password(self, users):
        """Give every demo user the shared demo password.

        Hashing takes over a second per password on a small machine, so the
        hash is computed once and stored for all users, the way Odoo stores
        a hash it computed itself.
        """
        if not self.password_hash:
            self.password_hash = users._crypt_context().hash(STAFF_PASSWORD)
        for user in users:
            users._set_encrypted_password(user.id, self.password_hash)

    def _create_technicians(self, store):
        calendar = self.env["resource.calendar"].create(
            {
                "name": f"Workshop Shifts ({store.spec['city']})",
                "tz": STORE_TIMEZONE,
                "company_id": store.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Shift {day}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                        }
                    )
                    for day in range(6)
                    for start, stop in WORKSHOP_HOURS
                ],
            }
        )
        store.workshop_calendar = calendar
        vals_list = []
        for index, user in enumerate(store.staff["technician"]):
            cost, title = TECHNICIAN_COSTS[min(index, 1)]
            vals_list.append(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "company_id": store.company.id,
                    "is_workshop_technician": True,
                    "job_title": title,
                    "resource_calendar_id": calendar.id,
                    "tz": STORE_TIMEZONE,
                    "costing_hourly_cost": cost,
                }
            )
        store.technicians = self.env["hr.employee"].create(vals_list)

    def _create_group_manager(self, stores):
        """Create the dealer principal, who manages both stores."""
        companies = self.env["res.company"].browse([s.company.id for s in stores])
        manager = self.env["res.users"].create(
            {
                "name": f"{GROUP_NAME} Principal",
                "login": GROUP_MANAGER_LOGIN,
                "email": f"{GROUP_MANAGER_LOGIN}@bayside-auto.example.com",
                "company_id": companies[0].id,
                "company_ids": [Command.set(companies.ids)],
                "group_ids": [
                    Command.set(
                        [
                            self.env.ref("autocrm_base.group_store_manager").id,
                            self.env.ref("base.group_multi_company").id,
                        ]
                    )
                ],
                "tz": STORE_TIMEZONE,
            }
        )
        self._set_staff_password(manager)
        return manager
