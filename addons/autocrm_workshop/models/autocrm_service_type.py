from odoo import api, fields, models
from odoo.fields import Command

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

    @api.model
    def _create_company_defaults(self, companies):
        """Create the default settings of each service type `companies` lack.

        Archived settings count as configured, so that a store that hid a type
        does not get it back. Returns the created settings.
        """
        configured = {
            (settings.company_id.id, settings.code)
            for settings in self.with_context(active_test=False).search(
                [("company_id", "in", companies.ids)]
            )
        }
        vals_list = [
            dict(vals, company_id=company.id)
            for company in companies
            for vals in self._get_default_values()
            if (company.id, vals["code"]) not in configured
        ]
        return self.create(vals_list)

    @api.model
    def _get_default_values(self):
        """Return the create values of the settings each store starts with.

        Names are in the current user's language, as with the operation types
        that Odoo creates for a new warehouse.
        """

        def checklist(*items):
            return [
                Command.create({"sequence": 10 * number, "name": item})
                for number, item in enumerate(items, start=1)
            ]

        return [
            {
                "code": "maintenance",
                "name": self.env._("Maintenance"),
                "sequence": 10,
                "appointment_hours": 1.5,
                "interval_months": 12,
                "interval_km": 10000,
                "check_item_ids": checklist(
                    self.env._("Oil level and leaks"),
                    self.env._("Filters replaced as ordered"),
                    self.env._("Tyre pressures and torque"),
                    self.env._("Service reminder reset"),
                    self.env._("Road test"),
                ),
            },
            {
                "code": "repair",
                "name": self.env._("Repair"),
                "sequence": 20,
                "appointment_hours": 3.0,
                "check_item_ids": checklist(
                    self.env._("Customer concern fixed"),
                    self.env._("No fault codes stored"),
                    self.env._("Road test"),
                ),
            },
            {
                "code": "body_paint",
                "name": self.env._("Body and Paint"),
                "sequence": 30,
                "appointment_hours": 8.0,
                "check_item_ids": checklist(
                    self.env._("Panel gaps even"),
                    self.env._("Colour match in daylight"),
                    self.env._("No overspray"),
                ),
            },
            {
                "code": "warranty",
                "name": self.env._("Warranty"),
                "sequence": 40,
                "appointment_hours": 2.0,
                "check_item_ids": checklist(
                    self.env._("Failed part kept for the manufacturer"),
                    self.env._("Customer concern fixed"),
                    self.env._("Road test"),
                ),
            },
            {
                "code": "insurance",
                "name": self.env._("Insurance Claim"),
                "sequence": 50,
                "appointment_hours": 8.0,
                "check_item_ids": checklist(
                    self.env._("All assessed damage repaired"),
                    self.env._("Photos after repair taken"),
                ),
            },
            {
                "code": "internal",
                "name": self.env._("Internal (PDI, Accessories)"),
                "sequence": 60,
                "appointment_hours": 2.0,
                "check_item_ids": checklist(
                    self.env._("Fluids and tyre pressures"),
                    self.env._("Accessories fitted and working"),
                    self.env._("Vehicle cleaned"),
                ),
            },
            {
                "code": "recall",
                "name": self.env._("Recall Campaign"),
                "sequence": 70,
                "appointment_hours": 1.0,
                "check_item_ids": checklist(
                    self.env._("Campaign label applied"),
                    self.env._("Campaign closed in the OEM portal"),
                ),
            },
        ]


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
