from datetime import datetime, time

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.autocrm_sales.tests.common import make_vin

from .common import DealCostingCase


@tagged("post_install", "-at_install")
class TestDealJobCost(DealCostingCase):
    """The internal jobs of a deal are costed on the deal, not the workshop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.lot,) = cls._receive_vins(cls.vehicle, [(make_vin(701), 98000.0)])
        cls.fuse = cls.env["product.product"].create(
            {
                "name": "Fuse 10 A",
                "default_code": "N-010-0001",
                "is_storable": True,
                "standard_price": 12.5,
                "taxes_id": [Command.clear()],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.fuse, cls.stock_location, 10
        )
        cls.technician = cls.env["hr.employee"].create(
            {
                "name": "Tina Technician",
                "is_workshop_technician": True,
                "costing_hourly_cost": 40.0,
            }
        )

    def _deal_with_jobs(self):
        deal = self._create_deal(self.lot).with_env(self.env)
        deal.order_line = [Command.create({"product_id": self.accessory.id})]
        deal.action_confirm()
        inspection = deal.delivery_job_ids.filtered(
            lambda job: job.deal_job_type == "pdi"
        )
        self.assertEqual(inspection.service_type, "internal")
        return deal, inspection

    def _do_inspection(self, job):
        """Clock 1.5 h on the inspection and use one fuse, then finish it."""
        job.labour_line_ids = [
            Command.create(
                {
                    "name": "Pre-delivery inspection",
                    "hours": 1.0,
                    "labour_rate": 0.0,
                    "technician_ids": [Command.set(self.technician.ids)],
                }
            )
        ]
        job.move_ids = [
            Command.create(
                {
                    "repair_line_type": "add",
                    "product_id": self.fuse.id,
                    "product_uom_qty": 1,
                }
            )
        ]
        today = fields.Date.today()
        self.env["autocrm.time.log"].create(
            {
                "employee_id": self.technician.id,
                "labour_line_id": job.labour_line_ids.id,
                "date_start": datetime.combine(today, time(9)),
                "date_stop": datetime.combine(today, time(10, 30)),
            }
        )
        job.action_workshop_start()
        job.action_request_quality_check()
        job.quality_check_line_ids.result = "pass"
        job.action_sign_quality_check()
        job.action_workshop_ready()
        self.assertEqual(job.state, "done")

    def test_job_cost_is_deal_installation_cost(self):
        deal, inspection = self._deal_with_jobs()
        self._do_inspection(inspection)
        self.assertEqual(inspection.move_ids.payer, "internal")
        profit = self._profit(deal)
        # 1.5 h clocked x 40.00 + one fuse at 12.50.
        self.assertEqual(profit.installation_cost, 72.5)
        self.assertEqual(profit.installation_revenue, 0.0)
        self.assertEqual(profit.cost, 72.5)
        lines = self.env["autocrm.costing.line"].search(
            [("repair_id", "=", inspection.id)]
        )
        self.assertEqual(set(lines.mapped("category")), {"installation"})
        self.assertEqual(lines.deal_id, deal)
        self.assertEqual(
            lines.department_id,
            self.env.ref("autocrm_costing.department_accessories"),
        )

    def test_job_leaves_repair_figures(self):
        deal, inspection = self._deal_with_jobs()
        self._do_inspection(inspection)
        row = self.env["autocrm.costing.repair"].search(
            [("repair_id", "=", inspection.id)]
        )
        self.assertEqual(row.payer, "internal")
        self.assertEqual(row.deal_id, deal)
        self.assertEqual(row.deal_cost, 72.5)
        self.assertEqual(row.labour_cost, 0.0)
        self.assertEqual(row.parts_cost, 0.0)
        self.assertEqual(row.cost, 0.0)
        self.assertEqual(row.gross_profit, 0.0)
        service = self.env["autocrm.costing.line"].search(
            [
                ("repair_id", "=", inspection.id),
                (
                    "department_id",
                    "in",
                    (
                        self.env.ref("autocrm_costing.department_service_labour")
                        | self.env.ref("autocrm_costing.department_parts_workshop")
                    ).ids,
                ),
            ]
        )
        self.assertFalse(service)

    def test_job_cost_visible_to_deal_owner_only(self):
        deal, inspection = self._deal_with_jobs()
        self._do_inspection(inspection)
        lines = self.env["autocrm.costing.line"]
        domain = [("repair_id", "=", inspection.id)]
        own = lines.with_user(self.consultant).search(domain)
        self.assertEqual(sum(own.mapped("cost")), 72.5)
        self.assertFalse(lines.with_user(self.other_consultant).search(domain))
        deals = self.env["autocrm.costing.deal"].with_user(self.other_consultant)
        self.assertFalse(deals.search([("deal_id", "=", deal.id)]))
