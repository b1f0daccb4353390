from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    autocrm_membership_points = fields.Float(
        string="Membership Points",
        readonly=True,
        copy=False,
        help="Points this invoice added to (or a credit note removed from) the "
        "customer's membership card.",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # sudo: the accountant posting the invoice may not manage loyalty cards,
        # but earning membership points is part of posting it.
        posted.sudo()._add_membership_points()
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
                # sudo: as above, the reward goes to another partner's card.
                customer.sudo()._reward_referrers(source=invoice)
        return posted

    def _add_membership_points(self):
        """Credit the customer's membership card for each posted invoice.

        Points follow the program's money rule: points per currency unit of
        the untaxed amount in company currency. Credit notes take them back.
        A move earns points once, even when it is reset to draft and posted
        again.
        """
        History = self.env["loyalty.history"]
        for move in self.filtered(
            lambda rec: (
                rec.move_type in ("out_invoice", "out_refund")
                and not rec.autocrm_membership_points
            )
        ):
            program = move.company_id._get_autocrm_membership_program()
            rule = program.rule_ids.filtered(
                lambda rule: rule.reward_point_mode == "money"
            )[:1]
            if not rule:
                continue
            points = round(abs(move.amount_untaxed_signed) * rule.reward_point_amount)
            if move.move_type == "out_refund":
                points = -points
            if not points:
                continue
            card = move.commercial_partner_id._get_membership_card(program)
            card.points = max(card.points + points, 0.0)
            History.create(
                {
                    "card_id": card.id,
                    "description": move.name,
                    "issued": max(points, 0),
                    "used": max(-points, 0),
                    "order_model": move._name,
                    "order_id": move.id,
                }
            )
            move.autocrm_membership_points = points
