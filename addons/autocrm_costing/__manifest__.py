{
    "name": "AutoCRM Costing",
    "summary": "True profit per deal and repair order, targets, XLSX exports",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": [
        "autocrm_sales",
        "autocrm_workshop",
        "account",
        "analytic",
        "report_xlsx",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/autocrm_costing_security.xml",
        "security/ir.model.access.csv",
        "views/autocrm_costing_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
}
