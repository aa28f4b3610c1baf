"""The DPR's pages: the script supervisor's scenes, a department's times, background, the
office's page, submit and approve; each refuses who may not and bad input (nothing saved)."""

import pytest
from django.urls import reverse

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.people.models import Person
from callboard.reports.models import BackgroundLine, CrewTime, Delay, Incident, SceneProgress
from callboard.reports.services import report_start
from callboard.schedule.models import Strip

from .dpr_days import day_filled, times_record


@pytest.fixture
def report(day_one, coordinator):
    return report_start(actor=coordinator, call_sheet=day_one)


def url(report, name="reports:report", **kwargs):
    return reverse(
        name, kwargs={"production": report.production.slug, "report_pk": report.pk, **kwargs}
    )


def test_the_script_supervisor_records_scenes_and_an_added_one(report, member_client):
    client = member_client(Role.SCRIPT_SUPERVISOR)
    page = client.get(url(report, "reports:report_scenes"))
    assert page.status_code == 200 and b"Scene 1 status" in page.content
    one = Strip.objects.get(scene_number="1")
    two = Strip.objects.get(scene_number="2")
    done = client.post(
        url(report, "reports:report_scenes"),
        {
            "count": 2,
            "s0_strip": one.pk,
            "s0_scene": "1",
            "s0_status": "complete",
            "s0_minutes": "1:30",
            "s0_setups": "5",
            "s1_strip": two.pk,
            "s1_scene": "2",
            "s1_status": "not_shot",
            "s2_scene": "3",
            "s2_status": "complete",
            "s2_setups": "2",
        },
    )
    assert done.status_code == 302
    assert list(SceneProgress.objects.values_list("scene", "status", "added", "seconds")) == [
        ("1", "complete", False, 90),
        ("2", "not_shot", False, 0),
        ("3", "complete", True, 0),
    ]
    again = client.post(
        url(report, "reports:report_scenes"),
        {
            "count": 2,
            "s0_strip": one.pk,
            "s0_scene": "1",
            "s0_status": "complete",
            "s1_strip": one.pk,
            "s1_scene": "1",
            "s1_status": "complete",
            "s2_scene": "",
        },
    )
    assert again.status_code == 400 and b"marked complete twice" in again.content
    bad = client.post(
        url(report, "reports:report_scenes"),
        {
            "count": 1,
            "s0_strip": one.pk,
            "s0_scene": "1",
            "s0_status": "complete",
            "s0_minutes": "1:75",
            "s1_scene": "",
        },
    )
    assert bad.status_code == 400 and b"minutes:seconds" in bad.content
    assert SceneProgress.objects.get(scene="1").seconds == 90  # nothing changed


def test_a_department_head_enters_their_own_department_only(report, production, client):
    crew0 = Person.objects.get(first_name="Crew0")
    user = add_member(production, Role.DEPARTMENT_HEAD)
    crew0.is_department_head = True
    crew0.email = user.email
    crew0.save()
    client.force_login(user)
    page = url(report, "reports:report_department", department_pk=crew0.department_id)
    days = client.get(reverse("reports:department_days", kwargs={"production": production.slug}))
    assert "Department times" in days.content.decode() and page in days.content.decode()
    assert client.get(page).status_code == 200
    done = client.post(
        page,
        {
            "wrap": "19:30",
            f"p{crew0.pk}_wrap": "25:30",
            f"p{crew0.pk}_note": "Wrap out of the stage",
        },
    )
    assert done.status_code == 302
    assert CrewTime.objects.get(person=crew0).wrap == 25 * 60 + 30
    bad = client.post(page, {"wrap": "2:00", "call": "7:00"})
    assert bad.status_code == 400 and b"type it past 24:00" in bad.content
    from callboard.people.models import Department

    other = Department.objects.filter(production=production).exclude(pk=crew0.department_id)[0]
    assert (
        client.post(
            url(report, "reports:report_department", department_pk=other.pk), {"wrap": "19:00"}
        ).status_code
        == 403
    )


