"""Importing a chart and a budget through the pages (preview, then all or nothing), locking
a version, and the cost report: page, exports and command, with payroll as actuals."""

import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from callboard.accounting.models import Account, Budget, LedgerLine
from callboard.accounting.queries import cost_report
from callboard.accounting.services import ledger_post_payroll
from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.payroll import services as payroll
from callboard.payroll.models import PayrollBatch, TimeCard

pytestmark = pytest.mark.django_db

BUDGET = (
    "Account,Description,Amount\n1400,Cast,250000\n2000,Production staff,40000\n"
    "2700,Set dressing,12500\n2800,Props,3000\n"
)


def _upload(client, production, text, kind="budget", filename="budget.csv", **extra):
    return client.post(
        f"/p/{production.slug}/accounting/import/",
        {"kind": kind, "file": SimpleUploadedFile(filename, text.encode()), **extra},
    )


def test_budget_preview_then_commit(coordinator_client, production):
    response = _upload(coordinator_client, production, BUDGET, name="Locked budget")
    assert response["Location"].endswith("/accounting/import/preview/")
    preview = coordinator_client.get(response["Location"])
    assert b"305,500.00" in preview.content and not Account.objects.exists()
    coordinator_client.post(response["Location"], {"action": "commit"})
    budget = Budget.objects.get(production=production)
    assert (budget.version, budget.name, budget.lines.count()) == (1, "Locked budget", 4)
    assert Account.objects.filter(production=production).count() == 4  # the chart came with it


def test_cancelling_a_preview_imports_nothing_and_forgets_the_file(coordinator_client, production):
    preview_url = _upload(coordinator_client, production, BUDGET)["Location"]
    page = coordinator_client.get(preview_url).content.decode()
    assert f'formaction="/p/{production.slug}/accounting/import/cancel/"' in page

    coordinator_client.post(f"/p/{production.slug}/accounting/import/cancel/")

    assert not Budget.objects.exists() and not Account.objects.exists()
    assert coordinator_client.get(preview_url)["Location"].endswith("/accounting/chart/")


def test_a_bad_file_changes_nothing_and_says_why(coordinator_client, production):
    response = _upload(coordinator_client, production, "Account,Description,Amount\n2700,Set,ten\n")
    assert response.status_code == 400 and "“ten” is not an amount".encode() in response.content
    assert not Account.objects.exists() and not Budget.objects.exists()
    broken = coordinator_client.post(
        f"/p/{production.slug}/accounting/import/",
        {"kind": "budget", "file": SimpleUploadedFile("b.xlsx", b"PK\x03\x04junk")},
    )
    assert broken.status_code == 400 and not Budget.objects.exists()


def test_a_budget_with_accounts_missing_from_the_chart_is_refused(coordinator_client, production):
    _upload(
        coordinator_client, production, "Account,Description\n2700,Set dressing\n", kind="chart"
    )
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    _upload(
        coordinator_client,
        production,
        "Account,Description,Amount\n2700,Set dressing,100\n9999,Mystery,5\n",
    )
    refused = coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    assert refused.status_code == 400
    assert b"account 9999 (Mystery) is not in the chart" in refused.content
    assert not Budget.objects.exists()


def test_the_locked_version_is_the_one_measured_against(coordinator_client, production, client):
    for text in (BUDGET, BUDGET.replace("12500", "20000")):
        _upload(coordinator_client, production, text)
        coordinator_client.post(
            f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
        )
    first, second = Budget.objects.order_by("version")
    assert cost_report(production).total.budget == Decimal("313000")  # newest, none locked
    client.force_login(add_member(production, Role.UPM))  # a second person locks it
    client.post(f"/p/{production.slug}/accounting/budgets/{first.pk}/lock/")
    assert cost_report(production).total.budget == Decimal("305500")
    assert (
        client.post(
            f"/p/{production.slug}/accounting/budgets/{first.pk}/lock/", follow=True
        ).content.count(b"already locked")
        == 1
    )


@pytest.fixture
def budgeted(coordinator_client, production):
    _upload(coordinator_client, production, BUDGET)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    return production


def _post_in_a_batch(production, card) -> None:
    """Hand the priced card to payroll in a batch of its own, and post the batch as
    payroll does when it goes (the approvals before it are payroll's to test)."""
    number = PayrollBatch.objects.filter(production=production).count() + 1
    batch = PayrollBatch.objects.create(production=production, number=number)
    TimeCard.objects.filter(pk=card.pk).update(batch=batch, status="batched")
    ledger_post_payroll(batch=batch)


