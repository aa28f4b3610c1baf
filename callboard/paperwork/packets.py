"""A start packet as one signed PDF, framework-free (no Django import): every completed form,
then the audit page (each event with its time, IP and the hash of the document it concerned),
sealed with the production's certificate (signing.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from callboard.documents.render import render_pdf

if TYPE_CHECKING:
    from .signing import Certificate

TEMPLATE = Path(__file__).parent / "typst" / "packet.typ"


def form_hash(values: dict) -> str:
    """SHA-256 of the submitted values in a canonical form: the same answers, the same hash."""
    canonical = json.dumps(
        values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def packet_pdf(data: dict) -> bytes:
    """data: {"production": {...}, "person": str, "forms": [{"title", "subtitle", "sections":
    [{"heading", "fields": [{"label", "value"}]}], "body", "signatures": [{"role", "name",
    "typed" | "svg", "signed_at", "method", "ip"}], "hash"}], "audit": [{"at", "event", "who",
    "ip", "hash"}]}"""
    return render_pdf(TEMPLATE, data)


def signed_packet(data: dict, certificate: Certificate, *, location: str = "") -> bytes:
    from .signing import sign_pdf  # pyHanko (and aiohttp) load when a packet is sealed

    return sign_pdf(
        packet_pdf(data),
        certificate,
        reason=f"Start packet of {data.get('person', '')}",
        location=location,
    )
