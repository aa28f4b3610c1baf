"""The printed call sheet and its one-page cover for sides.

No database: the documents are rendered from plain dicts (the shape documented in
callboard.callsheets.printing) and read back the way a crew member would see them — the text of
each PDF page.
"""

import copy
import re

import pypdfium2 as pdfium
import pytest

from callboard.callsheets.printing import call_sheet_cover_pdf, call_sheet_pdf
from callboard.documents.render import pdf_page_count

HOSTILE = '#set text(red) *bold* $x$ <label> @ref \\ "quoted" ]'


def scene(number, int_ext, set_name, description, dn, pages, cast, location="Stage 5"):
    return {
        "scene": number,
        "int_ext": int_ext,
        "set": set_name,
        "description": description,
        "dn": dn,
        "pages": pages,
        "cast": cast,
        "location": location,
    }


SCENES = [
    scene(
        "12A",
        "INT",
        "DINER - KITCHEN",
        "George phones Sam from the back",
        "DAY",
        "1 2/8",
        ["1", "4"],
    ),
    scene(
        "14",
        "INT",
        "DINER - COUNTER",
        "Maggie quits; the regulars cheer",
        "DAY",
        "2/8",
        ["1", "2", "3"],
    ),
    scene(
        "15",
        "EXT",
        "ALLEY BEHIND THE DINER",
        "Sam waits in the rain",
        "DAY",
        "1 6/8",
        ["4"],
        "1200 E 7th St",
    ),
    scene(
        "16",
        "EXT",
        "ALLEY BEHIND THE DINER",
        "The truck pulls away",
        "DUSK",
        "1 2/8",
        ["1", "4", "7"],
        "1200 E 7th St",
    ),
]

CREW = [
    (
        "Production",
        [
            ("Unit Production Manager", "Leo Park", "6:30 AM"),
            ("1st Assistant Director", "Dana Whit", "6:30 AM"),
            ("2nd Assistant Director", "Rae Okafor", "6:00 AM"),
            ("2nd 2nd Assistant Director", "Tom Vance", "6:00 AM"),
            ("Set PA", "Ivy Chen", "6:00 AM"),
        ],
    ),
    (
        "Camera",
        [
            ("Director of Photography", "Hugo Brandt", "7:00 AM"),
            ("A Camera Operator", "Nia Solis", "7:00 AM"),
            ("A Camera 1st AC", "Pete Lund", "6:45 AM"),
            ("A Camera 2nd AC", "Kim Yoon", "6:45 AM"),
            ("DIT", "Omar Haddad", "7:00 AM"),
        ],
    ),
    (
        "Grip",
        [
            ("Key Grip", "Bo Jensen", "7:00 AM"),
            ("Best Boy Grip", "Cal Ortiz", "7:00 AM"),
            ("Dolly Grip", "Ray Moss", "7:00 AM"),
        ],
    ),
    (
        "Electric",
        [("Gaffer", "Lena Frost", "7:00 AM"), ("Best Boy Electric", "Sol Reyes", "7:00 AM")],
    ),
    (
        "Sound",
        [
            ("Production Sound Mixer", "Anika Roth", "7:30 AM"),
            ("Boom Operator", "Jay Price", "7:30 AM"),
        ],
    ),
    (
        "Hair & Makeup",
        [("Department Head Makeup", "Tess Moreau", "5:45 AM"), ("Key Hair", "Gus Lyle", "5:45 AM")],
    ),
    (
        "Wardrobe",
        [("Costume Designer", "Ada Finch", "6:00 AM"), ("Set Costumer", "Lu Marsh", "6:00 AM")],
    ),
    ("Props", [("Property Master", "Vic Stone", "6:30 AM")]),
    ("Transportation", [("Transportation Coordinator", "Ed Kowalski", "5:00 AM")]),
    ("Locations", [("Location Manager", "Mira Khan", "5:30 AM")]),
]

WALKIES = [
    {"channel": "1", "use": "Production"},
    {"channel": "2", "use": "Open / go to two"},
    {"channel": "3", "use": "Transportation"},
    {"channel": "4", "use": "Camera"},
    {"channel": "5", "use": "Electric"},
    {"channel": "6", "use": "Grip"},
    {"channel": "7", "use": "Art / Props"},
    {"channel": "8", "use": "Hair / Makeup / Wardrobe"},
]


