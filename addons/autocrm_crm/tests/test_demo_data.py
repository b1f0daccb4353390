from odoo.tests import TransactionCase, tagged

from odoo.addons.autocrm_base.tools.vin import decode_vin, vin_problem

# Odoo's fleet demo vehicles, which this module's demo data gives real VINs,
# and the brand that each VIN's manufacturer code must decode to.
FLEET_DEMO_BRANDS = {
    "fleet.vehicle_1": "Nissan",
    "fleet.vehicle_2": "Ford",
    "fleet.vehicle_3": "Renault",
    "fleet.vehicle_4": "Volkswagen",
    "fleet.vehicle_5": "Toyota",
}


@tagged("post_install", "-at_install")
class TestDemoVehicleVins(TransactionCase):
    """The vehicles of a demo database follow the suite's VIN rules."""

    def setUp(self):
        super().setUp()
        module = self.env["ir.module.module"].search([("name", "=", "autocrm_crm")])
        if not module.demo:
            self.skipTest("the database has no demo data")

    def test_demo_vins_pass_vin_rules(self):
        vehicles = (
            self.env["fleet.vehicle"]
            .with_context(active_test=False)
            .search([("vin_sn", "!=", False)])
        )
        self.assertTrue(vehicles)
        for vehicle in vehicles:
            with self.subTest(vehicle=vehicle.display_name, vin=vehicle.vin_sn):
                self.assertIsNone(vin_problem(vehicle.vin_sn))

    def test_demo_vins_match_model_year(self):
        # The vehicles of the fleet and CRM demo data; other modules' demo
        # data may choose VINs of other model years.
        vehicle_ids = (
            self.env["ir.model.data"]
            .search(
                [
                    ("model", "=", "fleet.vehicle"),
                    ("module", "in", ("fleet", "autocrm_crm")),
                ]
            )
            .mapped("res_id")
        )
        vehicles = self.env["fleet.vehicle"].browse(vehicle_ids).filtered("vin_sn")
        self.assertGreaterEqual(len(vehicles), 10)
        for vehicle in vehicles:
            with self.subTest(vehicle=vehicle.display_name, vin=vehicle.vin_sn):
                self.assertTrue(vehicle.model_year)
                model_years = decode_vin(vehicle.vin_sn)["model_years"]
                self.assertIn(vehicle.model_year, model_years)

    def test_fleet_demo_vins_match_brand(self):
        for xmlid, brand in FLEET_DEMO_BRANDS.items():
            vehicle = self.env.ref(xmlid)
            with self.subTest(vehicle=xmlid, vin=vehicle.vin_sn):
                self.assertEqual(vehicle.model_id.brand_id.name, brand)
                self.assertIn(brand, decode_vin(vehicle.vin_sn)["manufacturer"])
