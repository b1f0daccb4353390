"""Whole-store journeys in Chromium, each step done by the role that does it.

Every journey is a chain of browser tours. Between two tours the test checks
the database state that the first one reached, so a tour that clicks through
without effect fails here.

When the environment variable AUTOCRM_SCREENSHOTS names a folder, the tours
that end on a main screen save it there as a PNG, through the Chrome DevTools
protocol of Odoo's test browser.
"""

import base64
import logging
import os
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.autocrm_sales.tests.common import finish_delivery_jobs

_logger = logging.getLogger(__name__)

SCREENSHOT_DIR_VARIABLE = "AUTOCRM_SCREENSHOTS"
PHONE_SIZE = "375x667"
# A valid SAIC Volkswagen VIN, typed by the tours too (store_journey_steps.js).
JOURNEY_VIN = "LSVUB65N9R2000001"


class StoreJourneyCase(HttpCase):
    """Store staff in every role, and a tour runner for phone and desktop."""

    # A full HD desktop shows every column of the dispatch board.
    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.consultant = cls._staff(
            "Chloe Consultant",
            "journey_consultant",
            "autocrm_crm.group_sales_consultant",
        )
        cls.consultant.deal_discount_limit = 2000
        cls.sales_manager = cls._staff(
            "Sam Manager", "journey_manager", "autocrm_crm.group_sales_manager"
        )
        cls.fi_specialist = cls._staff(
            "Fiona Finance", "journey_fi", "autocrm_sales.group_fi_specialist"
        )

        cls.foreman = cls._staff(
            "Frank Foreman",
            "journey_foreman",
            "autocrm_workshop.group_workshop_foreman",
        )
        cls.advisor = cls._staff(
            "Ava Advisor", "journey_advisor", "autocrm_workshop.group_service_advisor"
        )

        cls.security_guard = cls._staff(
            "Gus Guard", "journey_guard", "autocrm_sales.group_security_desk"
        )
        # NOTE: the store manager validates the vehicle delivery, because no
        # warehouse role can yet. The gate pass check of autocrm_sales reads
        # the deal and its gate passes with the user's own rights, and a
        # Parts Clerk or an Inventory user lacks them.
        cls.store_manager = cls._staff(
            "Stella Store", "journey_store", "autocrm_base.group_store_manager"
        )
        cls.customer_service = cls._staff(
            "Cleo Care", "journey_care", "autocrm_crm.group_customer_service"
        )
        cls.company.autocrm_customer_service_user_id = cls.customer_service

        # NOTE: the accountant has Inventory rights only because the deal
        # profitability export and its VIN search read stock.lot with the
        # user's own rights. Without them, both fail with an access error.
        cls.accountant = cls._staff(
            "Abe Accountant",
            "journey_accountant",
            "account.group_account_manager,autocrm_costing.group_costing_manager,"
            "stock.group_stock_user",
        )

    @classmethod
    def _staff(cls, name, login, groups):
        return new_test_user(cls.env, login=login, name=name, groups=groups)

    def _volkswagen(self):
        brands = self.env["fleet.vehicle.model.brand"]
        return brands.search([("name", "=", "Volkswagen")], limit=1) or brands.create(
            {"name": "Volkswagen"}
        )

    def _volkswagen_model(self, name):
        brand = self._volkswagen()
        models = self.env["fleet.vehicle.model"]
        return models.search(
            [("brand_id", "=", brand.id), ("name", "=", name)], limit=1
        ) or models.create({"name": name, "brand_id": brand.id})

    def _stock_location(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        return warehouse.lot_stock_id

    def _action_url(self, xmlid, record=None):
        url = f"/odoo/action-{xmlid}"
        return f"{url}/{record.id}" if record else url

    def _tour(self, url, tour_name, user=None, phone=False, screenshot=None):
        """Run a tour as ``user`` (the public visitor when None).

        ``phone`` runs it in a 375x667 touch screen instead of the desktop
        size. ``screenshot`` names the PNG saved when the tour succeeds and
        AUTOCRM_SCREENSHOTS is set.
        """
        size, touch = self.browser_size, self.touch_enabled
        if phone:
            self.browser_size, self.touch_enabled = PHONE_SIZE, True
        try:
            with self._screenshot_on_success(screenshot):
                self.start_tour(url, tour_name, login=user and user.login)
        finally:
            self.browser_size, self.touch_enabled = size, touch
        self.env.invalidate_all()

    def _screenshot_on_success(self, name):
        folder = os.environ.get(SCREENSHOT_DIR_VARIABLE)
        if not (folder and name):
            return nullcontext()
        path = Path(folder, f"{name}.png")
        run_tour = ChromeBrowser._wait_code_ok

        def run_tour_then_capture(browser, *args, **kwargs):
            result = run_tour(browser, *args, **kwargs)
            # The tour succeeded, so its last screen is still on display. Let
            # the requests it started finish, so that no "Loading" badge shows.
            browser._wait_ready(
                "!document.querySelector('.o_loading_indicator')", timeout=10
            )
            shot = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(shot["data"]))
            _logger.info("Saved the screenshot %s", path)
            return result

        return patch.object(ChromeBrowser, "_wait_code_ok", run_tour_then_capture)


