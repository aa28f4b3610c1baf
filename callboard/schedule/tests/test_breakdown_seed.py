"""A script version becomes a breakdown; a new version keeps what was entered by hand."""

from datetime import date

import pytest

from callboard.people.models import Person
from callboard.people.testing import make_person
from callboard.schedule.models import Element, Scenario, Strip, Ucid
from callboard.schedule.queries import strip_infos
from callboard.schedule.services import breakdown_seed, ensure_categories, strip_element_add
from callboard.scripts.services import script_version_import

FIRST = b"""Title: Seed Test

INT. KITCHEN - DAY

MARY pours coffee.

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

SECOND = b"""Title: Seed Test

INT. KITCHEN - DAY

MARY pours coffee.

MARY
Morning.

EXT. BRIDGE - NIGHT

GEORGE
I wish I'd never been born.

CLARENCE
You've been given a great gift.
"""


def _version(production, data, colour):
    return script_version_import(
        actor=None,
        production=production,
        filename="seed.fountain",
        data=data,
        colour=colour,
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )


@pytest.fixture
def seeded(production):
    breakdown_seed(actor=None, version=_version(production, FIRST, "White"))
    return production


def _by_scene(production):
    return {i.scene: i for i in strip_infos(production).values()}


def test_each_scene_becomes_a_strip_with_set_int_ext_day_night_and_speaking_cast(seeded):
    strips = _by_scene(seeded)
    assert set(strips) == {"1", "2", "3"}
    kitchen = strips["1"]
    assert (kitchen.int_ext, kitchen.set_name, kitchen.day_night) == ("INT", "KITCHEN", "DAY")
    assert kitchen.colour == "white"
    assert strips["2"].colour == "green"  # night exterior
    assert {e.name for e in kitchen.cast} == {"MARY", "GEORGE"}
    # Board IDs by number of scenes: GEORGE is in two.
    assert Element.objects.get(production=seeded, name="GEORGE").board_id == "1"


def test_the_first_breakdown_starts_a_script_order_scenario_with_every_strip(seeded):
    scenario = Scenario.objects.get(production=seeded)
    assert len(scenario.board.unscheduled) == 3


def test_a_new_version_keeps_hand_entries_and_follows_the_script(seeded):
    categories = ensure_categories(seeded)
    kitchen = Strip.objects.get(production=seeded, scene_number="1")
    strip_element_add(actor=None, strip=kitchen, category=categories[Ucid.PROPS], name="Coffee pot")
    strip_element_add(actor=None, strip=kitchen, category=categories[Ucid.CAST], name="Zuzu")
    kitchen.description = "Breakfast at the Baileys"
    kitchen.save()

    breakdown_seed(actor=None, version=_version(seeded, SECOND, "Blue"))

    strips = _by_scene(seeded)
    kitchen = strips["1"]
    names = {e.name for e in kitchen.elements}
    assert "Coffee pot" in names  # entered by hand: kept
    assert "Zuzu" in names  # cast added by hand: kept
    assert "GEORGE" not in names  # the script no longer gives him a line here
    assert kitchen.description == "Breakfast at the Baileys"
    assert {e.name for e in strips["2"].cast} == {"GEORGE", "CLARENCE"}
    assert strips["3"].omitted  # the bank scene is gone: kept, marked omitted
    scenario = Scenario.objects.get(production=seeded)
    assert sorted(scenario.board.strips()) == sorted(
        Strip.objects.filter(production=seeded).values_list("pk", flat=True)
    )


def test_a_role_takes_its_performers_cast_number_from_the_cast_list(production):
    mary = make_person(
        production,
        kind=Person.Kind.CAST,
        first_name="Donna",
        character="MARY HATCH BAILEY",
        cast_number=7,
    )
    breakdown_seed(actor=None, version=_version(production, FIRST, "White"))
    role = Element.objects.get(production=production, name="MARY")
    assert (role.board_id, role.person) == ("7", mary)
    # The others are numbered after the cast list's numbers.
    assert Element.objects.get(production=production, name="GEORGE").board_id == "8"
