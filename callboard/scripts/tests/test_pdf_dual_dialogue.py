"""Dual dialogue in PDF scripts: two speeches side by side are two speakers, whatever tool
printed them and wherever it put the columns.

Two PDFs were printed from `data/dual-dialogue/two-at-once.fountain` by other tools
(screenplain from PyPI, afterwriting from npm; see data/README.md); the others are built
here with typst, text placed at offsets no tool above uses: a narrow gutter (one space
between the columns, the left speech at the action margin) and wide columns with centred
cues.
"""

from datetime import date
from pathlib import Path

import pytest

from callboard.documents.render import render_pdf
from callboard.schedule.queries import strip_infos
from callboard.schedule.services import breakdown_seed
from callboard.scripts.pdf import read_pdf
from callboard.scripts.reading import read_script
from callboard.scripts.services import script_version_import

DATA = Path(__file__).parent / "data" / "dual-dialogue"
PLACED = DATA / "placed.typ"
TOOLS = ["two-at-once-screenplain.pdf", "two-at-once-afterwriting.pdf"]

MAGGIE = "We should never have come down here in this weather, I told you so twice."
TOMAS = "It was your idea to look at the boats, not mine."
OLD_MAN = "Only me. (beat) And the cat, of course, who never sleeps."


def _speech(read, page_index: int, column: int, after: str) -> list[str]:
    """The texts of one column of the dual-dialogue block under the cue `after`."""
    lines = read.pages[page_index].lines
    cue = next(line for line in lines if line.column == column and line.text.strip() == after)
    block = [line for line in lines if line.column == column and line.baseline >= cue.baseline]
    end = next(
        (i for i, line in enumerate(block[1:], 1) if line.cue), len(block)
    )  # the next dual block's cue
    return [line.text.rstrip(" *").strip() for line in block[1:end]]  # less a revision mark


@pytest.mark.parametrize("name", TOOLS)
def test_side_by_side_speeches_printed_by_other_tools_are_two_speakers(name):
    read = read_script(name, (DATA / name).read_bytes())
    harbour, skyline, kitchen = read.scenes
    assert harbour.characters == ["MAGGIE", "TOMAS"]
    assert kitchen.characters == ["ROSA", "OLD MAN", "DOCTOR"]
    assert skyline.characters == []
    assert harbour.synopsis.startswith("Waves break over the wall.")


def test_both_speakers_reach_the_breakdown_and_so_the_dood_and_call_sheet(production):
    version = script_version_import(
        actor=None,
        production=production,
        filename="two-at-once.pdf",
        data=(DATA / TOOLS[0]).read_bytes(),
        colour="White",
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )
    assert version.scenes.get(number="1").characters == ["MAGGIE", "TOMAS"]
    breakdown_seed(actor=None, version=version)
    strips = {info.scene: info for info in strip_infos(production).values()}
    assert {e.name for e in strips["1"].cast} == {"MAGGIE", "TOMAS"}
    assert {e.name for e in strips["3"].cast} == {"ROSA", "OLD MAN", "DOCTOR"}


@pytest.mark.parametrize("name", TOOLS)
def test_each_speech_reads_whole_and_apart_from_the_other(name):
    read = read_pdf((DATA / name).read_bytes())
    page = next(i for i, p in enumerate(read.pages) if any("HARBOUR" in ln.text for ln in p.lines))
    assert " ".join(_speech(read, page, 1, "MAGGIE")) == MAGGIE
    assert " ".join(_speech(read, page, 2, "TOMAS")) == TOMAS
    assert " ".join(_speech(read, page, 2, "OLD MAN")) == OLD_MAN
    assert _speech(read, page, 1, "ROSA") == ["(whispering)", "Is anybody there?"]
    for line in read.pages[page].lines:  # no line mixes the two speeches
        assert not ("never" in line.text and "idea" in line.text), line.text
        assert not ("anybody" in line.text and "beat" in line.text), line.text


# -- Pages built here, columns at other offsets ---------------------------------------------

CHAR = 7.2  # Courier 12: one character, and 0.1"
LEFT_SPEECH = [
    "I never said it was your job",
    "to fix the roof at midnight.",
    "(quietly)",
    "Come down.",
]
RIGHT_SPEECH = ["Somebody has to, and you", "were asleep."]

# Each layout: the x (points) of the left and right columns' cue, parenthetical and
# dialogue, or a centred cue over a column of that many characters.
LAYOUTS = {
    # The left speech at the action margin and one space between the columns: its first
    # line is 28 characters and the right speech starts on the 30th.
    "narrow": {
        "left": {"cue": 165.6, "paren": 136.8, "dialogue": 108.0},
        "right": {"cue": 374.4, "paren": 345.6, "dialogue": 108.0 + 29 * CHAR},
        "centred": 0,
    },
    # Columns five characters apart, each cue centred over its 28-character column.
    "wide": {
        "left": {"cue": 0, "paren": 147.6, "dialogue": 126.0},
        "right": {"cue": 0, "paren": 385.2, "dialogue": 126.0 + 33 * CHAR},
        "centred": 28,
    },
}


