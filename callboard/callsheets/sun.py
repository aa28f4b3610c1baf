"""Sunrise, sunset and civil twilight for a place and date (astral), framework-free."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from astral import LocationInfo
from astral.sun import sun


@dataclass(frozen=True)
class SunTimes:
    dawn: datetime | None
    sunrise: datetime | None
    sunset: datetime | None
    dusk: datetime | None


def sun_times(latitude: float, longitude: float, day: date, time_zone: str) -> SunTimes:
    """Local times; None where the sun does not rise or set that day (polar days/nights)."""
    place = LocationInfo(latitude=latitude, longitude=longitude, timezone=time_zone)
    tz = ZoneInfo(time_zone)
    try:
        times = sun(place.observer, date=day, tzinfo=tz)
    except ValueError:
        return SunTimes(None, None, None, None)
    return SunTimes(times["dawn"], times["sunrise"], times["sunset"], times["dusk"])
