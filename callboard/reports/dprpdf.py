"""The Daily Production Report as a PDF: the standard two pages (front: times, scenes,
progress, cast; back: crew by department, background, the rest), continuing on further pages
for a big day.

Framework-free: takes the document reports.queries.report_document builds (plain JSON data)
and returns the PDF's bytes, rendered by typst/dpr.typ.
"""

from __future__ import annotations

from pathlib import Path

from callboard.documents.render import render_pdf

DPR_TEMPLATE = Path(__file__).parent / "typst" / "dpr.typ"


def dpr_pdf(document: dict) -> bytes:
    return render_pdf(DPR_TEMPLATE, document)


def file_name(*, show: str, day: int, unit: str, version: int, approved: bool) -> str:
    """'the-long-night-dpr-day-3-v2.pdf'; second unit and drafts say so."""
    parts = [show] if show else []
    parts.append(f"dpr-day-{day}" + ("-second-unit" if unit == "second" else "") + f"-v{version}")
    if not approved:
        parts.append("NOT-APPROVED")
    return "-".join(parts) + ".pdf"
