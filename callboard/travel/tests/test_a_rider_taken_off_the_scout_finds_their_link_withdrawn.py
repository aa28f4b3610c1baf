"""Someone taken off a scout after it was sent to them: their link says the schedule was
withdrawn for them and shows nothing of it — no stops, no PDF, no calendar — and no longer
takes a confirmation (issue 19 follow-up)."""

import pytest

from callboard.distribution.models import Delivery
from callboard.travel import services

from .sent_scouts import crewed, link_of, send

pytestmark = pytest.mark.django_db


def test_a_removed_rider_s_link_is_withdrawn_and_the_others_still_open(
    production, client, django_capture_on_commit_callbacks
):
    scout, _, (ann, bo) = crewed(production)
    send(scout, django_capture_on_commit_callbacks)
    services.scout_rider_remove(actor=None, rider=scout.riders.get(person=bo))
    link = link_of(bo, 1)

    page = client.get(link)
    text = page.content.decode()
    assert page.status_code == 410
    assert "This scout schedule was withdrawn for you" in text
    for stop in ("Santa Monica Pier", "Pasadena Motel", "Philippe", "Van 1", "Call 7:00 AM"):
        assert stop not in text
    for part in ("scout.pdf", "scout.ics"):
        refused = client.get(link + part)
        assert refused.status_code == 410 and b"withdrawn for you" in refused.content
    client.post(link)
    delivery = Delivery.objects.get(person=bo, dispatch__kind="scout")
    assert delivery.confirmed_at is None and delivery.opened_at is None

    assert client.get(link_of(ann, 1)).status_code == 200
