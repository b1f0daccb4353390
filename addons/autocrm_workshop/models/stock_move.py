from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .workshop_selections import DEFAULT_PAYER, PAYERS


class StockMove(models.Model):
    _name = "stock.move"
    _inherit = ["stock.move", "autocrm.customer.decision.mixin"]

    payer = fields.Selection(
        PAYERS,
        compute="_compute_payer",
        store=True,
        readonly=False,
        precompute=True,
        help="Who pays this part of the repair order.",
    )

    @api.depends("repair_id.service_type")
    def _compute_payer(self):
        for move in self:
            if move.repair_id:
                move.payer = move.payer or DEFAULT_PAYER.get(
                    move.repair_id.service_type, "customer"
                )
            else:
                move.payer = False

    @api.constrains("product_id", "repair_id", "repair_line_type")
    def _check_not_vehicle_under_repair(self):
        for move in self.filtered(
            lambda m: m.repair_id and m.repair_line_type == "add"
        ):
            repair = move.repair_id
            if (
                repair.product_id
                and move.product_id == repair.product_id
                and move.product_id.tracking == "serial"
            ):
                raise ValidationError(
                    self.env._(
                        "%(product)s is the vehicle under repair on %(repair)s and"
                        " cannot be one of its parts. Remove the line.",
                        product=move.product_id.display_name,
                        repair=repair.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        substitutions = []
        for vals in vals_list:
            # One browse per line: several lines of one batch may share a repair.
            repair = self.env["repair.order"].browse(vals.get("repair_id") or [])
            if not repair:
                continue
            if vals.get("repair_line_type") == "add":
                requested = self.env["product.product"].browse(vals.get("product_id"))
                current = requested._get_current_part_variant()
                if current and current != requested:
                    vals["product_id"] = current.id
                    substitutions.append((repair, requested, current))
            if "approval_state" not in vals:
                payer = vals.get("payer") or repair._get_default_payer()
                proposed = repair._is_extra_work_proposed(payer)
                vals["approval_state"] = "proposed" if proposed else "approved"
        moves = super().create(vals_list)
        for repair, requested, current in substitutions:
            repair.message_post(body=self._get_substitution_text(requested, current))
        return moves

    def _get_substitution_text(self, requested, current):
        return self.env._(
            "Part %(requested)s is superseded by %(current)s, so the repair order"
            " uses %(current)s.",
            requested=requested.display_name,
            current=current.display_name,
        )

    @api.onchange("product_id")
    def _onchange_product_id_supersession(self):
        if not self.repair_id or self.repair_line_type != "add":
            return None
        requested = self.product_id
        current = requested._get_current_part_variant()
        if not current or current == requested:
            return None
        self.product_id = current
        return {
            "warning": {
                "title": self.env._("Superseded part"),
                "message": self._get_substitution_text(requested, current),
            }
        }

    def write(self, vals):
        res = super().write(vals)
        if {"payer", "approval_state"} & set(vals):
            repair_moves = self.filtered(
                lambda m: m.repair_id and m.repair_line_type == "add"
            )
            not_charged = repair_moves.filtered(
                lambda m: not m._is_charged_to_customer()
            )
            not_charged._clean_repair_sale_order_line()
            charged = repair_moves - not_charged
            charged.filtered("sale_line_id")._update_repair_sale_order_line()
            charged.filtered(
                lambda m: not m.sale_line_id
            )._create_repair_sale_order_line()
        return res

    def _is_charged_to_customer(self):
        self.ensure_one()
        return (
            self.payer in (False, "customer")
            and self.approval_state in (False, "approved")
            and self.state != "cancel"
        )

    def _create_repair_sale_order_line(self):
        # Only the customer's approved parts go on the customer's sale order;
        # warranty, insurer and internal parts are invoiced elsewhere or not at all.
        charged = self.filtered(lambda m: m._is_charged_to_customer())
        return super(StockMove, charged)._create_repair_sale_order_line()

    def _update_repair_sale_order_line(self):
        charged = self.filtered(lambda m: m._is_charged_to_customer())
        (self - charged)._clean_repair_sale_order_line()
        return super(StockMove, charged)._update_repair_sale_order_line()

    def _get_decision_label(self):
        return self.env._("Part %(part)s", part=self.product_id.display_name)

    def action_decline(self):
        res = super().action_decline()
        self._action_cancel()
        return res
