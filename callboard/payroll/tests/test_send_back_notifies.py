"""Sending a time card back for correction tells the person: an e-mail with the comment and
their link, and a text through the configured SMS backend when they agreed to texts; the
outbox shows both."""

import re

import pytest
from django.utils import timezone

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, make_user
from callboard.payroll import services

from .helpers import DAY, WEEK, person_with_deal

pytestmark = pytest.mark.django_db


def _submitted(person):
    card = services.timecard_prepare(actor=None, person=person, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[DAY])
    return services.timecard_submit(card=card, signature=person.full_name)


def test_send_back_emails_and_texts_the_comment_and_the_link(
    coordinator_client, production, django_capture_on_commit_callbacks
):
    ann = person_with_deal(
        production,
        first_name="Ann",
        email="ann@example.test",
        phone="+1 323 555 0101",
        sms_opt_in_at=timezone.now(),
    )
    card = _submitted(ann)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            f"/p/{production.slug}/timecards/{card.pk}/send-back/",
            {"comment": "Lunch was at 12:30"},
        )
    mail = OutboundEmail.objects.get(to="ann@example.test")
    assert "needs a correction" in mail.subject and "Lunch was at 12:30" in mail.body
    link = re.search(r"(/l/timecard/\S+/)", mail.body).group(1)
    text = OutboundEmail.objects.get(to="sms:+1 323 555 0101")
    assert "Lunch was at 12:30" in text.body and link in text.body
    # The link opens the reopened card with what to correct.
    page = coordinator_client.get(link)
    assert page.status_code == 200 and b"Lunch was at 12:30" in page.content
    staff = make_user()
    staff.is_staff = True  # staff see the whole outbox
    staff.save()
    coordinator_client.force_login(staff)
    outbox = coordinator_client.get("/outbox/").content
    assert b"needs a correction" in outbox and b"sms:+1 323 555 0101" in outbox


def test_no_text_without_agreeing_to_texts(production, django_capture_on_commit_callbacks):
    bo = person_with_deal(production, email="bo@example.test", phone="+1 323 555 0102")
    card = _submitted(bo)
    with django_capture_on_commit_callbacks(execute=True):
        services.timecard_send_back(
            actor=add_member(production, Role.UPM), card=card, comment="Wrap was 16:00"
        )
    assert OutboundEmail.objects.filter(to="bo@example.test").count() == 1
    assert not OutboundEmail.objects.filter(to__startswith="sms:").exists()


def test_a_refused_send_back_tells_nobody(production, django_capture_on_commit_callbacks):
    card = _submitted(person_with_deal(production, email="cy@example.test"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.TimeCardError):
        services.timecard_send_back(actor=None, card=card, comment=" ")
    assert not OutboundEmail.objects.exists()
