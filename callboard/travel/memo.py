"""A traveller's travel memo, framework-free: how each segment's times read (each end in the
zone of its place, with the zone's abbreviation), what a memo says in short (its fingerprint,
so "changed since sent" is one comparison), what changed between two versions, and the memo
as an iCal calendar with every timed event in its own zone (TZID), so a phone set to either
end's zone shows it right.

The memo itself is plain JSON data (travel.queries.memo_document builds it; a sent version
keeps it frozen in TravelMemo.document): these functions read only that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from zoneinfo import ZoneInfo

from .ical import Happening, calendar_ics


def day_text(value: dt.date | dt.datetime) -> str:
    """'Wed 9 Dec'."""
    return f"{value:%a} {value.day} {value:%b}"


def clock_text(moment: dt.datetime) -> str:
    """'8:00 AM EST': the wall-clock time where the moment is, with that zone's abbreviation."""
    return f"{moment:%-I:%M %p} {moment.tzname()}"


def at_text(moment: dt.datetime) -> str:
    return f"{day_text(moment)} {clock_text(moment)}"


def local(moment: dt.datetime, zone: str) -> dt.datetime:
    return moment.astimezone(ZoneInfo(zone)) if zone else moment


def ends_text(starts: dt.datetime, ends: dt.datetime) -> str:
    """The end's time, with its day only when that is not the start's (local) day."""
    return clock_text(ends) if ends.date() == starts.date() else at_text(ends)


def flight_when(origin: str, destination: str, departs: dt.datetime, arrives: dt.datetime) -> str:
    """'Departs JFK Wed 9 Dec 8:00 AM EST · Arrives LAX 11:30 AM PST' (each in its airport's
    zone: the caller passes local times)."""
    return (
        f"Departs {origin} {at_text(departs)} · Arrives {destination} {ends_text(departs, arrives)}"
    )


def ground_when(
    start_word: str,
    end_word: str,
    starts: dt.datetime,
    ends: dt.datetime,
    start_place: str = "",
    end_place: str = "",
) -> str:
    """'Pick up Wed 9 Dec 12:00 PM PST at LAX · Return Sat 12 Dec 10:00 AM PST at LAX'."""
    first = f"{start_word} {at_text(starts)}" + (f" at {start_place}" if start_place else "")
    last = f"{end_word} {ends_text(starts, ends)}" + (f" at {end_place}" if end_place else "")
    return f"{first} · {last}"


def nights_text(check_in: dt.date, check_out: dt.date) -> str:
    nights = (check_out - check_in).days
    return (
        f"Check in {day_text(check_in)} · Check out {day_text(check_out)} "
        f"({nights} night{'' if nights == 1 else 's'})"
    )


def segment_text(segment: dict) -> str:
    """One segment as one line: what the traveller reads, and what a change is seen in."""
    parts = [segment["kind_label"], segment["title"], segment["when"], *segment["details"]]
    if segment.get("confirmation"):
        parts.append(f"confirmation {segment['confirmation']}")
    if segment.get("proposed"):
        parts.append("proposed, not booked yet")
    return " — ".join(p for p in parts if p)


def segment_lines(segment: dict) -> str:
    """One segment as a message's few lines."""
    lines = [f"{segment['kind_label']}: {segment['title']}"]
    if segment.get("proposed"):
        lines[0] += " (PROPOSED, not booked yet)"
    lines.append(segment["when"])
    if segment["details"]:
        lines.append(" · ".join(segment["details"]))
    if segment.get("confirmation"):
        lines.append(f"Confirmation {segment['confirmation']}")
    return "\n  ".join(lines) + "\n"


def per_diem_text(per_diem: dict | None) -> str:
    if not per_diem:
        return ""
    return (
        f"{per_diem['days']} days in {per_diem['city']} at {per_diem['daily']}/day "
        f"({per_diem['first']} – {per_diem['last']}): {per_diem['total']}"
    )


def _said(document: dict) -> dict:
    """What a memo tells its traveller, for comparing two versions: the segments (by booking)
    and the per diem; not when it was prepared."""
    return {
        "segments": {str(s["id"]): segment_text(s) for s in document["segments"]},
        "per_diem": per_diem_text(document.get("per_diem")),
        "order": [str(s["id"]) for s in document["segments"]],
    }


def fingerprint(document: dict) -> str:
    said = json.dumps(_said(document), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(said.encode()).hexdigest()


def changes_between(before: dict | None, after: dict) -> list[str]:
    """What changed from one memo to the next, in the traveller's words: each segment added,
    changed (now what) or no longer booked, and the per diem."""
    if before is None:
        return []
    was, now = _said(before), _said(after)
    changes = []
    titles = {str(s["id"]): s for s in before["segments"]}
    for segment in after["segments"]:
        key = str(segment["id"])
        if key not in was["segments"]:
            changes.append(f"Added: {now['segments'][key]}")
        elif was["segments"][key] != now["segments"][key]:
            changes.append(f"Changed: {now['segments'][key]} (was: {was['segments'][key]})")
    for key, segment in titles.items():
        if key not in now["segments"]:
            changes.append(
                f"No longer booked: {segment['kind_label']} {segment['title']} — {segment['when']}"
            )
    if was["per_diem"] != now["per_diem"]:
        changes.append(f"Per diem: {now['per_diem'] or 'none'} (was: {was['per_diem'] or 'none'})")
    return changes


def memo_ics(document: dict, *, version: int = 0) -> bytes:
    """The memo as a calendar (travel.ical): each flight, car and transfer at its own places'
    times (its start in its start's zone and its end in its end's: DTSTART;TZID=America/
    New_York, DTEND;TZID=America/Los_Angeles for JFK→LAX), each hotel stay as whole days. A
    booking's UID stays the same across versions and SEQUENCE is the memo's version."""
    production = document["production"]
    events = []
    for segment in document["segments"]:
        summary = f"{segment['kind_label']}: {segment['title']}"
        if segment.get("proposed"):
            summary += " (proposed)"
        lines = [segment["when"], *segment["details"]]
        if segment.get("confirmation"):
            lines.append(f"Confirmation: {segment['confirmation']}")
        hotel = segment["kind"] == "hotel"
        events.append(
            Happening(
                uid=f"callboard-travel-{production['id']}-booking-{segment['id']}",
                summary=summary,
                starts=dt.date.fromisoformat(segment["check_in"])
                if hotel
                else local(dt.datetime.fromisoformat(segment["starts"]), segment["starts_tz"]),
                ends=dt.date.fromisoformat(segment["check_out"])
                if hotel
                else local(dt.datetime.fromisoformat(segment["ends"]), segment["ends_tz"]),
                description="\n".join(lines),
                location=segment.get("location", ""),
                busy=not hotel,  # a hotel stay does not make the days busy
            )
        )
    return calendar_ics(
        f"{production['title']} — travel, {document['traveller']['name']}",
        "-//Callboard//Travel memo//EN",
        events,
        stamp=dt.datetime.fromisoformat(document["prepared_at"]),
        sequence=version,
    )
