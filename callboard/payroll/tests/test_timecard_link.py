"""The person's own card on a phone, through a signed link."""

import re

import pytest

from callboard.core.models import OutboundEmail
from callboard.payroll import services
from callboard.payroll.models import TimeCard

from .helpers import WEEK, day_post, person_with_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(production, django_capture_on_commit_callbacks):
    person = person_with_deal(
        production, first_name="Bo", last_name="Ruiz", email="bo@example.test"
    )
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    with django_capture_on_commit_callbacks(execute=True):
        services.timecard_send(actor=None, card=card)
    body = OutboundEmail.objects.get(to="bo@example.test").body
    return card, re.search(r"(/l/timecard/\S+/)", body).group(1)


def test_fill_save_and_sign_on_the_phone(client, link):
    card, url = link
    page = client.get(url)
    assert page.status_code == 200 and b"Sun Mar 1" in page.content
    client.post(url, day_post(1, "07:00", "20:30", ("13:00", "13:30"), note="second unit"))
    card.refresh_from_db()
    assert card.days[0]["note"] == "second unit" and card.gross > 300
    signed = client.post(
        url,
        day_post(1, "07:00", "20:30", ("13:00", "13:30"))
        | {"action": "submit", "signature": "Bo Ruiz"},
    )
    assert signed.status_code == 302
    card.refresh_from_db()
    assert (card.status, card.submitted_by) == ("submitted", "Bo Ruiz")
    after = client.get(url)
    assert (
        b"Signed" in after.content
        and b'name="d1_call"' in after.content
        and b"disabled" in after.content
    )
    # Once signed, the person cannot change it.
    client.post(url, day_post(1, "06:00", "20:30"))
    card.refresh_from_db()
    assert card.days[0]["call"] == "07:00"


def test_a_bad_time_on_the_phone_keeps_what_was_typed_and_stores_nothing(client, link):
    card, url = link
    response = client.post(
        url, day_post(1, "07:00", "20:30", ("13:00", "")) | day_post(2, "7am", "7pm")
    )
    assert response.status_code == 400
    assert b"give both the start and the end of meal 1" in response.content
    assert b'value="7pm"' in response.content
    card.refresh_from_db()
    assert card.days == []


def test_forged_and_replaced_links_are_refused(client, link, production):
    card, url = link
    assert client.get(url[:-3] + "xx/").status_code == 410
    card.status = TimeCard.Status.APPROVED
    card.save()
    services.timecard_correct(actor=None, card=card, reason="Correction")
    refused = client.get(url)
    assert refused.status_code == 410 and b"corrected version" in refused.content
