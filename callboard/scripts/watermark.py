"""Stamp each recipient's name on every page of a script. No Django here.

A distribution stamps the same script for hundreds of people, so the PDF is
parsed once: every page gains a one-line instruction to draw a shared form
XObject, and for each recipient only that form's few bytes change before the
file is written again. The stamp uses the standard Helvetica fonts every PDF
reader has (nothing embedded), so copies stay the size of the original.
"""

import math
from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)

STAMP_NAME = NameObject("/CallboardStamp")
# Helvetica-Bold's average advance, for centring without embedding the font's metrics.
AVERAGE_ADVANCE = 0.6


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1 names print right; anything else becomes '?')."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _stamp(width: float, height: float, text: str, footer: str) -> bytes:
    size = min(44.0, 0.9 * math.hypot(width, height) / max(1, len(text)) / AVERAGE_ADVANCE)
    angle = math.atan2(height, width)
    cos, sin = math.cos(angle), math.sin(angle)
    half = len(text) * size * AVERAGE_ADVANCE / 2
    x = width / 2 - cos * half + sin * size / 3
    y = height / 2 - sin * half - cos * size / 3
    footer_size = 8.0
    footer_x = max(18.0, (width - len(footer) * footer_size * 0.5) / 2)
    return b"\n".join(
        [
            b"q /CallboardAlpha gs 0.45 g BT /CallboardBold %.2f Tf" % size,
            b"%.4f %.4f %.4f %.4f %.2f %.2f Tm %s Tj ET Q"
            % (cos, sin, -sin, cos, x, y, _pdf_text(text)),
            b"q 0.35 g BT /CallboardRegular %.1f Tf 1 0 0 1 %.2f 24 Tm %s Tj ET Q"
            % (footer_size, footer_x, _pdf_text(footer)),
        ]
    )


def _font(name: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(name),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


class Watermarker:
    """Parse a script PDF once; make as many stamped copies of it as needed."""

    def __init__(self, pdf: bytes):
        self.writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
        resources = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject(
                    {
                        NameObject("/CallboardBold"): _font("/Helvetica-Bold"),
                        NameObject("/CallboardRegular"): _font("/Helvetica"),
                    }
                ),
                NameObject("/ExtGState"): DictionaryObject(
                    {
                        NameObject("/CallboardAlpha"): DictionaryObject(
                            {
                                NameObject("/Type"): NameObject("/ExtGState"),
                                NameObject("/ca"): FloatObject(0.25),
                            }
                        ),
                    }
                ),
            }
        )
        self.forms: dict[tuple[float, float], DecodedStreamObject] = {}
        for page in self.writer.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if size not in self.forms:
                form = DecodedStreamObject()
                form.update(
                    {
                        NameObject("/Type"): NameObject("/XObject"),
                        NameObject("/Subtype"): NameObject("/Form"),
                        NameObject("/BBox"): ArrayObject(
                            [
                                NumberObject(0),
                                NumberObject(0),
                                FloatObject(size[0]),
                                FloatObject(size[1]),
                            ]
                        ),
                        NameObject("/Resources"): resources,
                    }
                )
                self.forms[size] = form
                self.forms[size].indirect = self.writer._add_object(form)
            page_resources = page.setdefault(
                NameObject("/Resources"), DictionaryObject()
            ).get_object()
            xobjects = page_resources.setdefault(
                NameObject("/XObject"), DictionaryObject()
            ).get_object()
            xobjects[STAMP_NAME] = self.forms[size].indirect
            # The page's own streams stay as they are (by reference), wrapped in q/Q so the
            # stamp is drawn from a clean graphics state.
            existing = page.get(NameObject("/Contents"))
            streams = (
                []
                if existing is None
                else (
                    list(existing.get_object())
                    if isinstance(existing.get_object(), ArrayObject)
                    else [existing]
                )
            )
            wrap_open, wrap_close = DecodedStreamObject(), DecodedStreamObject()
            wrap_open.set_data(b"q")
            wrap_close.set_data(b"Q q /CallboardStamp Do Q")
            page[NameObject("/Contents")] = ArrayObject(
                [self.writer._add_object(wrap_open), *streams, self.writer._add_object(wrap_close)]
            )

    def copy(self, *, text: str, footer: str) -> bytes:
        for (width, height), form in self.forms.items():
            form.set_data(_stamp(width, height, text, footer))
        self.writer.add_metadata({"/Subject": footer})
        out = BytesIO()
        self.writer.write(out)
        return out.getvalue()


def watermark_pdf(pdf: bytes, *, text: str, footer: str) -> bytes:
    return Watermarker(pdf).copy(text=text, footer=footer)
