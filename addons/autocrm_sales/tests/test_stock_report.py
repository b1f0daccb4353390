from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestStockAgeing(VehicleSalesCase):
    """The ageing view counts days with PostgreSQL's CURRENT_DATE, so these
    tests move the arrival dates instead of the clock."""

    def _rows(self, lots):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["autocrm.vehicle.stock.report"].search(
            [("lot_id", "in", lots.ids)]
        )

    def _arrived_days_ago(self, lot, days):
        lot.arrival_date = fields.Date.context_today(lot) - timedelta(days=days)

    def test_ageing_buckets_and_capital(self):
        old, middle = self._receive_vins(
            self.vehicle, [(make_vin(401), 90000), (make_vin(402), 92000)]
        )
        recent = self._receive_vins(self.other_vehicle, [(make_vin(403), 180000)])
        self._arrived_days_ago(old, 94)
        self._arrived_days_ago(middle, 44)
        self._arrived_days_ago(recent, 11)
        by_lot = {row.lot_id: row for row in self._rows(old | middle | recent)}
        self.assertEqual(by_lot[old].age_days, 94)
        self.assertEqual(by_lot[old].age_bucket, "over_90")
        self.assertEqual(by_lot[middle].age_bucket, "31_60")
        self.assertEqual(by_lot[recent].age_bucket, "0_30")
        self.assertEqual(by_lot[old].capital, 90000)
        self.assertEqual(by_lot[recent].capital, 180000)
        self.assertEqual(by_lot[recent].vehicle_model_id, self.model_tiguan)
        groups = self.env["autocrm.vehicle.stock.report"]._read_group(
            [("lot_id", "in", (old | middle | recent).ids)],
            ["vehicle_model_id"],
            ["capital:sum", "vehicle_count:sum"],
        )
        totals = {model: (capital, count) for model, capital, count in groups}
        self.assertEqual(totals[self.model_lavida], (182000, 2))
        self.assertEqual(totals[self.model_tiguan], (180000, 1))

    def test_bucket_boundaries(self):
        lot = self._receive_vins(self.vehicle, [(make_vin(404), 90000)])
        for days, bucket in (
            (0, "0_30"),
            (30, "0_30"),
            (31, "31_60"),
            (60, "31_60"),
            (61, "61_90"),
            (90, "61_90"),
            (91, "over_90"),
        ):
            self._arrived_days_ago(lot, days)
            self.assertEqual(self._rows(lot).age_bucket, bucket, days)

    def test_delivered_vehicle_leaves_report(self):
        lot = self._receive_vins(self.vehicle, [(make_vin(405), 90000)])
        self.assertTrue(self._rows(lot))
        deal = self._create_deal(lot)
        deal.action_confirm()
        self._invoice_and_pay(deal)
        self._finish_delivery_jobs(deal)
        self._approve_gate_pass(deal)
        self._deliver(deal)
        self.assertFalse(self._rows(lot))
