import base64
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import VehicleSalesCase, make_vin


@tagged("post_install", "-at_install")
class TestVehicleProduct(VehicleSalesCase):
    def test_vehicle_product_tracked_by_vin(self):
        template = self.vehicle_template
        self.assertEqual(template.tracking, "serial")
        self.assertTrue(template.lot_valuated)
        self.assertTrue(template.is_storable)
        self.assertEqual(
            template.categ_id, self.env.ref("autocrm_sales.product_category_vehicles")
        )
        self.assertEqual(template.cost_method, "fifo")

    def test_vehicle_product_rejects_untracked(self):
        with self.assertRaises(ValidationError):
            self.vehicle_template.tracking = "none"

    def test_vehicle_product_rejects_pooled_valuation(self):
        with self.assertRaises(ValidationError):
            self.vehicle_template.lot_valuated = False

    def test_variants_carry_trim_and_colour(self):
        trim = self.env.ref("autocrm_sales.product_attribute_trim")
        colour = self.env.ref("autocrm_sales.product_attribute_colour")
        comfort, luxury = self.env["product.attribute.value"].create(
            [
                {"name": "Comfort", "attribute_id": trim.id},
                {"name": "Luxury", "attribute_id": trim.id},
            ]
        )
        white = self.env["product.attribute.value"].create(
            {"name": "Pearl White", "attribute_id": colour.id}
        )
        template = self.env["product.template"].create(
            {
                "name": "Sagitar",
                "is_vehicle": True,
                "vehicle_model_id": self.model_lavida.id,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": trim.id,
                            "value_ids": [Command.set([comfort.id, luxury.id])],
                        }
                    ),
                    Command.create(
                        {
                            "attribute_id": colour.id,
                            "value_ids": [Command.set(white.ids)],
                        }
                    ),
                ],
            }
        )
        self.assertEqual(len(template.product_variant_ids), 2)
        variant = template.product_variant_ids.filtered(
            lambda v: (
                luxury
                in v.product_template_attribute_value_ids.product_attribute_value_id
            )
        )
        lot = self.env["stock.lot"].create(
            {"name": make_vin(900), "product_id": variant.id}
        )
        self.assertEqual(lot.trim, "Luxury")
        self.assertEqual(lot.colour, "Pearl White")


