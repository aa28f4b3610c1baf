"""The gate list and the pass card as files: PDF through typst, CSV and XLSX through the one
tabular writer, and the QR code (segno) that holds a pass's signed link."""

from __future__ import annotations

import io
import re
from pathlib import Path

import segno

from callboard.documents.render import render_pdf
from callboard.documents.tabular import write_csv
from callboard.office.models import Pass

from . import rules

TYPST = Path(__file__).parent / "typst"


def qr_svg(url: str, *, scale: int = 1) -> str:
    """The QR code of ``url`` as SVG (our own signed URL: no user text in it)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", xmldecl=False, border=2, scale=scale)
    return buffer.getvalue().decode()


def list_pdf(document: dict) -> bytes:
    return render_pdf(TYPST / "gate_list.typ", document)


def list_csv(document: dict) -> bytes:
    return write_csv(document["headers"], document["rows"])


def list_xlsx(document: dict) -> bytes:
    from callboard.documents.xlsx import write_xlsx  # openpyxl loads on first use, not at start

    title = f"{document['title']} — {document['gate']} — {document['day']}"
    return write_xlsx(document["headers"], document["rows"], sheet_title="Gate list", title=title)


def list_file_name(document: dict, extension: str) -> str:
    gate = re.sub(r"[^a-z0-9]+", "-", document["gate"].lower()).strip("-") or "gate"
    kind = "run-of-show" if document["title"].startswith("Run") else "gate-list"
    return f"{kind}-{gate}-{document['iso_day']}.{extension}"


def card_document(pass_obj: Pass, link: str) -> dict:
    kind = "WALK-ON" if pass_obj.vehicle == Pass.Vehicle.WALK_ON else "DRIVE-ON"
    return {
        "production": pass_obj.production.display_title,
        "kind": "DELIVERY" if pass_obj.purpose == Pass.Purpose.DELIVERY else kind,
        "code": pass_obj.code,
        "name": pass_obj.name,
        "company": pass_obj.company,
        "dates": rules.date_span(pass_obj.start_date, pass_obj.end_date)
        + (" (run of show)" if pass_obj.run_of_show else ""),
        "gate": pass_obj.gate.name,
        "stage": pass_obj.stage,
        "host": pass_obj.host,
        "vehicle": " ".join(x for x in (pass_obj.vehicle_text, pass_obj.plate) if x),
        "valid_until": f"{pass_obj.end_date:%b %-d, %Y}",
        "qr": qr_svg(link),
    }


def card_pdf(document: dict) -> bytes:
    return render_pdf(TYPST / "pass_card.typ", document)
