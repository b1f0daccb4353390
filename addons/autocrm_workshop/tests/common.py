from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# A Monday far from today, so that no real booking interferes.
MONDAY = "2030-01-07"


class WorkshopCommon(TransactionCase):
    """A store with two technicians, two bays, a labour catalogue and parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Workshop 8-12 13-17 UTC",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.clear(),
                    *[
                        Command.create(
                            {
                                "name": f"Day {day} {period}",
                                "dayofweek": str(day),
                                "hour_from": hour_from,
                                "hour_to": hour_to,
                                "day_period": period,
                            }
                        )
                        for day in range(5)
                        for hour_from, hour_to, period in (
                            (8, 12, "morning"),
                            (13, 17, "afternoon"),
                        )
                    ],
                ],
            }
        )

        cls.advisor = new_test_user(
            cls.env,
            login="ws_advisor",
            groups="autocrm_workshop.group_service_advisor",
        )
        cls.foreman = new_test_user(
            cls.env,
            login="ws_foreman",
            groups="autocrm_workshop.group_workshop_foreman",
        )
        cls.warranty_admin = new_test_user(
            cls.env,
            login="ws_warranty",
            groups="autocrm_workshop.group_warranty_admin",
        )
        cls.tech_user_1 = new_test_user(
            cls.env, login="ws_tech_1", groups="autocrm_workshop.group_technician"
        )
        cls.tech_user_2 = new_test_user(
            cls.env, login="ws_tech_2", groups="autocrm_workshop.group_technician"
        )

        cls.tech_1, cls.tech_2 = cls.env["hr.employee"].create(
            [
                {
                    "name": "Tech One",
                    "user_id": cls.tech_user_1.id,
                    "is_workshop_technician": True,
                    "resource_calendar_id": cls.calendar.id,
                    "tz": "UTC",
                    "company_id": cls.company.id,
                },
                {
                    "name": "Tech Two",
                    "user_id": cls.tech_user_2.id,
                    "is_workshop_technician": True,
                    "resource_calendar_id": cls.calendar.id,
                    "tz": "UTC",
                    "company_id": cls.company.id,
                },
            ]
        )

        cls.bay_1, cls.bay_2 = cls.env["autocrm.service.bay"].create(
            [{"name": "Test Bay 1"}, {"name": "Test Bay 2"}]
        )

        cls.customer, cls.oem, cls.insurer = cls.env["res.partner"].create(
            [
                {"name": "Carla Customer"},
                {"name": "Motor Works OEM"},
                {"name": "Safe Insurance"},
            ]
        )

        cls.brand = cls.env["fleet.vehicle.model.brand"].create(
            {
                "name": "Testmotors",
                "warranty_partner_id": cls.oem.id,
                "warranty_labour_rate": 80.0,
            }
        )
        cls.vehicle_model, cls.other_model = cls.env["fleet.vehicle.model"].create(
            [
                {"name": "Roadster", "brand_id": cls.brand.id},
                {"name": "Van", "brand_id": cls.brand.id},
            ]
        )
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.vehicle_model.id,
                "license_plate": "WS-001",
                "owner_id": cls.customer.id,
            }
        )

        cls.op_oil, cls.op_brakes = cls.env["autocrm.labour.operation"].create(
            [
                {
                    "code": "T-OIL",
                    "name": "Oil and filter change",
                    "flat_rate_hours": 1.0,
                    "labour_rate": 100.0,
                    "model_time_ids": [
                        Command.create({"model_id": cls.vehicle_model.id, "hours": 1.5})
                    ],
                },
                {
                    "code": "T-BRAKE",
                    "name": "Front brake pads",
                    "flat_rate_hours": 2.0,
                    "labour_rate": 100.0,
                },
            ]
        )

        cls.oil_filter, cls.brake_pads, cls.rare_part = cls.env[
            "product.product"
        ].create(
            [
                {
                    "name": "Test Oil Filter",
                    "is_storable": True,
                    "list_price": 20.0,
                    "standard_price": 8.0,
                    "warranty_price": 15.0,
                },
                {
                    "name": "Test Brake Pads",
                    "is_storable": True,
                    "list_price": 90.0,
                    "standard_price": 40.0,
                    "warranty_price": 70.0,
                },
                {
                    "name": "Test Rare Part",
                    "is_storable": True,
                    "list_price": 500.0,
                },
            ]
        )

        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        for product in (cls.oil_filter, cls.brake_pads):
            cls.env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 50.0
            )

        cls.maintenance_settings = cls.env["autocrm.service.type"]._get_for(
            "maintenance", cls.company
        ) or cls.env["autocrm.service.type"].create(
            {"name": "Maintenance", "code": "maintenance"}
        )
        cls.maintenance_settings.write(
            {
                "appointment_hours": 1.0,
                "interval_months": 12,
                "interval_km": 10000,
                "check_item_ids": [
                    Command.clear(),
                    Command.create({"name": "Oil level"}),
                    Command.create({"name": "Road test"}),
                ],
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @classmethod
    def _create_repair(cls, **vals):
        values = {
            "vehicle_id": cls.vehicle.id,
            "partner_id": cls.customer.id,
            "service_type": "maintenance",
        }
        values.update(vals)
        return cls.env["repair.order"].create(values)

    @classmethod
    def _add_labour(cls, repair, operation, technicians=None, **vals):
        values = {
            "repair_id": repair.id,
            "operation_id": operation.id,
            "technician_ids": [Command.set((technicians or cls.tech_1).ids)],
        }
        values.update(vals)
        return cls.env["autocrm.labour.line"].create(values)

    @classmethod
    def _add_part(cls, repair, product, quantity=1.0, **vals):
        values = {
            "repair_id": repair.id,
            "product_id": product.id,
            "product_uom_qty": quantity,
            "repair_line_type": "add",
        }
        values.update(vals)
        return cls.env["stock.move"].create(values)

    @classmethod
    def _pass_quality_check(cls, repair, inspector=None):
        repair.action_request_quality_check()
        repair.quality_check_line_ids.result = "pass"
        repair.with_user(inspector or cls.foreman).action_sign_quality_check()

    @classmethod
    def _finish(cls, repair):
        """Take a repair order from reception to ready."""
        repair.action_workshop_start()
        cls._pass_quality_check(repair)
        repair.action_workshop_ready()
