"""The Fountain reader, against the spec, the screenplay-tools cases and real scripts."""

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.scripts.errors import ScriptError
from callboard.scripts.fountain import decode_script_bytes, read_fountain
from callboard.scripts.headings import normalise_character, parse_heading
from callboard.scripts.screenplay import Element, Kind

DATA = Path(__file__).parent / "data"
CASES = DATA / "screenplay-tools"
PUBLIC = DATA / "public-domain"


def read_file(path: Path):
    return read_fountain(decode_script_bytes(path.read_bytes()))


def kinds_and_texts(text: str) -> list[tuple[Kind, str]]:
    return [(e.kind, e.text) for e in read_fountain(text).elements]


# --- The screenplay-tools cases: X.fountain against its expected dump X.txt ------------------
#
# The dump is one entry a line: KIND:"text" then, on the same line, "(EXT)" for a cue's
# extension, (Dual), (centered), or (N) for a heading's scene number / a section's depth.
# Their texts keep emphasis markup and inline [[n]] / /*n*/ placeholders for the notes and
# boneyard listed at the end; parentheticals lose their brackets; cues lose (CONT'D); and
# neighbouring action paragraphs are merged. The adapter brings both sides to that common
# ground: emphasis characters and placeholders dropped, lines stripped, brackets put back,
# (CONT'D) dropped from our cues, consecutive action merged, empty action dropped.

_ENTRY = re.compile(
    r'^(?P<marker>\[\[\d+\]\]|/\*\d+\*/)?(?P<kind>[A-Z]+):"(?P<text>.*?)"'
    r'(?::"(?P<value>.*?)")?(?P<tail>(?: (?:"[^"\n]*"|\([^()\n]*\)))*)$',
    re.M | re.S,
)
_THEIR_KINDS = {
    "HEADING": Kind.SCENE_HEADING,
    "ACTION": Kind.ACTION,
    "CHARACTER": Kind.CHARACTER,
    "DIALOGUE": Kind.DIALOGUE,
    "PARENTHETICAL": Kind.PARENTHETICAL,
    "TRANSITION": Kind.TRANSITION,
    "SECTION": Kind.SECTION,
    "SYNOPSIS": Kind.SYNOPSIS,
    "PAGEBREAK": Kind.PAGE_BREAK,
    "LYRICS": Kind.LYRIC,
}
_PLACEHOLDER = re.compile(r"\[\[\d+\]\]|/\*\d+\*/")
_CONTD = re.compile(r"\s*\(CONT['’]D\)", re.I)

Row = tuple[Kind, str, str | None, bool]  # kind, text, scene number, dual


def _clean(text: str) -> str:
    text = _PLACEHOLDER.sub("", text).replace("*", "").replace("_", "")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _common_ground(rows: list[Row]) -> list[Row]:
    merged: list[Row] = []
    for kind, text, number, dual in rows:
        if kind == Kind.ACTION and not text:
            continue
        if kind == Kind.ACTION and merged and merged[-1][0] == Kind.ACTION:
            merged[-1] = (Kind.ACTION, f"{merged[-1][1]}\n\n{text}", None, False)
        else:
            merged.append((kind, text, number, dual))
    return merged


def their_dump(name: str) -> tuple[dict[str, str], list[Row]]:
    title_page, rows = {}, []
    for match in _ENTRY.finditer((CASES / name).read_text(encoding="utf-8")):
        if match["marker"]:
            continue  # the body of a note or a boneyard, listed after the script
        kind, text, tail = match["kind"], match["text"], match["tail"]
        extras = re.findall(r'"([^"]*)"|\(([^()]*)\)', tail)
        quoted = [q for q, _ in extras if q]
        flags = [f for _, f in extras if f]
        if kind == "TITLEENTRY":
            title_page[text.lower()] = _clean(match["value"] or "")
            continue
        ours = _THEIR_KINDS[kind]
        number = None
        if ours == Kind.SCENE_HEADING and flags:
            number = flags[0]
        if ours == Kind.CHARACTER and quoted:
            text = f"{text} {quoted[0]}"
        if ours == Kind.PARENTHETICAL:
            text = f"({text})"
        if ours == Kind.ACTION and "centered" in flags:
            ours = Kind.CENTERED
        rows.append((ours, _clean(text), number, "Dual" in flags))
    return title_page, _common_ground(rows)


