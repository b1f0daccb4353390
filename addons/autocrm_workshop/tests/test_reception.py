from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestReception(WorkshopCommon):
    def test_customer_from_vehicle_owner(self):
        repair = self.env["repair.order"].create({"vehicle_id": self.vehicle.id})
        self.assertEqual(repair.partner_id, self.customer)

    def test_customer_from_vehicle_owner_in_form(self):
        with Form(self.env["repair.order"].with_user(self.advisor)) as form:
            form.vehicle_id = self.vehicle
            self.assertEqual(form.partner_id, self.customer)

    def test_odometer_in_recorded_in_history(self):
        repair = self._create_repair(odometer_in=12000, fuel_level="half")
        reading = repair.odometer_reading_id
        self.assertEqual(reading.vehicle_id, self.vehicle)
        self.assertEqual(reading.value, 12000)
        self.assertEqual(self.vehicle.odometer, 12000)

    def test_odometer_in_correction_updates_reading(self):
        repair = self._create_repair(odometer_in=12000)
        repair.odometer_in = 12100
        self.assertEqual(repair.odometer_reading_id.value, 12100)
        self.assertEqual(
            self.env["fleet.vehicle.odometer"].search_count(
                [("vehicle_id", "=", self.vehicle.id)]
            ),
            1,
        )

    def test_backward_odometer_rejected(self):
        self._create_repair(odometer_in=12000)
        with self.assertRaisesRegex(ValidationError, "lower than the previous reading"):
            self._create_repair(odometer_in=11000)

    def test_backward_odometer_keeps_history(self):
        self._create_repair(odometer_in=12000)
        with self.assertRaises(ValidationError):
            self._create_repair(odometer_in=11000)
        self.assertEqual(
            self.env["fleet.vehicle.odometer"]
            .search([("vehicle_id", "=", self.vehicle.id)])
            .mapped("value"),
            [12000],
        )

    def test_odometer_without_vehicle_rejected(self):
        with self.assertRaisesRegex(ValidationError, "no vehicle"):
            self.env["repair.order"].create(
                {"partner_id": self.customer.id, "odometer_in": 5000}
            )

    def test_reception_fields_stored(self):
        photo = self.env["ir.attachment"].create(
            {"name": "scratch.png", "datas": "iVBORw0KGgo="}
        )
        repair = self._create_repair(
            customer_concerns="Rattle from the rear at 50 km/h",
            damage_notes="Scratch on the left rear door",
            damage_photo_ids=[(6, 0, photo.ids)],
            promised_datetime="2030-01-07 17:00:00",
            advisor_id=self.advisor.id,
        )
        self.assertEqual(repair.damage_photo_ids, photo)
        self.assertEqual(repair.advisor_id, self.advisor)
        self.assertEqual(repair.workshop_state, "reception")


@tagged("post_install", "-at_install")
class TestVehicleNotItsOwnPart(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.car_product = cls.env["product.product"].create(
            {"name": "Test Roadster (unit)", "is_storable": True, "tracking": "serial"}
        )
        cls.car_lot = cls.env["stock.lot"].create(
            {"name": "1HGCM82633A004352", "product_id": cls.car_product.id}
        )
        cls.vehicle.vin_sn = "1HGCM82633A004352"

    def test_product_to_repair_as_part_rejected(self):
        repair = self._create_repair(
            product_id=self.car_product.id, lot_id=self.car_lot.id
        )
        with self.assertRaisesRegex(ValidationError, "vehicle under repair"):
            self._add_part(repair, self.car_product)

    def test_vehicle_lot_as_part_rejected(self):
        repair = self._create_repair()
        move = self._add_part(repair, self.car_product)
        with self.assertRaisesRegex(ValidationError, "vehicle under repair"):
            self.env["stock.move.line"].create(
                {
                    "move_id": move.id,
                    "product_id": self.car_product.id,
                    "lot_id": self.car_lot.id,
                    "quantity": 1.0,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                }
            )

    def test_other_part_accepted(self):
        repair = self._create_repair(
            product_id=self.car_product.id, lot_id=self.car_lot.id
        )
        move = self._add_part(repair, self.oil_filter)
        self.assertEqual(move.repair_id, repair)
