from odoo.tests import Form, new_test_user, tagged

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestOdooRoles(AutocrmCrmCommon):
    """Users with Odoo's own CRM roles and no dealership role keep working."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.crm_manager = new_test_user(
            cls.env,
            login="odoo_crm_manager",
            groups="sales_team.group_sale_manager",
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Lead with a test drive",
                "partner_id": cls.customer.id,
                "user_id": cls.consultant.id,
            }
        )
        cls.env["autocrm.test.drive"].with_user(cls.consultant).create(
            cls._test_drive_vals(lead_id=cls.lead.id)
        )

    def test_crm_manager_opens_lead_form(self):
        lead_form = Form(self.lead.with_user(self.crm_manager))
        lead_form.name = "Renamed by the CRM manager"
        lead_form.save()
        self.assertEqual(self.lead.name, "Renamed by the CRM manager")

    def test_crm_manager_sees_no_test_drive_count(self):
        self.assertEqual(self.lead.with_user(self.crm_manager).test_drive_count, 0)
        self.assertEqual(self.lead.with_user(self.consultant).test_drive_count, 1)
