"""The calendar feed: a wrapped person's stops at once; the office withdraws and reissues one
from the person's page."""

from callboard.callsheets.calendar import calendar_link
from callboard.people.services import person_update
from callboard.people.testing import make_person


def test_a_wrapped_persons_calendar_feed_stops(client, production):
    person = make_person(production)
    feed = calendar_link(person).split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{feed}").status_code == 200
    person_update(actor=None, person=person, status="wrapped")
    assert client.get(f"/{feed}").status_code == 410


def test_the_office_withdraws_and_reissues_a_calendar_feed(coordinator_client, production):
    person = make_person(production)
    old = calendar_link(person).split("/l/", 1)[1]
    response = coordinator_client.post(
        f"/p/{production.slug}/callsheets/calendar/{person.pk}/reissue/"
    )
    assert response.status_code == 302
    assert coordinator_client.get(f"/l/{old}").status_code == 410
    new = calendar_link(person).split("/l/", 1)[1]
    assert new != old and coordinator_client.get(f"/l/{new}").status_code == 200
    page = coordinator_client.get(f"/p/{production.slug}/people/{person.pk}/").content.decode()
    assert "Withdraw and reissue the calendar feed" in page


def test_a_job_that_ends_by_its_date_passing_ends_the_feed_and_the_sends(client, production):
    from datetime import timedelta

    from callboard.people.models import DistributionGroup, Person

    person = make_person(production, end_date=production.today() + timedelta(days=5))
    feed = calendar_link(person).split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{feed}").status_code == 200
    # Nobody edits anything: the end date simply passes.
    Person.objects.filter(pk=person.pk).update(end_date=production.today() - timedelta(days=1))
    assert client.get(f"/{feed}").status_code == 410
    all_crew = DistributionGroup.objects.get(production=production, kind="all_crew")
    assert person not in all_crew.recipients()


def test_a_call_sheet_link_stops_when_the_job_has_ended(client, production):
    from datetime import timedelta

    from callboard.core.links import link_token
    from callboard.distribution.services import dispatch_create
    from callboard.people.models import Person

    person = make_person(production)
    dispatch, _ = dispatch_create(
        actor=None,
        production=production,
        kind="callsheet",
        object_id=1,
        key="k",
        subject="Call",
        people=[person],
        valid_for=timedelta(days=3),
    )
    token = link_token(dispatch.deliveries.get().grant)
    Person.objects.filter(pk=person.pk).update(end_date=production.today() - timedelta(days=1))
    response = client.get(f"/l/call/{token}/")
    assert response.status_code == 410 and b"has ended" in response.content
