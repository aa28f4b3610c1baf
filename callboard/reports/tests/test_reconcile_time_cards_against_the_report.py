"""Three-way reconciliation: the call sheet's plan, the production report's day and the time
cards. A card further than the tolerance from the report is flagged with both values, the
flag stops its approval until one side is accepted with a reason; new cards start from the
report."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, WarningOverride
from callboard.core.testing import add_member
from callboard.payroll import queries as payroll_queries
from callboard.payroll import services as payroll
from callboard.people.models import Person
from callboard.reports import reconcile
from callboard.reports.models import DepartmentWrap
from callboard.reports.services import (
    ReportError,
    reconcile_accept_card,
    reconcile_accept_report,
    report_start,
    set_time_record,
)

WEEK = date(2026, 12, 6)  # the Sunday before day 1 (Thu 10 Dec 2026)


@pytest.fixture
def report(day_one, coordinator):
    report = report_start(actor=coordinator, call_sheet=day_one)
    for kind, minutes in (
        ("crew_call", 7 * 60),
        ("first_shot", 7 * 60 + 40),
        ("meal_out", 13 * 60),
        ("meal_in", 13 * 60 + 30),
        ("camera_wrap", 19 * 60),
        ("last_out", 19 * 60 + 45),
    ):
        set_time_record(actor=coordinator, report=report, kind=kind, minutes=minutes)
    grips = Person.objects.filter(production=report.production, first_name__startswith="Crew")
    grips.update(rate=Decimal("40"), rate_unit="hour")
    DepartmentWrap.objects.create(
        report=report, department=grips.first().department, wrap=19 * 60 + 30
    )
    return report


def crew(production, n):
    return Person.objects.get(production=production, first_name=f"Crew{n}")


def card_with(person, **changes):
    """The person's card for the week, its day 1 changed (times as typed on a card)."""
    card = payroll.timecard_prepare(actor=None, person=person, week_start=WEEK)
    days = [dict(d, **changes) if d["date"] == "2026-12-10" else d for d in card.days]
    return payroll.timecard_save(actor=None, card=card, days=days)


def test_a_new_card_starts_from_the_report_not_the_plan(report, production):
    card = payroll.timecard_prepare(actor=None, person=crew(production, 0), week_start=WEEK)
    day = next(d for d in card.days if d["date"] == "2026-12-10")
    assert (day["call"], day["wrap"]) == ("07:00", "19:30")  # the department's wrap
    assert day["meals"][0]["start"] == "13:00" and day["meals"][0]["end"] == "13:30"
    assert not [f for f in payroll_queries.timecard_flags(card) if f.code == "dpr_differs"]


def test_a_card_within_the_tolerance_is_not_flagged(report, production):
    card = card_with(crew(production, 1), wrap="19:35")  # 5 minutes: within 6
    assert not [f for f in payroll_queries.timecard_flags(card) if f.code == "dpr_differs"]


def test_a_card_that_differs_is_flagged_with_both_values_and_cannot_be_approved(report, production):
    card = card_with(crew(production, 1), wrap="20:30")
    flags = [f for f in payroll_queries.timecard_flags(card) if f.code == "dpr_differs"]
    assert len(flags) == 1
    assert "wrap 19:30 on the DPR, 20:30 on the card" in flags[0].message
    card = payroll.timecard_submit(card=card, signature="Crew One")
    upm = add_member(production, Role.UPM)
    with pytest.raises(payroll.TimeCardError, match="differs from the production report"):
        payroll.timecard_approve(actor=upm, card=card)


def test_accepting_the_card_takes_a_reason_and_lets_another_approve(
    report, production, coordinator
):
    person = crew(production, 2)
    card = payroll.timecard_submit(card=card_with(person, wrap="20:30"), signature="Crew Two")
    membership = coordinator.memberships.get(production=production)
    with pytest.raises(ReportError, match="Say why"):
        reconcile_accept_card(
            actor=coordinator, membership=membership, report=report, person_id=person.pk, reason=""
        )
    reconcile_accept_card(
        actor=coordinator,
        membership=membership,
        report=report,
        person_id=person.pk,
        reason="Grips stayed to strike the condor; the key confirmed",
    )
    assert WarningOverride.objects.filter(subject_id=card.pk).count() == 1
    line = next(x for x in reconcile.day_lines(report) if x.person == person)
    assert line.state == "accepted" and "condor" in line.accepted.reason
    payroll.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    card.refresh_from_db()
    assert card.status == "approved"


