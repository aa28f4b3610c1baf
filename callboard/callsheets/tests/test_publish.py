"""A day's call sheet from the schedule, checked, published, sent and confirmed."""

import csv
import io
from datetime import datetime, time
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued, sheet_document, sheet_findings, sheet_view
from callboard.callsheets.sending import composer
from callboard.callsheets.services import callsheet_create, callsheet_update
from callboard.callsheets.weather import Forecast
from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.services import channel_for
from callboard.people.models import DistributionGroup, Person
from callboard.people.testing import make_person

from .ready import cast_inputs, publish_form


def _url(sheet, path=""):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{path}"


def _fill(client, sheet, **changes):
    data = {
        "crew_call": "7:00 AM",
        "shooting_call": "8:00 AM",
        "lunch": "1:00 PM",
        "est_wrap": "7:00 PM",
        "location_name": "Bailey house",
        "set_address": "320 Sycamore",
        "hospital_name": "Good Samaritan",
        "hospital_address": "1225 Wilshire Blvd",
        "hospital_phone": "(213) 977-2121",
        "latitude": "34.05",
        "longitude": "-118.25",
        "safety_hotline": "(800) 555-0199",
        **cast_inputs(sheet),
    }
    data.update(changes)
    return client.post(_url(sheet), data)


def test_the_sheet_starts_from_the_schedule_with_dood_statuses(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    view = sheet_view(sheet)
    document = sheet_document(view)
    assert document["sheet"]["day_of"] == "Day 1 of 2"
    assert [s["scene"] for s in document["scenes"]] == ["1", "2"]
    cast = {c["character"]: c for c in document["cast"]}
    assert cast["MARY"]["status"] == "SWF" and cast["MARY"]["actor"].startswith("Donna")
    assert cast["GEORGE"]["status"] == "SWF"
    assert "POTTER" not in cast  # works tomorrow
    assert document["advance"][0]["scenes"][0]["scene"] == "3"
    assert [f.code for f in sheet_findings(view)] == [
        "cast-times-blank",
        "cast-times-blank",
        "no-hospital",
        "no-hotline",
    ]


def test_publishing_needs_the_checks_or_a_recorded_reason(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    coordinator_client.post(_url(sheet, "publish/"))
    sheet.refresh_from_db()
    assert not sheet.is_published
    reasons = publish_form(
        sheet,
        no_hospital="Medic on set",
        no_hotline="Medic's phone",
        cast_times_blank="Cast drive themselves; times to follow",
    )
    coordinator_client.post(_url(sheet, "publish/"), reasons)
    sheet.refresh_from_db()
    assert sheet.is_published
    assert {o["code"]: o["reason"] for o in sheet.overrides}["no-hospital"] == "Medic on set"


def test_a_bad_time_keeps_the_previous_sheet(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    response = _fill(coordinator_client, sheet, crew_call="25:99", location_name="Changed")
    assert response.status_code == 400 and "is not a time" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.location_name == ""


def test_sending_reaches_everyone_once_and_lists_who_cannot_be_reached(
    coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    assert _fill(coordinator_client, sheet).status_code == 302
    coordinator_client.post(_url(sheet, "publish/"))
    groups = DistributionGroup.objects.filter(
        production=sheet.production, kind__in=["all_crew", "cast"]
    )
    form = {"group": [g.pk for g in groups], "send_key": "k1"}
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(_url(sheet, "send/"), form)
        coordinator_client.post(_url(sheet, "send/"), form)  # a double-click
    assert Dispatch.objects.count() == 1
    deliveries = Delivery.objects.all()
    assert deliveries.count() == 3 + 4 + 1
    unreachable = deliveries.get(person__first_name="Nomail")
    assert unreachable.state == "unreachable"
    assert OutboundEmail.objects.count() == 7
    status = coordinator_client.get(_url(sheet, "sent/")).content.decode()
    assert "unreachable" in status and "7 sent" in status
    exported = coordinator_client.get(_url(sheet, "sent/") + "?format=csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Name", "Department / role", "Via", "Address", "Status"]
    assert len(rows) == 1 + 8 and sum(row[4] == "unreachable" for row in rows) == 1


def test_a_recipient_opens_their_link_and_confirms_with_one_tap(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    coordinator_client.post(_url(sheet, "publish/"))
    cast = DistributionGroup.objects.get(production=sheet.production, kind="cast")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(_url(sheet, "send/"), {"group": [cast.pk], "send_key": "k2"})
    delivery = Delivery.objects.get(person__character="MARY")
    body = OutboundEmail.objects.filter(to=delivery.address).latest("id").body
    link = next(line for line in body.splitlines() if "/l/call/" in line).split("testserver")[-1]
    link = link[link.index("/l/call/") :]
    page = client.get(link).content.decode()
    assert "your call" in page and "Good Samaritan" in page
    delivery.refresh_from_db()
    assert delivery.opened_at and not delivery.confirmed_at
    client.post(link)
    delivery.refresh_from_db()
    assert delivery.confirmed_at
    assert "You confirmed" in client.get(link).content.decode()
    assert client.get(link[:-5] + "xx/").status_code == 410


def test_a_revision_tells_recipients_what_changed(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    coordinator_client.post(_url(sheet, "publish/"))
    coordinator_client.post(_url(sheet, "revise/"))
    revision = CallSheet.objects.get(scenario=shooting, day_number=1, version=2)
    _fill(coordinator_client, revision, crew_call="6:30 AM")
    coordinator_client.post(_url(revision, "publish/"))
    revision.refresh_from_db()
    assert revision.is_published
    assert "Crew call: 7:00 AM → 6:30 AM" in revision.changes
    sheet.refresh_from_db()
    assert sheet.crew_call.hour == 7  # the published version never changes


def test_each_person_subscribes_to_their_own_calls(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    coordinator_client.post(_url(sheet, "publish/"))
    crew = DistributionGroup.objects.get(production=sheet.production, kind="all_crew")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(_url(sheet, "send/"), {"group": [crew.pk], "send_key": "k3"})
    body = OutboundEmail.objects.filter(to__startswith="person").latest("id").body
    feed = next(line for line in body.splitlines() if "/l/calls/" in line)
    ics = client.get(feed[feed.index("/l/calls/") :])
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "BEGIN:VEVENT" in text and "SUMMARY:Call 7:00 AM" in text
    assert "DTSTART;TZID=America/Los_Angeles:20261210T070000" in text
    assert client.get("/l/calls/forged/calls.ics").status_code == 410


def test_the_days_sides_come_behind_the_reduced_call_sheet(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    response = coordinator_client.get(_url(sheet, "sides.pdf"))
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) >= 2
    assert "Day 1 of 2" in pages[0].extract_text()
    assert "KITCHEN" in " ".join(page.extract_text() for page in pages[1:])


def test_cast_get_their_own_sides_with_the_call_sheet(
    coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    coordinator_client.post(_url(sheet, "publish/"))
    groups = DistributionGroup.objects.filter(
        production=sheet.production, kind__in=["all_crew", "cast"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            _url(sheet, "send/"), {"group": [g.pk for g in groups], "send_key": "k4"}
        )
    compose = composer(Dispatch.objects.get())
    mary = compose(Delivery.objects.get(person__character="MARY"))
    grip = compose(Delivery.objects.filter(person__position="Grip").first())
    assert [name for name, *_ in mary.attachments] == [
        f"{sheet.production.slug}-call-sheet-1-v1.pdf",
        "sides-day-1.pdf",
    ]
    assert [name for name, *_ in grip.attachments] == [
        f"{sheet.production.slug}-call-sheet-1-v1.pdf"
    ]


def test_texts_go_only_to_people_who_agreed_and_a_new_address_clears_a_bounce(
    coordinator_client, production
):
    person = make_person(production, email="", phone="(323) 555-0111")
    assert channel_for(person)[0] == Delivery.Channel.NONE
    url = f"/p/{production.slug}/people/{person.pk}/edit/"
    form = coordinator_client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(sms_opt_in="on", department=person.department_id, status=person.status)
    assert coordinator_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.sms_opt_in_at is not None
    assert channel_for(person) == (Delivery.Channel.SMS, "(323) 555-0111")
    person.email_bounced_at = person.sms_opt_in_at
    person.email = "old@example.test"
    person.save()
    data.update(email="new@example.test")
    coordinator_client.post(url, data)
    person.refresh_from_db()
    assert person.email_bounced_at is None and channel_for(person)[0] == Delivery.Channel.EMAIL


class FakeWeather:
    def forecast(self, latitude, longitude, day):
        return Forecast("Sunny", "68°F", "51°F")


def test_a_weather_provider_fills_the_forecast_and_without_one_it_is_typed(
    coordinator_client, shooting, settings
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    assert "Fill the forecast" not in coordinator_client.get(_url(sheet)).content.decode()
    settings.WEATHER_PROVIDER = f"{__name__}.FakeWeather"
    coordinator_client.post(_url(sheet, "forecast/"))
    sheet.refresh_from_db()
    assert (sheet.weather_summary, sheet.weather_high, sheet.weather_low) == (
        "Sunny",
        "68°F",
        "51°F",
    )


def test_a_confirmation_notifies_the_person_the_coordinator_chose(
    client, coordinator, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    coordinator_client.post(_url(sheet, "publish/"))
    cast = DistributionGroup.objects.get(production=sheet.production, kind="cast")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            _url(sheet, "send/"), {"group": [cast.pk], "send_key": "k5", "notify": coordinator.pk}
        )
    delivery = Delivery.objects.get(person__character="GEORGE")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link_of(delivery))
    notice = OutboundEmail.objects.filter(to=coordinator.email).latest("id")
    assert notice.subject.startswith(f"Confirmed: {delivery.person.display_name}")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link_of(delivery))  # a second tap tells nobody again
    assert OutboundEmail.objects.filter(to=coordinator.email).count() == 1


def _link_of(delivery) -> str:
    body = OutboundEmail.objects.filter(to=delivery.address).latest("id").body
    line = next(line for line in body.splitlines() if "/l/call/" in line)
    return line[line.index("/l/call/") :]


def test_early_calls_are_the_same_day_so_the_checks_see_them(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    person = sheet.production.people.filter(position="Grip").first()
    sheet = callsheet_update(
        actor=None,
        sheet=sheet,
        crew_call=time(9),
        shooting_call=time(8),
        hospital_name="Good Samaritan",
        person_calls={str(person.pk): "05:45"},
        previous_wrap=datetime(2026, 12, 9, 22, 0, tzinfo=ZoneInfo("America/Los_Angeles")),
    )
    codes = {f.code: f for f in sheet_findings(sheet_view(sheet))}
    assert "crew-after-shooting" in codes
    assert "least 7 h 45 min" in codes["turnaround-crew"].message


def test_cast_who_did_not_work_the_day_before_have_no_turnaround(shooting):
    day2 = callsheet_create(actor=None, scenario=shooting, day_number=2)
    late = datetime(2026, 12, 10, 23, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    day2 = callsheet_update(
        actor=None, sheet=day2, hospital_name="Good Samaritan", previous_wrap=late
    )
    codes = [f.code for f in sheet_findings(sheet_view(day2))]
    assert "turnaround-crew" in codes  # the crew worked yesterday
    assert "turnaround-cast" not in codes  # POTTER starts today


def test_a_published_sheet_is_frozen_and_cast_not_working_are_told_so(
    coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet)
    coordinator_client.post(_url(sheet, "publish/"))
    sheet.refresh_from_db()
    crew_before = sum(len(d["people"]) for d in issued(sheet).document["crew"])
    grip = sheet.production.people.filter(position="Grip").first()
    grip.status = Person.Status.WRAPPED
    grip.save()
    sheet.refresh_from_db()
    assert sum(len(d["people"]) for d in issued(sheet).document["crew"]) == crew_before
    cast = DistributionGroup.objects.get(production=sheet.production, kind="cast")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(_url(sheet, "send/"), {"group": [cast.pk], "send_key": "k6"})
    potter = Delivery.objects.get(person__character="POTTER")  # works on day 2 only
    body = OutboundEmail.objects.filter(to=potter.address).latest("id").body
    assert "Your call: not called today" in body


def test_a_failed_save_keeps_everything_typed_and_says_whose_time_is_wrong(
    coordinator_client, shooting
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    grip = sheet.production.people.filter(position="Grip").first()
    mary = next(r for r in sheet_view(sheet).cast if r.element.name == "MARY")
    response = _fill(
        coordinator_client,
        sheet,
        **{f"person_{grip.pk}": "abc", f"cast_{mary.element.pk}_on_set": "9:00 AM"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Not saved." in page
    assert f"{grip.display_name}: &#x27;abc&#x27; is not a time" in page
    assert 'value="9:00 AM"' in page and 'value="abc"' in page
    sheet.refresh_from_db()
    assert sheet.cast_calls == {} and sheet.person_calls == {}


def test_several_errors_of_one_kind_share_one_recorded_reason(coordinator_client, shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _fill(coordinator_client, sheet, hospital_name="")  # one error kind, no hospital
    page = coordinator_client.get(_url(sheet)).content.decode()
    assert page.count('name="override_no-hospital"') == 1
