from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPhoneTour(HttpCase):
    """A consultant goes from a walk-in to a booked test drive on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.consultant = new_test_user(
            cls.env,
            login="tour_consultant",
            name="Tour Consultant",
            groups="autocrm_crm.group_sales_consultant",
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tourbrand"})
        model = cls.env["fleet.vehicle.model"].create(
            {"name": "Tourer", "brand_id": brand.id}
        )
        cls.demo_car = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "license_plate": "TOUR-1", "is_demo_car": True}
        )

    def test_walk_in_to_booked_test_drive(self):
        self.start_tour(
            "/odoo/action-autocrm_crm.autocrm_showroom_visit_action",
            "autocrm_crm_phone_walk_in_to_test_drive",
            login=self.consultant.login,
        )
        visit = self.env["autocrm.showroom.visit"].search(
            [("visitor_name", "=", "Tour Walk-in")]
        )
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.user_id, self.consultant)
        self.assertEqual(visit.lead_id.intent_level, "h")
        drive = self.env["autocrm.test.drive"].search(
            [("vehicle_id", "=", self.demo_car.id)]
        )
        self.assertEqual(len(drive), 1)
        self.assertEqual(drive.state, "booked")
        self.assertEqual(drive.lead_id, visit.lead_id)
        self.assertEqual(drive.visit_id, visit)
        self.assertEqual(drive.licence_number, "DL-778899")

        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "autocrm_crm_phone_lead_kanban",
            login=self.consultant.login,
        )