def test_accepting_the_report_puts_its_times_on_the_card(report, production, coordinator):
    person = crew(production, 3)
    card_with(person, call="06:00", wrap="21:00")
    membership = coordinator.memberships.get(production=production)
    reconcile_accept_report(
        actor=coordinator,
        membership=membership,
        report=report,
        person_id=person.pk,
        reason="The camera report shows the grips wrapped at 7:30",
    )
    card = payroll_queries.timecard_current(person=person, week_start=WEEK)
    day = next(d for d in card.days if d["date"] == "2026-12-10")
    assert (day["call"], day["wrap"]) == ("07:00", "19:30")
    events = AuditEvent.objects.filter(object_id=str(card.pk))
    assert any("wrapped at 7:30" in str(e.changes.get("why")) for e in events)
    with pytest.raises(ReportError, match="agrees with the report now"):
        reconcile_accept_report(
            actor=coordinator,
            membership=membership,
            report=report,
            person_id=person.pk,
            reason="Again, for the record",
        )


def test_the_day_s_page_shows_who_differs_and_refuses_a_crew_member(
    report, production, coordinator, client
):
    person = crew(production, 1)
    card_with(person, wrap="20:30")
    client.force_login(coordinator)
    url = reverse(
        "reports:reconciliation", kwargs={"production": production.slug, "report_pk": report.pk}
    )
    page = client.get(url)
    assert page.status_code == 200
    assert b"<strong>wrap</strong>: 19:30 on the report, 20:30 on the card" in page.content
    bad = client.post(url, {"person": person.pk, "side": "card", "reason": ""})
    assert bad.status_code == 400 and b"Say why" in bad.content
    crew_member = add_member(production, Role.CREW)
    client.force_login(crew_member)
    assert (
        client.post(url, {"person": person.pk, "side": "card", "reason": "mine"}).status_code == 403
    )


def test_the_card_s_own_page_and_the_week_show_the_flag_with_both_values(
    report, production, coordinator_client
):
    card = card_with(crew(production, 1), wrap="20:30")
    expected = b"wrap 19:30 on the DPR, 20:30 on the card"
    page = coordinator_client.get(f"/p/{production.slug}/timecards/{card.pk}/")
    assert expected in page.content
    week = coordinator_client.get(f"/p/{production.slug}/timecards/?week=2026-12-06")
    assert expected in week.content


def test_someone_of_another_production_cannot_be_settled_here(report, production, coordinator):
    from callboard.core.testing import make_production
    from callboard.people.testing import make_person

    stranger = make_person(make_production("Other Show"), first_name="Stranger")
    membership = coordinator.memberships.get(production=production)
    with pytest.raises(ReportError, match="no time card"):
        reconcile_accept_card(
            actor=coordinator,
            membership=membership,
            report=report,
            person_id=stranger.pk,
            reason="Trying another show's card",
        )


def test_the_report_s_summary_names_each_open_difference(report, production):
    card_with(crew(production, 1), wrap="20:30")
    card_with(crew(production, 3))
    summary = reconcile.summary(report)
    assert (summary["differs"], summary["agrees"]) == (1, 1)
    assert summary["differing"][0]["differences"] == [("wrap", "19:30", "20:30")]


def test_the_dpr_page_shows_who_differs_with_both_values(report, production, member_client):
    card_with(crew(production, 1), wrap="20:30")
    page = member_client(Role.UPM).get(
        reverse("reports:report", kwargs={"production": production.slug, "report_pk": report.pk})
    )
    text = page.content.decode()
    assert "1 differs" in text
    assert "wrap 19:30 on the DPR, 20:30 on the card" in text
    assert (
        reverse(
            "reports:reconciliation", kwargs={"production": production.slug, "report_pk": report.pk}
        )
        in text
    )


def test_the_2nd_ad_is_not_offered_the_report_settings_they_cannot_open(day_one, member_client):
    client = member_client(Role.SECOND_AD)
    slug = day_one.production.slug
    listing = client.get(reverse("reports:reports", kwargs={"production": slug})).content.decode()
    settings_url = reverse("reports:report_settings", kwargs={"production": slug})
    assert settings_url not in listing
    assert client.get(settings_url).status_code == 403


def test_everyone_s_card_times_are_only_for_those_who_read_time_cards(report, member_client):
    url = reverse(
        "reports:reconciliation",
        kwargs={"production": report.production.slug, "report_pk": report.pk},
    )
    assert member_client(Role.SECOND_AD).get(url).status_code == 403
    assert member_client(Role.SCRIPT_SUPERVISOR).get(url).status_code == 403
    assert member_client(Role.DEPARTMENT_HEAD).get(url).status_code == 403  # their own dept's only
    assert member_client(Role.PAYROLL).get(url).status_code == 200


