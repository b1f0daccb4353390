from lxml import etree

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestTechnicianAccess(WorkshopCommon):
    """What a technician may read and change outside the workshop models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_job = cls._create_repair()
        cls.own_labour = cls._add_labour(cls.own_job, cls.op_oil, cls.tech_1)
        cls.own_part = cls._add_part(cls.own_job, cls.oil_filter)
        cls.other_job = cls._create_repair()
        cls.other_labour = cls._add_labour(cls.other_job, cls.op_brakes, cls.tech_2)
        cls.other_part = cls._add_part(cls.other_job, cls.brake_pads)

        cls.sale_order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create({"product_id": cls.oil_filter.id}),
                ],
            }
        )
        cls.purchase_order = cls.env["purchase.order"].create(
            {
                "partner_id": cls.oem.id,
                "order_line": [
                    Command.create({"product_id": cls.brake_pads.id}),
                ],
            }
        )
        cls.customer_invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.oil_filter.id, "price_unit": 20.0}
                    ),
                ],
            }
        )

    def _office_documents(self):
        return [
            self.sale_order,
            self.sale_order.order_line,
            self.purchase_order,
            self.customer_invoice,
        ]

    def test_technician_is_no_inventory_user(self):
        self.assertFalse(self.tech_user_1.has_group("stock.group_stock_user"))

    def test_technician_cannot_read_office_documents(self):
        for record in self._office_documents():
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    record.with_user(self.tech_user_1).read(["display_name"])

    def test_technician_cannot_search_office_documents(self):
        for record in self._office_documents():
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    self.env[record._name].with_user(self.tech_user_1).search([])

    def test_technician_cannot_write_sale_order(self):
        with self.assertRaises(AccessError):
            self.sale_order.with_user(self.tech_user_1).write({"note": "changed"})

    def test_technician_cannot_read_own_job_sale_order(self):
        self.own_job.action_create_sale_order()
        order = self.own_job.sale_order_id
        self.assertTrue(order)
        with self.assertRaises(AccessError):
            order.with_user(self.tech_user_1).read(["amount_total"])

    def test_technician_cannot_read_transfers(self):
        with self.assertRaises(AccessError):
            self.env["stock.picking"].with_user(self.tech_user_1).search([])

    def test_technician_sees_own_job_parts_only(self):
        moves = (
            self.env["stock.move"]
            .with_user(self.tech_user_1)
            .search([("repair_id", "in", (self.own_job | self.other_job).ids)])
        )
        self.assertEqual(moves, self.own_part)

    def test_technician_cannot_change_parts(self):
        with self.assertRaises(AccessError):
            self.own_part.with_user(self.tech_user_1).write({"product_uom_qty": 5.0})

    def test_technician_cannot_create_job(self):
        with self.assertRaises(AccessError):
            self.env["repair.order"].with_user(self.tech_user_1).create(
                {"partner_id": self.customer.id, "vehicle_id": self.vehicle.id}
            )

    def test_technician_form_shows_own_parts(self):
        job = self.own_job.with_user(self.tech_user_1)
        form = Form(job)
        self.assertEqual(len(form.move_ids), 1)
        self.assertEqual(len(form.labour_line_ids), 1)
        parts = job.web_read({"move_ids": {"fields": {"product_id": {}}}})
        self.assertEqual(parts[0]["move_ids"][0]["product_id"], self.oil_filter.id)

    def test_technician_vehicle_history_shows_own_parts(self):
        history = self.vehicle.with_user(self.tech_user_1).repair_part_move_ids
        self.assertEqual(history, self.own_part)

    def test_technician_own_flow(self):
        """Clock on and off, then hand the job to the quality check."""
        self.own_job.action_workshop_start()
        labour = self.own_labour.with_user(self.tech_user_1)
        labour.action_clock_on()
        self.assertTrue(labour.is_clock_running)
        labour.action_clock_off()
        self.assertFalse(labour.is_clock_running)
        self.assertEqual(labour.time_log_ids.employee_id, self.tech_1)
        self.own_job.with_user(self.tech_user_1).action_request_quality_check()
        self.assertEqual(self.own_job.workshop_state, "quality_check")
        figures = (
            self.env["autocrm.technician.performance"]
            .with_user(self.tech_user_1)
            .search([])
        )
        self.assertEqual(figures.employee_id, self.tech_1)

    def test_technician_opens_workshop_menus(self):
        """Load the list, kanban and form views of every visible Workshop menu."""
        user = self.tech_user_1
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        workshop_menus = self.env["ir.ui.menu"].search(
            [
                ("id", "child_of", self.env.ref("autocrm_workshop.menu_workshop").id),
                ("id", "in", list(visible_ids)),
            ]
        )
        visible = workshop_menus.filtered(
            lambda menu: menu.action and menu.action._name == "ir.actions.act_window"
        )
        self.assertTrue(visible)
        for menu in visible:
            action = menu.action
            with self.subTest(menu=menu.complete_name):
                model = self.env[action.res_model].with_user(user)
                view_types = action.view_mode.split(",")
                views = model.get_views(
                    [(False, view_type) for view_type in view_types]
                )
                domain = safe_eval(action.domain or "[]", {"uid": user.id})
                for view_type in set(view_types) & {"list", "kanban"}:
                    arch = etree.fromstring(views["views"][view_type]["arch"])
                    spec = {
                        field.get("name"): {}
                        for field in arch.iter("field")
                        if not any(
                            parent.tag == "field" for parent in field.iterancestors()
                        )
                    }
                    records = model.web_search_read(domain, spec, limit=20)
                    if "form" in view_types:
                        for values in records["records"][:3]:
                            Form(model.browse(values["id"]))

    def test_inventory_user_technician_sees_every_part(self):
        """The technician's part rule must not narrow an inventory user."""
        clerk = new_test_user(
            self.env,
            login="ws_tech_clerk",
            groups="autocrm_workshop.group_technician,stock.group_stock_user",
        )
        moves = (
            self.env["stock.move"]
            .with_user(clerk)
            .search([("repair_id", "in", (self.own_job | self.other_job).ids)])
        )
        self.assertEqual(moves, self.own_part | self.other_part)

    def test_advisor_sees_every_part(self):
        moves = (
            self.env["stock.move"]
            .with_user(self.advisor)
            .search([("repair_id", "in", (self.own_job | self.other_job).ids)])
        )
        self.assertEqual(moves, self.own_part | self.other_part)

    def test_demo_technician_cannot_read_sale_orders(self):
        """Check the demo login as shipped, when demo data is installed."""
        user = self.env.ref(
            "autocrm_workshop.user_technician_demo", raise_if_not_found=False
        )
        if not user:
            self.skipTest("demo data is not installed")
        self.assertFalse(user.has_group("stock.group_stock_user"))
        with self.assertRaises(AccessError):
            self.sale_order.with_user(user).read(["name"])
        jobs = self.env["repair.order"].with_user(user).search([])
        self.assertTrue(jobs)
        for job in jobs:
            with self.subTest(job=job.name):
                self.assertIn(user, job.technician_ids.user_id)
