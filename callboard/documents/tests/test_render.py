"""The typst templates for the crew list and contact sheet, rendered without a database."""

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from callboard.documents.render import RenderError, pdf_page_count, render_pdf

TYPST_DIR = Path(__file__).resolve().parents[2] / "people" / "typst"
CREW_LIST = TYPST_DIR / "crew_list.typ"
CONTACT_SHEET = TYPST_DIR / "contact_sheet.typ"

DEPARTMENTS = ["Production", "Camera", "Grip", "Electric", "Sound", "Art", "Costume", "Locations"]
HOSTILE = ["#set", "*bold*", "$x$", "[x]", "@ref", "<label>", "=cmd|", "_under_", "`raw`", "\\"]


def make_data(people: int = 12, departments: int = 4, cast: int = 3, **overrides) -> dict:
    """Crew list / contact sheet data shaped like callboard.people.printing builds it."""
    names = DEPARTMENTS[:departments] + [
        f"Department {i}" for i in range(len(DEPARTMENTS), departments)
    ]
    depts = [{"name": name, "people": []} for name in names]
    for i in range(people):
        dept = depts[i % len(depts)]
        n = len(dept["people"])
        dept["people"].append(
            {
                "position": "Head of " + dept["name"] if n == 0 else f"Assistant {n}",
                "name": f"Person {i:03d} Lastname",
                "pronouns": ("she/her", "he/him", "they/them", "")[i % 4],
                "phone": f"(323) 555-{i:04d}",
                "email": f"person{i:03d}@example.com",
                "union": "IATSE 600",
                "start": "Jan 5",
                "is_head": n == 0,
            }
        )
    data = {
        "production": {
            "title": "The Long Night",
            "episode_line": "Season 1, Ep. 101",
            "company": "Nightjar Pictures LLC",
            "office_address": "1234 Sunset Blvd, Suite 200\nLos Angeles, CA 90028",
            "office_phone": "(323) 555-0100",
            "office_email": "office@longnight.example",
        },
        "generated": "Wed Nov 25, 2026 · 9:40 PM PST",
        "subtitle": "",
        "columns": [],
        "cast_first": False,
        "departments": depts,
        "cast": [
            {
                "number": str(i + 1),
                "character": f"CHARACTER {i + 1}",
                "name": f"Actor {i:02d} Surname",
                "phone": f"(310) 555-{i:04d}",
                "email": f"actor{i:02d}@example.com",
            }
            for i in range(cast)
        ],
        "key_staff": [
            {
                "department": d["name"],
                "position": p["position"],
                "name": p["name"],
                "phone": p["phone"],
                "email": p["email"],
            }
            for d in depts
            for p in d["people"]
            if p["is_head"]
        ],
        "vendors": [
            {
                "name": "Panavision Hollywood",
                "categories": "Camera rental",
                "contact": "Jim Holt",
                "phone": "(818) 555-0101",
                "email": "jim@panavision.example",
            },
            {
                "name": "Star Waggons",
                "categories": "Trailers, Honeywagons",
                "contact": "",
                "phone": "(818) 555-0102",
                "email": "",
            },
        ],
    }
    data.update(overrides)
    return data


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_crew_list_renders_departments_people_and_page_numbers():
    pdf = render_pdf(CREW_LIST, make_data())
    assert pdf.startswith(b"%PDF-")
    pages = page_texts(pdf)
    text = flat(" ".join(pages))
    for name in DEPARTMENTS[:4]:
        assert name.upper() in text
    assert "Person 000 Lastname" in text
    assert "person000@example.com" in text
    assert "(323) 555-0000" in text
    assert "Page 1 of 1" in text
    assert "CREW LIST" in text
    assert "The Long Night" in text
    assert "Nightjar Pictures LLC" in text
    assert "Wed Nov 25, 2026" in text
    assert "Confidential" in text
    assert "CHARACTER 1" in text and "Actor 00 Surname" in text


def test_hostile_markup_prints_literally():
    people = [
        {"position": token, "name": token, "phone": token, "email": token, "pronouns": token}
        for token in HOSTILE
    ]
    data = make_data(
        departments=1,
        people=0,
        cast=0,
        subtitle="$x$ and *y* and #z",
        production={"title": "#set page(width: 1pt)", "company": "<b>Co</b> =cmd|"},
    )
    data["departments"] = [{"name": "[Dept] @x", "people": people}]
    data["cast"] = [
        {"number": "#1", "character": "*STAR*", "name": "$a$", "phone": "", "email": ""}
    ]
    text = flat(" ".join(page_texts(render_pdf(CREW_LIST, data))))
    for token in HOSTILE:
        assert token in text, token
    for literal in ("#set page(width: 1pt)", "<b>Co</b> =cmd|", "$x$ and *y* and #z", "[DEPT] @X"):
        assert literal in text, literal
    assert "#1" in text and "*STAR*" in text and "$a$" in text


