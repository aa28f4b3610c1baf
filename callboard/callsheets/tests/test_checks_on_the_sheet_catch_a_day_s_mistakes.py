"""Issue 15, item 1: the checks on the call sheet page catch what a 2nd AD would, block
publishing until fixed or overridden with a reason, and never say all is well when it is not."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_create, callsheet_publish, callsheet_update
from callboard.people.models import Department, Person
from callboard.people.testing import make_person
from callboard.schedule.models import Strip, Ucid
from callboard.schedule.services import ensure_categories, strip_element_add

from .ready import cast_inputs, cast_times, make_ready, publish_form

LA = ZoneInfo("America/Los_Angeles")


def _url(sheet, path=""):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{path}"


def _form(sheet, **changes):
    data = {
        "crew_call": "7:00 AM",
        "shooting_call": "8:00 AM",
        "lunch": "1:00 PM",
        "est_wrap": "7:00 PM",
        "location_name": "Bailey house",
        "set_address": "320 Sycamore",
        "hospital_name": "Good Samaritan",
        "safety_hotline": "(800) 555-0199",
        **cast_inputs(sheet),
    }
    data.update(changes)
    return data


def _mary(sheet):
    return next(r for r in sheet_view(sheet).cast if r.element.name == "MARY").element.pk


def test_on_set_before_hair_and_makeup_is_flagged_and_blocks_publishing(
    coordinator_client, shooting
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    mary = _mary(sheet)
    response = coordinator_client.post(
        _url(sheet),
        _form(
            sheet,
            **{
                f"cast_{mary}_pickup": "6:30 AM",
                f"cast_{mary}_makeup": "7:30 AM",
                f"cast_{mary}_on_set": "7:00 AM",
            },
        ),
    )
    assert response.status_code == 302
    page = coordinator_client.get(_url(sheet)).content.decode()
    assert "is on set at 7:00 AM, before H/MU at 7:30 AM." in page
    assert "Everything checks out" not in page
    assert 'name="override_cast-times-order"' in page
    coordinator_client.post(_url(sheet, "publish/"))
    sheet.refresh_from_db()
    assert not sheet.is_published
    coordinator_client.post(
        _url(sheet, "publish/"),
        publish_form(sheet, cast_times_order="Mary is made up on set today"),
    )
    sheet.refresh_from_db()
    assert sheet.is_published
    assert sheet.overrides[0]["code"] == "cast-times-order"


def test_a_draft_with_every_cast_time_blank_does_not_check_out(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    blank = {key: "" for key in cast_inputs(sheet)}
    assert coordinator_client.post(_url(sheet), _form(sheet, **blank)).status_code == 302
    page = coordinator_client.get(_url(sheet)).content.decode()
    assert "Everything checks out" not in page
    assert "works today but has no pickup or H/MU time." in page
    sheet.refresh_from_db()
    found = sheet_findings(sheet_view(sheet))
    assert [f.code for f in found] == ["cast-times-blank", "cast-times-blank"]  # MARY, GEORGE


def test_after_a_failed_save_the_checks_describe_the_saved_sheet(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    make_ready(sheet, hospital_name="")
    grip = sheet.production.people.filter(position="Grip").first()
    # The hospital is typed now, but the save fails on a bad call: nothing is saved.
    response = coordinator_client.post(_url(sheet), _form(sheet, **{f"person_{grip.pk}": "7.30"}))
    page = response.content.decode()
    assert response.status_code == 400 and "Not saved." in page
    assert "These checks are of the saved sheet." in page
    assert "No nearest hospital on the sheet." in page
    assert "Everything checks out" not in page
    # A saved sheet that passes, and a failed save: still not "Everything checks out".
    make_ready(sheet)
    page = coordinator_client.post(_url(sheet), _form(sheet, crew_call="25:99")).content.decode()
    assert "The saved sheet passes every check." in page and "Everything checks out" not in page


def test_turnaround_uses_the_recorded_wrap_else_yesterday_s_estimate(shooting):
    day1 = callsheet_create(actor=None, scenario=shooting, day_number=1)
    callsheet_update(actor=None, sheet=day1, est_wrap=datetime(2026, 1, 1, 23, 0).time())
    day2 = callsheet_create(actor=None, scenario=shooting, day_number=2)
    assert day2.previous_wrap is None  # not copied: blank means "not recorded"
    day2 = make_ready(day2)
    crew = next(f for f in sheet_findings(sheet_view(day2)) if f.code == "turnaround-crew")
    assert "yesterday's estimated wrap (11:00 PM" in crew.message and "least 8 h" in crew.message
    recorded = datetime(2026, 12, 10, 20, 0, tzinfo=LA)
    day2 = callsheet_update(actor=None, sheet=day2, previous_wrap=recorded)
    codes = {f.code: f for f in sheet_findings(sheet_view(day2))}
    assert "turnaround-crew" not in codes  # 11 hours from the real 8:00 PM wrap


def test_a_scene_without_a_location_and_risky_elements_without_a_safety_note_block(shooting):
    production = shooting.production
    categories = ensure_categories(production)
    kitchen = Strip.objects.get(production=production, scene_number="1")
    kitchen.elements.remove(*kitchen.elements.filter(category__ucid=Ucid.LOCATION))
    bridge = Strip.objects.get(production=production, scene_number="2")
    strip_element_add(
        actor=None,
        strip=bridge,
        category=categories[Ucid.STUNTS],
        name="George jumps into the river",
    )
    strip_element_add(actor=None, strip=bridge, category=categories[Ucid.PROPS], name="Revolver")
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    found = {f.code: f.message for f in sheet_findings(sheet_view(sheet))}
    assert found["scene-no-location"].startswith("Scene 1 has no location")
    assert found["safety-note-missing"] == (
        "Scene 2 has stunts: George jumps into the river; props: Revolver in its breakdown but "
        "no safety note names the scene or it."
    )
    sheet = callsheet_update(
        actor=None,
        sheet=sheet,
        safety_notes=(
            "Sc. 2: stunt coordinator and safety divers at the river; armourer holds the revolver."
        ),
    )
    assert "safety-note-missing" not in {f.code for f in sheet_findings(sheet_view(sheet))}
    try:
        callsheet_publish(actor=None, sheet=sheet)
    except ValueError as exc:
        assert "Scene 1 has no location" in str(exc)
    else:
        raise AssertionError("a scene without a location must block publishing")


def test_crew_called_after_their_end_date_and_no_hotline_block(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    grip = sheet.production.people.filter(position="Grip").first()
    grip.end_date = date(2026, 12, 9)
    grip.save()
    # a call typed for them (left to themselves they are off the sheet: see
    # test_crew_past_their_end_date_are_off_the_sheet)
    sheet = make_ready(sheet, safety_hotline="", person_calls={str(grip.pk): "7:00"})
    found = {f.code: f.message for f in sheet_findings(sheet_view(sheet))}
    assert f"{grip.display_name} (ended Dec 9)" in found["crew-ended"]
    assert found["no-hotline"] == "No safety hotline on the sheet."
    sheet = make_ready(sheet, person_calls={str(grip.pk): "N/W"})
    assert sheet_findings(sheet_view(sheet)) == []


def test_a_minor_in_the_cast_needs_a_studio_teacher_and_their_hours(coordinator_client, shooting):
    production = shooting.production
    mary = Person.objects.get(production=production, character="MARY")
    form = coordinator_client.get(f"/p/{production.slug}/people/{mary.pk}/edit/").content.decode()
    assert 'name="minor_age"' in form
    Person.objects.filter(pk=mary.pk).update(minor_age="9-16")
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    sheet = make_ready(sheet)
    found = {f.code: f.message for f in sheet_findings(sheet_view(sheet))}
    assert "no studio teacher is called" in found["minor-no-teacher"]
    assert "would be at work 13 h" in found["minor-hours"]  # 6:00 AM pickup to 7:00 PM wrap
    page = coordinator_client.get(_url(sheet)).content.decode()
    assert "minor 9 to 16 years" in page
    make_person(
        production,
        first_name="Ruth",
        position="Studio Teacher",
        department=Department.objects.get(production=production, name="Production"),
    )
    calls = cast_times(sheet)
    calls[str(_mary(sheet))] = {"pickup": "10:00", "makeup": "10:30", "on_set": "11:00"}
    sheet = make_ready(sheet, cast_calls=calls)
    assert sheet_findings(sheet_view(sheet)) == []  # 10:00 AM to 7:00 PM: 9 hours
