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

# Who pays a new line when nobody chose: recall campaigns are paid by the OEM
# like warranty work, internal jobs (PDI, accessory fitting) by the store.
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
