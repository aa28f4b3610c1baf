"""A payroll batch as CSV, XLSX and PDF; sums that agree with the cards."""

import csv
import io
from decimal import Decimal

import openpyxl
import pypdfium2
import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.payroll import services
from callboard.payroll.models import PayrollBatch

from .helpers import WEEK, person_with_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(production):
    cards = []
    for n in range(2):  # a $300/12 non-union day, and IATSE at $50 an hour
        person = person_with_deal(
            production,
            first_name=f"P{n}",
            rate=Decimal("50") if n else Decimal("300"),
            rate_unit="hour" if n else "day",
            union="IATSE" if n else "",
        )
        card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
        card = services.timecard_save(
            actor=None,
            card=card,
            days=[
                {
                    "date": "2026-03-02",
                    "call": "06:00",
                    "wrap": "21:00",
                    "ndb": None,
                    "note": "",
                    "meals": [
                        {"start": "12:00", "end": "12:30"},
                        {"start": "18:30", "end": "19:00"},
                    ],
                },
            ],
        )
        services.timecard_submit(card=card, signature=person.full_name)
        services.timecard_approve(actor=add_member(production, Role.UPM), card=card)
        cards.append(
            services.timecard_review(actor=add_member(production, Role.PAYROLL), card=card)
        )
    return services.payroll_batch_create(
        actor=None, production=production, card_ids=[c.pk for c in cards]
    )


def test_csv_lines_add_up_to_each_cards_gross(coordinator_client, production, batch):
    response = coordinator_client.get(
        f"/p/{production.slug}/timecards/batches/{batch.pk}/batch.csv"
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_person: dict[str, Decimal] = {}
    for row in rows:
        by_person[row["employee"]] = by_person.get(row["employee"], Decimal("0")) + Decimal(
            row["amount"]
        )
    cards = {c.person.full_name: c.gross for c in batch.cards.all()}
    assert by_person == cards
    assert cards[next(n for n in cards if n.startswith("P1"))] == Decimal(
        "875.00"
    )  # the iatse example
    assert {r["earnings"] for r in rows} >= {"straight", "overtime", "golden"}


def test_xlsx_has_a_summary_and_every_line_with_its_reason(coordinator_client, production, batch):
    response = coordinator_client.get(
        f"/p/{production.slug}/timecards/batches/{batch.pk}/batch.xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = list(book["Summary"].values)
    assert summary[0][0] == "Employee" and summary[-1][0] == "Total"
    assert Decimal(str(summary[-1][15])) == sum(c.gross for c in batch.cards.all())
    lines = list(book["Lines"].values)
    assert all(row[8] for row in lines[1:])


def test_pdf_prints_every_card(coordinator_client, production, batch):
    response = coordinator_client.get(
        f"/p/{production.slug}/timecards/batches/{batch.pk}/batch.pdf"
    )
    pdf = pypdfium2.PdfDocument(response.content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Payroll batch 1" in text and "P0" in text and "P1" in text and "875.00" in text


def test_exports_need_the_rates_capability(member_client, production, batch):
    apoc = member_client(Role.APOC)
    assert (
        apoc.get(f"/p/{production.slug}/timecards/batches/{batch.pk}/batch.csv").status_code == 404
    )
    assert apoc.get(f"/p/{production.slug}/timecards/batches/{batch.pk}/").status_code == 200


def test_a_card_in_a_batch_cannot_be_batched_again(production, batch):
    with pytest.raises(services.TimeCardError):
        services.payroll_batch_create(
            actor=None,
            production=production,
            card_ids=list(batch.cards.values_list("pk", flat=True)),
        )
    assert PayrollBatch.objects.count() == 1


def test_a_name_a_spreadsheet_would_run_is_kept_as_text(coordinator_client, production, batch):
    person = batch.cards.first().person
    person.first_name = "=HYPERLINK(1)"
    person.save()
    text = coordinator_client.get(
        f"/p/{production.slug}/timecards/batches/{batch.pk}/batch.csv"
    ).content.decode("utf-8-sig")
    assert ",'=HYPERLINK(1) " in text and ",=HYPERLINK" not in text
