"""A place's coordinates as the office types or pastes them ("34.0522, -118.2437", a map's
"34.0522° N, 118.2437° W"), framework-free. No geocoding: the office copies them from a map."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

PLACES = Decimal("0.000001")  # six decimals: about 11 cm, what a map app gives
_HEMISPHERE = re.compile(r"^\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*°?\s*([NSEW])?\s*$", re.I)


class CoordinatesError(ValueError):
    """The typed coordinates cannot be a place on Earth; the message says why."""


def _one(text: str, axis: str) -> Decimal:
    match = _HEMISPHERE.match(text)
    if match is None:
        raise CoordinatesError(
            f"The {axis} “{text.strip()[:30]}” is not a number: write it as 34.0522, -118.2437."
        )
    try:
        value = Decimal(match.group(1))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise CoordinatesError(f"The {axis} is not a number.") from exc
    hemisphere = (match.group(2) or "").upper()
    if hemisphere and hemisphere not in ("NS" if axis == "latitude" else "EW"):
        raise CoordinatesError(f"The {axis} cannot point {hemisphere}.")
    if hemisphere in ("S", "W"):
        value = -value
    return value


def checked(latitude: Decimal | None, longitude: Decimal | None) -> tuple[Decimal, Decimal] | None:
    """Both within range, rounded to six places; neither is none; one alone is refused."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        raise CoordinatesError("Give both the latitude and the longitude, or neither.")
    if not Decimal(-90) <= latitude <= Decimal(90):
        raise CoordinatesError(f"A latitude is between -90 and 90; {latitude} is not.")
    if not Decimal(-180) <= longitude <= Decimal(180):
        raise CoordinatesError(f"A longitude is between -180 and 180; {longitude} is not.")
    return latitude.quantize(PLACES), longitude.quantize(PLACES)


def parse_coordinates(text: str) -> tuple[Decimal, Decimal] | None:
    """(latitude, longitude) from "lat, long" as pasted; nothing typed is None."""
    text = (text or "").strip()
    if not text:
        return None
    parts = [part for part in re.split(r"[,;]|\s{2,}|\t", text) if part.strip()]
    if len(parts) == 1 and len(text.split()) == 2:
        parts = text.split()  # "34.05 -118.24"
    if len(parts) != 2:
        raise CoordinatesError(
            "Write the latitude and the longitude separated by a comma: 34.0522, -118.2437."
        )
    return checked(_one(parts[0], "latitude"), _one(parts[1], "longitude"))


def format_coordinates(latitude: Decimal | None, longitude: Decimal | None) -> str:
    if latitude is None or longitude is None:
        return ""
    return f"{latitude.normalize():f}, {longitude.normalize():f}"
