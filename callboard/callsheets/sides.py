"""The day's sides: the scheduled scenes' script pages (issue 3) behind the reduced call sheet
as their cover."""

from __future__ import annotations

import io

from callboard.scripts.errors import ScriptError
from callboard.scripts.models import ScriptVersion
from callboard.scripts.sides import Band, SideScene, SidesHeader, make_sides

from . import printing
from .queries import Issued


def day_sides(production, issued: Issued, *, watermark: str = "") -> bytes | None:
    """Cover + sides in shooting order, or None when the script has none of the day's scenes."""
    version = ScriptVersion.objects.filter(production=production).first()
    if version is None:
        return None
    scenes = [SideScene(s.number, [Band(*band) for band in s.bands]) for s in version.scenes.all()]
    known = {s.number.upper() for s in scenes if s.bands}
    wanted = [number for number in issued.scenes if number.upper() in known]
    if not wanted:
        return None
    with version.pdf.open("rb") as source:
        script_pdf = source.read()
    try:
        sides = make_sides(
            script_pdf,
            scenes,
            wanted=wanted,
            order="given",
            watermark=watermark,
            header=sides_header(issued.document),
        )
    except ScriptError:
        return None
    from pypdf import PdfReader, PdfWriter  # here: the apps load this module to send call sheets

    cover = printing.call_sheet_cover_pdf(issued.document)
    writer = PdfWriter()
    for part in (cover, sides):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sides_header(document: dict) -> SidesHeader:
    """The show, the shoot date and "Day X of Y" from the call sheet the sides go with."""
    production = document.get("production") or {}
    sheet = document.get("sheet") or {}
    return SidesHeader(
        show=str(production.get("title", "")),
        date=str(sheet.get("date", "")),
        day=str(sheet.get("day_of", "")),
    )
