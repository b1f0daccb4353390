from . import account_move_line
from . import autocrm_costing_department
from . import autocrm_costing_department_rule
from . import autocrm_costing_kpi
from . import autocrm_costing_target
from . import hr_employee
from . import sale_order_line
