from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestInvoicingPerPayer(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._create_repair(insurer_id=cls.insurer.id)
        cls.customer_labour = cls._add_labour(cls.repair, cls.op_oil)
        cls.warranty_labour = cls._add_labour(
            cls.repair, cls.op_brakes, payer="warranty"
        )
        cls.customer_part = cls._add_part(cls.repair, cls.oil_filter, 1)
        cls.warranty_part = cls._add_part(
            cls.repair, cls.brake_pads, 2, payer="warranty"
        )
        cls.insurer_part = cls._add_part(cls.repair, cls.brake_pads, 1, payer="insurer")
        cls.internal_part = cls._add_part(
            cls.repair, cls.oil_filter, 1, payer="internal"
        )

    def _invoice(self):
        self._finish(self.repair)
        self.repair.action_create_invoices()
        customer_invoice = self.repair.sale_order_id.invoice_ids
        return customer_invoice, self.repair.insurer_invoice_id

    def test_one_invoice_per_payer(self):
        customer_invoice, insurer_invoice = self._invoice()
        self.assertEqual(len(customer_invoice), 1)
        self.assertEqual(customer_invoice.partner_id, self.customer)
        self.assertEqual(insurer_invoice.partner_id, self.insurer)
        self.assertEqual(len(self.repair.warranty_claim_ids), 1)
        self.assertEqual(self.repair.warranty_claim_ids.partner_id, self.oem)
        self.assertEqual(
            self.repair.workshop_invoice_ids, customer_invoice | insurer_invoice
        )

    def test_customer_invoice_has_only_customer_lines(self):
        customer_invoice, _insurer_invoice = self._invoice()
        lines = customer_invoice.invoice_line_ids
        self.assertEqual(
            sorted(lines.mapped("product_id.name")),
            ["Test Oil Filter", "Workshop Labour"],
        )
        self.assertEqual(sum(lines.mapped("price_subtotal")), 20.0 + 150.0)

    def test_warranty_lines_never_charged_to_customer(self):
        self.repair.action_create_sale_order()
        order_lines = self.repair.sale_order_id.order_line.filtered("product_uom_qty")
        self.assertNotIn(self.brake_pads, order_lines.product_id)
        self.assertFalse(self.warranty_labour.sale_line_id)
        self.assertFalse(self.warranty_part.sale_line_id)

    def test_line_switched_to_warranty_leaves_sale_order(self):
        self.repair.action_create_sale_order()
        sale_line = self.customer_part.sale_line_id
        self.assertEqual(sale_line.product_uom_qty, 1)
        self.customer_part.payer = "warranty"
        self.assertEqual(sale_line.product_uom_qty, 0)
        labour_sale_line = self.customer_labour.sale_line_id
        self.customer_labour.payer = "warranty"
        self.assertEqual(labour_sale_line.product_uom_qty, 0)

    def test_insurer_invoice_lines(self):
        _customer_invoice, insurer_invoice = self._invoice()
        self.assertEqual(
            insurer_invoice.invoice_line_ids.mapped("product_id"), self.brake_pads
        )
        self.assertEqual(insurer_invoice.invoice_line_ids.price_unit, 90.0)

    def test_internal_lines_not_invoiced(self):
        customer_invoice, insurer_invoice = self._invoice()
        invoiced = (customer_invoice | insurer_invoice).invoice_line_ids
        self.assertEqual(
            invoiced.filtered(lambda line: line.product_id == self.oil_filter).quantity,
            1,
        )

    def test_insurer_lines_need_insurer(self):
        self.repair.insurer_id = False
        self._finish(self.repair)
        with self.assertRaisesRegex(UserError, "no insurer"):
            self.repair.action_create_invoices()

    def test_invoicing_before_ready_rejected(self):
        with self.assertRaisesRegex(UserError, "Cannot invoice"):
            self.repair.action_create_invoices()

    def test_invoicing_twice_creates_nothing_new(self):
        self._invoice()
        self.repair.action_create_invoices()
        self.assertEqual(len(self.repair.sale_order_id.invoice_ids), 1)
        self.assertEqual(len(self.repair.warranty_claim_ids), 1)
