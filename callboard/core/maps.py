"""A link that opens an address in the phone's maps app. Framework-free, and no network call:
the link is built from what the office typed.

With coordinates it is a ``geo:`` URI (RFC 5870), which Android opens in the maps app of the
person's choice; without them, a maps search for the address text (Google's documented
cross-platform ``/maps/search/?api=1`` form, which opens the Maps app on iOS and Android).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from urllib.parse import quote

SEARCH_URL = "https://www.google.com/maps/search/?api=1&query="


def _coordinate(value, limit: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > limit:
        return None
    return number


def _one_line(address: str) -> str:
    return ", ".join(part.strip() for part in (address or "").splitlines() if part.strip())


def geo_uri(latitude, longitude, label: str = "") -> str:
    """``geo:34.0407,-118.2468?q=34.0407,-118.2468(Label)``; "" unless both are valid."""
    lat, lng = _coordinate(latitude, 90), _coordinate(longitude, 180)
    if lat is None or lng is None:
        return ""
    point = f"{lat.normalize():f},{lng.normalize():f}"
    query = point + (f"({quote(_one_line(label), safe='')})" if label.strip() else "")
    return f"geo:{point}?q={query}"


def search_url(query: str) -> str:
    """A maps search for an address (or "lat,long"); "" when there is nothing to search for."""
    text = _one_line(query)
    return SEARCH_URL + quote(text, safe="") if text else ""


def maps_links(address: str, latitude=None, longitude=None) -> tuple[str, str]:
    """(link for the address, link for a browser): geo: plus a search for the coordinates when
    they are known, else the address search twice; ("", "") when there is nothing to find."""
    geo = geo_uri(latitude, longitude, label=address)
    if geo:
        lat, lng = _coordinate(latitude, 90), _coordinate(longitude, 180)
        return geo, search_url(f"{lat.normalize():f},{lng.normalize():f}")
    url = search_url(address)
    return url, url