def test_background_and_the_office_page(report, coordinator_client):
    page = url(report, "reports:report_background")
    done = coordinator_client.post(
        page,
        {
            "count": 0,
            "b0_description": "Diners",
            "b0_union": "on",
            "b0_count": "12",
            "b0_called": "12",
            "b0_vouchers": "11",
            "b0_rate": "216",
            "b0_call": "6:30",
            "b0_wrap": "19:00",
        },
    )
    assert done.status_code == 302
    line = BackgroundLine.objects.get()
    assert (line.vouchers, line.call, str(line.rate)) == (11, 390, "216.00")
    assert b"-1" in coordinator_client.get(url(report)).content  # vouchers against the call
    bad = coordinator_client.post(page, {"count": 0, "b0_description": "Diners", "b0_rate": "lots"})
    assert bad.status_code == 400 and b"not an amount" in bad.content
    assert BackgroundLine.objects.get().count == 12
    office = url(report, "reports:report_office")
    coordinator_client.post(office, {"action": "delay", "reason": "Rain", "minutes": "25"})
    coordinator_client.post(
        office,
        {"action": "incident", "who": "Grip", "what": "Cut hand", "at": "15:10", "first_aid": "on"},
    )
    coordinator_client.post(office, {"action": "details", "weather": "Rain", "meal_lunch": "90"})
    assert Delay.objects.get().minutes == 25 and Incident.objects.get().at == 15 * 60 + 10
    bad = coordinator_client.post(office, {"action": "delay", "reason": "", "minutes": "5"})
    assert bad.status_code == 400 and Delay.objects.count() == 1
    page = coordinator_client.get(url(report)).content.decode()
    assert "Rain" in page and "Cut hand" in page and "lunch 90" in page


