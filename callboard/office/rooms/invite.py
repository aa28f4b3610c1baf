"""A booking's calendar invitation (iCal, METHOD:REQUEST or CANCEL), framework-free.

The UID is the booking's own and stays the same when it is sent again, and SEQUENCE grows with
each change, so a calendar updates the one event instead of adding another. Times are written
in the production's zone (DTSTART;TZID=America/Los_Angeles) with its VTIMEZONE block."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Invitation:
    uid: str
    summary: str
    starts: dt.datetime  # aware, in the production's zone
    ends: dt.datetime
    location: str  # the room
    description: str
    organizer_name: str
    organizer_email: str
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (name, e-mail)
    sequence: int = 0
    stamp: dt.datetime | None = None


def invitation_ics(invitation: Invitation, *, cancel: bool = False) -> bytes:
    from icalendar import Calendar, Event, vCalAddress, vText

    feed = Calendar()
    feed.add("prodid", "-//Callboard//Office rooms//EN")
    feed.add("version", "2.0")
    feed.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", invitation.uid)
    event.add("summary", invitation.summary)
    event.add("dtstart", invitation.starts)
    event.add("dtend", invitation.ends)
    event.add("dtstamp", invitation.stamp or invitation.starts)
    event.add("location", invitation.location)
    event.add("description", invitation.description)
    event.add("sequence", invitation.sequence)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    if invitation.organizer_email:
        organizer = vCalAddress(f"mailto:{invitation.organizer_email}")
        organizer.params["cn"] = vText(invitation.organizer_name)
        event.add("organizer", organizer)
    for name, email in invitation.attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee)
    feed.add_component(event)
    feed.add_missing_timezones()  # VTIMEZONE for the production's zone, for strict clients
    return feed.to_ical()
