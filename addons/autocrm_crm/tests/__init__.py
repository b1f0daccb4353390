from . import test_crm_lead
from . import test_menu_security
from . import test_showroom_visit
from . import test_test_drive
from . import test_vehicle
