import threading

from psycopg2.errors import UniqueViolation

from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .common import make_vin


@tagged("post_install", "-at_install")
class TestVinConcurrency(BaseCase):
    """Two deals confirm the same VIN in two real, concurrent transactions.

    The data is committed so that both transactions see it, and deleted
    again at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": "Race Brand"})
            model = env["fleet.vehicle.model"].create(
                {"name": "Race Model", "brand_id": brand.id}
            )
            product = env["product.product"].create(
                {
                    "name": "Race Car",
                    "is_vehicle": True,
                    "vehicle_model_id": model.id,
                    "list_price": 1000,
                }
            )
            lot = env["stock.lot"].create(
                {"name": make_vin(999001), "product_id": product.id}
            )
            partner = env["res.partner"].create({"name": "Race Customer"})
            deals = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "is_vehicle_deal": True,
                        "vehicle_lot_id": lot.id,
                    }
                    for _index in range(2)
                ]
            )
            self.ids = {
                "brand": brand.id,
                "model": model.id,
                "product": product.id,
                "lot": lot.id,
                "partner": partner.id,
                "deals": deals.ids,
            }
        self.addCleanup(self._delete_data)

    def _delete_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            deals = env["sale.order"].browse(self.ids["deals"]).exists()
            deals.picking_ids.move_ids.write({"state": "draft"})
            deals.picking_ids.move_ids.unlink()
            deals.picking_ids.unlink()
            deals.order_line.move_ids.unlink()
            deals.write({"state": "cancel"})
            lot = env["stock.lot"].browse(self.ids["lot"])
            lot.reserved_order_id = False
            env["mail.activity"].search(
                [("res_model", "=", "sale.order"), ("res_id", "in", deals.ids)]
            ).unlink()
            # With autocrm_sales_workshop the confirmation also created the
            # inspection job and the store's fleet vehicle for the VIN.
            if "delivery_job_ids" in deals._fields:
                deals.delivery_job_ids.unlink()
            env["fleet.vehicle"].with_context(active_test=False).search(
                [("vin_sn", "=", lot.name)]
            ).unlink()
            deals.unlink()
            lot.unlink()
            product = env["product.product"].browse(self.ids["product"])
            template = product.product_tmpl_id
            product.unlink()
            template.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            env["fleet.vehicle.model"].browse(self.ids["model"]).unlink()
            env["fleet.vehicle.model.brand"].browse(self.ids["brand"]).unlink()

    def _confirm_in_thread(self, deal_id, results, started):
        try:
            with self.registry.cursor() as cr:
                # The test runner holds the registry lock, so the transaction
                # is built on the registry already loaded.
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                deal = env["sale.order"].browse(deal_id)
                # Reading starts this transaction's snapshot before the
                # other transaction commits.
                deal.read(["name"])
                started.set()
                deal.action_confirm()
            results[deal_id] = "confirmed"
        except UserError as error:
            results[deal_id] = str(error)

    @mute_logger("odoo.addons.autocrm_sales.models.sale_order", "odoo.sql_db")
    def test_concurrent_confirmations_reserve_once(self):
        first_id, second_id = self.ids["deals"]
        results = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["sale.order"].browse(first_id).action_confirm()
            # The first transaction has locked the VIN row but not committed,
            # so the second one, started now, must wait for it.
            started = threading.Event()
            thread = threading.Thread(
                target=self._confirm_in_thread, args=(second_id, results, started)
            )
            thread.start()
            started.wait(10)
            thread.join(1)
            self.assertTrue(thread.is_alive(), "the second confirmation did not wait")
        # Leaving the block commits the first confirmation.
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertIn(second_id, results)
        self.assertIn("reserved by another deal at the same moment", results[second_id])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            deals = env["sale.order"].browse([first_id, second_id])
            lot = env["stock.lot"].browse(self.ids["lot"])
            self.assertEqual(lot.reserved_order_id.id, first_id)
            self.assertEqual(deals.mapped("state"), ["sale", "draft"])
            self.assertEqual(
                env["sale.order"].search_count(
                    [("vehicle_lot_id", "=", lot.id), ("state", "=", "sale")]
                ),
                1,
            )

    def test_unique_index_blocks_second_open_deal(self):
        """PostgreSQL itself refuses a second confirmed deal on one VIN."""
        first_id, second_id = self.ids["deals"]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["sale.order"].browse(first_id).action_confirm()
            with (
                self.assertRaises(UniqueViolation) as caught,
                mute_logger("odoo.sql_db"),
            ):
                with cr.savepoint():
                    env["sale.order"].browse(second_id).write({"state": "sale"})
                    env.flush_all()
            self.assertIn(
                "sale_order_vehicle_lot_open_deal_unique", str(caught.exception)
            )
            cr.rollback()
