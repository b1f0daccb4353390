{
    "name": "AutoCRM Workshop",
    "summary": "Appointments, repair orders, quality, warranty, technician time",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": [
        "autocrm_crm",
        "autocrm_parts",
        "repair",
        "hr",
    ],
    "data": [
        "security/autocrm_workshop_security.xml",
        "security/ir.model.access.csv",
        "views/autocrm_workshop_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
}
