from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestLabour(WorkshopCommon):
    def test_flat_rate_hours_of_vehicle_model(self):
        line = self._add_labour(self._create_repair(), self.op_oil)
        self.assertEqual(line.hours, 1.5)
        self.assertEqual(line.labour_rate, 100.0)
        self.assertEqual(line.price_subtotal, 150.0)
        self.assertEqual(line.name, "Oil and filter change")

    def test_flat_rate_hours_default(self):
        van = self.env["fleet.vehicle"].create({"model_id": self.other_model.id})
        line = self._add_labour(self._create_repair(vehicle_id=van.id), self.op_oil)
        self.assertEqual(line.hours, 1.0)

    def test_payer_from_service_type(self):
        cases = {
            "maintenance": "customer",
            "warranty": "warranty",
            "recall": "warranty",
            "insurance": "insurer",
            "internal": "internal",
        }
        for service_type, payer in cases.items():
            with self.subTest(service_type=service_type):
                repair = self._create_repair(service_type=service_type)
                self.assertEqual(self._add_labour(repair, self.op_oil).payer, payer)
                self.assertEqual(self._add_part(repair, self.oil_filter).payer, payer)

    def test_payer_per_line(self):
        repair = self._create_repair()
        customer_line = self._add_labour(repair, self.op_oil)
        warranty_line = self._add_labour(repair, self.op_brakes, payer="warranty")
        self.assertEqual(customer_line.payer, "customer")
        self.assertEqual(warranty_line.payer, "warranty")

    def test_technicians_of_job(self):
        repair = self._create_repair()
        self._add_labour(repair, self.op_oil, self.tech_1)
        self._add_labour(repair, self.op_brakes, self.tech_2)
        self.assertEqual(repair.technician_ids, self.tech_1 | self.tech_2)

    def test_clocked_line_cannot_be_deleted(self):
        repair = self._create_repair()
        line = self._add_labour(repair, self.op_oil)
        repair.action_workshop_start()
        line.with_user(self.tech_user_1).action_clock_on()
        with self.assertRaisesRegex(UserError, "has clocked time"):
            line.unlink()


@tagged("post_install", "-at_install")
class TestExtraWork(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._create_repair()
        cls.agreed = cls._add_labour(cls.repair, cls.op_oil)
        cls.repair.action_workshop_start()

    def test_lines_at_reception_approved(self):
        self.assertEqual(self.agreed.approval_state, "approved")

    def test_labour_found_during_job_proposed(self):
        extra = self._add_labour(self.repair, self.op_brakes)
        self.assertEqual(extra.approval_state, "proposed")
        self.assertTrue(self.repair.has_pending_proposals)

    def test_part_found_during_job_proposed(self):
        move = self._add_part(self.repair, self.brake_pads, 1)
        self.assertEqual(move.approval_state, "proposed")

    def test_batch_of_lines_on_one_repair(self):
        labour = self.env["autocrm.labour.line"].create(
            [
                {"repair_id": self.repair.id, "operation_id": self.op_brakes.id},
                {"repair_id": self.repair.id, "operation_id": self.op_oil.id},
            ]
        )
        self.assertEqual(set(labour.mapped("approval_state")), {"proposed"})
        parts = self.env["stock.move"].create(
            [
                {
                    "repair_id": self.repair.id,
                    "product_id": self.brake_pads.id,
                    "product_uom_qty": quantity,
                    "repair_line_type": "add",
                }
                for quantity in (1, 2)
            ]
        )
        self.assertEqual(set(parts.mapped("approval_state")), {"proposed"})

    def test_internal_extra_work_approved(self):
        extra = self._add_labour(self.repair, self.op_brakes, payer="internal")
        self.assertEqual(extra.approval_state, "approved")

    def test_approval_records_who_and_when(self):
        extra = self._add_labour(self.repair, self.op_brakes)
        extra.with_user(self.advisor).action_approve()
        self.assertEqual(extra.approval_state, "approved")
        self.assertEqual(extra.decision_partner_id, self.customer)
        self.assertEqual(extra.decision_user_id, self.advisor)
        self.assertTrue(extra.decision_date)

    def test_decline_records_who_and_when(self):
        move = self._add_part(self.repair, self.brake_pads, 1)
        move.with_user(self.advisor).action_decline()
        self.assertEqual(move.approval_state, "declined")
        self.assertEqual(move.decision_user_id, self.advisor)
        self.assertEqual(move.state, "cancel")

    def test_decline_stops_running_clock(self):
        extra = self._add_labour(self.repair, self.op_brakes)
        extra.action_approve()
        extra.with_user(self.tech_user_1).action_clock_on()
        extra.approval_state = "proposed"
        extra.with_user(self.advisor).action_decline()
        self.assertTrue(extra.time_log_ids.date_stop)

    def test_decision_twice_rejected(self):
        extra = self._add_labour(self.repair, self.op_brakes)
        extra.action_decline()
        with self.assertRaisesRegex(UserError, "not waiting for the customer"):
            extra.action_approve()

    def test_proposed_labour_cannot_be_clocked(self):
        extra = self._add_labour(self.repair, self.op_brakes)
        with self.assertRaisesRegex(UserError, "not approved by the customer"):
            extra.with_user(self.tech_user_1).action_clock_on()

    def test_proposed_work_blocks_quality_check(self):
        self._add_labour(self.repair, self.op_brakes)
        with self.assertRaisesRegex(UserError, "not decided on: Front brake pads"):
            self.repair.action_request_quality_check()

    def test_proposed_part_not_charged(self):
        self.repair.action_create_sale_order()
        move = self._add_part(self.repair, self.brake_pads, 1)
        self.assertFalse(move.sale_line_id)
        move.action_approve()
        self.assertEqual(move.sale_line_id.product_uom_qty, 1)

    def test_proposed_labour_not_charged(self):
        self.repair.action_create_sale_order()
        extra = self._add_labour(self.repair, self.op_brakes)
        self.assertFalse(extra.sale_line_id)
        extra.action_approve()
        self.assertEqual(extra.sale_line_id.product_uom_qty, 2.0)
        self.assertEqual(extra.sale_line_id.price_unit, 100.0)


@tagged("post_install", "-at_install")
class TestPartsLookup(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_filter = cls.env["product.product"].create(
            {
                "name": "Test Oil Filter (new number)",
                "is_storable": True,
                "part_type": "oem",
                "oem_part_number": "15400-NEW-01",
                "part_brand_id": cls.brand.id,
            }
        )
        cls.old_filter = cls.env["product.product"].create(
            {
                "name": "Test Oil Filter (old number)",
                "is_storable": True,
                "part_type": "oem",
                "oem_part_number": "15400-OLD-01",
                "part_brand_id": cls.brand.id,
                "superseded_by_id": cls.new_filter.product_tmpl_id.id,
            }
        )

    def test_superseded_part_replaced(self):
        repair = self._create_repair()
        move = self._add_part(repair, self.old_filter)
        self.assertEqual(move.product_id, self.new_filter)
        self.assertIn("is superseded by", repair.message_ids[0].body)

    def test_current_part_kept(self):
        move = self._add_part(self._create_repair(), self.new_filter)
        self.assertEqual(move.product_id, self.new_filter)

    def test_part_found_by_number(self):
        found = self.env["product.product"].name_search("15400OLD01")
        self.assertIn(self.old_filter.id, [product_id for product_id, _name in found])
