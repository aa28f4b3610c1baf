"""The books through the API: POs, invoices with their approval state, the ledger, the cost
report's arithmetic, the check log and vendors' terms, each to the roles its page serves; a
vendor's tax ID only to a token that may see it, and every read of it audited."""

from datetime import date
from decimal import Decimal

import pytest

from callboard.accounting import services
from callboard.accounting.models import Account, Budget, BudgetLine, LedgerLine
from callboard.accounting.services import InvoiceLineInput, LineInput
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.core.testing import add_member, make_production
from callboard.people.models import Vendor

pytestmark = pytest.mark.django_db


def _books(production):
    """A chart of two accounts with a budget, and a vendor."""
    for order, (code, description) in enumerate([("2700", "Set dressing"), ("3500", "Travel")]):
        account = Account.objects.create(
            production=production,
            code=code,
            number=code,
            description=description,
            category="Production",
            order=order,
        )
        budget = Budget.objects.get_or_create(production=production, version=1, name="Shooting")[0]
        BudgetLine.objects.create(budget=budget, account=account, amount=Decimal("10000.00"))
    return Vendor.objects.create(production=production, name="Hollywood Props")


def _approved_po(production, vendor, amount="1200"):
    po, _ = services.po_create(
        actor=add_member(production, Role.APOC),
        production=production,
        vendor=vendor,
        description="Diner dressing",
        lines=[LineInput("2700", "Booths", Decimal("1"), Decimal(amount))],
    )
    services.po_submit(actor=None, po=po)
    services.po_approve(actor=add_member(production, Role.COORDINATOR), role="coordinator", po=po)
    return services.po_approve(actor=add_member(production, Role.UPM), role="upm", po=po)


def _approved_invoice(production, vendor, number="INV-1", amount="400"):
    invoice, _ = services.invoice_create(
        actor=add_member(production, Role.ACCOUNTANT),
        production=production,
        vendor=vendor,
        number=number,
        on=date(2026, 3, 2),
        lines=[InvoiceLineInput("3500", "Hotel deposit", Decimal(amount))],
    )
    return services.invoice_approve(actor=add_member(production, Role.ACCOUNTANT), invoice=invoice)


def test_pos_and_invoices_show_their_approval_state(production, api):
    vendor = _books(production)
    po = _approved_po(production, vendor)
    invoice = _approved_invoice(production, vendor)
    client = api(Role.ACCOUNTANT)
    base = f"/api/productions/{production.slug}/accounting"
    shown = client.get(f"{base}/purchase-orders").json()["items"][0]
    assert (shown["id"], shown["status"], shown["chain"]) == (
        po.pk,
        "approved",
        ["coordinator", "upm"],
    )
    assert [a["step"] for a in shown["approvals"]] == ["coordinator", "upm"]
    assert shown["total"] == shown["open_balance"] == "1200.00"
    listed = client.get(f"{base}/invoices").json()["items"][0]
    assert (listed["id"], listed["status"], listed["total"]) == (invoice.pk, "approved", "400.00")
    assert listed["approved_at"] and listed["voided_at"] is None
    mark = listed["updated_at"]
    services.invoice_void(actor=None, invoice=invoice, reason="Entered twice by mistake.")
    changed = client.get(f"{base}/invoices", updated_since=mark).json()["items"]
    assert changed[0]["voided_at"] and changed[0]["void_reason"] == "Entered twice by mistake."


def test_the_pages_capabilities_hold(production, api):
    _books(production)
    base = f"/api/productions/{production.slug}/accounting"
    payroll = api(Role.PAYROLL)  # reads the cost report, does not handle payables
    assert payroll.get(f"{base}/cost-report").status_code == 200
    assert payroll.get(f"{base}/ledger").status_code == 200
    for path in ("purchase-orders", "invoices", "check-requests", "check-log", "vendor-terms"):
        assert payroll.get(f"{base}/{path}").status_code == 403, path
    assert api(Role.APOC).get(f"{base}/cost-report").status_code == 403


def test_the_cost_report_is_the_pages_arithmetic(production, api):
    vendor = _books(production)
    _approved_po(production, vendor, amount="1200")
    _approved_invoice(production, vendor, amount="400")
    services.estimate_save(
        actor=None, account=Account.objects.get(code="3500"), amount=Decimal("9800"), note=""
    )
    report = (
        api(Role.ACCOUNTANT)
        .get(
            f"/api/productions/{production.slug}/accounting/cost-report",
            period_start="2026-03-01",
            period_end="2026-03-07",
        )
        .json()
    )
    dressing, travel = report["accounts"]
    assert (dressing["commitments"], dressing["etc"], dressing["variance"]) == (
        "1200.00",
        "8800.00",
        "0.00",
    )
    assert (travel["actual"], travel["this_period"], travel["etc"]) == (
        "400.00",
        "400.00",
        "9800.00",
    )
    assert travel["etc_entered"] and travel["efc"] == "10200.00" and travel["variance"] == "-200.00"
    assert report["total"]["budget"] == "20000.00" and report["total"]["variance"] == "-200.00"
    assert report["budget"]["version"] == 1


