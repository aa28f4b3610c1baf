"""A scout's link opens the version that was sent with it, frozen, whatever the office changes
after; a newer version sent since is said, with a link to it only for someone who was sent
it (issue 19 follow-up)."""

import datetime as dt

import pytest

from callboard.travel import services
from callboard.travel.models import SentScout

from .sent_scouts import crewed, link_of, send

pytestmark = pytest.mark.django_db


def _pier_arrives(scout, when):
    pier = scout.stops.get(location__name="Santa Monica Pier")
    services.scout_stop_update(actor=None, stop=pier, arrives=when, minutes=30)
    scout.refresh_from_db()


def test_a_change_after_sending_leaves_the_sent_link_as_it_was(
    production, client, django_capture_on_commit_callbacks
):
    scout, _, (ann, _) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    first = link_of(ann, 1)
    _pier_arrives(scout, dt.time(9, 45))  # not sent yet: version 2 is the office's draft

    page = client.get(first).content.decode()
    assert "Santa Monica Pier</strong> · 8:00 AM" in page
    assert "9:45 AM" not in page and "changed since" not in page
    pdf = client.get(first + "scout.pdf")
    assert pdf.content.startswith(b"%PDF") and "-v1.pdf" in pdf["Content-Disposition"]
    assert SentScout.objects.get(scout=scout).document["items"][0]["arrives"] == "8:00 AM"


def test_a_newer_version_sent_to_them_is_a_tap_away(
    production, client, django_capture_on_commit_callbacks
):
    scout, _, (ann, _) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    _pier_arrives(scout, dt.time(9, 45))
    send(scout, django_capture_on_commit_callbacks)
    first, second = link_of(ann, 1), link_of(ann, 2)

    old = client.get(first).content.decode()
    assert "Santa Monica Pier</strong> · 8:00 AM" in old
    assert "version 2 is the latest" in old and f'href="{second}"' in old
    new = client.get(second).content.decode()
    assert "Santa Monica Pier</strong> · 9:45 AM" in new and "changed since" not in new


def test_a_newer_version_not_sent_to_them_is_said_without_a_link(
    production, client, django_capture_on_commit_callbacks
):
    """Bo is taken off before version 2 goes out, then put back: his version 1 link opens
    again, and says version 2 exists without offering the others' link to it."""
    scout, van, (ann, bo) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    services.scout_rider_remove(actor=None, rider=scout.riders.get(person=bo))
    send(scout, django_capture_on_commit_callbacks)  # version 2: Ann only
    services.scout_rider_add(actor=None, van=van, person=bo)

    page = client.get(link_of(bo, 1)).content.decode()
    assert "version 2 is the latest" in page and "It was not sent to you" in page
    assert link_of(ann, 2) not in page


def test_a_link_sent_before_versions_were_kept_still_opens(
    production, client, django_capture_on_commit_callbacks
):
    """A send from before frozen copies has none: its link shows the scout as it stands."""
    scout, _, (ann, _) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    SentScout.objects.filter(scout=scout).delete()

    page = client.get(link_of(ann, 1))
    assert page.status_code == 200
    assert "Santa Monica Pier</strong> · 8:00 AM" in page.content.decode()
