from odoo import SUPERUSER_ID, api

from odoo.addons.autocrm_workshop import _create_service_type_defaults


def migrate(cr, version):
    """Give the stores created before this version their service types.

    Earlier versions configured the service types of the main store only.
    """
    _create_service_type_defaults(api.Environment(cr, SUPERUSER_ID, {}))
