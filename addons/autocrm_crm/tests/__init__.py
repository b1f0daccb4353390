from . import test_crm_lead
from . import test_menu_security
from . import test_showroom_visit
from . import test_test_drive
from . import test_vehicle
from . import test_test_drive_concurrency
from . import test_followup
from . import test_survey_complaint
