from odoo import fields, models
from odoo.exceptions import UserError


class AutocrmCostingTargetCopy(models.TransientModel):
    """Copy a store's targets of the previous period into a new period."""

    _name = "autocrm.costing.target.copy"
    _inherit = ["autocrm.costing.target.wizard.mixin"]
    _description = "Copy Targets from Previous Period"

    date_from = fields.Date(string="New Period Start")

    def action_copy(self):
        """Copy every target of the previous period that the new one lacks."""
        self.ensure_one()
        targets = self.env["autocrm.costing.target"]
        previous_start = targets._get_previous_period_start(
            self.period_type, self.date_from
        )
        previous = targets.search(self._get_period_domain(previous_start))
        if not previous:
            raise UserError(
                self.env._(
                    "Store %(store)s has no targets for the period starting"
                    " %(date)s to copy. Create them there first, or set"
                    " this period's targets directly.",
                    store=self.company_id.name,
                    date=previous_start,
                )
            )

        current = targets.search(self._get_period_domain(self.date_from))
        taken = {
            (target.kpi, target.department_id.id, target.user_id.id)
            for target in current
        }
        to_copy = previous.filtered(
            lambda target: (
                (target.kpi, target.department_id.id, target.user_id.id) not in taken
            )
        )

        copies = targets.create(
            [
                {
                    "company_id": target.company_id.id,
                    "period_type": target.period_type,
                    "date_from": self.date_from,
                    "scope": target.scope,
                    "department_id": target.department_id.id,
                    "user_id": target.user_id.id,
                    "kpi": target.kpi,
                    "target_value": target.target_value,
                }
                for target in to_copy
            ]
        )

        return self._action_open_targets(current | copies)
