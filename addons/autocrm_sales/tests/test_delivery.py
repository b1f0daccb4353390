from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import html2plaintext

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestDelivery(VehicleSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cheap_lot, cls.dear_lot = cls._receive_vins(
            cls.vehicle, [(make_vin(201), 95000), (make_vin(202), 99000)]
        )

    def _confirmed_deal(self, lot=None, accessories=True):
        deal = self._create_deal(lot or self.dear_lot)
        if accessories:
            deal.order_line = [Command.create({"product_id": self.accessory.id})]
        deal.action_confirm()
        return deal

    def _ready_deal(self, lot=None):
        """Return a confirmed, paid deal whose delivery jobs are done."""
        deal = self._confirmed_deal(lot)
        self._invoice_and_pay(deal)
        self._finish_delivery_jobs(deal)
        return deal

    def _financed_deal(self):
        """Return a confirmed deal with an approved loan and its jobs done."""
        deal = self._confirmed_deal()
        self._finish_delivery_jobs(deal)
        finance = self.env["autocrm.deal.finance"].create(
            {"order_id": deal.id, "lender_id": self.lender.id, "amount": 50000}
        )
        finance.action_submit()
        finance.action_approve()
        return deal

    def _create_active_policy(self, deal, number):
        """Return an active one-year policy from 2026-06-15 on the deal."""
        return self.env["autocrm.insurance.policy"].create(
            {
                "order_id": deal.id,
                "insurer_id": self.insurer.id,
                "policy_number": number,
                "premium": 950,
                "start_date": "2026-06-15",
                "end_date": "2027-06-14",
                "state": "active",
            }
        )

    def _create_call_rule(self, delay_days):
        return self.env["autocrm.followup.rule"].create(
            {
                "name": "Call the new owner",
                "event_code": "vehicle_delivered",
                "delay_days": delay_days,
                "action_type": "activity",
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            }
        )

    # Gate pass

    def test_gate_pass_refused_when_unpaid(self):
        deal = self._confirmed_deal()
        self._finish_delivery_jobs(deal)
        deal.action_request_gate_pass()
        gate_pass = deal.gate_pass_ids
        with self.assertRaisesRegex(UserError, "not fully paid"):
            gate_pass.with_user(self.security_guard).action_approve()
        self.assertEqual(gate_pass.state, "requested")

    def test_gate_pass_refused_when_partly_paid(self):
        deal = self._create_deal(self.dear_lot, deposit_amount=20000)
        deal.action_confirm()
        deal.action_create_deposit_invoice()
        deposit = self.env["account.move"].browse(deal.invoice_ids.ids)
        deposit.action_post()
        self._pay(deposit)
        self._finish_delivery_jobs(deal)
        deal.action_request_gate_pass()
        with self.assertRaisesRegex(UserError, "not fully paid"):
            deal.gate_pass_ids.with_user(self.security_guard).action_approve()

    def test_gate_pass_refused_with_open_jobs(self):
        deal = self._confirmed_deal()
        self._invoice_and_pay(deal)
        deal.action_request_gate_pass()
        with self.assertRaisesRegex(UserError, "delivery jobs are still open"):
            deal.gate_pass_ids.with_user(self.security_guard).action_approve()

    def test_gate_pass_refused_with_submitted_finance(self):
        deal = self._confirmed_deal()
        self._finish_delivery_jobs(deal)
        finance = self.env["autocrm.deal.finance"].create(
            {"order_id": deal.id, "lender_id": self.lender.id, "amount": 50000}
        )
        finance.action_submit()
        deal.action_request_gate_pass()
        with self.assertRaisesRegex(UserError, "no approved finance"):
            deal.gate_pass_ids.with_user(self.security_guard).action_approve()

    def test_gate_pass_approved_with_approved_finance(self):
        deal = self._financed_deal()
        gate_pass = self._approve_gate_pass(deal)
        self.assertEqual(gate_pass.state, "approved")
        self.assertEqual(gate_pass.approved_by_id, self.security_guard)

    def test_gate_pass_approved_when_paid(self):
        deal = self._ready_deal()
        gate_pass = self._approve_gate_pass(deal)
        self.assertEqual(gate_pass.state, "approved")

    def test_gate_pass_refused_with_pending_discount(self):
        deal = self._confirmed_deal()
        self._finish_delivery_jobs(deal)
        deal.vehicle_line_id.with_user(self.manager).price_unit = 110000
        self.assertEqual(deal.discount_approval_state, "to_approve")
        self._invoice_and_pay(deal)
        deal.action_request_gate_pass()
        gate_pass = deal.gate_pass_ids
        with self.assertRaisesRegex(UserError, f"on deal {deal.name} .* approval"):
            gate_pass.with_user(self.security_guard).action_approve()
        self.assertEqual(gate_pass.state, "requested")
        deal.with_user(self.manager).action_approve_discount()
        gate_pass.with_user(self.security_guard).action_approve()
        self.assertEqual(gate_pass.state, "approved")

    def test_consultant_cannot_cut_confirmed_price(self):
        deal = self._confirmed_deal()
        line = deal.vehicle_line_id.with_user(self.consultant)
        for field_name, value in (
            ("price_unit", 1000),
            ("discount", 50),
            ("list_price_unit", 500000),
        ):
            with self.assertRaisesRegex(UserError, f"Deal {deal.name} is confirmed"):
                line.write({field_name: value})
        self.assertEqual(deal.vehicle_line_id.price_unit, 120000)
        self.assertEqual(deal.discount_approval_state, "not_needed")
        # Writing the same price, as a form save does, is no change.
        line.write({"price_unit": 120000})
        deal.vehicle_line_id.with_user(self.manager).price_unit = 118000
        self.assertEqual(deal.vehicle_line_id.price_unit, 118000)

    def test_consultant_new_line_price_locked(self):
        deal = self._confirmed_deal()
        form = Form(deal.with_user(self.consultant))
        with form.order_line.new() as line:
            line.product_id = self.floor_mats
            line.price_unit = 500
        with self.assertRaisesRegex(
            UserError,
            f"Deal {deal.name} is confirmed, so a new line of Floor Mats must "
            "have the pricelist Unit Price of 800.0, not 500.0",
        ):
            form.save()

    def test_consultant_new_line_list_price_locked(self):
        deal = self._confirmed_deal()
        lines = self.env["sale.order.line"].with_user(self.consultant)
        with self.assertRaisesRegex(
            UserError, f"Deal {deal.name} .* List Price of 800.0, not 300.0"
        ):
            lines.create(
                {
                    "order_id": deal.id,
                    "product_id": self.floor_mats.id,
                    "list_price_unit": 300,
                }
            )

    def test_consultant_new_line_discount_within_limit(self):
        deal = self._confirmed_deal()
        # The discount column needs the Discounts setting, so the line is
        # added as an RPC client would add it.
        deal.with_user(self.consultant).order_line = [
            Command.create({"product_id": self.floor_mats.id, "discount": 10})
        ]
        new_line = deal.order_line.filtered(
            lambda line: line.product_id == self.floor_mats
        )
        self.assertEqual(new_line.price_unit, 800)
        self.assertEqual(new_line.list_price_unit, 800)
        self.assertEqual(deal.deal_discount_amount, 80)
        self.assertEqual(deal.discount_approval_state, "not_needed")

    def test_consultant_new_line_discount_needs_approval(self):
        deal = self._financed_deal()
        deal.with_user(self.consultant).order_line = [
            Command.create(
                {"product_id": self.accessory.id, "product_uom_qty": 6, "discount": 80}
            )
        ]
        # 6 x 1,200 at 80% off is 5,760, above the consultant's 5,000.
        self.assertEqual(deal.deal_discount_amount, 5760)
        self.assertEqual(deal.discount_approval_state, "to_approve")
        deal.action_request_gate_pass()
        gate_pass = deal.gate_pass_ids
        with self.assertRaisesRegex(UserError, f"on deal {deal.name} .* approval"):
            gate_pass.with_user(self.security_guard).action_approve()
        deal.with_user(self.manager).action_approve_discount()
        gate_pass.with_user(self.security_guard).action_approve()
        self.assertEqual(gate_pass.state, "approved")

    def test_manager_new_line_any_price(self):
        deal = self._confirmed_deal()
        form = Form(deal.with_user(self.manager))
        with form.order_line.new() as line:
            line.product_id = self.floor_mats
            line.price_unit = 500
        form.save()
        new_line = deal.order_line.filtered(
            lambda line: line.product_id == self.floor_mats
        )
        self.assertEqual(new_line.price_unit, 500)
        self.assertEqual(deal.deal_discount_amount, 300)

    def test_loan_fee_line_on_confirmed_deal(self):
        deal = self._confirmed_deal()
        finance = (
            self.env["autocrm.deal.finance"]
            .with_user(self.fi_specialist)
            .create(
                {
                    "order_id": deal.id,
                    "lender_id": self.lender.id,
                    "amount": 50000,
                    "service_fee": 1500,
                }
            )
        )
        self.assertEqual(finance.sale_line_id.price_unit, 1500)
        # The F&I specialist, not the pricelist, prices the fee later too.
        finance.service_fee = 1200
        self.assertEqual(finance.sale_line_id.price_unit, 1200)

    def test_consultant_edits_draft_deal_price(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.with_user(self.consultant).price_unit = 117000
        self.assertEqual(deal.vehicle_line_id.price_unit, 117000)

    def test_only_security_desk_approves(self):
        deal = self._ready_deal()
        deal.action_request_gate_pass()
        with self.assertRaises(AccessError):
            deal.gate_pass_ids.with_user(self.consultant).action_approve()
        with self.assertRaises(AccessError):
            deal.gate_pass_ids.with_user(self.manager).action_approve()

    def test_consultant_cannot_write_approval(self):
        deal = self._confirmed_deal()
        deal.action_request_gate_pass()
        gate_pass = deal.gate_pass_ids.with_user(self.consultant)
        with self.assertRaises(AccessError):
            gate_pass.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["autocrm.gate.pass"].with_user(self.consultant).create(
                {"order_id": deal.id, "state": "approved"}
            )
        gate_pass.delivery_odometer = 9
        self.assertEqual(gate_pass.state, "requested")

    def test_gate_pass_needs_confirmed_deal(self):
        deal = self._create_deal(self.dear_lot)
        with self.assertRaisesRegex(UserError, "must be confirmed"):
            deal.action_request_gate_pass()

    def test_security_desk_sees_only_gate_passes(self):
        deal = self._ready_deal()
        deal.action_request_gate_pass()
        gate_pass = deal.gate_pass_ids.with_user(self.security_guard)
        self.assertEqual(gate_pass.vin, self.dear_lot.name)
        self.assertEqual(gate_pass.partner_id, self.customer)
        with self.assertRaises(AccessError):
            deal.with_user(self.security_guard).read(["name"])
        with self.assertRaises(AccessError):
            self.env["autocrm.deal.finance"].with_user(self.security_guard).search([])
        with self.assertRaises(AccessError):
            self.env["autocrm.insurance.policy"].with_user(self.security_guard).search(
                []
            )

    # Delivery

    def test_delivery_without_gate_pass_refused(self):
        deal = self._ready_deal()
        with self.assertRaisesRegex(UserError, "only\\s+with a gate pass"):
            self._deliver(deal)
        self.assertFalse(deal.vehicle_delivered)

    def test_delivery_refused_after_new_discount(self):
        deal = self._financed_deal()
        self._approve_gate_pass(deal)
        # The manager cuts the price after the gate pass was approved.
        deal.vehicle_line_id.with_user(self.manager).price_unit = 110000
        self.assertEqual(deal.discount_approval_state, "to_approve")
        with self.assertRaisesRegex(
            UserError,
            f"deal {deal.name} may not leave the store: the deal discount is now "
            ".*10,000",
        ):
            self._deliver(deal)
        self.assertFalse(deal.vehicle_delivered)
        deal.with_user(self.manager).action_approve_discount()
        self._deliver(deal)
        self.assertTrue(deal.vehicle_delivered)

    def test_delivery_allowed_after_discount_within_limit(self):
        deal = self._financed_deal()
        self._approve_gate_pass(deal)
        deal.vehicle_line_id.with_user(self.manager).price_unit = 118000
        self.assertEqual(deal.discount_approval_state, "not_needed")
        self._deliver(deal)
        self.assertTrue(deal.vehicle_delivered)

    def test_delivery_of_another_vin_refused(self):
        deal = self._ready_deal()
        self._approve_gate_pass(deal)
        picking = deal.picking_ids
        vehicle_line = picking.move_line_ids.filtered(
            lambda line: line.product_id == self.vehicle
        )
        vehicle_line.lot_id = self.cheap_lot
        with self.assertRaisesRegex(UserError, f"Pick VIN {self.dear_lot.name}"):
            self._deliver(deal)

    @freeze_time("2026-06-15")
    def test_delivery_hands_vehicle_to_owner(self):
        deal = self._ready_deal()
        self._create_active_policy(deal, "CTPL-1")
        rule = self._create_call_rule(delay_days=1)
        gate_pass = self._approve_gate_pass(deal, odometer=18)
        self._deliver(deal)
        self.assertTrue(deal.vehicle_delivered)
        self.assertEqual(self.dear_lot.vin_state, "delivered")
        self.assertEqual(self.dear_lot.delivery_date, date(2026, 6, 15))
        self.assertEqual(gate_pass.state, "used")
        vehicle = self.dear_lot.fleet_vehicle_id
        self.assertEqual(vehicle.vin_sn, self.dear_lot.name)
        self.assertEqual(vehicle.model_id, self.model_lavida)
        self.assertEqual(vehicle.owner_id, self.customer)
        self.assertEqual(vehicle.warranty_start_date, date(2026, 6, 15))
        self.assertEqual(vehicle.warranty_end_date, date(2029, 6, 15))
        self.assertEqual(vehicle.insurance_expiry_date, date(2027, 6, 14))
        self.assertEqual(vehicle.odometer, 18)
        followup = self.env["autocrm.followup"].search(
            [
                ("rule_id", "=", rule.id),
                ("res_model", "=", "sale.order"),
                ("res_id", "=", deal.id),
            ]
        )
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.partner_id, self.customer)
        self.assertEqual(followup.due_date, date(2026, 6, 16))

    @freeze_time("2026-06-15")
    def test_delivered_vehicle_has_vin_model_year(self):
        # The 10th VIN character N is the code of 2022 and 1992, and the vehicle
        # model has no model year to fall back on.
        self.assertFalse(self.model_lavida.model_year)
        deal = self._ready_deal()
        self._approve_gate_pass(deal)
        self._deliver(deal)
        self.assertEqual(self.dear_lot.fleet_vehicle_id.model_year, 2022)

    def test_cost_of_sales_is_own_vin_cost(self):
        deal = self._confirmed_deal(self.dear_lot, accessories=False)
        self._finish_delivery_jobs(deal)
        finance = self.env["autocrm.deal.finance"].create(
            {"order_id": deal.id, "lender_id": self.lender.id, "amount": 60000}
        )
        finance.action_submit()
        finance.action_approve()
        self._approve_gate_pass(deal)
        picking = self._deliver(deal)
        vehicle_move = picking.move_ids.filtered(
            lambda move: move.product_id == self.vehicle
        )
        self.assertEqual(vehicle_move.value, 99000)
        invoice = deal._create_invoices()
        invoice.action_post()
        cogs = invoice.line_ids.filtered(
            lambda line: line.display_type == "cogs" and line.debit
        )
        self.assertEqual(sum(cogs.mapped("debit")), 99000)
        self.assertEqual(self.cheap_lot.standard_price, 95000)

    # Returns and cancellations

    def test_return_releases_vin_at_own_cost(self):
        deal = self._ready_deal()
        self._approve_gate_pass(deal)
        picking = self._deliver(deal)
        returned = self._return(picking)
        vehicle_move = returned.move_ids.filtered(
            lambda move: move.product_id == self.vehicle
        )
        self.assertEqual(vehicle_move.value, 99000)
        self.assertEqual(self.dear_lot.vin_state, "in_stock")
        self.assertFalse(self.dear_lot.reserved_order_id)
        self.assertTrue(deal.vehicle_released)
        self.assertEqual(self.dear_lot.standard_price, 99000)
        resale = self._create_deal(self.dear_lot, user=self.other_consultant)
        resale.action_confirm()
        self.assertEqual(self.dear_lot.reserved_order_id, resale)

    def _vehicle_notes(self, vehicle):
        return " ".join(
            html2plaintext(body) for body in vehicle.message_ids.mapped("body")
        )

    @freeze_time("2026-06-15")
    def test_return_gives_vehicle_back_to_store(self):
        deal = self._ready_deal()
        policy = self._create_active_policy(deal, "CTPL-3")
        rule = self._create_call_rule(delay_days=3)
        self._approve_gate_pass(deal)
        picking = self._deliver(deal)
        vehicle = self.dear_lot.fleet_vehicle_id
        followup = self.env["autocrm.followup"].search([("rule_id", "=", rule.id)])
        call = followup.activity_id
        self.assertEqual(vehicle.owner_id, self.customer)
        self.assertTrue(call)

        self._return(picking, user=self.stock_clerk)

        self.assertFalse(vehicle.owner_id)
        self.assertFalse(vehicle.driver_id)
        self.assertFalse(vehicle.warranty_start_date)
        self.assertFalse(vehicle.warranty_end_date)
        self.assertFalse(vehicle.insurance_expiry_date)
        self.assertFalse(policy.vehicle_id)
        driver_log = self.env["fleet.vehicle.assignation.log"].search(
            [("vehicle_id", "=", vehicle.id), ("driver_id", "=", self.customer.id)]
        )
        self.assertEqual(driver_log.date_end, date(2026, 6, 15))
        self.assertEqual(followup.state, "skipped")
        self.assertFalse(call.exists())
        notes = self._vehicle_notes(vehicle)
        self.assertIn(f"Returned by Ada Buyer from deal {deal.name}", notes)
        self.assertIn("warranty that started at delivery on 2026-06-15", notes)
        self.assertIn("no longer names Ada Buyer as owner", deal.message_ids[0].body)

    def test_redelivery_sets_new_owner(self):
        with freeze_time("2026-06-15"):
            deal = self._ready_deal()
            self._approve_gate_pass(deal)
            picking = self._deliver(deal)
        with freeze_time("2026-06-20"):
            self._return(picking)

        second_owner = self.env["res.partner"].create({"name": "Ben Second"})
        with freeze_time("2026-07-01"):
            resale = self._create_deal(
                self.dear_lot, user=self.other_consultant, partner_id=second_owner.id
            )
            resale.action_confirm()
            self._invoice_and_pay(resale)
            self._finish_delivery_jobs(resale)
            self._approve_gate_pass(resale, odometer=40)
            self._deliver(resale)

        vehicle = self.dear_lot.fleet_vehicle_id
        self.assertEqual(
            self.env["fleet.vehicle"].search_count(
                [("vin_sn", "=", self.dear_lot.name)]
            ),
            1,
        )
        self.assertEqual(vehicle.owner_id, second_owner)
        self.assertEqual(vehicle.driver_id, second_owner)
        self.assertEqual(vehicle.warranty_start_date, date(2026, 7, 1))
        self.assertEqual(self.dear_lot.reserved_order_id, resale)
        self.assertEqual(self.dear_lot.vin_state, "delivered")

        # When the driver changes, fleet plans an activity to set the end
        # date of the previous driver. The return already ended it here.
        self.assertFalse(vehicle.activity_ids)
        logs = self.env["fleet.vehicle.assignation.log"].search(
            [("vehicle_id", "=", vehicle.id)], order="date_start, id"
        )
        self.assertEqual(logs.driver_id, self.customer | second_owner)
        self.assertEqual(logs[0].date_end, date(2026, 6, 20))
        self.assertFalse(logs[1].date_end)
        self.assertIn(
            f"Returned by Ada Buyer from deal {deal.name}", self._vehicle_notes(vehicle)
        )

    def test_cancel_cancels_gate_pass_and_jobs(self):
        deal = self._ready_deal()
        deal.action_request_gate_pass()
        # sale_loyalty deletes the deal's earned membership points on cancel.
        deal.with_user(self.consultant).action_cancel()
        self.assertEqual(deal.gate_pass_ids.state, "cancelled")
        self.assertFalse(deal.activity_ids)
        self.assertEqual(self.dear_lot.vin_state, "in_stock")

    def test_status_sold_when_invoiced(self):
        deal = self._confirmed_deal(accessories=False)
        self.assertEqual(self.dear_lot.vin_state, "reserved")
        deal._create_invoices().action_post()
        self.assertEqual(self.dear_lot.vin_state, "sold")

    def test_policy_after_delivery_sets_expiry(self):
        deal = self._ready_deal()
        self._approve_gate_pass(deal)
        self._deliver(deal)
        vehicle = self.dear_lot.fleet_vehicle_id
        self.assertFalse(vehicle.insurance_expiry_date)
        policy = self.env["autocrm.insurance.policy"].create(
            {
                "order_id": deal.id,
                "insurer_id": self.insurer.id,
                "policy_number": "CTPL-2",
                "premium": 950,
                "start_date": "2026-07-01",
                "end_date": "2027-06-30",
                "vehicle_id": vehicle.id,
            }
        )
        self.assertFalse(vehicle.insurance_expiry_date)
        policy.action_activate()
        self.assertEqual(vehicle.insurance_expiry_date, date(2027, 6, 30))
