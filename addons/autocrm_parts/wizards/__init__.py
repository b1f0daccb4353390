from . import autocrm_parts_lookup
from . import autocrm_parts_price_import