def sample_data():
    """One realistic shoot day."""
    return {
        "production": {
            "title": "The Long Night",
            "company": "Nightjar Pictures LLC",
            "office_address": "5555 Melrose Ave, Bldg 212\nLos Angeles, CA 90038",
            "office_phone": "(323) 555-0100",
            "office_email": "office@thelongnight.example",
        },
        "sheet": {
            "number": "12",
            "version": "2",
            "revised": True,
            "date": "Thursday, December 10, 2026",
            "day_of": "Day 3 of 27",
            "weekday": "Thursday",
        },
        "times": {
            "crew_call": "7:00 AM",
            "shooting_call": "8:00 AM",
            "breakfast": "6:30 AM",
            "lunch": "1:00 PM",
            "second_meal": "",
            "est_wrap": "7:30 PM",
        },
        "key_staff": [
            {"role": "Producer", "name": "Ruth Adler", "phone": "(323) 555-0110"},
            {"role": "Director", "name": "Ana Ruiz", "phone": "(323) 555-0101"},
            {"role": "1st AD", "name": "Dana Whit", "phone": "(323) 555-0102"},
            {"role": "UPM", "name": "Leo Park", "phone": "(323) 555-0103"},
            {"role": "Coordinator", "name": "Sam Ortega", "phone": "(323) 555-0104"},
        ],
        "script": "White revision, Nov 5, 2026",
        "schedule": "First pass, rev. 14",
        "weather": {
            "summary": "Sunny",
            "high": "68°F",
            "low": "51°F",
            "sunrise": "6:52 AM",
            "sunset": "4:44 PM",
            "dawn": "6:24 AM",
            "dusk": "5:12 PM",
        },
        "locations": [
            {
                "name": "ALLEY BEHIND THE DINER",
                "address": "1200 E 7th St, Los Angeles, CA 90021",
                "basecamp": "Lot B, 1250 E 7th St",
                "crew_parking": "Produce Market structure, level 3 (shuttle every 10 min)",
                "notes": "Quiet on 7th St after 10 PM; no idling trucks.",
            },
            {
                "name": "STAGE 5",
                "address": "Sunset Las Palmas Studios\n1040 N Las Palmas Ave, Hollywood, CA 90038",
                "basecamp": "Studio lot, row C",
                "crew_parking": "Studio structure",
                "notes": "",
            },
        ],
        "hospital": {
            "name": "Good Samaritan Hospital",
            "address": "1225 Wilshire Blvd, Los Angeles, CA 90017",
            "phone": "(213) 555-0177",
        },
        "safety": {
            "notes": (
                "Wet-down in the alley: watch your footing.\nNo smoking within 25 ft of the set."
            ),
            "hotline": "(800) 555-0199",
        },
        "scenes": copy.deepcopy(SCENES),
        "total_pages": "4 4/8",
        "cast": [
            {
                "id": "1",
                "actor": "Maggie Doyle",
                "character": "MAGGIE",
                "status": "SW",
                "pickup": "6:00 AM",
                "makeup": "6:15 AM",
                "on_set": "7:30 AM",
                "remarks": "Fitting after wrap",
            },
            {
                "id": "2",
                "actor": "Carl Benning",
                "character": "EARL",
                "status": "W",
                "pickup": "7:00 AM",
                "makeup": "7:15 AM",
                "on_set": "8:30 AM",
                "remarks": "",
            },
            {
                "id": "3",
                "actor": "Rosa Lind",
                "character": "DOT",
                "status": "WF",
                "pickup": "7:00 AM",
                "makeup": "7:20 AM",
                "on_set": "8:30 AM",
                "remarks": "",
            },
            {
                "id": "4",
                "actor": "Theo Marsh",
                "character": "SAM",
                "status": "SWF",
                "pickup": "9:30 AM",
                "makeup": "9:45 AM",
                "on_set": "11:00 AM",
                "remarks": "Self-drive",
            },
            {
                "id": "7",
                "actor": "June Alvarez",
                "character": "TRUCKER",
                "status": "H",
                "pickup": "",
                "makeup": "",
                "on_set": "",
                "remarks": "On hold",
            },
        ],
        "background": [
            {
                "description": "Diner patrons",
                "count": "12",
                "call": "7:30 AM",
                "notes": "Wardrobe: winter coats",
            },
            {
                "description": "Stand-ins",
                "count": "2",
                "call": "7:00 AM",
                "notes": "For Maggie and Sam",
            },
        ],
        "department_notes": [
            {"department": "Props", "note": "Rain-soaked newspaper x6; diner menus"},
            {"department": "Special effects", "note": "Rain towers in the alley from 2 PM"},
            {"department": "Camera", "note": "Technocrane on the alley scenes"},
        ],
        "notes": "No visitors on set without the UPM's approval.\nClosed set for scene 15.",
        "advance": [
            {
                "label": "Day 4 — Fri Dec 11",
                "scenes": [
                    scene(
                        "22", "INT", "MAGGIE'S APARTMENT", "Maggie packs", "NIGHT", "2 3/8", ["1"]
                    ),
                    scene(
                        "23",
                        "EXT",
                        "BUS STATION",
                        "The last bus",
                        "NIGHT",
                        "2 6/8",
                        ["1", "2"],
                        "Union Station",
                    ),
                ],
                "pages": "5 1/8",
            },
            {"label": "Day 5 — Mon Dec 14", "scenes": [], "pages": ""},
        ],
        "crew": [
            {
                "department": department,
                "people": [
                    {"position": position, "name": name, "call": call, "phone": "(323) 555-0150"}
                    for position, name, call in people
                ],
            }
            for department, people in CREW
        ],
        "walkies": copy.deepcopy(WALKIES),
        "printed": "26 Nov 2026 10:04",
    }


