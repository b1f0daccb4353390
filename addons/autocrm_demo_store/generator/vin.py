"""Assemble VINs with the structure of ISO 3779 and of the North American rule.

Position 1-3 is the maker's WMI, 4-8 the vehicle descriptor, 9 the check
digit, 10 the model year code, 11 the plant and 12-17 the serial number.
Vehicles sold in North America carry a valid check digit whatever their
maker's country, so every demo VIN gets one.
"""

from odoo.addons.autocrm_base.tools.vin import compute_check_digit

# ISO 3779 model year codes: the letters and digits that VINs allow, without
# U, Z and 0, repeating every 30 years from 1980 (A) on.
MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
MODEL_YEAR_EPOCH = 1980
# Characters of position 7, one per trim of a model.
TRIM_CODES = "ABCDEFGH"


def model_year_code(year):
    """Return the 10th VIN character of ``year`` (1980-2039 and so on)."""
    return MODEL_YEAR_CODES[(year - MODEL_YEAR_EPOCH) % len(MODEL_YEAR_CODES)]


def build_vin(wmi, descriptor, model_year, plant, serial):
    """Return the VIN of one vehicle, with its check digit computed.

    ``descriptor`` is the five characters of positions 4-8 and ``serial`` a
    number below one million.
    """
    body = f"{wmi}{descriptor}0{model_year_code(model_year)}{plant}{serial:06d}"
    return body[:8] + compute_check_digit(body) + body[9:]
