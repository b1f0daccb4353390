from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestDealSecurity(VehicleSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_lot, cls.other_lot = cls._receive_vins(
            cls.vehicle, [(make_vin(301), 95000), (make_vin(302), 96000)]
        )
        deals = cls._create_deal(cls.own_lot) | cls._create_deal(
            cls.other_lot, user=cls.other_consultant
        )
        cls.own_deal, cls.other_deal = cls.env["sale.order"].browse(deals.ids)
        cls.env["autocrm.agency.service"].create(
            [
                {"order_id": deal.id, "name": "Plates", "price": 500, "cost": 300}
                for deal in (cls.own_deal, cls.other_deal)
            ]
        )
        cls.env["autocrm.deal.finance"].create(
            [
                {"order_id": deal.id, "lender_id": cls.lender.id, "amount": 50000}
                for deal in (cls.own_deal, cls.other_deal)
            ]
        )
        (cls.own_deal | cls.other_deal).action_confirm()
        for deal in cls.own_deal | cls.other_deal:
            cls.env["autocrm.gate.pass"].create({"order_id": deal.id})
        cls.other_store = cls.env["res.company"].create({"name": "Second Store"})

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_consultant_sees_own_deal_records_only(self):
        for model in (
            "sale.order",
            "autocrm.agency.service",
            "autocrm.deal.finance",
            "autocrm.gate.pass",
        ):
            records = self._visible(self.consultant, model)
            deals = records if model == "sale.order" else records.order_id
            self.assertIn(self.own_deal, deals, model)
            self.assertNotIn(self.other_deal, deals, model)

    def test_manager_and_fi_see_all_deals_of_store(self):
        for user in (self.manager, self.fi_specialist):
            for model in ("autocrm.deal.finance", "autocrm.gate.pass"):
                deals = self._visible(user, model).order_id
                self.assertIn(self.own_deal, deals)
                self.assertIn(self.other_deal, deals)

    def test_security_desk_sees_all_gate_passes(self):
        # Demo databases have gate passes of their own, so only the two of
        # this test's deals are checked.
        gate_passes = self._visible(self.security_guard, "autocrm.gate.pass")
        deals = gate_passes.order_id
        self.assertIn(self.own_deal, deals)
        self.assertIn(self.other_deal, deals)

    def test_security_desk_cannot_read_vehicle_stock(self):
        with self.assertRaises(AccessError):
            self.env["autocrm.vehicle.stock.report"].with_user(
                self.security_guard
            ).search([])

    def test_other_store_records_hidden(self):
        outsider = new_test_user(
            self.env,
            login="other_store_manager",
            groups="autocrm_crm.group_sales_manager,autocrm_sales.group_fi_specialist",
            company_id=self.other_store.id,
            company_ids=[(6, 0, self.other_store.ids)],
        )
        for model in (
            "sale.order",
            "autocrm.agency.service",
            "autocrm.deal.finance",
            "autocrm.gate.pass",
            "autocrm.vehicle.stock.report",
        ):
            self.assertFalse(self._visible(outsider, model), model)

    def test_parts_clerk_opens_sales_form(self):
        """Counter staff sell parts on sales orders without the deal models."""
        clerk = new_test_user(
            self.env, login="counter_clerk", groups="autocrm_parts.group_parts_clerk"
        )
        form = Form(self.env["sale.order"].with_user(clerk))
        form.partner_id = self.customer
        with form.order_line.new() as line:
            line.product_id = self.accessory
        order = form.save()
        self.assertEqual(order.order_line.product_id, self.accessory)

    def test_consultant_cannot_edit_vin_unit(self):
        with self.assertRaises(AccessError):
            self.own_lot.with_user(self.consultant).engine_number = "X"

    def test_consultant_reads_vin_stock(self):
        lots = (
            self.env["stock.lot"]
            .with_user(self.consultant)
            .search([("is_vehicle", "=", True), ("vin_state", "=", "reserved")])
        )
        self.assertIn(self.own_lot, lots)
