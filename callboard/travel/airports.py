"""Airports by IATA code, with their time zones, from the `airportsdata` package (maintained,
offline). Framework-free: a flight's times are typed as local wall-clock times at each
airport and become aware datetimes here, so a Los Angeles → New York flight keeps both."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import airportsdata

IATA = re.compile(r"[A-Z]{3}")


class AirportError(ValueError):
    """A code that is not an airport's IATA code: said in the coordinator's words."""


@dataclass(frozen=True)
class Airport:
    code: str
    name: str
    city: str
    country: str
    tz: ZoneInfo

    @property
    def label(self) -> str:
        return f"{self.code} ({self.city})"


@functools.cache
def _table() -> dict[str, dict]:
    return airportsdata.load("IATA")


def airport(code: str) -> Airport:
    """The airport for a typed code ('lax', ' BUR '); AirportError otherwise."""
    typed = (code or "").strip().upper()
    if not IATA.fullmatch(typed):
        raise AirportError(f"“{code}” is not an airport code: type its three letters (LAX, JFK).")
    row = _table().get(typed)
    if row is None:
        raise AirportError(f"{typed} is not an airport's IATA code.")
    return Airport(typed, row["name"], row["city"], row["country"], ZoneInfo(row["tz"]))


def local(code: str, moment: dt.datetime) -> dt.datetime:
    """A wall-clock time typed for an airport, made aware in the airport's zone."""
    return moment.replace(tzinfo=airport(code).tz)
