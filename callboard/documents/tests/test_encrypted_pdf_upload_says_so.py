"""An encrypted PDF upload is refused with its own message, not "cannot be read"."""

import io

import pytest
from pypdf import PdfWriter

from callboard.documents.uploads import UploadError, check_upload


def _pdf(encrypt: bool = False, pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("secret")  # RC4: pypdf needs no extra package for it
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_is_refused_as_password_protected():
    with pytest.raises(UploadError, match="password-protected: send it without the password"):
        check_upload(_pdf(encrypt=True))


def test_a_pdf_without_pages_is_refused_as_having_no_pages():
    with pytest.raises(UploadError, match="has no pages"):
        check_upload(_pdf(pages=0))


def test_a_plain_pdf_is_still_taken():
    assert check_upload(_pdf()).content_type == "application/pdf"
