"""PDF scripts: lines with coordinates, page labels, scenes and eighths read back from a PDF.

The PDFs are made here, never committed: Callboard's own typst rendition of paginated
Fountain (so the scene list can be compared with the paginator's), a screenplay page
printed by headless Chromium (another tool's text layout), and broken ones.
"""

import io
import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from callboard.documents.render import render_pdf
from callboard.scripts.errors import ScriptError
from callboard.scripts.fountain import read_fountain
from callboard.scripts.generator import generate_fountain
from callboard.scripts.pagination import paginate
from callboard.scripts.pdf import PdfLine, _heading, read_pdf
from callboard.scripts.scenes import scene_list
from callboard.scripts.screenplay import Kind
from callboard.scripts.sides import bands_from_pagination
from callboard.scripts.watermark import watermark_pdf

SCRIPTS = Path(__file__).resolve().parents[1]
TEMPLATE = SCRIPTS / "typst" / "screenplay.typ"
PUBLIC_DOMAIN = sorted((Path(__file__).parent / "data" / "public-domain").glob("*.fountain"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

NUMBERED = """Title: Numbers Game
Author: Test

INT. PRECINCT HOUSE - SQUAD ROOM - NIGHT #12#

Rain on the windows. Maggie reads a file.

MAGGIE (V.O.)
It was the kind of night that keeps its secrets.

INT. PRECINCT HOUSE - SQUAD ROOM - LATER #12A#

RAY
Go home.

MAGGIE
Not yet.

RAY (CONT'D)
Suit yourself.

.OMITTED #13#

EXT. HARBOR DOCKS - DAWN #14#

Fog. A body in the water.
"""


def rendition(text: str):
    """Fountain -> paginator -> typst rendition; the PDF and the paginator's own scene list."""
    screenplay = read_fountain(text)
    pages = paginate(screenplay)
    scenes = scene_list(screenplay, pages)
    numbers = [scene.number for scene in scenes]
    sheets, numbered = [], set()
    for page in pages:
        lines = []
        for line in page.lines:
            entry = {"text": line.text, "indent": line.indent, "kind": line.kind}
            if line.kind == Kind.SCENE_HEADING and line.scene not in numbered:
                numbered.add(line.scene)
                entry["scene_number"] = numbers[line.scene]
            lines.append(entry)
        sheets.append({"number": page.number, "lines": lines})
    title_page = {k.replace(" ", "_"): v for k, v in screenplay.title_page.items()}
    data = {"title_page": title_page, "revision": "", "pages": sheets}
    return render_pdf(TEMPLATE, data), screenplay, pages, scenes


@pytest.fixture(scope="module", params=[p.name for p in PUBLIC_DOMAIN] + ["generated", "numbered"])
def made(request):
    if request.param == "generated":
        text = generate_fountain(scenes=30, seed=3)
    elif request.param == "numbered":
        text = NUMBERED
    else:
        text = (Path(__file__).parent / "data" / "public-domain" / request.param).read_text()
    pdf, screenplay, pages, scenes = rendition(text)
    return pdf, screenplay, pages, scenes, read_pdf(pdf)


def test_scene_list_matches_the_paginators(made):
    _, _, _, expected, read = made
    assert [s.number for s in read.scenes] == [s.number for s in expected]
    for got, want in zip(read.scenes, expected, strict=True):
        assert got.heading.upper() == want.heading.upper()
        assert (got.int_ext, got.set.upper(), got.time) == (
            want.int_ext,
            want.set.upper(),
            want.time,
        )
        assert (got.page_start, got.page_end) == (want.page_start, want.page_end)
        assert got.characters == want.characters
        assert got.omitted == want.omitted
        assert abs(got.eighths - want.eighths) <= 1, (got.number, got.eighths, want.eighths)
        assert got.synopsis == want.synopsis


def test_page_labels_come_from_the_page_headers(made):
    _, screenplay, pages, _, read = made
    title_page = [""] if screenplay.title_page else []
    assert [page.label for page in read.pages] == title_page + [page.number for page in pages]


def test_scene_bands_sit_where_the_paginator_put_them(made):
    _, screenplay, pages, scenes, read = made
    expected = bands_from_pagination(
        pages, len(scenes), first_page=1 if screenplay.title_page else 0
    )
    for index, spans in read.spans.items():
        assert [s.page_index for s in spans] == [b.page for b in expected[index]]
        for span, band in zip(spans, expected[index], strict=True):
            # The paginator counts the blank line above a heading with its scene: one line of slack.
            assert abs(span.top - band.top) <= 13 and abs(span.bottom - band.bottom) <= 13


def test_a_numbers_omitted_scenes_and_the_title():
    pdf, *_ = rendition(NUMBERED)
    read = read_pdf(pdf)
    assert read.title == "Numbers Game"
    assert [(s.number, s.omitted, s.eighths > 0) for s in read.scenes] == [
        ("12", False, True),
        ("12A", False, True),
        ("13", True, False),
        ("14", False, True),
    ]
    assert read.scenes[0].characters == ["MAGGIE"]
    assert read.scenes[1].characters == ["RAY", "MAGGIE"]
    assert read.scenes[0].synopsis == "Rain on the windows. Maggie reads a file."


def test_a_120_page_script_reads_back_its_scenes_and_eighths():
    pdf, _, pages, expected, *_ = rendition(generate_fountain())
    assert len(pages) >= 115
    started = time.perf_counter()
    read = read_pdf(pdf)
    elapsed = time.perf_counter() - started
    # Its speed budget (≤ 3 s) is `make bench`'s; this only catches a blow-up on a busy machine.
    assert elapsed < 15.0, f"{elapsed:.2f} s for {len(pages)} pages"
    assert len(read.scenes) == len(expected) == 150
    total = sum(s.eighths for s in read.scenes)
    assert abs(total - sum(s.eighths for s in expected)) <= len(expected) // 10
    assert all(abs(a.eighths - b.eighths) <= 1 for a, b in zip(read.scenes, expected, strict=True))


def test_a_watermarked_copy_reads_the_same():
    pdf, _, _, expected = rendition(NUMBERED)
    stamped = watermark_pdf(pdf, text="JANE DOE 12", footer="Jane Doe — 11/25/2026")
    read = read_pdf(stamped)
    assert [(s.number, s.heading, s.eighths) for s in read.scenes] == [
        (s.number, s.heading.upper(), s.eighths) for s in read_pdf(pdf).scenes
    ]
    assert [s.number for s in read.scenes] == [s.number for s in expected]


# -- A screenplay printed by another tool (headless Chromium) ---------------------------------

_PAGES = [
    # (header page number, [(x inches, row, text)]) rows are 12 pt lines from 1" down
    (
        None,
        [(3.2, 20, "THE HARBOR JOB"), (3.6, 22, "written by"), (3.4, 24, "Dana Whitfield")],
    ),
    (
        None,
        [
            (1.0, 0, "1"),
            (1.5, 0, "EXT. HARBOR DOCKS - NIGHT"),
            (7.4, 0, "1"),
            (1.5, 2, "Fog rolls in over black water. A gull screams."),
            (3.7, 4, "MAGGIE"),
            (2.5, 5, "Somebody's been here."),
            (3.7, 7, "RAY (O.S.)"),
            (2.5, 8, "Over here. Bring the light."),
            (1.0, 10, "2"),
            (1.5, 10, "INT. RAY'S CAR - MOVING - NIGHT"),
            (7.4, 10, "2"),
            (1.5, 12, "Ray drives. Maggie watches the mirror."),
            (3.7, 14, "RAY"),
            (3.1, 15, "(not looking at her)"),
            (2.5, 16, "You saw him too."),
            (2.5, 17, "Don't tell me you didn't."),
            (3.7, 18, "(MORE)"),
            (6.4, 53, "(CONTINUED)"),
        ],
    ),
    (
        "2.",
        [
            (1.0, 0, "2"),
            (1.5, 0, "CONTINUED:"),
            (7.4, 0, "2"),
            (3.7, 2, "RAY (CONT'D)"),
            (2.5, 3, "He was on the boat."),
            (1.0, 30, "2A"),
            (1.5, 30, "EXT. MOTEL ROOM 12 - CONTINUOUS"),
            (7.4, 30, "2A"),
            (1.5, 32, "A light goes out."),
            (7.8, 30, "*"),
            (7.8, 32, "*"),  # revision marks
        ],
    ),
    (
        "2A.",
        [
            (1.0, 0, "3"),
            (1.5, 0, "OMITTED"),
            (7.4, 0, "3"),
            (1.5, 2, "4   INT. DINER - DAY   4"),  # one run of preformatted text
            (1.5, 4, "The coffee went cold hours ago."),
            (3.7, 6, "LOUISE"),
            (2.5, 7, "More coffee?"),
        ],
    ),
]


def _html(pages) -> str:
    sheets = []
    for number, lines in pages:
        divs = []
        if number:
            divs.append(f'<div style="left:7.2in;top:0.5in">{number}</div>')
            divs.append('<div style="left:1.5in;top:0.5in">Blue Rev. 11/25/26</div>')
        for x, row, text in lines:
            divs.append(f'<div style="left:{x}in;top:calc(1in + {row * 12}pt)">{text}</div>')
        sheets.append('<section class="page">' + "".join(divs) + "</section>")
    return (
        "<!doctype html><html><head><meta charset=utf-8><title>The Harbor Job</title><style>"
        "@page { size: 8.5in 11in; margin: 0 }"
        "body { margin: 0; font-family: 'Courier Prime', 'Courier New', Courier, monospace;"
        " font-size: 12pt; line-height: 12pt }"
        ".page { position: relative; width: 8.5in; height: 11in; overflow: hidden;"
        " break-after: page }"
        ".page div { position: absolute; white-space: pre }"
        "</style></head><body>" + "".join(sheets) + "</body></html>"
    )


@pytest.fixture(scope="module")
def chromium_pdf(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    folder = tmp_path_factory.mktemp("chromium")
    html, out = folder / "script.html", folder / "script.pdf"
    html.write_text(_html(_PAGES), encoding="utf-8")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-pdf-header-footer",
        f"--user-data-dir={folder / 'profile'}",
        f"--print-to-pdf={out}",
        html.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=60, check=False)
    if not out.exists():
        pytest.skip("Chromium did not print the page")
    return out.read_bytes()


def test_a_chromium_printed_script_is_read(chromium_pdf):
    read = read_pdf(chromium_pdf)
    assert [page.label for page in read.pages] == ["", "1", "2", "2A"]
    assert read.title == "The Harbor Job"
    got = [(s.number, s.heading, s.page_start, s.page_end, s.omitted) for s in read.scenes]
    assert got == [
        ("1", "EXT. HARBOR DOCKS - NIGHT", "1", "1", False),
        ("2", "INT. RAY'S CAR - MOVING - NIGHT", "1", "2", False),
        ("2A", "EXT. MOTEL ROOM 12 - CONTINUOUS", "2", "2", False),
        ("3", "OMITTED", "2A", "2A", True),
        ("4", "INT. DINER - DAY", "2A", "2A", False),
    ]
    assert read.scenes[0].characters == ["MAGGIE", "RAY"]
    assert read.scenes[1].characters == ["RAY"]
    assert read.scenes[4].characters == ["LOUISE"]
    assert read.scenes[0].synopsis == "Fog rolls in over black water. A gull screams."
    assert read.scenes[2].set == "MOTEL ROOM 12"
    assert read.scenes[2].synopsis == "A light goes out."
    # Scene 2 runs from row 10 to the foot of page 1 (44 of ~55 lines) and 30 rows of page 2.
    assert read.scenes[1].eighths in (11, 12)
    assert read.scenes[3].eighths == 0
    assert all(s.eighths >= 1 for s in read.scenes if not s.omitted)


def test_lines_keep_their_columns(chromium_pdf):
    page = read_pdf(chromium_pdf).pages[1]
    heading = next(line for line in page.lines if "HARBOR DOCKS" in line.text)
    assert [round(x / 72, 1) for x, _ in heading.parts] == [1.0, 1.5, 7.4]
    assert heading.text.split() == ["1", "EXT.", "HARBOR", "DOCKS", "-", "NIGHT", "1"]
    assert heading.top < heading.bottom and abs(heading.top - 72) < 6


# -- Headings in isolation ------------------------------------------------------------------


def line(*parts: tuple[float, str]) -> PdfLine:
    text = "   ".join(part for _, part in parts)
    return PdfLine(text, parts[0][0], 0.0, 10.0, 8.0, list(parts))


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([(72, "12A"), (108, "INT. HOUSE - DAY"), (540, "12A")], ("INT. HOUSE - DAY", "12A")),
        (
            [(108, "INT./EXT. CAR - MOVING - NIGHT"), (540, "7")],
            ("INT./EXT. CAR - MOVING - NIGHT", "7"),
        ),
        ([(108, "I/E CAR - NIGHT")], ("I/E CAR - NIGHT", None)),
        ([(108, "EST. CITY - DAWN")], ("EST. CITY - DAWN", None)),
        ([(108, "Int. Kitchen - Day")], ("Int. Kitchen - Day", None)),
        ([(108, "12 EXT. ROOF - DAY")], ("EXT. ROOF - DAY", "12")),
        ([(108, "12 EXT. ROOF - DAY 12")], ("EXT. ROOF - DAY", "12")),
        ([(108, "INT. MOTEL ROOM 12")], ("INT. MOTEL ROOM 12", None)),
        ([(72, "13"), (108, "OMITTED"), (540, "13")], ("OMITTED", "13")),
        ([(72, "5"), (108, "EXT. PIER - DAY"), (530, "5"), (560, "*")], ("EXT. PIER - DAY", "5")),
        ([(108, "Interior decorators arrive with paint.")], None),
        ([(108, "Into the night they go.")], None),
        ([(108, "OMITTED")], None),
        ([(108, "INTERCUT WITH:")], None),
    ],
)
def test_scene_headings_and_their_numbers(parts, expected):
    heading = _heading(line(*parts))
    assert (heading and (heading.text, heading.number)) == expected or heading is expected


