from . import test_menu_security
from . import test_part_number
from . import test_supersession
