from odoo import fields, models

DEAL_JOB_TYPES = [
    ("pdi", "Pre-delivery Inspection"),
    ("installation", "Accessory Installation"),
]


class RepairOrder(models.Model):
    _inherit = "repair.order"

    deal_id = fields.Many2one(
        comodel_name="sale.order",
        string="Vehicle Deal",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Vehicle deal whose delivery needs this internal job.",
    )
    deal_job_type = fields.Selection(
        DEAL_JOB_TYPES, readonly=True, copy=False, string="Deal Job"
    )

    def _is_deal_job_finished(self):
        """Tell whether the job no longer holds up the vehicle's delivery."""
        self.ensure_one()
        return self.workshop_state in ("ready", "delivered", "cancelled")
