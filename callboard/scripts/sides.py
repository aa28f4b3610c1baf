"""Sides: the pages that hold the day's scenes, everything else on them struck through.

No Django here. Works on any script PDF whose scenes carry their vertical bands
(from Callboard's pagination, or read off an imported PDF): the pages are copied
with pypdf and a typst overlay draws the strikes, the scene markers, an optional
watermark and, for a shoot day's sides, a header on every page (the show, the shoot
date and "Day X of Y"); two script pages can go on one landscape sheet.
"""

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from callboard.documents.render import render_pdf

from .errors import ScriptError
from .pagination import scene_runs

OVERLAY = Path(__file__).parent / "typst" / "sides_overlay.typ"
BODY_MARGIN = 72.0  # points: the 1" top and bottom margins of a script page
LANDSCAPE = (792.0, 612.0)
LINE_HEIGHT = 12.0  # Courier 12 pt at 6 lines an inch


@dataclass(frozen=True)
class Band:
    page: int  # 0-based page index in the PDF
    top: float  # points from the page top
    bottom: float


@dataclass(frozen=True)
class SidesHeader:
    """Printed across the top margin of every page of a shoot day's sides."""

    show: str
    date: str  # as it should read: "Thursday, December 10, 2026"
    day: str  # "Day 3 of 24"

    def as_data(self) -> dict:
        return {"show": self.show, "date": self.date, "day": self.day}


@dataclass
class SideScene:
    number: str
    bands: list[Band]


def _page_order(scenes: dict[str, SideScene], wanted: list[str], order: str) -> list[int]:
    if order == "given":
        pages: list[int] = []
        for number in wanted:
            for band in scenes[number].bands:
                if not pages or pages[-1] != band.page:
                    pages.append(band.page)
        return pages
    return sorted({band.page for number in wanted for band in scenes[number].bands})


def _strikes(height: float, keep: list[Band]) -> list[tuple[float, float]]:
    """The parts of the page body that belong to no wanted scene."""
    strikes, cursor = [], BODY_MARGIN
    for band in sorted(keep, key=lambda b: b.top):
        if band.top > cursor:
            strikes.append((cursor, band.top))
        cursor = max(cursor, band.bottom)
    if cursor < height - BODY_MARGIN:
        strikes.append((cursor, height - BODY_MARGIN))
    return strikes


def make_sides(
    pdf: bytes,
    scenes: list[SideScene],
    *,
    wanted: list[str],
    order: str = "script",
    two_up: bool = False,
    watermark: str = "",
    header: SidesHeader | None = None,
) -> bytes:
    by_number = {scene.number.upper(): scene for scene in scenes}
    wanted = [number.strip().upper() for number in wanted if number.strip()]
    missing = [
        number for number in wanted if number not in by_number or not by_number[number].bands
    ]
    if missing:
        raise ScriptError(f"No scene {', '.join(missing)} in this version of the script.")
    if not wanted:
        raise ScriptError("Choose at least one scene.")
    from pypdf import PdfReader, PdfWriter, Transformation  # here: reading scripts needs none

    reader = PdfReader(BytesIO(pdf))
    pages = _page_order(by_number, wanted, order)
    overlay_pages = []
    for index in pages:
        page = reader.pages[index]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        keep = [b for n in wanted for b in by_number[n].bands if b.page == index]
        marks = [
            {"top": band.top, "number": number}
            for number in wanted
            for band in by_number[number].bands[:1]
            if band.page == index
        ]
        overlay_pages.append(
            {
                "width": width,
                "height": height,
                "strikes": _strikes(height, keep),
                "marks": marks,
                "watermark": watermark,
                "header": header.as_data() if header else None,
            }
        )
    overlay = PdfReader(BytesIO(render_pdf(OVERLAY, {"pages": overlay_pages})))
    writer = PdfWriter()
    layers = list(zip((reader.pages[i] for i in pages), overlay.pages, strict=True))
    if not two_up:
        for script_page, over in layers:
            writer.add_page(script_page).merge_page(over)
    else:
        half = LANDSCAPE[0] / 2
        for pair in (layers[i : i + 2] for i in range(0, len(layers), 2)):
            sheet = writer.add_blank_page(width=LANDSCAPE[0], height=LANDSCAPE[1])
            for slot, (script_page, over) in enumerate(pair):
                width, height = (
                    float(script_page.mediabox.width),
                    float(script_page.mediabox.height),
                )
                scale = min(half / width, LANDSCAPE[1] / height)
                x = slot * half + (half - width * scale) / 2
                y = (LANDSCAPE[1] - height * scale) / 2
                place = Transformation().scale(scale).translate(x, y)
                sheet.merge_transformed_page(script_page, place)
                sheet.merge_transformed_page(over, place)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def bands_from_pagination(pages, scene_count: int, *, first_page: int = 0) -> dict[int, list[Band]]:
    """Each scene's bands on Callboard's rendition: 12 pt lines from the 1" top margin.

    first_page is the PDF index of script page 1 (1 when a title page comes first).
    """
    bands: dict[int, list[Band]] = {i: [] for i in range(scene_count)}
    for page_index, scene, row, end in scene_runs(pages):
        top, bottom = BODY_MARGIN + row * LINE_HEIGHT, BODY_MARGIN + end * LINE_HEIGHT
        bands[scene].append(Band(first_page + page_index, top - 3, bottom - 3))
    return bands
