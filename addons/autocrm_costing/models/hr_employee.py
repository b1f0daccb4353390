from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    costing_hourly_cost = fields.Monetary(
        string="Workshop Hourly Cost",
        currency_field="currency_id",
        groups="hr.group_hr_user",
        help="Cost to the store of one hour the technician clocks on a job"
        " (wage and charges). Repair order profitability multiplies the"
        " clocked hours by it.",
    )
