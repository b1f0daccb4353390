{
    "name": "AutoCRM Base",
    "summary": "Dealership menu, roles and VIN rules shared by the AutoCRM apps",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": ["base", "mail"],
    "external_dependencies": {"python": ["vininfo"]},
    "data": [
        "security/autocrm_base_security.xml",
        "views/autocrm_base_menus.xml",
    ],
    "installable": True,
    "application": True,
}
