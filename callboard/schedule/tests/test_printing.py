"""The printed schedule documents: shooting schedule, one-liner, DOOD and breakdown sheets.

No database: the documents are rendered from plain dicts (the shapes documented in
callboard.schedule.printing) and read back the way a user would see them — the text of the PDF
pages, the cells of the workbook.
"""

import io
import re
from datetime import date, timedelta

import pypdfium2 as pdfium
from openpyxl import load_workbook

from callboard.documents.render import pdf_page_count
from callboard.schedule import printing

HOSTILE = '#set text(red) *bold* $x$ <label> @ref \\ "quoted" ]'

HEADER = {
    "production": {"title": "It's A Wonderful Life", "company": "Liberty Films"},
    "scenario": "First Pass",
    "calendar": "Main Unit",
    "script": "Pink revision, 2022-05-01",
    "printed": "26 Nov 2026 10:04",
}


def strip(scene, int_ext, set_name, dn, pages, cast, synopsis, **extra):
    colour = {
        ("INT", "DAY"): "white",
        ("EXT", "DAY"): "yellow",
        ("INT", "NIGHT"): "blue",
        ("EXT", "NIGHT"): "green",
    }[(int_ext, dn)]
    names = {"1": "1. GEORGE", "2": "2. MARY", "3": "3. POTTER", "4": "4. UNCLE BILLY"}
    names |= {"5": "5. CLARENCE", "12": "12. ZUZU"}
    return {
        "kind": "scene",
        "scene": scene,
        "int_ext": int_ext,
        "set": set_name,
        "dn": dn,
        "pages": pages,
        "cast": cast,
        "cast_names": [names[c] for c in cast],
        "synopsis": synopsis,
        "script_day": extra.get("script_day", "D1"),
        "script_page": extra.get("script_page", "1"),
        "location": extra.get("location", "Stage 5"),
        "duration": extra.get("duration", "1:00"),
        "colour": colour,
        "omitted": extra.get("omitted", False),
        "elements": extra.get("elements", []),
    }


def schedule_data():
    day1 = [
        {"kind": "banner", "text": "It's A Wonderful Life"},
        strip(
            "12A",
            "INT",
            "BAILEY HOUSE - KITCHEN",
            "DAY",
            "1 2/8",
            ["1", "2", "12"],
            "George phones Sam",
            script_day="D3",
            script_page="45",
            duration="1:30",
            elements=[
                {"category": "Props", "names": ["5 Sleds", "Zuzu's Petals"]},
                {"category": "Background", "names": ["10 Boys"]},
            ],
        ),
        strip(
            "14",
            "INT",
            "BAILEY HOUSE - LIVING ROOM",
            "DAY",
            "2/8",
            ["1", "2"],
            "Mary decorates the tree",
            script_day="D3",
            script_page="47",
            elements=[{"category": "Set Dressing", "names": ["Christmas tree"]}],
        ),
        strip(
            "15",
            "INT",
            "BAILEY HOUSE - STAIRS",
            "DAY",
            "2 7/8",
            ["1", "12"],
            "George finds the petals in his pocket",
            script_day="D3",
            script_page="48",
        ),
    ]
    day2 = [
        strip(
            "31",
            "EXT",
            "BEDFORD FALLS - MAIN STREET",
            "DAY",
            "3/8",
            ["1", "4"],
            "Billy loses the deposit",
            script_day="D5",
            script_page="61",
            location="Backlot, Encino Ranch",
            duration="2:00",
            elements=[
                {"category": "Vehicles", "names": ["1946 Ford Taxi"]},
                {"category": "Animals", "names": ["Raven"]},
            ],
        ),
        strip(
            "32",
            "EXT",
            "BEDFORD FALLS - BANK STEPS",
            "DAY",
            "1 4/8",
            ["1", "3", "4"],
            "Potter pockets the envelope",
            script_day="D5",
            script_page="62",
            location="Backlot, Encino Ranch",
        ),
        {"kind": "event", "text": "Company move to Stage 5"},
        strip(
            "33",
            "INT",
            "POTTER'S OFFICE",
            "DAY",
            "2/8",
            ["1", "3"],
            "George begs Potter for a loan",
            script_day="D5",
            script_page="63",
        ),
    ]
    day3 = [
        strip(
            "50",
            "EXT",
            "BRIDGE",
            "NIGHT",
            "3 1/8",
            ["1", "5"],
            "Clarence jumps first",
            script_day="N6",
            script_page="80",
            location="Backlot - Bridge",
            duration="4:00",
            elements=[
                {"category": "Stunts", "names": ["Stunt double George", "Stunt double Clarence"]},
                {"category": "Special Effects", "names": ["Snow", "Wind"]},
            ],
        ),
        strip(
            "51",
            "INT",
            "TOLLHOUSE",
            "NIGHT",
            "2 4/8",
            ["1", "5"],
            "Clarence explains he is an angel",
            script_day="N6",
            script_page="83",
        ),
        strip(
            "52",
            "INT",
            "MARTINI'S BAR",
            "NIGHT",
            "1/8",
            ["1"],
            "OMITTED",
            script_day="N6",
            script_page="86",
            omitted=True,
        ),
    ]
    unscheduled = [
        strip(
            "99",
            "EXT",
            "HOSTILE SET " + HOSTILE,
            "NIGHT",
            "4/8",
            ["2"],
            "Synopsis " + HOSTILE,
            script_day="N7",
            script_page="99",
            elements=[{"category": "Props", "names": ["Prop " + HOSTILE]}],
        ),
    ]
    return {
        **HEADER,
        "days": [
            {
                "number": 1,
                "date": "Mon 03 Aug 2022",
                "pages": "4 3/8",
                "strips": day1,
                "events": ["Rehearsal 07:00"],
            },
            {
                "number": 2,
                "date": "Tue 04 Aug 2022",
                "pages": "2 1/8",
                "strips": day2,
                "events": [],
            },
            {
                "number": 3,
                "date": "Thu 06 Aug 2022",
                "pages": "5 5/8",
                "strips": day3,
                "events": ["Night shoot"],
            },
        ],
        "off_days": [],
        "unscheduled": unscheduled,
        "total_pages": "12 1/8",
        "total_days": 3,
    }


