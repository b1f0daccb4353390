from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class StockMove(models.Model):
    _inherit = "stock.move"

    def _get_deal_vehicle_lot(self):
        """Return the VIN that this move must carry, when it ships a deal's vehicle."""
        self.ensure_one()
        # sudo: warehouse staff move the vehicle without access to the deal.
        order = self.sudo().sale_line_id.order_id
        lot = order.vehicle_lot_id
        if lot and self.product_id == lot.product_id:
            return lot.with_env(self.env)
        return self.env["stock.lot"]

    # Reserve the deal's own VIN, never another unit of the same model.
    def _update_reserved_quantity(
        self,
        need,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        deal_lot = self._get_deal_vehicle_lot()
        if deal_lot and not self.origin_returned_move_id:
            lot_id = deal_lot
        return super()._update_reserved_quantity(
            need,
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
        )

    def _get_available_quantity(
        self,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
        allow_negative=False,
    ):
        deal_lot = self._get_deal_vehicle_lot()
        if deal_lot and not self.origin_returned_move_id:
            lot_id = deal_lot
        return super()._get_available_quantity(
            location_id,
            lot_id=lot_id,
            package_id=package_id,
            owner_id=owner_id,
            strict=strict,
            allow_negative=allow_negative,
        )

    def _is_vehicle_delivery(self):
        self.ensure_one()
        return bool(
            self._get_deal_vehicle_lot()
            and self.location_dest_id.usage == "customer"
            and not self.origin_returned_move_id
        )

    def _is_vehicle_return(self):
        self.ensure_one()
        return bool(
            self._get_deal_vehicle_lot()
            and self.location_id.usage == "customer"
            and self.location_dest_id.usage == "internal"
        )

    def _check_vehicle_can_leave(self):
        """Reject a vehicle's exit without its VIN, gate pass and discount approval."""
        for move in self:
            # sudo: the warehouse staff who validate the delivery may not read
            # the deal and its gate passes, but these facts decide the exit.
            order = move.sudo().sale_line_id.order_id
            lot = order.vehicle_lot_id
            shipped_lots = move.move_line_ids.filtered("picked").lot_id or (
                move.move_line_ids.lot_id
            )
            if shipped_lots and shipped_lots != lot:
                raise UserError(
                    move.env._(
                        "Delivery %(picking)s ships VIN %(shipped)s but deal "
                        "%(deal)s sold VIN %(vin)s. Pick VIN %(vin)s.",
                        picking=move.picking_id.name,
                        shipped=", ".join(shipped_lots.mapped("name")),
                        deal=order.name,
                        vin=lot.name,
                    )
                )
            if not order.gate_pass_ids.filtered(lambda gp: gp.state == "approved"):
                raise UserError(
                    move.env._(
                        "VIN %(vin)s of deal %(deal)s may leave the store only "
                        "with a gate pass approved by the security desk. Request "
                        "one from the deal.",
                        vin=lot.name,
                        deal=order.name,
                    )
                )
            # A manager may still change prices after the security desk
            # approved the gate pass, so the discount is checked again here.
            if order.discount_approval_state == "to_approve":
                currency = order.currency_id
                raise UserError(
                    move.env._(
                        "VIN %(vin)s of deal %(deal)s may not leave the store: "
                        "the deal discount is now %(amount)s, above the "
                        "consultant's limit of %(limit)s and the approved "
                        "%(approved)s. Ask a sales manager to approve the new "
                        "discount, then validate the delivery again.",
                        vin=lot.name,
                        deal=order.name,
                        amount=currency.format(order.deal_discount_amount),
                        limit=currency.format(order.discount_limit),
                        approved=currency.format(order.discount_approved_amount),
                    )
                )

    def _action_done(self, cancel_backorder=False):
        vehicle_deliveries = self.filtered(lambda move: move._is_vehicle_delivery())
        vehicle_deliveries._check_vehicle_can_leave()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done = moves.filtered(lambda move: move.state == "done")
        done._record_vehicle_arrivals()
        delivered = done.filtered(lambda move: move._is_vehicle_delivery())
        # sudo: the deal's hand-over and return follow from the stock move,
        # also when warehouse staff without access to the deal validate it.
        delivered.sudo().sale_line_id.order_id._process_vehicle_delivery()
        returned = done.filtered(lambda move: move._is_vehicle_return())
        returned.sudo().sale_line_id.order_id._process_vehicle_return()
        return moves

    def _assign_vehicle_lots(self, lots):
        """Put each lot on a line of this receipt move, reusing empty lines."""
        self.ensure_one()
        free_lines = iter(self.move_line_ids.filtered(lambda line: not line.lot_id))
        commands = []
        for lot in lots:
            vals = {"lot_id": lot.id, "quantity": 1, "picked": True}
            line = next(free_lines, None)
            if line:
                commands.append(Command.update(line.id, vals))
            else:
                commands.append(
                    Command.create(
                        dict(self._prepare_move_line_vals(quantity=1), **vals)
                    )
                )
        self.move_line_ids = commands

    def _record_vehicle_arrivals(self):
        receipts = self.filtered(
            lambda move: (
                move.product_id.is_vehicle
                and move.location_id.usage in ("supplier", "transit", "inventory")
                and move.location_dest_id.usage == "internal"
            )
        )
        lots = receipts.move_line_ids.lot_id
        if lots:
            # Stock clerks may receive goods without write access to lots.
            lots.sudo()._mark_arrived(fields.Date.context_today(self))
