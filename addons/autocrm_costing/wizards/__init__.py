from . import autocrm_costing_target_wizard_mixin
from . import autocrm_costing_target_bulk
from . import autocrm_costing_target_copy
