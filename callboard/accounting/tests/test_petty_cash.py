"""Petty cash: REFERENCE.md's envelope, receipts with their flags, the phone link, card
statements, the envelope PDF; all reaching the cost report."""

import io
import re
from datetime import date
from decimal import Decimal

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from callboard.accounting import services
from callboard.accounting.models import Envelope, LedgerLine, Receipt
from callboard.accounting.pettycash import receipt_flags, reconcile
from callboard.accounting.queries import cost_report
from callboard.core.models import OutboundEmail
from callboard.people.testing import make_person

from .test_budget_import import _upload

pytestmark = pytest.mark.django_db
CHART = (
    "Account,Description,Amount\n2700,Set dressing,10000\n2800,Props,3000\n2000,Production,5000\n"
)


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 1200), (230, 225, 210)).save(out, "JPEG")
    return out.getvalue()


def test_the_reference_envelope_balances_and_replenishes():
    result = reconcile(
        float_amount=Decimal("500"),
        cash_on_hand=Decimal("187.53"),
        lines=[("2700", Decimal("212.47")), ("2800", Decimal("100.00"))],
    )
    assert result.balanced and result.replenish == Decimal("312.47")
    assert result.by_account == {"2700": Decimal("212.47"), "2800": Decimal("100.00")}
    short = reconcile(
        float_amount=Decimal("500"),
        cash_on_hand=Decimal("180"),
        lines=[("2700", Decimal("312.47"))],
    )
    assert short.difference == Decimal("7.53")


def test_flags_name_what_was_found():
    assert receipt_flags(
        vendor="BevMo #12", descriptions=["Wine for picture car"], has_file=True
    ) == ["Alcohol: “wine” on the receipt"]
    assert receipt_flags(vendor="Chevron", descriptions=["Prepaid gas pump 4"], has_file=False) == [
        "Prepaid gas: “prepaid gas” on the receipt",
        "Missing receipt: no photo or PDF",
    ]
    assert receipt_flags(vendor="Smoke Shop", descriptions=["props"], has_file=True)[0].startswith(
        "Tobacco"
    )


@pytest.fixture
def envelope(coordinator_client, production):
    _upload(coordinator_client, production, CHART)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    person = make_person(production, first_name="Jo", last_name="Smith", email="jo@example.test")
    # JS01 and JS02 came before; this one is JS03.
    first = services.float_create(
        actor=None, production=production, person=person, initials="js", amount=Decimal("500")
    )
    Envelope.objects.filter(pk=first.pk).update(sequence=3)
    first.refresh_from_db()
    return first


def _add(client, production, envelope, **fields):
    post = {
        "vendor_name": "Home Depot",
        "date": "2026-03-02",
        "l0_account": "2700",
        "l0_description": "Diner curtains",
        "l0_amount": "212.47",
        "l0_set": "Rosie's",
        "file": SimpleUploadedFile("r.jpg", _photo()),
    } | fields
    return client.post(
        f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/receipts/", post, follow=True
    )


def test_an_envelope_from_receipts_to_reconciliation(coordinator_client, production, envelope):
    assert envelope.code == "JS03"
    _add(coordinator_client, production, envelope)
    _add(
        coordinator_client,
        production,
        envelope,
        vendor_name="Hollywood Props",
        l0_account="2800",
        l0_description="Police radio",
        l0_amount="100.00",
    )
    url = f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/"
    off = coordinator_client.post(f"{url}reconcile/", {"cash_on_hand": "180.00"})
    assert off.status_code == 400 and b"short by $7.53" in off.content
    assert not LedgerLine.objects.exists()
    page = coordinator_client.post(f"{url}reconcile/", {"cash_on_hand": "187.53"}, follow=True)
    assert b"replenish $312.47" in page.content
    envelope.refresh_from_db()
    assert (envelope.status, envelope.replenished) == ("reconciled", Decimal("312.47"))
    assert Envelope.objects.get(float=envelope.float, sequence=4).status == "open"  # JS04 opens
    rows = {r.code: r for r in cost_report(production).accounts}
    assert rows["2700"].actual == Decimal("212.47") and rows["2800"].actual == Decimal("100.00")
    late = _add(coordinator_client, production, envelope)
    assert b"is reconciled" in late.content


def test_a_photo_that_is_not_an_image_keeps_nothing(coordinator_client, production, envelope):
    response = _add(
        coordinator_client,
        production,
        envelope,
        file=SimpleUploadedFile("r.jpg", b"MZ\x90\x00 not an image"),
    )
    assert b"The photo:" in response.content and not Receipt.objects.exists()
    response = _add(coordinator_client, production, envelope, l0_account="9999")
    assert b"choose an account" in response.content and not Receipt.objects.exists()


