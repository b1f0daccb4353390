import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..generator import DemoStoreBuilder
from ..generator.catalogue import GROUP_MANAGER_LOGIN, GROUP_NAME, ROLES, STORES
from ..generator.stores import user_xmlid

DEFAULT_SIZE = 3
DEFAULT_SEED = 2026
# Largest size accepted: size 40 makes about 280 deals per store.
MAX_SIZE = 40
# System parameter with the size, seed and date of the generated group.
GENERATED_PARAMETER = "autocrm_demo_store.generated"


class AutocrmDemoStore(models.AbstractModel):
    """Entry point of the demo dealer group generator."""

    _name = "autocrm.demo.store"
    _description = "Demo Dealer Group Generator"

    @api.model
    def generate(self, size=DEFAULT_SIZE, seed=DEFAULT_SEED):
        """Generate the two demo stores once per database and return a summary.

        ``size`` scales the number of deals, customers, jobs and staff. Size 1
        is the smallest store that still has every status and stage. ``seed``
        fixes every random choice. Calling it again with the same arguments
        generates nothing and returns the logins of the existing stores.
        """
        if not self.env.is_superuser() and not self.env.user._is_admin():
            raise AccessError(
                self.env._("Only an administrator can generate the demo stores.")
            )
        if not isinstance(size, int) or not 1 <= size <= MAX_SIZE:
            raise UserError(
                self.env._(
                    "Invalid demo store size %(size)s: enter a whole number from "
                    "1 to %(max)s.",
                    size=size,
                    max=MAX_SIZE,
                )
            )
        if not isinstance(seed, int):
            raise UserError(
                self.env._(
                    "Invalid demo store seed %(seed)s: enter a whole number.",
                    seed=seed,
                )
            )
        parameters = self.env["ir.config_parameter"].sudo()
        done = parameters.get_param(GENERATED_PARAMETER)
        if done:
            previous = json.loads(done)
            if (previous["size"], previous["seed"]) != (size, seed):
                raise UserError(
                    self.env._(
                        "This database already has demo stores generated with "
                        "size %(old_size)s and seed %(old_seed)s. Drop the "
                        "database to generate them with size %(size)s and seed "
                        "%(seed)s.",
                        old_size=previous["size"],
                        old_seed=previous["seed"],
                        size=size,
                        seed=seed,
                    )
                )
            return {"generated": False, **previous, "logins": self._get_logins()}
        summary = DemoStoreBuilder(self.env, size, seed).run()
        record = {
            "size": size,
            "seed": seed,
            "date": fields.Date.to_string(fields.Date.context_today(self)),
        }
        parameters.set_param(GENERATED_PARAMETER, json.dumps(record))
        return {"generated": True, **record, **summary, "logins": self._get_logins()}

    @api.model
    def _get_logins(self):
        """Return [store, role, login] of the first user of each role per store.

        The last row is the dealer principal. Every generated user has the
        password ``demo``.
        """
        rows = []
        for store in STORES:
            for suffix, label, _groups in ROLES:
                user = self.env.ref(
                    user_xmlid(store["code"], suffix), raise_if_not_found=False
                )
                if user:
                    rows.append([user.company_id.name, label, user.login])
        manager = self.env["res.users"].search(
            [("login", "=", GROUP_MANAGER_LOGIN)], limit=1
        )
        if manager:
            rows.append([GROUP_NAME, "Dealer Principal", manager.login])
        return rows
