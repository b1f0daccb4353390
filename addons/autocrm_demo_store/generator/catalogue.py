"""Fixed data of the demo dealer group: stores, roles, vehicles, names.

Prices are round demo figures in the range of these models' US list
prices, not quotes. The WMIs are the makers' real codes, which vininfo 1.11
decodes; the descriptor and plant characters are made up per model.
"""

GROUP_NAME = "Bayside Auto Group"

# One franchise per store, as in a 4S dealership. The first store is the
# database's main company, so the per-module demo records join it.
STORES = [
    {
        "code": "sf",
        "name": "Bayside Toyota San Francisco",
        "brand_xmlid": "fleet.brand_toyota",
        "brand": "Toyota",
        "maker": "Toyota Motor Sales, U.S.A.",
        "street": "2450 Harbor Way",
        "city": "San Francisco",
        "zip": "94107",
        "phone": "+1 415 555 0100",
        "area_codes": ["415", "628", "650"],
        "cities": ["San Francisco", "Daly City", "San Mateo", "South San Francisco"],
        "warehouse_code": "BTSF",
    },
    {
        "code": "sj",
        "name": "Bayside Honda San Jose",
        "brand_xmlid": "fleet.brand_honda",
        "brand": "Honda",
        "maker": "American Honda Motor Co.",
        "street": "880 Orchard Parkway",
        "city": "San Jose",
        "zip": "95131",
        "phone": "+1 408 555 0100",
        "area_codes": ["408", "669", "510"],
        "cities": ["San Jose", "Santa Clara", "Milpitas", "Fremont", "Sunnyvale"],
        "warehouse_code": "BHSJ",
    },
]

# (login suffix, role shown to the user, AutoCRM and Odoo groups). The login
# of a store's first user in a role is "<store code>.<suffix>".
ROLES = [
    (
        "consultant",
        "Sales Consultant",
        ["autocrm_crm.group_sales_consultant", "autocrm_costing.group_costing_user"],
    ),
    (
        "sales.manager",
        "Sales Manager",
        ["autocrm_crm.group_sales_manager", "autocrm_costing.group_costing_user"],
    ),
    ("fi", "F&I Specialist", ["autocrm_sales.group_fi_specialist"]),
    ("customer.service", "Customer Service", ["autocrm_crm.group_customer_service"]),
    ("security", "Security Desk", ["autocrm_sales.group_security_desk"]),
    ("parts.clerk", "Parts Clerk", ["autocrm_parts.group_parts_clerk"]),
    ("parts.manager", "Parts Manager", ["autocrm_parts.group_parts_manager"]),
    ("advisor", "Service Advisor", ["autocrm_workshop.group_service_advisor"]),
    ("technician", "Technician", ["autocrm_workshop.group_technician"]),
    ("foreman", "Workshop Foreman", ["autocrm_workshop.group_workshop_foreman"]),
    ("warranty", "Warranty Administrator", ["autocrm_workshop.group_warranty_admin"]),
    (
        "accountant",
        "Accountant",
        ["autocrm_costing.group_costing_manager", "account.group_account_manager"],
    ),
    ("store.manager", "Store Manager", ["autocrm_base.group_store_manager"]),
]
# Login of the dealer principal, who manages both stores.
GROUP_MANAGER_LOGIN = "group.manager"
# Password of every generated user.
STAFF_PASSWORD = "demo"

