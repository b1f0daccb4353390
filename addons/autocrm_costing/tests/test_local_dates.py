from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from odoo.addons.autocrm_sales.tests.common import make_vin

from .common import CostingCase, DealCostingCase

PARTS_COUNTER = "autocrm_costing.department_parts_counter"
# 2026-01-31 20:00 in Los Angeles (UTC-8), stored by Odoo in UTC.
EVENING_UTC = datetime(2026, 2, 1, 4, 0)
EVENING_LOCAL_DATE = date(2026, 1, 31)


@tagged("post_install", "-at_install")
class TestLocalDates(CostingCase):
    """Stock moves and clocked time count on the store's local date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "America/Los_Angeles"

    def test_stock_move_on_local_date(self):
        order, _invoice = self._counter_sale(4, 30.0)
        move = order.picking_ids.move_ids
        move.date = EVENING_UTC
        line = self.env["autocrm.costing.line"].search(
            [("stock_move_id", "=", move.id)]
        )
        self.assertEqual(line.date, EVENING_LOCAL_DATE)
        result = self.env["autocrm.costing.department.result"].search(
            [
                ("company_id", "=", self.company.id),
                ("month", "=", date(2026, 1, 1)),
                ("department_id", "=", self.env.ref(PARTS_COUNTER).id),
            ]
        )
        # 4 oil filters at the standard cost of 12.50.
        self.assertEqual(sum(result.mapped("cost")), 50.0)

    def test_clocked_time_on_local_date(self):
        technician = self.env["hr.employee"].create(
            {
                "name": "Tina Technician",
                "is_workshop_technician": True,
                "costing_hourly_cost": 30.0,
            }
        )
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "service_type": "repair",
                "labour_line_ids": [
                    Command.create(
                        {
                            "name": "Replace filter",
                            "hours": 1.0,
                            "labour_rate": 100.0,
                            "payer": "customer",
                            "approval_state": "approved",
                            "technician_ids": [Command.set(technician.ids)],
                        }
                    )
                ],
            }
        )
        log = self.env["autocrm.time.log"].create(
            {
                "employee_id": technician.id,
                "labour_line_id": repair.labour_line_ids.id,
                "date_start": datetime(2026, 2, 1, 2, 0),
                "date_stop": EVENING_UTC,
            }
        )
        line = self.env["autocrm.costing.line"].search(
            [("source", "=", "labour"), ("repair_id", "=", repair.id)]
        )
        self.assertEqual(line.cost, 60.0)  # 2 h clocked x 30.00
        self.assertEqual(line.date, EVENING_LOCAL_DATE)
        self.assertEqual(log.company_id, self.company)

        technician.user_id = self.consultant
        target = self.env["autocrm.costing.target"].create(
            {
                "kpi": "technician_efficiency",
                "user_id": self.consultant.id,
                "date_from": date(2026, 1, 1),
                "target_value": 100.0,
            }
        )
        # 1 flat-rate hour sold for 2 hours clocked on January's last evening.
        self.assertAlmostEqual(target.actual_value, 50.0, places=2)


@tagged("post_install", "-at_install")
class TestLocalDealDate(DealCostingCase):
    """An undelivered deal is dated on the store's local order date."""

    def _evening_deal(self, serial):
        """Return an invoiced, undelivered deal ordered at ``EVENING_UTC``."""
        (lot,) = self._receive_vins(self.vehicle, [(make_vin(serial), 100000.0)])
        deal = self._create_deal(lot).with_env(self.env)
        deal.action_confirm()
        deal._create_invoices().action_post()
        deal.date_order = EVENING_UTC
        return deal

    def test_deal_on_local_order_date(self):
        self.company.partner_id.tz = "America/Los_Angeles"
        deal = self._evening_deal(301)
        self.assertEqual(self._profit(deal).date, EVENING_LOCAL_DATE)

    def test_unknown_zone_falls_back_to_utc(self):
        # A zone name missing from PostgreSQL must not break the view.
        self.env.cr.execute(
            "UPDATE res_partner SET tz = 'Nowhere/Unknown' WHERE id = %s",
            (self.company.partner_id.id,),
        )
        self.company.resource_calendar_id.tz = "UTC"
        deal = self._evening_deal(302)
        self.env.invalidate_all()
        self.assertEqual(self._profit(deal).date, date(2026, 2, 1))
