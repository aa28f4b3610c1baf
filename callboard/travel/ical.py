"""Travel's iCal writer, framework-free: the travel memo's and the scout day's calendars.
Each timed event carries its own zone (DTSTART;TZID=...), with a VTIMEZONE block for each, so
a phone set to any zone shows it right. A thing's UID stays the same across versions and
SEQUENCE is the version, so a calendar that imports a revised one updates the event instead
of adding another."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Happening:
    uid: str
    summary: str
    starts: dt.datetime | dt.date  # a date for a whole-day event (a hotel stay)
    ends: dt.datetime | dt.date
    description: str = ""
    location: str = ""
    busy: bool = True  # False: the days are not made busy (a hotel stay)


def calendar_ics(
    name: str, prodid: str, events: list[Happening], *, stamp: dt.datetime, sequence: int = 0
) -> bytes:
    from icalendar import Calendar, Event

    feed = Calendar()
    feed.add("prodid", prodid)
    feed.add("version", "2.0")
    feed.add("x-wr-calname", name)
    for happening in events:
        event = Event()
        event.add("uid", happening.uid)
        event.add("summary", happening.summary)
        event.add("dtstart", happening.starts)
        event.add("dtend", happening.ends)
        if not happening.busy:
            event.add("transp", "TRANSPARENT")
        if happening.location:
            event.add("location", happening.location)
        if happening.description:
            event.add("description", happening.description)
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        feed.add_component(event)
    feed.add_missing_timezones()  # VTIMEZONE blocks for each TZID, for strict clients
    return feed.to_ical()
