"""Fringes post with each payroll batch to the fringe accounts (ledger_post_payroll), with
the caps counting earlier batches, a corrected card's fringes reversed, kit rental left out;
the fringe table is kept on the chart page."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db.models import Sum
from django.utils import timezone

from callboard.accounting import services
from callboard.accounting.models import FringeLine, LedgerLine
from callboard.accounting.queries import cost_report
from callboard.core.capabilities import Role
from callboard.payroll.models import PayrollBatch, TimeCard
from callboard.people.testing import make_person

from .test_budget_import import _upload

pytestmark = pytest.mark.django_db

CHART = (
    "Account,Description,Amount,Fringe\n2000,Production staff,40000,\n"
    "7100,Payroll taxes,5000,yes\n7200,Union P&H,5000,yes\n"
)
WEEK = date(2026, 3, 1)


@pytest.fixture
def books(coordinator_client, production):
    _upload(coordinator_client, production, CHART)
    coordinator_client.post(
        f"/p/{production.slug}/accounting/import/preview/", {"action": "commit"}
    )
    services.fringe_table_save(
        actor=None,
        production=production,
        lines=[
            services.FringeInput("FUTA", "7100", "percent", D("0.6"), D("7000")),
            services.FringeInput("Medicare", "7100", "percent", D("1.45")),
            services.FringeInput("IATSE P&H", "7200", "hour", D("9.50"), union="IATSE"),
        ],
    )
    return production


def _pay(hours_by_day):
    return {
        "days": [
            {
                "date": str(WEEK + timedelta(days=n + 1)),
                "worked_hours": str(h),
                "lines": [
                    {"kind": "straight", "hours": str(min(h, 8))},
                    {"kind": "overtime", "hours": str(max(h - 8, 0))},
                    {"kind": "meal_penalty", "hours": "0.5"},
                ],
            }
            for n, h in enumerate(hours_by_day)
        ]
    }


def _batch(production, person, wages, week=WEEK, kit="0", version=1):
    number = PayrollBatch.objects.filter(production=production).count() + 1
    # Posted when closed, as payroll_batch_close does.
    batch = PayrollBatch.objects.create(
        production=production, number=number, closed_at=timezone.now()
    )
    TimeCard.objects.create(
        production=production,
        person=person,
        week_start=week,
        version=version,
        status="batched",
        rules="iatse-basic",
        rate=D("50"),
        per="hour",
        guaranteed_hours=D("8"),
        union="IATSE",
        account="2000",
        pay=_pay([10, 10]),
        wages=D(wages),
        penalties=D("0"),
        kit_total=D(kit),
        gross=D(wages) + D(kit),
        batch=batch,
    )
    services.ledger_post_payroll(batch=batch)
    return batch


def _posted(account):
    return LedgerLine.objects.filter(account_code=account).aggregate(t=Sum("amount"))["t"] or D(0)


def test_a_batch_posts_its_fringes_and_the_wage_base_counts_earlier_batches(books):
    person = make_person(books)
    _batch(books, person, "5000", kit="400")
    # FUTA 0.6 % of 5,000 + Medicare 1.45 % of 5,000 (kit rental carries none); IATSE 20 h × 9.50.
    assert (_posted("7100"), _posted("7200")) == (D("30.00") + D("72.50"), D("190.00"))
    _batch(books, person, "5000", week=WEEK + timedelta(days=7))
    # Only 2,000 of the FUTA wage base was left.
    assert _posted("7100") == D("30.00") + D("72.50") + D("12.00") + D("72.50")
    row = next(r for r in cost_report(books).accounts if r.code == "7100")
    assert row.fringe and row.actual == D("187.00")


def test_a_corrected_card_takes_its_fringes_back(books):
    person = make_person(books)
    first = _batch(books, person, "5000")
    TimeCard.objects.filter(batch=first).update(replaced_at=first.created_at)
    _batch(books, person, "6000", version=2)
    # The first version's fringes reversed, the second's posted on the whole wage base again.
    assert _posted("7100") == D("36.00") + D("87.00")
    assert _posted("7200") == D("190.00")


def test_an_open_batch_counts_toward_no_cap_until_it_is_posted(books):
    person = make_person(books)
    number = PayrollBatch.objects.filter(production=books).count() + 1
    waiting = PayrollBatch.objects.create(production=books, number=number)  # open: nothing posted
    TimeCard.objects.create(
        production=books,
        person=person,
        week_start=WEEK,
        status="batched",
        rules="iatse-basic",
        rate=D("50"),
        per="hour",
        union="IATSE",
        guaranteed_hours=D("8"),
        account="2000",
        pay=_pay([10]),
        wages=D("6000"),
        penalties=D("0"),
        kit_total=D("0"),
        gross=D("6000"),
        batch=waiting,
    )
    _batch(books, person, "5000", week=WEEK + timedelta(days=7))
    # The whole 5,000 is under the FUTA base: the open batch's 6,000 has not been posted.
    assert _posted("7100") == D("30.00") + D("72.50")


def test_someone_else_s_wages_do_not_use_up_a_wage_base(books):
    _batch(books, make_person(books), "7000")
    _batch(books, make_person(books), "1000")
    assert LedgerLine.objects.filter(account_code="7100", description__endswith="FUTA").count() == 2


def test_the_fringe_table_is_kept_on_the_chart_page(coordinator_client, books):
    url = f"/p/{books.slug}/accounting/fringes/"
    page = coordinator_client.get(f"/p/{books.slug}/accounting/chart/")
    assert b"IATSE P&amp;H" in page.content and b"Save the fringe table" in page.content
    saved = coordinator_client.post(
        url,
        {
            "rows": "2",
            "f0_name": "FICA",
            "f0_account": "7100",
            "f0_basis": "percent",
            "f0_rate": "6.2",
            "f0_cap": "184,500",
        },
    )
    assert saved.status_code == 302
    assert [(f.name, f.rate, f.cap) for f in FringeLine.objects.all()] == [
        ("FICA", D("6.2"), D("184500"))
    ]


def test_a_bad_fringe_table_saves_nothing(coordinator_client, books):
    url = f"/p/{books.slug}/accounting/fringes/"
    refused = coordinator_client.post(
        url,
        {
            "rows": "2",
            "f0_name": "FICA",
            "f0_account": "9999",
            "f0_basis": "percent",
            "f0_rate": "620",
            "f1_name": "P&H",
            "f1_account": "7200",
            "f1_basis": "hour",
            "f1_rate": "9.5",
            "f1_cap": "1000",
        },
    )
    assert refused.status_code == 400
    for text in (
        "not in the chart",
        "a percentage is from 0 to 100",
        "only a percentage has a wage base",
    ):
        assert text.encode() in refused.content
    assert b'value="620"' in refused.content  # the table comes back as typed
    unreadable = coordinator_client.post(
        url,
        {
            "rows": "1",
            "f0_name": "X",
            "f0_account": "7100",
            "f0_basis": "percent",
            "f0_rate": "lots",
        },
    )
    assert (
        unreadable.status_code == 400 and "“lots” is not an amount".encode() in unreadable.content
    )
    assert FringeLine.objects.count() == 3  # the table as it was


def test_only_accounting_managers_change_the_fringe_table(member_client, books):
    refused = member_client(Role.PAYROLL).post(
        f"/p/{books.slug}/accounting/fringes/", {"rows": "0"}
    )
    assert refused.status_code == 403 and FringeLine.objects.count() == 3
