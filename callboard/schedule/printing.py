"""The printed schedule documents: shooting schedule, one-liner, Day Out of Days, breakdown sheets.

Framework-free (no Django import): every function takes a plain dict whose values the caller has
already formatted as text, and returns the bytes of a PDF (typst templates in ``typst/`` beside
this file) or of an Excel workbook (openpyxl).

Data shapes (missing keys print as blanks; see the templates for the details):

* every document: ``production`` ``{"title", "company"}``, ``scenario``, ``calendar``, ``script``
  (e.g. "Pink revision, 2022-05-01") and ``printed`` (e.g. "26 Nov 2026 10:04").
* a strip: ``{"kind": "scene", "scene", "int_ext", "set", "dn", "pages", "cast": ["1", "4"],
  "cast_names": ["1. GEORGE", "4. MARY"], "synopsis", "script_day", "script_page", "location",
  "duration", "colour": "white"|"yellow"|"blue"|"green", "omitted": bool,
  "elements": [{"category": "Props", "names": [...]}, ...]}``; a banner
  ``{"kind": "banner", "text"}``; a calendar event line ``{"kind": "event", "text"}``.
* shooting schedule and one-liner: ``days`` ``[{"number": int, "date", "pages", "strips": [...],
  "events": [str, ...]}]``, ``unscheduled`` ``[strip, ...]``, ``total_pages``, ``total_days``.
* DOOD: ``category``, ``columns`` ``[{"date": "2022-08-03", "month": "Aug", "dom": "3",
  "weekday": "We", "day": "1" or "", "off": bool, "holiday": bool}]``, ``rows`` ``[{"id", "name",
  "codes": [one per column], "travel", "work", "hold", "paid", "start", "finish"}]``.
* breakdown sheets: ``sheets`` ``[{"sheet", "scene", "int_ext", "set", "dn", "pages",
  "script_page", "script_day", "location", "duration", "synopsis", "comments", "colour",
  "categories": [{"ucid": int, "name", "items": [str, ...]}]}]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from callboard.documents.render import render_pdf
from callboard.documents.xlsx import Spreadsheet

__all__ = [
    "BREAKDOWN_SHEETS_TEMPLATE",
    "DOOD_TEMPLATE",
    "ONE_LINER_TEMPLATE",
    "SHOOTING_SCHEDULE_TEMPLATE",
    "breakdown_sheets_pdf",
    "dood_pdf",
    "dood_xlsx",
    "one_liner_pdf",
    "one_liner_xlsx",
    "shooting_schedule_pdf",
    "shooting_schedule_xlsx",
    "version_cover_pdf",
]

TYPST_DIR = Path(__file__).parent / "typst"
SHOOTING_SCHEDULE_TEMPLATE = TYPST_DIR / "shooting_schedule.typ"
ONE_LINER_TEMPLATE = TYPST_DIR / "one_liner.typ"
DOOD_TEMPLATE = TYPST_DIR / "dood.typ"
BREAKDOWN_SHEETS_TEMPLATE = TYPST_DIR / "breakdown_sheets.typ"
VERSION_COVER_TEMPLATE = TYPST_DIR / "version_cover.typ"


# ---------------------------------------------------------------- PDF


def shooting_schedule_pdf(data: dict) -> bytes:
    return render_pdf(SHOOTING_SCHEDULE_TEMPLATE, data)


def one_liner_pdf(data: dict) -> bytes:
    return render_pdf(ONE_LINER_TEMPLATE, data)


def dood_pdf(data: dict) -> bytes:
    return render_pdf(DOOD_TEMPLATE, data)


def breakdown_sheets_pdf(data: dict) -> bytes:
    return render_pdf(BREAKDOWN_SHEETS_TEMPLATE, data)


def version_cover_pdf(data: dict) -> bytes:
    """What moved, as the cover sheet of a published schedule version."""
    return render_pdf(VERSION_COVER_TEMPLATE, data)


# ---------------------------------------------------------------- XLSX: look

# Strip colours as cell fills (REFERENCE.md: day INT white, day EXT yellow, night INT blue, night
# EXT green), pale enough for black text; the same tints as the PDFs.
STRIP_FILLS = {
    "white": "FFFFFF",
    "yellow": "FFF4B8",
    "blue": "D6E6FA",
    "green": "D5F0D3",
    "orange": "FFE0B8",
    "gray": "E4E4E4",
    "grey": "E4E4E4",
    "red": "F9D4D4",
}
BLACK = "000000"
BANNER_FILL = "EDE7F6"
OFF_FILL = "D9D9D9"
HOLIDAY_FILL = "F9D4D4"
SECTION_FILL = "D9D9D9"

_TITLE_FONT = Font(bold=True, size=14)
_SUBTITLE_FONT = Font(italic=True, color="595959")
_BOLD = Font(bold=True)
_ITALIC = Font(italic=True)
_BAND_FONT = Font(bold=True, color="FFFFFFFF")
_GREY_FONT = Font(color="808080", strike=True)
_HEADER_BORDER = Border(bottom=Side(style="thin", color=BLACK))
_TOP = Alignment(vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center")


def _text(value) -> str:
    """A value as cell text: illegal control characters dropped."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(_text(v) for v in value if _text(v))
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)).strip()


