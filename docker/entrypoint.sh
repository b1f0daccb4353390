#!/bin/bash
# Install the Python packages the addons need, then create the demo database
# on the first start (or upgrade the modules on later ones) and serve it,
# as `make demo` does outside containers.
set -euo pipefail
MODULES=autocrm_base,autocrm_crm,autocrm_parts,autocrm_sales,autocrm_workshop,autocrm_costing,autocrm_demo_store
DB_ARGS=(--db_host "$HOST" --db_user "$USER" --db_password "$PASSWORD")

pip3 install --quiet --break-system-packages --user \
    xlsxwriter vininfo "odoo-addon-report-xlsx>=19.0.1.0.0,<19.1" --no-deps

if psql "postgresql://$USER:$PASSWORD@$HOST/postgres" -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'autocrm_demo'" | grep -q 1; then
    echo "Upgrading the AutoCRM modules in autocrm_demo"
    odoo "${DB_ARGS[@]}" -d autocrm_demo -u "$MODULES" --stop-after-init
else
    echo "Creating autocrm_demo with the AutoCRM modules and demo data"
    odoo "${DB_ARGS[@]}" -d autocrm_demo -i "$MODULES" --with-demo --stop-after-init
    echo "Generating the demo stores (size ${DEMO_SIZE:-3}, seed ${DEMO_SEED:-2026})"
    echo "env['autocrm.demo.store'].generate(size=${DEMO_SIZE:-3}, seed=${DEMO_SEED:-2026}); env.cr.commit()" |
        odoo shell "${DB_ARGS[@]}" -d autocrm_demo --no-http
fi
echo "AutoCRM demo store: http://localhost:${HTTP_PORT:-8069}/web/login"
exec odoo "${DB_ARGS[@]}"
