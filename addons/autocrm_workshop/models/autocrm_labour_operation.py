from odoo import api, fields, models


class AutocrmLabourOperation(models.Model):
    """Catalogue entry of a labour operation with its flat-rate time."""

    _name = "autocrm.labour.operation"
    _description = "Labour Operation"
    _order = "code"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    code = fields.Char(required=True, index="trigram")
    name = fields.Char(string="Description", required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    flat_rate_hours = fields.Float(
        required=True,
        default=1.0,
        help="Hours sold for this operation when no vehicle model has its own time.",
    )
    labour_rate = fields.Monetary(
        required=True,
        help="Price of one sold hour charged to the customer or insurer.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Invoicing Product",
        domain=[("type", "=", "service")],
        check_company=True,
        help="Service product of the sale order and invoice lines; the store's"
        " workshop labour product when empty.",
    )
    model_time_ids = fields.One2many(
        "autocrm.labour.operation.time",
        "operation_id",
        string="Times per Model",
        copy=True,
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE (code, company_id)",
        "A labour operation with this code already exists in this store.",
    )
    _hours_positive = models.Constraint(
        "CHECK (flat_rate_hours > 0)",
        "The flat-rate time of a labour operation must be more than zero hours.",
    )
    _rate_not_negative = models.Constraint(
        "CHECK (labour_rate >= 0)",
        "The labour rate cannot be negative.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for operation in self:
            operation.display_name = f"[{operation.code}] {operation.name}"

    def _get_flat_rate_hours(self, vehicle_model):
        """Return the hours sold for `vehicle_model`, falling back to the default."""
        self.ensure_one()
        model_time = self.model_time_ids.filtered(
            lambda time: time.model_id == vehicle_model
        )[:1]
        return model_time.hours if model_time else self.flat_rate_hours

    def _get_invoicing_product(self):
        self.ensure_one()
        return self.product_id or self.env.ref(
            "autocrm_workshop.product_workshop_labour"
        )


class AutocrmLabourOperationTime(models.Model):
    _name = "autocrm.labour.operation.time"
    _description = "Labour Operation Time per Vehicle Model"
    _order = "model_id"

    operation_id = fields.Many2one(
        "autocrm.labour.operation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="operation_id.company_id", store=True)
    model_id = fields.Many2one(
        "fleet.vehicle.model",
        string="Vehicle Model",
        required=True,
        ondelete="cascade",
    )
    hours = fields.Float(required=True)

    _operation_model_uniq = models.Constraint(
        "UNIQUE (operation_id, model_id)",
        "A labour operation can have only one time per vehicle model.",
    )
    _hours_positive = models.Constraint(
        "CHECK (hours > 0)",
        "The flat-rate time of a vehicle model must be more than zero hours.",
    )
