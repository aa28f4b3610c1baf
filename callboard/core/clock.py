"""One clock: moments as a person reads them, on the production's clock and saying which.

Framework-free (no Django import). Every moment Callboard stores is aware (UTC in the
database); a person sees it converted to the production's time zone, with the zone's
abbreviation wherever a bare time could be misread ("Mar 2, 2026, 8:13 AM PST"). Pages get these
through the ``clock`` template filters (core/templatetags/clock.py), which read the zone the
request activated (the production's, see ``tenancy.production_view``, ``links`` and
``middleware.ClockMiddleware``); PDFs and messages, made outside a request's zone, pass the
production's ``tzinfo`` explicitly. The time of day itself is written by ``timefmt``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from .timefmt import time_of_day

_NUMERIC = re.compile(r"^([+-])(\d{2})(\d{2})?$")


def parse_moment(value: datetime | str | None) -> datetime | None:
    """A stored moment: a datetime, or the ISO text JSON keeps (signatures); None if neither."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def as_local(moment: datetime, tz: tzinfo) -> datetime:
    """The moment on ``tz``'s clock; a naive moment is taken as UTC (how the database keeps it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz)


def zone_abbreviation(local: datetime) -> str:
    """ "PST", "PDT", "GMT", "UTC"; a zone with no letters reads "UTC+4" or "UTC+5:30"."""
    name = local.tzname() or ""
    match = _NUMERIC.match(name)
    if match:
        sign, hours, minutes = match.groups()
        hours = str(int(hours))
        return f"UTC{sign}{hours}" + (f":{minutes}" if minutes and minutes != "00" else "")
    return name or "UTC"


def date_time(
    value: datetime | str | None, tz: tzinfo, *, year: bool = True, zone: bool = True
) -> str:
    """ "Mar 2, 2026, 8:13 AM PST" ("Mar 2, 8:13 AM PST" without the year); "" for nothing."""
    moment = parse_moment(value)
    if moment is None:
        return ""
    local = as_local(moment, tz)
    day = f"{local:%b} {local.day}" + (f", {local.year}" if year else "")
    return f"{day}, {clock_time(local, tz, zone=zone)}"


def clock_time(value: datetime | str | None, tz: tzinfo, *, zone: bool = True) -> str:
    """ "8:13 AM PST": the time of day of a moment, on ``tz``'s clock."""
    moment = parse_moment(value)
    if moment is None:
        return ""
    local = as_local(moment, tz)
    text = time_of_day(local)
    return f"{text} {zone_abbreviation(local)}" if zone else text


def sortable(value: datetime | str | None, tz: tzinfo) -> str:
    """ "2026-03-02 08:13 PST": for spreadsheets, where a column of these should sort."""
    moment = parse_moment(value)
    if moment is None:
        return ""
    local = as_local(moment, tz)
    return f"{local:%Y-%m-%d %H:%M} {zone_abbreviation(local)}"