def dood_data(rows=8, days=30, start=date(2022, 8, 3)):
    """A Cast DOOD over ``days`` calendar days; weekends off, the 5th of September a holiday."""
    columns, shoot = [], 0
    for i in range(days):
        d = start + timedelta(days=i)
        holiday = (d.month, d.day) == (9, 5)
        off = d.weekday() >= 5 or holiday
        shoot += 0 if off else 1
        columns.append(
            {
                "date": d.isoformat(),
                "month": d.strftime("%b"),
                "dom": str(d.day),
                "weekday": d.strftime("%a")[:2],
                "day": "" if off else str(shoot),
                "off": off,
                "holiday": holiday,
            }
        )
    names = ["GEORGE", "MARY", "POTTER", "UNCLE BILLY", "CLARENCE", "ZUZU", "VIOLET", "ERNIE"]
    out = []
    for r in range(rows):
        codes = [""] * days
        work = [i for i, c in enumerate(columns) if not c["off"] and (i + r) % (r + 2) == 0]
        work = work or [i for i, c in enumerate(columns) if not c["off"]][:1]
        for i in range(work[0], work[-1] + 1):
            codes[i] = "HOL" if columns[i]["holiday"] else ("" if columns[i]["off"] else "H")
        for i in work:
            codes[i] = "W"
        codes[work[0]] = "SW" if len(work) > 1 else "SWF"
        if len(work) > 1:
            codes[work[-1]] = "WF"
        if work[0] > 0:
            codes[work[0] - 1] = "TR"
        travel = int(work[0] > 0)
        hold = codes.count("H")
        out.append(
            {
                "id": str(r + 1),
                "name": names[r % len(names)] + ("" if r < len(names) else f" {r + 1}"),
                "codes": codes,
                "travel": str(travel),
                "work": str(len(work)),
                "hold": str(hold),
                "holiday": str(codes.count("HOL")),
                "rehearsal": "0",
                "fitting": "0",
                "paid": str(len(work) + hold + travel),
                "start": date.fromisoformat(columns[work[0] - travel]["date"]).strftime("%m/%d/%y"),
                "finish": date.fromisoformat(columns[work[-1]]["date"]).strftime("%m/%d/%y"),
            }
        )
    return {**HEADER, "category": "Cast", "columns": columns, "rows": out}


