from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # The first customer invoice of a referred customer rewards the referrer.
        for invoice in posted.filtered(lambda move: move.move_type == "out_invoice"):
            customer = invoice.commercial_partner_id
            if not customer.referred_by_id or customer.referral_rewarded:
                continue
            earlier = self.search_count(
                [
                    ("commercial_partner_id", "=", customer.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("id", "not in", posted.ids),
                ],
                limit=1,
            )
            if not earlier:
                # sudo: the accountant posting the invoice may not manage loyalty
                # cards, but the reward is part of posting it.
                customer.sudo()._reward_referrers(source=invoice)
        return posted
