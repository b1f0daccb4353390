{
    "name": "AutoCRM Vehicle Sales",
    "summary": "VIN stock and the vehicle deal with its add-ons",
    "version": "19.0.1.1.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": [
        "autocrm_crm",
        "autocrm_parts",
        "sale_crm",
        "sale_stock",
        "stock_account",
    ],
    "data": [
        "security/autocrm_sales_security.xml",
        "security/ir.model.access.csv",
        "security/autocrm_sales_rules.xml",
        "data/product_data.xml",
        "data/autocrm_sales_data.xml",
        "views/autocrm_decoration_package_views.xml",
        "views/autocrm_gate_pass_views.xml",
        "views/autocrm_insurance_policy_views.xml",
        "views/autocrm_vehicle_stock_report_views.xml",
        "views/sale_order_views.xml",
        "views/stock_lot_views.xml",
        "views/autocrm_sales_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "autocrm_sales/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