def our_rows(name: str) -> list[Row]:
    rows = []
    for e in read_file(CASES / name).elements:
        text = _CONTD.sub("", e.text) if e.kind == Kind.CHARACTER else e.text
        rows.append((e.kind, _clean(text), e.scene_number, e.dual))
    return _common_ground(rows)


def _replace(rows: list[Row], old: list[Row], new: list[Row]) -> None:
    for start in range(len(rows)):
        if rows[start : start + len(old)] == old:
            rows[start : start + len(old)] = new
            return
    raise AssertionError(f"expected rows not found: {old}")


def _sections_opening_cut_to(rows: list[Row]) -> None:
    """A lone "CUT TO:" opening the file is a title-page key with no value to them.

    To us a title page needs at least one entry with a value, so it is a transition.
    """
    rows.insert(0, (Kind.TRANSITION, "CUT TO:", None, False))


def _boneyard_leaves_no_trace(rows: list[Row]) -> None:
    """They read "CUT TO:" (the boneyard follows it on the next line) as action.

    We drop lines that hold only boneyard, so "CUT TO:" is followed by a heading; and a
    capitals line ending in "TO:" opening a paragraph is a transition.
    """
    _replace(
        rows,
        [
            (
                Kind.ACTION,
                "As he rattles off the long list, Brick and Steel share a look. "
                "This is going to be BAD.\n\nCUT TO:",
                None,
                False,
            )
        ],
        [
            (
                Kind.ACTION,
                "As he rattles off the long list, Brick and Steel share a look. "
                "This is going to be BAD.",
                None,
                False,
            ),
            (Kind.TRANSITION, "CUT TO:", None, False),
        ],
    )


def _names_may_start_with_a_digit(rows: list[Row]) -> None:
    """The spec: a name needs one letter ("R2D2" works, "23" does not), so 3CPO is a cue."""
    _replace(
        rows,
        [(Kind.ACTION, "3CPO\nNot work.", None, False)],
        [(Kind.CHARACTER, "3CPO", None, False), (Kind.DIALOGUE, "Not work.", None, False)],
    )


def _parentheticals_may_follow_each_other(rows: list[Row]) -> None:
    """Two bracketed lines in a row are both parentheticals to us (to them the second is
    dialogue)."""
    _replace(
        rows,
        [(Kind.DIALOGUE, "(bouncy)\nAlso trying this?", None, False)],
        [
            (Kind.PARENTHETICAL, "(bouncy)", None, False),
            (Kind.DIALOGUE, "Also trying this?", None, False),
        ],
    )


def _notes_follow_the_spec(rows: list[Row]) -> None:
    """Their dump swallows an action paragraph into the dialogue and half-removes a bad note.

    Per the spec a blank line ends the dialogue, and a note may not contain an empty line,
    so the last "[[This ... ]]" is not a note and stays in the text.
    """
    rows[:] = [
        (Kind.SCENE_HEADING, "INT. TRAILER HOME - DAY", None, False),
        (
            Kind.ACTION,
            "This is the home of THE BOY BAND, AKA DAN and JACK. They too are drinking "
            "beer, and counting the take from their last smash-and-grab. "
            "Money, drugs, and ridiculous "
            "props are strewn about the table.",
            None,
            False,
        ),
        (Kind.CHARACTER, "JACK", None, False),
        (Kind.PARENTHETICAL, "(in Vietnamese, subtitled)", None, False),
        (Kind.DIALOGUE, "Did you know Brick and Steel are retired?", None, False),
        (
            Kind.ACTION,
            "His hand is an inch from the receiver when the phone RINGS. Scott pauses for "
            "a moment, suspicious for some reason. He looks around. Phone ringing.\n\n"
            "Testing a note without spaces[[This\ndoesn't have spaces. Shouldn't work.\n\n"
            "Definitely shouldn't. Because of that blank line.]] He looks around. Phone ringing.",
            None,
            False,
        ),
    ]


