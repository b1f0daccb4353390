"""Vehicle Identification Number (VIN) rules from ISO 3779.

The functions here are pure Python so that every AutoCRM model storing a VIN
(owner vehicles, stock units) applies the same normalisation and checks.
"""

import logging
import re

_logger = logging.getLogger(__name__)

try:
    from vininfo import Vin
    from vininfo.dicts.wmi import WMI
except ImportError:  # declared in external_dependencies; decoding is optional
    Vin = None
    WMI = {}
    _logger.debug("vininfo is not installed: VINs will not be decoded")

VIN_LENGTH = 17
VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
# ISO 3779 transliteration of letters to numbers for the check digit.
TRANSLITERATION = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9))),
    **dict(zip("JKLMN", range(1, 6))),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10))),
}
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Regions whose law requires a valid check digit, by the first WMI character:
# 1-5 are North America (FMVSS 115), L is mainland China (GB 16735).
CHECK_DIGIT_PREFIXES = ("1", "2", "3", "4", "5", "L")


def normalize_vin(value):
    """Return the VIN in upper case with all white space removed."""
    if not value:
        return value
    return re.sub(r"\s+", "", value).upper()


def compute_check_digit(vin):
    """Return the ISO 3779 check digit ('0'-'9' or 'X') of a 17-character VIN."""
    total = sum(TRANSLITERATION[char] * weight for char, weight in zip(vin, WEIGHTS))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def check_digit_required(vin):
    return vin[:1] in CHECK_DIGIT_PREFIXES


def vin_problem(vin):
    """Return why a normalised VIN is invalid, or None when it is valid.

    The reason is an English sentence fragment without the VIN itself, so
    that callers can name the record and the value around it.
    """
    if len(vin) != VIN_LENGTH:
        return f"it has {len(vin)} characters instead of {VIN_LENGTH}"
    forbidden = sorted(set(vin) & set("IOQ"))
    if forbidden:
        return "it contains " + ", ".join(forbidden) + ", which VINs never use"
    if not VIN_PATTERN.match(vin):
        return "it may only contain the letters A-Z (without I, O, Q) and digits"
    if check_digit_required(vin):
        expected = compute_check_digit(vin)
        if vin[8] != expected:
            return (
                f"its check digit (9th character) is {vin[8]} but should be "
                f"{expected}, which is required for vehicles made for North "
                "America and China"
            )
    return None


def decode_vin(vin):
    """Decode the maker, country and possible model years from a valid VIN.

    Returns a dict with the keys ``manufacturer``, ``country`` and
    ``model_years`` (a list of years, newest first). The values are empty
    when vininfo does not know the WMI.
    """
    result = {"manufacturer": "", "country": "", "model_years": []}
    if Vin is None or not vin or vin_problem(vin):
        return result
    details = Vin(vin)
    result["manufacturer"] = details.manufacturer or ""
    result["country"] = details.country or ""
    result["model_years"] = sorted(details.years or [], reverse=True)
    return result


def vin_model_year(vin, latest_year):
    """Return the model year coded in a valid VIN, or None when it is unknown.

    The 10th character repeats every 30 years (N is 1992 and 2022), so the
    newest candidate no later than ``latest_year`` is taken. A model year
    starts up to a year before its calendar year, so callers pass the
    production or sale year plus one.
    """
    years = [year for year in decode_vin(vin)["model_years"] if year <= latest_year]
    return max(years, default=None)


def _names_brand(manufacturer, brand):
    return bool(re.search(rf"\b{re.escape(brand)}\b", manufacturer, re.IGNORECASE))


def brand_has_known_wmi(brand):
    """Return whether vininfo lists at least one WMI of a maker named ``brand``."""
    # vininfo stores most makers as names and a few as Brand objects.
    return bool(brand) and any(
        _names_brand(maker if isinstance(maker, str) else maker.title, brand)
        for maker in WMI.values()
    )


def foreign_vin_maker(vin, brand, other_makers=()):
    """Return the maker of a valid VIN when its WMI belongs to another brand.

    Returns None when the VIN may be of that brand. That is the case when
    vininfo does not know the brand or the VIN's WMI. It is also the case when
    the WMI's maker name contains the brand name (the WMI LSV is "SAIC
    Volkswagen", a Volkswagen) or one of the names in ``other_makers``.
    A joint venture listed under the partner's name only (LFV,
    "FAW-Volkswagen", also builds Audis) is reported as foreign unless
    ``other_makers`` names it.
    """
    if Vin is None or not vin or vin_problem(vin) or not brand_has_known_wmi(brand):
        return None
    if vin[:3] not in WMI and vin[:2] not in WMI:
        return None
    manufacturer = Vin(vin).manufacturer or ""
    if not manufacturer:
        return None
    if any(_names_brand(manufacturer, name) for name in (brand, *other_makers)):
        return None
    return manufacturer
