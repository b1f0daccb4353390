from . import test_lookup
from . import test_menu_security
from . import test_orders
from . import test_part_number
from . import test_price_import
from . import test_replenishment
from . import test_stock_health
from . import test_supersession