def test_duplicates_and_missing_photos_are_flagged(coordinator_client, production, envelope):
    _add(coordinator_client, production, envelope)
    again = _add(coordinator_client, production, envelope, vendor_name="HOME DEPOT", file="")
    assert b"Likely duplicate" in again.content and b"Missing receipt" in again.content


def test_receipts_from_the_phone(client, production, envelope, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.envelope_link_send(actor=None, envelope=envelope)
    body = OutboundEmail.objects.get(to="jo@example.test").body
    assert body.startswith("Hello Jo Smith,\n\n") and "\\n" not in body
    link = re.search(r"(/l/receipts/\S+/)", body).group(1)
    assert client.get(link).status_code == 200
    response = client.post(
        link,
        {
            "vendor_name": "Michaels",
            "date": "2026-03-03",
            "l0_account": "2700",
            "l0_description": "Fake flowers",
            "l0_amount": "40.00",
            "file": SimpleUploadedFile("r.jpg", _photo()),
        },
    )
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert (receipt.envelope, receipt.total, receipt.content_type) == (
        envelope,
        Decimal("40.00"),
        "image/jpeg",
    )
    bad = client.post(link, {"vendor_name": "", "date": "2026-03-03"})
    assert bad.status_code == 400 and b"Say where it was bought" in bad.content
    services.envelope_reconcile(actor=None, envelope=envelope, cash_on_hand=Decimal("460"))
    assert client.get(link).status_code == 410


def test_card_statements_match_card_receipts(coordinator_client, production, envelope):
    _add(
        coordinator_client,
        production,
        envelope,
        paid="card",
        card_last4="4242",
        vendor_name="Staples",
        l0_account="2000",
        l0_description="Printer paper",
        l0_amount="86.10",
    )
    statement = (
        "Card,Date,Merchant,Amount\n****4242,03/03/2026,STAPLES 0042,86.10\n"
        "****4242,03/04/2026,UBER,23.00\n"
    )
    coordinator_client.post(
        f"/p/{production.slug}/accounting/petty-cash/statements/",
        {"file": SimpleUploadedFile("amex.csv", statement.encode())},
    )
    receipt = Receipt.objects.get()
    assert receipt.statement_line.merchant == "STAPLES 0042"
    assert next(r for r in cost_report(production).accounts if r.code == "2000").actual == Decimal(
        "86.10"
    )
    page = coordinator_client.get(f"/p/{production.slug}/accounting/petty-cash/")
    assert b"UBER" in page.content and b"no receipt" in page.content
    bad = coordinator_client.post(
        f"/p/{production.slug}/accounting/petty-cash/statements/",
        {
            "file": SimpleUploadedFile("amex.csv", b"Card,Date,Merchant,Amount\n1,someday,X,1\n"),
        },
    )
    assert bad.status_code == 400 and b"is not a date" in bad.content


def test_the_envelope_pdf_has_its_cover_and_every_receipt(coordinator_client, production, envelope):
    for n in range(3):
        _add(
            coordinator_client,
            production,
            envelope,
            vendor_name=f"Store {n}",
            l0_amount=f"{10 + n}.00",
        )
    url = f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/"
    coordinator_client.post(f"{url}pdf/")  # the task runs inline in tests
    envelope.refresh_from_db()
    assert (envelope.pdf_status, envelope.pdf_progress) == ("ready", 100)
    pdf = pypdfium2.PdfDocument(
        b"".join(coordinator_client.get(f"{url}envelope.pdf").streaming_content)
    )
    assert len(pdf) == 4
    cover = pdf[0].get_textpage().get_text_range()
    assert "Petty cash envelope JS03" in cover and "Store 2" in cover and "33.00" in cover
    assert date.today()


def test_expense_reports_per_person_with_a_csv(coordinator_client, production, envelope):
    _add(coordinator_client, production, envelope)
    _add(
        coordinator_client,
        production,
        envelope,
        paid="card",
        card_last4="4242",
        vendor_name="Staples",
        l0_account="2000",
        l0_description="Paper",
        l0_amount="86.10",
    )
    page = coordinator_client.get(f"/p/{production.slug}/accounting/expenses/")
    assert b"Jo Smith" in page.content and b"298.57" in page.content
    text = coordinator_client.get(f"/p/{production.slug}/accounting/expenses.csv").content.decode(
        "utf-8-sig"
    )
    assert (
        "Jo Smith,card,2000,Production,86.10" in text
        and "Jo Smith,petty cash,2700,Set dressing,212.47" in text
    )
