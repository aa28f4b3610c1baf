"""A scout day as a calendar, framework-free: one event for the day (from the call to the
last stop's end, every stop listed in order in its description) and one for each stop and the
lunch that have a time, each in the production's zone (a location has no zone of its own).
Read from the document travel.queries.scout_document builds (a sent version's is frozen in
SentScout.document); written by travel.ical, as the travel memo's calendar is."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .ical import Happening, calendar_ics


def _item_line(item: dict) -> str:
    mark = "L" if item["kind"] == "lunch" else item["number"]
    when = f" {item['arrives']}" if item["arrives"] else ""
    where = f", {item['address']}" if item.get("address") else ""
    return f"{mark}.{when} {item['name']}{where} ({item['minutes']} min)"


def scout_ics(
    document: dict, *, version: int, stamp: dt.datetime, van: dict | None = None
) -> bytes:
    """The scout day for one rider (``van``: the van they ride in, when they have one)."""
    zone = ZoneInfo(document["zone"])
    day = dt.date.fromisoformat(document["day"])

    def at(clock: str) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=zone)

    uid = f"callboard-scout-{document['production']['id']}-{document['scout_id']}"
    call = at(document["call_at"])
    events = []
    for item in document["items"]:
        if not item.get("at"):
            continue
        starts = at(item["at"])
        if item["kind"] == "lunch":
            summary, key, details = f"Lunch: {item['name']}", "lunch", []
        else:
            summary, key = f"Stop {item['number']}: {item['name']}", f"stop-{item['location_id']}"
            details = [
                f"{s['set']}{' — sc. ' + s['scenes'] if s['scenes'] else ''}" for s in item["sets"]
            ]
            details += [f"Contact: {item['contact']}"] if item.get("contact") else []
            details += [f"Parking: {item['parking']}"] if item.get("parking") else []
        events.append(
            Happening(
                uid=f"{uid}-{key}",
                summary=summary,
                starts=starts,
                ends=starts + dt.timedelta(minutes=int(item["minutes"])),
                description="\n".join(details),
                location=item.get("address") or item.get("coordinates") or "",
            )
        )
    ends = max((e.ends for e in events), default=call + dt.timedelta(hours=1))
    ride = []
    if van:
        driver = f" (driver {van['driver']})" if van["driver"] else ""
        ride = [f"You ride in {van['name']}{driver}."]
    lines = [
        f"Call {document['call']} at {document['meeting_place']}.",
        *ride,
        "",
        *(_item_line(item) for item in document["items"]),
    ]
    if document.get("notes"):
        lines += ["", document["notes"]]
    events.insert(
        0,
        Happening(
            uid=f"{uid}-day",
            summary=f"{document['kind']} — call {document['call']}",
            starts=call,
            ends=max(ends, call + dt.timedelta(minutes=30)),
            description="\n".join(lines),
            location=document["meeting_place"],
        ),
    )
    return calendar_ics(
        f"{document['production']['title']} — {document['kind'].lower()}",
        "-//Callboard//Scout//EN",
        events,
        stamp=stamp,
        sequence=version,
    )
