from markupsafe import Markup

from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    def _take_back_from_customer(self, order, delivery_date):
        """Undo the hand-over of deal ``order`` after its vehicle was returned.

        The store owns the vehicle again, so owner and driver are cleared and
        the customer's driver assignment ends today. The warranty start is
        undone when this delivery set it (same date as ``delivery_date``).
        The deal's insurance policies no longer cover this vehicle, and the
        vehicle's insurance expiry is taken from its other active policies.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        vals = {"owner_id": False, "driver_id": False}
        undo_warranty = bool(
            delivery_date and self.warranty_start_date == delivery_date
        )
        if undo_warranty:
            vals.update({"warranty_start_date": False, "warranty_end_date": False})
        if self.driver_id:
            self.env["fleet.vehicle.assignation.log"].search(
                [
                    ("vehicle_id", "=", self.id),
                    ("driver_id", "=", self.driver_id.id),
                    ("date_end", "=", False),
                ]
            ).write({"date_end": today})
        policies = order.insurance_policy_ids.filtered(
            lambda policy: policy.vehicle_id == self
        )
        policies.write({"vehicle_id": False})
        other_policies = self.env["autocrm.insurance.policy"].search(
            [("vehicle_id", "=", self.id), ("state", "=", "active")]
        )
        vals["insurance_expiry_date"] = (
            max(other_policies.mapped("end_date")) if other_policies else False
        )
        self.write(vals)
        lines = [
            self.env._(
                "Returned by %(customer)s from deal %(deal)s. The vehicle is "
                "back in the store's stock, without owner or driver.",
                customer=order.partner_id.display_name,
                deal=order.name,
            )
        ]
        if undo_warranty:
            lines.append(
                self.env._(
                    "The warranty that started at delivery on %(date)s is undone. "
                    "It starts again at the next delivery.",
                    date=delivery_date,
                )
            )
        if policies:
            lines.append(
                self.env._(
                    "Insurance policies no longer linked: %(policies)s.",
                    policies=", ".join(policies.mapped("display_name")),
                )
            )
        self.message_post(body=Markup("<br/>").join(lines))
