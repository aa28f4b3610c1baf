"""Invoice numbers compared as a clerk would; invoices, receipts and check requests voided
with a reason (never deleted, the ledger reversed, still listed and marked); a check for a
different amount than approved is refused; a PO's "invoiced" counts approved invoices."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import given
from hypothesis import strategies as st

from callboard.accounting import services
from callboard.accounting.duplicates import invoice_number_key
from callboard.accounting.models import CheckPickup, CheckRequest, Invoice, LedgerLine, Receipt
from callboard.accounting.queries import cost_report
from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.people.testing import make_person

from .test_approval_controls import _client, _invoice, books  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_invoice_numbers_compare_without_case_spaces_dashes_or_leading_zeros():
    assert {
        invoice_number_key(n)
        for n in ("KLS 1001", "KLS-1001", "kls1001", "KLS-01001", " kls_1001 ")
    } == {"kls1001"}
    assert invoice_number_key("KLS-1001") != invoice_number_key("KLS-1010")
    assert invoice_number_key("100") != invoice_number_key("1000")


@given(st.text(alphabet="AB01- ", max_size=12))
def test_a_number_s_key_ignores_how_it_is_typed(number):
    assert invoice_number_key(number) == invoice_number_key(
        number.lower().replace("-", " ").replace(" ", "")
    )


def test_the_same_invoice_typed_another_way_is_refused(coordinator, books):  # noqa: F811
    production, vendor = books
    _invoice(coordinator, production, vendor, number="KLS 1001")
    for typed in ("KLS-1001", "kls1001", "KLS-01001"):
        with pytest.raises(services.AccountingError, match="already entered as KLS 1001"):
            _invoice(coordinator, production, vendor, number=typed, amount="999")
    assert Invoice.objects.count() == 1


def test_a_voided_invoice_is_reversed_and_stays_listed(coordinator, books):  # noqa: F811
    production, vendor = books
    invoice = _invoice(coordinator, production, vendor, number="KLS-1001")
    upm = add_member(production, Role.UPM)
    services.invoice_approve(actor=upm, invoice=invoice)
    with pytest.raises(services.AccountingError, match="Say why"):
        services.invoice_void(actor=upm, invoice=invoice, reason="oops")
    assert Invoice.objects.get().voided_at is None
    _client(upm).post(
        f"/p/{production.slug}/accounting/invoices/{invoice.pk}/void/",
        {"reason": "Entered twice: paid under KLS-1001A."},
    )
    invoice.refresh_from_db()
    assert invoice.voided_at and invoice.voided_by == upm
    lines = LedgerLine.objects.filter(source="invoice", source_id=invoice.pk)
    assert sorted(ln.amount for ln in lines) == [Decimal("-300.00"), Decimal("300.00")]
    assert next(r for r in cost_report(production).accounts if r.code == "2700").actual == 0
    listing = _client(upm).get(f"/p/{production.slug}/accounting/invoices/")
    assert b"KLS-1001" in listing.content and b"Void" in listing.content
    with pytest.raises(services.AccountingError, match="already void"):
        services.invoice_void(actor=upm, invoice=invoice, reason="Entered twice, again.")
    # Its number can be entered again, correctly this time.
    assert _invoice(coordinator, production, vendor, number="KLS 1001").pk != invoice.pk


def test_a_voided_check_request_is_reversed_and_refuses_its_check(coordinator, books):  # noqa: F811
    production, _ = books
    request = services.check_request_create(
        actor=coordinator,
        production=production,
        payee="Rosie's Diner",
        reason="Location fee",
        lines=[services.InvoiceLineInput("2000", "Fee", Decimal("1500"))],
    )
    services.check_request_submit(actor=coordinator, request=request)
    services.check_request_approve(
        actor=add_member(production, Role.COORDINATOR), role="coordinator", request=request
    )
    services.check_request_approve(
        actor=add_member(production, Role.UPM), role="upm", request=request
    )
    services.check_request_void(
        actor=coordinator, request=request, reason="The location cancelled the day."
    )
    assert LedgerLine.objects.aggregate(t=Sum("amount"))["t"] == 0
    with pytest.raises(services.AccountingError, match="is void"):
        services.check_pickup_record(
            actor=coordinator,
            production=production,
            check_number="1",
            payee="Rosie",
            amount=Decimal("1500"),
            picked_up_by="Rosa",
            request=request,
        )
    assert CheckRequest.objects.get().status == "approved" and not CheckPickup.objects.exists()


def test_a_check_for_another_amount_than_approved_is_refused(coordinator, books):  # noqa: F811
    production, _ = books
    request = services.check_request_create(
        actor=coordinator,
        production=production,
        payee="Rosie's Diner",
        reason="Location fee",
        lines=[services.InvoiceLineInput("2000", "Fee", Decimal("1500"))],
    )
    services.check_request_submit(actor=coordinator, request=request)
    services.check_request_approve(
        actor=add_member(production, Role.COORDINATOR), role="coordinator", request=request
    )
    upm = add_member(production, Role.UPM)
    services.check_request_approve(actor=upm, role="upm", request=request)
    refused = _client(upm).post(
        f"/p/{production.slug}/accounting/payments/pickups/",
        {
            "check_number": "1042",
            "check_request": request.pk,
            "amount": "15,000",
            "picked_up_by": "Rosa",
        },
    )
    assert refused.status_code == 400 and b"was approved for $1,500.00" in refused.content
    request.refresh_from_db()
    assert (request.status, request.check_number) == (
        "approved",
        "",
    ) and not CheckPickup.objects.exists()


def test_a_voided_receipt_leaves_the_envelope_s_count(coordinator, books):  # noqa: F811
    production, _ = books
    envelope = services.float_create(
        actor=coordinator,
        production=production,
        person=make_person(production),
        initials="JS",
        amount=Decimal("500"),
    )
    receipts = [
        services.receipt_add(
            production=production,
            person=envelope.float.person,
            envelope=envelope,
            on=date(2026, 3, 2),
            vendor_name=store,
            actor=coordinator,
            lines=[services.ReceiptLineInput("2700", "Hardware", Decimal(amount))],
        )[0]
        for store, amount in (("Home Depot", "100"), ("Lowe's", "50"))
    ]
    page = f"/p/{production.slug}/accounting/petty-cash/{envelope.pk}/"
    client = _client(coordinator)
    client.post(
        f"{page}receipts/{receipts[1].pk}/void/", {"reason": "Personal purchase, paid back."}
    )
    assert Receipt.objects.get(pk=receipts[1].pk).voided_at is not None
    shown = client.get(page)
    assert b"Lowe" in shown.content and b"Personal purchase, paid back." in shown.content
    services.envelope_reconcile(actor=coordinator, envelope=envelope, cash_on_hand=Decimal("400"))
    assert LedgerLine.objects.filter(source="receipt").aggregate(t=Sum("amount"))["t"] == Decimal(
        "100"
    )
    services.receipt_void(
        actor=coordinator, receipt=receipts[0], reason="The store refunded it in full."
    )
    assert LedgerLine.objects.filter(source="receipt").aggregate(t=Sum("amount"))["t"] == 0


def test_a_po_s_invoiced_column_counts_approved_invoices_only(coordinator, books):  # noqa: F811
    production, vendor = books
    po, _ = services.po_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        description="Booths",
        lines=[services.LineInput("2700", "Booths", Decimal("1"), Decimal("1000"))],
    )
    upm = add_member(production, Role.UPM)
    services.po_submit(actor=coordinator, po=po)
    services.po_approve(actor=add_member(production, Role.COORDINATOR), role="coordinator", po=po)
    services.po_approve(actor=upm, role="upm", po=po)
    line = po.lines.get()
    services.invoice_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        number="B-1",
        on=date(2026, 3, 2),
        po=po,
        lines=[services.InvoiceLineInput("2700", "Booths", Decimal("400"), line.pk)],
    )
    page = _client(upm).get(f"/p/{production.slug}/accounting/pos/{po.pk}/")
    row = next(r for r in page.context["lines"])
    assert row.billed is None  # entered, not approved: not invoiced yet
    services.invoice_approve(actor=upm, invoice=Invoice.objects.get())
    row = next(
        r
        for r in _client(upm).get(f"/p/{production.slug}/accounting/pos/{po.pk}/").context["lines"]
    )
    assert row.billed == Decimal("400.00")
