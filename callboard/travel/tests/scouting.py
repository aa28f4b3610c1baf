"""A scout to test with: three locations around downtown Los Angeles (one without
coordinates), the schedule's sets they are candidates for with their scenes, two vans."""

import datetime as dt
from decimal import Decimal

from callboard.locations import services as locations
from callboard.schedule.models import Element, Strip, Ucid
from callboard.schedule.services import ensure_categories
from callboard.travel import services

OFFICE = "34.0522, -118.2437"  # downtown Los Angeles
PLACES = {
    # name: (latitude, longitude) — Santa Monica ~15 mi, Pasadena ~9 mi, Malibu ~30 mi
    "Santa Monica Pier": (Decimal("34.0100"), Decimal("-118.4962")),
    "Pasadena Motel": (Decimal("34.1478"), Decimal("-118.1445")),
    "Malibu Beach House": (Decimal("34.0259"), Decimal("-118.7798")),
    "Warehouse (no pin)": (None, None),
}


def build(production, *, coordinates: str = OFFICE):
    places = {
        name: locations.location_create(
            actor=None, production=production, name=name, latitude=lat, longitude=lon
        )
        for name, (lat, lon) in PLACES.items()
    }
    category = ensure_categories(production)[Ucid.SET]
    motel = Element.objects.create(production=production, category=category, name="INT. MOTEL")
    for number in ("12", "4"):
        strip = Strip.objects.create(
            production=production, scene_number=number, position=int(number), eighths=8
        )
        strip.elements.add(motel)
    locations.candidate_add(actor=None, location=places["Pasadena Motel"], element=motel,
                            price=None)  # fmt: skip
    scout = services.scout_save(
        actor=None,
        production=production,
        values={
            "date": dt.date(2026, 12, 14),
            "kind": "tech",
            "call_time": dt.time(7, 0),
            "meeting_place": "Production office",
            "meeting_coordinates": coordinates,
            "lunch_place": "Philippe's",
            "lunch_time": dt.time(12, 30),
        },
    )
    for arrives, name in (
        (dt.time(8, 0), "Santa Monica Pier"),
        (dt.time(13, 30), "Pasadena Motel"),
        (dt.time(10, 0), "Warehouse (no pin)"),
        (None, "Malibu Beach House"),
    ):
        services.scout_stop_add(actor=None, scout=scout, location=places[name], arrives=arrives)
    scout.refresh_from_db()
    return scout, places


def route(scout) -> list[str]:
    return [s.location.name for s in scout.stops.select_related("location")]
