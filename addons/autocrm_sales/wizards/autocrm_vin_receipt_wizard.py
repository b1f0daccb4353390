import base64
import binascii
import re
from itertools import islice

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.autocrm_base.tools.vin import (
    foreign_vin_maker,
    normalize_vin,
    vin_problem,
)

# Columns of a pasted or imported line, after the VIN.
OPTIONAL_COLUMNS = ("engine_number", "key_number", "certificate_number")
SEPARATORS = re.compile(r"[\t;,|]")


class AutocrmVinReceiptWizard(models.TransientModel):
    """Receive vehicles on a purchase receipt from a list of VINs.

    Each line contains a VIN, then optionally the engine number, the key
    number and the certificate of conformity number, separated by tab,
    semicolon, comma or bar. The list can be pasted or read from a text/CSV file.
    """

    _name = "autocrm.vin.receipt.wizard"
    _description = "Receive Vehicles by VIN"

    picking_id = fields.Many2one("stock.picking", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product",
        string="Vehicle",
        required=True,
        domain="[('id', 'in', vehicle_product_ids)]",
    )
    vehicle_product_ids = fields.Many2many(
        "product.product", compute="_compute_vehicle_product_ids"
    )
    vin_list = fields.Text(
        string="VINs",
        help="One vehicle per line: VIN, then optionally engine number, key "
        "number and certificate number.",
    )
    vin_file = fields.Binary(string="Import File")
    vin_filename = fields.Char()
    validate_receipt = fields.Boolean(
        default=True,
        help="Validate the receipt when every vehicle of the receipt has a VIN.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        picking_id = values.get("picking_id") or (
            self.env.context.get("active_model") == "stock.picking"
            and self.env.context.get("active_id")
        )
        if picking_id:
            values["picking_id"] = picking_id
            picking = self.env["stock.picking"].browse(picking_id)
            products = picking.move_ids.filtered(
                lambda m: m.product_id.is_vehicle and m.state not in ("done", "cancel")
            ).product_id
            if len(products) == 1 and "product_id" in fields_list:
                values["product_id"] = products.id
        return values

    @api.depends("picking_id")
    def _compute_vehicle_product_ids(self):
        for wizard in self:
            wizard.vehicle_product_ids = wizard._get_open_moves().product_id

    def _get_open_moves(self, product=None):
        """Return the receipt's vehicle moves that still miss VINs."""
        return self.picking_id.move_ids.filtered(
            lambda m: (
                m.product_id.is_vehicle
                and m.state not in ("done", "cancel")
                and (product is None or m.product_id == product)
                and len(m.move_line_ids.lot_id) < m.product_uom_qty
            )
        )

    def _get_raw_lines(self):
        text = self.vin_list or ""
        if self.vin_file:
            try:
                text += "\n" + base64.b64decode(self.vin_file).decode("utf-8-sig")
            except (binascii.Error, UnicodeDecodeError) as error:
                raise UserError(
                    self.env._(
                        "File %(file)s is not a UTF-8 text or CSV file: %(error)s",
                        file=self.vin_filename or "",
                        error=error,
                    )
                ) from error
        return text.splitlines()

    def _parse_lines(self):
        """Return one dict per vehicle; raise listing every invalid line."""
        entries = []
        problems = []
        seen = {}
        for number, raw in enumerate(self._get_raw_lines(), start=1):
            columns = [column.strip() for column in SEPARATORS.split(raw)]
            if not columns or not columns[0]:
                continue
            vin = normalize_vin(columns[0])
            if vin.upper() == "VIN":
                continue  # header row of an imported file
            problem = vin_problem(vin)
            if problem:
                problems.append(
                    self.env._(
                        "line %(line)s: VIN %(vin)s is invalid: %(problem)s",
                        line=number,
                        vin=vin,
                        problem=problem,
                    )
                )
                continue
            brand = self.product_id.vehicle_model_id.brand_id
            maker = foreign_vin_maker(
                vin, brand.name, brand and brand._get_vin_maker_names()
            )
            if maker:
                problems.append(
                    self.env._(
                        "line %(line)s: VIN %(vin)s was made by %(maker)s, but "
                        "%(product)s is of the brand %(brand)s. If %(maker)s builds "
                        "%(brand)s vehicles, add it to Also Built By on the "
                        "brand.",
                        line=number,
                        vin=vin,
                        maker=maker,
                        product=self.product_id.display_name,
                        brand=brand.name,
                    )
                )
                continue
            if vin in seen:
                problems.append(
                    self.env._(
                        "line %(line)s: VIN %(vin)s is already on line %(first)s",
                        line=number,
                        vin=vin,
                        first=seen[vin],
                    )
                )
                continue
            seen[vin] = number
            entry = {"name": vin, "line": number}
            for field_name, value in zip(OPTIONAL_COLUMNS, columns[1:]):
                if value:
                    entry[field_name] = value
            entries.append(entry)
        if problems:
            self._raise_line_problems(problems)
        if not entries:
            raise UserError(self.env._("Paste or import at least one VIN."))
        return entries

    def _raise_line_problems(self, problems):
        raise UserError(
            self.env._(
                "Nothing was received. Correct these lines and try again:\n"
                "%(problems)s",
                problems="\n".join(problems),
            )
        )

    def _get_lots(self, entries):
        """Return the lots for the VINs, creating those not registered yet.

        A VIN already registered for the same vehicle product and not in stock
        (entered when the vehicle was ordered) is reused. Any other VIN already
        known is an error.
        """
        product = self.product_id
        lot_model = self.env["stock.lot"].sudo()
        existing = lot_model.search(
            [
                ("name", "in", [entry["name"] for entry in entries]),
                ("is_vehicle", "=", True),
            ]
        )
        by_name = {lot.name: lot for lot in existing}
        problems = []
        lots = self.env["stock.lot"]
        to_create = []
        for entry in entries:
            lot = by_name.get(entry["name"])
            if not lot:
                to_create.append(entry)
                continue
            if lot.product_id != product or lot.vin_state != "ordered":
                problems.append(
                    self.env._(
                        "line %(line)s: VIN %(vin)s is already registered as "
                        "%(product)s (%(state)s)",
                        line=entry["line"],
                        vin=entry["name"],
                        product=lot.product_id.display_name,
                        state=dict(lot._fields["vin_state"].selection).get(
                            lot.vin_state, ""
                        ),
                    )
                )
                continue
            lot.write({key: entry[key] for key in OPTIONAL_COLUMNS if key in entry})
            lots |= lot
        if problems:
            self._raise_line_problems(problems)
        new_lots = self.env["stock.lot"].create(
            [
                {
                    key: value
                    for key, value in dict(
                        entry,
                        product_id=product.id,
                        company_id=self.picking_id.company_id.id,
                    ).items()
                    if key != "line"
                }
                for entry in to_create
            ]
        )
        return lots | new_lots

    def action_receive(self):
        """Put one VIN on each vehicle of the receipt, then validate it."""
        self.ensure_one()
        moves = self._get_open_moves(self.product_id)
        entries = self._parse_lines()
        expected = int(
            sum(move.product_uom_qty - len(move.move_line_ids.lot_id) for move in moves)
        )
        if len(entries) > expected:
            raise UserError(
                self.env._(
                    "%(count)s VINs were given but receipt %(picking)s expects only "
                    "%(expected)s more %(product)s. Remove the extra VINs or "
                    "receive them on another order.",
                    count=len(entries),
                    picking=self.picking_id.name,
                    expected=expected,
                    product=self.product_id.display_name,
                )
            )
        lots = iter(self._get_lots(entries))
        for move in moves:
            missing = int(move.product_uom_qty - len(move.move_line_ids.lot_id))
            move_lots = list(islice(lots, missing))
            if move_lots:
                move._assign_vehicle_lots(move_lots)
        picking = self.picking_id
        if self.validate_receipt and not self._get_open_moves():
            result = picking.button_validate()
            if isinstance(result, dict):
                return result
        return {"type": "ir.actions.act_window_close"}
