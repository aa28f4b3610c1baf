"""Accounting's lines: POs and check requests whose next approval step is the member's role
(never their own request, never a step they took), invoices to approve (not by whoever
entered them), petty cash envelopes with receipts to reconcile, and vendors' insurance
certificates lapsed or about to. Only for roles that work the accounting pages: a crew
member, a 2nd AD (department head), a PA, payroll do not see them; the accountant does."""

from datetime import timedelta
from decimal import Decimal

import pytest

from callboard.accounting.models import (
    CheckRequest,
    Envelope,
    Invoice,
    PettyCashFloat,
    PurchaseOrder,
    Receipt,
    VendorTerms,
)
from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.people.models import Vendor
from callboard.people.testing import make_person

from .conftest import attention, line

NOT_ACCOUNTING = (Role.CREW, Role.DEPARTMENT_HEAD, Role.PA, Role.PAYROLL, Role.APOC)


@pytest.fixture
def vendor(production):
    return Vendor.objects.create(production=production, name="Hollywood Props")


def po(production, vendor, number, chain, approvals=(), requested_by=None, status="pending"):
    return PurchaseOrder.objects.create(
        production=production,
        number=number,
        vendor=vendor,
        description="Dressing",
        status=status,
        chain=chain,
        approvals=list(approvals),
        requested_by=requested_by,
    )


def test_pos_wait_on_the_role_whose_step_is_next(production, vendor, client):
    coordinator = add_member(production, Role.COORDINATOR, make_user("coord@example.test"))
    upm = add_member(production, Role.UPM, make_user("upm@example.test"))
    accountant = add_member(production, Role.ACCOUNTANT, make_user("acct@example.test"))
    first = po(production, vendor, 1, ["coordinator", "upm"])
    po(production, vendor, 2, ["coordinator", "upm"], requested_by=coordinator)  # their own
    po(production, vendor, 3, ["coordinator", "upm"], status="draft")  # not sent yet

    client.force_login(coordinator)
    found = line(attention(client, production), "PO")
    assert found.startswith("1 PO waiting for your approval: 0001")
    assert found.endswith(f"/accounting/pos/{first.pk}/")
    client.force_login(upm)
    assert line(attention(client, production), "PO") is None  # the coordinator's step first
    client.force_login(accountant)
    assert line(attention(client, production), "PO") is None  # accountants do not approve POs

    first.approvals = [{"step": "coordinator", "by": "C", "by_id": coordinator.pk}]
    first.save()
    client.force_login(upm)
    assert line(attention(client, production), "PO waiting").startswith("1 PO waiting")
    client.force_login(coordinator)
    assert line(attention(client, production), "PO waiting") is None


def test_check_requests_wait_like_pos(production, vendor, client):
    coordinator = add_member(production, Role.COORDINATOR, make_user("coord@example.test"))
    request = CheckRequest.objects.create(
        production=production,
        number=1,
        payee="Location owner",
        reason="Fee",
        status="pending",
        chain=["coordinator"],
    )
    client.force_login(coordinator)
    found = line(attention(client, production), "check request")
    assert found.startswith("1 check request waiting for your approval")
    assert found.endswith(f"/accounting/payments/checks/{request.pk}/")
    for role in (*NOT_ACCOUNTING, Role.ACCOUNTANT):  # the chain names the coordinator
        client.force_login(add_member(production, role))
        assert line(attention(client, production), "check request") is None, role
    client.force_login(coordinator)
    CheckRequest.objects.filter(pk=request.pk).update(voided_at=request.created_at)
    assert line(attention(client, production), "check request") is None


def test_invoices_wait_for_someone_other_than_who_entered_them(production, vendor, client):
    accountant = add_member(production, Role.ACCOUNTANT, make_user("acct@example.test"))
    clerk = add_member(production, Role.ACCOUNTANT, make_user("clerk@example.test"))
    invoice = Invoice.objects.create(
        production=production,
        vendor=vendor,
        number="A-1",
        number_key="a1",
        date=production.today(),
        entered_by=clerk,
    )
    Invoice.objects.create(
        production=production,
        vendor=vendor,
        number="A-0",
        number_key="a0",
        date=production.today(),
        entered_by=clerk,
        status="approved",
    )
    client.force_login(accountant)
    found = line(attention(client, production), "invoice")
    assert found.startswith("1 invoice waiting for approval")
    assert found.endswith(f"/accounting/invoices/{invoice.pk}/")
    client.force_login(clerk)
    assert line(attention(client, production), "invoice") is None
    for role in NOT_ACCOUNTING:
        client.force_login(add_member(production, role))
        assert line(attention(client, production), "invoice") is None, role


def test_open_envelopes_with_receipts_are_to_reconcile(production, client):
    accountant = add_member(production, Role.ACCOUNTANT, make_user("acct@example.test"))
    holder = make_person(production, first_name="Pat")
    float_ = PettyCashFloat.objects.create(
        production=production, person=holder, initials="PA", amount=Decimal("500")
    )
    empty = Envelope.objects.create(production=production, float=float_, sequence=1)
    client.force_login(accountant)
    assert line(attention(client, production), "envelope") is None  # nothing in it yet
    filled = Envelope.objects.create(production=production, float=float_, sequence=2)
    Receipt.objects.create(
        production=production,
        person=holder,
        envelope=filled,
        vendor_name="Hardware",
        date=production.today(),
        total=Decimal("20"),
    )
    Receipt.objects.create(
        production=production,
        person=holder,
        envelope=filled,
        vendor_name="Gas",
        date=production.today(),
        total=Decimal("30"),
    )
    found = line(attention(client, production), "envelope")
    assert found.startswith("1 petty cash envelope with receipts to reconcile")
    assert found.endswith(f"/accounting/petty-cash/{filled.pk}/")
    Envelope.objects.filter(pk=filled.pk).update(status="reconciled")
    assert line(attention(client, production), "envelope") is None
    assert empty.status == "open"
    for role in NOT_ACCOUNTING:
        client.force_login(add_member(production, role))
        assert line(attention(client, production), "envelope") is None, role


def test_insurance_certificates_lapsed_or_expiring_are_listed(production, client):
    today = production.today()
    for name, expires in [
        ("Lapsed Co", today - timedelta(days=1)),
        ("Soon Co", today + timedelta(days=30)),
        ("Fine Co", today + timedelta(days=31)),
        ("None Co", None),
    ]:
        vendor = Vendor.objects.create(production=production, name=name)
        VendorTerms.objects.create(vendor=vendor, coi_expires=expires)
    gone = Vendor.objects.create(
        production=production, name="Gone Co", deleted_at=production.created_at
    )
    VendorTerms.objects.create(vendor=gone, coi_expires=today)
    client.force_login(add_member(production, Role.ACCOUNTANT, make_user("acct@example.test")))
    lines = attention(client, production)
    assert line(lines, "has lapsed").startswith("1 vendor whose insurance certificate has lapsed")
    assert line(lines, "expires within").startswith(
        "1 vendor whose insurance certificate expires within 30 days"
    )
    assert line(lines, "has lapsed").endswith(f"/p/{production.slug}/accounting/vendors/")
    for role in NOT_ACCOUNTING:
        client.force_login(add_member(production, role))
        assert line(attention(client, production), "insurance") is None, role