# -- Bad input --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_pdf():
    return rendition(NUMBERED)[0]


def test_random_bytes_and_empty_files_are_not_pdfs():
    for data in (random.Random(1).randbytes(5000), b"", b"%PDF-1.7\n garbage"):
        with pytest.raises(ScriptError, match="This file is not a readable PDF."):
            read_pdf(data)


def test_a_truncated_pdf_is_not_readable(small_pdf):
    with pytest.raises(ScriptError, match="This file is not a readable PDF."):
        read_pdf(small_pdf[: len(small_pdf) // 2])


def test_a_password_protected_pdf_asks_for_an_unlocked_copy(small_pdf):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf)))
    writer.encrypt("secret")  # RC4: pypdf needs no extra package for it
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ScriptError, match="password-protected.*unlocked copy"):
        read_pdf(out.getvalue())


def test_an_owner_password_alone_does_not_stop_reading(small_pdf):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf)))
    writer.encrypt("", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    assert [s.number for s in read_pdf(out.getvalue()).scenes] == ["12", "12A", "13", "14"]


def test_a_scan_without_text_says_so(tmp_path):
    template = tmp_path / "scan.typ"
    template.write_text(
        '#set page(paper: "us-letter")\n'
        "#for i in range(3) { if i > 0 { pagebreak() }; "
        "rect(width: 100%, height: 90%, fill: luma(230)) }\n"
    )
    with pytest.raises(ScriptError, match=r"^This PDF has no text layer \(it looks scanned\)"):
        read_pdf(render_pdf(template, {}))


def test_a_pdf_that_is_not_a_screenplay(tmp_path):
    template = tmp_path / "letter.typ"
    template.write_text("#lorem(600)\n")
    with pytest.raises(ScriptError, match="No scene headings"):
        read_pdf(render_pdf(template, {}))


def test_too_many_pages(small_pdf):
    with pytest.raises(ScriptError, match="up to 1 pages"):
        read_pdf(small_pdf, max_pages=1)
