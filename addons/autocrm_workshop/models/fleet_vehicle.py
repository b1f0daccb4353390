from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    repair_order_ids = fields.One2many(
        "repair.order", "vehicle_id", string="Repair Orders"
    )
    repair_order_count = fields.Integer(compute="_compute_repair_order_count")
    repair_labour_line_ids = fields.One2many(
        "autocrm.labour.line", "vehicle_id", string="Labour History"
    )
    repair_part_move_ids = fields.One2many(
        "stock.move",
        compute="_compute_service_history",
        string="Parts History",
    )
    odometer_reading_ids = fields.One2many(
        "fleet.vehicle.odometer",
        compute="_compute_service_history",
        string="Odometer History",
    )

    def _compute_repair_order_count(self):
        counts = dict(
            self.env["repair.order"]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.repair_order_count = counts.get(vehicle, 0)

    def _compute_service_history(self):
        # Plain searches, so that record rules limit the history to the stores
        # (companies) the user may see.
        moves = self.env["stock.move"].search(
            [
                ("repair_id.vehicle_id", "in", self.ids),
                ("repair_line_type", "!=", False),
            ],
            order="date desc, id desc",
        )
        readings = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "in", self.ids)], order="date desc, id desc"
        )
        for vehicle in self:
            vehicle.repair_part_move_ids = moves.filtered(
                lambda move, v=vehicle: move.repair_id.vehicle_id == v
            )
            vehicle.odometer_reading_ids = readings.filtered(
                lambda reading, v=vehicle: reading.vehicle_id == v
            )

    def action_view_repair_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_workshop.repair_order_action_workshop"
        )
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {
            "default_vehicle_id": self.id,
            "default_partner_id": self.owner_id.id,
        }
        return action
