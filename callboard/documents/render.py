"""Turn a typst template plus a dict of data into PDF bytes.

Framework-free on purpose: no Django here, so the templates can be rendered from tests,
scripts and background tasks alike.

The data reaches the template as one JSON string in ``sys.inputs.data``; a template starts with

    #let data = json(bytes(sys.inputs.data))

and only ever places the *values* it reads into the document, so text coming from users is never
parsed as typst markup.
"""

from __future__ import annotations

import functools
import io
import json
import pathlib

import typst

__all__ = ["RenderError", "pdf_page_count", "render_pdf"]


class RenderError(Exception):
    """The template could not be compiled (syntax error, bad data, missing font...)."""


@functools.cache
def _fonts() -> typst.Fonts:
    # Scanning the system fonts costs ~10 ms per compile and far more on the first one; the set of
    # installed fonts does not change while the process runs, so scan once. Templates and data are
    # read afresh on every call.
    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


def render_pdf(template: pathlib.Path, data: dict) -> bytes:
    """Compile ``template`` with ``data`` (JSON-serialisable; other values go through ``str``)."""
    template = pathlib.Path(template)
    if not template.is_file():
        raise RenderError(f"Template not found: {template}")
    try:
        payload = json.dumps(data, default=str, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"The data could not be encoded: {exc}") from exc
    try:
        pdf = typst.compile(
            str(template),
            root=str(template.parent),
            font_paths=_fonts(),
            format="pdf",
            sys_inputs={"data": payload},
        )
    except typst.TypstError as exc:
        raise RenderError(_describe(exc)) from exc
    except (RuntimeError, ValueError, OSError) as exc:
        raise RenderError(str(exc) or exc.__class__.__name__) from exc
    if not isinstance(pdf, bytes):  # pragma: no cover - only when typst writes to a file
        raise RenderError("typst returned no PDF")
    return pdf


def _describe(exc: typst.TypstError) -> str:
    message = getattr(exc, "message", "") or str(exc)
    hints = [h for h in (getattr(exc, "hints", None) or []) if h]
    if hints:
        message += " (hint: " + "; ".join(hints) + ")"
    return message


def pdf_page_count(pdf: bytes) -> int:
    """Number of pages in a PDF (for tests and for showing "3 pages" next to a download)."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
