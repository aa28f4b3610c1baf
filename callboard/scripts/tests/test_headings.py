"""Scene headings split into INT/EXT, set and time; character cues reduced to one name."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.scripts.headings import (
    TIME_PHRASES,
    TIME_WORDS,
    Heading,
    normalise_character,
    parse_heading,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INT. HOUSE - DAY", ("INT", "HOUSE", "DAY")),
        ("EXT. PARK--DAY", ("EXT", "PARK", "DAY")),
        ("EXT. PARK -- DAY", ("EXT", "PARK", "DAY")),
        ("EXT. PARK-- day", ("EXT", "PARK", "DAY")),
        ("ext. OLYMPIA CIRCUS - NIGHT", ("EXT", "OLYMPIA CIRCUS", "NIGHT")),
        ("EST. LOS ANGELES - DAWN", ("EXT", "LOS ANGELES", "DAWN")),
        ("EST CITY - DUSK", ("EXT", "CITY", "DUSK")),
        ("ESTABLISHING CITY SKYLINE - NIGHT", ("EXT", "CITY SKYLINE", "NIGHT")),
        ("INT./EXT. BOB'S CAR - MOVING - NIGHT", ("INT/EXT", "BOB'S CAR - MOVING", "NIGHT")),
        ("INT/EXT CAR - DAY", ("INT/EXT", "CAR", "DAY")),
        ("I/E CAR - DAY", ("INT/EXT", "CAR", "DAY")),
        ("E/I CAR - DAY", ("INT/EXT", "CAR", "DAY")),
        ("EXT./INT. BARN - MAGIC HOUR", ("INT/EXT", "BARN", "MAGIC HOUR")),
        ("INT. / EXT. PORCH - SUNSET", ("INT/EXT", "PORCH", "SUNSET")),
        ("INT. HOUSE - KITCHEN - CONTINUOUS", ("INT", "HOUSE - KITCHEN", "CONTINUOUS")),
        ("INT. HOUSE - MOMENTS LATER", ("INT", "HOUSE", "MOMENTS LATER")),
        ("INT. HOUSE - SAME TIME", ("INT", "HOUSE", "SAME TIME")),
        ("INT. HOUSE - LATER THAT NIGHT", ("INT", "HOUSE", "LATER THAT NIGHT")),
        ("INT. HOUSE - NIGHT (FLASHBACK)", ("INT", "HOUSE", "NIGHT (FLASHBACK)")),
        ("INT. HOUSE - D3", ("INT", "HOUSE", "D3")),
        ("INT. SCEHE 1 — DAY", ("INT", "SCEHE 1", "DAY")),
        ("INT. HOUSE – NIGHT", ("INT", "HOUSE", "NIGHT")),
        ("INT. HOUSE - DAY #12A#", ("INT", "HOUSE", "DAY")),
        ("INT.HOUSE - DAY", ("INT", "HOUSE", "DAY")),
        ("INTERIOR CASTLE - MORNING", ("INT", "CASTLE", "MORNING")),
        ("INT. X-RAY ROOM - AFTERNOON", ("INT", "X-RAY ROOM", "AFTERNOON")),
        ("INT.   WIDE    HALL   -   EVENING", ("INT", "WIDE HALL", "EVENING")),
    ],
)
def test_a_heading_splits_into_int_ext_set_and_time(text, expected):
    assert parse_heading(text) == Heading(*expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "INT. HOUSE - KITCHEN",
            ("INT", "HOUSE - KITCHEN", ""),
        ),  # no time word after the last dash
        ("INT. MY SCENE -- START", ("INT", "MY SCENE -- START", "")),
        ("EXT. STREET - FIRST AVENUE", ("EXT", "STREET - FIRST AVENUE", "")),
        ("EXT. PARK DAY", ("EXT", "PARK DAY", "")),  # no separator, no time
        ("INT. HEADER WITH SCENENUM", ("INT", "HEADER WITH SCENENUM", "")),
        ("FORCED HEADER", ("", "FORCED HEADER", "")),
        (".FORCED HEADER - NIGHT", ("", "FORCED HEADER", "NIGHT")),
        ("OMITTED", ("", "OMITTED", "")),
        ("INTERNATIONAL SPACE STATION - DAY", ("", "INTERNATIONAL SPACE STATION", "DAY")),
        ("ESTATE GROUNDS - NIGHT", ("", "ESTATE GROUNDS", "NIGHT")),
        ("", ("", "", "")),
    ],
)
def test_a_heading_without_a_prefix_or_a_time_keeps_the_rest_as_the_set(text, expected):
    assert parse_heading(text) == Heading(*expected)


@given(st.text())
def test_parse_heading_never_raises(text):
    heading = parse_heading(text)
    assert heading.int_ext in ("INT", "EXT", "INT/EXT", "")
    assert heading.time == heading.time.upper()


_set_word = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'&.", min_size=1, max_size=8)
_set = (
    st.lists(_set_word, min_size=1, max_size=4)
    .map(" ".join)
    .filter(
        lambda s: (
            not s.startswith(".") and not s.endswith(".")
        )  # a dot would join the prefix or be stripped
    )
)
_prefix = st.sampled_from(
    [
        ("INT.", "INT"),
        ("EXT.", "EXT"),
        ("EST.", "EXT"),
        ("INT./EXT.", "INT/EXT"),
        ("I/E", "INT/EXT"),
        ("int.", "INT"),
        ("EXT", "EXT"),
        ("E/I.", "INT/EXT"),
    ]
)
_time = st.sampled_from(
    sorted(TIME_WORDS) + list(TIME_PHRASES) + ["MOMENTS LATER", "LATER THAT DAY", "N2"]
)
_separator = st.sampled_from([" - ", "--", " -- ", "-- ", " — ", "–"])


@settings(max_examples=300)
@given(_prefix, _set, _separator, _time, st.sampled_from(["", " #12#", " #A3-1#"]))
def test_a_generated_heading_gives_back_its_prefix_set_and_time(
    prefix, set_name, separator, time, number
):
    written, int_ext = prefix
    heading = parse_heading(f"{written} {set_name}{separator}{time.lower()}{number}")
    assert heading == Heading(int_ext, set_name, time)


@settings(max_examples=200)
@given(_prefix, _set)
def test_a_generated_heading_without_a_time_gives_back_its_set(prefix, set_name):
    written, int_ext = prefix
    assert parse_heading(f"{written} {set_name}") == Heading(int_ext, set_name, "")


@pytest.mark.parametrize(
    "cue",
    [
        "BOB (V.O.)",
        "BOB (CONT'D)",
        "BOB (CONT’D)",
        "BOB (O.S.)",
        "bob",
        "  BOB  ",
        "@Bob",
        "BOB ^",
        "@bob (V.O.) ^",
        "BOB (V.O.) (CONT'D)",
        "BOB (O. S.)",
        "BOB (cont'd",
        "BOB CONT'D",
        "BOB\t(V.O.)",
    ],
)
def test_every_way_of_writing_bob_is_bob(cue):
    assert normalise_character(cue) == "BOB"


@pytest.mark.parametrize(
    ("cue", "name"),
    [
        ("MARY JANE  (V.O.)", "MARY JANE"),
        ("DR. O’NEIL", "DR. O'NEIL"),
        ("JIM😆", "JIM😆"),
        ("C3PO", "C3PO"),
        ("", ""),
    ],
)
def test_names_keep_their_own_words(cue, name):
    assert normalise_character(cue) == name


@given(st.text())
def test_normalising_a_name_twice_changes_nothing(name):
    once = normalise_character(name)
    assert normalise_character(once) == once


@pytest.mark.parametrize(
    "hostile",
    [
        " " * 100_000,
        "INT. " + " -" * 50_000,
        "-" * 100_000,
        "#" * 100_000,
        "—" * 100_000,
        "BOB" + " " * 100_000 + "CONT'D x",
        "(" * 100_000,
        "INT." * 25_000,
    ],
)
def test_hostile_headings_and_names_are_handled_in_linear_time(hostile):
    # The process's own CPU time: a loaded machine (CI's parallel workers) does not count,
    # while a quadratic pattern on 100,000 characters would take far longer than a second.
    started = time.process_time()
    parse_heading(hostile)
    normalise_character(hostile)
    assert time.process_time() - started < 1.0
