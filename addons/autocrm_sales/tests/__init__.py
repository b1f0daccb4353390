from . import test_menu_security
from . import test_vehicle_stock
