"""Issue 15, item 12 (review): one person's Resend posted twice (a double-click, a retried
request) sends one copy, and says why the second did nothing; a minute later it sends again."""

from datetime import timedelta

from django.utils import timezone

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery

from . import test_who_has_it_filters_counts_and_resends as who_has_it

crew = who_has_it.crew  # fixtures: the crew list, a sheet sent to them
sent = who_has_it.sent


def test_a_double_click_on_resend_sends_one_copy(
    coordinator_client, sent, crew, django_capture_on_commit_callbacks, monkeypatch
):
    cal = Delivery.objects.get(dispatch__object_id=sent.pk, person=crew[0]["Cal"])
    url = who_has_it._url(sent, f"sent/{cal.pk}/resend/")
    before = OutboundEmail.objects.filter(to=cal.address).count()
    pages = []
    for _ in range(2):  # the same form, posted twice
        with django_capture_on_commit_callbacks(execute=True):
            pages.append(coordinator_client.post(url, {}, follow=True).content.decode())
    assert OutboundEmail.objects.filter(to=cal.address).count() - before == 1
    assert "Sending Cal Test the call sheet again." in pages[0]
    assert "ago (a second click?): nothing was changed" in pages[1]

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=61))
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {})
    assert OutboundEmail.objects.filter(to=cal.address).count() - before == 2
