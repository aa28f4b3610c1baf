"""Putting the binder together, framework-free (no Django import): tables the apps do not print,
images as PDF pages, the cover and contents, and the merge with one bookmark per section and per
document; the ZIP of the same documents in numbered folders."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from callboard.documents.render import render_pdf

TYPST_DIR = Path(__file__).parent / "typst"


@dataclass
class Doc:
    """One document of a section: the PDF bound into the binder. ``original`` is the stored
    file when it must reach the ZIP byte for byte (a sealed, signed packet: merging it into the
    binder keeps its pages, not its signature)."""

    title: str
    filename: str
    pdf: bytes
    original: bytes | None = None


@dataclass
class BuiltSection:
    number: int
    title: str
    docs: list[Doc] = field(default_factory=list)
    failed: str = ""


def table_pdf(
    *,
    production: dict,
    title: str,
    columns: list[tuple[str, float] | tuple[str, float, str]],
    rows: list[list[str]],
    subtitle: str = "",
    note: str = "",
    totals: list[str] | None = None,
    printed: str = "",
) -> bytes:
    """A record as a table: ``columns`` are (label, width fraction[, "right"])."""
    return render_pdf(
        TYPST_DIR / "table.typ",
        {
            "production": production,
            "title": title,
            "subtitle": subtitle,
            "note": note,
            "landscape": len(columns) > 6,
            "columns": [
                {"label": c[0], "width": c[1], "align": c[2] if len(c) > 2 else "left"}
                for c in columns
            ],
            "rows": [[str(v) if v is not None else "" for v in row] for row in rows],
            "totals": totals,
            "printed": printed,
        },
    )


def image_pdf(data: bytes) -> bytes:
    """A photographed page (JPEG, PNG) as a one-page PDF."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.convert("RGB").save(out, "PDF", resolution=150.0)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _contents(sections: list[BuiltSection], front: int) -> list[dict]:
    """Each section and document with the binder page it starts on, after ``front`` pages."""
    page = front + 1
    rows = []
    for section in sections:
        documents = []
        start = page
        for doc in section.docs:
            documents.append({"title": doc.title, "page": str(page)})
            page += page_count(doc.pdf)
        rows.append(
            {
                "number": str(section.number),
                "title": section.title,
                "page": str(start) if section.docs else "",
                "failed": section.failed,
                "documents": documents,
            }
        )
    return rows


def cover_pdf(cover: dict, sections: list[BuiltSection]) -> bytes:
    """The cover and contents, numbered against their own length (rendered again when the
    numbers themselves change how many pages the contents take)."""
    pages = sum(page_count(d.pdf) for s in sections for d in s.docs)
    documents = sum(len(s.docs) for s in sections)
    front = 2
    for _ in range(4):
        data = {
            **cover,
            "sections": _contents(sections, front),
            "documents": str(documents),
            "pages": str(pages + front),
        }
        pdf = render_pdf(TYPST_DIR / "cover.typ", data)
        if page_count(pdf) == front:
            return pdf
        front = page_count(pdf)
    return pdf


def binder_pdf(cover: bytes, sections: list[BuiltSection]) -> tuple[bytes, int]:
    """The cover, then every document, with a bookmark per section and per document under it.
    Returns the PDF and its page count."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)))
    writer.add_outline_item("Cover and contents", 0)
    for section in sections:
        start = len(writer.pages)
        parent = None
        for doc in section.docs:
            page = len(writer.pages)
            writer.append(PdfReader(io.BytesIO(doc.pdf)), import_outline=False)
            if parent is None:
                parent = writer.add_outline_item(f"{section.number}. {section.title}", start)
            writer.add_outline_item(doc.title, page, parent=parent)
        if parent is None:
            # A section with nothing in it (or that failed) still has its bookmark: the contents.
            writer.add_outline_item(f"{section.number}. {section.title}", 1)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def safe_name(text: str, limit: int = 80) -> str:
    """A file or folder name that every system takes."""
    name = re.sub(r"[^A-Za-z0-9.,_ -]+", "-", text).strip(" .-")
    return re.sub(r"-{2,}", "-", name)[:limit] or "document"


def section_folder(section: BuiltSection) -> str:
    return f"{section.number:02d} {safe_name(section.title)}"


def binder_zip(cover: bytes, sections: list[BuiltSection]) -> bytes:
    """The same documents in numbered folders per section, numbered in binder order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00 Cover and contents.pdf", cover)
        for section in sections:
            folder = section_folder(section)
            if not section.docs:
                note = section.failed or "Nothing on file for this section."
                archive.writestr(f"{folder}/README.txt", note + "\n")
            for index, doc in enumerate(section.docs, start=1):
                stem = safe_name(Path(doc.filename).stem)
                archive.writestr(f"{folder}/{index:03d} {stem}.pdf", doc.original or doc.pdf)
    return out.getvalue()