def breakdown_data():
    sheets = []
    for n, s in enumerate(
        [x for day in schedule_data()["days"] for x in day["strips"] if x["kind"] == "scene"],
        start=1,
    ):
        sheets.append(
            {
                "sheet": str(n),
                **{k: s[k] for k in ("scene", "int_ext", "set", "dn", "pages", "script_page")},
                **{k: s[k] for k in ("script_day", "location", "duration", "synopsis", "colour")},
                "comments": "Check snow continuity with scene 50" if n == 1 else "",
                "categories": [
                    {"ucid": 100, "name": "Cast Members", "items": s["cast_names"]},
                    *[
                        {"ucid": 101 + i, "name": e["category"], "items": e["names"]}
                        for i, e in enumerate(s["elements"])
                    ],
                ],
            }
        )
    sheets[1]["set"] = HOSTILE
    sheets[1]["synopsis"] = "*bold* " + HOSTILE
    sheets[1]["categories"].append({"ucid": 120, "name": "Notes #set", "items": ["*bold*"]})
    return {**HEADER, "sheets": sheets}


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (pdfium reports line breaks as "\r\n")."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def sheet_rows(xlsx: bytes):
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


def find_row(rows, value):
    return next(r for r in rows if value in r)


def row_number(rows, value) -> int:
    return rows.index(find_row(rows, value)) + 1


# ---------------------------------------------------------------- one-liner


def test_one_liner_prints_end_of_day_banner_with_date_and_pages():
    text = pdf_text(printing.one_liner_pdf(schedule_data()))
    assert "End of Day 1 — Mon 03 Aug 2022 — 4 3/8 pages" in text
    assert "End of Day 2 — Tue 04 Aug 2022 — 2 1/8 pages" in text
    assert "End of Day 3 — Thu 06 Aug 2022 — 5 5/8 pages" in text
    assert text.index("End of Day 1") < text.index("End of Day 2") < text.index("End of Day 3")


def test_one_liner_prints_one_line_per_scene_with_set_pages_cast_and_synopsis():
    text = pdf_text(printing.one_liner_pdf(schedule_data()))
    assert "12A INT BAILEY HOUSE - KITCHEN DAY 1 2/8 1, 2, 12 George phones Sam" in text
    assert "50 EXT BRIDGE NIGHT 3 1/8 1, 5 Clarence jumps first" in text
    # Scenes print in schedule order, each before the end of its day.
    assert text.index("George phones Sam") < text.index("End of Day 1")
    assert text.index("End of Day 1") < text.index("Billy loses the deposit")


def test_one_liner_prints_banners_events_unscheduled_and_totals():
    text = pdf_text(printing.one_liner_pdf(schedule_data()))
    assert text.count("It's A Wonderful Life") >= 2  # the title and the banner strip
    assert "Company move to Stage 5" in text and "Rehearsal 07:00" in text
    assert text.index("End of Day 3") < text.index("UNSCHEDULED") < text.index("HOSTILE SET")
    assert "Total: 3 shoot days · 12 1/8 pages" in text


def test_one_liner_header_and_footer_name_the_scenario_script_and_page_count():
    data = schedule_data()
    data["days"] *= 8  # enough to run onto more pages
    pages = pdf_pages(printing.one_liner_pdf(data))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Printed 26 Nov 2026 10:04" in page
        assert "First Pass" in page and "Pink revision, 2022-05-01" in page
        assert "It's A Wonderful Life" in page
    assert "SCENE I/E SET D/N PAGES CAST SYNOPSIS" in pages[1]  # column headings repeat


def test_one_liner_prints_hostile_text_literally():
    text = pdf_text(printing.one_liner_pdf(schedule_data()))
    assert "HOSTILE SET " + HOSTILE in text
    assert "Synopsis " + HOSTILE in text


def test_one_liner_survives_missing_and_odd_values():
    pdf = printing.one_liner_pdf(
        {
            "production": None,
            "days": [{"number": 1, "strips": [{"kind": "scene"}, None, {"kind": "banner"}, 7]}],
            "unscheduled": "nope",
            "total_days": {"not": "text"},
        }
    )
    text = pdf_text(pdf)
    assert "End of Day 1" in text and "Untitled production" in text


