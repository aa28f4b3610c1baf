"""Phone numbers and union names written one way, so lists sort, search and dial alike.

No Django here. North American numbers become "(818) 555-0101"; numbers with a
country code other than +1 keep the writer's grouping.
"""

import re

_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*(\d+)\s*$", re.IGNORECASE)

KNOWN_UNIONS = {
    "iatse": "IATSE",
    "teamsters": "Teamsters",
    "sag-aftra": "SAG-AFTRA",
    "sag": "SAG-AFTRA",
    "sagaftra": "SAG-AFTRA",
    "dga": "DGA",
    "wga": "WGA",
    "ibew": "IBEW",
    "liuna": "LiUNA",
    "actra": "ACTRA",
    "equity": "Equity",
    "afm": "AFM",
}


def format_phone(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        return ""
    extension = ""
    if match := _EXTENSION.search(text):
        extension, text = f" x{match.group(1)}", text[: match.start()]
    digits = re.sub(r"\D", "", text)
    if text.startswith("+") and not text.startswith("+1"):
        return text + extension
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}{extension}"
    return text + extension


def phone_problem(text: str) -> str | None:
    """Why a typed number cannot be dialled, or None."""
    if not text:
        return None
    if re.search(r"[^0-9+()\-.\sxXext]", text) or len(re.sub(r"\D", "", text)) < 7:
        return "Enter a phone number with its area code, e.g. (818) 555-0101."
    return None


def canonical_union(text: str) -> str:
    text = " ".join((text or "").split())
    return KNOWN_UNIONS.get(text.lower().replace(" ", ""), text)