# Per brand: (model, WMI, descriptor stem, plant, body, [(trim, price extra)],
# base price, flat-rate hour factor for labour on this model).
VEHICLE_MODELS = {
    "Toyota": [
        (
            "Corolla",
            "5YF",
            "B4M",
            "P",
            "sedan",
            [("LE", 0), ("SE", 2950), ("XSE", 6200)],
            22300,
            0.9,
        ),
        (
            "Camry",
            "4T1",
            "DAA",
            "U",
            "sedan",
            [("LE", 0), ("SE", 2600), ("XLE", 6000), ("XSE", 7000)],
            28400,
            1.0,
        ),
        (
            "RAV4",
            "2T3",
            "P1R",
            "C",
            "suv",
            [("LE", 0), ("XLE", 1800), ("XLE Premium", 5000), ("Limited", 9800)],
            28850,
            1.0,
        ),
        (
            "Highlander",
            "5TD",
            "KDR",
            "S",
            "suv",
            [("LE", 0), ("XLE", 3550), ("Limited", 8150), ("Platinum", 12000)],
            39500,
            1.2,
        ),
        (
            "Tacoma",
            "3TM",
            "LB5",
            "X",
            "pickup",
            [("SR", 0), ("SR5", 4300), ("TRD Sport", 7900), ("TRD Off-Road", 11000)],
            31500,
            1.2,
        ),
    ],
    "Honda": [
        (
            "Civic",
            "2HG",
            "FE2",
            "H",
            "sedan",
            [("LX", 0), ("Sport", 1800), ("Sport Hybrid", 5600), ("Touring", 8600)],
            24250,
            0.9,
        ),
        (
            "Accord",
            "1HG",
            "CY1",
            "A",
            "sedan",
            [("LX", 0), ("SE", 1900), ("Sport Hybrid", 5350), ("Touring", 11400)],
            28300,
            1.0,
        ),
        (
            "HR-V",
            "3CZ",
            "RZ1",
            "M",
            "suv",
            [("LX", 0), ("Sport", 2000), ("EX-L", 4000)],
            25400,
            0.9,
        ),
        (
            "CR-V",
            "5J6",
            "RS4",
            "L",
            "suv",
            [("LX", 0), ("EX", 2550), ("EX-L", 5350), ("Sport Touring", 10600)],
            30850,
            1.0,
        ),
        (
            "Pilot",
            "5FN",
            "YG1",
            "B",
            "suv",
            [("Sport", 0), ("EX-L", 4000), ("TrailSport", 9400), ("Elite", 14100)],
            40200,
            1.2,
        ),
    ],
}
COLOURS = {
    "Toyota": [
        "Midnight Black Metallic",
        "Celestial Silver Metallic",
        "Wind Chill Pearl",
        "Underground",
        "Supersonic Red",
    ],
    "Honda": [
        "Crystal Black Pearl",
        "Platinum White Pearl",
        "Lunar Silver Metallic",
        "Meteorite Gray Metallic",
        "Radiant Red Metallic",
    ],
}

FIRST_NAMES = [
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia", "Ethan", "Mia",
    "Lucas", "Isabella", "Daniel", "Chloe", "Jacob", "Priya", "Arjun", "Mei",
    "Wei", "Hana", "Kenji", "Sofia", "Diego", "Camila", "Carlos", "Fatima",
    "Omar", "Grace", "Samuel", "Nora", "Henry", "Zoe", "Isaac", "Leah", "Aaron",
    "Maya", "Elijah", "Aisha", "David", "Elena", "Marcus", "Julia", "Ryan",
    "Anika", "Victor", "Lena", "Tyler", "Rosa", "Jamal", "Claire", "Minh",
]  # fmt: skip
LAST_NAMES = [
    "Nguyen", "Garcia", "Smith", "Chen", "Johnson", "Patel", "Martinez", "Kim",
    "Brown", "Lopez", "Wong", "Davis", "Rodriguez", "Lee", "Wilson", "Tran",
    "Anderson", "Hernandez", "Singh", "Thomas", "Moore", "Park", "Jackson",
    "Ramirez", "White", "Liu", "Harris", "Flores", "Clark", "Sato", "Lewis",
    "Rivera", "Walker", "Huang", "Young", "Gomez", "King", "Shah", "Wright",
    "Torres", "Hill", "Cohen", "Scott", "Reyes", "Green", "Okafor", "Baker",
    "Ito", "Adams", "Morales",
]  # fmt: skip
STREETS = [
    "Mission Street", "Valencia Street", "Irving Street", "Ocean Avenue",
    "El Camino Real", "Stevens Creek Boulevard", "Alum Rock Avenue",
    "Lincoln Avenue", "Park Avenue", "Willow Street", "Oak Street",
    "Bascom Avenue", "Geary Boulevard", "Noriega Street", "Castro Street",
]  # fmt: skip
FLEET_CUSTOMERS = [
    "Golden Gate Couriers",
    "Peninsula Home Care",
    "Silicon Valley Tours",
]

