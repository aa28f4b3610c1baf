"""The lunch order sheet as a PDF for the restaurant: each item's total with the names, then
one label per order (name, department, items, notes). Framework-free: takes the document
lunch.queries.sheet_document builds and returns the PDF's bytes, rendered by typst/sheet.typ."""

from __future__ import annotations

from pathlib import Path

from callboard.documents.render import render_pdf

SHEET_TEMPLATE = Path(__file__).parent / "typst" / "sheet.typ"


def sheet_pdf(document: dict) -> bytes:
    return render_pdf(SHEET_TEMPLATE, document)
