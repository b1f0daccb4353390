"""Selections shared by the costing models and reports."""

# What a revenue or cost is about. A journal item or stock move gets one of
# these from its sale order line, repair order or product; an accountant may
# set it by hand on a vendor bill line (a late freight bill, an OEM bonus).
CATEGORIES = [
    ("vehicle", "Vehicle"),
    ("accessory", "Decoration Accessories"),
    ("installation", "Installation Labour"),
    ("gift", "Gifts"),
    ("agency", "Agency Services"),
    ("insurance", "Insurance Rebates"),
    ("finance", "Finance Commissions"),
    ("incentive", "OEM Incentives"),
    ("labour", "Service Labour"),
    ("parts_workshop", "Parts (Workshop)"),
    ("parts_counter", "Parts (Counter)"),
]

# Categories that belong to a vehicle deal; the others belong to after-sales.
DEAL_CATEGORIES = (
    "vehicle",
    "accessory",
    "installation",
    "gift",
    "agency",
    "insurance",
    "finance",
    "incentive",
)

# Who pays a repair order line, as the workshop app names it.
PAYERS = [
    ("customer", "Customer"),
    ("warranty", "OEM Warranty"),
    ("insurer", "Insurer"),
    ("internal", "Internal"),
]

DEPARTMENT_KINDS = [
    ("sales", "Vehicle Sales"),
    ("after_sales", "After-Sales"),
    ("fixed", "Fixed Costs"),
]