def test_one_liner_of_an_empty_schedule_says_so():
    text = pdf_text(printing.one_liner_pdf({**HEADER, "days": [], "unscheduled": []}))
    assert "Nothing is scheduled yet." in text


def test_one_liner_xlsx_has_a_row_per_strip_and_a_black_end_of_day_row():
    sheet, rows = sheet_rows(printing.one_liner_xlsx(schedule_data()))
    assert rows[0][0] == "It's A Wonderful Life — One-Liner"
    header = find_row(rows, "Scene")
    header_row = rows.index(header) + 1
    assert header == ["Day", "Date", "Scene", "I/E", "Set", "D/N", "Pages", "Cast", "Synopsis"]
    assert all(sheet.cell(header_row, c).font.bold for c in range(1, 10))
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert find_row(rows, "12A") == [
        1,
        "Mon 03 Aug 2022",
        "12A",
        "INT",
        "BAILEY HOUSE - KITCHEN",
        "DAY",
        "1 2/8",
        "1, 2, 12",
        "George phones Sam",
    ]
    end = sheet.cell(row_number(rows, "End of Day 1 — Mon 03 Aug 2022 — 4 3/8 pages"), 1)
    assert end.font.bold and end.fill.fgColor.rgb == "FF000000" and end.font.color.rgb == "FFFFFFFF"
    # Strips are filled with their strip colour: day EXT yellow, night EXT green.
    assert sheet.cell(row_number(rows, "31"), 5).fill.fgColor.rgb == "FFFFF4B8"
    assert sheet.cell(row_number(rows, "50"), 5).fill.fgColor.rgb == "FFD5F0D3"
    assert sheet.cell(row_number(rows, "It's A Wonderful Life"), 3).font.bold  # the banner
    assert find_row(rows, "Total: 3 shoot days · 12 1/8 pages")
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["D"].width


def test_one_liner_xlsx_keeps_hostile_text_as_text():
    data = schedule_data()
    data["days"][0]["strips"][1]["synopsis"] = '=HYPERLINK("http://evil")\x07'
    sheet, rows = sheet_rows(printing.one_liner_xlsx(data))
    assert "HOSTILE SET " + HOSTILE in find_row(rows, "99")
    cell = sheet.cell(row_number(rows, "12A"), 9)
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://evil")'


# ---------------------------------------------------------------- shooting schedule


def test_shooting_schedule_prints_day_headings_and_end_of_day_totals():
    text = pdf_text(printing.shooting_schedule_pdf(schedule_data()))
    assert "Shoot Day 1 — Mon 03 Aug 2022" in text
    assert "End of Day 1 — Mon 03 Aug 2022 — 4 3/8 pages" in text
    assert text.index("Shoot Day 2") < text.index("Billy loses the deposit")
    assert text.index("Billy loses the deposit") < text.index("End of Day 2")
    assert "Total: 3 shoot days · 12 1/8 pages" in text


def test_shooting_schedule_lists_each_scene_with_cast_names_and_elements_by_category():
    text = pdf_text(printing.shooting_schedule_pdf(schedule_data()))
    top_line = "12A INT BAILEY HOUSE - KITCHEN DAY 1 2/8 D3 Stage 5 1:30 George phones Sam"
    assert top_line in text
    assert "31 EXT BEDFORD FALLS - MAIN STREET DAY 3/8 D5 Backlot, Encino Ranch 2:00" in text
    kitchen = text[text.index(top_line) : text.index("End of Day 1")]
    for expected in (
        "Script page 45",
        "CAST 1. GEORGE 2. MARY 12. ZUZU",
        "PROPS 5 Sleds",
        "Zuzu's Petals",
        "BACKGROUND 10 Boys",
    ):
        assert expected in kitchen, expected
    assert "VEHICLES 1946 Ford Taxi" in text and "Stunt double Clarence" in text


def test_shooting_schedule_prints_hostile_text_literally():
    text = pdf_text(printing.shooting_schedule_pdf(schedule_data()))
    assert "Prop " + HOSTILE in text and "Synopsis " + HOSTILE in text


