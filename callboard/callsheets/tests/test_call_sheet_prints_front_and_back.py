"""Issue 15, item 5: two sides of one sheet. A normal day prints on two pages, the front (times,
scenes, cast, background, notes, advance schedule) and the back (crew by department); a bigger
day continues onto a second front page in the same type, never squeezed; no column breaks a
word; D/N prints the resolved letter with the script's word beside it."""

import copy

import pypdfium2 as pdfium

from callboard.callsheets.printing import call_sheet_pdf

from .test_call_sheet_printing import FIRST_NAMES, LAST_NAMES, pdf_pages, sample_data, scene

WORDS = ("", "CONTINUOUS", "", "LATER", "DUSK", "MOMENTS LATER")


def day(*, scenes=12, cast=12, advance=4, crew=120):
    """A full normal day: 12 scenes, two sets, background, department and general notes, two
    advance days, and a crew of 120 in 12 departments."""
    data = sample_data()
    data["locations"] = data["locations"][:1]
    sets = ("DINER - KITCHEN", "DINER - COUNTER", "ALLEY BEHIND THE DINER", "MAGGIE'S APARTMENT")
    data["scenes"] = []
    for n in range(scenes):
        s = scene(
            str(n + 10),
            "EXT" if n % 3 == 0 else "INT",
            sets[n % 4],
            f"Maggie and Sam argue about rent {n}",
            "N" if n % 2 else "D",
            f"{n % 3} {n % 8}/8",
            [str(c) for c in range(1, 2 + n % 5)],
            "Rosie's Diner",
        )
        s["dn_word"] = WORDS[n % len(WORDS)]
        data["scenes"].append(s)
    data["cast"] = [
        {
            "id": str(n),
            "actor": f"{FIRST_NAMES[n % 20]} {LAST_NAMES[n % 15]}",
            "character": f"CHARACTER {n}",
            "status": "SW",
            "pickup": "6:00 AM",
            "makeup": "6:15 AM",
            "on_set": "7:30 AM",
            "remarks": "Fitting after wrap" if n % 4 == 0 else "",
        }
        for n in range(1, cast + 1)
    ]
    data["advance"] = [
        {
            "label": f"Day {d} — Fri Dec {d + 7}",
            "pages": "5 1/8",
            "scenes": [
                scene(
                    f"{d}{n}A",
                    "INT",
                    "BUS STATION",
                    "The last bus pulls out",
                    "N",
                    "1 2/8",
                    ["1", "2"],
                    "Union Station",
                )
                for n in range(advance)
            ],
        }
        for d in (4, 5)
    ]
    data["crew"] = [
        {
            "department": f"Department {d + 1}",
            "people": [
                {
                    "position": "Assistant Technician",
                    "name": f"{FIRST_NAMES[p % 20]} Crew{d}x{p}",
                    "call": "7:00 AM",
                    "phone": "",
                }
                for p in range(crew // 12)
            ],
        }
        for d in range(12)
    ]
    return data


def _char_height(pdf: bytes, needle: str) -> float:
    """The height of the first letter of ``needle`` where it first appears (points)."""
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            text = page.get_textpage()
            found = text.search(needle).get_next()
            if found:
                left, bottom, right, top = text.get_charbox(found[0])
                return round(top - bottom, 2)
        raise AssertionError(f"{needle!r} not in the PDF")
    finally:
        document.close()


def _raw_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_a_normal_day_prints_on_two_pages_front_and_back():
    data = day()
    pages = pdf_pages(call_sheet_pdf(data))
    assert len(pages) == 2
    front, back = pages
    for text in ("SCENES", "CAST", "BACKGROUND", "DEPARTMENT NOTES", "NOTES", "ADVANCE SCHEDULE"):
        assert text in front, text
    assert all(
        f"{s['set']} Maggie and Sam argue about rent {i}" in front
        for i, s in enumerate(data["scenes"])
    )
    assert "CHARACTER 12" in front and "53A" in front  # the last cast member and advance scene
    assert back.split(" · ")[0] == "The Long Night" and "CREW" in back
    names = [p["name"] for d in data["crew"] for p in d["people"]]
    assert all(name in back for name in names) and not any(name in front for name in names)


def test_twelve_scenes_twenty_cast_and_two_advance_days_fit_the_front():
    data = day(cast=20, advance=3)
    data["background"] = []
    data["locations"][0]["notes"] = ""
    pages = pdf_pages(call_sheet_pdf(data))
    assert len(pages) == 2
    assert "CHARACTER 20" in pages[0] and "52A" in pages[0] and "DEPARTMENT 1 " in pages[1]


def test_a_big_day_continues_on_a_second_front_page_in_the_same_type():
    normal = call_sheet_pdf(day())
    data = day(scenes=40, cast=40, advance=6, crew=300)
    big = call_sheet_pdf(data)
    pages = pdf_pages(big)
    assert len(pages) > 2
    crew_starts = next(i for i, page in enumerate(pages) if "DEPARTMENT 1 " in page)
    assert crew_starts >= 2  # the front took two pages or more, the back starts on its own
    assert "CAST continued" in " ".join(pages[1:crew_starts]) or "CHARACTER 40" in pages[1]
    assert not any("CHARACTER" in page for page in pages[crew_starts:])
    # Never shrunk to fit: the rows are set in the type of a normal day.
    assert _char_height(big, "CHARACTER 1 ") == _char_height(normal, "CHARACTER 1 ")
    assert _char_height(big, "Maggie and Sam argue about rent 3") == _char_height(
        normal, "Maggie and Sam argue about rent 3"
    )


def test_no_column_breaks_a_word_and_d_n_keeps_the_scripts_word_beside_the_letter():
    data = day()
    data["scenes"][0]["int_ext"] = "INT/EXT"
    raw = _raw_text(call_sheet_pdf(data))
    for word in ("CONTINUOUS", "MOMENTS", "LATER", "DUSK", "INT/EXT"):
        assert word in raw, word
    text = " ".join(raw.split())
    assert "D CONTINUOUS" in text or "N CONTINUOUS" in text
    assert "N DUSK" in text or "D DUSK" in text


def test_a_long_scene_number_widens_its_column_instead_of_breaking():
    data = day()
    data["scenes"][0]["scene"] = "A123BCD"
    raw = _raw_text(call_sheet_pdf(copy.deepcopy(data)))
    assert "A123BCD" in raw


def test_a_call_that_is_not_a_clock_time_prints_as_typed_inside_its_column():
    data = day()
    data["crew"][0]["people"][0]["call"] = "PER DEPT HEAD"
    data["crew"][0]["people"][1]["call"] = "O/C OFFICE"
    raw = _raw_text(call_sheet_pdf(data))
    text = " ".join(raw.split())
    assert "PER DEPT HEAD" in text and "O/C OFFICE" in text
    document = pdfium.PdfDocument(call_sheet_pdf(data))
    try:
        back = document[1]
        textpage = back.get_textpage()
        found = textpage.search("HEAD").get_next()
        left, bottom, right, top = textpage.get_charbox(found[0] + 3)
        first_column_ends = 0.4 * 72 + (back.get_size()[0] - 0.8 * 72 - 18) / 3
        assert right <= first_column_ends  # wrapped inside its column, not run into the next
    finally:
        document.close()
