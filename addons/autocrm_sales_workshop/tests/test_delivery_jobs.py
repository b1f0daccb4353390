from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.autocrm_sales.tests.common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestDeliveryJobs(VehicleSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot, cls.other_lot = cls._receive_vins(
            cls.vehicle, [(make_vin(601), 97000), (make_vin(602), 98000)]
        )

    def _confirmed_deal(self, lot=None, accessories=True):
        deal = self._create_deal(lot or self.lot)
        if accessories:
            deal.order_line = [Command.create({"product_id": self.accessory.id})]
        deal.action_confirm()
        return deal

    def _finish_job(self, job):
        job.action_workshop_start()
        job.action_request_quality_check()
        job.quality_check_line_ids.result = "pass"
        job.action_sign_quality_check()
        job.action_workshop_ready()

    def test_confirm_creates_internal_repair_orders(self):
        deal = self._confirmed_deal()
        jobs = deal.sudo().delivery_job_ids
        self.assertEqual(sorted(jobs.mapped("deal_job_type")), ["installation", "pdi"])
        self.assertEqual(set(jobs.mapped("service_type")), {"internal"})
        self.assertEqual(jobs.vehicle_id.vin_sn, self.lot.name)
        self.assertEqual(jobs.company_id, deal.company_id)
        self.assertEqual(deal.sudo().delivery_job_count, 2)

    def test_no_activities_when_workshop_installed(self):
        deal = self._confirmed_deal()
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "=", deal.id),
                ("activity_type_id", "in", deal._get_delivery_job_activity_types().ids),
            ]
        )
        self.assertFalse(activities)

    def test_deal_without_accessories_gets_only_inspection(self):
        deal = self._confirmed_deal(accessories=False)
        self.assertEqual(deal.sudo().delivery_job_ids.mapped("deal_job_type"), ["pdi"])

    def test_open_job_blocks_gate_pass(self):
        deal = self._confirmed_deal()
        self._invoice_and_pay(deal)
        deal.action_request_gate_pass()
        gate_pass = deal.gate_pass_ids
        with self.assertRaisesRegex(UserError, "delivery jobs are still open"):
            gate_pass.with_user(self.security_guard).action_approve()
        self.assertEqual(gate_pass.state, "requested")

    def test_ready_jobs_allow_gate_pass(self):
        deal = self._confirmed_deal()
        self._invoice_and_pay(deal)
        for job in deal.sudo().delivery_job_ids:
            self._finish_job(job)
        self.assertEqual(
            set(deal.sudo().delivery_job_ids.mapped("workshop_state")), {"ready"}
        )
        self.assertEqual(deal._get_open_delivery_jobs(), [])
        gate_pass = self._approve_gate_pass(deal)
        self.assertEqual(gate_pass.state, "approved")

    def test_open_job_named_in_open_jobs(self):
        deal = self._confirmed_deal(accessories=False)
        job = deal.sudo().delivery_job_ids
        self.assertEqual(
            deal._get_open_delivery_jobs(), [f"{job.name} (Pre-delivery Inspection)"]
        )

    def test_cancel_deal_cancels_jobs_not_started(self):
        deal = self._confirmed_deal()
        started, waiting = deal.sudo().delivery_job_ids.sorted("deal_job_type")
        started.action_workshop_start()
        deal.with_context(disable_cancel_warning=True).sudo().action_cancel()
        self.assertEqual(waiting.workshop_state, "cancelled")
        self.assertEqual(started.workshop_state, "in_progress")

    def test_consultant_confirms_without_workshop_rights(self):
        self.assertFalse(self.consultant.has_group("stock.group_stock_user"))
        deal = self._create_deal(self.other_lot)
        deal.with_user(self.consultant).action_confirm()
        self.assertEqual(len(deal.sudo().delivery_job_ids), 1)

    def test_consultant_reads_every_field_of_deal(self):
        deal = self._confirmed_deal()
        # An API request starts with an empty cache, and clients such as
        # odoorpc read all fields of a record.
        self.env.invalidate_all()
        values = deal.with_user(self.consultant).read()[0]
        self.assertEqual(values["vehicle_lot_id"][0], self.lot.id)
        self.assertNotIn("delivery_job_ids", values)
        self.assertNotIn("delivery_job_count", values)
