{
    "name": "AutoCRM Demo Store",
    "summary": "Generate a two-store dealer group with two years of history",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealership",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "license": "LGPL-3",
    "depends": ["autocrm_costing", "autocrm_sales_workshop"],
    "external_dependencies": {"python": ["vininfo"]},
    "installable": True,
}
