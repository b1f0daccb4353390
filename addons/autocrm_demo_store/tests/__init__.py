from . import test_generate