def test_payroll_lines_in_the_ledger_name_no_one_without_rates(production, api):
    LedgerLine.objects.create(
        production=production,
        account_code="2700",
        date=date(2026, 3, 7),
        amount=Decimal("300.00"),
        description="Payroll batch 1 — Ann Lee, week ending Mar 7",
        source=LedgerLine.Source.PAYROLL,
        source_id=41,
    )
    url = f"/api/productions/{production.slug}/accounting/ledger"
    plain = api(Role.ACCOUNTANT).get(url).json()["items"][0]
    assert plain["amount"] == "300.00" and plain["description"] is None
    assert plain["source_id"] is None
    scoped = api(Role.ACCOUNTANT, private=True).get(url).json()["items"][0]
    assert "Ann Lee" in scoped["description"] and scoped["source_id"] == 41


def test_the_check_log_follows_a_check_request_to_its_pickup(production, api):
    _books(production)
    cr = services.check_request_create(
        actor=add_member(production, Role.APOC),
        production=production,
        payee="City Permits Office",
        reason="Street permit",
        lines=[InvoiceLineInput("2700", "Permit", Decimal("250"))],
    )
    services.check_request_submit(actor=None, request=cr)
    services.check_request_approve(
        actor=add_member(production, Role.COORDINATOR), role="coordinator", request=cr
    )
    services.check_request_approve(actor=add_member(production, Role.UPM), role="upm", request=cr)
    services.check_pickup_record(
        actor=None,
        production=production,
        check_number="1001",
        payee="City Permits Office",
        amount=Decimal("250"),
        picked_up_by="Sam the runner",
        request=cr,
    )
    base = f"/api/productions/{production.slug}/accounting"
    client = api(Role.ACCOUNTANT)
    request_row = client.get(f"{base}/check-requests").json()["items"][0]
    assert (request_row["status"], request_row["check_number"], request_row["total"]) == (
        "paid",
        "1001",
        "250.00",
    )
    pickup = client.get(f"{base}/check-log").json()["items"][0]
    assert (pickup["check_request_id"], pickup["picked_up_by"]) == (cr.pk, "Sam the runner")


def test_a_tax_id_needs_the_scope_and_every_read_is_audited(production, api):
    vendor = _books(production)
    services.vendor_terms_save(
        actor=None,
        vendor=vendor,
        payment_terms="Net 30",
        w9_received=date(2026, 2, 1),
        tax_id="12-3456789",
        is_1099=True,
        coi_expires=None,
    )
    base = f"/api/productions/{production.slug}/accounting"
    url = f"{base}/vendors/{vendor.pk}/tax-id"
    plain = api(Role.ACCOUNTANT)
    terms = plain.get(f"{base}/vendor-terms").json()["items"][0]
    assert terms["tax_id_on_file"] and terms["tax_id_masked"] is None
    assert "3456789" not in str(terms)
    assert plain.get(url).status_code == 403
    assert api(Role.COORDINATOR, private=True).get(url).status_code == 403  # role lacks it
    assert not AuditEvent.objects.filter(changes__viewed="tax ID").exists()
    scoped = api(Role.ACCOUNTANT, private=True)
    assert scoped.get(f"{base}/vendor-terms").json()["items"][0]["tax_id_masked"] == "••-•••6789"
    response = scoped.get(url)
    assert response.status_code == 200 and response.json()["tax_id"] == "12-3456789"
    read = AuditEvent.objects.get(changes__viewed="tax ID")
    assert read.object_id == vendor.pk and read.production == production


def test_another_productions_vendor_is_not_found_under_ones_own(production, api):
    other = make_production("Other Show")
    foreign = _books(other)
    services.vendor_terms_save(
        actor=None,
        vendor=foreign,
        payment_terms="",
        w9_received=None,
        tax_id="98-7654321",
        is_1099=False,
        coi_expires=None,
    )
    response = api(Role.ACCOUNTANT, private=True).get(
        f"/api/productions/{production.slug}/accounting/vendors/{foreign.pk}/tax-id"
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(changes__viewed="tax ID").exists()
    listed = api(Role.ACCOUNTANT).get(f"/api/productions/{production.slug}/accounting/invoices")
    assert listed.json()["items"] == []


def test_the_lists_run_a_constant_number_of_queries(production, api, django_assert_max_num_queries):
    vendor = _books(production)
    client = api(Role.ACCOUNTANT, private=True)
    base = f"/api/productions/{production.slug}/accounting"
    paths = ("purchase-orders", "invoices", "ledger", "check-requests", "vendor-terms")

    def counts():
        found = {}
        for path in paths:
            with django_assert_max_num_queries(30) as ran:
                client.get(f"{base}/{path}")
            found[path] = len(ran.captured_queries)
        return found

    def more(n):
        _approved_po(production, vendor)
        _approved_invoice(production, vendor, number=f"INV-{n}", amount=f"{10 + n}")
        services.check_request_create(
            actor=None,
            production=production,
            payee=f"Payee {n}",
            reason="Deposit",
            lines=[InvoiceLineInput("2700", "Deposit", Decimal("5"))],
        )
        other = Vendor.objects.create(production=production, name=f"Vendor {n}")
        services.vendor_terms_save(
            actor=None,
            vendor=other,
            payment_terms="COD",
            w9_received=None,
            tax_id=None,
            is_1099=False,
            coi_expires=None,
        )

    more(0)
    client.get(f"{base}/ledger")  # the first request opens the rate window (one write more)
    few = counts()
    for n in range(1, 5):
        more(n)
    assert counts() == few
