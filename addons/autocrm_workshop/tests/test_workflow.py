from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestWorkshopStates(WorkshopCommon):
    def test_start_with_parts_in_stock(self):
        repair = self._create_repair()
        self._add_part(repair, self.oil_filter)
        repair.action_workshop_start()
        self.assertEqual(repair.workshop_state, "in_progress")
        self.assertEqual(repair.state, "under_repair")

    def test_start_waits_for_missing_parts(self):
        repair = self._create_repair()
        self._add_part(repair, self.rare_part)
        repair.action_workshop_start()
        self.assertEqual(repair.workshop_state, "waiting_parts")
        self.assertEqual(repair.state, "confirmed")

    def test_start_after_parts_arrive(self):
        repair = self._create_repair()
        self._add_part(repair, self.rare_part)
        repair.action_workshop_start()
        warehouse = repair.picking_type_id.warehouse_id
        self.env["stock.quant"]._update_available_quantity(
            self.rare_part, warehouse.lot_stock_id, 1.0
        )
        # The receipt happens in another transaction in real life.
        self.env.invalidate_all()
        repair.action_workshop_start()
        self.assertEqual(repair.workshop_state, "in_progress")

    def test_cron_starts_job_when_parts_arrive(self):
        waiting, still_waiting = self._create_repair(), self._create_repair()
        self._add_part(waiting, self.rare_part)
        self._add_part(still_waiting, self.rare_part, 5)
        (waiting | still_waiting).action_workshop_start()
        warehouse = waiting.picking_type_id.warehouse_id
        self.env["stock.quant"]._update_available_quantity(
            self.rare_part, warehouse.lot_stock_id, 1.0
        )
        self.env.invalidate_all()
        self.env["repair.order"]._cron_resume_waiting_jobs()
        self.assertEqual(waiting.workshop_state, "in_progress")
        self.assertEqual(still_waiting.workshop_state, "waiting_parts")

    def test_quality_check_creates_checklist(self):
        repair = self._create_repair()
        repair.action_workshop_start()
        repair.action_request_quality_check()
        self.assertEqual(repair.workshop_state, "quality_check")
        self.assertEqual(
            repair.quality_check_line_ids.mapped("name"), ["Oil level", "Road test"]
        )

    def test_quality_check_stops_running_clocks(self):
        repair = self._create_repair()
        line = self._add_labour(repair, self.op_oil)
        repair.action_workshop_start()
        line.with_user(self.tech_user_1).action_clock_on()
        repair.with_user(self.advisor).action_request_quality_check()
        self.assertTrue(line.time_log_ids.date_stop)

    def test_technician_cannot_sign_own_job(self):
        repair = self._create_repair()
        self._add_labour(repair, self.op_oil, self.tech_1)
        repair.action_workshop_start()
        repair.action_request_quality_check()
        repair.quality_check_line_ids.result = "pass"
        with self.assertRaisesRegex(UserError, "worked on .* and cannot inspect"):
            repair.with_user(self.tech_user_1).action_sign_quality_check()

    def test_clocked_technician_cannot_sign(self):
        foreman_employee = self.env["hr.employee"].create(
            {
                "name": "Working Foreman",
                "user_id": self.foreman.id,
                "is_workshop_technician": True,
            }
        )
        repair = self._create_repair()
        line = self._add_labour(repair, self.op_oil, self.tech_1 | foreman_employee)
        repair.action_workshop_start()
        line.with_user(self.foreman).action_clock_on()
        line.technician_ids = self.tech_1
        repair.action_request_quality_check()
        repair.quality_check_line_ids.result = "pass"
        with self.assertRaisesRegex(UserError, "cannot inspect"):
            repair.with_user(self.foreman).action_sign_quality_check()

    def test_other_person_signs(self):
        repair = self._create_repair()
        self._add_labour(repair, self.op_oil, self.tech_1)
        repair.action_workshop_start()
        self._pass_quality_check(repair, inspector=self.foreman)
        self.assertEqual(repair.quality_inspector_id, self.foreman)
        self.assertTrue(repair.quality_signed_date)

    def test_failed_item_blocks_signature(self):
        repair = self._create_repair()
        repair.action_workshop_start()
        repair.action_request_quality_check()
        repair.quality_check_line_ids[0].result = "fail"
        repair.quality_check_line_ids[1].result = "pass"
        with self.assertRaisesRegex(UserError, "not passed: Oil level"):
            repair.with_user(self.foreman).action_sign_quality_check()

    def test_rework_after_failed_check(self):
        repair = self._create_repair()
        repair.action_workshop_start()
        repair.action_request_quality_check()
        repair.action_quality_rework()
        self.assertEqual(repair.workshop_state, "in_progress")

    def test_ready_needs_signed_quality_check(self):
        repair = self._create_repair()
        repair.action_workshop_start()
        repair.action_request_quality_check()
        with self.assertRaisesRegex(UserError, "quality check of .* is not signed"):
            repair.action_workshop_ready()
        self.assertEqual(repair.workshop_state, "quality_check")

    def test_odoo_end_repair_needs_signed_quality_check(self):
        repair = self._create_repair()
        repair.action_workshop_start()
        with self.assertRaisesRegex(UserError, "is not signed"):
            repair.action_repair_end()

    def test_repair_without_vehicle_keeps_odoo_flow(self):
        repair = self._create_repair(vehicle_id=False)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertFalse(repair.quality_inspector_id)

    def test_ready_consumes_parts(self):
        repair = self._create_repair()
        move = self._add_part(repair, self.oil_filter)
        self._finish(repair)
        self.assertEqual(repair.workshop_state, "ready")
        self.assertEqual(repair.state, "done")
        self.assertEqual(move.state, "done")

    def test_deliver_sets_next_service(self):
        repair = self._create_repair(odometer_in=20000)
        self._finish(repair)
        repair.with_user(self.advisor).action_workshop_deliver()
        self.assertEqual(repair.workshop_state, "delivered")
        self.assertTrue(repair.delivered_date)
        self.assertEqual(
            self.vehicle.next_service_date, date.today() + relativedelta(months=12)
        )
        self.assertEqual(self.vehicle.next_service_odometer, 30000)

    def test_deliver_fires_repair_done(self):
        repair = self._create_repair()
        self._finish(repair)
        fired = []
        rule_model = self.env.registry["autocrm.followup.rule"]
        original = rule_model._trigger_event

        def spy(model, event_code, records):
            fired.append((event_code, records))
            return original(model, event_code, records)

        self.patch(rule_model, "_trigger_event", spy)
        repair.action_workshop_deliver()
        self.assertEqual(fired, [("repair_done", repair)])

    def test_deliver_before_ready_rejected(self):
        repair = self._create_repair()
        with self.assertRaisesRegex(UserError, "Cannot deliver"):
            repair.action_workshop_deliver()

    def test_cancel_sets_workshop_state(self):
        repair = self._create_repair()
        repair.action_repair_cancel()
        self.assertEqual(repair.workshop_state, "cancelled")
        repair.action_repair_cancel_draft()
        self.assertEqual(repair.workshop_state, "reception")

    def test_cancel_stops_running_clocks(self):
        repair = self._create_repair()
        line = self._add_labour(repair, self.op_oil)
        repair.action_workshop_start()
        line.with_user(self.tech_user_1).action_clock_on()
        repair.with_user(self.advisor).action_repair_cancel()
        self.assertTrue(line.time_log_ids.date_stop)

    def test_internal_job_helper(self):
        job = self.env["repair.order"]._create_internal_job(
            {"vehicle_id": self.vehicle.id}
        )
        self.assertEqual(job.service_type, "internal")
        self.assertEqual(job.partner_id, self.company.partner_id)
        self.assertEqual(self._add_labour(job, self.op_oil).payer, "internal")

    def test_complaint_can_point_to_repair_order(self):
        selection = self.env["autocrm.complaint"]._selection_document_ref()
        self.assertIn(("repair.order", "Repair Order"), selection)
