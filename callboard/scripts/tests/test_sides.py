"""Sides: the pages holding the wanted scenes, the rest struck through, as a 2nd AD expects."""

from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from callboard.scripts.errors import ScriptError
from callboard.scripts.reading import read_script
from callboard.scripts.sides import (
    BODY_MARGIN,
    Band,
    SideScene,
    SidesHeader,
    _strikes,
    make_sides,
)

CYBER_BOB = Path(__file__).parent / "data" / "public-domain" / "Cyber_Bob_ep00001.fountain"


@pytest.fixture(scope="module")
def script():
    data = CYBER_BOB.read_bytes()
    read = read_script(CYBER_BOB.name, data)
    scenes = [SideScene(s.number, read.bands[i]) for i, s in enumerate(read.scenes)]
    return read, read.pdf(data), scenes


def page_texts(pdf: bytes) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf)]


def test_sides_hold_just_the_pages_of_the_wanted_scene(script):
    read, pdf, scenes = script
    sides = make_sides(pdf, scenes, wanted=["2"])
    texts = page_texts(sides)
    assert len(texts) == 1 and "EXT. SUBURBAN TRAFFIC INTERSECTION--DAY" in texts[0]


def test_everything_else_on_the_page_is_struck_through():
    keep = [Band(0, 300.0, 500.0)]
    assert _strikes(792.0, keep) == [(BODY_MARGIN, 300.0), (500.0, 792.0 - BODY_MARGIN)]


def test_given_order_follows_the_list_and_script_order_the_pages(script):
    read, pdf, scenes = script
    script_order = page_texts(make_sides(pdf, scenes, wanted=["3", "1"]))
    given_order = page_texts(make_sides(pdf, scenes, wanted=["3", "1"], order="given"))
    assert "EXT. PARK--DAY" in script_order[0]
    assert "INT. TRAFFIC LIGHT HORIZONTAL BEAM--NIGHT" in given_order[0]


def test_two_pages_go_on_one_landscape_sheet(script):
    read, pdf, scenes = script
    one_up = PdfReader(__import__("io").BytesIO(make_sides(pdf, scenes, wanted=["1"])))
    two_up = PdfReader(__import__("io").BytesIO(make_sides(pdf, scenes, wanted=["1"], two_up=True)))
    assert len(two_up.pages) == (len(one_up.pages) + 1) // 2
    assert float(two_up.pages[0].mediabox.width) > float(two_up.pages[0].mediabox.height)


def test_a_watermark_is_printed_on_every_page(script):
    read, pdf, scenes = script
    assert all(
        "ANA RUIZ" in text
        for text in page_texts(make_sides(pdf, scenes, wanted=["1"], watermark="ANA RUIZ"))
    )


def test_an_unknown_scene_is_named(script):
    read, pdf, scenes = script
    with pytest.raises(ScriptError, match="No scene 99"):
        make_sides(pdf, scenes, wanted=["2", "99"])


def test_a_shoot_days_header_is_printed_on_every_page_and_only_when_asked(script):
    read, pdf, scenes = script
    header = SidesHeader(show="Cyber Bob", date="Thursday, December 10, 2026", day="Day 3 of 24")
    with_header = page_texts(make_sides(pdf, scenes, wanted=["1", "3"], header=header))
    assert len(with_header) >= 2
    for text in with_header:
        assert "CYBER BOB" in text and "SIDES" in text
        assert "Thursday, December 10, 2026" in text and "Day 3 of 24" in text
    assert not any("Day 3 of 24" in t for t in page_texts(make_sides(pdf, scenes, wanted=["1"])))
