from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.autocrm_parts.models.product_template import normalize_part_number

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestPartNumber(PartsCommon):
    def test_normalize_removes_separators(self):
        self.assertEqual(normalize_part_number(" 5q0-615.301 f "), "5Q0615301F")
        self.assertFalse(normalize_part_number(" - . "))
        self.assertFalse(normalize_part_number(False))

    def test_number_stored_normalised(self):
        (part,) = self._create_parts([("Spark plug", "90919 01.253-x")])
        self.assertEqual(part.oem_part_number, "9091901253X")
        part.oem_part_number = "90919-01254"
        self.assertEqual(part.oem_part_number, "9091901254")

    def test_number_fills_internal_reference(self):
        (part,) = self._create_parts([("Spark plug", "90919-01253")])
        self.assertEqual(part.default_code, "9091901253")

    def test_duplicate_number_rejected_naming_part(self):
        with self.assertRaises(ValidationError) as caught:
            self._create_parts([("Copy of filter", "90915 10003")])
        self.assertIn(self.filter_new.display_name, str(caught.exception))
        self.assertIn("9091510003", str(caught.exception))

    def test_duplicate_number_rejected_on_write(self):
        (part,) = self._create_parts([("Spark plug", "90919-01253")])
        with self.assertRaises(ValidationError) as caught:
            part.oem_part_number = "90915.10003"
        self.assertIn(self.filter_new.display_name, str(caught.exception))

    def test_duplicate_number_rejected_within_batch(self):
        with self.assertRaises(ValidationError):
            self._create_parts([("First", "11111-22222"), ("Second", "1111122222")])

    def test_duplicate_number_of_archived_part_rejected(self):
        self.filter_alt.action_archive()
        with self.assertRaises(ValidationError):
            self._create_parts([("Revived", "90915-20001")])

    def test_same_number_other_brand_allowed(self):
        (part,) = self._create_parts(
            [("Other brand filter", "90915-10003")], brand=self.other_brand
        )
        self.assertEqual(part.oem_part_number, "9091510003")

    def test_database_index_rejects_duplicate(self):
        """The unique index holds even when the Python check is bypassed."""
        (part,) = self._create_parts([("Spark plug", "90919-01253")])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE product_template SET oem_part_number = %s WHERE id = %s",
                    [self.filter_new.oem_part_number, part.id],
                )

    def test_number_requires_brand(self):
        with self.assertRaises(ValidationError):
            self._create_parts([("No brand", "12345")], part_brand_id=False)

    def test_search_display_name_ignores_separators(self):
        products = self.env["product.product"].name_search("90915.2000")
        self.assertIn(
            self.filter_alt.product_variant_id.id, [pid for pid, _n in products]
        )
