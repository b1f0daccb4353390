import base64
import csv
import io
import math
import re
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.product_template import PART_TYPES, normalize_part_number

try:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
except ImportError:  # pragma: no cover - openpyxl is an Odoo requirement
    openpyxl = None
    InvalidFileException = ValueError

# Header spellings accepted for each column, compared after lower-casing and
# replacing "_" and "-" with spaces.
COLUMN_ALIASES = {
    "number": {"part number", "part no", "number", "oem part number"},
    "description": {"description", "name", "part name"},
    "price": {"price", "list price", "retail price"},
    "superseded_by": {"superseded by", "superseded", "replaced by", "new number"},
}
REQUIRED_COLUMNS = ("number", "description", "price")
# Column titles as the price file format documents them, used in messages.
COLUMN_TITLES = {
    "number": "Part Number",
    "description": "Description",
    "price": "Price",
    "superseded_by": "Superseded By",
}

# Highest price a row may set, in the company currency. It rejects typing and
# export errors (such as 1e308) but leaves room for currencies with small
# units, where an engine can cost several hundred million.
MAX_PART_PRICE = 1_000_000_000
# A price after its thousands separators are removed and its decimal
# separator is turned into ".". XLSX cells may arrive in exponent notation.
PRICE_PATTERN = re.compile(r"\d+(\.\d+)?([eE][+-]?\d+)?")
# Digits grouped by thousands, such as 1.234.567 or 1,234 (without the
# decimal part).
THOUSANDS_PATTERN = {
    separator: re.compile(r"\d{1,3}(" + re.escape(separator) + r"\d{3})+")
    for separator in (".", ",")
}


