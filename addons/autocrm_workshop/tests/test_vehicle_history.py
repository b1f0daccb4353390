from odoo.tests import tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestVehicleHistory(WorkshopCommon):
    def test_history_lists_jobs_parts_labour_readings(self):
        repair = self._create_repair(odometer_in=5000)
        labour = self._add_labour(repair, self.op_oil)
        move = self._add_part(repair, self.oil_filter)
        vehicle = self.vehicle.with_user(self.advisor)
        self.assertEqual(vehicle.repair_order_ids, repair)
        self.assertEqual(vehicle.repair_order_count, 1)
        self.assertEqual(vehicle.repair_labour_line_ids, labour)
        self.assertEqual(vehicle.repair_part_move_ids, move)
        self.assertEqual(vehicle.odometer_reading_ids.mapped("value"), [5000])

    def test_history_hides_other_stores(self):
        other_company = self.env["res.company"].create({"name": "Other Store"})
        other_job = (
            self.env["repair.order"]
            .with_company(other_company)
            .create({"vehicle_id": self.vehicle.id, "partner_id": self.customer.id})
        )
        vehicle = self.vehicle.with_user(self.advisor)
        self.assertNotIn(other_job, vehicle.repair_order_ids)
