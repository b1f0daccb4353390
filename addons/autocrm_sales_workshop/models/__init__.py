from . import repair_order
from . import sale_order
