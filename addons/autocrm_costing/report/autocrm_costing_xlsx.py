from odoo import fields, models

# Column kinds: how a value is written and whether the totals row sums it.
TEXT, DATE = "text", "date"
MONEY, NUMBER, FIGURE, PERCENT = "money", "number", "figure", "percent"
SUMMED_KINDS = (MONEY, NUMBER)
# Number format of each column kind except money, whose decimals follow the
# currency.
NUMBER_FORMATS = {
    TEXT: "@",
    DATE: "yyyy-mm-dd",
    NUMBER: "#,##0.00",
    FIGURE: "#,##0.00",
    PERCENT: "0.00",
}

# Columns that several exports share.
STORE_COLUMN = ("company_id", "Store", TEXT)
PROFIT_COLUMNS = [
    ("revenue", "Revenue", MONEY),
    ("cost", "Cost", MONEY),
    ("gross_profit", "Gross Profit", MONEY),
]


class AutocrmCostingXlsx(models.AbstractModel):
    """Shared layout of every costing XLSX export.

    Each export writes a header (report, store, period, time made), one row
    per record the user selected in the list, which are the records left by
    the user's filters, and a totals row. VINs and part numbers are written
    as text so that spreadsheets keep their leading zeros and letters.
    """

    _name = "report.autocrm_costing.xlsx_base"
    _inherit = "report.report_xlsx.abstract"
    _description = "Costing XLSX Export"

    # Each export sets its columns as (field name or dotted path, title, kind).
    # Titles stay in English: the export is read by the accountant's tools.
    _costing_columns = []
    _costing_title = ""
    _costing_date_field = "date"

    def generate_xlsx_report(self, workbook, data, objs):
        # The rows pass the user's access rules here, so the names of the
        # records they link to can be read as superuser further down.
        objs.check_access("read")
        styles = self._get_styles(workbook)
        sheet = workbook.add_worksheet(self._costing_title[:31])
        row = self._write_header(sheet, styles, objs)
        row = self._write_table(sheet, styles, objs, row)
        return row

    def _get_styles(self, workbook):
        """Return the cell formats, keyed by column kind for body cells and by
        ("total", kind) for the totals row.
        """
        decimals = self.env.company.currency_id.decimal_places
        number_formats = dict(
            NUMBER_FORMATS,
            **{MONEY: "#,##0" + ("." + "0" * decimals if decimals else "")},
        )
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "label": workbook.add_format({"bold": True}),
            "head": workbook.add_format(
                {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}
            ),
            "total_label": workbook.add_format({"bold": True, "top": 1}),
            "blank_total": workbook.add_format({"top": 1}),
        }
        for kind, num_format in number_formats.items():
            styles[kind] = workbook.add_format({"num_format": num_format})
            styles["total", kind] = workbook.add_format(
                {"bold": True, "top": 1, "num_format": num_format}
            )
        return styles

    def _write_header(self, sheet, styles, objs):
        """Write title, store, period and creation time, and return the next row."""
        stores = objs.mapped("company_id") or self.env.company
        dates = [date for date in objs.mapped(self._costing_date_field) if date]
        if dates:
            period = f"{min(dates):%Y-%m-%d} - {max(dates):%Y-%m-%d}"
        else:
            period = "-"
        made_at = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        sheet.write_string(0, 0, self._costing_title, styles["title"])
        header = [
            (self.env._("Store"), ", ".join(stores.mapped("name"))),
            (self.env._("Period"), period),
            (self.env._("Made at"), f"{made_at:%Y-%m-%d %H:%M:%S %Z}".strip()),
        ]
        for offset, (label, value) in enumerate(header, start=1):
            sheet.write_string(offset, 0, label, styles["label"])
            sheet.write_string(offset, 1, value)
        return len(header) + 2

    def _write_table(self, sheet, styles, objs, row):
        columns = self._costing_columns
        for col, (_path, title, kind) in enumerate(columns):
            sheet.write_string(row, col, title, styles["head"])
            sheet.set_column(col, col, 14 if kind != TEXT else 22)
        sheet.freeze_panes(row + 1, 0)
        totals = [0.0] * len(columns)
        for record in objs:
            row += 1
            for col, (path, _title, kind) in enumerate(columns):
                value = self._get_value(record, path)
                self._write_cell(sheet, styles, row, col, kind, value)
                if kind in SUMMED_KINDS and value:
                    totals[col] += value
        row += 1
        sheet.write_string(row, 0, self.env._("Total"), styles["total_label"])
        for col, (_path, _title, kind) in enumerate(columns[1:], start=1):
            if kind in SUMMED_KINDS:
                sheet.write_number(row, col, totals[col], styles["total", kind])
            else:
                sheet.write_blank(row, col, None, styles["blank_total"])
        return row + 1

    def _get_value(self, record, path):
        """Return the value of ``path`` on a row the user may read.

        Linked records (VIN, repair order, deal) are read as superuser, the
        way Odoo's lists show many2one names: an accountant reads the rows of
        their store without rights on stock or workshop records.
        """
        value = record
        for name in path.split("."):
            field = value._fields[name]
            value = value[name]
            if isinstance(value, models.BaseModel):
                value = value.sudo()
            if field.type == "selection":
                value = dict(field._description_selection(self.env)).get(value, "")
        if isinstance(value, models.BaseModel):
            return value.display_name or ""
        return value

    def _write_cell(self, sheet, styles, row, col, kind, value):
        if kind == TEXT:
            sheet.write_string(row, col, str(value or ""), styles[TEXT])
        elif kind == DATE:
            if value:
                sheet.write_datetime(
                    row, col, fields.Datetime.to_datetime(value), styles[DATE]
                )
            else:
                sheet.write_blank(row, col, None)
        elif value is False or value is None:
            sheet.write_blank(row, col, None)
        else:
            sheet.write_number(row, col, value, styles[kind])