class AutocrmPartsPriceImport(models.TransientModel):
    """Import a manufacturer price file for one brand, all rows or none.

    Every row is checked before anything is written. When a row is bad, the
    wizard lists each bad row with its number and reason and writes nothing.
    """

    _name = "autocrm.parts.price.import"
    _description = "Parts Price File Import"

    file_data = fields.Binary(string="Price File", required=True)
    file_name = fields.Char()
    part_brand_id = fields.Many2one(
        "fleet.vehicle.model.brand", string="Brand", required=True
    )
    part_type = fields.Selection(
        PART_TYPES,
        string="Type of New Parts",
        default="oem",
        required=True,
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Category of New Parts",
        help="Leave empty to use the default product category.",
    )
    price_field = fields.Selection(
        [("list_price", "Sales Price"), ("standard_price", "Cost")],
        string="Price Column Sets",
        default="list_price",
        required=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("error", "Errors"), ("done", "Done")],
        default="draft",
        required=True,
    )
    error_text = fields.Text(string="Errors", readonly=True)
    created_count = fields.Integer(string="Parts Created", readonly=True)
    updated_count = fields.Integer(string="Parts Updated", readonly=True)

    def action_import(self):
        """Check every row, then write all of them or none."""
        self.ensure_one()
        rows = self._read_rows()
        records, errors = self._check_rows(rows)
        if not errors:
            errors = self._write_rows(records)
        if errors:
            self.write(
                {
                    "state": "error",
                    "error_text": "\n".join(errors),
                    "created_count": 0,
                    "updated_count": 0,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------

    def _read_rows(self):
        """Return ``(row_number, {column: text})`` for each non-empty row."""
        content = base64.b64decode(self.file_data or b"")
        if not content:
            raise UserError(self.env._("The price file is empty."))
        name = (self.file_name or "").lower()
        if name.endswith(".xlsx") or content[:2] == b"PK":
            table = self._read_xlsx(content)
        else:
            table = self._read_csv(content)
        if not table:
            raise UserError(self.env._("The price file has no rows."))
        columns = self._map_header(table[0])
        rows = []
        for index, cells in enumerate(table[1:], start=2):
            values = {
                column: self._cell_text(
                    cells[position] if position < len(cells) else ""
                )
                for column, position in columns.items()
            }
            if any(values.values()):
                rows.append((index, values))
        return rows

    def _read_csv(self, content):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # The decoder reports positions in the text after a byte order
            # mark, which error.object holds.
            line, column = self._locate_byte(error.object, error.start)
            raise UserError(
                self.env._(
                    "File %(file)s is not UTF-8 text: line %(line)s has an "
                    "invalid byte %(byte)s at character %(column)s. Save it "
                    "as CSV UTF-8 or as an XLSX workbook.",
                    file=self.file_name or "",
                    line=line,
                    byte=f"0x{error.object[error.start]:02X}",
                    column=column,
                )
            ) from error
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        try:
            return list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise UserError(
                self.env._(
                    "File %(file)s is not a valid CSV file (%(reason)s). Save it "
                    "again as CSV UTF-8 or as an XLSX workbook.",
                    file=self.file_name or "",
                    reason=error,
                )
            ) from error

    @api.model
    def _locate_byte(self, content, position):
        """Return the 1-based line and character of byte ``position``.

        The bytes before ``position`` must be valid UTF-8, as they are when
        ``position`` is where decoding failed.
        """
        line_start = content.rfind(b"\n", 0, position) + 1
        line = content.count(b"\n", 0, position) + 1
        before = content[line_start:position].decode("utf-8")
        return line, len(before) + 1

    def _read_xlsx(self, content):
        if openpyxl is None:
            raise UserError(self.env._("Reading XLSX files needs openpyxl."))
        # A read-only workbook parses its sheet while the rows are read, so a
        # damaged sheet can fail in the loop as well as on opening.
        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
            try:
                sheet = workbook.worksheets[0]
                table = [list(row) for row in sheet.iter_rows(values_only=True)]
            finally:
                workbook.close()
        except (
            zipfile.BadZipFile,
            InvalidFileException,
            IndexError,
            KeyError,
            OSError,
            SyntaxError,
            TypeError,
            ValueError,
        ) as error:
            raise UserError(
                self.env._(
                    "File %(file)s is not a valid XLSX workbook (%(reason)s). "
                    "Save it again as an XLSX workbook or as CSV UTF-8.",
                    file=self.file_name or "",
                    reason=error,
                )
            ) from error
        return table

    @api.model
    def _cell_text(self, value):
        """Return a cell as stripped text, without the ".0" of whole floats."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def _map_header(self, header):
        columns = {}
        for position, title in enumerate(header):
            key = self._cell_text(title).lower().replace("_", " ").replace("-", " ")
            for column, aliases in COLUMN_ALIASES.items():
                if key in aliases and column not in columns:
                    columns[column] = position
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            raise UserError(
                self.env._(
                    "Row 1 of the price file must name the columns Part Number, "
                    "Description and Price (Superseded By is optional). Missing: "
                    "%(missing)s.",
                    missing=", ".join(COLUMN_TITLES[column] for column in missing),
                )
            )
        return columns

    # ------------------------------------------------------------------
    # Checking
    # ------------------------------------------------------------------

    def _check_rows(self, rows):
        """Return the parsed rows and the list of row-numbered error texts."""
        errors = []
        records = {}
        first_row = {}
        for row, values in rows:
            number = normalize_part_number(values.get("number"))
            successor = normalize_part_number(values.get("superseded_by"))
            if not number:
                errors.append(
                    self.env._("Row %(row)s: the part number is empty.", row=row)
                )
                continue
            if number in first_row:
                errors.append(
                    self.env._(
                        "Row %(row)s: part number %(number)s already appears in "
                        "row %(first)s.",
                        row=row,
                        number=number,
                        first=first_row[number],
                    )
                )
                continue
            first_row[number] = row
            price, price_error = self._check_price(row, number, values.get("price"))
            if price_error:
                errors.append(price_error)
                continue
            if successor == number:
                errors.append(
                    self.env._(
                        "Row %(row)s: part %(number)s cannot be superseded by itself.",
                        row=row,
                        number=number,
                    )
                )
                continue
            records[number] = {
                "row": row,
                "description": values.get("description"),
                "price": price,
                "successor": successor,
            }
        existing = self._get_existing_parts(
            set(records) | {rec["successor"] for rec in records.values()}
        )
        for number, record in records.items():
            if number not in existing and not record["description"]:
                errors.append(
                    self.env._(
                        "Row %(row)s: new part %(number)s needs a description.",
                        row=record["row"],
                        number=number,
                    )
                )
            successor = record["successor"]
            if successor and successor not in records and successor not in existing:
                errors.append(
                    self.env._(
                        "Row %(row)s: part %(number)s is superseded by %(successor)s, "
                        "which is neither in the file nor in the catalogue of "
                        "%(brand)s.",
                        row=record["row"],
                        number=number,
                        successor=successor,
                        brand=self.part_brand_id.name,
                    )
                )
        errors += self._check_cycles(records, existing)
        return records, sorted(errors, key=self._error_row)

    def _check_price(self, row, number, text):
        """Return ``(price, False)``, or ``(None, error)`` for a bad price."""
        price = self._parse_price(text)
        if price is None:
            return None, self.env._(
                "Row %(row)s: price %(price)r of part %(number)s is not a number "
                "of zero or more. Accepted formats: 1234.50, 1234,50, "
                "1,234.50 and 1.234,50.",
                row=row,
                price=text,
                number=number,
            )
        if not math.isfinite(price) or price > MAX_PART_PRICE:
            return None, self.env._(
                "Row %(row)s: price %(price)r of part %(number)s is above the "
                "maximum of %(maximum)s.",
                row=row,
                price=text,
                number=number,
                maximum=f"{MAX_PART_PRICE:,}",
            )
        return price, False

    @api.model
    def _parse_price(self, text):
        """Return the price in ``text`` as a float, or None if it is no number.

        The last "." or "," before the decimals is the decimal separator
        when both appear (1.234,50 or 1,234.50). A separator that appears
        more than once separates thousands (1.234.567), and a single one is
        the decimal separator (15,75).
        """
        text = re.sub(r"[\s\u00a0\u202f]", "", str(text or ""))
        if "." in text and "," in text:
            decimal = "." if text.rfind(".") > text.rfind(",") else ","
            thousands = "," if decimal == "." else "."
            whole, decimals = text.rsplit(decimal, 1)
            if not THOUSANDS_PATTERN[thousands].fullmatch(whole):
                return None
            text = f"{whole.replace(thousands, '')}.{decimals}"
        else:
            for separator in (".", ","):
                if text.count(separator) > 1:
                    if not THOUSANDS_PATTERN[separator].fullmatch(text):
                        return None
                    text = text.replace(separator, "")
            text = text.replace(",", ".")
        if not PRICE_PATTERN.fullmatch(text):
            return None
        return float(text)

    @api.model
    def _error_row(self, text):
        digits = "".join(char for char in text.split(":", 1)[0] if char.isdigit())
        return int(digits or 0)

    def _get_existing_parts(self, numbers):
        numbers = [number for number in numbers if number]
        parts = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search(
                [
                    ("part_brand_id", "=", self.part_brand_id.id),
                    ("oem_part_number", "in", numbers),
                ]
            )
        )
        return {part.oem_part_number: part for part in parts}

    def _check_cycles(self, records, existing):
        """Report rows whose supersession would lead back to themselves."""

        known = dict(existing)

        def successor_of(number):
            if number in records and records[number]["successor"]:
                return records[number]["successor"]
            if number not in known:
                known.update(self._get_existing_parts({number}))
            part = known.get(number)
            # Parts of the catalogue may lead on to numbers outside the file.
            successor = part.superseded_by_id if part else False
            if successor:
                known.setdefault(successor.oem_part_number, successor)
            return successor.oem_part_number if successor else False

        errors = []
        for number, record in records.items():
            if not record["successor"]:
                continue
            seen = [number]
            current = successor_of(number)
            while current and current not in seen:
                seen.append(current)
                current = successor_of(current)
            if current == number:
                errors.append(
                    self.env._(
                        "Row %(row)s: superseding %(number)s closes the cycle "
                        "%(chain)s. Remove one supersession from the file.",
                        row=record["row"],
                        number=number,
                        chain=" > ".join([*seen, number]),
                    )
                )
        return errors

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------

    def _write_rows(self, records):
        """Create and update the parts. Return the errors, after a rollback, if any."""
        try:
            with self.env.cr.savepoint():
                created, updated = self._apply_rows(records)
        except (UserError, ValidationError) as error:
            return [
                self.env._(
                    "Nothing was imported because a part was rejected: %(reason)s",
                    reason=error.args[0],
                )
            ]
        self.write(
            {
                "state": "done",
                "error_text": False,
                "created_count": created,
                "updated_count": updated,
            }
        )
        return []

    def _apply_rows(self, records):
        templates = self.env["product.template"]
        successor_numbers = {rec["successor"] for rec in records.values()}
        known = self._get_existing_parts(set(records) | successor_numbers)
        new_vals = []
        updated = 0
        for number, record in records.items():
            part = known.get(number)
            vals = {self.price_field: record["price"]}
            if record["description"]:
                vals["name"] = record["description"]
            if part:
                part.write(vals)
                updated += 1
                continue
            vals.update(
                oem_part_number=number,
                part_brand_id=self.part_brand_id.id,
                part_type=self.part_type,
                type="consu",
                is_storable=True,
            )
            if self.categ_id:
                vals["categ_id"] = self.categ_id.id
            new_vals.append(vals)
        created = templates.create(new_vals)
        known.update({part.oem_part_number: part for part in created})
        parts_by_successor = {}
        for number, record in records.items():
            if record["successor"]:
                successor = known[record["successor"]]
                parts_by_successor.setdefault(successor, templates)
                parts_by_successor[successor] |= known[number]
        for successor, parts in parts_by_successor.items():
            parts.write({"superseded_by_id": successor.id})
        return len(created), updated
