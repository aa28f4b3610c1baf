"""Issue 15, item 2: O/C, O/C OFFICE, W/N, N/W and PER DEPT HEAD are calls a sheet really
carries: accepted, printed as typed on every copy, and never counted for turnaround. The
office's departments are on call unless the sheet says otherwise."""

from datetime import datetime
from zoneinfo import ZoneInfo

from callboard.callsheets.calendar import person_calendar
from callboard.callsheets.queries import issued, sheet_document, sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_create, callsheet_update
from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery
from callboard.people.models import Department, DistributionGroup
from callboard.people.testing import make_person

from .ready import cast_inputs, make_ready

LA = ZoneInfo("America/Los_Angeles")


def _url(sheet, path=""):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{path}"


def _people(production):
    departments = {d.name: d for d in Department.objects.filter(production=production)}
    return {
        "grip": production.people.filter(position="Grip").first(),
        "accountant": make_person(
            production,
            first_name="Avi",
            position="Production Accountant",
            department=departments["Accounting"],
        ),
        "operator": make_person(
            production,
            first_name="Cam",
            position="Camera Operator",
            department=departments["Camera"],
        ),
    }


def test_words_are_accepted_kept_as_typed_and_printed_on_every_copy(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    people = _people(sheet.production)
    camera = people["operator"].department
    mary = next(r for r in sheet_view(sheet).cast if r.element.name == "MARY").element.pk
    data = {
        "crew_call": "7:00 AM",
        "shooting_call": "8:00 AM",
        "lunch": "1:00 PM",
        "est_wrap": "7:00 PM",
        "location_name": "Bailey house",
        "hospital_name": "Good Samaritan",
        "safety_hotline": "(800) 555-0199",
        **cast_inputs(sheet),
        f"person_{people['grip'].pk}": "O/C Office",
        f"dept_{camera.pk}": "per dept head",
        f"cast_{mary}_pickup": "W/N",
    }
    assert coordinator_client.post(_url(sheet), data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.person_calls[str(people["grip"].pk)] == "O/C Office"
    assert sheet.department_calls[str(camera.pk)] == "per dept head"
    assert sheet.cast_calls[str(mary)]["pickup"] == "W/N"
    page = coordinator_client.get(_url(sheet)).content.decode()
    assert 'value="O/C Office"' in page and 'value="per dept head"' in page
    assert 'value="W/N"' in page

    document = sheet_document(sheet_view(sheet))
    calls = {p["name"]: p["call"] for d in document["crew"] for p in d["people"]}
    assert calls[people["grip"].display_name] == "O/C Office"
    assert calls[people["operator"].display_name] == "per dept head"
    assert calls[people["accountant"].display_name] == "O/C"  # the office's default
    cast = {c["character"]: c for c in document["cast"]}
    assert cast["MARY"]["pickup"] == "W/N" and cast["MARY"]["makeup"] == "6:30 AM"
    assert sheet_findings(sheet_view(sheet)) == []  # a word is not a blank time

    coordinator_client.post(_url(sheet, "publish/"))
    sheet.refresh_from_db()
    assert sheet.is_published
    sent = issued(sheet)
    assert sent.calls[people["grip"].pk].text == "O/C Office"
    assert sent.calls[people["grip"].pk].first is None
    crew = DistributionGroup.objects.get(production=sheet.production, kind="all_crew")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(_url(sheet, "send/"), {"group": [crew.pk], "send_key": "oc"})
    delivery = Delivery.objects.get(person=people["grip"])
    body = OutboundEmail.objects.filter(to=delivery.address).latest("id").body
    assert "Your call: O/C Office" in body
    link = next(line for line in body.splitlines() if "/l/call/" in line)
    phone = client.get(link[link.index("/l/call/") :].strip()).content.decode()
    assert '<div class="call">O/C Office</div>' in phone
    feed = person_calendar(people["grip"]).decode()
    assert "DTSTART;VALUE=DATE:20261210" in feed and "Call O/C Office" in feed


def test_words_are_left_out_of_turnaround_and_anything_else_is_refused(
    coordinator_client, shooting
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    people = _people(sheet.production)
    grip = people["grip"]
    sheet = make_ready(
        sheet,
        previous_wrap=datetime(2026, 12, 9, 23, 0, tzinfo=LA),
        person_calls={str(grip.pk): "O/C"},
    )
    crew = next(f for f in sheet_findings(sheet_view(sheet)) if f.code == "turnaround-crew")
    assert grip.display_name not in crew.message
    assert people["accountant"].display_name not in crew.message  # O/C by default
    assert people["operator"].display_name in crew.message
    response = coordinator_client.post(
        _url(sheet), {"crew_call": "7:00 AM", f"person_{grip.pk}": "on call maybe"}
    )
    assert response.status_code == 400
    assert (
        "is not a time (write 07:30 or 7:30 AM, or O/C, O/C OFFICE, W/N, N/W, PER DEPT HEAD)"
        in (response.content.decode().replace("&#x27;", "'"))
    )
    sheet.refresh_from_db()
    assert sheet.person_calls == {str(grip.pk): "O/C"}


def test_a_time_typed_for_an_office_department_replaces_its_on_call_default(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    people = _people(sheet.production)
    accounting = people["accountant"].department
    sheet = callsheet_update(
        actor=None, sheet=sheet, department_calls={str(accounting.pk): "09:00"}
    )
    document = sheet_document(sheet_view(sheet))
    calls = {p["name"]: p["call"] for d in document["crew"] for p in d["people"]}
    assert calls[people["accountant"].display_name] == "9:00 AM"


def test_cast_marked_not_working_get_no_sides(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    view = sheet_view(sheet)
    george = next(r for r in view.cast if r.element.name == "GEORGE")
    calls = {
        str(r.element.pk): {"pickup": "06:00", "makeup": "06:30", "on_set": "08:00"}
        for r in view.cast
    }
    calls[str(george.element.pk)]["on_set"] = "N/W"
    sheet = make_ready(sheet, cast_calls=calls)
    sent = issued(sheet)
    assert george.person.pk not in sent.sides_for
    assert len(sent.sides_for) == 1  # MARY
    # N/W is no call: their e-mail, phone page and calendar say they are not working
    assert not sent.calls[george.person.pk].working
    assert sent.calls[george.person.pk].text == "N/W"
