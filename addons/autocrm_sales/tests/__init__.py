from . import test_menu_security
