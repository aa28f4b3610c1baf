"""A safety note is owed for stunts, vehicles, special effects, animals, weapons and water work,
found by category and by whole words in the categories where such words mean a hazard; a note
names a scene by 'sc.'/'scene' and its number (issue 15, review of item 1)."""

import pytest

from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_create
from callboard.schedule.models import Category, Strip, Ucid
from callboard.schedule.services import ensure_categories, strip_element_add

from .ready import make_ready


def _add(production, scene, ucid, name, category=None):
    category = category or ensure_categories(production)[ucid]
    strip = Strip.objects.get(production=production, scene_number=scene)
    strip_element_add(actor=None, strip=strip, category=category, name=name)


def _codes(sheet):
    return [f.code for f in sheet_findings(sheet_view(sheet))]


@pytest.mark.parametrize(
    "ucid, name",
    [
        (Ucid.PROPS, "Glass of water"),
        (Ucid.SET_DRESSING, "Pool table"),
        (Ucid.WARDROBE, "Boat shoes"),
        (Ucid.PROPS, "Toy gunboat"),
        (Ucid.MAKEUP, "Water spray bottle"),
    ],
)
def test_a_harmless_element_does_not_ask_for_a_safety_note(shooting, ucid, name):
    _add(shooting.production, "1", ucid, name)
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    assert "safety-note-missing" not in _codes(sheet)


@pytest.mark.parametrize(
    "ucid, name",
    [
        (Ucid.STUNTS, "Slip on the ice"),
        (Ucid.VEHICLES, "Police cruiser"),
        (Ucid.SFX, "Rain towers"),
        (Ucid.ANIMALS, "Dog"),
        (Ucid.PROPS, "Revolver"),
        (Ucid.PROPS, "Prop gun (blank-firing)"),
        (Ucid.SPECIAL_EQUIPMENT, "Underwater camera housing"),
    ],
)
def test_a_hazard_asks_for_a_safety_note(shooting, ucid, name):
    _add(shooting.production, "1", ucid, name)
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    assert "safety-note-missing" in _codes(sheet)


def test_a_category_of_its_own_for_weapons_or_water_asks_for_a_note(shooting):
    production = shooting.production
    for ucid, name in ((900, "Armory"), (901, "Marine")):
        category = Category.objects.create(production=production, name=name, ucid=ucid)
        _add(production, "1", None, "Item", category=category)
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    found = [
        f.message for f in sheet_findings(sheet_view(sheet)) if f.code == "safety-note-missing"
    ]
    assert found and "armory: Item" in found[0] and "marine: Item" in found[0]


def test_a_note_that_mentions_a_walkie_channel_is_not_a_safety_note_for_scene_two(shooting):
    """'2' on its own in the notes does not name scene 2."""
    _add(shooting.production, "2", Ucid.STUNTS, "Fall from the bridge rail")
    sheet = make_ready(
        callsheet_create(actor=None, scenario=shooting, day_number=1),
        safety_notes="Medic on walkie channel 2 all day.",
    )
    assert "safety-note-missing" in _codes(sheet)


@pytest.mark.parametrize(
    "notes",
    [
        "Sc. 2: stunt coordinator on set.",
        "SC 2 — pads down",
        "Scene 2: rehearse first",
        "Scenes 1, 2: fall mats",
        "sc 1/2: medic standing by",
        "Stunt safety, scs. 1 & 2.",
    ],
)
def test_a_note_naming_the_scene_is_the_scene_s_safety_note(shooting, notes):
    _add(shooting.production, "2", Ucid.STUNTS, "Fall from the bridge rail")
    sheet = make_ready(
        callsheet_create(actor=None, scenario=shooting, day_number=1), safety_notes=notes
    )
    assert "safety-note-missing" not in _codes(sheet)
