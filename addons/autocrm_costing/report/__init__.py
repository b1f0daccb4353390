from . import autocrm_costing_report_mixin
from . import autocrm_costing_line
from . import autocrm_costing_department_result
from . import autocrm_costing_absorption
from . import autocrm_costing_deal
from . import autocrm_costing_repair
from . import autocrm_costing_xlsx
