import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartsCommon


@tagged("post_install", "-at_install")
class TestPriceImport(PartsCommon):
    def _import(self, content, file_name="prices.csv", user=None, **values):
        if isinstance(content, str):
            content = content.encode()
        wizard = (
            self.env["autocrm.parts.price.import"]
            .with_user(user or self.manager)
            .create(
                {
                    "file_data": base64.b64encode(content),
                    "file_name": file_name,
                    "part_brand_id": self.brand.id,
                    "categ_id": self.category.id,
                    **values,
                }
            )
        )
        wizard.action_import()
        return wizard

    def _find(self, number):
        return (
            self.env["product.template"]
            .with_context(active_test=False)
            .search(
                [
                    ("part_brand_id", "=", self.brand.id),
                    ("oem_part_number", "=", number),
                ]
            )
        )

    def test_csv_creates_and_updates(self):
        wizard = self._import(
            "Part Number,Description,Price,Superseded By\n"
            "90915-10003,Oil filter,12.50,\n"
            "04465-33471,Brake pad set,89.90,\n"
            "04465-33470,Brake pad set (old),80,04465-33471\n"
        )
        self.assertEqual(wizard.state, "done", wizard.error_text)
        self.assertEqual(wizard.created_count, 2)
        self.assertEqual(wizard.updated_count, 1)
        self.assertEqual(self.filter_new.list_price, 12.5)
        new_part = self._find("0446533471")
        old_part = self._find("0446533470")
        self.assertEqual(new_part.name, "Brake pad set")
        self.assertEqual(new_part.part_type, "oem")
        self.assertEqual(new_part.categ_id, self.category)
        self.assertEqual(old_part.superseded_by_id, new_part)

    def test_semicolon_csv_with_decimal_comma(self):
        wizard = self._import(
            "part_number;description;price\n90915-20001;Oil filter LL;15,75\n"
        )
        self.assertEqual(wizard.state, "done", wizard.error_text)
        self.assertEqual(self.filter_alt.list_price, 15.75)

    def test_price_column_can_set_cost(self):
        self._import(
            "Part Number,Description,Price\n90915-20001,,7.5\n",
            price_field="standard_price",
        )
        self.assertEqual(self.filter_alt.standard_price, 7.5)
        self.assertEqual(self.filter_alt.name, "Oil filter, long life")

    def test_bad_rows_reported_and_nothing_written(self):
        wizard = self._import(
            "Part Number,Description,Price,Superseded By\n"
            "11111-00001,Good new part,10,\n"
            "90915-10003,Oil filter,abc,\n"
            ",No number,5,\n"
            "22222-00002,,5,\n"
            "33333-00003,Orphan,5,99999-99999\n"
            "11111-00001,Same number again,11,\n"
            "90915-20001,Oil filter LL,-4,\n"
        )
        self.assertEqual(wizard.state, "error")
        errors = wizard.error_text.splitlines()
        self.assertTrue(errors[0].startswith("Row 3:"), errors)
        self.assertIn("abc", errors[0])
        self.assertTrue(errors[1].startswith("Row 4:"), errors)
        self.assertTrue(errors[2].startswith("Row 5:"), errors)
        self.assertIn("description", errors[2])
        self.assertTrue(errors[3].startswith("Row 6:"), errors)
        self.assertIn("99999", errors[3])
        self.assertTrue(errors[4].startswith("Row 7:"), errors)
        self.assertIn("row 2", errors[4])
        self.assertTrue(errors[5].startswith("Row 8:"), errors)
        self.assertEqual(len(errors), 6)
        self.assertFalse(self._find("1111100001"))
        self.assertEqual(self.filter_new.list_price, 20.0)
        self.assertEqual(self.filter_alt.list_price, 20.0)

    def test_cycle_in_file_rejected(self):
        wizard = self._import(
            "Part Number,Description,Price,Superseded By\n"
            "44444-00001,First,10,44444-00002\n"
            "44444-00002,Second,10,44444-00001\n"
        )
        self.assertEqual(wizard.state, "error")
        self.assertIn("cycle", wizard.error_text)
        self.assertFalse(self._find("4444400001"))

    def test_cycle_through_catalogue_rejected(self):
        wizard = self._import(
            "Part Number,Description,Price,Superseded By\n"
            "90915-10003,Oil filter,10,90915-10001\n"
        )
        self.assertEqual(wizard.state, "error")
        self.assertIn("Row 2:", wizard.error_text)
        self.assertFalse(self.filter_new.superseded_by_id)

    def test_rejected_write_rolls_back_whole_file(self):
        """A part rejected while writing undoes the rows written before it."""
        (company_part,) = self._create_parts(
            [("Store-only filter", "77777-00001")], company_id=self.company.id
        )
        wizard = self._import(
            "Part Number,Description,Price,Superseded By\n"
            "90915-20001,Oil filter LL,33,\n"
            "77777-00000,Shared old filter,10,77777-00001\n"
        )
        self.assertEqual(wizard.state, "error")
        self.assertIn("Nothing was imported", wizard.error_text)
        self.assertFalse(self._find("7777700000"))
        self.assertEqual(self.filter_alt.list_price, 20.0)
        self.assertFalse(company_part.supersedes_ids)

    def test_missing_column_rejected(self):
        with self.assertRaises(UserError) as caught:
            self._import("Part Number,Description\n90915-10003,Oil filter\n")
        self.assertIn("Missing: Price.", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self._import("Code,Text,Amount\n90915-10003,Oil filter,3\n")
        self.assertIn(
            "Missing: Part Number, Description, Price.", str(caught.exception)
        )

    def test_latin1_csv_names_line(self):
        content = "Part Number,Description,Price\n90915-10003,Filtre à huile,3\n"
        for prefix in (b"", b"\xef\xbb\xbf"):
            with self.subTest(byte_order_mark=bool(prefix)):
                with self.assertRaises(UserError) as caught:
                    self._import(prefix + content.encode("latin-1"))
                self.assertIn(
                    "File prices.csv is not UTF-8 text: line 2 has an invalid "
                    "byte 0xE0 at character 20.",
                    str(caught.exception),
                )

    def test_invalid_byte_column_in_characters(self):
        content = "Part Number,Description,Price\n1,Éé".encode() + b"\xff,3\n"
        with self.assertRaises(UserError) as caught:
            self._import(content)
        self.assertIn(
            "line 2 has an invalid byte 0xFF at character 5.", str(caught.exception)
        )

    def test_xlsx_file(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["Part Number", "Description", "Price", "Superseded By"])
        sheet.append([5551234, "Numeric number part", 3.2, None])
        sheet.append(["90915-20001", "Oil filter LL", 16, None])
        sheet.append(["90915 10003", "Oil filter", "x", None])
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self._import(buffer.getvalue(), file_name="prices.xlsx")
        self.assertEqual(wizard.state, "error")
        self.assertTrue(wizard.error_text.startswith("Row 4:"), wizard.error_text)
        self.assertFalse(self._find("5551234"))
        sheet.delete_rows(4)
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self._import(buffer.getvalue(), file_name="prices.xlsx")
        self.assertEqual(wizard.state, "done", wizard.error_text)
        self.assertEqual(self._find("5551234").list_price, 3.2)
        self.assertEqual(self.filter_alt.list_price, 16)

    def test_broken_xlsx_rejected(self):
        """A file named .xlsx that is not a zip archive gives a clear error."""
        with self.assertRaisesRegex(UserError, "broken.xlsx is not a valid XLSX"):
            self._import(b"PK\x03\x04 not a zip archive", file_name="broken.xlsx")
        with self.assertRaisesRegex(UserError, "empty.xlsx is not a valid XLSX"):
            self._import(b"plain text", file_name="empty.xlsx")

    def test_absurd_prices_rejected(self):
        wizard = self._import(
            "Part Number,Description,Price\n"
            "90915-10003,Oil filter,1e308\n"
            "90915-20001,Oil filter LL,1e400\n"
            "11111-00001,New part,nan\n"
            "11111-00002,New part,inf\n"
            "11111-00003,New part,1000000001\n"
        )
        self.assertEqual(wizard.state, "error")
        errors = wizard.error_text.splitlines()
        self.assertEqual(len(errors), 5, errors)
        self.assertTrue(errors[0].startswith("Row 2:"), errors)
        self.assertIn("maximum of 1,000,000,000", errors[0])
        self.assertTrue(errors[1].startswith("Row 3:"), errors)
        self.assertIn("maximum", errors[1])
        self.assertTrue(errors[2].startswith("Row 4:"), errors)
        self.assertTrue(errors[3].startswith("Row 5:"), errors)
        self.assertTrue(errors[4].startswith("Row 6:"), errors)
        self.assertIn("maximum", errors[4])
        self.assertEqual(self.filter_new.list_price, 20.0)
        self.assertEqual(self.filter_alt.list_price, 20.0)

    def test_maximum_price_accepted(self):
        wizard = self._import(
            "Part Number,Description,Price\n90915-10003,Oil filter,1000000000\n"
        )
        self.assertEqual(wizard.state, "done", wizard.error_text)
        self.assertEqual(self.filter_new.list_price, 1e9)

    def test_thousands_separators(self):
        wizard = self._import(
            "part_number;description;price\n"
            "90915-10003;Oil filter;1.234,50\n"
            "90915-20001;Oil filter LL;2.345.678\n"
        )
        self.assertEqual(wizard.state, "done", wizard.error_text)
        self.assertEqual(self.filter_new.list_price, 1234.5)
        self.assertEqual(self.filter_alt.list_price, 2345678)
        wizard = self._import(
            "Part Number,Description,Price\n"
            '90915-10003,Oil filter,"1,234.75"\n'
            '90915-20001,Oil filter LL,"1,234,567"\n'
        )
        self.assertEqual(wizard.state, "done", wizard.error_text)
        self.assertEqual(self.filter_new.list_price, 1234.75)
        self.assertEqual(self.filter_alt.list_price, 1234567)

    def test_ambiguous_separators_name_formats(self):
        wizard = self._import(
            'Part Number,Description,Price\n90915-10003,Oil filter,"1,23.4"\n'
        )
        self.assertEqual(wizard.state, "error")
        self.assertIn("Row 2:", wizard.error_text)
        self.assertIn("Accepted formats", wizard.error_text)
        self.assertIn("1.234,50", wizard.error_text)

    def test_clerk_cannot_import(self):
        with self.assertRaises(AccessError):
            self._import("Part Number,Description,Price\n1,a,1\n", user=self.clerk)
