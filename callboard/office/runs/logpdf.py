"""The day's run log as a PDF. Framework-free: takes the document runs.queries.log_document
builds (plain text values) and returns the PDF's bytes, rendered by typst/run_log.typ."""

from __future__ import annotations

from pathlib import Path

from callboard.documents.render import render_pdf

LOG_TEMPLATE = Path(__file__).parent / "typst" / "run_log.typ"


def log_pdf(document: dict) -> bytes:
    return render_pdf(LOG_TEMPLATE, document)


def file_name(document: dict) -> str:
    return f"run-log-{document['date']}.pdf"
