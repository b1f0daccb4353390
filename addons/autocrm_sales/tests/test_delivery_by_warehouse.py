from odoo.tests import new_test_user, tagged

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestDeliveryByWarehouse(VehicleSalesCase):
    """Warehouse staff validate a deal's delivery without access to the deal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot, cls.other_lot = cls._receive_vins(
            cls.vehicle, [(make_vin(801), 96000), (make_vin(802), 97000)]
        )
        # Like the parts clerk: stock rights, and sales rights on own orders.
        cls.counter_clerk = new_test_user(
            cls.env,
            login="deal_counter_clerk",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )

    def _deliver_as(self, user, lot):
        deal = self._create_deal(lot)
        deal.action_confirm()
        self._invoice_and_pay(deal)
        self._finish_delivery_jobs(deal)
        self._approve_gate_pass(deal, odometer=15)
        picking = deal.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.move_ids.picked = True
        picking.with_user(user).with_context(skip_sms=True).button_validate()
        return deal, picking

    def test_stock_clerk_delivers_vehicle(self):
        deal, picking = self._deliver_as(self.stock_clerk, self.lot)
        self.assertEqual(picking.state, "done")
        self.assertTrue(deal.vehicle_delivered)
        self.assertEqual(self.lot.vin_state, "delivered")
        vehicle = self.lot.fleet_vehicle_id
        self.assertEqual(vehicle.owner_id, self.customer)
        self.assertEqual(vehicle.odometer, 15)
        self.assertEqual(deal.gate_pass_ids.state, "used")

    def test_clerk_with_own_orders_only_delivers_vehicle(self):
        deal, picking = self._deliver_as(self.counter_clerk, self.other_lot)
        self.assertEqual(picking.state, "done")
        self.assertTrue(deal.vehicle_delivered)
        self.assertEqual(self.other_lot.fleet_vehicle_id.owner_id, self.customer)
