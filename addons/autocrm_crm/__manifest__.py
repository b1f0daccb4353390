{
    "name": "AutoCRM Customers",
    "summary": "Owners, vehicles, prospects, test drives, follow-ups, retention",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": [
        "autocrm_base",
        "crm",
        "fleet",
        "survey",
        "loyalty",
        "event",
    ],
    "external_dependencies": {"python": ["vininfo"]},
    "data": [
        "security/autocrm_crm_security.xml",
        "security/ir.model.access.csv",
        "views/autocrm_crm_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
}