def test_submit_names_what_is_missing_then_the_upm_approves(
    report, coordinator_client, coordinator, production, client
):
    times_record(coordinator, report, [("crew_call", 420)])
    refused = coordinator_client.post(
        url(report, "reports:report_action"), {"action": "submit"}, follow=True
    )
    assert "still missing: First shot time" in refused.content.decode()
    day_filled(coordinator, report)
    coordinator_client.post(url(report, "reports:report_action"), {"action": "submit"})
    report.refresh_from_db()
    assert report.status == "submitted"
    # The coordinator prepares; only the UPM approves.
    assert (
        coordinator_client.post(
            url(report, "reports:report_action"), {"action": "approve"}
        ).status_code
        == 403
    )
    upm = add_member(production, Role.UPM)
    client.force_login(upm)
    page = client.post(url(report, "reports:report_action"), {"action": "approve"}, follow=True)
    assert "Approved and frozen" in page.content.decode()
    pdf = client.get(url(report, "reports:report_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Frozen: its pages read, nothing writes.
    for name, data in [
        ("reports:report_scenes", {"count": 0, "s0_scene": "3", "s0_status": "complete"}),
        ("reports:report_background", {"count": 0, "b0_description": "Diners"}),
        ("reports:report_office", {"action": "delay", "reason": "Rain", "minutes": "5"}),
    ]:
        assert client.get(url(report, name)).status_code == 200
        refused = client.post(url(report, name), data)
        assert refused.status_code == 400 and b"a change is a correction" in refused.content
    assert not report.delays.exists()


def test_the_upm_sends_a_report_back_saying_why(report, coordinator, production, client):
    day_filled(coordinator, report)
    from callboard.reports.services import report_submit

    report_submit(actor=coordinator, report=report)
    client.force_login(add_member(production, Role.UPM))
    refused = client.post(url(report, "reports:report_action"), {"action": "return"}, follow=True)
    assert "Say what needs fixing." in refused.content.decode()
    client.post(url(report, "reports:report_action"), {"action": "return", "reason": "Wrap?"})
    report.refresh_from_db()
    assert report.status == "draft"


def test_crew_cannot_change_a_report_and_another_production_sees_nothing(
    report, member_client, client
):
    crew = member_client(Role.CREW)
    assert crew.get(url(report)).status_code == 403
    second_ad = member_client(Role.SECOND_AD)
    assert (
        second_ad.post(url(report, "reports:report_action"), {"action": "approve"}).status_code
        == 403
    )
    stranger_show = make_production("Other Show")
    stranger = add_member(stranger_show, Role.UPM)
    client.force_login(stranger)
    assert client.get(url(report)).status_code == 404


def test_a_hostile_form_is_a_message_not_a_crash(report, coordinator_client):
    for name, data in [
        ("reports:report_scenes", {"count": "x", "s0_scene": "1"}),
        ("reports:report_scenes", {"count": "999999999", "s0_strip": "abc", "s0_scene": "1"}),
        ("reports:report_background", {"count": "-3", "b0_description": "A", "b0_count": "1e9"}),
        ("reports:report_office", {"action": "incident", "who": "A", "what": "B", "at": "99:99"}),
        ("reports:report_office", {"action": "remove_delay", "item": "abc"}),
        ("reports:report_office", {"action": "nonsense"}),
    ]:
        response = coordinator_client.post(url(report, name), data)
        assert response.status_code in (302, 400), (name, data, response.status_code)


def _department_member(production, person, position=None, head=False):
    """A login with the department-times role that is ``person`` on the crew list."""
    user = add_member(production, Role.DEPARTMENT_HEAD)
    person.email, person.is_department_head = user.email, head
    if position is not None:
        person.position = position
    person.save()
    return user


def test_a_submitted_report_refuses_department_scenes_and_office_edits_until_back_in_draft(
    report, coordinator, production, client
):
    from callboard.reports.services import report_submit

    day_filled(coordinator, report)
    report_submit(actor=coordinator, report=report)
    crew0 = Person.objects.get(first_name="Crew0")
    client.force_login(_department_member(production, crew0, head=True))
    department = url(report, "reports:report_department", department_pk=crew0.department_id)
    refused = client.post(department, {"wrap": "20:00", f"p{crew0.pk}_wrap": "21:00"})
    assert refused.status_code == 400
    assert b"is with the UPM for approval" in refused.content
    assert b"return it to draft" in refused.content
    assert not CrewTime.objects.filter(person=crew0).exists()
    scripty = add_member(production, Role.SCRIPT_SUPERVISOR)
    client.force_login(scripty)
    scenes = {"count": 0, "s0_scene": "3", "s0_status": "complete"}
    refused = client.post(url(report, "reports:report_scenes"), scenes)
    assert refused.status_code == 400 and b"is with the UPM for approval" in refused.content
    assert list(report.scenes.values_list("scene", flat=True)) == ["1", "2"]
    # The 2nd AD takes it back to draft, saying why; then the script supervisor's change goes.
    second_ad = add_member(production, Role.SECOND_AD)
    client.force_login(second_ad)
    page = client.get(url(report))
    assert b"Return to draft" in page.content
    client.post(url(report, "reports:report_action"), {"action": "return", "reason": "Sc. 3"})
    report.refresh_from_db()
    assert report.status == "draft"
    client.force_login(scripty)
    assert client.post(url(report, "reports:report_scenes"), scenes).status_code == 302
    assert report.scenes.filter(scene="3", added=True).exists()


def test_a_best_boy_not_marked_head_enters_their_department_s_times(report, production, client):
    crew1 = Person.objects.get(first_name="Crew1")
    client.force_login(_department_member(production, crew1, position="Best Boy Grip"))
    page = url(report, "reports:report_department", department_pk=crew1.department_id)
    days = client.get(reverse("reports:department_days", kwargs={"production": production.slug}))
    assert page in days.content.decode()
    done = client.post(page, {"wrap": "19:30", f"p{crew1.pk}_wrap": "20:15"})
    assert done.status_code == 302
    assert CrewTime.objects.get(person=crew1).wrap == 20 * 60 + 15


def test_the_service_refuses_department_times_from_who_may_not_enter_them(report, production):
    from callboard.reports.services import ReportError, department_times_record

    crew0, crew2 = Person.objects.filter(first_name__in=["Crew0", "Crew2"]).order_by("first_name")
    grip = _department_member(production, crew2)  # a grip, neither head nor best boy
    with pytest.raises(ReportError, match="You do not enter .*department head or best boy"):
        department_times_record(
            actor=grip, report=report, department=crew0.department, wrap=19 * 60 + 30
        )
    scripty = add_member(production, Role.SCRIPT_SUPERVISOR)
    with pytest.raises(ReportError, match="You do not enter"):
        department_times_record(
            actor=scripty, report=report, department=crew0.department, wrap=19 * 60 + 30
        )
    with pytest.raises(ReportError, match="You do not enter"):
        department_times_record(
            actor=None, report=report, department=crew0.department, wrap=19 * 60 + 30
        )
    assert not report.department_wraps.exists()