@tagged("post_install", "-at_install")
class TestStoreJourneys(StoreJourneyCase):
    def _setup_showroom(self):
        """Create the showroom: demo car, VIN in stock, accessories, partners."""
        self.model = self._volkswagen_model("Tiguan L")
        self.demo_car = self.env["fleet.vehicle"].create(
            {
                "model_id": self.model.id,
                "license_plate": "DEMO-TL1",
                "is_demo_car": True,
                "odometer": 1520,
            }
        )

        self.vehicle = self.env["product.product"].create(
            {
                "name": "Tiguan L 330TSI Elite",
                "is_vehicle": True,
                "vehicle_model_id": self.model.id,
                "list_price": 250000,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        self.lot = self.env["stock.lot"].create(
            {
                "name": JOURNEY_VIN,
                "product_id": self.vehicle.id,
                "standard_price": 212400,
            }
        )

        self.dash_camera, self.floor_mats, self.fitting = self.env[
            "product.product"
        ].create(
            [
                {
                    "name": "Journey Dash Camera",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 1200,
                    "standard_price": 500,
                    "taxes_id": [Command.clear()],
                },
                {
                    "name": "Journey Floor Mats",
                    "is_storable": True,
                    "part_type": "accessory",
                    "list_price": 800,
                    "standard_price": 300,
                    "taxes_id": [Command.clear()],
                },
                {
                    "name": "Journey Accessory Fitting",
                    "type": "service",
                    "list_price": 400,
                    "standard_price": 150,
                    "taxes_id": [Command.clear()],
                },
            ]
        )

        stock = self._stock_location()
        quants = self.env["stock.quant"]
        quants._update_available_quantity(self.vehicle, stock, 1, lot_id=self.lot)
        quants._update_available_quantity(self.dash_camera, stock, 10)
        quants._update_available_quantity(self.floor_mats, stock, 10)

        self.package = self.env["autocrm.decoration.package"].create(
            {
                "name": "Tiguan Comfort Pack",
                "vehicle_model_ids": [Command.set(self.model.ids)],
                "package_price": 1500,
                "line_ids": [
                    Command.create({"product_id": self.dash_camera.id}),
                    Command.create({"product_id": self.fitting.id}),
                ],
            }
        )

        self.insurer, self.lender = self.env["res.partner"].create(
            [{"name": "Huatai Motor Insurance"}, {"name": "Volkswagen Finance"}]
        )

    def test_walk_in_to_delivery(self):
        self._setup_showroom()
        self._tour(
            self._action_url("autocrm_crm.autocrm_showroom_visit_action"),
            "autocrm_journey_walk_in_phone",
            self.consultant,
            phone=True,
        )
        visit = self.env["autocrm.showroom.visit"].search(
            [("visitor_name", "=", "Lena Walker")]
        )
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.lead_id.intent_level, "h")
        self.assertEqual(visit.lead_id.user_id, self.consultant)
        drive = visit.test_drive_ids
        self.assertEqual(drive.state, "done")
        self.assertEqual(drive.vehicle_id, self.demo_car)
        self.assertEqual(drive.odometer_in, 1535)
        self.assertEqual(self.demo_car.odometer, 1535)

        # The consultant writes the deal on the phone and requests the approval
        # of a discount above their limit.
        self._tour(
            self._action_url("autocrm_sales.sale_order_action_vehicle_deals"),
            "autocrm_journey_deal_phone",
            self.consultant,
            phone=True,
            screenshot="deal_form_phone",
        )
        deal = self.env["sale.order"].search([("partner_id.name", "=", "Lena Walker")])
        self.assertEqual(len(deal), 1)
        self.assertEqual(deal.user_id, self.consultant)
        self.assertEqual(deal.vehicle_lot_id, self.lot)
        self.assertEqual(deal.opportunity_id, visit.lead_id)
        self.assertEqual(deal.vehicle_line_id.price_unit, 246000)
        package_lines = deal.order_line.filtered("decoration_package_id")
        self.assertEqual(package_lines.product_id, self.dash_camera | self.fitting)
        self.assertEqual(sum(package_lines.mapped("price_subtotal")), 1500)
        self.assertEqual(deal.deposit_amount, 10000)
        self.assertEqual(deal.deal_discount_amount, 4000)
        self.assertEqual(deal.discount_approval_state, "to_approve")
        approval = deal.activity_ids.filtered(
            lambda activity: activity.user_id == self.sales_manager
        )
        self.assertEqual(len(approval), 1)

        deal_url = self._action_url(
            "autocrm_sales.sale_order_action_vehicle_deals", deal
        )
        self._tour(deal_url, "autocrm_journey_deal_approval", self.sales_manager)
        self.assertEqual(deal.discount_approval_state, "approved")
        self.assertEqual(deal.discount_approved_by_id, self.sales_manager)
        gift = deal.order_line.filtered("is_gift")
        self.assertEqual(gift.product_id, self.floor_mats)
        self.assertEqual(gift.price_subtotal, 0)
        self.assertNotIn(approval, deal.activity_ids)

        self._tour(deal_url, "autocrm_journey_deal_fi", self.fi_specialist)
        policy = deal.insurance_policy_ids
        self.assertEqual(policy.insurer_id, self.insurer)
        self.assertEqual(policy.state, "active")
        self.assertEqual(policy.rebate_amount, 744)
        finance = deal.finance_ids
        self.assertEqual(finance.lender_id, self.lender)
        self.assertEqual(finance.state, "approved")
        fee_line = finance.sale_line_id
        self.assertEqual(fee_line.order_id, deal)
        self.assertEqual(fee_line.price_unit, 500)

        self._tour(
            deal_url, "autocrm_journey_deal_confirm_phone", self.consultant, phone=True
        )
        self.assertEqual(deal.state, "sale")
        self.assertEqual(self.lot.reserved_order_id, deal)
        deposit = deal.invoice_ids
        self.assertEqual(len(deposit), 1)
        self.assertEqual(deposit.amount_total, 10000)
        self.assertEqual(
            sorted(deal.delivery_job_ids.mapped("deal_job_type")),
            ["installation", "pdi"],
        )
        self.assertEqual(deal.gate_pass_ids.state, "requested")

        self._tour(deal_url, "autocrm_journey_delivery_jobs", self.foreman)
        jobs = deal.delivery_job_ids
        self.assertEqual(jobs.mapped("workshop_state"), ["ready", "ready"])
        self.assertEqual(jobs.quality_inspector_id, self.foreman)

        self._tour(
            self._action_url("autocrm_sales.autocrm_gate_pass_action"),
            "autocrm_journey_gate_pass",
            self.security_guard,
        )
        self.assertEqual(deal.gate_pass_ids.state, "approved")
        self.assertEqual(deal.gate_pass_ids.approved_by_id, self.security_guard)

        picking = deal.picking_ids
        self._tour(
            self._action_url("stock.action_picking_tree_all", picking),
            "autocrm_journey_vehicle_delivery",
            self.store_manager,
        )
        self.assertEqual(picking.state, "done")
        self.assertTrue(deal.vehicle_delivered)
        self.assertEqual(self.lot.vin_state, "delivered")
        owner_vehicle = self.lot.fleet_vehicle_id
        self.assertEqual(owner_vehicle.owner_id, deal.partner_id)
        self.assertEqual(owner_vehicle.odometer, 12)
        self.assertEqual(owner_vehicle.insurance_expiry_date, policy.end_date)
        followups = self.env["autocrm.followup"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", deal.id)]
        )
        call = followups.filtered(
            lambda followup: (
                followup.rule_id
                == self.env.ref("autocrm_crm.followup_rule_delivery_call_1")
            )
        )
        self.assertEqual(call.state, "scheduled")
        self.assertEqual(call.activity_id.user_id, self.consultant)
        survey_followup = followups.filtered(
            lambda followup: (
                followup.rule_id
                == self.env.ref("autocrm_crm.followup_rule_delivery_survey")
            )
        )
        self.assertEqual(survey_followup.state, "planned")

        self._tour(
            deal_url, "autocrm_journey_first_call_phone", self.consultant, phone=True
        )
        self.assertNotIn(call.activity_id, deal.activity_ids)
        self.assertTrue(
            deal.message_ids.filtered(
                lambda message: "first service is due" in (message.body or "")
            )
        )

        # Three days after the delivery the hourly job sends the survey.
        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            self.env["autocrm.followup"]._cron_send_due_surveys()
        self.assertEqual(survey_followup.state, "sent")
        answer = survey_followup.user_input_id
        self.assertEqual(answer.partner_id, deal.partner_id)
        self._tour(answer.get_start_url(), "autocrm_journey_sales_survey", phone=True)
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.nps_score, 9)
        self.assertFalse(answer.complaint_ids)

    def _setup_workshop(self):
        """Create the customer's car, a technician, a bay, labour and parts."""
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Journey workshop, open all week",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                        }
                    )
                    for day in range(7)
                ],
            }
        )

        technician_user = self._staff(
            "Tom Technician", "journey_technician", "autocrm_workshop.group_technician"
        )
        self.technician = self.env["hr.employee"].create(
            {
                "name": "Tom Technician",
                "user_id": technician_user.id,
                "is_workshop_technician": True,
                "resource_calendar_id": calendar.id,
                "tz": "UTC",
            }
        )

        self.env["autocrm.service.bay"].create({"name": "Journey Bay"})

        brand = self._volkswagen()
        self.oem = self.env["res.partner"].create({"name": "SAIC Volkswagen Sales"})
        brand.write({"warranty_partner_id": self.oem.id, "warranty_labour_rate": 60})
        model = self._volkswagen_model("Passat")

        self.owner = self.env["res.partner"].create(
            {"name": "Marco Rossi", "email": "marco.rossi@example.com"}
        )
        self.car = self.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "license_plate": "SH-J2024",
                "owner_id": self.owner.id,
                "odometer": 12800,
            }
        )

        operations = self.env["autocrm.labour.operation"].create(
            [
                {
                    "code": "JNY-OIL",
                    "name": "Journey oil service",
                    "flat_rate_hours": 1.0,
                    "labour_rate": 90,
                },
                {
                    "code": "JNY-SW",
                    "name": "Journey software update",
                    "flat_rate_hours": 0.5,
                    "labour_rate": 90,
                },
                {
                    "code": "JNY-BRK",
                    "name": "Journey front brake pads",
                    "flat_rate_hours": 1.5,
                    "labour_rate": 90,
                },
            ]
        )
        self.oil_service, self.software_update, self.brake_job = operations

        self.oil_filter, self.brake_pads = self.env["product.product"].create(
            [
                {
                    "name": "Journey Oil Filter",
                    "is_storable": True,
                    "list_price": 30,
                    "standard_price": 12.5,
                    "taxes_id": [Command.clear()],
                },
                {
                    "name": "Journey Brake Pad Set",
                    "is_storable": True,
                    "list_price": 120,
                    "standard_price": 60,
                    "taxes_id": [Command.clear()],
                },
            ]
        )
        stock = self._stock_location()
        for part in self.oil_filter | self.brake_pads:
            self.env["stock.quant"]._update_available_quantity(part, stock, 10)

    def _clocked_earlier(self, log, minutes):
        """Move the start of a clock back, as if the work took ``minutes``."""
        log.date_start -= timedelta(minutes=minutes)

    def test_service_visit(self):
        self._setup_workshop()
        self._tour(
            self._action_url("autocrm_workshop.autocrm_service_appointment_action")
            + "/new",
            "autocrm_journey_service_reception",
            self.advisor,
        )
        appointment = self.env["autocrm.service.appointment"].search(
            [("vehicle_id", "=", self.car.id)]
        )
        self.assertEqual(appointment.state, "checked_in")
        self.assertEqual(appointment.technician_id, self.technician)
        repair = appointment.repair_id
        self.assertEqual(repair.partner_id, self.owner)
        self.assertEqual(repair.workshop_state, "in_progress")
        self.assertEqual(repair.odometer_in, 18240)
        self.assertEqual(repair.fuel_level, "half")
        self.assertEqual(self.car.odometer, 18240)
        labour = repair.labour_line_ids
        oil = labour.filtered(lambda line: line.operation_id == self.oil_service)
        update = labour.filtered(lambda line: line.operation_id == self.software_update)
        self.assertEqual(oil.payer, "customer")
        self.assertEqual(update.payer, "warranty")
        self.assertEqual(labour.mapped("approval_state"), ["approved", "approved"])
        self.assertEqual(oil.technician_ids, self.technician)
        filter_move = repair.move_ids.filtered(
            lambda move: move.product_id == self.oil_filter
        )
        self.assertEqual(filter_move.approval_state, "approved")

        my_labour = self._action_url(
            "autocrm_workshop.autocrm_labour_line_action_my_lines"
        )
        self._tour(
            my_labour, "autocrm_journey_service_clock_on", self.technician.user_id
        )
        oil_log = oil.time_log_ids
        self.assertEqual(oil_log.employee_id, self.technician)
        self.assertFalse(oil_log.date_stop)
        self._clocked_earlier(oil_log, 50)

        repair_url = self._action_url(
            "autocrm_workshop.repair_order_action_workshop", repair
        )
        self._tour(repair_url, "autocrm_journey_service_extra_work", self.advisor)
        brakes = repair.labour_line_ids.filtered(
            lambda line: line.operation_id == self.brake_job
        )
        pads = repair.move_ids.filtered(lambda move: move.product_id == self.brake_pads)
        for line in (brakes, pads):
            self.assertEqual(line.approval_state, "approved")
            self.assertEqual(line.decision_partner_id, self.owner)
            self.assertEqual(line.decision_user_id, self.advisor)
        self.assertEqual(brakes.technician_ids, self.technician)

        self._tour(
            my_labour, "autocrm_journey_service_clock_switch", self.technician.user_id
        )
        self.assertTrue(oil_log.date_stop)
        brake_log = brakes.time_log_ids
        self.assertTrue(brake_log.date_stop)
        self._clocked_earlier(brake_log, 80)
        self.assertAlmostEqual(repair.clocked_hours, 130 / 60, places=1)

        self._tour(
            self._action_url("autocrm_workshop.repair_order_action_dispatch"),
            "autocrm_journey_service_quality",
            self.foreman,
            screenshot="dispatch_board",
        )
        self.assertEqual(repair.workshop_state, "ready")
        self.assertEqual(repair.quality_inspector_id, self.foreman)
        self.assertEqual(set(repair.quality_check_line_ids.mapped("result")), {"pass"})

        self._tour(
            repair_url,
            "autocrm_journey_service_delivery",
            self.advisor,
            screenshot="repair_order",
        )
        self.assertEqual(repair.workshop_state, "delivered")
        invoice = repair.workshop_invoice_ids
        self.assertEqual(invoice.partner_id, self.owner)
        # Oil service 90, brake pads labour 1.5 h x 90, filter 30, pads 120.
        self.assertEqual(invoice.amount_untaxed, 90 + 135 + 30 + 120)
        claim = repair.warranty_claim_ids
        self.assertEqual(claim.partner_id, self.oem)
        self.assertEqual(claim.claimed_amount, 0.5 * 60)
        followups = self.env["autocrm.followup"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", repair.id)]
        )
        call = followups.filtered(
            lambda followup: (
                followup.rule_id
                == self.env.ref("autocrm_crm.followup_rule_repair_call_3")
            )
        )
        self.assertEqual(call.activity_id.user_id, self.customer_service)
        self.assertEqual(
            call.activity_id.date_deadline, fields.Date.today() + timedelta(days=3)
        )
        survey_followup = followups.filtered(
            lambda followup: (
                followup.rule_id
                == self.env.ref("autocrm_crm.followup_rule_repair_survey")
            )
        )
        self.assertEqual(survey_followup.state, "planned")

        # Three days later the survey (due after one day) has gone out, and
        # the customer answers it with a low score.
        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            self.env["autocrm.followup"]._cron_send_due_surveys()
        answer = survey_followup.user_input_id
        self.assertTrue(answer)
        self._tour(answer.get_start_url(), "autocrm_journey_service_survey")
        self.assertEqual(answer.nps_score, 3)
        complaint = answer.complaint_ids
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.partner_id, self.owner)
        self.assertEqual(complaint.category, "service")
        self.assertEqual(complaint.severity, "high")
        self.assertEqual(complaint.user_id, self.customer_service)
        self.assertEqual(complaint.document_ref, repair)

        self._tour(
            self._action_url("autocrm_crm.autocrm_complaint_action"),
            "autocrm_journey_service_complaint",
            self.customer_service,
        )
        self.assertEqual(complaint.state, "resolved")
        self.assertIn("free car wash", complaint.resolution)

    def _sell_and_deliver_vehicle(self):
        """Sell the VIN with its accessories, invoice, pay and deliver it.

        The steps are those of the walk-in journey, done in Python by the
        same roles, so that the month has a delivered deal to report.
        """
        self._setup_showroom()
        buyer = self.env["res.partner"].create({"name": "Hana Kim"})
        deal = (
            self.env["sale.order"]
            .with_user(self.consultant)
            .create(
                {
                    "partner_id": buyer.id,
                    "user_id": self.consultant.id,
                    "is_vehicle_deal": True,
                    "vehicle_lot_id": self.lot.id,
                }
            )
        )
        deal.order_line = self.package._prepare_order_line_commands(deal) + [
            Command.create({"product_id": self.floor_mats.id, "is_gift": True})
        ]
        deal.vehicle_line_id.price_unit = 246000
        deal.with_user(self.sales_manager).action_approve_discount()
        deal.with_user(self.consultant).action_confirm()
        invoice = deal._create_invoices(final=True)
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        finish_delivery_jobs(self.env, deal)
        deal.with_user(self.consultant).action_request_gate_pass()
        deal.gate_pass_ids.with_user(self.security_guard).action_approve()
        picking = deal.picking_ids
        picking.move_ids.picked = True
        picking.with_user(self.store_manager).button_validate()
        self.assertTrue(deal.vehicle_delivered)
        return deal

    @contextmanager
    def _record_xlsx_exports(self):
        """Yield a list that collects (report name, ids, workbook) per export.

        The server's own rendering runs, and the wrapper only keeps a copy of
        the workbook that it returns.
        """
        exports = []
        report_class = self.registry["ir.actions.report"]
        render = report_class._render_xlsx

        def render_and_record(report, report_ref, docids, data):
            result = render(report, report_ref, docids, data)
            workbook = openpyxl.load_workbook(BytesIO(result[0])).active
            exports.append((report_ref, list(docids or []), workbook))
            return result

        with patch.object(report_class, "_render_xlsx", render_and_record):
            yield exports

    def test_month_end(self):
        deal = self._sell_and_deliver_vehicle()
        self.env.flush_all()
        profit = self.env["autocrm.costing.deal"].search([("deal_id", "=", deal.id)])
        self.assertEqual(profit.vehicle_revenue, 246000)
        self.assertEqual(profit.gift_cost, 300)

        with self._record_xlsx_exports() as exports:
            self._tour(
                self._action_url("autocrm_costing.autocrm_costing_deal_action"),
                "autocrm_journey_deal_profit_export",
                self.accountant,
                screenshot="deal_profitability",
            )
        self.assertEqual(len(exports), 1)
        report_name, docids, sheet = exports[0]
        self.assertEqual(report_name, "autocrm_costing.deal_xlsx")
        self.assertEqual(docids, profit.ids)
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = next(row for row in rows if row[0] == "Vehicle Deal")
        deal_row = next(row for row in rows if row[0] == deal.name)
        self.assertEqual(deal_row[header.index("VIN")], JOURNEY_VIN)
        self.assertEqual(deal_row[header.index("Customer")], "Hana Kim")
        self.assertAlmostEqual(
            deal_row[header.index("Gross Profit")], profit.gross_profit, places=2
        )

        results = self.env["autocrm.costing.department.result"].search(
            [("company_id", "=", self.company.id)]
        )
        new_vehicles = results.filtered(
            lambda result: (
                result.department_id
                == self.env.ref("autocrm_costing.department_new_vehicles")
                and result.month == fields.Date.start_of(fields.Date.today(), "month")
            )
        )
        self.assertGreaterEqual(new_vehicles.revenue, 246000)
        with self._record_xlsx_exports() as exports:
            self._tour(
                self._action_url(
                    "autocrm_costing.autocrm_costing_department_result_action"
                ),
                "autocrm_journey_department_export",
                self.accountant,
            )
        self.assertEqual(len(exports), 1)
        report_name, docids, sheet = exports[0]
        self.assertEqual(report_name, "autocrm_costing.department_result_xlsx")
        self.assertIn(new_vehicles.id, docids)
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = next(row for row in rows if row[0] == "Month")
        this_month = [
            row
            for row in rows
            if row[header.index("Department")] == "New Vehicles"
            and row[0].date() == new_vehicles.month
        ]
        self.assertEqual(len(this_month), 1)
        self.assertAlmostEqual(
            this_month[0][header.index("Revenue")], new_vehicles.revenue, places=2
        )
