"""Issue 16: payroll reads a week's published calls through callsheets.queries, not the
snapshot's JSON layout; a sheet published since calls carry their N/W flag ([first, text,
working]) fills a card as an older one does."""

from datetime import UTC, date, datetime, time

from callboard.payroll import queries, services

from .helpers import WEEK, person_with_deal, publish_sheet


def test_a_card_fills_from_a_sheet_whose_calls_carry_the_working_flag(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    bo = person_with_deal(production, first_name="Bo", last_name="Ray")
    sheet = publish_sheet(production, date(2026, 3, 2), {ann: "07:00"})
    sheet.snapshot["calls"] = {
        str(ann.pk): ["07:00", "7:00 AM", True],
        str(bo.pk): ["", "N/W", False],
    }
    sheet.save()
    card = services.timecard_prepare(actor=None, person=ann, week_start=WEEK)
    assert [(d["date"], d["call"], d["wrap"]) for d in card.days] == [
        ("2026-03-02", "07:00", "19:00")
    ]
    assert card.days[0]["meals"][0]["start"] == "13:00"


def test_the_previous_wrap_comes_from_the_weeks_first_sheet(production):
    ann = person_with_deal(production, first_name="Ann", last_name="Lee")
    sheet = publish_sheet(production, WEEK, {ann: "07:00"}, lunch=time(12, 0))
    sheet.previous_wrap = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
    sheet.save()
    assert queries.previous_wrap(person=ann, week_start=WEEK).startswith("2026-02-28T")