FIRST_NAMES = (
    "Ana Sofia",
    "Bo",
    "Christopher",
    "Dee",
    "Evangelina",
    "Femi",
    "Guadalupe",
    "Hal",
    "Ines",
    "Jean-Baptiste",
    "Kai",
    "Lorelei",
    "Mo",
    "Nkechi",
    "Oskar",
    "Priyanka",
    "Quin",
    "Rosalind",
    "Sy",
    "Thaddeus",
)
LAST_NAMES = (
    "Abernathy",
    "Li",
    "Castellanos",
    "Ng",
    "Oyelaran-Smith",
    "Park",
    "Van der Berg",
    "Moss",
    "Kowalczyk",
    "Ruiz",
    "Fitzgerald",
    "Ota",
    "Delacroix-Hale",
    "Ward",
    "Nakamura",
)
POSITIONS = (
    "Department Head",
    "Key",
    "Best Boy",
    "Assistant",
    "3rd",
    "Technician",
    "Set Dresser",
    "Coordinator",
    "Driver",
    "Production Assistant",
)


def big_data(seed=0):
    """A big day: 300 crew in 15 departments, 40 cast, 12 scenes. ``seed`` changes every row."""
    tag = f" {seed}" if seed else ""
    data = sample_data()
    data["scenes"] = [
        scene(
            f"{n}{tag}",
            "INT" if n % 2 else "EXT",
            f"LOCATION NUMBER {n} - ROOM",
            f"Scene description number {n}{tag}, which runs long enough to wrap onto a second line",
            "DAY",
            f"{n % 3} {n % 8}/8",
            [str(c) for c in range(1, 2 + n % 6)],
        )
        for n in range(1, 13)
    ]
    data["cast"] = [
        {
            "id": str(n),
            "actor": f"{FIRST_NAMES[n % 20]} {LAST_NAMES[n % 15]}{tag}",
            "character": f"CHARACTER {n}",
            "status": ("SW", "W", "WF", "SWF", "H")[n % 5],
            "pickup": "6:00 AM",
            "makeup": "6:15 AM",
            "on_set": "7:30 AM",
            "remarks": "Fitting after wrap" if n % 4 == 0 else "",
        }
        for n in range(1, 41)
    ]
    data["crew"] = [
        {
            "department": f"Department {d + 1}",
            "people": [
                {
                    "position": f"{POSITIONS[p % 10]}{tag}",
                    "name": f"{FIRST_NAMES[p]} {LAST_NAMES[d]}",
                    "call": "7:00 AM" if p % 3 else "6:30 AM",
                    "phone": "(323) 555-0150",
                }
                for p in range(20)
            ],
        }
        for d in range(15)
    ]
    return data


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (pdfium reports line breaks as "\r\n", and a
    hyphen that ends a line as U+FFFE, joined to the next line)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            " ".join(page.get_textpage().get_text_range().replace("\ufffe", "-").split())
            for page in document
        ]
    finally:
        document.close()


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


@pytest.fixture(scope="module")
def sheet_pages():
    return pdf_pages(call_sheet_pdf(sample_data()))


@pytest.fixture(scope="module")
def cover_pages():
    return pdf_pages(call_sheet_cover_pdf(sample_data()))


def test_call_sheet_is_a_us_letter_pdf_with_front_and_back():
    pdf = call_sheet_pdf(sample_data())
    assert pdf.startswith(b"%PDF")
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 2
        assert [round(x) for x in document[0].get_size()] == [612, 792]
    finally:
        document.close()