def test_a_posted_id_that_is_not_a_number_is_not_found_not_an_error(report, member_client):
    slug = report.production.slug
    client = member_client(Role.COORDINATOR)
    kwargs = {"production": slug, "report_pk": report.pk}
    for url, data in (
        (reverse("reports:exhibit_g", kwargs=kwargs), {"action": "link", "cast_time": "abc"}),
        (reverse("reports:exhibit_g", kwargs=kwargs), {"action": "reopen", "cast_time": ""}),
        (reverse("reports:reports", kwargs={"production": slug}), {"call_sheet": "1e3"}),
        (reverse("reports:set_today", kwargs={"production": slug}), {"sheet": "²"}),
        (reverse("reports:set_links", kwargs=kwargs), {"revoke": "x"}),
    ):
        assert client.post(url, data).status_code == 404, url


def test_taking_the_report_on_an_approved_card_says_to_reopen_it_and_changes_nothing(
    report, production, coordinator
):
    person = crew(production, 2)
    card = payroll.timecard_submit(card=card_with(person, wrap="20:30"), signature="Crew Two")
    membership = coordinator.memberships.get(production=production)
    reconcile_accept_card(
        actor=coordinator,
        membership=membership,
        report=report,
        person_id=person.pk,
        reason="The key grip vouched for the hour",
    )
    card = payroll.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    with pytest.raises(ReportError, match="reopen it on the card's page") as refused:
        reconcile_accept_report(
            actor=coordinator,
            membership=membership,
            report=report,
            person_id=person.pk,
            reason="The camera report shows 7:30 after all",
        )
    assert "version 2" in str(refused.value)
    card.refresh_from_db()
    day = next(d for d in card.days if d["date"] == "2026-12-10")
    assert (card.status, day["wrap"]) == ("approved", "20:30")


def test_a_card_filled_from_a_day_with_meal_grace_prices_the_meal_as_the_report_does(
    day_one, production, coordinator
):
    from callboard.reports.queries import crew_days

    report = report_start(actor=coordinator, call_sheet=day_one)
    for kind, minutes, grace in (
        ("crew_call", 7 * 60, False),
        ("first_shot", 7 * 60 + 40, False),
        ("meal_out", 13 * 60 + 10, True),  # 10 minutes late, within the AD's 12 of grace
        ("meal_in", 13 * 60 + 40, False),
        ("camera_wrap", 19 * 60, False),
    ):
        set_time_record(actor=coordinator, report=report, kind=kind, minutes=minutes, grace=grace)
    person = crew(production, 0)
    Person.objects.filter(pk=person.pk).update(union="IATSE", rate=Decimal("40"), rate_unit="hour")
    person.refresh_from_db()
    payroll.deal_terms_save(
        actor=None,
        person=person,
        rules="iatse-basic",
        guaranteed_hours=Decimal("8"),
        days_per_week=5,
    )
    DepartmentWrap.objects.create(report=report, department=person.department, wrap=19 * 60 + 30)
    (row,) = crew_days(report, person_ids=[person.pk])
    assert row.penalties == 0  # the DPR: no meal penalty

    card = payroll.timecard_prepare(actor=None, person=person, week_start=WEEK)
    day = next(d for d in card.days if d["date"] == "2026-12-10")
    assert day["meals"][0] == {"start": "13:10", "end": "13:40", "grace": True}
    lines = [ln for d in card.pay["days"] for ln in d["lines"]]
    assert lines and not [ln for ln in lines if ln["kind"] == "meal_penalty"]


def dpr_flags(card):
    return [f for f in payroll_queries.timecard_flags(card) if f.code == "dpr_differs"]


def test_a_card_s_wrap_before_call_is_the_next_morning_only_when_marked_so(report, production):
    # The grips wrapped at 1:30 the next morning (25:30 on the report).
    DepartmentWrap.objects.filter(report=report).update(wrap=25 * 60 + 30)
    person = crew(production, 1)
    unmarked = card_with(person, wrap="01:30", overnight=False)
    (flag,) = dpr_flags(unmarked)
    assert "wrap 01:30 (+1) on the DPR, 01:30 on the card" in flag.message
    assert not dpr_flags(card_with(person, wrap="01:30", overnight=True))


