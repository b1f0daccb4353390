from odoo import api, fields, models

from .sale_order_line import DEAL_PRICED_LINE


class AutocrmDealChargeMixin(models.AbstractModel):
    """Part of a vehicle deal that is charged on a line of the deal.

    Insurance, finance and agency records live beside the sales order. The
    amount the customer pays for one of them is kept on its own order line, so
    it is invoiced with the rest of the deal.
    """

    _name = "autocrm.deal.charge.mixin"
    _description = "Vehicle Deal Charge"

    order_id = fields.Many2one(
        "sale.order",
        string="Deal",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_vehicle_deal', '=', True)]",
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="order_id.currency_id")
    partner_id = fields.Many2one(
        related="order_id.partner_id", string="Customer", store=True
    )
    user_id = fields.Many2one(
        related="order_id.user_id", string="Consultant", store=True, index=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Deal Line",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    # Fields whose change updates the deal line, set by each model.
    _sale_line_trigger_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sync_sale_line()
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._sale_line_trigger_fields & set(vals):
            self._sync_sale_line()
        return result

    def unlink(self):
        self.sale_line_id.filtered(lambda line: not line.qty_invoiced).unlink()
        return super().unlink()

    def _prepare_sale_line_vals(self):
        """Return the values of the deal line, or None when nothing is charged."""
        return None

    def _sync_sale_line(self):
        """Create, update or remove the deal line that charges the customer."""
        for record in self:
            order = record.order_id
            line = record.sale_line_id
            if order.state == "cancel" or order.locked or line.qty_invoiced:
                continue
            vals = record._prepare_sale_line_vals()
            if not vals:
                if line:
                    record.sale_line_id = False
                    line.unlink()
                continue
            # The record sets the price of its line, not the pricelist, also
            # on a confirmed deal.
            lines = self.env["sale.order.line"].with_context(
                autocrm_deal_priced_line=DEAL_PRICED_LINE
            )
            if line:
                line.with_env(lines.env).write(vals)
            else:
                record.sale_line_id = lines.create(dict(vals, order_id=order.id))

    def _create_deal_move(self, move_type, partner, product, amount, label):
        """Create a draft invoice or bill of one line for this deal.

        Deal staff have no accounting rights, so the draft is created as
        superuser, as sales orders do for their invoices. Posting it stays
        with the accountants.
        """
        self.ensure_one()
        return (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "currency_id": self.currency_id.id,
                    "invoice_origin": self.order_id.name,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                            }
                        )
                    ],
                }
            )
            .sudo(False)
        )
