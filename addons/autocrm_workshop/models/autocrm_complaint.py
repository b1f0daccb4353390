from odoo import api, models


class AutocrmComplaint(models.Model):
    _inherit = "autocrm.complaint"

    @api.model
    def _selection_document_ref(self):
        return super()._selection_document_ref() + [("repair.order", "Repair Order")]