def test_shooting_schedule_xlsx_has_element_columns_and_end_of_day_rows():
    sheet, rows = sheet_rows(printing.shooting_schedule_xlsx(schedule_data()))
    header = find_row(rows, "Scene")
    assert header[:13] == [
        "Day",
        "Date",
        "Scene",
        "I/E",
        "Set",
        "D/N",
        "Pages",
        "Script Day",
        "Script Page",
        "Location",
        "Est. Time",
        "Synopsis",
        "Cast",
    ]
    # One column per element category, in order of first appearance.
    assert header[13:] == [
        "Props",
        "Background",
        "Set Dressing",
        "Vehicles",
        "Animals",
        "Stunts",
        "Special Effects",
    ]
    kitchen = dict(zip(header, find_row(rows, "12A"), strict=True))
    assert kitchen["Cast"] == "1. GEORGE, 2. MARY, 12. ZUZU"
    assert kitchen["Props"] == "5 Sleds, Zuzu's Petals" and kitchen["Background"] == "10 Boys"
    assert kitchen["Vehicles"] is None
    assert kitchen["Est. Time"] == "1:30" and kitchen["Date"] == "Mon 03 Aug 2022"
    assert find_row(rows, "End of Day 3 — Thu 06 Aug 2022 — 5 5/8 pages")
    assert find_row(rows, "Unscheduled — 1 strip")
    assert sheet.freeze_panes == f"A{rows.index(header) + 2}"


# ---------------------------------------------------------------- DOOD


def test_dood_prints_codes_totals_and_dates():
    data = dood_data()
    text = pdf_text(printing.dood_pdf(data))
    assert "DAY OUT OF DAYS — CAST" in text
    assert "Aug 3 – Aug 17, 2022" in text and "Aug 18 – Sep 1, 2022" in text
    assert "1 GEORGE SW H W" in text and "8 ERNIE" in text
    for code in ("SW", "WF", "H", "TR", "HOL"):
        assert f" {code} " in text, code
    # Two headings break over two lines ("Holi-/day"); the PDF's text gives that break as U+FFFE.
    assert "Travel Work Hold Holi-day Rehear-sal Fitting Paid Start Finish" in text.replace(
        "\ufffe", "-"
    )
    george = data["rows"][0]
    keys = ("travel", "work", "hold", "holiday", "rehearsal", "fitting", "paid", "start", "finish")
    totals = [george[k] for k in keys]
    assert " ".join(totals) in text


def test_dood_splits_many_days_into_page_groups_that_repeat_names_and_date_ranges():
    data = dood_data(rows=60, days=90)
    pages = pdf_pages(printing.dood_pdf(data))
    assert len(pages) == 8  # 4 groups of days (about 28 a page or less) × 2 pages of rows
    firsts = [p for p in pages if re.search(r"(?<!\d)1 GEORGE (?!\d)", p)]
    assert len(firsts) == 4
    for part, page in enumerate(firsts, start=1):
        assert f"Part {part} of 4" in page
    # The last group leaves room for the seven totals columns, so it holds fewer days.
    assert "Aug 3 – Aug 27, 2022" in firsts[0] and "Oct 17 – Oct 31, 2022" in firsts[-1]
    assert "60 UNCLE BILLY 60" in pages[1] and "(continued)" in pages[1]
    # The totals follow the last group of days only.
    assert ["Finish" in p for p in pages] == [False] * 6 + [True] * 2
    last = data["rows"][-1]
    assert f"{last['paid']} {last['start']} {last['finish']}" in pages[-1]


def test_dood_shades_holidays_and_prints_hol_on_every_row():
    data = dood_data(rows=3, days=40)
    holiday = next(i for i, c in enumerate(data["columns"]) if c["holiday"])
    for row in data["rows"]:
        row["codes"][holiday] = ""
    text = pdf_text(printing.dood_pdf(data))
    assert "5 Mo HOL" in text  # the column heading
    assert text.count("HOL") >= 1 + 3 + 1  # heading, one per row, the legend


def test_dood_prints_hostile_names_literally():
    data = dood_data(rows=2, days=10)
    data["rows"][1]["name"] = HOSTILE
    assert HOSTILE in pdf_text(printing.dood_pdf(data))


