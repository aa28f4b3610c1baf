"""Hours that cannot be right are flagged on the card against the production's own limits
(defaults: 16 h worked or 20 h elapsed a day, 90 h a week), with a wrap earlier than the
call not marked as after midnight and days still to come; they block the department's
approval too until overridden. A set crew member's day off the call sheet that called
their department is for information only."""

import datetime as dt
from decimal import Decimal

import pytest

from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member
from callboard.payroll import queries, services
from callboard.payroll.models import PayrollSettings, TimeCard
from callboard.payroll.services import TimeCardError
from callboard.payroll.timecards import (
    CardDeal,
    HourLimits,
    SheetDay,
    card_flags,
    days_from_form,
    days_from_sheets,
    price,
)
from callboard.people.models import Department

from .helpers import WEEK, day_post, person_with_deal, publish_sheet

DEAL = CardDeal("flsa", Decimal("300"), "day", Decimal("12"))  # no meal rules: hours only


DEFAULTS = HourLimits()


def _codes(form, *, limits=DEFAULTS, today=None, department_dates=frozenset(), sheets=None):
    days = days_from_form(WEEK, form)
    return [
        (f.code, f.blocks, f.message)
        for f in card_flags(
            days=days,
            pay=price(DEAL, WEEK, "", days),
            deal=DEAL,
            listed_rate=Decimal("300"),
            listed_per="day",
            sheets=sheets or {},
            department_dates=set(department_dates),
            limits=limits,
            today=today,
        )
    ]


def test_a_wrap_before_call_must_be_marked_after_midnight():
    night = {"d1_call": "18:00", "d1_wrap": "04:30", "d1_m1_start": "23:30", "d1_m1_end": "00:00"}
    assert _codes(night) == [
        (
            "wrap_before_call",
            True,
            "Mon Mar 2: wrap 04:30 is earlier than "
            "call 18:00; mark the day as wrapping after midnight, or correct it.",
        )
    ]
    assert _codes(night | {"d1_overnight": "on"}) == []
    # The mark changes no figure: a wrap earlier than the call is the next morning either way.
    days = days_from_form(WEEK, night | {"d1_overnight": "on"})
    assert days[0]["overnight"] is True
    assert price(DEAL, WEEK, "", days) == price(DEAL, WEEK, "", days_from_form(WEEK, night))


def test_a_night_shoot_from_the_call_sheet_starts_marked_after_midnight():
    assert days_from_sheets({"2026-03-02": SheetDay("18:00", "04:00", "23:00")})[0]["overnight"]
    assert "overnight" not in days_from_sheets({"2026-03-02": SheetDay("07:00", "19:00")})[0]


def test_long_days_and_weeks_are_flagged_past_the_limits():
    long_day = {"d1_call": "05:00", "d1_wrap": "23:00"}  # 18.0 worked and elapsed
    assert [c[:2] for c in _codes(long_day)] == [("long_day", True)]
    assert [c[2] for c in _codes(long_day)] == [
        "Mon Mar 2: 18.0 h worked, more than the 16.0 h a day can be."
    ]
    meals = long_day | {"d1_m1_start": "11:00", "d1_m1_end": "14:00"}  # 15.0 worked, 18 elapsed
    assert _codes(meals, limits=HourLimits(day_elapsed=Decimal("17.5")))[0][2] == (
        "Mon Mar 2: 18.0 h from call to wrap, more than 17.5 h."
    )
    week = {f"d{n}_call": "06:00" for n in range(6)} | {f"d{n}_wrap": "21:30" for n in range(6)}
    assert [c[:2] for c in _codes(week)] == [("long_week", True)]  # 6 x 15.5 = 93.0
    assert _codes(week, limits=HourLimits(week_worked=Decimal("95"))) == []


