from odoo import api, fields, models
from odoo.exceptions import AccessError

# Company fields that parts managers change on this form. Keep the list to
# parts parameters: saving writes these fields as superuser.
PARTS_PARAMETERS = (
    "parts_demand_history_days",
    "parts_default_lead_days",
    "parts_safety_days",
    "parts_order_cycle_days",
    "parts_dead_stock_days",
    "parts_abc_a_percent",
    "parts_abc_b_percent",
    "parts_retail_pricelist_id",
    "parts_trade_pricelist_id",
)


class AutocrmPartsConfig(models.TransientModel):
    """Parts parameters of one company, editable by parts managers.

    Odoo's settings page needs the Administration rights. Parts managers may
    not write companies either, so saving writes only the fields listed in
    ``PARTS_PARAMETERS``, after checking the role and the user's companies.
    """

    _name = "autocrm.parts.config"
    _description = "Parts Configuration"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    parts_demand_history_days = fields.Integer(
        string="Demand History (days)",
        help="Days of issued quantities averaged into the daily demand.",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_default_lead_days = fields.Integer(
        string="Default Supplier Lead Time (days)",
        help="Used for parts whose vendors have no delivery lead time.",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_safety_days = fields.Integer(
        string="Safety Stock (days of demand)",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_order_cycle_days = fields.Integer(
        string="Order Cycle (days)",
        help="Days of demand between the suggested minimum and maximum.",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_dead_stock_days = fields.Integer(
        string="Dead Stock After (days)",
        help="Stock that has not moved in a store for this many days is dead.",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_abc_a_percent = fields.Float(
        string="Class A Share (%)",
        help="Share of a store's annual consumption value made by class A parts.",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_abc_b_percent = fields.Float(
        string="Class A+B Share (%)",
        help="Cumulative share up to which parts are class B. The rest are C.",
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_retail_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Parts Retail Price List",
        check_company=True,
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )
    parts_trade_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Parts Trade Price List",
        check_company=True,
        compute="_compute_parameters",
        store=True,
        readonly=False,
    )

    def _compute_display_name(self):
        # Without a name field the web client titles the form with the raw
        # "model,NewId" string.
        for config in self:
            config.display_name = self.env._("Parts Settings")

    @api.depends("company_id")
    def _compute_parameters(self):
        """Start from the company's values, which the user may then change."""
        for config in self:
            for name in PARTS_PARAMETERS:
                config[name] = config.company_id[name]

    def action_save(self):
        """Write the parameters on the company, then reload the form."""
        self.ensure_one()
        if not self.env.su:
            self._check_can_save()
        values = {
            name: self._fields[name].convert_to_write(self[name], self)
            for name in PARTS_PARAMETERS
        }
        # sudo: parts managers have no write access to res.company. Only the
        # parts parameters are written, after _check_can_save().
        self.company_id.sudo().write(values)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _check_can_save(self):
        user = self.env.user
        if not user.has_group("autocrm_parts.group_parts_manager"):
            raise AccessError(
                self.env._(
                    "Only parts managers can change the parts configuration. "
                    "%(user)s does not have the Parts Manager role.",
                    user=user.name,
                )
            )
        if self.company_id not in user.company_ids:
            raise AccessError(
                self.env._(
                    "%(user)s cannot change the parts configuration of "
                    "%(company)s, which is not one of the user's companies.",
                    user=user.name,
                    company=self.company_id.name,
                )
            )
