"""Issue 14: a repeat must be recognisable. Each copy's Message-ID comes from its delivery, so
the same copy sent again carries the same one, and two people's copies never share one."""

from django.core import mail

from callboard.distribution.models import Delivery
from callboard.distribution.services import delivery_doubt_settle

from .conftest import send_note


def test_a_copy_sent_again_carries_the_same_message_id(
    settings, production, crew, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = send_note(production, crew)
    ids = {m.to[0]: m.message()["Message-ID"] for m in mail.outbox}
    assert len(set(ids.values())) == len(ids) == 5
    delivery = Delivery.objects.get(dispatch=dispatch, person=crew[0])
    assert (
        ids[delivery.address] == f"<dispatch-{dispatch.pk}.delivery-{delivery.pk}@callboard.local>"
    )

    Delivery.objects.filter(pk=delivery.pk).update(sent_at=None, in_doubt_at=delivery.claimed_at)
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_doubt_settle(actor=None, delivery=delivery, sent=False)
    again = mail.outbox[-1]
    assert again.to == [delivery.address] and again.message()["Message-ID"] == ids[delivery.address]