SCREENPLAY_TOOLS_CASES = {
    "Boneyards.fountain": ("Boneyards.txt", _boneyard_leaves_no_trace),
    "Character.fountain": ("Character.txt", _names_may_start_with_a_digit),
    "Dialogue.fountain": ("Dialogue-Merged.txt", None),
    "Notes.fountain": ("Notes.txt", _notes_follow_the_spec),
    "PageBreak.fountain": ("PageBreak.txt", None),
    "Parenthetical.fountain": ("Parenthetical.txt", _parentheticals_may_follow_each_other),
    "SceneHeading.fountain": ("SceneHeading.txt", None),
    "Sections.fountain": ("Sections.txt", _sections_opening_cut_to),
    "TitlePage.fountain": ("TitlePage.txt", None),
    "Transition.fountain": ("Transition.txt", None),
    "UTF8.fountain": ("UTF8.txt", None),
}


@pytest.mark.parametrize("case", sorted(SCREENPLAY_TOOLS_CASES))
def test_each_screenplay_tools_case_gives_the_elements_of_its_expected_dump(case):
    dump, difference = SCREENPLAY_TOOLS_CASES[case]
    _, expected = their_dump(dump)
    if difference is not None:
        difference(expected)  # documented in the function's docstring
    assert our_rows(case) == expected


def test_every_screenplay_tools_fountain_case_is_checked():
    on_disk = {p.name for p in CASES.glob("*.fountain") if not p.name.startswith("TestFDX")}
    assert on_disk == set(SCREENPLAY_TOOLS_CASES)


def test_the_title_page_case_gives_the_expected_entries():
    expected, _ = their_dump("TitlePage.txt")
    title_page = read_file(CASES / "TitlePage.fountain").title_page
    assert {key: _clean(value) for key, value in title_page.items()} == expected
    assert title_page["title"] == "BRICK & STEEL\nFULL RETIRED"
    assert read_file(CASES / "TitlePage.fountain").title == "BRICK & STEEL FULL RETIRED"


def test_title_page_keys_are_lower_case_with_their_spaces_kept():
    title_page = read_file(CASES / "TestFDX-FI.fountain").title_page
    assert title_page == {
        "title": "FDX Test Script",
        "author": "Ian",
        "draft date": "Draft\ninformation",
        "copyright": "Copyright (c) 2026",
        "contact": "Contact\ninformation",
    }


# --- Scene headings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "INT. HOUSE - DAY",
        "EXT. HOUSE - DAY",
        "EST. CITY - DAY",
        "INT./EXT. CAR - DAY",
        "INT/EXT CAR - DAY",
        "I/E CAR - DAY",
        "int. house - day",
        "Ext house - night",
        "EST CITY",
    ],
)
def test_a_paragraph_starting_with_a_heading_prefix_is_a_scene_heading(line):
    assert kinds_and_texts(f"{line}\n\nAction.") == [
        (Kind.SCENE_HEADING, line),
        (Kind.ACTION, "Action."),
    ]


@pytest.mark.parametrize("line", ["INTERIOR DESIGN IS FUN.", "EXTRA! EXTRA!", "Establishing shot."])
def test_a_prefix_must_be_followed_by_a_dot_or_a_space(line):
    assert kinds_and_texts(line) == [(Kind.ACTION, line)]


def test_a_leading_dot_forces_a_heading_but_not_an_ellipsis_or_a_dot_and_space():
    assert kinds_and_texts(".SNIPER SCOPE POV\n\n...and then.\n\n. no") == [
        (Kind.SCENE_HEADING, "SNIPER SCOPE POV"),
        (Kind.ACTION, "...and then."),
        (Kind.ACTION, ". no"),
    ]


def test_scene_numbers_are_taken_off_the_heading_text():
    elements = read_fountain(
        "INT. HOUSE - DAY #12A#\n\nEXT. YARD - NIGHT #1.2-b#\n\nINT. X #🙂#"
    ).elements
    assert [(e.text, e.scene_number) for e in elements] == [
        ("INT. HOUSE - DAY", "12A"),
        ("EXT. YARD - NIGHT", "1.2-b"),
        ("INT. X #🙂#", None),  # not a scene number: alphanumerics, dots and dashes only
    ]


def test_an_omitted_scene_keeps_its_number_and_reads_omitted():
    elements = read_fountain(
        "OMITTED #12#\n\n.omitted #13#\n\nINT. HOUSE - DAY #14#\n\nBob sits."
    ).elements
    assert [(e.kind, e.text, e.scene_number) for e in elements[:3]] == [
        (Kind.SCENE_HEADING, "OMITTED", "12"),
        (Kind.SCENE_HEADING, "OMITTED", "13"),
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY", "14"),
    ]


