from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

# Valid VINs: the first two have a correct ISO 3779 check digit (North
# America and China), the third is European, where the check digit is free.
VIN_US = "1M8GDM9AXKP042788"
VIN_CN = "LVSHCAMB1CE054249"
VIN_EU = "WVWZZZ1JZ3W386752"


class AutocrmCrmCommon(BaseCommon):
    """Two stores, one user per role and a demo car, shared by the tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Second Store"})
        cls.consultant = cls._create_user("consultant_a", "group_sales_consultant")
        cls.other_consultant = cls._create_user(
            "consultant_b", "group_sales_consultant"
        )
        cls.sales_manager = cls._create_user("sales_manager_a", "group_sales_manager")
        cls.customer_service = cls._create_user(
            "customer_service_a", "group_customer_service"
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Autobrand"})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Roadster", "brand_id": cls.brand.id, "model_year": "2024"}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Lin Customer",
                "email": "lin@example.com",
                "phone": "+86 138 0013 8000",
            }
        )
        cls.demo_car = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "license_plate": "DEMO-001",
                "is_demo_car": True,
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _create_user(cls, login, group, company=None):
        company = company or cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            name=login.replace("_", " ").title(),
            groups=f"autocrm_crm.{group}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _slot(cls, start_hour, hours=1, days=1):
        """Return (start, stop) datetimes ``days`` from now at ``start_hour`` UTC."""
        day = fields.Date.today() + timedelta(days=days)
        start = datetime(day.year, day.month, day.day, start_hour)
        return start, start + timedelta(hours=hours)

    @classmethod
    def _test_drive_vals(cls, start_hour=10, hours=1, **overrides):
        start, stop = cls._slot(start_hour, hours)
        vals = {
            "partner_id": cls.customer.id,
            "vehicle_id": cls.demo_car.id,
            "date_start": start,
            "date_stop": stop,
            "licence_number": "DL-123456",
            "licence_expiry": fields.Date.today() + timedelta(days=365),
        }
        vals.update(overrides)
        return vals

    @classmethod
    def _days_ago(cls, days):
        return fields.Date.today() - timedelta(days=days)
