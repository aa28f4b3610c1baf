"""The printed call sheet: the full sheet (front and back) and the reduced one-page cover for sides.

A normal day is two pages: the front (times, set, hospital and safety, scenes, cast, background
and notes, advance schedule) and the back (crew by department in three columns, up to ~150
people). A bigger day continues onto further front pages in the same type, never shrunk.

Framework-free (no Django import): both functions take a plain dict whose values the caller has
already formatted as text and return the bytes of a PDF, rendered by the typst template beside
this file (``typst/call_sheet.typ``). Missing keys print as blanks; empty sections are left out.

Data shape (every value a display string unless noted)::

    {
      "production": {"title", "company", "office_address", "office_phone", "office_email"},
      "sheet": {"number": "12", "version": "2", "revised": bool,
                "date": "Thursday, December 10, 2026", "day_of": "Day 3 of 27", "weekday",
                "draft": bool,  # DRAFT across every page, in the head and the foot
                "published": "Dec 3, 2026 10:31 AM PST"},  # "" until published
      "times": {"crew_call", "shooting_call", "breakfast", "lunch", "second_meal", "est_wrap"},
      "credits": [{"role": "Director", "names": "Ana Ruiz"}, {"role": "Producers", "names"}],
      "key_staff": [{"role", "name", "phone"}],
      "script": "White revision, Nov 5, 2026", "schedule": "First pass, rev. 14",
      "weather": {"summary", "high", "low", "sunrise", "sunset", "dawn", "dusk"},
      "locations": [{"name", "address", "basecamp", "crew_parking", "notes"}],
      "hospital": {"name", "address", "phone"},
      "safety": {"notes", "hotline"},
      "scenes": [{"scene", "int_ext", "set", "description", "dn": "N",
                  "dn_word": "CONTINUOUS",  # the script's word beside the letter, or ""
                  "pages", "cast": ["1", "4"], "location"}],
      "total_pages": "4 4/8",
      "cast": [{"id", "actor", "character", "status", "pickup", "makeup", "on_set", "remarks"}],
      "background": [{"description", "count", "call", "notes"}],
      "department_notes": [{"department", "note"}],
      "notes": "general notes, may be multi-line",
      "advance": [{"label": "Day 4 — Fri Dec 11", "scenes": [scene, ...], "pages": "5 1/8"}],
      "crew": [{"department", "people": [{"position", "name", "call", "phone"}]}],
      "walkies": [{"channel", "use"}],
      "printed": "Nov 26, 2026 10:04 AM PST",
    }

Multi-line values (addresses, notes, remarks) keep their line breaks. The crew's phone numbers are
not printed on the back (the crew list carries them); key staff phones are printed on the front.
"""

from __future__ import annotations

from pathlib import Path

from callboard.documents.render import render_pdf

__all__ = ["CALL_SHEET_TEMPLATE", "call_sheet_cover_pdf", "call_sheet_pdf", "file_name"]

CALL_SHEET_TEMPLATE = Path(__file__).parent / "typst" / "call_sheet.typ"


def call_sheet_pdf(data: dict) -> bytes:
    """The full call sheet, US Letter portrait: the front, then the back (crew) from a new page."""
    return render_pdf(CALL_SHEET_TEMPLATE, {**data, "cover": False})


def call_sheet_cover_pdf(data: dict) -> bytes:
    """The reduced call sheet on exactly one page (shrunk to fit when the day is big): title, date,
    day X of Y, call times, scenes, cast without remarks, set address, hospital, weather and sun.
    Used as the cover of the day's sides."""
    return render_pdf(CALL_SHEET_TEMPLATE, {**data, "cover": True})


def file_name(
    *, show: str, number: int | str, version: int | str, draft: bool, kind: str = "call-sheet"
) -> str:
    """The name a downloaded or attached PDF carries: the show, the sheet and its version, and
    DRAFT when the version is not published ("the-long-night-call-sheet-12-v2-DRAFT.pdf").
    ``kind`` is "call-sheet", "cover" or "sides"."""
    parts = [show] if show else []
    parts.append(
        f"call-sheet-{number}-v{version}"
        if kind == "call-sheet"
        else f"call-sheet-{number}-v{version}-{kind}"
    )
    if draft:
        parts.append("DRAFT")
    return "-".join(parts) + ".pdf"
