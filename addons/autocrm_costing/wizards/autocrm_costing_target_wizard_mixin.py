from odoo import fields, models
from odoo.fields import Domain

from ..models.autocrm_costing_target import PERIOD_TYPES


class AutocrmCostingTargetWizardMixin(models.AbstractModel):
    """Store and period that a target wizard writes targets for."""

    _name = "autocrm.costing.target.wizard.mixin"
    _description = "Target Wizard Store and Period"

    company_id = fields.Many2one(
        "res.company",
        string="Store",
        required=True,
        default=lambda self: self.env.company,
    )
    period_type = fields.Selection(PERIOD_TYPES, required=True, default="month")
    date_from = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: fields.Date.start_of(
            fields.Date.context_today(self), "month"
        ),
    )

    def _get_period_domain(self, date_from):
        """Return the domain of the store's targets of the period at ``date_from``."""
        self.ensure_one()
        return Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", self.period_type),
                ("date_from", "=", date_from),
            ]
        )

    def _action_open_targets(self, targets):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_costing.autocrm_costing_target_action"
        )
        action["domain"] = [("id", "in", targets.ids)]
        action["context"] = {}
        return action
