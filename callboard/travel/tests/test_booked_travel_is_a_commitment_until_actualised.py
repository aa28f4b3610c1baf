"""A booked flight's or hotel's cost, coded to an account, is on the cost report as a
commitment (beside the open POs) until the invoice or card receipt that paid it is linked:
then the ledger has it as actual and the commitment is gone. Cancelled and proposed bookings
commit nothing. Accounting does not import travel: travel registers its reader."""

import datetime as dt
from decimal import Decimal

import pytest

from callboard.accounting import services as accounting
from callboard.accounting.models import Account, Budget, BudgetLine
from callboard.accounting.queries import commitments, cost_report
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.core.testing import add_member, make_production
from callboard.people.models import Person, Vendor
from callboard.people.testing import make_person
from callboard.travel.models import Booking
from callboard.travel.services import TravelError, booking_actualise, booking_cancel, booking_save

pytestmark = pytest.mark.django_db
TRAVEL = "4100"


def _chart(production):
    account = Account.objects.create(
        production=production, code=TRAVEL, number=TRAVEL, description="Travel", category="Other"
    )
    budget = Budget.objects.create(production=production, version=1, name="Shooting budget")
    BudgetLine.objects.create(budget=budget, account=account, amount=Decimal("20000"))


@pytest.fixture
def books(production):
    _chart(production)
    return Vendor.objects.create(production=production, name="Delta Air Lines")


@pytest.fixture
def margo(production):
    return make_person(production, kind=Person.Kind.CAST, first_name="Margo", last_name="Lane")


def _flight(production, person, cost="612.40", status="booked", code=TRAVEL):
    values = {
        "person": person,
        "status": status,
        "carrier": "DL",
        "number": "402",
        "origin": "JFK",
        "destination": "LAX",
        "starts_local": dt.datetime(2026, 12, 9, 8, 0),
        "ends_local": dt.datetime(2026, 12, 9, 11, 30),
        "cost": Decimal(cost),
        "account_code": code,
    }
    return booking_save(actor=None, production=production, kind="flight", values=values)


def _committed(production) -> Decimal:
    row = next(r for r in cost_report(production).accounts if r.code == TRAVEL)
    return row.commitments


def _invoice(production, vendor, coordinator, amount="612.40", number="DL-1"):
    invoice, _ = accounting.invoice_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        number=number,
        on=dt.date(2026, 12, 1),
        lines=[accounting.InvoiceLineInput(TRAVEL, "Margo JFK-LAX", Decimal(amount))],
    )
    return invoice


def test_the_cost_report_commits_a_booked_flight_and_drops_it_when_cancelled(
    production, books, margo
):
    booked = _flight(production, margo)
    _flight(production, margo, cost="99.00", status="proposed")  # nothing promised yet
    _flight(production, margo, cost="50.00", code="")  # coded to no account
    assert commitments(production) == {TRAVEL: Decimal("612.40")}
    assert _committed(production) == Decimal("612.40")
    booking_cancel(actor=None, booking=booked, reason="Shoot moved")
    assert _committed(production) == 0


def test_an_approved_invoice_line_turns_the_commitment_into_an_actual(
    production, books, margo, coordinator
):
    booked = _flight(production, margo)
    invoice = _invoice(production, books, coordinator)
    line = invoice.lines.get()
    with pytest.raises(TravelError, match="not approved yet"):
        booking_actualise(actor=coordinator, booking=booked, invoice_line=line)
    booked.refresh_from_db()
    assert booked.invoice_line is None and _committed(production) == Decimal("612.40")

    accounting.invoice_approve(actor=add_member(production, Role.UPM), invoice=invoice)
    booking_actualise(actor=coordinator, booking=booked, invoice_line=line)
    figures = next(r for r in cost_report(production).accounts if r.code == TRAVEL)
    assert figures.commitments == 0 and figures.actual == Decimal("612.40")
    assert AuditEvent.objects.filter(
        action="update", object_type="booking", object_id=booked.pk
    ).exists()


def test_a_voided_invoice_puts_the_commitment_back(production, books, margo, coordinator):
    booked = _flight(production, margo)
    invoice = _invoice(production, books, coordinator)
    upm = add_member(production, Role.UPM)
    accounting.invoice_approve(actor=upm, invoice=invoice)
    booking_actualise(actor=coordinator, booking=booked, invoice_line=invoice.lines.get())
    accounting.invoice_void(actor=upm, invoice=invoice, reason="Billed to the wrong show")
    assert _committed(production) == Decimal("612.40")


def test_a_card_receipt_line_actualises_a_booking(production, books, margo, coordinator):
    booked = _flight(production, margo)
    receipt, _ = accounting.receipt_add(
        production=production,
        person=margo,
        on=dt.date(2026, 12, 1),
        vendor_name="Delta",
        paid="card",
        card_last4="4242",
        lines=[accounting.ReceiptLineInput(TRAVEL, "Margo JFK-LAX", Decimal("612.40"))],
        actor=coordinator,
    )
    booking_actualise(actor=coordinator, booking=booked, receipt_line=receipt.lines.get())
    assert commitments(production).get(TRAVEL, 0) == 0


def test_actualising_refuses_what_cannot_have_paid_for_it(production, books, margo, coordinator):
    booked = _flight(production, margo)
    with pytest.raises(TravelError, match="one"):
        booking_actualise(actor=coordinator, booking=booked)
    other = make_production("Other Show")
    _chart(other)
    vendor = Vendor.objects.create(production=other, name="United")
    theirs = _invoice(other, vendor, add_member(other, Role.COORDINATOR))
    with pytest.raises(TravelError, match="not this production's"):
        booking_actualise(actor=coordinator, booking=booked, invoice_line=theirs.lines.get())
    booking_cancel(actor=None, booking=booked, reason="Shoot moved")
    with pytest.raises(TravelError, match="cancelled"):
        booking_actualise(actor=coordinator, booking=booked, invoice_line=theirs.lines.get())
    assert Booking.objects.get(pk=booked.pk).invoice_line is None


def test_the_booking_page_links_the_invoice_line_that_paid_it(
    production, books, margo, coordinator, client
):
    booked = _flight(production, margo)
    invoice = _invoice(production, books, coordinator)
    accounting.invoice_approve(actor=add_member(production, Role.UPM), invoice=invoice)
    client.force_login(coordinator)
    page = client.get(f"/p/{production.slug}/travel/bookings/{booked.pk}/").content.decode()
    assert "counts in the cost report as committed to 4100" in page
    assert f'value="invoice:{invoice.lines.get().pk}"' in page
    url = f"/p/{production.slug}/travel/bookings/{booked.pk}/paid/"
    assert (
        "Choose the invoice"
        in client.post(url, {"line": "invoice:x"}, follow=True).content.decode()
    )
    client.post(url, {"line": f"invoice:{invoice.lines.get().pk}"})
    assert _committed(production) == 0
    other = make_production(title="Other")
    _chart(other)
    elsewhere = _invoice(
        other, Vendor.objects.create(production=other, name="X"), None, number="X-1"
    )
    response = client.post(url, {"line": f"invoice:{elsewhere.lines.get().pk}"}, follow=True)
    assert "Choose the invoice" in response.content.decode()  # another show's line: not found
