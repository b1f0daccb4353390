from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestWarrantyClaim(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._create_repair(service_type="warranty")
        cls.labour = cls._add_labour(cls.repair, cls.op_brakes)
        cls.part = cls._add_part(cls.repair, cls.brake_pads, 2)
        cls._finish(cls.repair)
        cls.repair.action_create_invoices()
        cls.claim = cls.repair.warranty_claim_ids

    def test_claim_at_manufacturer_rates(self):
        part_line = self.claim.line_ids.filtered(lambda line: line.kind == "part")
        labour_line = self.claim.line_ids.filtered(lambda line: line.kind == "labour")
        self.assertEqual(part_line.price_unit, 70.0)
        self.assertEqual(part_line.quantity, 2)
        self.assertEqual(labour_line.price_unit, 80.0)
        self.assertEqual(labour_line.quantity, 2.0)
        self.assertEqual(self.claim.claimed_amount, 2 * 70.0 + 2.0 * 80.0)
        self.assertEqual(self.claim.state, "draft")

    def test_no_customer_invoice_for_warranty_job(self):
        self.assertFalse(self.repair.sale_order_id.invoice_ids)

    def test_approved_amount_invoiced_to_manufacturer(self):
        claim = self.claim.with_user(self.warranty_admin)
        claim.action_submit()
        claim.approved_amount = 250.0
        claim.action_approve()
        claim.action_create_invoice()
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.invoice_id.partner_id, self.oem)
        self.assertEqual(claim.invoice_id.amount_total, 250.0)

    def test_full_amount_approved_by_default(self):
        self.claim.action_submit()
        self.claim.action_approve()
        self.assertEqual(self.claim.approved_amount, 300.0)

    def test_approved_above_claimed_rejected(self):
        self.claim.action_submit()
        self.claim.approved_amount = 301.0
        with self.assertRaisesRegex(UserError, "higher than the claimed amount"):
            self.claim.action_approve()

    def test_reject_needs_reason(self):
        self.claim.action_submit()
        with self.assertRaisesRegex(UserError, "rejection reason"):
            self.claim.action_reject()
        self.claim.rejection_reason = "Damage caused by the driver"
        self.claim.action_reject()
        self.assertEqual(self.claim.state, "rejected")

    def test_paid_after_payment(self):
        self.claim.action_submit()
        self.claim.action_approve()
        self.claim.action_create_invoice()
        with self.assertRaisesRegex(UserError, "not paid yet"):
            self.claim.action_mark_paid()
        invoice = self.claim.invoice_id
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.claim.action_mark_paid()
        self.assertEqual(self.claim.state, "paid")

    def test_invoice_before_approval_rejected(self):
        with self.assertRaisesRegex(UserError, "Cannot invoice"):
            self.claim.action_create_invoice()

    def test_brand_without_payer_rejected(self):
        self.brand.warranty_partner_id = False
        repair = self._create_repair(service_type="warranty")
        self._add_labour(repair, self.op_oil)
        self._finish(repair)
        with self.assertRaisesRegex(UserError, "has no warranty payer"):
            repair.action_create_invoices()

    def test_part_without_warranty_price_rejected(self):
        repair = self._create_repair(service_type="warranty")
        unpriced = self.env["product.product"].create({"name": "Test Wiper Blade"})
        self._add_part(repair, unpriced)
        self._finish(repair)
        with self.assertRaisesRegex(UserError, "has no warranty price"):
            repair.action_create_invoices()
        self.assertFalse(repair.warranty_claim_ids)

    def test_brand_without_labour_rate_rejected(self):
        self.brand.warranty_labour_rate = 0.0
        repair = self._create_repair(service_type="warranty")
        self._add_labour(repair, self.op_oil)
        self._finish(repair)
        with self.assertRaisesRegex(UserError, "has no warranty labour rate"):
            repair.action_create_invoices()

    def test_technician_cannot_read_claims(self):
        with self.assertRaises(AccessError):
            self.claim.with_user(self.tech_user_1).read(["name"])
