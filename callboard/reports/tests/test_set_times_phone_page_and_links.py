"""Issue 18, item 1: the day's phone page records each time by "Now" or typed, shows who
recorded what, says why a time is refused and keeps what was typed; the office's signed link
opens the same page for someone without an account and records their name; revoked, forged or
another purpose's links open nothing; corrections need the office's capability."""

from datetime import timedelta

import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.links import link_grant_create, link_token
from callboard.core.models import AuditEvent
from callboard.core.testing import add_member
from callboard.people.models import DistributionGroup
from callboard.reports.models import ProductionReport, ReportSettings, SetTime, SetTimesLink
from callboard.reports.services import report_start, report_submit, set_times_link_issue

from .dpr_days import day_filled


@pytest.fixture
def report(day_one, coordinator):
    return report_start(actor=coordinator, call_sheet=day_one)


def day_url(report, tail=""):
    return (
        reverse(
            "reports:set_day", kwargs={"production": report.production.slug, "report_pk": report.pk}
        )
        + tail
    )


def times(report):
    return dict(SetTime.objects.filter(report=report).values_list("kind", "minutes"))


def test_the_2nd_ad_starts_the_day_from_the_published_call_sheet(
    client, production, day_one, on_set
):
    client.force_login(add_member(production, Role.SECOND_AD))
    url = reverse("reports:set_today", kwargs={"production": production.slug})
    page = client.get(url).content.decode()
    assert "Day 1 · Thu Dec 10" in page and "Start the main unit's day" in page
    response = client.post(url, {"sheet": day_one.pk, "unit": "second"}, follow=True)
    report = ProductionReport.objects.get()
    assert report.unit == "second" and "2nd unit" in response.content.decode()
    assert "Second unit: the day's times" in client.get(url).content.decode()


def test_a_day_not_yet_come_or_not_called_starts_nothing(client, production, day_one, on_set):
    client.force_login(add_member(production, Role.SECOND_AD))
    url = reverse("reports:set_today", kwargs={"production": production.slug})
    on_set(2026, 12, 9, 18, 0)  # the day before day 1
    assert "No call sheet published for today" in client.get(url).content.decode()
    page = client.post(url, {"sheet": day_one.pk, "unit": "main"}, follow=True)
    assert "a report starts on the day" in page.content.decode()
    assert client.post(url, {"sheet": "x", "unit": "main"}).status_code == 404
    assert not ProductionReport.objects.exists()


def test_now_and_typed_times_are_recorded_with_who_recorded_them(client, production, report):
    user = add_member(production, Role.SECOND_AD)
    client.force_login(user)
    response = client.post(day_url(report), {"kind": "crew_call", "now": "1"})
    assert response.status_code == 302 and response.url.endswith("#t-ndb_start")
    assert times(report) == {"crew_call": 10 * 60}  # 18:00 UTC is 10:00 AM in Los Angeles
    client.post(day_url(report), {"kind": "first_shot", "time": "10:20"})
    page = client.get(day_url(report)).content.decode()
    assert "10:20 AM" in page and f"by {user.get_full_name() or user.email}" in page
    assert ">The DPR</a>" in page and ">Scenes</a>" in page


