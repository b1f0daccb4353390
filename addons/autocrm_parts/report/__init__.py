from . import autocrm_parts_fill_rate
from . import autocrm_parts_stock_health
