"""Pages, PDFs and the CSV's descriptions read in words and money: "Meal penalty (2nd meal)"
rather than meal_penalty, rates to the cent ($55.75), hours in tenths, lateness in minutes."""

import csv
import io
from decimal import Decimal

import pypdfium2
import pytest

from callboard.payroll import services
from callboard.payroll.engine import PENALTY_KINDS, TIME_KINDS
from callboard.payroll.models import DealTerms
from callboard.payroll.timecards import LINE_LABELS, line_label

from .helpers import WEEK, approve_and_review, batch_to_payroll, person_with_deal

# IATSE at $55.75 an hour: lunch on time, no second meal before a 20:00 wrap (90 min late).
DAY = {
    "date": "2026-03-02",
    "call": "07:00",
    "wrap": "20:00",
    "ndb": None,
    "note": "",
    "meals": [{"start": "12:00", "end": "12:30"}],
}


def test_every_pay_line_kind_has_words():
    for kind in (*TIME_KINDS, *PENALTY_KINDS):
        assert "_" not in LINE_LABELS[kind]
    assert (
        line_label("meal_penalty", "no meal 2 before wrap 20:00, due 18:30, 90 min late: units 1-3")
        == "Meal penalty (2nd meal)"
    )
    assert line_label("meal_penalty", "meal 1 started 13:45, due 13:00, 45 min late: unit 1") == (
        "Meal penalty (1st meal)"
    )


@pytest.fixture
def card(production):
    person = person_with_deal(
        production,
        first_name="Ann",
        last_name="Lee",
        rate=Decimal("55.75"),
        rate_unit="hour",
        union="IATSE",
        local="80",
    )
    DealTerms.objects.create(
        production=production, person=person, rules="iatse-basic", guaranteed_hours=8
    )
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[DAY])
    services.timecard_submit(card=card, signature="Ann Lee")
    return card


@pytest.mark.django_db
def test_the_card_page_reads_in_words_money_and_minutes(coordinator_client, production, card):
    page = coordinator_client.get(f"/p/{production.slug}/timecards/{card.pk}/").content.decode()
    main = page.split("<main>")[1]
    assert "Meal penalty (2nd meal)" in main and "Straight time" in main
    assert "$55.75" in main and "$30.00" in main  # 7.50 + 10.00 + 12.50
    assert "no meal 2 before wrap 20:00, due 18:30, 90 min late" in main
    assert "late by" not in main
    for code in ("meal_penalty", "double_time", "iatse-basic"):
        assert code not in main.replace('value="iatse-basic"', "")


@pytest.mark.django_db
def test_the_batch_csv_and_pdf_describe_each_line_in_words(coordinator_client, production, card):
    batch = batch_to_payroll(production, [approve_and_review(production, card)])
    base = f"/p/{production.slug}/timecards/batches/{batch.pk}/batch"
    rows = list(
        csv.DictReader(
            io.StringIO(coordinator_client.get(f"{base}.csv").content.decode("utf-8-sig"))
        )
    )
    penalty = next(r for r in rows if r["earnings"] == "meal_penalty")  # the code payroll loads
    assert penalty["description"] == "Meal penalty (2nd meal)"
    assert {r["description"] for r in rows} >= {"Straight time", "Overtime"}
    pdf = pypdfium2.PdfDocument(coordinator_client.get(f"{base}.pdf").content)
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in pdf)
    assert "Meal penalty (2nd meal)" in text and "$55.75" in text and "meal_penalty" not in text
