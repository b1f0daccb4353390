{
    "name": "AutoCRM Vehicle Sales and Workshop",
    "summary": "Plan a deal's inspection and accessory fitting as workshop jobs",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": ["autocrm_sales", "autocrm_workshop"],
    "data": [
        "views/repair_order_views.xml",
        "views/sale_order_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