def _count(value):
    """A total such as "12" as a number, so the sheet can add it up; anything else as text."""
    text = _text(value)
    return int(text) if text.isdigit() and len(text) < 10 else text


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color="FF" + rgb, end_color="FF" + rgb)


def _get(d, key, default=""):
    return d.get(key, default) if isinstance(d, dict) else default


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strings(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [t for t in (_text(v) for v in value if not isinstance(v, dict | list)) if t]


class _Sheet:
    """A worksheet written top to bottom, remembering how wide each column's text is."""

    def __init__(self, book: Spreadsheet, data: dict, document: str):
        production = _get(data, "production", {})
        title = _text(_get(production, "title")) or "Untitled production"
        self.writer = book.add_sheet(document)
        self.sheet: Worksheet = self.writer.worksheet
        self.widths: dict[int, int] = {}
        book.book.properties.title = f"{title} — {document}"
        company = _text(_get(production, "company"))
        if company:
            book.book.properties.creator = company
        self.append([f"{title} — {document}"], font=_TITLE_FONT, measure=False)
        details = [
            _text(_get(data, key)) for key in ("scenario", "calendar", "script") if _get(data, key)
        ]
        printed = _text(_get(data, "printed"))
        if printed:
            details.append("Printed " + printed)
        self.append([" · ".join(d for d in details if d)], font=_SUBTITLE_FONT, measure=False)

    def append(
        self,
        values: Iterable,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = None,
        border: Border | None = None,
        measure: bool = True,
        width: int | None = None,
    ) -> int:
        """Write one row; ``width`` spreads the font/fill over that many columns."""
        values = [
            value
            if isinstance(value, int | float) and not isinstance(value, bool)
            else _text(value) or None
            for value in values
        ]
        row = self.writer.append(
            values, width=width or 0, font=font, fill=fill, alignment=alignment, border=border
        )
        for column, value in enumerate(values, start=1):
            if measure and value is not None:
                longest = max(len(line) for line in str(value).split("\n"))
                self.widths[column] = max(self.widths.get(column, 0), longest)
        return row

    def header(self, names: list[str], *, freeze_column: str = "A") -> int:
        """The bold column headings; the rows below scroll under them and repeat on print."""
        row = self.append(names, font=_BOLD, border=_HEADER_BORDER, alignment=_TOP)
        self.sheet.freeze_panes = f"{freeze_column}{row + 1}"
        self.sheet.print_title_rows = f"{row}:{row}"
        return row

    def size_columns(self, *, minimum: int = 4, maximum: int = 50, fixed: dict | None = None):
        for column, width in self.widths.items():
            letter = get_column_letter(column)
            chosen = (fixed or {}).get(column) or min(max(width, minimum) + 2, maximum)
            self.sheet.column_dimensions[letter].width = chosen


def _strip_fill(strip: dict) -> PatternFill:
    colour = _text(_get(strip, "colour")).lower()
    return _fill(STRIP_FILLS.get(colour, "FFFFFF"))


def _end_of_day(day: dict) -> str:
    parts = [f"End of Day {_text(_get(day, 'number'))}".rstrip()]
    if _text(_get(day, "date")):
        parts.append(_text(_get(day, "date")))
    if _text(_get(day, "pages")):
        parts.append(f"{_text(_get(day, 'pages'))} pages")
    return " — ".join(parts)


def _schedule_rows(data: dict):
    """(kind, day, item) in print order: each day's "event" and "strip" rows, then its "end";
    then a "section" heading and the unscheduled strips (day None)."""
    for day in _dicts(_get(data, "days", [])):
        for event in _strings(_get(day, "events", [])):
            yield "event", day, {"kind": "event", "text": event}
        for strip in _dicts(_get(day, "strips", [])):
            yield "strip", day, strip
        yield "end", day, None
    unscheduled = _dicts(_get(data, "unscheduled", []))
    if unscheduled:
        count = f"{len(unscheduled)} strip" + ("" if len(unscheduled) == 1 else "s")
        yield "section", None, {"text": f"Unscheduled — {count}"}
        for strip in unscheduled:
            yield "strip", None, strip


def _schedule_xlsx(data: dict, document: str, columns: list[str], scene_values, extra=()) -> bytes:
    book = Spreadsheet()
    out = _Sheet(book, data, document)
    out.append([])
    columns = [*columns, *extra]
    width = len(columns)
    out.header(columns)
    for kind, day, strip in _schedule_rows(data):
        day_cells = [_get(day, "number", "") if day else "", _text(_get(day, "date"))]
        if kind == "end":
            out.append(
                [_end_of_day(day)], font=_BAND_FONT, fill=_fill(BLACK), width=width, measure=False
            )
        elif kind == "section":
            out.append(
                [strip["text"]], font=_BOLD, fill=_fill(SECTION_FILL), width=width, measure=False
            )
        elif _get(strip, "kind") == "banner":
            # Not measured: the text runs on across the empty cells beside it.
            out.append(
                [*day_cells, _text(_get(strip, "text"))],
                font=_BOLD,
                fill=_fill(BANNER_FILL),
                width=width,
                measure=False,
            )
        elif _get(strip, "kind") == "event":
            out.append(
                [*day_cells, _text(_get(strip, "text"))], font=_ITALIC, width=width, measure=False
            )
        else:
            omitted = _get(strip, "omitted") is True
            out.append(
                [*day_cells, *scene_values(strip)],
                fill=_strip_fill(strip),
                font=_GREY_FONT if omitted else None,
                alignment=_TOP,
                width=width,
            )
    out.append([])
    total = [f"{_text(_get(data, 'total_days'))} shoot days"] if _get(data, "total_days") else []
    if _text(_get(data, "total_pages")):
        total.append(f"{_text(_get(data, 'total_pages'))} pages")
    if total:
        out.append(["Total: " + " · ".join(total)], font=_BOLD, measure=False)
    out.size_columns(fixed={1: 5, 2: 17})
    return book.save()


def _scene_basics(strip: dict) -> list:
    return [_text(_get(strip, key)) for key in ("scene", "int_ext", "set", "dn", "pages")]


# ---------------------------------------------------------------- XLSX: documents


def one_liner_xlsx(data: dict) -> bytes:
    """One row per strip (in the strip colour), banners, and a black "End of Day N" row per day."""

    def values(strip):
        return [
            *_scene_basics(strip),
            ", ".join(_strings(_get(strip, "cast", []))),
            _text(_get(strip, "synopsis")),
        ]

    columns = ["Day", "Date", "Scene", "I/E", "Set", "D/N", "Pages", "Cast", "Synopsis"]
    return _schedule_xlsx(data, "One-Liner", columns, values)


def shooting_schedule_xlsx(data: dict) -> bytes:
    """The one-liner's rows plus script day and page, location, time, cast names and elements."""
    categories: list[str] = []
    for _kind, _day, strip in _schedule_rows(data):
        for element in _dicts(_get(strip, "elements", [])):
            name = _text(_get(element, "category"))
            if name and name not in categories and name not in _SCHEDULE_COLUMNS:
                categories.append(name)

    def values(strip):
        by_category: dict[str, list[str]] = {}
        for element in _dicts(_get(strip, "elements", [])):
            name = _text(_get(element, "category"))
            by_category.setdefault(name, []).extend(_strings(_get(element, "names", [])))
        cast = _strings(_get(strip, "cast_names", [])) or _strings(_get(strip, "cast", []))
        return [
            *_scene_basics(strip),
            _text(_get(strip, "script_day")),
            _text(_get(strip, "script_page")),
            _text(_get(strip, "location")),
            _text(_get(strip, "duration")),
            _text(_get(strip, "synopsis")),
            ", ".join(cast),
            *(", ".join(by_category.get(c, [])) for c in categories),
        ]

    return _schedule_xlsx(data, "Shooting Schedule", _SCHEDULE_COLUMNS, values, categories)


_SCHEDULE_COLUMNS = [
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


def _shoot_day_label(column: dict) -> str:
    if _get(column, "holiday") is True:
        return "HOL"
    return "Off" if _get(column, "off") is True else _text(_get(column, "day"))


# The DOOD's count columns, in print order (the PDF template lists the same).
COUNT_KEYS = ("travel", "work", "hold", "holiday", "rehearsal", "fitting", "paid")


def dood_xlsx(data: dict) -> bytes:
    """The DOOD grid: ID, name, one centred code per calendar day, then the totals."""
    book = Spreadsheet()
    category = _text(_get(data, "category"))
    out = _Sheet(book, data, "Day Out of Days" + (f" — {category}" if category else ""))
    out.append([])
    columns = _dicts(_get(data, "columns", []))
    days = len(columns)
    totals = [
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
    grey, red = _fill(OFF_FILL), _fill(HOLIDAY_FILL)

    def shade(row: int):
        for i, column in enumerate(columns, start=3):
            if _get(column, "holiday") is True:
                out.sheet.cell(row, i).fill = red
            elif _get(column, "off") is True:
                out.sheet.cell(row, i).fill = grey

    # Three heading rows: date, weekday, shoot day; the last one names every column.
    dates = [f"{_text(_get(c, 'month'))} {_text(_get(c, 'dom'))}".strip() for c in columns]
    weekdays = [_text(_get(c, "weekday")) for c in columns]
    shoot = [_shoot_day_label(c) for c in columns]
    for values in (["", "Date", *dates], ["", "", *weekdays]):
        row = out.append(values, font=_BOLD, alignment=_CENTRE, measure=False)
        shade(row)
    row = out.append(
        ["ID", "Name", *shoot, *totals],
        font=_BOLD,
        alignment=_CENTRE,
        border=_HEADER_BORDER,
        measure=False,
    )
    out.sheet.cell(row, 2).alignment = _TOP
    shade(row)
    out.sheet.freeze_panes = f"C{row + 1}"
    out.sheet.print_title_rows = f"{row - 2}:{row}"
    out.sheet.print_title_cols = "A:B"
    out.sheet.page_setup.orientation = "landscape"
    for element in _dicts(_get(data, "rows", [])):
        codes = _get(element, "codes", [])
        codes = [_text(c) for c in codes] if isinstance(codes, list) else []
        codes = (codes + [""] * days)[:days]
        row = out.append(
            [
                _count(_get(element, "id")),
                _text(_get(element, "name")),
                *codes,
                *(_count(_get(element, key)) for key in COUNT_KEYS),
                _text(_get(element, "start")),
                _text(_get(element, "finish")),
            ],
            alignment=_CENTRE,
        )
        out.sheet.cell(row, 2).alignment = _TOP
        shade(row)
    dimensions = out.sheet.column_dimensions
    dimensions["A"].width = 5
    dimensions["B"].width = min(max(out.widths.get(2, 0), 10) + 2, 40)
    for i in range(3, 3 + days):
        dimensions[get_column_letter(i)].width = 6.5
    for i, width in enumerate((7, 7, 7, 8, 9, 7, 7, 10, 10), start=3 + days):
        dimensions[get_column_letter(i)].width = width
    return book.save()
