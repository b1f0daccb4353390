from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # Runs as superuser, because a user who may create companies may lack
        # the workshop rights that creating service type settings needs.
        self.env["autocrm.service.type"].sudo()._create_company_defaults(companies)
        return companies
