from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MONDAY


@tagged("post_install", "-at_install")
class TestAdvisorTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="tour_advisor",
            groups="autocrm_workshop.group_service_advisor",
        )

        calendar = cls.env["resource.calendar"].create(
            {"name": "Tour calendar", "tz": "UTC"}
        )
        technician_user = new_test_user(
            cls.env, login="tour_tech", groups="autocrm_workshop.group_technician"
        )
        cls.technician = cls.env["hr.employee"].create(
            {
                "name": "Tour Technician",
                "user_id": technician_user.id,
                "is_workshop_technician": True,
                "resource_calendar_id": calendar.id,
                "tz": "UTC",
            }
        )

        bay = cls.env["autocrm.service.bay"].create({"name": "Tour Bay"})
        customer = cls.env["res.partner"].create({"name": "Tour Customer"})
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tourmotors"})
        model = cls.env["fleet.vehicle.model"].create(
            {"name": "Tourer", "brand_id": brand.id}
        )
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "owner_id": customer.id, "license_plate": "TOUR-1"}
        )

        operation = cls.env["autocrm.labour.operation"].create(
            {
                "code": "TOUR-OIL",
                "name": "Tour oil change",
                "flat_rate_hours": 1.0,
                "labour_rate": 90.0,
            }
        )

        settings = cls.env["autocrm.service.type"]._get_for(
            "maintenance", cls.env.company
        ) or cls.env["autocrm.service.type"].create(
            {"name": "Maintenance", "code": "maintenance"}
        )
        settings.write(
            {
                "interval_months": 12,
                "interval_km": 15000,
                "check_item_ids": [
                    Command.clear(),
                    Command.create({"name": "Road test"}),
                ],
            }
        )

        cls.appointment = cls.env["autocrm.service.appointment"].create(
            {
                "partner_id": customer.id,
                "vehicle_id": cls.vehicle.id,
                "service_type": "maintenance",
                "bay_id": bay.id,
                "technician_id": cls.technician.id,
                "advisor_id": cls.advisor.id,
                "start_datetime": f"{MONDAY} 09:00:00",
                "operation_ids": [Command.set(operation.ids)],
            }
        )

    def test_advisor_from_appointment_to_delivery(self):
        action = self.env.ref("autocrm_workshop.autocrm_service_appointment_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{self.appointment.id}",
            "autocrm_workshop_advisor_tour",
            login="tour_advisor",
        )
        repair = self.appointment.repair_id
        self.assertEqual(repair.workshop_state, "delivered")
        self.assertEqual(repair.odometer_in, 15000)
        self.assertEqual(repair.fuel_level, "half")
        self.assertEqual(repair.quality_inspector_id, self.advisor)
        self.assertEqual(self.vehicle.next_service_odometer, 30000)
