from datetime import date

import pytest

from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.schedule.board import Layout
from callboard.schedule.models import Calendar, Scenario, Strip, Ucid
from callboard.schedule.services import breakdown_seed, ensure_categories, strip_element_add
from callboard.scripts.services import script_version_import

SCRIPT = b"""Title: Call Test

INT. KITCHEN - DAY

MARY
Morning.

GEORGE
Morning, Mary.

EXT. BRIDGE - NIGHT

GEORGE
I wish I'd never been born.

INT. BANK - DAY

POTTER
Bailey!
"""


@pytest.fixture
def shooting(production):
    """Two shoot days (Thu Dec 10 and Fri Dec 11, 2026) of a small script, with cast and crew."""
    for number, (first, character) in enumerate(
        [("Donna", "MARY"), ("Jimmy", "GEORGE"), ("Lionel", "POTTER")], start=1
    ):
        make_person(
            production,
            kind=Person.Kind.CAST,
            first_name=first,
            character=character,
            cast_number=number,
            department=None,
        )
    for n in range(4):
        make_person(production, first_name=f"Crew{n}", position="Grip")
    make_person(production, first_name="Nomail", email="", phone="(323) 555-0100")
    version = script_version_import(
        actor=None,
        production=production,
        filename="call.fountain",
        data=SCRIPT,
        colour="White",
        revision_date=date(2026, 11, 1),
        max_bytes=10_000_000,
    )
    breakdown_seed(actor=None, version=version)
    location = ensure_categories(production)[Ucid.LOCATION]
    for strip in Strip.objects.filter(production=production):
        strip_element_add(actor=None, strip=strip, category=location, name="Bailey house")
    scenario = Scenario.objects.get(production=production)
    scenes = {s.scene_number: s.pk for s in Strip.objects.filter(production=production)}
    scenario.calendar = Calendar.objects.create(
        production=production, name="Main", start=date(2026, 12, 10), weekly_off=[0, 6]
    )
    scenario.layout = Layout.of([[scenes["1"], scenes["2"]], [scenes["3"]]]).as_json()
    scenario.save()
    return scenario