def test_front_heads_the_sheet_with_title_date_day_and_sheet_number(sheet_pages):
    front = sheet_pages[0]
    for text in (
        "The Long Night",
        "Nightjar Pictures LLC",
        "5555 Melrose Ave, Bldg 212",
        "(323) 555-0100",
        "Thursday, December 10, 2026",
        "Day 3 of 27",
        "CALL SHEET",
        "White revision, Nov 5, 2026",
        "First pass, rev. 14",
    ):
        assert text in front, text
    assert re.search(r"NO\. 12 VERSION 2", front)
    assert "REVISED" in front


def test_front_gives_the_crew_call_and_the_days_times(sheet_pages):
    front = sheet_pages[0]
    assert re.search(r"CREW CALL 7:00\sAM", front)
    assert re.search(r"SHOOTING CALL 8:00\sAM", front)
    assert re.search(r"BREAKFAST 6:30\sAM", front)
    assert re.search(r"LUNCH 1:00\sPM", front)
    assert re.search(r"EST\. WRAP 7:30\sPM", front)
    assert "2ND MEAL" not in front  # no second meal today: no empty box


def test_front_lists_key_staff_with_phones(sheet_pages):
    front = sheet_pages[0]
    assert re.search(r"DIRECTOR Ana Ruiz \(323\)\s555-0101", front)
    assert re.search(r"UPM Leo Park \(323\)\s555-0103", front)


def test_front_gives_weather_and_sun(sheet_pages):
    front = sheet_pages[0]
    assert "Sunny" in front and "High 68°F / Low 51°F" in front
    assert re.search(r"SUNRISE 6:52\sAM", front)
    assert re.search(r"SUNSET 4:44\sPM", front)


def test_front_gives_locations_and_the_nearest_hospital(sheet_pages):
    front = sheet_pages[0]
    assert "ALLEY BEHIND THE DINER 1200 E 7th St, Los Angeles, CA 90021" in front
    assert "BASECAMP Lot B, 1250 E 7th St" in front
    assert "CREW PARKING Produce Market structure" in front
    assert re.search(
        r"NEAREST HOSPITAL Good Samaritan Hospital 1225 Wilshire Blvd, Los Angeles, CA 90017 "
        r"☎ \(213\)\s555-0177",
        front,
    )
    assert "No smoking within 25 ft of the set." in front
    assert re.search(r"HOTLINE \(800\)\s555-0199", front)


def test_front_lists_every_scene_with_cast_ids_and_the_page_total(sheet_pages):
    front = sheet_pages[0].replace("\xa0", " ")
    for s in SCENES:
        fields = ("scene", "int_ext", "set", "description", "dn", "pages")
        row = " ".join([s[f] for f in fields] + [", ".join(s["cast"]), s["location"]])
        assert row in front, row
    assert "TOTAL PAGES 4 4/8" in front


def test_front_lists_the_cast_with_ids_statuses_and_times(sheet_pages):
    front = sheet_pages[0].replace("\xa0", " ")
    assert "1 Maggie Doyle MAGGIE SW 6:00 AM 6:15 AM 7:30 AM Fitting after wrap" in front
    assert "2 Carl Benning EARL W 7:00 AM 7:15 AM 8:30 AM" in front
    assert "3 Rosa Lind DOT WF" in front
    assert "4 Theo Marsh SAM SWF 9:30 AM 9:45 AM 11:00 AM Self-drive" in front
    assert "7 June Alvarez TRUCKER H On hold" in front


def test_front_has_background_department_notes_general_notes_and_advance_schedule(sheet_pages):
    front = sheet_pages[0].replace("\xa0", " ")
    assert "Diner patrons 12 7:30 AM Wardrobe: winter coats" in front
    assert "Stand-ins 2 7:00 AM" in front
    assert "Special effects Rain towers in the alley from 2 PM" in front
    assert "Closed set for scene 15." in front
    assert "DAY 4 — FRI DEC 11 5 1/8 pages" in front
    assert "22 INT MAGGIE'S APARTMENT Maggie packs NIGHT 2 3/8 1" in front
    assert "DAY 5 — MON DEC 14" in front


def test_back_starts_on_a_new_page_with_every_department_and_call(sheet_pages):
    front, back = sheet_pages
    assert "Hugo Brandt" not in front
    back = back.replace("\xa0", " ")
    for department, people in CREW:
        assert department.upper() in back, department
        for position, name, call in people:
            assert f"{position} {name} {call}" in back, name


