"""The travel memo as a PDF. Framework-free: takes the document travel.queries.memo_document
builds (plain JSON data, a sent version's frozen copy) and returns the PDF's bytes, rendered by
typst/memo.typ."""

from __future__ import annotations

import re
from pathlib import Path

from callboard.documents.render import render_pdf

MEMO_TEMPLATE = Path(__file__).parent / "typst" / "memo.typ"


def memo_pdf(document: dict) -> bytes:
    return render_pdf(MEMO_TEMPLATE, document)


def file_name(document: dict) -> str:
    """'travel-memo-margo-lane-v2.pdf' ('-preview' for one not sent)."""
    name = re.sub(r"[^a-z0-9]+", "-", document["traveller"]["name"].lower()).strip("-")
    version = document.get("version")
    return f"travel-memo-{name or 'traveller'}-{f'v{version}' if version else 'preview'}.pdf"