# Partners that every store deals with: (name, kind).
INSURERS = ["Pacific Shield Insurance", "Coastline Mutual"]
LENDERS = ["Bay Credit Union", "Harborline Auto Finance"]
PLATE_AGENT = "Golden State Registration Services"
LANDLORD = "Bayside Properties LLC"
UTILITY = "Bay Area Power and Water"
PAYROLL = "Bayside Payroll Services"
BODYSHOPS = ["Mission Collision Center", "Southbay Auto Body"]

# Decoration accessories per store: (name, list price, cost).
ACCESSORIES = [
    ("All-weather floor liners", 189, 72),
    ("Cargo tray", 129, 48),
    ("Roof rack cross bars", 449, 198),
    ("Dash camera, front and rear", 349, 151),
    ("Window tint film", 399, 120),
    ("Paint protection film, front", 899, 310),
    ("Mud guard set", 139, 52),
    ("Wheel lock set", 79, 24),
]
FITTING_LABOUR = ("Accessory fitting labour", 140, 55)

# Labour catalogue: (code, operation, flat-rate hours, rate, service type).
LABOUR_OPERATIONS = [
    ("MNT-010", "Oil and filter change", 0.8, 165.0, "maintenance"),
    ("MNT-020", "Scheduled maintenance, 15,000 miles", 1.6, 165.0, "maintenance"),
    ("MNT-030", "Scheduled maintenance, 30,000 miles", 2.6, 165.0, "maintenance"),
    ("MNT-040", "Tyre rotation and balance", 0.7, 165.0, "maintenance"),
    ("MNT-050", "Cabin and engine air filter", 0.4, 165.0, "maintenance"),
    ("BRK-100", "Front brake pads, replace", 1.3, 175.0, "repair"),
    ("BRK-110", "Front brake discs and pads, replace", 2.1, 175.0, "repair"),
    ("BRK-120", "Brake fluid flush", 0.9, 175.0, "repair"),
    ("ELE-200", "12 V battery test and replace", 0.5, 175.0, "repair"),
    ("DIA-001", "Electronic diagnosis", 1.0, 185.0, "repair"),
    ("SUS-300", "Wheel alignment", 1.1, 175.0, "repair"),
    ("SUS-310", "Front shock absorbers, replace", 2.4, 175.0, "repair"),
    ("ENG-400", "Water pump, replace", 3.2, 185.0, "repair"),
    ("BDY-500", "Rear bumper, repair and paint", 5.0, 160.0, "body_paint"),
    ("BDY-510", "Door dent repair", 2.5, 160.0, "body_paint"),
    ("BDY-520", "Windshield, replace", 1.8, 160.0, "body_paint"),
    ("PDI-001", "Pre-delivery inspection", 1.5, 150.0, "internal"),
    ("ACC-001", "Accessory fitting", 1.0, 150.0, "internal"),
    ("RCL-900", "Recall: airbag inflator inspection", 0.6, 150.0, "recall"),
]

# Parts: (category, part type, price range, names). Each name makes one part
# per vehicle model of the store's brand, unless the category is generic.
PARTS_PER_MODEL = [
    (
        "Filters",
        "oem",
        (9, 48),
        ["Oil filter", "Engine air filter", "Cabin air filter"],
    ),
    (
        "Brakes",
        "oem",
        (48, 240),
        ["Front brake pad set", "Rear brake pad set", "Front brake disc"],
    ),
    ("Ignition", "oem", (9, 32), ["Spark plug"]),
    ("Suspension", "oem", (60, 320), ["Front shock absorber", "Lower control arm"]),
    ("Engine", "oem", (35, 420), ["Drive belt", "Water pump", "Thermostat"]),
    (
        "Body",
        "oem",
        (70, 950),
        ["Front bumper cover", "Headlamp assembly, left", "Door mirror glass, right"],
    ),
    ("Electrical", "oem", (18, 260), ["12 V battery", "Wiper motor"]),
    ("Wipers", "consumable", (14, 42), ["Wiper blade set"]),
]
GENERIC_PARTS = [
    (
        "Fluids",
        "fluid",
        (9, 75),
        [
            "Engine oil 0W-20, 5 qt",
            "Engine oil 0W-16, 5 qt",
            "Coolant, 1 gal",
            "Brake fluid DOT 3, 12 oz",
            "Windshield washer fluid, 1 gal",
            "ATF WS, 1 qt",
        ],
    ),
    (
        "Tyres",
        "tyre",
        (120, 290),
        [
            "Tyre 215/55 R17 94V",
            "Tyre 235/45 R18 94W",
            "Tyre 225/65 R17 102H",
            "Tyre 245/60 R18 105H",
            "Tyre 265/70 R16 112T",
        ],
    ),
    (
        "Consumables",
        "consumable",
        (1, 14),
        ["Drain plug washer", "Trim clip set", "Wheel nut", "Valve stem"],
    ),
]

