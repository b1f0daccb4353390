import math
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class AutocrmPartsOrderpointSuggestion(models.Model):
    """Min/max order point suggested from a part's demand in one store.

    daily demand = quantity issued in the history window / window days,
        where issues of superseded numbers count for their current part
    minimum = daily demand x (supplier lead days + safety days), rounded up
    maximum = minimum + daily demand x order cycle days, rounded up
    The window and day counts are company settings.
    """

    _name = "autocrm.parts.orderpoint.suggestion"
    _description = "Suggested Parts Order Point"
    _order = "warehouse_id, daily_demand desc, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Store",
        required=True,
        readonly=True,
        check_company=True,
        index=True,
    )
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        readonly=True,
        check_company=True,
        index=True,
    )
    part_brand_id = fields.Many2one(
        related="product_id.product_tmpl_id.part_brand_id", store=True
    )
    part_type = fields.Selection(
        related="product_id.product_tmpl_id.part_type", store=True
    )
    history_days = fields.Integer(readonly=True)
    demand_qty = fields.Float(string="Issued in History", readonly=True)
    daily_demand = fields.Float(readonly=True, digits=(16, 3))
    lead_days = fields.Integer(string="Lead Time (days)", readonly=True)
    safety_qty = fields.Float(string="Safety Stock", readonly=True)
    suggested_min_qty = fields.Float(string="Suggested Min", readonly=True)
    suggested_max_qty = fields.Float(string="Suggested Max", readonly=True)
    orderpoint_id = fields.Many2one(
        "stock.warehouse.orderpoint",
        string="Order Point",
        readonly=True,
        check_company=True,
    )
    current_min_qty = fields.Float(
        related="orderpoint_id.product_min_qty", string="Current Min"
    )
    current_max_qty = fields.Float(
        related="orderpoint_id.product_max_qty", string="Current Max"
    )
    state = fields.Selection(
        [("suggested", "Suggested"), ("applied", "Applied")],
        default="suggested",
        required=True,
        readonly=True,
        index=True,
    )

    _warehouse_product_state_unique = models.UniqueIndex(
        "(warehouse_id, product_id) WHERE state = 'suggested'",
        "A part has one open order point suggestion per store.",
    )

    @api.depends("product_id.oem_part_number", "warehouse_id.name")
    def _compute_display_name(self):
        for suggestion in self:
            product = suggestion.product_id
            part = product.oem_part_number or product.display_name
            suggestion.display_name = f"{part} / {suggestion.warehouse_id.name}"

    @api.model
    def _compute_suggestions(self, warehouses=None):
        """Replace the open suggestions of ``warehouses`` from demand history."""
        warehouses = warehouses or self.env["stock.warehouse"].search(
            [("company_id", "in", self.env.companies.ids)]
        )
        self.search(
            [("warehouse_id", "in", warehouses.ids), ("state", "=", "suggested")]
        ).unlink()
        vals_list = []
        for company, company_warehouses in warehouses.grouped("company_id").items():
            vals_list += self._prepare_suggestion_vals(company, company_warehouses)
        return self.create(vals_list)

    def _prepare_suggestion_vals(self, company, warehouses):
        history_days = company.parts_demand_history_days
        since = fields.Datetime.now() - timedelta(days=history_days)
        groups = self.env["stock.move"]._read_group(
            [
                ("state", "=", "done"),
                ("company_id", "=", company.id),
                ("date", ">=", since),
                ("location_id.warehouse_id", "in", warehouses.ids),
                ("location_dest_id.usage", "in", ("customer", "production")),
                ("product_id.product_tmpl_id.part_type", "!=", False),
            ],
            ["product_id", "location_id"],
            ["product_qty:sum"],
        )
        demand = defaultdict(float)
        for product, location, qty in groups:
            # Demand for a superseded number is demand for its current part,
            # which is the one to keep on the shelf.
            current = product._get_current_part_variant()
            demand[current, location.warehouse_id] += qty
        orderpoints = self.env["stock.warehouse.orderpoint"].search(
            [
                ("warehouse_id", "in", warehouses.ids),
                ("product_id", "in", [product.id for product, _wh in demand]),
            ]
        )
        orderpoint_by_key = {(op.product_id, op.warehouse_id): op for op in orderpoints}
        vals_list = []
        for (product, warehouse), qty in demand.items():
            daily = qty / history_days
            lead_days = self._get_lead_days(product, company)
            safety = daily * company.parts_safety_days
            minimum = math.ceil(daily * lead_days + safety)
            maximum = max(
                math.ceil(minimum + daily * company.parts_order_cycle_days), minimum
            )
            vals_list.append(
                {
                    "company_id": company.id,
                    "warehouse_id": warehouse.id,
                    "product_id": product.id,
                    "history_days": history_days,
                    "demand_qty": qty,
                    "daily_demand": daily,
                    "lead_days": lead_days,
                    "safety_qty": safety,
                    "suggested_min_qty": minimum,
                    "suggested_max_qty": maximum,
                    "orderpoint_id": orderpoint_by_key.get(
                        (product, warehouse), orderpoints.browse()
                    ).id,
                }
            )
        return vals_list

    def _get_lead_days(self, product, company):
        """Return the delay of the part's first vendor, else the company default."""
        sellers = product.seller_ids.filtered(
            lambda seller: (
                seller.company_id in (company, self.env["res.company"])
                and (not seller.product_id or seller.product_id == product)
            )
        )
        if sellers[:1].delay:
            return sellers[:1].delay
        return company.parts_default_lead_days

    def action_apply(self):
        """Write the suggested min/max into the stores' order points."""
        if not self.env.user.has_group("autocrm_parts.group_parts_manager"):
            raise UserError(
                self.env._("Only a parts manager can apply order point suggestions.")
            )

        todo = self.filtered(lambda suggestion: suggestion.state == "suggested")
        orderpoint_model = self.env["stock.warehouse.orderpoint"]
        existing = orderpoint_model.search(
            [
                ("warehouse_id", "in", todo.warehouse_id.ids),
                ("product_id", "in", todo.product_id.ids),
            ]
        )
        orderpoint_by_key = {
            (op.product_id, op.location_id): op for op in existing.sorted("id")
        }

        # Update the order points that exist, create the others in one batch.
        to_create = self.browse()
        for suggestion in todo:
            location = suggestion.warehouse_id.lot_stock_id
            orderpoint = suggestion.orderpoint_id or orderpoint_by_key.get(
                (suggestion.product_id, location)
            )
            if orderpoint:
                orderpoint.write(suggestion._prepare_orderpoint_vals())
                suggestion.orderpoint_id = orderpoint
            else:
                to_create |= suggestion

        created = orderpoint_model.create(
            [
                dict(
                    suggestion._prepare_orderpoint_vals(),
                    warehouse_id=suggestion.warehouse_id.id,
                    location_id=suggestion.warehouse_id.lot_stock_id.id,
                    product_id=suggestion.product_id.id,
                    company_id=suggestion.company_id.id,
                )
                for suggestion in to_create
            ]
        )
        for suggestion, orderpoint in zip(to_create, created, strict=True):
            suggestion.orderpoint_id = orderpoint

        todo.state = "applied"
        return True

    def _prepare_orderpoint_vals(self):
        self.ensure_one()
        return {
            "product_min_qty": self.suggested_min_qty,
            "product_max_qty": self.suggested_max_qty,
            "trigger": "auto",
        }

    @api.model
    def action_compute_suggestions(self):
        """Recompute the suggestions of the user's stores and open them."""
        self._compute_suggestions()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "autocrm_parts.autocrm_parts_orderpoint_suggestion_action"
        )

    @api.model
    def _cron_compute_suggestions(self):
        # The scheduler runs for every store of every company, whatever the
        # companies of the cron user are.
        warehouses = self.env["stock.warehouse"].sudo().search([("active", "=", True)])
        self.sudo()._compute_suggestions(warehouses)
