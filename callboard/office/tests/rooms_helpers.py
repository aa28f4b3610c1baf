"""Builders for the rooms' tests: a conference room, two cast members playing roles on the
board, a crew member and a script to read (not imported by application code)."""

from __future__ import annotations

import datetime as dt

from callboard.office.rooms import services
from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.schedule.models import Element, Ucid
from callboard.schedule.services import ensure_categories
from callboard.scripts.services import script_version_import

SCRIPT = b"""Title: Table Read

INT. OFFICE - DAY

BOB sits.

BOB
We read it today.

EXT. LOT - NIGHT

ANA walks.
"""


def at(production, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=production.tzinfo)


def build(production, *, script: bool = True):
    room = services.room_save(
        actor=None, production=production, name="Conference Room", capacity=3, equipment="Screen"
    )
    cast = ensure_categories(production)[Ucid.CAST]
    people = []
    for n, (first, character) in enumerate((("Bob", "BOB"), ("Ana", "ANA")), start=1):
        person = make_person(
            production,
            first_name=first,
            last_name="Actor",
            email=f"{first.lower()}@example.test",
            kind=Person.Kind.CAST,
            character=character,
        )
        Element.objects.create(
            production=production, category=cast, name=character, board_id=str(n), person=person
        )
        people.append(person)
    crew = make_person(production, first_name="Dee", last_name="Rector", email="dee@example.test")
    if script:
        script_version_import(
            actor=None,
            production=production,
            filename="read.fountain",
            data=SCRIPT,
            colour="White",
            revision_date=dt.date(2027, 1, 4),
            max_bytes=10_000_000,
        )
    return room, people, crew
