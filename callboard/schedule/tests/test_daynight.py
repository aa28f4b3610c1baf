"""Day or night of each strip: CONTINUOUS and LATER take the scene before's, dusk is night."""

from datetime import date

import pytest

from callboard.schedule.daynight import DayNight, production_day_night, resolve_day_night
from callboard.schedule.models import Strip
from callboard.schedule.services import breakdown_seed
from callboard.scripts.services import script_version_import


def _letters(*words):
    resolved = resolve_day_night((n, w) for n, w in enumerate(words))
    return [resolved[n].letter for n in range(len(words))]


def test_day_and_night_words_give_their_letter():
    assert _letters("DAY", "NIGHT", "D", "N", "Morning", "afternoon", "NIGHTTIME") == [
        "D",
        "N",
        "D",
        "N",
        "D",
        "D",
        "N",
    ]


@pytest.mark.parametrize(
    ("word", "letter"),
    [
        ("DUSK", "N"),
        ("SUNSET", "N"),
        ("EVENING", "N"),
        ("TWILIGHT", "N"),
        ("PRE-DAWN", "N"),
        ("DAWN", "D"),
        ("SUNRISE", "D"),
        ("EARLY MORNING", "D"),
        ("MAGIC HOUR", ""),
    ],
)
def test_dusk_is_night_and_dawn_is_day(word, letter):
    assert _letters(word) == [letter]


@pytest.mark.parametrize(
    "word", ["CONTINUOUS", "LATER", "SAME", "MOMENTS LATER", "CONT'D", "SAME TIME", "CONT."]
)
def test_continuity_words_take_the_scene_before(word):
    resolved = resolve_day_night([(1, "NIGHT"), (2, word), (3, "DAY"), (4, word)])
    assert resolved[2] == DayNight("N", word.upper(), inherited=True)
    assert resolved[4].letter == "D"


def test_a_chain_of_continuous_scenes_carries_the_first_time_through():
    assert _letters("DUSK", "CONTINUOUS", "LATER", "MOMENTS LATER") == ["N", "N", "N", "N"]


def test_a_named_time_beats_the_continuity_word():
    assert _letters("DAY", "LATER THAT NIGHT", "NIGHT - CONTINUOUS", "LATER THAT DAY") == [
        "D",
        "N",
        "N",
        "D",
    ]


def test_the_first_scene_or_an_unknown_word_is_never_guessed():
    resolved = resolve_day_night([(1, "CONTINUOUS"), (2, "FLASHBACK"), (3, "LATER"), (4, "")])
    assert [resolved[n].letter for n in (1, 2, 3, 4)] == ["", "", "", ""]
    assert resolved[2].word == "FLASHBACK"


def test_an_omitted_scene_is_skipped_when_a_continuous_scene_looks_back():
    resolved = resolve_day_night([(1, "DAY"), (2, "NIGHT", True), (3, "CONTINUOUS")])
    assert resolved[2].letter == "N"  # still resolved itself
    assert resolved[3].letter == "D"


def test_the_printed_form_keeps_the_scripts_word_beside_the_letter():
    resolved = resolve_day_night([(1, "NIGHT"), (2, "CONTINUOUS"), (3, "DUSK"), (4, "DAY")])
    assert [str(resolved[n]) for n in (1, 2, 3, 4)] == ["N", "N (CONTINUOUS)", "N (DUSK)", "D"]


SCRIPT = b"""Title: Day Night

EXT. BRIDGE - NIGHT

GEORGE
Clarence!

INT. BAR - CONTINUOUS

NICK
Get out.

EXT. STREET - DAWN

Snow.

INT. HOUSE - MOMENTS LATER

MARY
George?
"""


def test_a_productions_strips_resolve_in_script_order(production):
    version = script_version_import(
        actor=None,
        production=production,
        filename="dn.fountain",
        data=SCRIPT,
        colour="White",
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )
    breakdown_seed(actor=None, version=version)

    by_scene = {
        s.scene_number: s.pk for s in Strip.objects.filter(production=production, kind="scene")
    }
    resolved = production_day_night(production)
    ordered = [resolved[by_scene[n]] for n in sorted(by_scene, key=int)]
    assert [(d.letter, d.word) for d in ordered] == [
        ("N", "NIGHT"),
        ("N", "CONTINUOUS"),
        ("D", "DAWN"),
        ("D", "MOMENTS LATER"),
    ]
