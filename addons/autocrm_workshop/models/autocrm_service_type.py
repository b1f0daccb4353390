from odoo import fields, models

from .workshop_selections import SERVICE_TYPES


class AutocrmServiceType(models.Model):
    """Per-store settings of one service type of `repair.order.service_type`."""

    _name = "autocrm.service.type"
    _description = "Workshop Service Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(SERVICE_TYPES, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    appointment_hours = fields.Float(
        default=1.0,
        help="Length of an appointment slot of this type, in hours.",
    )
    interval_months = fields.Integer(
        help="Months from delivery until the next service is due; 0 sets no date.",
    )
    interval_km = fields.Integer(
        string="Interval (km)",
        help="Kilometres from the odometer at reception until the next service is"
        " due; 0 sets no mileage.",
    )
    check_item_ids = fields.One2many(
        "autocrm.service.type.check.item",
        "service_type_id",
        string="Quality Checklist",
        copy=True,
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE (code, company_id)",
        "Each service type can be configured only once per store.",
    )
    _appointment_hours_positive = models.Constraint(
        "CHECK (appointment_hours > 0)",
        "The appointment length must be more than zero hours.",
    )
    _intervals_positive = models.Constraint(
        "CHECK (interval_months >= 0 AND interval_km >= 0)",
        "Service intervals cannot be negative.",
    )

    def _get_for(self, code, company):
        """Return the settings of service type `code` in `company` (may be empty)."""
        return self.search(
            [("code", "=", code), ("company_id", "=", company.id)],
            limit=1,
        )


class AutocrmServiceTypeCheckItem(models.Model):
    _name = "autocrm.service.type.check.item"
    _description = "Quality Checklist Item"
    _order = "sequence, id"

    service_type_id = fields.Many2one(
        "autocrm.service.type",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="service_type_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
