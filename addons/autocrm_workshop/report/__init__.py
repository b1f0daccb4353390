from . import autocrm_technician_performance
