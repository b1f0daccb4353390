from odoo import fields, models
from odoo.exceptions import UserError

from .workshop_selections import APPROVAL_STATES


class AutocrmCustomerDecisionMixin(models.AbstractModel):
    """Customer's approval of a repair order line proposed during the job.

    Models using it have a `repair_id`; the decision is recorded with who
    decided (the repair order's customer), who recorded it and when.
    """

    _name = "autocrm.customer.decision.mixin"
    _description = "Customer Decision on Proposed Work"

    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Customer Decision",
        copy=False,
        help="Work found after reception is proposed; it is done and charged only"
        " once the customer approves it.",
    )
    decision_partner_id = fields.Many2one(
        "res.partner",
        string="Decided By",
        copy=False,
        help="Person who approved or declined the proposed work.",
    )
    decision_user_id = fields.Many2one("res.users", string="Recorded By", copy=False)
    decision_date = fields.Datetime(copy=False)

    def _get_decision_label(self):
        """Return the words that name this line in messages."""
        self.ensure_one()
        return self.display_name

    def action_approve(self):
        self._record_decision("approved")

    def action_decline(self):
        self._record_decision("declined")

    def _record_decision(self, decision):
        not_proposed = self.filtered(lambda line: line.approval_state != "proposed")
        if not_proposed:
            raise UserError(
                self.env._(
                    "%(line)s of %(repair)s is not waiting for the customer's"
                    " decision.",
                    line=not_proposed[0]._get_decision_label(),
                    repair=not_proposed[0].repair_id.name,
                )
            )
        for line in self:
            line.write(
                {
                    "approval_state": decision,
                    "decision_partner_id": line.repair_id.partner_id.id,
                    "decision_user_id": self.env.uid,
                    "decision_date": fields.Datetime.now(),
                }
            )
