from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.autocrm_workshop import _create_service_type_defaults
from odoo.addons.autocrm_workshop.models.workshop_selections import SERVICE_TYPES


@tagged("post_install", "-at_install")
class TestServiceTypeDefaults(TransactionCase):
    """Every store gets its own default service type settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.settings = cls.env["autocrm.service.type"].with_context(active_test=False)
        cls.all_codes = {code for code, _label in SERVICE_TYPES}
        # Creating a company is slow, so the tests share these two.
        cls.north, cls.south = cls.env["res.company"].create(
            [{"name": "North Store"}, {"name": "South Store"}]
        )

    def _settings_of(self, company):
        return self.settings.search([("company_id", "=", company.id)])

    def test_existing_companies_have_defaults(self):
        companies = self.env["res.company"].with_context(active_test=False).search([])
        for company in companies:
            with self.subTest(company=company.name):
                codes = set(self._settings_of(company).mapped("code"))
                self.assertEqual(codes, self.all_codes)

    def test_new_company_gets_defaults(self):
        company = self.north
        settings = self._settings_of(company)
        self.assertEqual(set(settings.mapped("code")), self.all_codes)
        self.assertEqual(len(settings), len(self.all_codes))
        maintenance = settings.filtered(lambda s: s.code == "maintenance")
        self.assertEqual(maintenance.appointment_hours, 1.5)
        self.assertEqual(maintenance.interval_months, 12)
        self.assertEqual(maintenance.interval_km, 10000)
        self.assertEqual(len(maintenance.check_item_ids), 5)
        self.assertEqual(maintenance.check_item_ids.company_id, company)
        for item in settings.check_item_ids:
            with self.subTest(item=item.name):
                self.assertEqual(item.company_id, company)

    def test_new_company_settings_are_its_own(self):
        first, second = self.north, self.south
        self._settings_of(first).filtered(
            lambda s: s.code == "maintenance"
        ).interval_km = 15000
        second_maintenance = self._settings_of(second).filtered(
            lambda s: s.code == "maintenance"
        )
        self.assertEqual(second_maintenance.interval_km, 10000)

    def test_company_created_without_workshop_rights(self):
        """A settings administrator creates stores without workshop groups."""
        admin = new_test_user(
            self.env, login="ws_settings_admin", groups="base.group_system"
        )
        self.assertFalse(admin.has_group("autocrm_workshop.group_workshop_foreman"))
        company = self.env["res.company"].with_user(admin).create({"name": "Store B"})
        self.assertEqual(set(self._settings_of(company).mapped("code")), self.all_codes)

    def test_install_hook_fills_missing_settings(self):
        company = self.north
        self._settings_of(company).unlink()
        _create_service_type_defaults(self.env)
        self.assertEqual(set(self._settings_of(company).mapped("code")), self.all_codes)

    def test_defaults_keep_store_changes(self):
        company = self.north
        settings = self._settings_of(company)
        settings.filtered(lambda s: s.code == "recall").active = False
        settings.filtered(lambda s: s.code == "repair").appointment_hours = 4.0
        created = self.settings._create_company_defaults(company)
        self.assertFalse(created)
        after = self._settings_of(company)
        self.assertEqual(len(after), len(self.all_codes))
        self.assertFalse(after.filtered(lambda s: s.code == "recall").active)
        self.assertEqual(
            after.filtered(lambda s: s.code == "repair").appointment_hours, 4.0
        )
