from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import finish_delivery_jobs

# The tours type these VINs; both have a valid check digit.
TOUR_VIN = "LSVAU2183N2777001"
PHONE_VIN = "LSVAU2185N2777002"


class VehicleTourCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].create({"name": "Tour Buyer"})
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Tour Model", "brand_id": brand.id}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tour Car",
                "is_vehicle": True,
                "vehicle_model_id": cls.model.id,
                "list_price": 120000,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.stock_location = (
            cls.env["stock.warehouse"]
            .search([("company_id", "=", cls.env.company.id)], limit=1)
            .lot_stock_id
        )

    @classmethod
    def _stock_vin(cls, vin, cost):
        lot = cls.env["stock.lot"].create(
            {"name": vin, "product_id": cls.product.id, "standard_price": cost}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.stock_location, 1, lot_id=lot
        )
        return lot


@tagged("post_install", "-at_install")
class TestDealTour(VehicleTourCase):
    def test_quotation_to_delivery(self):
        lot = self._stock_vin(TOUR_VIN, 100000)
        guard = new_test_user(
            self.env, login="tour_guard", groups="autocrm_sales.group_security_desk"
        )
        self.start_tour(
            "/odoo/action-autocrm_sales.sale_order_action_vehicle_deals",
            "autocrm_sales_quotation",
            login="admin",
        )
        deal = lot.reserved_order_id
        self.assertEqual(deal.state, "sale")
        # Accounting takes the payment and the workshop finishes its jobs.
        invoices = deal._create_invoices()
        invoices.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({})._create_payments()
        finish_delivery_jobs(self.env, deal)
        self.start_tour(
            "/odoo/action-autocrm_sales.autocrm_gate_pass_action",
            "autocrm_sales_gate_pass",
            login=guard.login,
        )
        self.assertEqual(deal.gate_pass_ids.state, "approved")
        picking = deal.picking_ids
        self.start_tour(
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            "autocrm_sales_delivery",
            login="admin",
        )
        self.assertTrue(deal.vehicle_delivered)
        self.assertEqual(lot.vin_state, "delivered")
        self.assertEqual(lot.fleet_vehicle_id.owner_id.name, "Tour Buyer")
        self.assertEqual(lot.fleet_vehicle_id.odometer, 25)


@tagged("post_install", "-at_install")
class TestDealDialogTour(VehicleTourCase):
    def test_dialog_buttons_on_new_deal(self):
        lot = self._stock_vin(TOUR_VIN, 100000)
        self.env["res.partner"].create(
            [{"name": "Tour Lender"}, {"name": "Tour Insurer"}]
        )
        self.start_tour(
            "/odoo/action-autocrm_sales.sale_order_action_vehicle_deals",
            "autocrm_sales_deal_dialog_buttons",
            login="admin",
        )
        deal = self.env["sale.order"].search([("vehicle_lot_id", "=", lot.id)])
        self.assertEqual(len(deal), 1)
        self.assertEqual(deal.deposit_amount, 5000)
        self.assertEqual(len(deal.finance_ids), 1)
        self.assertEqual(deal.finance_ids.state, "submitted")
        self.assertEqual(len(deal.insurance_policy_ids), 1)
        self.assertEqual(deal.insurance_policy_ids.state, "active")


@tagged("post_install", "-at_install")
class TestPhoneTour(VehicleTourCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_phone_vin_lookup_and_deal(self):
        self._stock_vin(PHONE_VIN, 100000)
        consultant = new_test_user(
            self.env,
            login="tour_consultant",
            groups="autocrm_crm.group_sales_consultant",
        )
        self.start_tour(
            "/odoo/action-autocrm_sales.stock_lot_action_vehicle",
            "autocrm_sales_phone_vin_lookup",
            login=consultant.login,
        )
        self.start_tour(
            "/odoo/action-autocrm_sales.sale_order_action_vehicle_deals",
            "autocrm_sales_phone_deal",
            login=consultant.login,
        )
        deal = self.env["sale.order"].search([("user_id", "=", consultant.id)])
        self.assertEqual(len(deal), 1)
        self.assertEqual(deal.vehicle_lot_id.name, PHONE_VIN)