def test_a_heading_must_start_a_paragraph():
    assert kinds_and_texts("He walks in.\nINT. HOUSE - DAY") == [
        (Kind.ACTION, "He walks in.\nINT. HOUSE - DAY")
    ]


def test_the_lines_under_a_heading_without_a_blank_line_are_read_as_a_new_paragraph():
    assert kinds_and_texts("INT. HOUSE - DAY\nBob sits.") == [
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY"),
        (Kind.ACTION, "Bob sits."),
    ]


# --- Action ----------------------------------------------------------------------------------


def test_action_keeps_its_line_breaks_and_indentation_with_tabs_as_four_spaces():
    assert kinds_and_texts("Bob sits.\n    He waits.\n\tHe sleeps.  ") == [
        (Kind.ACTION, "Bob sits.\n    He waits.\n    He sleeps.")
    ]


def test_an_exclamation_mark_forces_action():
    assert kinds_and_texts("!SCANNING THE AISLES\nNothing.\n\n!INT. NOT A HEADING") == [
        (Kind.ACTION, "SCANNING THE AISLES\nNothing."),
        (Kind.ACTION, "INT. NOT A HEADING"),
    ]


def test_two_spaces_keep_an_action_paragraph_going():
    assert kinds_and_texts("One.\n  \nTwo.") == [(Kind.ACTION, "One.\n\nTwo.")]


# --- Characters and dialogue -----------------------------------------------------------------


def test_a_cue_keeps_its_extension_and_the_dialogue_its_line_breaks():
    assert kinds_and_texts("BOB (V.O.)\nHello.\nIt's me.") == [
        (Kind.CHARACTER, "BOB (V.O.)"),
        (Kind.DIALOGUE, "Hello.\nIt's me."),
    ]


def test_extensions_may_be_in_lower_case_but_the_name_may_not():
    assert kinds_and_texts("HANS (on the radio)\nHello.\n\nHans\nHello.") == [
        (Kind.CHARACTER, "HANS (on the radio)"),
        (Kind.DIALOGUE, "Hello."),
        (Kind.ACTION, "Hans\nHello."),
    ]


def test_an_at_sign_forces_a_cue():
    assert kinds_and_texts("@McCLANE\nYippee ki-yay.") == [
        (Kind.CHARACTER, "McCLANE"),
        (Kind.DIALOGUE, "Yippee ki-yay."),
    ]


def test_a_caret_marks_the_second_cue_as_dual_dialogue():
    elements = read_fountain("BRICK\nScrew it.\n\nSTEEL ^\nScrew it.").elements
    assert [(e.kind, e.text, e.dual) for e in elements] == [
        (Kind.CHARACTER, "BRICK", False),
        (Kind.DIALOGUE, "Screw it.", False),
        (Kind.CHARACTER, "STEEL", True),
        (Kind.DIALOGUE, "Screw it.", False),
    ]


def test_a_capitals_line_without_text_under_it_is_action():
    assert kinds_and_texts("BOOM\n\nThe wall falls.") == [
        (Kind.ACTION, "BOOM"),
        (Kind.ACTION, "The wall falls."),
    ]


def test_a_capitals_line_with_more_than_an_extension_after_the_name_is_action():
    text = "CYBER BOSS, 40 (or any age), an ageless,\nfaceless cloud."
    assert kinds_and_texts(text) == [(Kind.ACTION, text)]


def test_parentheticals_keep_their_brackets_and_may_run_over_lines():
    assert kinds_and_texts("BOB\n(quietly)\nHi.\n(looking at\nthe door)\nBye.") == [
        (Kind.CHARACTER, "BOB"),
        (Kind.PARENTHETICAL, "(quietly)"),
        (Kind.DIALOGUE, "Hi."),
        (Kind.PARENTHETICAL, "(looking at\nthe door)"),
        (Kind.DIALOGUE, "Bye."),
    ]


def test_two_spaces_keep_dialogue_going_as_an_empty_line():
    assert kinds_and_texts("DEALER\nTen.\n  \nFour.\n\nHe deals.") == [
        (Kind.CHARACTER, "DEALER"),
        (Kind.DIALOGUE, "Ten.\n\nFour."),
        (Kind.ACTION, "He deals."),
    ]


