"""The calendar feed: a wrapped person's stops at once; the office withdraws and reissues one
from the person's page."""

from callboard.callsheets.calendar import calendar_link
from callboard.core.testing import make_person
from callboard.people.services import person_update


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