def test_back_lists_walkie_channels(sheet_pages):
    back = sheet_pages[1]
    assert "WALKIE CHANNELS" in back
    for w in WALKIES:
        assert f"Ch {w['channel']} {w['use']}" in back


def test_every_page_has_a_footer_with_page_number_and_print_time(sheet_pages):
    for n, page in enumerate(sheet_pages, start=1):
        assert f"Page {n} of 2" in page
        assert "Printed 26 Nov 2026 10:04" in page


def test_pages_after_the_first_carry_a_running_head(sheet_pages):
    back = sheet_pages[1]
    assert back.startswith(
        "The Long Night · Call Sheet No. 12 · Version 2 REVISED "
        "Thursday, December 10, 2026 · Day 3 of 27 CREW"
    )


def test_unrevised_sheet_has_no_revised_mark():
    data = sample_data()
    data["sheet"]["revised"] = False
    assert "REVISED" not in pdf_text(call_sheet_pdf(data))


def test_cover_is_one_page_with_what_an_actor_needs(cover_pages):
    assert len(cover_pages) == 1
    cover = cover_pages[0].replace("\xa0", " ")
    for text in (
        "The Long Night",
        "Thursday, December 10, 2026",
        "Day 3 of 27",
        "CREW CALL 7:00 AM",
        "SHOOTING CALL 8:00 AM",
        "LUNCH 1:00 PM",
        "1 Maggie Doyle MAGGIE SW 6:00 AM 6:15 AM 7:30 AM",
        "1200 E 7th St, Los Angeles, CA 90021",
        "Good Samaritan Hospital",
        "(213) 555-0177",
        "SUNRISE 6:52 AM",
        "SUNSET 4:44 PM",
    ):
        assert text in cover, text
    for s in SCENES:
        assert s["description"] in cover
    # The reduced sheet leaves out remarks, the crew, notes and the advance schedule.
    for text in (
        "Fitting after wrap",
        "Hugo Brandt",
        "WALKIE",
        "Closed set",
        "ADVANCE",
        "BASECAMP",
    ):
        assert text not in cover, text


def test_cover_of_a_big_day_still_fits_one_page():
    pdf = call_sheet_cover_pdf(big_data())
    assert pdf_page_count(pdf) == 1
    cover = pdf_text(pdf)
    assert "CHARACTER 40" in cover
    assert "LOCATION NUMBER 12 - ROOM" in cover


def test_big_sheet_renders_every_crew_member_cast_member_and_scene():
    data = big_data()
    pages = pdf_pages(call_sheet_pdf(data))
    text = " ".join(pages)
    assert len(pages) >= 3
    for department in data["crew"]:
        for person in department["people"]:
            assert person["name"] in text
    for member in data["cast"]:
        assert f"{member['character']} " in text
    for s in data["scenes"]:
        assert s["set"] in text
    n = len(pages)
    assert all(f"Page {i} of {n}" in page for i, page in enumerate(pages, start=1))


def test_hostile_strings_print_literally():
    data = sample_data()
    data["production"]["title"] = HOSTILE
    data["scenes"][0]["description"] = HOSTILE
    data["cast"][0]["remarks"] = "*bold*"
    data["crew"][0]["people"][0]["name"] = "$x$"
    data["notes"] = "#set text(red)"
    data["hospital"]["name"] = "#set text(red)"
    text = pdf_text(call_sheet_pdf(data))
    for s in ("#set text(red)", "*bold*", "$x$", "<label>", "@ref", '\\ "quoted" ]'):
        assert s in text, s
    cover = pdf_text(call_sheet_cover_pdf(data))
    assert "#set text(red) *bold* $x$" in cover


def test_missing_and_odd_values_degrade_to_blanks():
    assert pdf_page_count(call_sheet_pdf({})) == 1
    assert pdf_page_count(call_sheet_cover_pdf({})) == 1
    data = {
        "production": "not a dict",
        "sheet": {"number": 12, "revised": "yes", "date": None},
        "times": {"crew_call": ["7:00"]},
        "scenes": [{"scene": "1", "cast": [1, None, "2"]}, "junk"],
        "cast": [{"id": 1}],
        "crew": [{"department": "Camera", "people": [{"name": "Ann"}]}, {"people": []}],
        "walkies": None,
    }
    text = pdf_text(call_sheet_pdf(data))
    assert "Untitled production" in text
    assert "No. 12" in text.replace("NO.", "No.")
    assert "REVISED" not in text
    assert "Ann" in text
