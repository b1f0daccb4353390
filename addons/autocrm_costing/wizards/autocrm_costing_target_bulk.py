from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..models.autocrm_costing_target import KPIS


class AutocrmCostingTargetBulk(models.TransientModel):
    """Set one KPI target for every sales consultant of a store at once."""

    _name = "autocrm.costing.target.bulk"
    _inherit = ["autocrm.costing.target.wizard.mixin"]
    _description = "Set Targets for All Consultants"

    kpi = fields.Selection(KPIS, string="KPI", required=True)
    target_value = fields.Float(string="Target", required=True, digits=(16, 2))
    user_ids = fields.Many2many(
        "res.users",
        string="Consultants",
        compute="_compute_user_ids",
        store=True,
        readonly=False,
        help="Sales consultants of the store; remove anyone who should keep no target.",
    )

    @api.depends("company_id")
    def _compute_user_ids(self):
        group = self.env.ref("autocrm_crm.group_sales_consultant")
        for wizard in self:
            wizard.user_ids = self.env["res.users"].search(
                [
                    ("all_group_ids", "in", group.ids),
                    ("company_ids", "in", wizard.company_id.ids),
                    ("share", "=", False),
                ]
            )

    def action_apply(self):
        """Create the missing targets and update the existing ones' value."""
        self.ensure_one()
        if not self.user_ids:
            raise UserError(
                self.env._(
                    "Store %(store)s has no sales consultant to give a target"
                    " to. Add consultants to the list or give users the Sales"
                    " Consultant role first.",
                    store=self.company_id.name,
                )
            )
        targets = self.env["autocrm.costing.target"]
        existing = targets.search(
            self._get_period_domain(self.date_from)
            & Domain([("kpi", "=", self.kpi), ("user_id", "in", self.user_ids.ids)])
        )
        existing.target_value = self.target_value
        missing = self.user_ids - existing.user_id
        created = targets.create(
            [
                {
                    "company_id": self.company_id.id,
                    "period_type": self.period_type,
                    "date_from": self.date_from,
                    "scope": "employee",
                    "user_id": user.id,
                    "kpi": self.kpi,
                    "target_value": self.target_value,
                }
                for user in missing
            ]
        )
        return self._action_open_targets(existing | created)
