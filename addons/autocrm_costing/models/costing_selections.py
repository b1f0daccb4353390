"""Selections shared by the costing models and reports."""

# Costing categories of revenue and cost. A journal item or stock move gets
# one from its sale order line, repair order or product. An accountant may set
# it by hand on a vendor bill line, such as a late freight bill or an OEM bonus.
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

# Categories of a vehicle deal. The other categories belong to after-sales.
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

# Payers of a repair order line, with the keys the workshop app uses.
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
