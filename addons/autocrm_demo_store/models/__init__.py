from . import autocrm_demo_store