def test_a_refused_time_says_why_and_keeps_what_was_typed(client, production, report):
    client.force_login(add_member(production, Role.SECOND_AD))
    client.post(day_url(report), {"kind": "first_shot", "time": "7:30"})
    client.post(day_url(report), {"kind": "meal_out", "time": "12:30", "grace": "on"})
    response = client.post(day_url(report), {"kind": "meal_in", "time": "12:10"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Lunch in (12:10 PM) is before lunch out (12:30 PM)" in page
    assert 'value="12:10"' in page
    response = client.post(day_url(report), {"kind": "camera_wrap", "time": "soon"})
    assert response.status_code == 400 and "is not a time" in response.content.decode()
    response = client.post(day_url(report), {"kind": "camera_wrap", "time": "6:00"})
    assert "before the crew call" in response.content.decode()
    response = client.post(day_url(report), {"kind": "bogus", "time": "6:00"})
    assert response.status_code == 400
    assert times(report) == {"first_shot": 450, "meal_out": 750}
    assert SetTime.objects.get(kind="meal_out").grace


def test_a_late_first_shot_asks_for_its_reason_and_keeps_it(client, production, report):
    client.force_login(add_member(production, Role.SECOND_AD))
    response = client.post(day_url(report), {"kind": "first_shot", "time": "8:30"})
    assert "more than an hour after call" in response.content.decode()
    client.post(day_url(report), {"kind": "first_shot", "time": "8:30", "note": "Rain"})
    assert "Why: Rain" in client.get(day_url(report)).content.decode()


def test_the_second_person_recording_first_shot_is_told_who_was_first(client, production, report):
    first, second = add_member(production, Role.SECOND_AD), add_member(production, Role.PA)
    client.force_login(first)
    client.post(day_url(report), {"kind": "first_shot", "time": "7:42"})
    client.force_login(second)
    response = client.post(day_url(report), {"kind": "first_shot", "time": "7:45"})
    assert response.status_code == 400
    assert "First shot is already recorded: 7:42 AM, by" in response.content.decode()
    assert times(report) == {"first_shot": 7 * 60 + 42}


def test_only_the_office_corrects_a_recorded_time(client, production, report):
    pa = add_member(production, Role.PA)
    client.force_login(pa)
    client.post(day_url(report), {"kind": "first_shot", "time": "7:42"})
    page = client.get(day_url(report)).content.decode()
    assert "Correct</summary>" not in page and ">The DPR</a>" not in page  # a PA keeps the times
    correct = day_url(report, "correct/")
    assert client.post(correct, {"kind": "first_shot", "time": "7:40"}).status_code == 403
    client.force_login(add_member(production, Role.SECOND_AD))
    client.post(correct, {"kind": "first_shot", "time": "7:40"})
    assert times(report) == {"first_shot": 460}
    change = AuditEvent.objects.filter(object_type="settime").latest("pk").changes
    assert change["from"]["minutes"] == 462 and change["to"]["minutes"] == 460


def test_roles_without_set_times_and_other_productions_see_nothing(client, production, report):
    from callboard.core.testing import make_production

    client.force_login(add_member(production, Role.CREW))
    assert client.get(day_url(report)).status_code == 403
    assert client.post(day_url(report), {"kind": "first_shot", "now": "1"}).status_code == 403
    other = make_production("Other Show")
    client.force_login(add_member(other, Role.SECOND_AD))
    foreign = reverse("reports:set_day", kwargs={"production": other.slug, "report_pk": report.pk})
    assert client.get(foreign).status_code == 404
    assert not SetTime.objects.exists()


def test_a_link_records_under_the_holder_s_name_until_revoked(client, production, report):
    office = add_member(production, Role.COORDINATOR)
    client.force_login(office)
    links = day_url(report, "links/")
    client.post(links, {"name": "  Sam   Ortiz (set PA) "})
    link = SetTimesLink.objects.get()
    assert link.name == "Sam Ortiz (set PA)"
    page = client.get(links).content.decode()
    url = next(part for part in page.split('"') if "/l/set-times/" in part)
    path = url.split("8000", 1)[-1] if "8000" in url else url
    client.logout()

    opened = client.get(path)
    assert opened.status_code == 200 and "Sam Ortiz (set PA)" in opened.content.decode()
    assert "no-store" in opened["Cache-Control"]
    assert "Correct</summary>" not in opened.content.decode()
    response = client.post(path, {"kind": "first_shot", "time": "7:42"})
    assert response.status_code == 302
    recorded = SetTime.objects.get(kind="first_shot")
    assert recorded.recorded_via == "Sam Ortiz (set PA) (link)" and recorded.recorded_by is None
    assert "by Sam Ortiz (set PA) (link)" in client.get(path).content.decode()

    client.force_login(office)
    client.post(links, {"revoke": link.pk})
    client.logout()
    gone = client.get(path)
    assert gone.status_code == 410 and "withdrawn" in gone.content.decode()
    assert client.post(path, {"kind": "meal_out", "time": "12:00"}).status_code == 410
    assert set(times(report)) == {"first_shot"}


def test_forged_and_foreign_links_open_nothing(client, production, report, coordinator):
    _, token = set_times_link_issue(actor=coordinator, report=report, name="Sam")
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert client.get(reverse("set_times_by_link", args=[forged])).status_code == 410
    # A real link for another purpose (a call sheet's) does not open the day's times.
    grant, other = link_grant_create(
        production=production, purpose="delivery", subject=report, valid_for=timedelta(hours=1)
    )
    assert client.get(reverse("set_times_by_link", args=[other])).status_code == 410
    assert client.get(reverse("set_times_by_link", args=[link_token(grant)])).status_code == 410


def test_a_link_needs_a_name_and_only_the_office_makes_one(client, production, report):
    client.force_login(add_member(production, Role.PA))
    assert client.post(day_url(report, "links/"), {"name": "Sam"}).status_code == 403
    client.force_login(add_member(production, Role.SECOND_AD))
    page = client.post(day_url(report, "links/"), {"name": "   "}, follow=True)
    assert "Type who the link is for" in page.content.decode()
    assert not SetTimesLink.objects.exists()


def test_report_settings_are_saved_and_audited(client, production, coordinator):
    group = DistributionGroup.objects.create(production=production, name="UPM", kind="custom")
    client.force_login(coordinator)
    url = reverse("reports:report_settings", kwargs={"production": production.slug})
    form = {"status_group": group.pk, "status_by_text": "on", "tolerance_minutes": "10"}
    assert client.post(url, form).status_code == 302
    saved = ReportSettings.objects.get(production=production)
    assert saved.status_group == group and saved.status_by_text and saved.tolerance_minutes == 10
    assert AuditEvent.objects.filter(object_type="reportsettings").exists()
    bad = client.post(url, {**form, "tolerance_minutes": "500"})
    assert bad.status_code == 400
    assert ReportSettings.objects.get(production=production).tolerance_minutes == 10
    client.force_login(add_member(production, Role.SECOND_AD))
    assert client.get(url).status_code == 403


def test_the_status_page_lists_who_got_each_report_and_sends_again_to_those_missed(
    client, production, report, coordinator, django_capture_on_commit_callbacks
):
    from callboard.core.models import OutboundEmail
    from callboard.people.testing import make_person
    from callboard.reports.services import report_settings_update

    upm = make_person(production, first_name="Una", last_name="Upm")
    lost = make_person(production, first_name="Lou", last_name="Lost", email="")
    group = DistributionGroup.objects.create(production=production, name="UPM", kind="custom")
    group.members.set([upm, lost])
    report_settings_update(
        actor=coordinator, production=production, status_group=group, status_by_text=False,
        report_group=None, tolerance_minutes=6, credit_parts=False,
    )  # fmt: skip
    client.force_login(add_member(production, Role.SECOND_AD))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(day_url(report), {"kind": "first_shot", "time": "7:42"})
    status = reverse(
        "reports:set_status", kwargs={"production": production.slug, "report_pk": report.pk}
    )
    page = client.get(status).content.decode()
    assert "FIRST SHOT: 7:42 AM" in page and "Una Upm" in page and "sent" in page
    assert "no e-mail, and no phone with texts agreed" in page  # Lou
    assert "Send again to the 1 it did not reach" in page

    lost.email = "lou@example.test"
    lost.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(status, {"event": "first-shot"})
    assert OutboundEmail.objects.filter(to="lou@example.test").count() == 1
    assert OutboundEmail.objects.filter(to=upm.email).count() == 1  # not twice
    assert client.post(status, {"event": "wrap"}).status_code == 404
    client.force_login(add_member(production, Role.SCRIPT_SUPERVISOR))
    assert client.post(status, {"event": "first-shot"}).status_code == 403


def test_now_on_a_day_that_is_not_the_report_s_is_refused(client, production, report, on_set):
    client.force_login(add_member(production, Role.SECOND_AD))
    on_set(2026, 12, 14, 18, 0)  # Monday: day 1 was Thursday
    response = client.post(day_url(report), {"kind": "camera_wrap", "now": "1"})
    assert response.status_code == 400
    assert "is not on day 1 (Thu 10 Dec). Type the time instead." in response.content.decode()
    assert not SetTime.objects.exists()


def test_an_approved_report_s_times_are_not_recorded_from_set(client, production, report):
    ProductionReport.objects.filter(pk=report.pk).update(status="approved")
    client.force_login(add_member(production, Role.SECOND_AD))
    page = client.get(day_url(report)).content.decode()
    assert "This report is approved" in page and 'button class="now"' not in page
    response = client.post(day_url(report), {"kind": "camera_wrap", "time": "19:00"})
    assert response.status_code == 400 and "a change is a correction" in response.content.decode()
    assert not SetTime.objects.exists()


def test_a_link_stops_after_36_hours(client, report, coordinator, on_set):
    _, token = set_times_link_issue(actor=coordinator, report=report, name="Sam")
    url = reverse("set_times_by_link", args=[token])
    assert client.get(url).status_code == 200
    on_set(2026, 12, 12, 6, 1)  # 36 hours and a minute after it was made
    response = client.get(url)
    assert response.status_code == 410 and "expired" in response.content.decode()


def test_a_time_recorded_through_a_link_sends_its_status_report(
    client, production, report, coordinator, django_capture_on_commit_callbacks
):
    from callboard.core.models import OutboundEmail
    from callboard.people.testing import make_person
    from callboard.reports.services import report_settings_update

    upm = make_person(production, first_name="Una", last_name="Upm")
    group = DistributionGroup.objects.create(production=production, name="UPM", kind="custom")
    group.members.set([upm])
    report_settings_update(
        actor=coordinator, production=production, status_group=group, status_by_text=False,
        report_group=None, tolerance_minutes=6, credit_parts=False,
    )  # fmt: skip
    _, token = set_times_link_issue(actor=coordinator, report=report, name="Sam")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("set_times_by_link", args=[token]), {"kind": "first_shot", "time": "7:42"}
        )
    assert response.status_code == 302
    assert OutboundEmail.objects.get(to=upm.email).subject.endswith("FIRST SHOT: 7:42 AM")


def test_a_submitted_day_offers_no_time_to_record(client, production, report):
    second_ad = add_member(production, Role.SECOND_AD)
    report_submit(actor=second_ad, report=day_filled(second_ad, report))
    client.force_login(second_ad)
    page = client.get(day_url(report)).content.decode()
    assert "It is with the UPM for approval" in page
    assert ">Record<" not in page and 'button class="now"' not in page
