"""Selections shared by the workshop models."""

SERVICE_TYPES = [
    ("maintenance", "Maintenance"),
    ("repair", "Repair"),
    ("body_paint", "Body and Paint"),
    ("warranty", "Warranty"),
    ("insurance", "Insurance Claim"),
    ("internal", "Internal"),
    ("recall", "Recall Campaign"),
]

PAYERS = [
    ("customer", "Customer"),
    ("warranty", "OEM Warranty"),
    ("insurer", "Insurer"),
    ("internal", "Internal"),
]

# Payer of a new line when none is given. The OEM pays recall campaigns like
# warranty work, and the store pays internal jobs (PDI, accessory fitting).
DEFAULT_PAYER = {
    "maintenance": "customer",
    "repair": "customer",
    "body_paint": "customer",
    "warranty": "warranty",
    "insurance": "insurer",
    "internal": "internal",
    "recall": "warranty",
}

APPROVAL_STATES = [
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("declined", "Declined"),
]

WORKSHOP_STATES = [
    ("reception", "Reception"),
    ("waiting_parts", "Waiting for Parts"),
    ("in_progress", "In Progress"),
    ("quality_check", "Quality Check"),
    ("ready", "Ready"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
