"""Writes for sending: create a dispatch (once per key), record opens and confirmations,
resend to whoever has not confirmed. Sending itself is the background task in tasks.py."""

from __future__ import annotations

from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.models import AuditEvent, LinkGrant, Production
from callboard.people.models import Person

from .models import Delivery, Dispatch
from .tasks import dispatch_send

LINK_PURPOSE = "delivery"


def channel_for(person: Person) -> tuple[str, str]:
    """E-mail when there is a working address; a text when they agreed to texts; else none."""
    if person.email and not person.email_bounced_at:
        return Delivery.Channel.EMAIL, person.email
    if person.phone and person.sms_opt_in_at:
        return Delivery.Channel.SMS, person.phone
    return Delivery.Channel.NONE, ""


@transaction.atomic
def dispatch_create(
    *, actor, production: Production, kind: str, object_id: int, key: str, subject: str,
    people: list[Person], message: str = "", notify=None, valid_for: timedelta,
) -> tuple[Dispatch, bool]:  # fmt: skip
    """(the dispatch, created?). The same key twice (a double-click) returns the first one."""
    dispatch, created = Dispatch.objects.get_or_create(
        production=production, key=key,
        defaults={"kind": kind, "object_id": object_id, "subject": subject[:300],
                  "message": message, "notify": notify, "created_by": actor},
    )  # fmt: skip
    if not created:
        return dispatch, False
    # Hundreds of recipients in a few queries: the request returns at once, the worker sends.
    people = list(dict.fromkeys(people))
    expires = timezone.now() + valid_for
    grants = LinkGrant.objects.bulk_create(
        LinkGrant(
            production=production,
            purpose=LINK_PURPOSE,
            subject_type=Person._meta.label_lower,
            subject_id=person.pk,
            created_by=actor,
            expires_at=expires,
        )  # fmt: skip
        for person in people
    )
    Delivery.objects.bulk_create(
        Delivery(
            dispatch=dispatch,
            person=person,
            grant=grant,
            channel=channel_for(person)[0],
            address=channel_for(person)[1],
        )  # fmt: skip
        for person, grant in zip(people, grants, strict=True)
    )
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE,
                 obj=dispatch, changes={"subject": dispatch.subject,
                                        "recipients": len(people)})  # fmt: skip
    transaction.on_commit(lambda: dispatch_send.enqueue(dispatch_id=dispatch.pk))
    return dispatch, True


@transaction.atomic
def dispatch_resend(*, actor, dispatch: Dispatch) -> int:
    """Send again to everyone reachable who has not confirmed; the count."""
    waiting = dispatch.deliveries.filter(confirmed_at__isnull=True).exclude(
        channel=Delivery.Channel.NONE
    )
    count = waiting.update(sent_at=None, bounced_at=None, error="")
    if count:
        Dispatch.objects.filter(pk=dispatch.pk).update(status=Dispatch.Status.QUEUED)
        audit_record(actor=actor, production=dispatch.production, action=AuditEvent.Action.UPDATE,
                     obj=dispatch, changes={"resent": count})  # fmt: skip
        transaction.on_commit(lambda: dispatch_send.enqueue(dispatch_id=dispatch.pk))
    return count


def delivery_opened(*, delivery: Delivery) -> None:
    if delivery.opened_at is None:
        Delivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )


@transaction.atomic
def delivery_confirm(*, delivery: Delivery) -> bool:
    """One tap: confirmed (once). Tells the dispatch's chosen person. True when new."""
    now = timezone.now()
    updated = Delivery.objects.filter(pk=delivery.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, opened_at=delivery.opened_at or now
    )
    if not updated:
        return False
    dispatch = delivery.dispatch
    audit_record(actor=None, actor_label=delivery.person.display_name,
                 production=dispatch.production, action=AuditEvent.Action.UPDATE,
                 obj=dispatch, changes={"confirmed": delivery.person.display_name})  # fmt: skip
    if dispatch.notify and dispatch.notify.email:
        person = delivery.person
        transaction.on_commit(lambda: send_mail(
            f"Confirmed: {person.display_name} — {dispatch.subject}",
            f"{person.display_name} ({person.position or person.character}) confirmed "
            f"{dispatch.subject} at {timezone.localtime(now, dispatch.production.tzinfo):%-I:%M %p}.",
            None, [dispatch.notify.email], fail_silently=True,
        ))  # fmt: skip
    return True