def test_hours_on_a_day_still_to_come_are_flagged():
    form = {"d3_call": "07:00", "d3_wrap": "15:00"}  # Wed Mar 4
    assert [c[:2] for c in _codes(form, today=dt.date(2026, 3, 3))] == [("future_day", True)]
    assert _codes(form, today=dt.date(2026, 3, 4)) == []


def test_a_day_off_the_sheet_is_noted_only_when_the_department_was_called():
    form = {"d1_call": "08:00", "d1_wrap": "16:00"}
    assert _codes(form, department_dates={"2026-03-02"}) == [
        (
            "not_called",
            False,
            (
                "Mon Mar 2: worked, but not on that day's call sheet, which called the department "
                "(for information)."
            ),
        )
    ]
    assert _codes(form) == []  # office or prep: their department was not on the sheet


@pytest.mark.django_db
def test_the_office_or_a_department_called_decides_the_note(production):
    camera = Department.objects.get(production=production, name="Camera")
    office = Department.objects.get(production=production, name="Production")
    operator = person_with_deal(production, department=camera)
    on_set = person_with_deal(production, department=camera)
    coordinator = person_with_deal(production, department=office)
    publish_sheet(production, dt.date(2026, 3, 2), {operator: "07:00"})
    for person in (on_set, coordinator):
        card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
        services.timecard_save(
            actor=None,
            card=card,
            days=days_from_form(WEEK, {"d1_call": "08:00", "d1_wrap": "13:00"}),
        )
    codes = {
        c.person_id: [f.code for f in queries.timecard_flags(c)]
        for c in TimeCard.objects.filter(production=production)
    }
    assert codes == {on_set.pk: ["not_called"], coordinator.pk: []}


@pytest.mark.django_db
def test_the_department_cannot_approve_a_wrap_before_call_until_it_is_overridden(production):
    crew = person_with_deal(production)
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(
        actor=None, card=card, days=days_from_form(WEEK, {"d1_call": "18:00", "d1_wrap": "04:00"})
    )
    services.timecard_submit(card=card, signature="Crew")
    upm = add_member(production, Role.UPM)
    with pytest.raises(TimeCardError, match="1 warning to resolve"):
        services.timecard_approve(actor=upm, card=card)
    card.refresh_from_db()
    assert card.status == TimeCard.Status.SUBMITTED
    payroll = add_member(production, Role.PAYROLL)
    services.timecard_warning_override(
        actor=payroll,
        membership=Membership.objects.get(user=payroll),
        card=card,
        warning=queries.timecard_warnings(card)[0],
        reason="Night exterior, wrapped 04:00.",
    )
    assert services.timecard_approve(actor=upm, card=card).status == TimeCard.Status.APPROVED


@pytest.mark.django_db
def test_the_office_sets_the_limits_on_the_payroll_settings_page(
    coordinator_client, member_client, production
):
    url = f"/p/{production.slug}/timecards/settings/"
    page = coordinator_client.get(url)
    assert b'value="16"' in page.content and b'value="90"' in page.content
    coordinator_client.post(
        url,
        {
            "max_day_worked_hours": "14",
            "max_day_elapsed_hours": "18",
            "max_week_worked_hours": "70",
        },
    )
    assert queries.hour_limits(production) == HourLimits(
        Decimal("14"), Decimal("18"), Decimal("70")
    )
    crew = person_with_deal(production)
    card = services.timecard_prepare(actor=None, person=crew, week_start=WEEK)
    card = services.timecard_save(
        actor=None, card=card, days=days_from_form(WEEK, day_post(1, "06:00", "21:00"))
    )
    assert "long_day" in [f.code for f in queries.timecard_flags(card)]  # 15.0 > 14
    refused = coordinator_client.post(
        url,
        {
            "max_day_worked_hours": "25",
            "max_day_elapsed_hours": "18",
            "max_week_worked_hours": "70",
        },
        follow=True,
    )
    assert b"Nothing was saved" in refused.content
    assert PayrollSettings.objects.get(production=production).max_day_worked_hours == 14
    assert member_client(Role.CREW).get(url).status_code == 403
