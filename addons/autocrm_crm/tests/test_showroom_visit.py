from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import AutocrmCrmCommon


@tagged("post_install", "-at_install")
class TestShowroomVisit(AutocrmCrmCommon):
    def _create_visit(self, **vals):
        return (
            self.env["autocrm.showroom.visit"]
            .with_user(self.consultant)
            .create({"party_size": 2, **vals})
        )

    def test_walk_in_creates_lead(self):
        visit = self._create_visit(
            visitor_name="Wang Visitor", phone="139 1111 2222", intent_level="a"
        )
        lead = visit.lead_id
        self.assertTrue(lead)
        self.assertEqual(lead.source_channel, "walk_in")
        self.assertEqual(lead.user_id, self.consultant)
        self.assertEqual(lead.intent_level, "a")
        self.assertEqual(lead.contact_name, "Wang Visitor")
        self.assertEqual(visit.visit_type, "first")
        self.assertEqual(visit.user_id, self.consultant)

    def test_return_visit_recognised_by_phone(self):
        first = self._create_visit(visitor_name="Wang", phone="139-1111-2222")
        second = self._create_visit(visitor_name="Mr Wang", phone="+86 139 1111 2222")
        self.assertEqual(second.visit_type, "return")
        self.assertEqual(second.lead_id, first.lead_id)

    def test_return_visit_recognised_by_partner(self):
        visit = self._create_visit(partner_id=self.customer.id)
        self.assertEqual(visit.visit_type, "return")

    def test_known_partner_found_from_phone(self):
        visit = self._create_visit(phone="+86 138 0013 8000")
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.lead_id.partner_id, self.customer)

    def test_visit_links_existing_open_lead(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Existing",
                "partner_id": self.customer.id,
                "user_id": self.consultant.id,
            }
        )
        visit = self._create_visit(partner_id=self.customer.id, intent_level="h")
        self.assertEqual(visit.lead_id, lead)
        self.assertEqual(lead.intent_level, "h")

    def test_visit_ignores_lost_lead(self):
        lead = self.env["crm.lead"].create(
            {"name": "Old", "partner_id": self.customer.id}
        )
        lead.action_set_lost()
        visit = self._create_visit(partner_id=self.customer.id)
        self.assertNotEqual(visit.lead_id, lead)

    def test_visit_without_identity_rejected(self):
        with self.assertRaisesRegex(ValidationError, "needs a customer"):
            self._create_visit()

    def test_party_size_zero_rejected(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._create_visit(visitor_name="Nobody", party_size=0)

    def test_time_out_before_time_in_rejected(self):
        now = fields.Datetime.now()
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._create_visit(
                visitor_name="Early", time_in=now, time_out=now - timedelta(hours=1)
            )

    def test_check_out_sets_time_and_duration(self):
        visit = self._create_visit(
            visitor_name="Quick",
            time_in=fields.Datetime.now() - timedelta(minutes=30),
        )
        visit.action_check_out()
        self.assertTrue(visit.time_out)
        self.assertAlmostEqual(visit.duration, 30, delta=1)

    def test_book_test_drive_prefills_from_visit(self):
        visit = self._create_visit(visitor_name="Driver", phone="137 0000 1111")
        action = visit.action_book_test_drive()
        self.assertEqual(action["res_model"], "autocrm.test.drive")
        self.assertEqual(action["context"]["default_lead_id"], visit.lead_id.id)
        self.assertEqual(action["context"]["default_visit_id"], visit.id)

    def test_quick_entry_form(self):
        Visit = self.env["autocrm.showroom.visit"].with_user(self.consultant)
        with Form(Visit) as form:
            form.visitor_name = "Form Visitor"
            form.phone = "136 5555 6666"
            form.intent_level = "b"
        visit = form.record
        self.assertTrue(visit.lead_id)
        self.assertEqual(visit.party_size, 1)
