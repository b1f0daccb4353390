{
    "name": "AutoCRM Vehicle Sales",
    "summary": "VIN stock and the vehicle deal with its add-ons",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": [
        "autocrm_crm",
        "autocrm_parts",
        "sale_stock",
        "stock_account",
    ],
    "data": [
        "security/autocrm_sales_security.xml",
        "security/ir.model.access.csv",
        "views/autocrm_sales_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
}