def test_dialogue_is_read_whatever_its_indentation():
    assert kinds_and_texts("        DAVE\n    Nice day.") == [
        (Kind.CHARACTER, "DAVE"),
        (Kind.DIALOGUE, "Nice day."),
    ]


# --- Transitions, centred text, lyrics, page breaks, structure -------------------------------


def test_capitals_ending_in_to_make_a_transition_and_a_greater_than_sign_forces_one():
    assert kinds_and_texts("CUT TO:\n\nsmash cut to:\n\n> Burn to white.\n\nFADE OUT.") == [
        (Kind.TRANSITION, "CUT TO:"),
        (Kind.ACTION, "smash cut to:"),
        (Kind.TRANSITION, "Burn to white."),
        (Kind.ACTION, "FADE OUT."),
    ]


def test_a_transition_without_a_blank_line_after_it_does_not_swallow_the_next_heading():
    assert kinds_and_texts("CUT TO:\nINT. HOUSE - DAY\n\nBob.") == [
        (Kind.TRANSITION, "CUT TO:"),
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY"),
        (Kind.ACTION, "Bob."),
    ]


def test_text_between_greater_and_less_than_signs_is_centred():
    assert kinds_and_texts("> THE END <\n\n>BRICK & STEEL<\n>FULL RETIRED<") == [
        (Kind.CENTERED, "THE END"),
        (Kind.CENTERED, "BRICK & STEEL\nFULL RETIRED"),
    ]


def test_a_tilde_makes_lyrics_also_inside_dialogue():
    assert kinds_and_texts("~Willy Wonka!\n~The amazing chocolatier!\n\nWILLY\n~Come with me") == [
        (Kind.LYRIC, "Willy Wonka!\nThe amazing chocolatier!"),
        (Kind.CHARACTER, "WILLY"),
        (Kind.LYRIC, "Come with me"),
    ]


def test_three_or_more_equals_signs_make_a_page_break():
    assert kinds_and_texts("One.\n\n===\n\nTwo.\n=====\nThree.") == [
        (Kind.ACTION, "One."),
        (Kind.PAGE_BREAK, ""),
        (Kind.ACTION, "Two."),
        (Kind.PAGE_BREAK, ""),
        (Kind.ACTION, "Three."),
    ]


def test_sections_and_synopses_are_kept_as_structure():
    assert kinds_and_texts("# ACT I\n\n## Sequence\n\n= Bob arrives.\n\nINT. HOUSE - DAY") == [
        (Kind.SECTION, "ACT I"),
        (Kind.SECTION, "Sequence"),
        (Kind.SYNOPSIS, "Bob arrives."),
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY"),
    ]


def test_forcing_characters_alone_make_no_element():
    assert kinds_and_texts(">\n\n~\n\n#\n\n=\n\n><\n\nBob.") == [(Kind.ACTION, "Bob.")]
    with pytest.raises(ScriptError):
        read_fountain(">\n\n~")


# --- Notes, boneyard, emphasis ---------------------------------------------------------------


def test_notes_are_removed_inline_on_their_own_line_and_over_several_lines():
    text = "BOB\n[[check this]]\nHello[[ a note\n  \nover lines ]] there.\n\n[[alone]]\n\nHe goes."
    assert kinds_and_texts(text) == [
        (Kind.CHARACTER, "BOB"),
        (Kind.DIALOGUE, "Hello there."),
        (Kind.ACTION, "He goes."),
    ]


def test_a_note_with_an_empty_line_inside_is_not_a_note():
    assert kinds_and_texts("A [[b\n\nc]] d") == [(Kind.ACTION, "A [[b"), (Kind.ACTION, "c]] d")]


def test_the_boneyard_is_removed_even_over_many_paragraphs():
    text = "INT. HOUSE - DAY\n\n/*\nEXT. CUT SCENE - NIGHT\n\nGone.\n*/\nBob /* not */stays."
    assert kinds_and_texts(text) == [
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY"),
        (Kind.ACTION, "Bob stays."),
    ]


