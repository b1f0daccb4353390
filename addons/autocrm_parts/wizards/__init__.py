from . import autocrm_parts_config
from . import autocrm_parts_lookup
from . import autocrm_parts_price_import
