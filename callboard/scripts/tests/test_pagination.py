"""Pagination by the rules of screenwriting software, on screenplays built in the test."""

from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.scripts.pagination import LINES_PER_PAGE, paginate, scene_extents, wrap
from callboard.scripts.screenplay import Element, Kind, Screenplay


def heading(text="INT. KITCHEN - DAY", number=None):
    return Element(Kind.SCENE_HEADING, text, scene_number=number)


def action(lines: int):
    return Element(Kind.ACTION, "\n".join(f"Action line {i}." for i in range(lines)))


def speech(name: str, lines: int):
    words = " ".join(f"word{i}" for i in range(lines * 6))  # about six words a line at 35 columns
    return [Element(Kind.CHARACTER, name), Element(Kind.DIALOGUE, words)]


def test_a_page_holds_55_lines():
    pages = paginate(Screenplay(elements=[heading(), action(53)]))
    assert len(pages) == 1 and len(pages[0].lines) == 1 + 1 + 53 == LINES_PER_PAGE


def test_a_scene_heading_never_ends_a_page():
    # 52 lines of action leave room for a heading but not for two lines after it.
    pages = paginate(
        Screenplay(elements=[heading(), action(51), heading("EXT. YARD - NIGHT"), action(5)])
    )
    assert pages[0].lines[-1].kind != "scene_heading"
    assert pages[1].lines[0].text == "EXT. YARD - NIGHT"


def test_long_dialogue_breaks_with_more_and_contd():
    elements = [heading(), action(45), *speech("BOB", 12)]
    pages = paginate(Screenplay(elements=elements))
    assert pages[0].lines[-1].text == "(MORE)"
    assert pages[1].lines[0].text == "BOB (CONT'D)"
    dialogue_on_first = [line for line in pages[0].lines if line.kind == "dialogue"]
    assert len(dialogue_on_first) >= 2


def test_a_character_cue_is_never_left_alone_at_the_foot():
    elements = [heading(), action(50), *speech("ANN", 2)]
    pages = paginate(Screenplay(elements=elements))
    assert pages[0].lines[-1].kind != "character"
    assert pages[1].lines[0].text == "ANN"


def test_an_action_paragraph_breaks_with_two_lines_each_side():
    pages = paginate(Screenplay(elements=[heading(), action(40), action(20)]))
    first_part = [
        line for line in pages[0].lines if line.text.startswith("Action") and line.kind == "action"
    ]
    assert len(pages[1].lines) >= 2 and len(first_part) > 40


def test_a_forced_page_break_starts_a_new_page():
    pages = paginate(
        Screenplay(
            elements=[
                heading(),
                action(3),
                Element(Kind.PAGE_BREAK, ""),
                heading("EXT. YARD - DAY"),
                action(2),
            ]
        )
    )
    assert [page.number for page in pages] == ["1", "2"]
    assert pages[1].lines[0].text == "EXT. YARD - DAY"


def test_words_wrap_at_the_element_width_and_keep_the_writers_breaks():
    assert wrap("a " * 40, 10)[0] == "a a a a a"
    assert wrap("one\ntwo", 60) == ["one", "two"]


def test_each_page_shares_out_its_eight_eighths():
    elements = []
    for n in range(30):
        elements += [heading(f"INT. ROOM {n} - DAY"), action(3 + n % 7), *speech("BOB", 1 + n % 4)]
    pages = paginate(Screenplay(elements=elements))
    total = sum(extent.lines for extent in scene_extents(pages).values())
    assert total == LINES_PER_PAGE * len(pages) or total <= LINES_PER_PAGE * len(pages)
    eighths = sum(extent.eighths for extent in scene_extents(pages).values())
    assert abs(eighths - 8 * len(pages)) <= len(elements) // 3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 70)), min_size=1, max_size=40))
def test_pagination_never_loses_a_line_or_overfills_a_page(parts):
    elements = []
    for kind, size in parts:
        if kind == 0:
            elements.append(heading())
        elif kind == 1:
            elements.append(action(size))
        else:
            elements += speech("CAROL", size % 20 + 1)
    pages = paginate(Screenplay(elements=elements))
    assert all(len(page.lines) <= LINES_PER_PAGE for page in pages)
    printed = [line.text for page in pages for line in page.lines if line.kind == "action"]
    expected = [line for e in elements if e.kind == Kind.ACTION for line in e.text.split("\n")]
    assert printed == expected


def test_pages_before_the_first_scene_heading_belong_to_no_scene():
    pages = paginate(Screenplay(elements=[action(60), heading(), action(2)]))
    extents = scene_extents(pages)
    assert list(extents) == [0] and extents[0].page_start == "2"
