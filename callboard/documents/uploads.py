"""Photos and PDFs uploaded from a phone (identity documents, receipts, invoices, insurance
certificates), framework-free: only a real JPEG, PNG or PDF is taken (what the bytes are,
not what the name says), and big photos are downscaled so a 50 MB phone picture becomes a
readable ~1 MB JPEG."""

from __future__ import annotations

import io
from dataclasses import dataclass

MAX_UPLOAD_BYTES = 60 * 1024 * 1024
MAX_SIDE = 2400  # pixels: plenty to read a passport or a licence
KEEP_BELOW = 3 * 1024 * 1024  # smaller images are kept as they are


class UploadError(ValueError):
    """The file is not what it claims or cannot be used; the message says why."""


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    content_type: str
    extension: str
    downscaled: bool = False


def _pdf(data: bytes) -> CheckedUpload:
    from pypdf import PdfReader  # pypdf and Pillow load with an upload, not with the URLconf
    from pypdf.errors import PdfReadError

    # The specific refusals are raised outside the try: UploadError is a ValueError, which
    # the except below would otherwise turn into "cannot be read".
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UploadError("This file says it is a PDF but cannot be read as one.") from exc
    if encrypted:
        raise UploadError("This PDF is password-protected: send it without the password.")
    if not pages:
        raise UploadError("This PDF has no pages.")
    return CheckedUpload(data, "application/pdf", "pdf")


def _image(data: bytes) -> CheckedUpload:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UploadError(
            "This is not a photo we can read: send a JPEG or PNG (on an iPhone, Settings → "
            "Camera → Formats → Most Compatible), or a PDF."
        ) from exc
    if kind not in ("JPEG", "PNG"):
        raise UploadError(f"{kind} images are not taken: send a JPEG or PNG, or a PDF.")
    if len(data) <= KEEP_BELOW and max(image.size) <= MAX_SIDE:
        return CheckedUpload(data, f"image/{kind.lower()}", "jpg" if kind == "JPEG" else "png")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return CheckedUpload(out.getvalue(), "image/jpeg", "jpg", downscaled=True)


def check_upload(data: bytes) -> CheckedUpload:
    if not data:
        raise UploadError("The file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"The file is {len(data) // 1024 // 1024} MB; up to 60 MB is taken.")
    if data[:5] == b"%PDF-":
        return _pdf(data)
    return _image(data)
