from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestDeal(VehicleSalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cheap_lot, cls.dear_lot = cls._receive_vins(
            cls.vehicle, [(make_vin(101), 95000), (make_vin(102), 99000)]
        )

    def test_vin_choice_adds_vehicle_line(self):
        deal = self._create_deal(self.dear_lot)
        self.assertTrue(deal.is_vehicle_deal)
        self.assertEqual(deal.vehicle_line_id.product_id, self.vehicle)
        self.assertEqual(deal.vehicle_line_id.price_unit, 120000)

    def test_vin_choice_in_form(self):
        form = Form(
            self.env["sale.order"]
            .with_user(self.consultant)
            .with_context(default_is_vehicle_deal=True)
        )
        form.partner_id = self.customer
        form.vehicle_lot_id = self.cheap_lot
        deal = form.save()
        self.assertEqual(len(deal.order_line), 1)
        self.assertEqual(deal.order_line.product_id, self.vehicle)

    def test_confirm_reserves_vin(self):
        deal = self._create_deal(self.dear_lot)
        deal.action_confirm()
        self.assertEqual(self.dear_lot.reserved_order_id, deal)
        self.assertEqual(self.dear_lot.vin_state, "reserved")

    def test_reserved_vin_not_offered(self):
        self._create_deal(self.dear_lot).action_confirm()
        domain = self.env["sale.order"]._fields["vehicle_lot_id"].domain
        offered = self.env["stock.lot"].search(safe_eval(domain))
        self.assertIn(self.cheap_lot, offered)
        self.assertNotIn(self.dear_lot, offered)

    def test_second_deal_on_held_vin_refused(self):
        first = self._create_deal(self.dear_lot)
        second = self._create_deal(self.dear_lot, user=self.other_consultant)
        first.action_confirm()
        with self.assertRaisesRegex(UserError, f"already held by deal {first.name}"):
            second.with_user(self.other_consultant).action_confirm()
        self.assertEqual(second.state, "draft")
        self.assertEqual(self.dear_lot.reserved_order_id, first)

    def test_cancel_releases_vin(self):
        first = self._create_deal(self.dear_lot)
        first.action_confirm()
        # sale_loyalty deletes the deal's earned membership points on cancel.
        first.with_user(self.consultant).action_cancel()
        self.assertFalse(self.dear_lot.reserved_order_id)
        self.assertEqual(self.dear_lot.vin_state, "in_stock")
        second = self._create_deal(self.dear_lot)
        second.action_confirm()
        self.assertEqual(self.dear_lot.reserved_order_id, second)

    def test_deal_without_vin_refused(self):
        deal = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "is_vehicle_deal": True,
                "order_line": [Command.create({"product_id": self.accessory.id})],
            }
        )
        with self.assertRaisesRegex(UserError, "has no VIN"):
            deal.action_confirm()

    def test_two_vehicle_lines_refused(self):
        deal = self._create_deal(self.dear_lot)
        deal.order_line = [Command.create({"product_id": self.vehicle.id})]
        with self.assertRaisesRegex(UserError, "exactly one vehicle"):
            deal.action_confirm()

    def test_vehicle_line_of_other_model_refused(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.product_id = self.other_vehicle
        with self.assertRaisesRegex(UserError, "Choose the VIN again"):
            deal.action_confirm()

    def test_vin_change_after_confirm_refused(self):
        deal = self._create_deal(self.dear_lot)
        deal.action_confirm()
        with self.assertRaisesRegex(UserError, "cannot be changed once"):
            deal.vehicle_lot_id = self.cheap_lot

    def test_reservation_picks_the_deal_vin(self):
        deal = self._create_deal(self.dear_lot)
        deal.action_confirm()
        picking = deal.picking_ids
        self.assertEqual(picking.move_line_ids.lot_id, self.dear_lot)

    # Discount approval

    def test_discount_within_limit_confirms(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.price_unit = 116000
        self.assertEqual(deal.deal_discount_amount, 4000)
        self.assertEqual(deal.discount_approval_state, "not_needed")
        deal.with_user(self.consultant).action_confirm()
        self.assertEqual(deal.state, "sale")

    def test_discount_above_limit_blocks_confirm(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.discount = 5
        self.assertEqual(deal.deal_discount_amount, 6000)
        self.assertEqual(deal.discount_approval_state, "to_approve")
        with self.assertRaisesRegex(UserError, "Ask a sales manager"):
            deal.with_user(self.consultant).action_confirm()
        self.assertEqual(deal.state, "draft")
        self.assertFalse(self.dear_lot.reserved_order_id)

    def test_manager_approval_allows_confirm(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.discount = 5
        deal.with_user(self.consultant).action_request_discount_approval()
        activity = deal.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("autocrm_sales.mail_activity_type_discount")
            )
        )
        self.assertIn(self.manager, activity.user_id)
        deal.with_user(self.manager).action_approve_discount()
        self.assertEqual(deal.discount_approval_state, "approved")
        self.assertEqual(deal.discount_approved_by_id, self.manager)
        deal.with_user(self.consultant).action_confirm()
        self.assertEqual(deal.state, "sale")

    def test_consultant_cannot_approve_discount(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.discount = 5
        with self.assertRaisesRegex(UserError, "Only a sales manager"):
            deal.with_user(self.consultant).action_approve_discount()

    def test_consultant_cannot_write_approval(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.discount = 5
        with self.assertRaises(AccessError):
            deal.with_user(self.consultant).write(
                {
                    "discount_approved_amount": 6000,
                    "discount_approved_by_id": self.consultant.id,
                }
            )

    def test_bigger_discount_after_approval_needs_approval(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.discount = 5
        deal.with_user(self.manager).action_approve_discount()
        deal.vehicle_line_id.discount = 8
        self.assertEqual(deal.discount_approval_state, "to_approve")
        with self.assertRaises(UserError):
            deal.action_confirm()

    def test_confirm_shows_no_owner_club_reward(self):
        owner_club = self.env.ref("autocrm_crm.loyalty_program_owner_club")
        # An install of every module at once leaves the program on sales.
        owner_club.sale_ok = True
        deal = self._create_deal(self.dear_lot)
        result = deal.with_user(self.consultant).action_confirm()
        self.assertIs(result, True)
        self.assertEqual(deal.state, "sale")
        self.assertNotIn(owner_club, deal.coupon_point_ids.coupon_id.program_id)

    def test_store_membership_program_not_on_orders(self):
        # A store that names a membership program of its own.
        owner_club = self.env.ref("autocrm_crm.loyalty_program_owner_club")
        store_club = owner_club.copy({"name": "Store Club", "sale_ok": True})
        self.env.company.autocrm_membership_program_id = store_club
        deal = self._create_deal(self.dear_lot)
        programs = self.env["loyalty.program"].search(deal._get_program_domain())
        self.assertNotIn(store_club, programs)

    def test_request_without_need_refused(self):
        deal = self._create_deal(self.dear_lot)
        with self.assertRaisesRegex(UserError, "needs no approval"):
            deal.action_request_discount_approval()

    # Gifts and packages

    def test_gift_is_free_but_costs(self):
        deal = self._create_deal(self.dear_lot)
        deal.order_line = [
            Command.create({"product_id": self.floor_mats.id, "is_gift": True})
        ]
        gift = deal.order_line.filtered("is_gift")
        self.assertEqual(gift.price_subtotal, 0)
        self.assertEqual(gift.deal_cost, 300)
        self.assertEqual(deal.deal_cost, 99000 + 300)
        self.assertEqual(deal.deal_discount_amount, 0)

    def test_gift_with_price_rejected(self):
        deal = self._create_deal(self.dear_lot)
        deal.order_line = [
            Command.create({"product_id": self.floor_mats.id, "is_gift": True})
        ]
        with self.assertRaisesRegex(ValidationError, "A gift is free"):
            deal.order_line.filtered("is_gift").price_unit = 100

    def _gift_column_hidden(self, form):
        with form.order_line.new() as line:
            line.product_id = self.floor_mats
            # The test Form does not hide columns, so the view's
            # column_invisible expression is evaluated here.
            hidden = line._get_modifier("is_gift", "column_invisible")
        return hidden

    def test_gift_column_hidden_on_counter_sale(self):
        form = Form(self.env["sale.order"].with_context(default_is_counter_sale=True))
        form.partner_id = self.customer
        self.assertTrue(self._gift_column_hidden(form))

    def test_gift_column_shown_on_vehicle_deal(self):
        form = Form(self._create_deal(self.dear_lot).with_user(self.consultant))
        self.assertFalse(self._gift_column_hidden(form))

    def test_gift_field_in_phone_line_form(self):
        # Phones edit order lines in the line form, not in the list.
        arch = (
            self.env["sale.order"]
            .with_user(self.consultant)
            .get_view(view_type="form")["arch"]
        )
        gift_fields = etree.fromstring(arch).xpath(
            "//field[@name='order_line']/form//field[@name='is_gift']"
        )
        self.assertEqual(len(gift_fields), 1)
        self.assertEqual(gift_fields[0].get("invisible"), "not parent.is_vehicle_deal")

    def _package(self, pricing, price=0.0):
        return self.env["autocrm.decoration.package"].create(
            {
                "name": "Comfort Pack",
                "pricing": pricing,
                "package_price": price,
                "vehicle_model_ids": [Command.set(self.model_lavida.ids)],
                "line_ids": [
                    Command.create({"product_id": self.accessory.id}),
                    Command.create({"product_id": self.floor_mats.id}),
                    Command.create({"product_id": self.labour.id, "quantity": 2}),
                ],
            }
        )

    def _add_package(self, deal, package):
        wizard = (
            self.env["autocrm.deal.package.wizard"]
            .with_user(self.consultant)
            .with_context(active_model="sale.order", active_id=deal.id)
            .create({"package_id": package.id})
        )
        wizard.action_add()

    def test_package_priced_as_package(self):
        package = self._package("package", 2400)
        self.assertEqual(package.lines_total, 2800)
        deal = self._create_deal(self.dear_lot)
        self._add_package(deal, package)
        lines = deal.order_line.filtered("decoration_package_id")
        self.assertEqual(len(lines), 3)
        self.assertAlmostEqual(sum(lines.mapped("price_subtotal")), 2400)
        section = deal.order_line.filtered(lambda line: line.display_type)
        self.assertEqual(section.name, "Comfort Pack")
        self.assertEqual(deal.deal_discount_amount, 0)
        self.assertEqual(sum(lines.mapped("deal_cost")), 500 + 300 + 2 * 150)

    def test_package_priced_per_line(self):
        deal = self._create_deal(self.dear_lot)
        self._add_package(deal, self._package("lines"))
        lines = deal.order_line.filtered("decoration_package_id")
        self.assertEqual(sorted(lines.mapped("price_unit")), [400, 800, 1200])

    def test_package_on_confirmed_deal(self):
        deal = self._create_deal(self.dear_lot)
        deal.action_confirm()
        self._add_package(deal, self._package("package", 2400))
        lines = deal.order_line.filtered("decoration_package_id")
        self.assertEqual(len(lines), 3)
        self.assertAlmostEqual(sum(lines.mapped("price_subtotal")), 2400)

    def test_empty_package_refused(self):
        package = self.env["autocrm.decoration.package"].create({"name": "Empty"})
        deal = self._create_deal(self.dear_lot)
        with self.assertRaisesRegex(UserError, "has no lines"):
            self._add_package(deal, package)

    # Expected profit

    def test_expected_profit_uses_own_vin_cost(self):
        dear_deal = self._create_deal(self.dear_lot)
        cheap_deal = self._create_deal(self.cheap_lot)
        self.assertEqual(dear_deal.deal_cost, 99000)
        self.assertEqual(cheap_deal.deal_cost, 95000)
        self.assertEqual(dear_deal.expected_gross_profit, 21000)
        self.assertEqual(cheap_deal.expected_gross_profit, 25000)

    def test_expected_profit_shows_discount_effect(self):
        deal = self._create_deal(self.dear_lot)
        deal.vehicle_line_id.discount = 10
        self.assertEqual(deal.expected_gross_profit, 108000 - 99000)

    def test_expected_profit_counts_third_party_income(self):
        deal = self._create_deal(self.dear_lot)
        self._create_policy(deal, premium=5000, rate=20)
        self.env["autocrm.deal.finance"].create(
            {
                "order_id": deal.id,
                "lender_id": self.lender.id,
                "amount": 60000,
                "commission_amount": 1500,
            }
        )
        self.assertEqual(deal.deal_third_party_income, 1000 + 1500)
        self.assertEqual(deal.expected_gross_profit, 21000 + 2500)

    # Deposit

    def test_deposit_invoiced_as_down_payment(self):
        deal = self._create_deal(self.dear_lot, deposit_amount=10000)
        deal.action_confirm()
        deal.action_create_deposit_invoice()
        invoice = deal.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_untaxed, 10000)
        self.assertTrue(invoice.invoice_line_ids.sale_line_ids.is_downpayment)

    def test_deposit_before_confirmation_refused(self):
        deal = self._create_deal(self.dear_lot, deposit_amount=10000)
        with self.assertRaisesRegex(UserError, "before invoicing its deposit"):
            deal.action_create_deposit_invoice()

    def test_deposit_without_amount_refused(self):
        deal = self._create_deal(self.dear_lot)
        deal.action_confirm()
        with self.assertRaisesRegex(UserError, "no deposit amount"):
            deal.action_create_deposit_invoice()

    # Insurance

    def _create_policy(self, deal, premium=5000, rate=15, user=None):
        return (
            self.env["autocrm.insurance.policy"]
            .with_user(user or self.fi_specialist)
            .create(
                {
                    "order_id": deal.id,
                    "insurer_id": self.insurer.id,
                    "policy_type": "commercial",
                    "cover_ids": [
                        Command.link(
                            self.env.ref("autocrm_sales.insurance_cover_damage").id
                        )
                    ],
                    "premium": premium,
                    "rebate_rate": rate,
                    "start_date": "2026-01-10",
                    "end_date": "2027-01-09",
                }
            )
        )

    def test_insurance_rebate_invoiced_to_insurer(self):
        deal = self._create_deal(self.dear_lot)
        policy = self._create_policy(deal)
        self.assertEqual(policy.rebate_amount, 750)
        policy.policy_number = "PA-2026-001"
        policy.action_activate()
        policy.action_invoice_rebate()
        invoice = policy.rebate_invoice_id
        self.assertEqual(invoice.partner_id, self.insurer)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.amount_untaxed, 750)
        with self.assertRaisesRegex(UserError, "already on invoice"):
            policy.action_invoice_rebate()

    def test_inactive_policy_rebate_refused(self):
        policy = self._create_policy(self._create_deal(self.dear_lot))
        with self.assertRaisesRegex(UserError, "is not active"):
            policy.action_invoice_rebate()

    def test_policy_needs_number_to_activate(self):
        policy = self._create_policy(self._create_deal(self.dear_lot))
        with self.assertRaisesRegex(UserError, "policy number"):
            policy.action_activate()

    def test_policy_end_before_start_rejected(self):
        deal = self._create_deal(self.dear_lot)
        with self.assertRaisesRegex(ValidationError, "not after its start"):
            self.env["autocrm.insurance.policy"].create(
                {
                    "order_id": deal.id,
                    "insurer_id": self.insurer.id,
                    "premium": 900,
                    "start_date": "2026-05-01",
                    "end_date": "2026-04-30",
                }
            )

    def test_consultant_cannot_sell_insurance(self):
        deal = self._create_deal(self.dear_lot)
        with self.assertRaises(AccessError):
            self._create_policy(deal, user=self.consultant)

    # Finance

    def _create_finance(self, deal, **vals):
        return (
            self.env["autocrm.deal.finance"]
            .with_user(self.fi_specialist)
            .create(
                dict(
                    {
                        "order_id": deal.id,
                        "lender_id": self.lender.id,
                        "amount": 80000,
                        "term_months": 36,
                        "interest_rate": 3.5,
                        "commission_amount": 2000,
                        "service_fee": 1200,
                    },
                    **vals,
                )
            )
        )

    def test_finance_fee_charged_on_deal(self):
        deal = self._create_deal(self.dear_lot)
        finance = self._create_finance(deal)
        fee_line = finance.sale_line_id
        self.assertEqual(fee_line.order_id, deal)
        self.assertEqual(fee_line.price_unit, 1200)
        finance.service_fee = 800
        self.assertEqual(fee_line.price_unit, 800)
        self.assertGreater(finance.monthly_payment, 80000 / 36)

    def test_finance_commission_invoiced_to_lender(self):
        finance = self._create_finance(self._create_deal(self.dear_lot))
        with self.assertRaisesRegex(UserError, "is not approved"):
            finance.action_invoice_commission()
        finance.action_submit()
        finance.action_approve()
        finance.action_invoice_commission()
        invoice = finance.commission_invoice_id
        self.assertEqual(invoice.partner_id, self.lender)
        self.assertEqual(invoice.amount_untaxed, 2000)

    def test_finance_approval_needs_submission(self):
        finance = self._create_finance(self._create_deal(self.dear_lot))
        with self.assertRaisesRegex(UserError, "must be submitted"):
            finance.action_approve()

    def test_rejected_finance_drops_fee(self):
        deal = self._create_deal(self.dear_lot)
        finance = self._create_finance(deal)
        finance.action_submit()
        finance.action_reject()
        self.assertFalse(finance.sale_line_id)
        self.assertEqual(len(deal.order_line), 1)

    def test_loan_above_deal_total_rejected(self):
        deal = self._create_deal(self.dear_lot)
        with self.assertRaisesRegex(ValidationError, "more than the deal total"):
            self._create_finance(deal, amount=500000)

    # Agency services

    def test_agency_service_margin_and_bill(self):
        deal = self._create_deal(self.dear_lot)
        service = (
            self.env["autocrm.agency.service"]
            .with_user(self.consultant)
            .create(
                {
                    "order_id": deal.id,
                    "service_type": "registration",
                    "name": "Registration and plates",
                    "vendor_id": self.agent.id,
                    "price": 1500,
                    "cost": 900,
                }
            )
        )
        self.assertEqual(service.margin, 600)
        self.assertEqual(service.sale_line_id.price_unit, 1500)
        self.assertEqual(service.sale_line_id.deal_cost, 900)
        self.assertEqual(deal.deal_cost, 99000 + 900)
        service.action_create_vendor_bill()
        bill = service.vendor_bill_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.agent)
        self.assertEqual(bill.amount_untaxed, 900)

    def test_agency_bill_needs_vendor(self):
        deal = self._create_deal(self.dear_lot)
        service = self.env["autocrm.agency.service"].create(
            {"order_id": deal.id, "name": "Tax filing", "price": 300, "cost": 200}
        )
        with self.assertRaisesRegex(UserError, "has no vendor"):
            service.action_create_vendor_bill()

    def test_agency_service_removal_drops_line(self):
        deal = self._create_deal(self.dear_lot)
        service = self.env["autocrm.agency.service"].create(
            {"order_id": deal.id, "name": "Tax filing", "price": 300, "cost": 200}
        )
        service.unlink()
        self.assertEqual(len(deal.order_line), 1)

    # Delivery jobs

    def test_confirm_plans_delivery_jobs(self):
        deal = self._create_deal(self.dear_lot)
        self._skip_if_jobs_are_repair_orders(deal)
        deal.order_line = [Command.create({"product_id": self.accessory.id})]
        deal.action_confirm()
        types = deal.activity_ids.activity_type_id
        self.assertIn(self.env.ref("autocrm_sales.mail_activity_type_pdi"), types)
        self.assertIn(
            self.env.ref("autocrm_sales.mail_activity_type_installation"), types
        )
        self.assertEqual(deal.activity_ids.user_id, self.consultant)

    def test_no_installation_without_accessories(self):
        deal = self._create_deal(self.dear_lot)
        self._skip_if_jobs_are_repair_orders(deal)
        deal.action_confirm()
        self.assertEqual(
            deal.activity_ids.activity_type_id,
            self.env.ref("autocrm_sales.mail_activity_type_pdi"),
        )

    def _skip_if_jobs_are_repair_orders(self, deal):
        if "delivery_job_ids" in deal._fields:
            self.skipTest("autocrm_sales_workshop plans these jobs as repair orders")

    def test_complaint_can_point_to_deal(self):
        deal = self._create_deal(self.dear_lot)
        selection = self.env["autocrm.complaint"]._selection_document_ref()
        self.assertIn(("sale.order", "Vehicle Deal"), selection)
        self.assertTrue(deal)
