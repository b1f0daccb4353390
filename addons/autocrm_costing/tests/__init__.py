from . import test_deal_profit
from . import test_department_results
from . import test_menu_security
from . import test_repair_profit
from . import test_store_journeys
from . import test_targets
from . import test_tours
from . import test_xlsx_exports