def test_payroll_batches_are_actuals_on_the_labour_account(budgeted, coordinator_client):
    from callboard.payroll.tests.helpers import WEEK, person_with_deal

    person = person_with_deal(budgeted)
    card = payroll.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card.account = "2000"
    card.save()
    card = payroll.timecard_save(
        actor=None,
        card=card,
        days=[
            {
                "date": "2026-03-02",
                "call": "07:00",
                "wrap": "20:30",
                "meals": [{"start": "13:00", "end": "13:30"}],
                "ndb": None,
                "note": "",
            }
        ],
    )
    _post_in_a_batch(budgeted, card)
    assert LedgerLine.objects.get().amount == Decimal("342.86")  # 13.0 worked on $300/12
    row = next(r for r in cost_report(budgeted).accounts if r.code == "2000")
    assert (row.actual, row.etc, row.variance) == (
        Decimal("342.86"),
        Decimal("39657.14"),
        Decimal("0"),
    )
    period = cost_report(budgeted, period=(date(2026, 3, 1), date(2026, 3, 7)))
    assert period.total.this_period == Decimal("342.86")
    page = coordinator_client.get(f"/p/{budgeted.slug}/accounting/")
    assert b"342.86" in page.content


def test_estimates_exports_and_the_command(budgeted, coordinator_client, capsys):
    LedgerLine.objects.create(
        production=budgeted,
        account_code="2800",
        date=date(2026, 3, 2),
        amount=Decimal("3400"),
        description="Prop buy",
        source="journal",
    )
    LedgerLine.objects.create(
        production=budgeted,
        account_code="4444",
        date=date(2026, 3, 2),
        amount=Decimal("10"),
        description="Miscoded",
        source="journal",
    )
    coordinator_client.post(
        f"/p/{budgeted.slug}/accounting/estimate/", {"account": "1400", "amount": "260,000"}
    )
    bad = coordinator_client.post(
        f"/p/{budgeted.slug}/accounting/estimate/",
        {"account": "2700", "amount": "lots"},
        follow=True,
    )
    assert b"is not an amount" in bad.content
    call_command("cost_report", "--production", budgeted.slug, "--json")
    data = json.loads(capsys.readouterr().out)
    rows = {r["account"]: r for r in data["accounts"]}
    assert rows["1400"]["etc"] == "260000.00" and rows["1400"]["variance"] == "-10000.00"
    assert (
        rows["2800"]["variance"] == "-400.00"
        and rows["4444"]["category"] == "Not in the chart of accounts"
    )
    assert data["total"]["efc"] == "315910.00"  # 260,000 + 40,000 + 12,500 + 3,400 + 10
    book = openpyxl.load_workbook(
        io.BytesIO(
            coordinator_client.get(f"/p/{budgeted.slug}/accounting/cost-report.xlsx").content
        )
    )
    assert book.active["B1"].value == "Description"
    pdf = coordinator_client.get(f"/p/{budgeted.slug}/accounting/cost-report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    csv_text = coordinator_client.get(
        f"/p/{budgeted.slug}/accounting/cost-report.csv"
    ).content.decode("utf-8-sig")
    assert "315910.00" in csv_text


def test_crew_cannot_see_the_money(member_client, budgeted):
    assert member_client(Role.CREW).get(f"/p/{budgeted.slug}/accounting/").status_code == 403
    assert member_client(Role.APOC).get(f"/p/{budgeted.slug}/accounting/").status_code == 403


def test_a_corrected_card_replaces_its_earlier_posting(budgeted):
    from callboard.payroll.tests.helpers import WEEK, person_with_deal

    person = person_with_deal(budgeted)
    day = {
        "date": "2026-03-02",
        "call": "07:00",
        "meals": [{"start": "13:00", "end": "13:30"}],
        "ndb": None,
        "note": "",
    }

    def batch(card, wrap):
        card = payroll.timecard_save(actor=None, card=card, days=[day | {"wrap": wrap}])
        _post_in_a_batch(budgeted, card)
        return card

    def corrected(card):
        """The card's next version, as payroll's correction makes it (the old one replaced)."""
        TimeCard.objects.filter(pk=card.pk).update(replaced_at=timezone.now())
        card.pk, card.version, card.batch, card.status = None, card.version + 1, None, "draft"
        card.save(force_insert=True)
        return card

    card = payroll.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card.account = "2000"
    card.save()
    first = batch(card, "19:00")  # 11.5 worked: 300.00
    second = batch(corrected(first), "20:30")
    third = batch(corrected(second), "21:30")
    assert third.gross == Decimal("385.71")  # 14.0 worked: 300.00 + 2.0 h at 2x
    row = next(r for r in cost_report(budgeted).accounts if r.code == "2000")
    assert row.actual == third.gross