def test_five_hundred_people_run_to_several_pages_with_running_header():
    data = make_data(people=500, departments=18, cast=20)
    pdf = render_pdf(CREW_LIST, data)
    count = pdf_page_count(pdf)
    assert count >= 8
    pages = page_texts(pdf)
    assert len(pages) == count
    assert f"Page 1 of {count}" in flat(pages[0])
    assert f"Page {count} of {count}" in flat(pages[-1])
    # Later pages carry the running title, the column headings and a "continued" band.
    assert "The Long Night" in pages[1] and "Crew List" in pages[1]
    assert "POSITION" in pages[1]
    assert any("continued" in page for page in pages[1:])
    text = flat(" ".join(pages))
    assert "Person 499 Lastname" in text


def test_optional_columns_and_cast_first():
    data = make_data(columns=["union", "start"], cast_first=True, subtitle="Camera department")
    text = flat(" ".join(page_texts(render_pdf(CREW_LIST, data))))
    assert "UNION" in text and "START" in text
    assert "IATSE 600" in text and "Jan 5" in text
    assert "Camera department" in text
    assert text.index("CHARACTER 1") < text.index("Person 000 Lastname")


def test_crew_list_copes_with_missing_keys():
    assert "No one is on this list." in flat(" ".join(page_texts(render_pdf(CREW_LIST, {}))))
    cast_only = make_data(people=0, departments=0, cast=2, production={"title": "Solo"})
    text = flat(" ".join(page_texts(render_pdf(CREW_LIST, cast_only))))
    assert "CAST LIST" in text and "Actor 01 Surname" in text


def test_long_email_stays_inside_the_page():
    address = "a.very.long.address.for.a.department.coordinator@production-company-name.example.com"
    data = make_data(people=1, departments=1, cast=0)
    data["departments"][0]["people"][0]["email"] = address
    pdf = render_pdf(CREW_LIST, data)
    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    width = page.get_width()
    textpage = page.get_textpage()
    for i in range(textpage.count_chars()):
        left, _, right, _ = textpage.get_charbox(i)
        assert right <= width - 0.4 * 72 + 1, "text runs into the right margin"
    assert address in flat(textpage.get_text_bounded()).replace(" ", "")


def test_contact_sheet_renders():
    pdf = render_pdf(CONTACT_SHEET, make_data(people=30, departments=8))
    assert pdf_page_count(pdf) == 1
    text = flat(" ".join(page_texts(pdf)))
    assert "CONTACT SHEET" in text
    assert "KEY STAFF" in text and "VENDORS" in text
    assert "Head of Camera" in text and "Person 001 Lastname" in text
    assert "Panavision Hollywood" in text and "Jim Holt" in text and "Camera rental" in text
    assert "office@longnight.example" in text
    assert "Page 1 of 1" in text


def test_long_contact_sheet_repeats_section_band_and_headings():
    data = make_data(people=30, departments=8)
    data["vendors"] = [
        {
            "name": f"Vendor {i:02d}",
            "categories": "Grip & electric",
            "contact": "Someone",
            "phone": f"(818) 555-{i:04d}",
            "email": f"vendor{i:02d}@example.com",
        }
        for i in range(80)
    ]
    pages = page_texts(render_pdf(CONTACT_SHEET, data))
    assert len(pages) == 2
    assert "continued" in pages[1] and "VENDOR" in pages[1]
    assert "Vendor 79" in pages[1]


def test_contact_sheet_copes_with_missing_keys():
    text = flat(" ".join(page_texts(render_pdf(CONTACT_SHEET, {}))))
    assert "CONTACT SHEET" in text


def test_broken_template_raises_render_error(tmp_path):
    template = tmp_path / "broken.typ"
    template.write_text("#let data = json(bytes(sys.inputs.data))\n#data.nope.missing\n")
    with pytest.raises(RenderError, match="nope"):
        render_pdf(template, {"a": 1})
    template.write_text("#let x = (\n")
    with pytest.raises(RenderError):
        render_pdf(template, {})


def test_missing_template_raises_render_error(tmp_path):
    with pytest.raises(RenderError):
        render_pdf(tmp_path / "nope.typ", {})


def test_template_changes_are_picked_up(tmp_path):
    template = tmp_path / "t.typ"
    template.write_text("#let data = json(bytes(sys.inputs.data))\nFirst #data.word\n")
    assert "First hello" in page_texts(render_pdf(template, {"word": "hello"}))[0]
    template.write_text("#let data = json(bytes(sys.inputs.data))\nSecond #data.word\n")
    assert "Second hello" in page_texts(render_pdf(template, {"word": "hello"}))[0]
