from . import autocrm_deal_package_wizard
from . import autocrm_vin_receipt_wizard