def test_an_unclosed_boneyard_is_kept_as_text():
    assert kinds_and_texts("Bob /* smiles.") == [(Kind.ACTION, "Bob /* smiles.")]


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("*italic* and **bold** and ***both*** and _under_", "italic and bold and both and under"),
        ("_**BRICK & STEEL**_", "BRICK & STEEL"),
        (r"Steel enters the code: \*9765\*", "Steel enters the code: *9765*"),
        ("He dialed *69 and then 23.", "He dialed *69 and then 23."),
        ("snake_case_name stays", "snake_case_name stays"),
        ("_across\nlines_", "across\nlines"),
    ],
)
def test_emphasis_markers_are_removed_and_escaped_ones_kept(written, printed):
    assert kinds_and_texts(written) == [(Kind.ACTION, printed)]


# --- Title page ------------------------------------------------------------------------------


def test_a_title_page_is_key_value_lines_with_indented_continuations():
    screenplay = read_fountain(
        "Title: The Long Night\nDraft date: 1/2/2026\nContact:\n    Jane Doe\n\tjane@example.com\n"
        "Author: A\nAuthor: B\n\nINT. HOUSE - DAY"
    )
    assert screenplay.title_page == {
        "title": "The Long Night",
        "draft date": "1/2/2026",
        "contact": "Jane Doe\njane@example.com",
        "author": "A\nB",
    }
    assert screenplay.title == "The Long Night"
    assert kinds_and_texts("Title: X\n\nINT. HOUSE - DAY") == [
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY")
    ]


def test_a_script_opening_with_fade_in_has_no_title_page():
    screenplay = read_fountain("FADE IN:\n\nINT. HOUSE - DAY")
    assert screenplay.title_page == {}
    assert [e.text for e in screenplay.elements] == ["FADE IN:", "INT. HOUSE - DAY"]


# --- Files as they arrive --------------------------------------------------------------------


def test_crlf_and_cr_line_ends_and_a_byte_order_mark_are_accepted():
    expected = kinds_and_texts("Title: T\n\nINT. HOUSE - DAY\n\nBOB\nHi.\nThere.")
    assert (
        kinds_and_texts("\ufeffTitle: T\r\n\r\nINT. HOUSE - DAY\r\n\r\nBOB\r\nHi.\r\nThere.")
        == expected
    )
    assert kinds_and_texts("Title: T\r\rINT. HOUSE - DAY\r\rBOB\rHi.\rThere.") == expected


@pytest.mark.parametrize(
    "data",
    [
        "INT. CAFÉ – DAY\n\nZoë’s “café”.".encode(),
        "\ufeffINT. CAFÉ – DAY\n\nZoë’s “café”.".encode(),
        "INT. CAFÉ – DAY\n\nZoë’s “café”.".encode("utf-16"),  # with its BOM
        "INT. CAFÉ – DAY\n\nZoë’s “café”.".encode("utf-16-be").join([b"\xfe\xff", b""]),
        "INT. CAFÉ – DAY\n\nZoë’s “café”.".encode("cp1252"),
        "INT. CAFÉ – DAY\n\nZoë’s “café”.".encode("utf-16-le"),  # no BOM, recognised
    ],
)
def test_utf8_utf16_and_windows_encodings_decode_to_the_same_script(data):
    assert decode_script_bytes(data) == "INT. CAFÉ – DAY\n\nZoë’s “café”."


def test_latin1_fountain_decodes():
    data = "INT. CAFÉ - DAY\n\nZoë déjeune. ±½".encode("latin-1")
    assert kinds_and_texts(decode_script_bytes(data))[1] == (Kind.ACTION, "Zoë déjeune. ±½")


def test_bytes_that_are_not_even_cp1252_still_decode_as_latin1():
    assert decode_script_bytes(b"A\x81B") == "A\x81B"


def test_a_broken_utf16_file_raises_a_script_error():
    with pytest.raises(ScriptError, match="UTF-16"):
        decode_script_bytes(b"\xff\xfeA")


@pytest.mark.parametrize("text", ["", "   \n\t\n  ", "\ufeff", "\r\n\r\n"])
def test_an_empty_file_raises_a_script_error(text):
    with pytest.raises(ScriptError, match="empty"):
        read_fountain(text)


def test_a_title_page_without_a_script_raises_a_script_error():
    with pytest.raises(ScriptError, match="no script"):
        read_fountain("Title: Nothing Yet\nAuthor: Me\n\n/* all cut */\n\n[[later]]")


def test_a_file_with_only_structure_raises_a_script_error():
    with pytest.raises(ScriptError, match="No screenplay"):
        read_fountain("# ACT I\n\n= It begins.\n\n===")


