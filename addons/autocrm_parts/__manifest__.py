{
    "name": "AutoCRM Parts",
    "summary": "Parts catalogue, availability, replenishment, counter sales",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": [
        "autocrm_base",
        "fleet",
        "stock",
        "purchase_stock",
        "sale_stock",
    ],
    "data": [
        "security/autocrm_parts_security.xml",
        "security/ir.model.access.csv",
        "views/autocrm_parts_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
}
