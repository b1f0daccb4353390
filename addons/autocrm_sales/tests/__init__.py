from . import test_menu_security
from . import test_security
from . import test_stock_report
from . import test_tours
from . import test_deal
from . import test_delivery
from . import test_vehicle_stock
from . import test_vin_concurrency