def test_dood_xlsx_has_one_centred_code_cell_per_day_and_totals():
    data = dood_data()
    sheet, rows = sheet_rows(printing.dood_xlsx(data))
    header = find_row(rows, "Name")
    assert header[:2] == ["ID", "Name"] and header[2:5] == ["1", "2", "3"]
    assert header[-9:] == [
        "Travel",
        "Work",
        "Hold",
        "Holiday",
        "Rehearsal",
        "Fitting",
        "Paid",
        "Start",
        "Finish",
    ]
    assert find_row(rows, "Aug 3")[2:4] == ["Aug 3", "Aug 4"]
    george, expected = find_row(rows, "GEORGE"), data["rows"][0]
    assert george[:2] == [1, "GEORGE"]
    assert george[2:32] == [c or None for c in expected["codes"]]
    keys = ("travel", "work", "hold", "holiday", "rehearsal", "fitting", "paid")
    assert george[32:39] == [int(expected[k]) for k in keys]
    assert george[39:] == [expected["start"], expected["finish"]]
    r = rows.index(george) + 1
    sw = george.index("SW") + 1
    assert sheet.cell(r, sw).alignment.horizontal == "center"
    saturday = next(i for i, c in enumerate(data["columns"]) if c["weekday"] == "Sa") + 3
    assert sheet.cell(r, saturday).fill.fgColor.rgb == "FFD9D9D9"
    assert header[saturday - 1] == "Off"
    assert sheet.freeze_panes == f"C{rows.index(header) + 2}"


# ---------------------------------------------------------------- breakdown sheets


def test_breakdown_sheets_print_one_page_per_scene_with_its_categories():
    data = breakdown_data()
    pdf = printing.breakdown_sheets_pdf(data)
    pages = pdf_pages(pdf)
    assert pdf_page_count(pdf) == len(data["sheets"]) == 9
    first = pages[0]
    assert "SHEET 1 SCENE 12A I/E INT SET BAILEY HOUSE - KITCHEN D/N DAY PAGES 1 2/8" in first
    assert "SCRIPT PAGE 45 SCRIPT DAY D3 EST. TIME 1:30 LOCATION Stage 5" in first
    assert "SYNOPSIS George phones Sam" in first
    assert "CAST MEMBERS 1. GEORGE 2. MARY 12. ZUZU" in first
    assert "PROPS 5 Sleds Zuzu's Petals" in first and "BACKGROUND 10 Boys" in first
    assert "COMMENTS Check snow continuity with scene 50" in first
    assert "VEHICLES" not in first  # only the categories the scene has, in the given order
    assert first.index("CAST MEMBERS") < first.index("PROPS") < first.index("BACKGROUND")
    assert "SET BEDFORD FALLS - MAIN STREET" in pages[3] and "VEHICLES 1946 Ford Taxi" in pages[3]


def test_breakdown_sheets_print_hostile_text_literally():
    page = pdf_pages(printing.breakdown_sheets_pdf(breakdown_data()))[1]
    assert "SET " + HOSTILE in page and "SYNOPSIS *bold* " + HOSTILE in page
    assert "NOTES #SET *bold*" in page


def test_a_breakdown_sheet_too_long_for_a_page_runs_on_with_a_continued_header():
    data = breakdown_data()
    data["sheets"] = data["sheets"][:1]
    data["sheets"][0]["categories"][1]["items"] = [f"Extra {n}" for n in range(90)]
    pages = pdf_pages(printing.breakdown_sheets_pdf(data))
    assert len(pages) == 2
    assert "Sheet 1 · Scene 12A (continued)" in pages[1]
    assert "Extra 89" in pages[1] and "COMMENTS" in pages[1]


# ---------------------------------------------------------------- speed


def big_one_liner() -> dict:
    """60 shoot days, 200 strips."""
    data = schedule_data()
    strips = [s for day in data["days"] for s in day["strips"]]
    data["days"] = [
        {
            "number": n,
            "date": f"Day {n}",
            "pages": "3 4/8",
            "events": [],
            "strips": [strips[(n * 3 + k) % len(strips)] for k in range(3 if n % 3 else 4)],
        }
        for n in range(1, 61)
    ]
    assert sum(len(d["strips"]) for d in data["days"]) == 200
    return data


def test_a_big_dood_and_a_big_one_liner_render_every_row_and_day():
    # Speed is measured by `make bench`, not here.
    dood = pdf_text(printing.dood_pdf(dood_data(rows=60, days=90)))
    assert "Part 1 of" in dood
    one_liner = pdf_text(printing.one_liner_pdf(big_one_liner()))
    assert "End of Day 60" in one_liner