def _placed_script(layout: dict) -> bytes:
    rows: list[tuple[float, int, str]] = []  # x, row (12 pt from 1"), text

    def speech(side: str, cue: str, lines: list[str], row: int) -> None:
        where = layout[side]
        if layout["centred"]:
            x = where["dialogue"] + (layout["centred"] - len(cue)) * CHAR / 2
        else:
            x = where["cue"]
        rows.append((x, row, cue))
        for offset, text in enumerate(lines, 1):
            kind = "paren" if text.startswith("(") else "dialogue"
            rows.append((where[kind], row + offset, text))

    rows += [(72.0, 0, "1"), (108.0, 0, "EXT. ROOFTOP - NIGHT"), (540.0, 0, "1")]
    rows += [(108.0, 2, "Wind. WREN holds a torch over a broken skylight.")]
    speech("left", "WREN", LEFT_SPEECH, 4)
    speech("right", "MR. OKAFOR (O.S.)", RIGHT_SPEECH, 4)
    rows += [(561.6, 5, "*")]  # a revision mark in the right margin, on a row of both speeches
    rows += [(108.0, 10, "A door bangs below.")]
    rows += [(72.0, 12, "2"), (108.0, 12, "EST. CITY SKYLINE - NIGHT"), (540.0, 12, "2")]
    rows += [(108.0, 14, "Rain over the river.")]
    rows += [(72.0, 16, "3"), (108.0, 16, "INT. STAIRWELL - CONTINUOUS"), (540.0, 16, "3")]
    rows += [(244.8, 18, "WREN"), (180.0, 19, "Coming!")]
    lines = [{"x": x, "baseline": 81.0 + 12 * row, "text": text} for x, row, text in rows]
    lines.append({"x": 504.0, "baseline": 45.0, "text": "1."})  # the page number
    return render_pdf(PLACED, {"pages": [lines]})


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_columns_are_found_wherever_the_program_put_them(name):
    read = read_pdf(_placed_script(LAYOUTS[name]))
    rooftop, skyline, stairwell = read.scenes
    assert rooftop.characters == ["WREN", "MR. OKAFOR"]
    assert stairwell.characters == ["WREN"]
    assert rooftop.synopsis == "Wind. WREN holds a torch over a broken skylight."
    assert _speech(read, 0, 1, "WREN") == LEFT_SPEECH
    assert _speech(read, 0, 2, "MR. OKAFOR (O.S.)")[:2] == RIGHT_SPEECH
    assert skyline.int_ext == "EXT"


def test_an_upper_case_action_line_with_a_gap_is_not_dual_dialogue():
    rows = [
        (108.0, 0, "INT. GARAGE - DAY"),
        (108.0, 2, "BANG!        CRASH!"),
        (108.0, 3, "The shelf comes down."),
        (244.8, 5, "ROSA"),
        (180.0, 6, "Fine."),
    ]
    lines = [{"x": x, "baseline": 81.0 + 12 * row, "text": text} for x, row, text in rows]
    read = read_pdf(render_pdf(PLACED, {"pages": [lines]}))
    assert read.scenes[0].characters == ["ROSA"]
    assert not any(line.column for line in read.pages[0].lines)


def test_side_by_side_speeches_continued_onto_the_next_page_keep_both_speakers():
    def place(rows):
        return [{"x": x, "baseline": 81.0 + 12 * row, "text": text} for x, row, text in rows]

    first = [(108.0, 0, "INT. LIFT - NIGHT"), (108.0, 2, "The lift stops between floors.")]
    first += [(108.0, 4, "A long silence.")]
    first += [(180.0, 50, "JUNO"), (396.0, 50, "PELL")]
    first += [(144.0, 51, "Press the button."), (360.0, 51, "I am pressing")]
    first += [(180.0, 52, "(MORE)"), (360.0, 52, "the button.")]
    first += [(396.0, 53, "(MORE)")]
    second = [(180.0, 0, "JUNO (cont'd)"), (396.0, 0, "PELL (cont'd)")]
    second += [(144.0, 1, "Harder."), (360.0, 1, "Any harder and")]
    second += [(360.0, 2, "it breaks.")]
    second += [(108.0, 4, "The lights go out.")]
    read = read_pdf(render_pdf(PLACED, {"pages": [place(first), place(second)]}))
    assert read.scenes[0].characters == ["JUNO", "PELL"]
    assert _speech(read, 1, 2, "PELL (cont'd)") == ["Any harder and", "it breaks."]
    assert not any("Harder" in line.text and "harder" in line.text for line in read.pages[1].lines)