def test_binary_data_raises_a_script_error():
    with pytest.raises(ScriptError, match="binary"):
        read_fountain(decode_script_bytes(b"%PDF-1.7\n\x00\x01\x02binary\x00stuff"))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_screenplay_or_a_script_error(text):
    try:
        screenplay = read_fountain(text)
    except ScriptError:
        return
    assert screenplay.elements


_FOUNTAINISH = st.lists(
    st.sampled_from(
        [
            "",
            "  ",
            "INT. HOUSE - DAY #1#",
            ".FORCED",
            "BOB",
            "@bob ^",
            "BOB ^",
            "(beat)",
            "(un",
            "closed)",
            "Hello.",
            "CUT TO:",
            "> FADE <",
            ">",
            "<",
            "~la la",
            "===",
            "#",
            "## Act",
            "=",
            "= syn",
            "[[",
            "]]",
            "/*",
            "*/",
            "*",
            "_",
            "\\*",
            "!",
            "!BANG",
            "Title: X",
            "    cont",
            "\t",
            "\r",
            "\ufeff",
            "^",
            "@",
        ]
    ),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(_FOUNTAINISH, st.sampled_from(["\n", "\r\n", "\r", " "]))
def test_any_mix_of_fountain_syntax_gives_a_screenplay_or_a_script_error(lines, newline):
    try:
        screenplay = read_fountain(newline.join(lines))
    except ScriptError:
        return
    for element in screenplay.elements:
        assert isinstance(element.kind, Kind)
        assert "\r" not in element.text


# --- Round trip: a screenplay written as Fountain reads back the same ------------------------

_words = st.lists(
    st.sampled_from(["the", "door", "opens", "bob", "waits", "and", "it's", "late,"]),
    min_size=1,
    max_size=6,
)
_sentence = _words.map(lambda words: " ".join(words).capitalize() + ".")
_name = (
    st.lists(
        st.sampled_from(["BOB", "MARY", "DR.", "JO", "O'NEIL", "2ND", "COP"]),
        min_size=1,
        max_size=2,
    )
    .map(" ".join)
    .filter(lambda name: any(c.isalpha() for c in name))
)


@st.composite
def _scenes(draw):
    elements = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        set_name = draw(st.sampled_from(["HOUSE", "PARK", "BOB'S CAR", "ROOM 101"]))
        time_of_day = draw(st.sampled_from(["DAY", "NIGHT", "CONTINUOUS"]))
        prefix = draw(st.sampled_from(["INT.", "EXT.", "INT./EXT.", "I/E"]))
        elements.append(
            Element(
                Kind.SCENE_HEADING, f"{prefix} {set_name} - {time_of_day}", scene_number=str(number)
            )
        )
        for _ in range(draw(st.integers(0, 4))):
            if draw(st.booleans()):
                elements.append(
                    Element(
                        Kind.ACTION, "\n".join(draw(st.lists(_sentence, min_size=1, max_size=3)))
                    )
                )
            else:
                extension = draw(st.sampled_from(["", " (V.O.)", " (O.S.)", " (CONT'D)"]))
                elements.append(
                    Element(Kind.CHARACTER, draw(_name) + extension, dual=draw(st.booleans()))
                )
                if draw(st.booleans()):
                    elements.append(
                        Element(Kind.PARENTHETICAL, draw(st.sampled_from(["(beat)", "(to Jo)"])))
                    )
                elements.append(
                    Element(
                        Kind.DIALOGUE, "\n".join(draw(st.lists(_sentence, min_size=1, max_size=3)))
                    )
                )
        if draw(st.booleans()):
            elements.append(Element(Kind.TRANSITION, "CUT TO:"))
    return elements


def _as_fountain(elements: list[Element]) -> str:
    out = []
    for e in elements:
        if e.kind == Kind.SCENE_HEADING:
            out.append(f"\n{e.text} #{e.scene_number}#\n")
        elif e.kind == Kind.ACTION:
            out.append(f"\n{e.text}\n")
        elif e.kind == Kind.CHARACTER:
            out.append(f"\n{e.text}{' ^' if e.dual else ''}")
        elif e.kind == Kind.TRANSITION:
            out.append(f"\n{e.text}\n")
        else:
            out.append(e.text)
    return "\n".join(out)


@settings(max_examples=200, deadline=None)
@given(_scenes())
def test_a_screenplay_written_as_fountain_reads_back_the_same(elements):
    assert read_fountain(_as_fountain(elements)).elements == elements


# --- Real scripts ----------------------------------------------------------------------------


def test_cyber_bob_has_three_scenes_with_sets_and_times():
    screenplay = read_file(PUBLIC / "Cyber_Bob_ep00001.fountain")
    headings = [parse_heading(e.text) for e in screenplay.elements if e.kind == Kind.SCENE_HEADING]
    assert [(h.int_ext, h.set, h.time) for h in headings] == [
        ("EXT", "PARK", "DAY"),
        ("EXT", "SUBURBAN TRAFFIC INTERSECTION", "DAY"),
        ("INT", "TRAFFIC LIGHT HORIZONTAL BEAM", "NIGHT"),
    ]
    assert (
        screenplay.title
        == "BOB THE CYBER PAWN AND HIS CYBER CLOUD BOSS THING EPISODE 1: TRAFFIC CONTROL DOGS"
    )
    assert screenplay.title_page["author"] == "Richard Alexander Hall"
    speakers = {
        normalise_character(e.text) for e in screenplay.elements if e.kind == Kind.CHARACTER
    }
    assert speakers == {"BOB", "CYBER BOB", "CYBER BOSS", "BOSS", "DOG", "MARGARET"}
    assert screenplay.elements[0] == Element(Kind.TRANSITION, "FADE IN:")
    assert screenplay.elements[-1] == Element(Kind.CENTERED, "THE END")
    assert not any("[[" in e.text or "/*" in e.text or "**" in e.text for e in screenplay.elements)


def test_the_pulpit_is_one_scene_of_nob_speaking():
    screenplay = read_file(PUBLIC / "pulpit__fire.fountain")
    assert screenplay.title_page == {}
    headings = [e.text for e in screenplay.elements if e.kind == Kind.SCENE_HEADING]
    assert headings == ["INT. SUPERNACLE--DAY"]
    assert parse_heading(headings[0]) == parse_heading("INT. SUPERNACLE - DAY")
    assert {e.text for e in screenplay.elements if e.kind == Kind.CHARACTER} == {"NOB"}
    assert sum(e.kind == Kind.DIALOGUE for e in screenplay.elements) == 9
    sung = [e.text for e in screenplay.elements if e.text.startswith("You wait")][0]
    assert sung.endswith("the meaning is fire!")  # underline over several lines removed


def test_a_long_script_is_read_quickly():
    text = "\n\n".join(
        (PUBLIC / name).read_text(encoding="utf-8")
        for name in ["Cyber_Bob_ep00001.fountain", "pulpit__fire.fountain"] * 20
    )
    started = time.perf_counter()
    screenplay = read_fountain(text)
    elapsed = time.perf_counter() - started
    assert sum(e.kind == Kind.SCENE_HEADING for e in screenplay.elements) == 80
    assert elapsed < 1.0  # measured at a few tens of milliseconds; this only catches a blow-up


@pytest.mark.parametrize(
    "hostile",
    [
        "[[\n\n" * 40_000 + "]]",
        "[[" * 100_000 + "]]",
        "/*" * 100_000,
        "Bob *a " * 30_000,
        "Bob _a " * 30_000,
        "BOB\n" + "  \n" * 100_000 + "Hi.",
        "#\n" * 100_000,
        "INT. HOUSE" + " " * 100_000 + "x",
        "INT. HOUSE " + "#1" * 50_000,
        "(a)" + " " * 100_000 + "x\ny",
    ],
    ids=[
        "open-notes",
        "nested-notes",
        "open-boneyards",
        "stars",
        "underscores",
        "two-space-lines",
        "sections",
        "spaces",
        "hashes",
        "cue-tail",
    ],
)
def test_hostile_fountain_is_read_in_linear_time(hostile):
    started = time.perf_counter()
    try:
        elements = read_fountain(hostile).elements
    except ScriptError:
        elements = []
    # Linear input reads in tens of milliseconds; a backtracking blow-up takes minutes. The
    # bounds only catch the blow-up (a loaded CI machine is slow): `make bench` holds speed.
    assert time.perf_counter() - started < 10.0
    for element in elements:
        parse_heading(element.text)
        normalise_character(element.text)
    assert time.perf_counter() - started < 15.0
