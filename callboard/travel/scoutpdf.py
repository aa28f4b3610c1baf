"""The scout schedule as a PDF: the day, the call and meeting place, each stop in order with
its time, the sets and scenes looked at there, the lunch stop, and who rides in which van.

Framework-free: takes the document travel.queries.scout_document builds (plain JSON data) and
returns the PDF's bytes, rendered by typst/scout.typ."""

from __future__ import annotations

from pathlib import Path

from callboard.documents.render import render_pdf

SCOUT_TEMPLATE = Path(__file__).parent / "typst" / "scout.typ"


def scout_pdf(document: dict) -> bytes:
    return render_pdf(SCOUT_TEMPLATE, document)


def file_name(*, show: str, kind: str, day, version: int) -> str:
    """'the-long-night-tech-scout-2026-03-10-v2.pdf'."""
    label = "tech-scout" if kind == "tech" else "scout"
    return f"{show + '-' if show else ''}{label}-{day:%Y-%m-%d}-v{version}.pdf"