def test_a_call_past_midnight_goes_on_the_next_date_of_the_card_with_its_own_times(
    day_one, production, coordinator
):
    report = report_start(actor=coordinator, call_sheet=day_one)
    for kind, minutes in (
        ("crew_call", 24 * 60 + 30),
        ("first_shot", 25 * 60),
        ("meal_out", 30 * 60 + 30),
        ("meal_in", 31 * 60),
        ("camera_wrap", 35 * 60),
    ):
        set_time_record(actor=coordinator, report=report, kind=kind, minutes=minutes)
    person = crew(production, 0)
    Person.objects.filter(pk=person.pk).update(rate=Decimal("40"), rate_unit="hour")
    person.refresh_from_db()
    DepartmentWrap.objects.create(
        report=report, department=person.department, call=24 * 60 + 30, wrap=35 * 60 + 30
    )
    card = payroll.timecard_prepare(actor=None, person=person, week_start=WEEK)
    day = next(d for d in card.days if d["date"] == "2026-12-11")  # 00:30 on Fri 11 Dec
    assert (day["call"], day["meals"][0]["start"], day["wrap"]) == ("00:30", "06:30", "11:30")
    assert not dpr_flags(card)
    line = next(x for x in reconcile.day_lines(report) if x.person == person)
    assert (line.date, line.state) == (date(2026, 12, 11), "agrees")


def test_a_second_unit_report_flags_a_card_that_differs_and_stops_its_approval(
    day_one, production, coordinator
):
    from callboard.reports.tests.dpr_days import times_record

    second = report_start(actor=coordinator, call_sheet=day_one, unit="second")
    times_record(coordinator, second)
    person = crew(production, 1)
    Person.objects.filter(pk=person.pk).update(rate=Decimal("40"), rate_unit="hour")
    person.refresh_from_db()
    DepartmentWrap.objects.create(report=second, department=person.department, wrap=19 * 60 + 30)
    card = card_with(person, wrap="20:30")
    (flag,) = dpr_flags(card)
    assert "wrap 19:30 on the DPR, 20:30 on the card" in flag.message
    card = payroll.timecard_submit(card=card, signature="Crew One")
    with pytest.raises(payroll.TimeCardError, match="differs from the production report"):
        payroll.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    line = next(x for x in reconcile.day_lines(second) if x.person == person)
    assert line.state == "differs"


def test_someone_on_both_units_the_same_day_is_paid_from_the_first_call_to_the_last_wrap(
    report, day_one, production, coordinator
):
    from callboard.reports.tests.dpr_days import times_record

    second = report_start(actor=coordinator, call_sheet=day_one, unit="second")
    times_record(coordinator, second)
    person = crew(production, 1)
    DepartmentWrap.objects.create(report=second, department=person.department, wrap=21 * 60)
    # The main unit wrapped the grips at 19:30; the second unit kept them until 21:00.
    assert not dpr_flags(card_with(person, wrap="21:00"))
    (flag,) = dpr_flags(card_with(person, wrap="19:30"))
    assert "wrap 21:00 on the DPR, 19:30 on the card" in flag.message
    for each in (report, second):  # each unit's page says what the card is flagged with
        line = next(x for x in reconcile.day_lines(each) if x.person == person)
        assert line.state == "differs" and line.flag == flag.message


def test_an_approved_day_is_reconciled_against_what_was_approved_not_later_changes(
    day_one, production, coordinator
):
    from callboard.people.models import Department
    from callboard.reports.services import report_approve, report_submit
    from callboard.reports.tests.dpr_days import day_filled

    report = day_filled(coordinator, report_start(actor=coordinator, call_sheet=day_one))
    report_submit(actor=coordinator, report=report)
    report, _ = report_approve(actor=coordinator, report=report)
    person = crew(production, 1)
    Person.objects.filter(pk=person.pk).update(rate=Decimal("40"), rate_unit="hour")
    # After approval: the person renamed and moved to another department, and the rows
    # under the approved version changed behind its back.
    other = Department.objects.filter(production=production).exclude(pk=person.department_id)
    Person.objects.filter(pk=person.pk).update(first_name="Renamed", department=other.first())
    DepartmentWrap.objects.filter(report=report).update(wrap=22 * 60)
    person.refresh_from_db()

    assert not dpr_flags(card_with(person, wrap="19:30"))  # as approved
    (flag,) = dpr_flags(card_with(person, wrap="22:00"))
    assert "wrap 19:30 on the DPR, 22:00 on the card" in flag.message
    line = next(x for x in reconcile.day_lines(report) if x.person == person)
    assert line.differences == [("wrap", "19:30", "22:00")]