@tagged("post_install", "-at_install")
class TestVinUnit(VehicleSalesCase):
    def test_vin_normalised(self):
        vin = make_vin(1)
        lot = self.env["stock.lot"].create(
            {"name": f" {vin[:8].lower()} {vin[8:]} ", "product_id": self.vehicle.id}
        )
        self.assertEqual(lot.name, vin)

    def test_vin_wrong_length_rejected(self):
        with self.assertRaisesRegex(ValidationError, "16 characters"):
            self.env["stock.lot"].create(
                {"name": make_vin(1)[:16], "product_id": self.vehicle.id}
            )

    def test_vin_wrong_check_digit_rejected(self):
        vin = make_vin(2)
        wrong = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
        with self.assertRaisesRegex(ValidationError, "check digit"):
            self.env["stock.lot"].create({"name": wrong, "product_id": self.vehicle.id})

    def test_vin_forbidden_letter_rejected(self):
        with self.assertRaisesRegex(ValidationError, "which VINs never use"):
            self.env["stock.lot"].create(
                {"name": "WVWZZZ1KZ6W00O001", "product_id": self.vehicle.id}
            )

    def test_non_vehicle_lot_keeps_its_name(self):
        part = self.env["product.product"].create(
            {"name": "Battery", "is_storable": True, "tracking": "lot"}
        )
        lot = self.env["stock.lot"].create({"name": "batch 7", "product_id": part.id})
        self.assertEqual(lot.name, "batch 7")

    def test_vin_unique_across_products(self):
        vin = make_vin(3)
        self.env["stock.lot"].create({"name": vin, "product_id": self.vehicle.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["stock.lot"].create(
                {"name": vin, "product_id": self.other_vehicle.id}
            )
            self.env.flush_all()

    def test_status_ordered_then_in_stock(self):
        vin = make_vin(4)
        lot = self.env["stock.lot"].create({"name": vin, "product_id": self.vehicle.id})
        self.assertEqual(lot.vin_state, "ordered")
        self.env["stock.quant"]._update_available_quantity(
            self.vehicle, self.stock_location, 1, lot_id=lot
        )
        self.assertEqual(lot.vin_state, "in_stock")

    def test_status_in_transit(self):
        lot = self.env["stock.lot"].create(
            {"name": make_vin(5), "product_id": self.vehicle.id}
        )
        transit = self.env["stock.location"].create(
            {"name": "Truck from the plant", "usage": "transit"}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.vehicle, transit, 1, lot_id=lot
        )
        self.assertEqual(lot.vin_state, "in_transit")

    @freeze_time("2026-03-01")
    def test_arrival_date_and_days_in_stock(self):
        lot = self._receive_vins(self.vehicle, [(make_vin(6), 98000)])
        self.assertEqual(lot.arrival_date, date(2026, 3, 1))
        with freeze_time("2026-04-15"):
            lot.invalidate_recordset(["days_in_stock"])
            self.assertEqual(lot.days_in_stock, 45)

    def test_each_vin_keeps_its_purchase_cost(self):
        cheap, dear = self._receive_vins(
            self.vehicle, [(make_vin(7), 95000), (make_vin(8), 99000)]
        )
        self.assertEqual(cheap.standard_price, 95000)
        self.assertEqual(dear.standard_price, 99000)


@tagged("post_install", "-at_install")
class TestVinReceipt(VehicleSalesCase):
    def _wizard(self, receipt, text, **vals):
        return (
            self.env["autocrm.vin.receipt.wizard"]
            .with_context(active_model="stock.picking", active_id=receipt.id)
            .create(dict({"vin_list": text}, **vals))
        )

    def test_pasted_list_received_in_one_step(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000, 96000, 96000])
        vins = [make_vin(serial) for serial in (11, 12, 13)]
        text = (
            f"{vins[0]}\tENG-11\tKEY-11\tCOC-11\n"
            "\n"
            f"{vins[1]};ENG-12\n"
            f"{vins[2].lower()}\n"
        )
        self._wizard(receipt, text).action_receive()
        self.assertEqual(receipt.state, "done")
        lots = receipt.move_line_ids.lot_id
        self.assertEqual(sorted(lots.mapped("name")), sorted(vins))
        first = lots.filtered(lambda lot: lot.name == vins[0])
        self.assertEqual(first.engine_number, "ENG-11")
        self.assertEqual(first.key_number, "KEY-11")
        self.assertEqual(first.certificate_number, "COC-11")
        self.assertEqual(set(lots.mapped("vin_state")), {"in_stock"})

    def test_partial_list_leaves_receipt_open(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000, 96000])
        self._wizard(receipt, make_vin(14)).action_receive()
        self.assertNotEqual(receipt.state, "done")
        self.assertEqual(len(receipt.move_line_ids.lot_id), 1)

    def test_invalid_vin_names_the_line(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000, 96000])
        text = f"{make_vin(15)}\nLSVAU2180N20000XX\n"
        with self.assertRaisesRegex(UserError, "line 2: VIN LSVAU2180N20000XX"):
            self._wizard(receipt, text).action_receive()
        self.assertFalse(receipt.move_line_ids.lot_id)

    def _byd_seal(self):
        model = self.env["fleet.vehicle.model"].create(
            {"name": "Seal", "brand_id": self.env.ref("fleet.brand_byd").id}
        )
        return self.env["product.product"].create(
            {"name": "BYD Seal", "is_vehicle": True, "vehicle_model_id": model.id}
        )

    def test_vin_of_other_maker_rejected(self):
        seal = self._byd_seal()
        receipt = self._purchase_vehicles(seal, [150000, 150000])
        byd_vin = make_vin(31, wmi="LGX", descriptor="CE4CB")
        vw_vin = make_vin(32, wmi="WVW", descriptor="ZZZ1K")
        with self.assertRaisesRegex(
            UserError,
            f"line 2: VIN {vw_vin} was made by Volkswagen, "
            "but BYD Seal is of the brand BYD",
        ):
            self._wizard(receipt, f"{byd_vin}\n{vw_vin}").action_receive()
        self.assertFalse(receipt.move_line_ids.lot_id)
        self._wizard(receipt, byd_vin).action_receive()
        self.assertEqual(receipt.move_line_ids.lot_id.name, byd_vin)

    def test_vin_of_joint_venture_accepted_when_named(self):
        audi = self.env.ref("fleet.brand_audi")
        model = self.env["fleet.vehicle.model"].create(
            {"name": "A6L", "brand_id": audi.id}
        )
        a6l = self.env["product.product"].create(
            {"name": "Audi A6L", "is_vehicle": True, "vehicle_model_id": model.id}
        )
        receipt = self._purchase_vehicles(a6l, [330000])
        # LFV is FAW-Volkswagen, which builds Audis in China.
        vin = make_vin(34, wmi="LFV", descriptor="A24F2")
        with self.assertRaisesRegex(
            UserError,
            f"VIN {vin} was made by FAW-Volkswagen, but Audi A6L is of the brand Audi",
        ):
            self._wizard(receipt, vin).action_receive()
        audi.vin_maker_names = "SAIC Volkswagen, FAW-Volkswagen"
        self._wizard(receipt, vin).action_receive()
        self.assertEqual(receipt.move_line_ids.lot_id.name, vin)

    def test_vin_of_unknown_brand_accepted(self):
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Horizon"})
        model = self.env["fleet.vehicle.model"].create(
            {"name": "H1", "brand_id": brand.id}
        )
        product = self.env["product.product"].create(
            {"name": "Horizon H1", "is_vehicle": True, "vehicle_model_id": model.id}
        )
        receipt = self._purchase_vehicles(product, [90000])
        vin = make_vin(33, wmi="WVW", descriptor="ZZZ1K")
        self._wizard(receipt, vin).action_receive()
        self.assertEqual(receipt.move_line_ids.lot_id.name, vin)

    def test_demo_reuses_fleet_brand(self):
        brands = self.env["fleet.vehicle.model.brand"]
        count = brands.search_count([])
        brand = self.env["autocrm.sales.demo"]._get_brand("BYD")
        self.assertEqual(brand, self.env.ref("fleet.brand_byd"))
        self.assertEqual(brands.search_count([]), count)

    def test_duplicate_vin_in_list_rejected(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000, 96000])
        vin = make_vin(16)
        with self.assertRaisesRegex(UserError, "already on line 1"):
            self._wizard(receipt, f"{vin}\n{vin}").action_receive()

    def test_more_vins_than_ordered_rejected(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000])
        with self.assertRaisesRegex(UserError, "expects only 1 more"):
            self._wizard(receipt, f"{make_vin(17)}\n{make_vin(18)}").action_receive()

    def test_vin_in_stock_elsewhere_rejected(self):
        vin = make_vin(19)
        self._receive_vins(self.vehicle, [(vin, 96000)])
        receipt = self._purchase_vehicles(self.vehicle, [96000])
        with self.assertRaisesRegex(UserError, "already registered"):
            self._wizard(receipt, vin).action_receive()

    def test_ordered_vin_reused_on_arrival(self):
        vin = make_vin(20)
        ordered = self.env["stock.lot"].create(
            {"name": vin, "product_id": self.vehicle.id}
        )
        receipt = self._purchase_vehicles(self.vehicle, [96000])
        self._wizard(receipt, f"{vin};ENG-20").action_receive()
        self.assertEqual(receipt.move_line_ids.lot_id, ordered)
        self.assertEqual(ordered.engine_number, "ENG-20")
        self.assertEqual(ordered.vin_state, "in_stock")

    def test_empty_list_rejected(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000])
        with self.assertRaisesRegex(UserError, "at least one VIN"):
            self._wizard(receipt, "\n \n").action_receive()

    def test_imported_file_received(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000, 96000])
        vins = [make_vin(21), make_vin(22)]
        content = f"VIN;Engine\n{vins[0]};E-21\n{vins[1]};E-22\n".encode()
        wizard = self._wizard(
            receipt,
            "",
            vin_file=base64.b64encode(content),
            vin_filename="vins.csv",
        )
        wizard.action_receive()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            sorted(receipt.move_line_ids.lot_id.mapped("engine_number")),
            ["E-21", "E-22"],
        )

    def test_binary_file_rejected(self):
        receipt = self._purchase_vehicles(self.vehicle, [96000])
        wizard = self._wizard(
            receipt,
            "",
            vin_file=base64.b64encode(b"\xff\xfe\x00VIN"),
            vin_filename="vins.xls",
        )
        with self.assertRaisesRegex(UserError, "vins.xls is not a UTF-8"):
            wizard.action_receive()
