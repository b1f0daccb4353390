# AutoCRM: the two everyday commands are `make demo` and `make test`.
# Everything is done by tools/autocrm.py; these targets only name it.
PYTHON ?= python3
AUTOCRM = $(PYTHON) tools/autocrm.py

# Optional selections for `make test`, for example:
#   make test MODULE=autocrm_crm
#   make test TAG=/autocrm_crm:TestVehicleVin
#   make test KEEP_DB=1
#   make test MODULE=autocrm_crm NO_SYSTEM=1
MODULE ?=
TAG ?=
KEEP_DB ?=
NO_SYSTEM ?=
TEST_ARGS = $(if $(MODULE),--module $(MODULE)) $(if $(TAG),--tag $(TAG)) \
	$(if $(KEEP_DB),--keep-db) $(if $(INSTALL_CHECK),--install-check) \
	$(if $(NO_SYSTEM),--no-system)

.PHONY: demo test setup check-install test-stock lint

# Size and seed of the generated demo stores, for example:
#   make demo SIZE=10 SEED=7
SIZE ?=
SEED ?=

demo:
	$(AUTOCRM) demo $(if $(SIZE),--size $(SIZE)) $(if $(SEED),--seed $(SEED))

test:
	$(AUTOCRM) test $(TEST_ARGS)

setup:
	$(AUTOCRM) setup --browser

check-install:
	$(AUTOCRM) check-install

# Stock Odoo suites (crm, fleet, sale_stock, ...) with AutoCRM installed; long.
#   make test-stock SUITE=crm KEEP_DB=1
SUITE ?=
STOCK_ARGS = $(if $(SUITE),--suite $(SUITE)) $(if $(KEEP_DB),--keep-db)
test-stock:
	$(AUTOCRM) stock-tests $(STOCK_ARGS)

lint: node_modules
	$(PYTHON) -m ruff check addons tools tests
	$(PYTHON) -m ruff format --check addons tools tests
	$(PYTHON) -m pylint --rcfile=.pylintrc addons/autocrm_*
	npx prettier --check "addons/**/*.xml"

# Prettier and its XML plugin, from the npm registry (package-lock.json).
node_modules: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch node_modules