CUSTOMER_CONCERNS = {
    "maintenance": [
        "Maintenance light is on.",
        "Due for the scheduled service.",
        "Oil change and a general check, please.",
    ],
    "repair": [
        "Grinding noise from the front when braking.",
        "Car pulls to the right on the freeway.",
        "Check engine light came on yesterday.",
        "Battery was flat twice this week.",
    ],
    "body_paint": [
        "Rear bumper scraped in a parking garage.",
        "Dent in the driver door.",
        "Crack across the windshield after a stone hit.",
    ],
    "warranty": [
        "Infotainment screen restarts while driving.",
        "Water pump leaking coolant, car is under warranty.",
        "Rattle from the dashboard on rough roads.",
    ],
    "recall": ["Recall letter received for the airbag inflator."],
}
SURVEY_COMMENTS = {
    "good": [
        "Friendly staff and the car was ready on time.",
        "Clear explanation of the work and a fair price.",
        "Smooth purchase, the consultant knew the car well.",
    ],
    "bad": [
        "Waited much longer than promised.",
        "Nobody called back about the extra work.",
        "The car came back with a new scratch.",
        "Paperwork at delivery took almost two hours.",
    ],
}
LOST_REASONS = ["Bought a competitor's model", "Price too high", "Postponed purchase"]

# Parts each labour operation uses: (part name, quantity, fits one model).
# Parts that fit one model are looked up for the vehicle's model.
OPERATION_PARTS = {
    "MNT-010": [("Oil filter", 1, True), ("Engine oil 0W-20, 5 qt", 1, False)],
    "MNT-020": [
        ("Oil filter", 1, True),
        ("Engine oil 0W-20, 5 qt", 1, False),
        ("Cabin air filter", 1, True),
        ("Drain plug washer", 1, False),
    ],
    "MNT-030": [
        ("Oil filter", 1, True),
        ("Engine oil 0W-20, 5 qt", 1, False),
        ("Engine air filter", 1, True),
        ("Cabin air filter", 1, True),
        ("Spark plug", 4, True),
    ],
    "MNT-050": [("Cabin air filter", 1, True), ("Engine air filter", 1, True)],
    "BRK-100": [("Front brake pad set", 1, True)],
    "BRK-110": [("Front brake pad set", 1, True), ("Front brake disc", 2, True)],
    "BRK-120": [("Brake fluid DOT 3, 12 oz", 2, False)],
    "ELE-200": [("12 V battery", 1, True)],
    "SUS-310": [("Front shock absorber", 2, True)],
    "ENG-400": [("Water pump", 1, True), ("Coolant, 1 gal", 2, False)],
    "BDY-500": [("Trim clip set", 1, False)],
    "BDY-510": [("Trim clip set", 1, False)],
}
# Jobs per service type: lists of labour operation codes, one list per job.
JOBS = {
    "maintenance": [["MNT-010"], ["MNT-020", "MNT-040"], ["MNT-030", "MNT-040"]],
    "repair": [
        ["BRK-100"],
        ["BRK-110"],
        ["DIA-001", "ELE-200"],
        ["SUS-300"],
        ["SUS-310", "SUS-300"],
        ["BRK-120"],
    ],
    "body_paint": [["BDY-500"], ["BDY-510"], ["BDY-520"]],
    "insurance": [["BDY-500"], ["BDY-520"]],
    "warranty": [["DIA-001", "ENG-400"], ["DIA-001"]],
    "recall": [["RCL-900"]],
}
