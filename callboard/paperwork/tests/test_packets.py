"""A packet renders every form and the audit page, and its seal catches any change."""

import pypdfium2 as pdfium

from callboard.paperwork.packets import form_hash, packet_pdf, signed_packet
from callboard.paperwork.signing import make_certificate, verify_pdf

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><path d="M5 40 C 30 5, 50 55,'
    ' 80 25" stroke="black" fill="none" stroke-width="2"/></svg>'
)


def _packet(forms: int = 3) -> dict:
    return {
        "production": {"title": "The Long Night", "company": "Nightjar Pictures LLC"},
        "person": "Ann Lee",
        "forms": [
            {
                "title": f"Form {n}",
                "subtitle": "Non-union",
                "sections": [
                    {
                        "heading": "Employee",
                        "fields": [
                            {"label": "Legal name", "value": "Ann Lee"},
                            {"label": "SSN", "value": "•••-••-6789"},
                        ],
                    }
                ],
                "body": "#set text(red) *not markup*",
                "signatures": [
                    {
                        "role": "Employee",
                        "name": "Ann Lee",
                        "svg": SVG if n == 1 else "",
                        "typed": "Ann Lee",
                        "signed_at": "Mar 1, 2026 09:12",
                        "method": "typed",
                        "ip": "203.0.113.5",
                    },
                ],
                "hash": form_hash({"n": n}),
            }
            for n in range(1, forms + 1)
        ],
        "audit": [
            {
                "at": "Mar 1, 2026 09:12",
                "event": "Form 1 submitted",
                "who": "Ann Lee",
                "ip": "203.0.113.5",
                "hash": form_hash({"n": 1}),
            }
        ],
    }


def _text(pdf: bytes) -> str:
    return "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))


def test_each_form_has_its_page_and_the_audit_trail_comes_last():
    pdf = packet_pdf(_packet(3))
    assert len(pdfium.PdfDocument(pdf)) == 4
    text = _text(pdf)
    assert "Form 3" in text and "Audit trail" in text and "203.0.113.5" in text
    assert "#set text(red) *not markup*" in text


def test_the_hash_of_the_same_answers_is_the_same():
    assert form_hash({"a": 1, "b": "x"}) == form_hash({"b": "x", "a": 1})
    assert form_hash({"a": 1}) != form_hash({"a": 2})


def test_a_signed_packet_verifies_and_any_change_is_caught():
    certificate = make_certificate(common_name="Show paperwork", organisation="Show LLC")
    signed = signed_packet(_packet(2), certificate)
    assert verify_pdf(signed, trusted_cert_pem=certificate.cert_pem).intact
    at = len(signed) // 3
    assert not verify_pdf(signed[:at] + bytes([signed[at] ^ 1]) + signed[at + 1 :]).intact
