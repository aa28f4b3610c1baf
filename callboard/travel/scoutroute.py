"""A scout's route, framework-free: how far each stop is from the meeting place (haversine,
as the crow flies: no routing service offline) and the stops ordered farthest first, so the
vans drive out to the far end first and work their way back towards the office."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

EARTH_RADIUS_MILES = 3958.7613


@dataclass(frozen=True)
class Place:
    ref: int
    name: str
    latitude: Decimal | float | None = None
    longitude: Decimal | float | None = None

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def miles(a_lat, a_lon, b_lat, b_lon) -> float:
    """Great-circle distance in miles between two points given in degrees."""
    phi1, phi2 = math.radians(float(a_lat)), math.radians(float(b_lat))
    dphi = phi2 - phi1
    dlambda = math.radians(float(b_lon) - float(a_lon))
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Ordered:
    """The stops farthest first (each with its distance in miles), then those without
    coordinates in the order they had, which the page names."""

    placed: list[tuple[Place, float]]
    unplaced: list[Place]

    @property
    def refs(self) -> list[int]:
        return [p.ref for p, _ in self.placed] + [p.ref for p in self.unplaced]


def farthest_first(start: tuple, stops: list[Place]) -> Ordered:
    """``start`` is the meeting place's (latitude, longitude). Ties keep their order."""
    lat, lon = start
    placed = [(p, miles(lat, lon, p.latitude, p.longitude)) for p in stops if p.placed]
    placed.sort(key=lambda pair: -pair[1])  # stable: equal distances keep the typed order
    return Ordered(placed, [p for p in stops if not p.placed])
