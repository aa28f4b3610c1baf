"""Published call sheets and their deliveries through the API: the frozen sheet as the crew got
it (never a draft), who has it, and a copy's status moved forward through the same services
as the phone page and the who-has-it page (audited), never back."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from callboard.callsheets.services import callsheet_create, callsheet_revise, callsheet_update
from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.callsheets.tests.ready import make_ready, publish_despite
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, Membership
from callboard.core.testing import make_production
from callboard.distribution.models import Delivery
from callboard.distribution.services import dispatch_create
from callboard.people.models import Person


def _publish(scenario, day=1):
    return publish_despite(
        make_ready(callsheet_create(actor=None, scenario=scenario, day_number=day))
    )


def _send(sheet, capture):
    with capture(execute=True):
        dispatch_create(
            actor=None,
            production=sheet.production,
            kind="callsheet",
            object_id=sheet.pk,
            key=f"send-{sheet.pk}",
            subject=f"Call sheet #{sheet.number}",
            people=list(Person.objects.filter(production=sheet.production)),
            valid_for=timedelta(days=3),
        )


@pytest.fixture
def sent(shooting, django_capture_on_commit_callbacks):  # noqa: F811
    """Day 1 published and sent to everyone on the lists."""
    sheet = _publish(shooting)
    _send(sheet, django_capture_on_commit_callbacks)
    return sheet


def _url(sheet, tail=""):
    return f"/api/productions/{sheet.production.slug}/callsheets{tail}"


def test_the_list_holds_published_versions_as_sent_never_the_draft(sent, api):
    draft = callsheet_revise(actor=None, sheet=sent)
    callsheet_update(actor=None, sheet=draft, location_name="Somewhere else")
    client = api(Role.ACCOUNTANT)  # reads the schedule, does not publish
    items = client.get(_url(sent)).json()["items"]
    assert [(s["id"], s["version"], s["day_number"]) for s in items] == [(sent.pk, 1, 1)]
    sheet = items[0]
    assert sheet["date"] == "2026-12-10" and sheet["published_at"]
    assert sheet["times"]["crew_call"] and sheet["crew_call"]
    assert [s["scene"] for s in sheet["scenes"]] == ["1", "2"]
    mary = next(c for c in sheet["cast"] if c["character"] == "MARY")
    assert mary["actor"].startswith("Donna") and (mary["status"], mary["on_set"]) == (
        "SWF",
        "8:00 AM",
    )
    assert client.get(_url(sent, f"/{draft.pk}")).status_code == 404


def test_a_published_sheet_keeps_what_was_sent_when_the_lists_change(sent, api):
    grip = Person.objects.get(production=sent.production, first_name="Crew0")
    Person.objects.filter(pk=grip.pk).update(first_name="Renamed")
    body = api().get(_url(sent, f"/{sent.pk}")).json()
    names = [p["name"] for group in body["crew"] for p in group["people"]]
    assert any(name.startswith("Crew0") for name in names)
    assert not any(name.startswith("Renamed") for name in names)
    nomail = next(p for g in body["crew"] for p in g["people"] if p["name"].startswith("Nomail"))
    assert nomail["phone"] == "(323) 555-0100"  # a crew phone is on the crew list for all
    assert {c["person_id"] for c in body["calls"]} >= {grip.pk}


def test_deliveries_say_who_has_it_and_hide_cast_addresses_without_the_scope(sent, api):
    url = _url(sent, f"/{sent.pk}/deliveries")
    items = api(Role.COORDINATOR).get(url).json()["items"]
    by_name = {d["person"].split()[0]: d for d in items}
    assert by_name["Nomail"]["status"] == "no-contact"
    assert by_name["Crew0"]["status"] == "sent" and by_name["Crew0"]["address"]
    donna = next(d for d in items if d["character"] == "MARY")
    assert donna["address"] is None and donna["sent_at"]
    private = api(Role.COORDINATOR, private=True).get(url).json()["items"]
    assert next(d for d in private if d["character"] == "MARY")["address"]


def test_deliveries_need_the_publishing_role(sent, api):
    assert api(Role.ACCOUNTANT).get(_url(sent, f"/{sent.pk}/deliveries")).status_code == 403
    assert api(Role.CREW).get(_url(sent)).status_code == 403


def test_an_integration_marks_a_copy_confirmed_once_and_it_is_audited(sent, api):
    delivery = Delivery.objects.filter(person__first_name="Nomail").get()
    client = api(Role.COORDINATOR, write=True)
    url = _url(sent, f"/{sent.pk}/deliveries/{delivery.pk}")
    response = client.patch(url, {"status": "confirmed"})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "confirmed"
    confirmed_at = Delivery.objects.get(pk=delivery.pk).confirmed_at
    who = delivery.recipient_label
    event = AuditEvent.objects.filter(object_type="dispatch", changes__confirmed=who).get()
    assert Membership.objects.filter(user=event.actor, role=Role.COORDINATOR).exists()
    again = client.patch(url, {"status": "confirmed"})
    assert again.status_code == 200
    assert Delivery.objects.get(pk=delivery.pk).confirmed_at == confirmed_at
    assert AuditEvent.objects.filter(changes__confirmed=who).count() == 1
    updated = client.get(_url(sent, f"/{sent.pk}/deliveries"), updated_since=confirmed_at)
    assert [d["id"] for d in updated.json()["items"]] == [delivery.pk]


def test_a_copy_in_doubt_is_marked_sent_and_nothing_else_is(sent, api):
    crew = Delivery.objects.filter(person__first_name__in=["Crew0", "Crew1"]).order_by("pk")
    doubtful, fine = list(crew)
    Delivery.objects.filter(pk=doubtful.pk).update(
        sent_at=None, claimed_at=timezone.now(), claim="dead-run", in_doubt_at=timezone.now()
    )
    client = api(Role.COORDINATOR, write=True)
    response = client.patch(_url(sent, f"/{sent.pk}/deliveries/{doubtful.pk}"), {"status": "sent"})
    assert response.status_code == 200 and response.json()["state"] == "sent"
    before = Delivery.objects.get(pk=fine.pk)
    refused = client.patch(_url(sent, f"/{sent.pk}/deliveries/{fine.pk}"), {"status": "sent"})
    assert refused.status_code == 422 and "not in doubt" in str(refused.json()["detail"])
    assert Delivery.objects.get(pk=fine.pk).updated_at == before.updated_at


@pytest.mark.parametrize("body", [{"status": "opened"}, {"status": "queued"}, {}, {"status": 3}])
def test_a_status_that_is_no_move_forward_gets_422_and_changes_nothing(sent, api, body):
    delivery = Delivery.objects.filter(person__first_name="Crew0").get()
    client = api(Role.COORDINATOR, write=True)
    response = client.patch(_url(sent, f"/{sent.pk}/deliveries/{delivery.pk}"), body)
    assert response.status_code == 422
    assert Delivery.objects.get(pk=delivery.pk).updated_at == delivery.updated_at


def test_a_confirmed_copy_never_goes_back(sent, api):
    delivery = Delivery.objects.filter(person__first_name="Crew0").get()
    client = api(Role.COORDINATOR, write=True)
    url = _url(sent, f"/{sent.pk}/deliveries/{delivery.pk}")
    client.patch(url, {"status": "confirmed"})
    response = client.patch(url, {"status": "sent"})
    assert response.status_code == 422 and "never goes back" in str(response.json()["detail"])
    assert Delivery.objects.get(pk=delivery.pk).state == "confirmed"


def test_a_read_only_token_or_a_reading_role_cannot_change_a_copy(sent, api):
    delivery = Delivery.objects.filter(person__first_name="Crew0").get()
    url = _url(sent, f"/{sent.pk}/deliveries/{delivery.pk}")
    assert api(Role.COORDINATOR).patch(url, {"status": "confirmed"}).status_code == 403
    assert api(Role.ACCOUNTANT, write=True).patch(url, {"status": "confirmed"}).status_code == 403
    assert Delivery.objects.get(pk=delivery.pk).confirmed_at is None


def test_another_productions_sheets_and_copies_are_404_under_this_slug(
    sent, api, django_capture_on_commit_callbacks
):
    other = make_production("Other Show")
    client = api(Role.COORDINATOR, write=True)
    mine = Delivery.objects.filter(dispatch__object_id=sent.pk).first()
    day_two = _publish(sent.scenario, day=2)
    _send(day_two, django_capture_on_commit_callbacks)
    theirs_here = Delivery.objects.filter(dispatch__object_id=day_two.pk).first()
    base = f"/api/productions/{sent.production.slug}/callsheets"
    assert client.get(f"/api/productions/{other.slug}/callsheets").status_code == 404
    # A copy of another sheet under this sheet's URL, and this sheet's copy under another's.
    wrong = f"{base}/{sent.pk}/deliveries/{theirs_here.pk}"
    assert client.patch(wrong, {"status": "confirmed"}).status_code == 404
    assert client.get(f"{base}/{sent.pk + 1000}/deliveries/{mine.pk}").status_code == 404
    assert Delivery.objects.get(pk=theirs_here.pk).confirmed_at is None


def test_the_lists_run_a_constant_number_of_queries(
    sent, api, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client = api()
    client.get(_url(sent))  # the token's first use writes its last use
    with CaptureQueriesContext(connection) as sheets:
        client.get(_url(sent))
    with CaptureQueriesContext(connection) as copies:
        client.get(_url(sent, f"/{sent.pk}/deliveries"), limit=2)
    day_two = _publish(sent.scenario, day=2)
    callsheet_revise(actor=None, sheet=day_two)
    with django_assert_max_num_queries(len(sheets)):
        assert len(client.get(_url(sent)).json()["items"]) == 2
    with django_assert_max_num_queries(len(copies)):
        assert len(client.get(_url(sent, f"/{sent.pk}/deliveries")).json()["items"]) > 5