class AutocrmCostingLineXlsx(models.AbstractModel):
    _name = "report.autocrm_costing.line_xlsx"
    _inherit = "report.autocrm_costing.xlsx_base"
    _description = "Profit Lines XLSX Export"

    _costing_title = "Profit Lines"
    _costing_columns = [
        ("date", "Date", DATE),
        STORE_COLUMN,
        ("department_id", "Department", TEXT),
        ("category", "Category", TEXT),
        ("deal_id", "Vehicle Deal", TEXT),
        ("lot_id.name", "VIN", TEXT),
        ("repair_id", "Repair Order", TEXT),
        ("payer", "Payer", TEXT),
        ("user_id", "Salesperson", TEXT),
        ("account_move_id", "Journal Entry", TEXT),
        ("stock_move_id.reference", "Stock Move", TEXT),
        ("product_id.default_code", "Part Number", TEXT),
        ("product_id", "Product", TEXT),
        ("sold_quantity", "Quantity Sold", NUMBER),
        *PROFIT_COLUMNS,
    ]


class AutocrmCostingDepartmentResultXlsx(models.AbstractModel):
    _name = "report.autocrm_costing.department_result_xlsx"
    _inherit = "report.autocrm_costing.xlsx_base"
    _description = "Department Results XLSX Export"

    _costing_title = "Department Results"
    _costing_date_field = "month"
    _costing_columns = [
        ("month", "Month", DATE),
        STORE_COLUMN,
        ("department_id", "Department", TEXT),
        *PROFIT_COLUMNS,
    ]


class AutocrmCostingAbsorptionXlsx(models.AbstractModel):
    _name = "report.autocrm_costing.absorption_xlsx"
    _inherit = "report.autocrm_costing.xlsx_base"
    _description = "Service Absorption XLSX Export"

    _costing_title = "Service Absorption"
    _costing_date_field = "month"
    _costing_columns = [
        ("month", "Month", DATE),
        STORE_COLUMN,
        ("sales_gross_profit", "Vehicle Sales Gross Profit", MONEY),
        ("after_sales_gross_profit", "After-Sales Gross Profit", MONEY),
        ("fixed_costs", "Fixed Costs", MONEY),
        ("net_profit", "Net Profit", MONEY),
        ("absorption", "Service Absorption (%)", PERCENT),
    ]


class AutocrmCostingDealXlsx(models.AbstractModel):
    _name = "report.autocrm_costing.deal_xlsx"
    _inherit = "report.autocrm_costing.xlsx_base"
    _description = "Deal Profitability XLSX Export"

    _costing_title = "Deal Profitability"
    _costing_columns = [
        ("deal_id.name", "Vehicle Deal", TEXT),
        ("date", "Date", DATE),
        STORE_COLUMN,
        ("user_id", "Salesperson", TEXT),
        ("partner_id", "Customer", TEXT),
        ("lot_id.name", "VIN", TEXT),
        ("vehicle_product_id", "Vehicle", TEXT),
        ("vehicle_revenue", "Vehicle Revenue", MONEY),
        ("vehicle_cost", "Vehicle Cost", MONEY),
        ("accessory_revenue", "Accessory Revenue", MONEY),
        ("accessory_cost", "Accessory Cost", MONEY),
        ("installation_revenue", "Installation Revenue", MONEY),
        ("installation_cost", "Installation Cost", MONEY),
        ("gift_cost", "Gift Cost", MONEY),
        ("agency_revenue", "Agency Revenue", MONEY),
        ("agency_cost", "Agency Cost", MONEY),
        ("insurance_revenue", "Insurance Rebates", MONEY),
        ("finance_revenue", "Finance Commissions", MONEY),
        ("incentive_revenue", "OEM Incentives", MONEY),
        *PROFIT_COLUMNS,
        ("margin", "Margin (%)", PERCENT),
    ]


class AutocrmCostingRepairXlsx(models.AbstractModel):
    _name = "report.autocrm_costing.repair_xlsx"
    _inherit = "report.autocrm_costing.xlsx_base"
    _description = "Repair Order Profitability XLSX Export"

    _costing_title = "Repair Order Profitability"
    _costing_columns = [
        ("repair_id.name", "Repair Order", TEXT),
        ("date", "Date", DATE),
        STORE_COLUMN,
        ("payer", "Payer", TEXT),
        ("partner_id", "Customer", TEXT),
        ("labour_revenue", "Labour Revenue", MONEY),
        ("labour_cost", "Labour Cost", MONEY),
        ("parts_revenue", "Parts Revenue", MONEY),
        ("parts_cost", "Parts Cost", MONEY),
        ("gross_profit", "Gross Profit", MONEY),
        ("deal_cost", "Charged to Deal", MONEY),
    ]


class AutocrmCostingTargetXlsx(models.AbstractModel):
    _name = "report.autocrm_costing.target_xlsx"
    _inherit = "report.autocrm_costing.xlsx_base"
    _description = "Targets XLSX Export"

    _costing_title = "Targets"
    _costing_date_field = "date_from"
    _costing_columns = [
        ("date_from", "Period Start", DATE),
        ("date_to", "Period End", DATE),
        STORE_COLUMN,
        ("kpi", "KPI", TEXT),
        ("department_id", "Department", TEXT),
        ("user_id", "Employee", TEXT),
        ("target_value", "Target", FIGURE),
        ("actual_value", "Actual", FIGURE),
        ("completion", "Completion (%)", PERCENT),
    ]
