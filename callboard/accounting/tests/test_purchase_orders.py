"""A PO from request to approval by amount, an invoice matched against it, and both in the
cost report (commitments, then actuals)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter

from callboard.accounting import queries, services
from callboard.accounting.models import Invoice, LedgerLine, PurchaseOrder
from callboard.accounting.queries import cost_report
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.people.models import Vendor

from .test_budget_import import BUDGET, _upload

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def books(coordinator_client, production):
    _upload(coordinator_client, production, BUDGET)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    return production, Vendor.objects.create(production=production, name="Hollywood Props")


def _po(client, production, vendor, rate="1200", quantity="2"):
    return client.post(
        f"/p/{production.slug}/accounting/pos/",
        {
            "vendor": vendor.pk,
            "description": "Diner dressing",
            "l0_account": "2700",
            "l0_description": "Booths and stools",
            "l0_quantity": quantity,
            "l0_rate": rate,
            "l0_start": "2026-03-01",
            "l0_end": "2026-03-14",
        },
    )


def test_the_chain_follows_the_amount(production):
    assert queries.chain_for(production, Decimal("4999")) == ["coordinator", "upm"]
    assert queries.chain_for(production, Decimal("5000.01")) == ["coordinator", "upm", "producer"]


def test_po_to_invoice_to_cost_report(coordinator_client, coordinator, books, client):
    production, vendor = books
    response = _po(coordinator_client, production, vendor)
    po = PurchaseOrder.objects.get()
    assert (po.number, po.status) == (1, "draft") and response["Location"].endswith(
        f"/pos/{po.pk}/"
    )
    url = f"/p/{production.slug}/accounting/pos/{po.pk}/"
    coordinator_client.post(url + "submit/", {})
    second = Client()  # who asked for the PO does not approve it: a second coordinator does
    second.force_login(add_member(production, Role.COORDINATOR))
    second.post(url + "approve/", {})
    po.refresh_from_db()
    assert (
        po.chain == ["coordinator", "upm"] and po.status == "pending" and po.next_approver == "upm"
    )
    refused = second.post(url + "approve/", {}, follow=True)
    assert b"waits for the upm" in refused.content
    upm = add_member(production, Role.UPM, make_user("upm@example.test"))
    client.force_login(upm)
    client.post(url + "approve/", {})
    po.refresh_from_db()
    assert po.status == "approved"
    row = next(r for r in cost_report(production).accounts if r.code == "2700")
    assert (row.commitments, row.etc, row.variance) == (
        Decimal("2400.00"),
        Decimal("10100.00"),
        Decimal("0"),
    )

    line = po.lines.get()
    entered = client.post(
        f"/p/{production.slug}/accounting/invoices/",
        {
            "vendor": vendor.pk,
            "number": "HP-1001",
            "date": "2026-03-15",
            "po": po.pk,
            "l0_account": "2700",
            "l0_description": "Booths and stools",
            "l0_amount": "2,600.00",
            "l0_po_line": line.pk,
            "file": SimpleUploadedFile("hp-1001.pdf", _pdf()),
        },
        follow=True,
    )
    assert b"To check before approval" in entered.content and b"over by $200.00" in entered.content
    invoice = Invoice.objects.get()
    assert invoice.file
    page = f"/p/{production.slug}/accounting/invoices/{invoice.pk}/"
    warning = queries.invoice_warnings(invoice)[0]
    # Every amount a warning states reads as money.
    assert "bills $2,600.00 against PO" in warning and "$2,400.00 ordered, $0.00 already" in warning
    client.post(
        page + "override/",
        {"warning": warning, "reason": "Two extra stools agreed by phone."},
    )
    second.post(page + "approve/", {})  # the UPM entered it: the second coordinator approves
    invoice.refresh_from_db()
    assert invoice.status == "approved" and LedgerLine.objects.get(
        source="invoice"
    ).amount == Decimal("2600.00")
    row = next(r for r in cost_report(production).accounts if r.code == "2700")
    assert (row.actual, row.commitments, row.efc) == (
        Decimal("2600.00"),
        Decimal("0"),
        Decimal("12500.00"),
    )
    client.post(f"/p/{production.slug}/accounting/invoices/batch/", {"invoice": [invoice.pk]})
    invoice.refresh_from_db()
    assert (invoice.status, invoice.batch_number) == ("batched", 1)
    pdf = client.get(f"/p/{production.slug}/accounting/pos/{po.pk}/po.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_a_po_past_the_budget_is_warned_not_blocked(coordinator_client, books):
    production, vendor = books
    response = _po(coordinator_client, production, vendor, rate="7000")
    assert PurchaseOrder.objects.count() == 1
    page = coordinator_client.get(response["Location"])
    assert (
        b"Over budget (warned, not blocked)" in page.content
        and b"over by $1,500.00" in page.content
    )


def test_bad_po_lines_save_nothing(coordinator_client, books):
    production, vendor = books
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/pos/",
        {
            "vendor": vendor.pk,
            "description": "x",
            "l0_account": "9999",
            "l0_description": "Mystery",
            "l0_rate": "10",
            "l1_account": "2700",
            "l1_description": "Stools",
            "l1_rate": "ten",
        },
    )
    assert response.status_code == 400 and "“ten” is not an amount".encode() in response.content
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/pos/",
        {
            "vendor": vendor.pk,
            "description": "x",
            "l0_account": "9999",
            "l0_description": "Mystery",
            "l0_rate": "10",
        },
    )
    assert b"account \xe2\x80\x9c9999\xe2\x80\x9d is not in the chart" in response.content
    assert not PurchaseOrder.objects.exists()


def test_the_same_invoice_twice_and_unknown_accounts_are_refused(coordinator_client, books):
    production, vendor = books
    post = {
        "vendor": vendor.pk,
        "number": "A-7",
        "date": "2026-03-02",
        "l0_account": "2800",
        "l0_description": "Prop rental",
        "l0_amount": "100",
    }
    coordinator_client.post(f"/p/{production.slug}/accounting/invoices/", post)
    again = coordinator_client.post(
        f"/p/{production.slug}/accounting/invoices/", post | {"number": "a-7"}
    )
    assert again.status_code == 400 and b"already entered" in again.content
    unknown = coordinator_client.post(
        f"/p/{production.slug}/accounting/invoices/", post | {"number": "A-8", "l0_account": "8888"}
    )
    assert unknown.status_code == 400 and b"not in the chart" in unknown.content
    not_a_pdf = coordinator_client.post(
        f"/p/{production.slug}/accounting/invoices/",
        post | {"number": "A-9", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")},
    )
    assert not_a_pdf.status_code == 400
    assert Invoice.objects.count() == 1


def test_over_5000_needs_the_producer(coordinator_client, coordinator, books, client):
    production, vendor = books
    _po(coordinator_client, production, vendor, rate="3000")
    po = PurchaseOrder.objects.get()
    services.po_submit(actor=coordinator, po=po)
    po.refresh_from_db()
    assert po.chain == ["coordinator", "upm", "producer"]
    upm, admin = add_member(production, Role.UPM), add_member(production, Role.STUDIO_ADMIN)
    services.po_approve(actor=add_member(production, Role.COORDINATOR), role="coordinator", po=po)
    services.po_approve(actor=upm, role="upm", po=po)
    with pytest.raises(services.AccountingError):
        services.po_approve(actor=upm, role="upm", po=po)
    assert services.po_approve(actor=admin, role="studio_admin", po=po).status == "approved"
    assert cost_report(production).total.commitments == Decimal("6000.00")
    services.po_close(actor=coordinator, po=po)
    assert cost_report(production).total.commitments == Decimal("0")
    assert date.today()  # the report is computed from the books, not the calendar


def test_the_approval_chain_is_the_productions_own(member_client, production):
    url = f"/p/{production.slug}/accounting/approvals/"
    # Those who approve spending day to day do not decide who approves it.
    assert member_client(Role.COORDINATOR).post(url, {"chain": "coordinator 0"}).status_code == 403
    coordinator_client = member_client(Role.UPM)
    coordinator_client.post(url, {"chain": "coordinator 0\nproducer 2,500"})
    assert queries.chain_for(production, Decimal("3000")) == ["coordinator", "producer"]
    assert queries.chain_for(production, Decimal("100")) == ["coordinator"]
    bad = coordinator_client.post(url, {"chain": "grip 0"})
    assert bad.status_code == 400 and "“grip” is not an approver".encode() in bad.content
    worse = coordinator_client.post(url, {"chain": "upm lots"})
    assert worse.status_code == 400
    assert queries.chain_for(production, Decimal("3000")) == ["coordinator", "producer"]


def test_an_invoice_against_a_po_bills_its_lines(coordinator_client, coordinator, books):
    production, vendor = books
    po, _ = services.po_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        description="Two lines",
        lines=[
            services.LineInput("2700", "Booths", Decimal("1"), Decimal("1000")),
            services.LineInput("2800", "Radios", Decimal("1"), Decimal("200")),
        ],
    )
    second, upm = add_member(production, Role.COORDINATOR), add_member(production, Role.UPM)
    services.po_submit(actor=coordinator, po=po)
    services.po_approve(actor=second, role="coordinator", po=po)
    services.po_approve(actor=upm, role="upm", po=po)
    with pytest.raises(services.AccountingError) as caught:
        services.invoice_create(
            actor=coordinator,
            production=production,
            vendor=vendor,
            number="X1",
            on=date(2026, 3, 2),
            po=po,
            lines=[services.InvoiceLineInput("2700", "Booths", Decimal("1000"))],
        )
    assert "say which line of PO 0001 it bills" in caught.value.problems[0]
    single, _ = services.po_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        description="One line",
        lines=[services.LineInput("2700", "Stools", Decimal("1"), Decimal("500"))],
    )
    services.po_submit(actor=coordinator, po=single)
    services.po_approve(actor=second, role="coordinator", po=single)
    services.po_approve(actor=upm, role="upm", po=single)
    invoice, _ = services.invoice_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        number="X2",
        on=date(2026, 3, 2),
        po=single,
        lines=[services.InvoiceLineInput("2700", "Stools", Decimal("500"))],
    )
    services.invoice_approve(actor=upm, invoice=invoice)
    row = next(r for r in cost_report(production).accounts if r.code == "2700")
    assert (row.actual, row.commitments) == (
        Decimal("500.00"),
        Decimal("1000.00"),
    )  # only the two-line PO is open


def test_a_refused_invoice_shows_its_lines_back(coordinator_client, books):
    production, vendor = books
    post = {
        "vendor": vendor.pk,
        "number": "Z-1",
        "date": "",
        "l0_account": "2800",
        "l0_description": "Radio rental week 2",
        "l0_amount": "345.67",
    }
    refused = coordinator_client.post(f"/p/{production.slug}/accounting/invoices/", post)
    assert refused.status_code == 400
    assert (
        b'value="Radio rental week 2"' in refused.content and b'value="345.67"' in refused.content
    )
    assert b'value="2800" selected' in refused.content


def test_a_step_posted_from_a_page_opened_before_it_had_its_own_url_does_nothing_and_says_so(
    coordinator_client, books
):
    production, vendor = books
    _po(coordinator_client, production, vendor)
    po = PurchaseOrder.objects.get()
    url = f"/p/{production.slug}/accounting/pos/{po.pk}/"

    answer = coordinator_client.post(url, {"action": "submit"}, follow=True)

    po.refresh_from_db()
    assert po.status == "draft"
    assert b"Nothing was done: the page was out of date" in answer.content
