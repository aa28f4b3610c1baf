"""An open warning blocks an invoice's or a check request's approval until someone whose role
may overrides it with a reason (shown to the next approvers, in the audit log); nobody
approves what they entered or asked for, nor two steps of one chain; a second person locks
a budget."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import Client

from callboard.accounting import queries, services
from callboard.accounting.models import Budget, Invoice, LedgerLine, PurchaseOrder
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, WarningOverride
from callboard.core.testing import add_member
from callboard.people.models import Vendor

from .test_budget_import import BUDGET, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def books(coordinator_client, production):
    _upload(coordinator_client, production, BUDGET)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    return production, Vendor.objects.create(production=production, name="Hollywood Props")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _invoice(actor, production, vendor, number="HP-1", amount="300", on=date(2026, 3, 2)):
    invoice, _ = services.invoice_create(
        actor=actor,
        production=production,
        vendor=vendor,
        number=number,
        on=on,
        lines=[services.InvoiceLineInput("2700", "Stools", Decimal(amount))],
    )
    return invoice


def test_nobody_approves_an_invoice_they_entered(coordinator, books):
    production, vendor = books
    invoice = _invoice(coordinator, production, vendor)
    with pytest.raises(services.AccountingError, match="someone else approves it"):
        services.invoice_approve(actor=coordinator, invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.status == "entered" and not LedgerLine.objects.exists()
    services.invoice_approve(actor=add_member(production, Role.UPM), invoice=invoice)
    assert LedgerLine.objects.get().amount == Decimal("300.00")


def test_an_invoice_past_the_budget_waits_for_an_override_with_a_reason(coordinator, books):
    production, vendor = books
    invoice = _invoice(coordinator, production, vendor, amount="13000")  # 12,500 budgeted on 2700
    upm = _client(add_member(production, Role.UPM))
    page = f"/p/{production.slug}/accounting/invoices/{invoice.pk}/"
    refused = upm.post(page + "approve/", {}, follow=True)
    assert b"to resolve or override with a reason first" in refused.content
    assert Invoice.objects.get().status == "entered" and not LedgerLine.objects.exists()
    [warning] = queries.invoice_warnings(invoice)
    assert "Past the budget" in warning and "over by $500.00" in warning
    # The coordinator's role may not override; a reason is needed.
    assert b"Override with a reason" not in _client(coordinator).get(page).content
    _client(coordinator).post(
        page + "override/", {"warning": warning, "reason": "Because I say so"}
    )
    upm.post(page + "override/", {"warning": warning, "reason": "short"})
    assert not WarningOverride.objects.exists()
    upm.post(
        page + "override/",
        {
            "warning": warning,
            "reason": "Second diner set added by the studio.",
        },
    )
    shown = upm.get(page)
    assert "“Second diner set added by the studio.”".encode() in shown.content
    # Whoever overrode does not approve: a second person reads the reason and does.
    upm.post(page + "approve/", {})
    assert Invoice.objects.get().status == "entered"
    accountant = _client(add_member(production, Role.ACCOUNTANT))
    assert "“Second diner set added by the studio.”".encode() in accountant.get(page).content
    accountant.post(page + "approve/", {})
    assert Invoice.objects.get().status == "approved"
    assert AuditEvent.objects.filter(changes__warning_overridden__isnull=False).exists()


def test_the_same_vendor_and_amount_within_a_week_blocks_until_overridden(coordinator, books):
    production, vendor = books
    _invoice(coordinator, production, vendor, number="HP-1", on=date(2026, 3, 2))
    far = _invoice(coordinator, production, vendor, number="HP-2", on=date(2026, 3, 10))
    assert queries.invoice_warnings(far) == []  # eight days apart
    near = _invoice(coordinator, production, vendor, number="HP-3", on=date(2026, 3, 8))
    assert [w for w in queries.invoice_warnings(near) if "Likely duplicate" in w] == [
        "Likely duplicate of invoice HP-1 from Hollywood Props (Mar 2, 2026, $300.00): same vendor "
        "and amount within 7 days.",
        "Likely duplicate of invoice HP-2 from Hollywood Props (Mar 10, 2026, $300.00): "
        "same vendor and amount within 7 days.",
    ]
    with pytest.raises(services.AccountingError, match="Likely duplicate"):
        services.invoice_approve(actor=add_member(production, Role.UPM), invoice=near)


def test_lapsed_insurance_blocks_an_invoice(coordinator, books):
    production, vendor = books
    services.vendor_terms_save(
        actor=None,
        vendor=vendor,
        payment_terms="Net 30",
        w9_received=None,
        tax_id=None,
        is_1099=False,
        coi_expires=production.today() - timedelta(days=3),
    )
    invoice = _invoice(coordinator, production, vendor)
    with pytest.raises(services.AccountingError, match="insurance certificate lapsed"):
        services.invoice_approve(actor=add_member(production, Role.UPM), invoice=invoice)


def test_one_studio_admin_cannot_approve_two_steps_of_a_po(coordinator, books):
    production, vendor = books
    po, _ = services.po_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        description="Booths",
        lines=[services.LineInput("2700", "Booths", Decimal("1"), Decimal("6000"))],
    )
    services.po_submit(actor=coordinator, po=po)
    admin = add_member(production, Role.STUDIO_ADMIN)
    services.po_approve(actor=admin, role="studio_admin", po=po)
    with pytest.raises(services.AccountingError, match="a second person approves the next"):
        services.po_approve(actor=admin, role="studio_admin", po=po)
    with pytest.raises(services.AccountingError, match="someone else approves it"):
        services.po_approve(actor=coordinator, role="studio_admin", po=po)  # asked for it
    po.refresh_from_db()
    assert len(po.approvals) == 1 and po.approvals[0]["by_id"] == admin.pk


def test_a_check_request_is_not_approved_by_who_asked_nor_over_an_open_warning(coordinator, books):
    production, _ = books
    lines = [services.InvoiceLineInput("2800", "Radio rental", Decimal("3500"))]  # 3,000 budgeted
    request = services.check_request_create(
        actor=coordinator, production=production, payee="Radio Shack", reason="Radios", lines=lines
    )
    services.check_request_submit(actor=coordinator, request=request)
    with pytest.raises(services.AccountingError, match="someone else approves it"):
        services.check_request_approve(actor=coordinator, role="coordinator", request=request)
    second = add_member(production, Role.COORDINATOR)
    with pytest.raises(services.AccountingError, match="Past the budget"):
        services.check_request_approve(actor=second, role="coordinator", request=request)
    request.refresh_from_db()
    assert request.approvals == [] and request.status == "pending"


def test_nobody_locks_a_budget_they_imported(coordinator_client, coordinator, production):
    _upload(coordinator_client, production, BUDGET)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    budget = Budget.objects.get()
    refused = coordinator_client.post(
        f"/p/{production.slug}/accounting/budgets/{budget.pk}/lock/", follow=True
    )
    assert b"You entered budget version 1" in refused.content
    budget.refresh_from_db()
    assert budget.locked_at is None
    services.budget_lock(actor=add_member(production, Role.UPM), budget=budget)
    assert Budget.objects.get().locked_at is not None


def test_chains_already_under_way_learn_who_approved_them(coordinator, books):
    production, vendor = books
    from importlib import import_module

    migration = import_module("callboard.accounting.migrations.0002_controls_voids_fringes")
    po, _ = services.po_create(
        actor=coordinator,
        production=production,
        vendor=vendor,
        description="Booths",
        lines=[services.LineInput("2700", "Booths", Decimal("1"), Decimal("100"))],
    )
    second = add_member(production, Role.COORDINATOR)
    PurchaseOrder.objects.filter(pk=po.pk).update(
        status="pending",
        chain=["coordinator", "upm"],
        approvals=[{"step": "coordinator", "by": str(second), "at": "x"}],
    )
    migration.approver_ids(apps, None)
    po.refresh_from_db()
    assert po.approvals[0]["by_id"] == second.pk
    second.memberships.update(role="upm")
    with pytest.raises(services.AccountingError, match="a second person approves the next"):
        services.po_approve(actor=second, role="upm", po=po)
