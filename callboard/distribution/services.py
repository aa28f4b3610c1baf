"""Writes for sending: create a dispatch (once per key), record opens and confirmations,
resend where a copy did not go out, settle a copy in doubt. Sending itself, and how it survives
a killed worker, is the background task in tasks.py."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from callboard.core.audit import audit_record
from callboard.core.events import Event, api_url, event_emit
from callboard.core.models import AuditEvent, LinkGrant, Membership, Production
from callboard.people.models import Person

from .digests import digest_schedule
from .models import NO_OUTCOME, Delivery, Dispatch, DistributionSettings
from .queries import confirmations_mode
from .tasks import dispatch_send

LINK_PURPOSE = "delivery"
UNFINISHED = (Dispatch.Status.QUEUED, Dispatch.Status.SENDING)
# A message distribution composes itself from the dispatch's subject and message (sending.py).
NOTICE = "notice"


def channel_for(person: Person) -> tuple[str, str]:
    """E-mail when there is a working address; a text when they agreed to texts; else none."""
    if person.email and not person.email_bounced_at:
        return Delivery.Channel.EMAIL, person.email
    if person.phone and person.sms_opt_in_at:
        return Delivery.Channel.SMS, person.phone
    return Delivery.Channel.NONE, ""


def _channel_now(delivery: Delivery, dispatch: Dispatch) -> tuple[str, str]:
    """Where a copy goes again: by the person's address now, or the address it had (an account
    on no list has only that; a notice went where it was told to: a bank change's, to the
    address before the change)."""
    if delivery.person_id is None or dispatch.kind == NOTICE:
        return delivery.channel, delivery.address
    return channel_for(delivery.person)


def _dispatch_open(*, actor, production, key: str, subject: str, **fields) -> tuple[Dispatch, bool]:
    """(the dispatch, created?): the same key twice (a double-click) returns the first one."""
    return Dispatch.objects.get_or_create(
        production=production,
        key=key,
        defaults={"created_by": actor, "subject": subject[:300], **fields},
    )


def _dispatch_opened(*, actor, dispatch: Dispatch, recipients: int) -> None:
    """Audited, and sent by the worker once the caller's transaction commits."""
    audit_record(
        actor=actor,
        production=dispatch.production,
        action=AuditEvent.Action.CREATE,
        obj=dispatch,
        changes={"subject": dispatch.subject, "recipients": recipients},
    )
    transaction.on_commit(lambda: dispatch_send.enqueue(dispatch_id=dispatch.pk))


@transaction.atomic
def dispatch_create(
    *,
    actor,
    production: Production,
    kind: str,
    object_id: int,
    key: str,
    subject: str,
    people: list[Person],
    message: str = "",
    notify=None,
    valid_for: timedelta | None = None,
    grants: dict[int, LinkGrant] | None = None,
) -> tuple[Dispatch, bool]:
    """(the dispatch, created?). The same key twice (a double-click) returns the first one.
    Each person's link is a new "delivery" grant valid for ``valid_for``, or the feature's own
    grant for them in ``grants`` (person pk -> grant: a time card's, a packet's), so the link
    they are sent opens the feature's page and tracks the delivery."""
    dispatch, created = _dispatch_open(
        actor=actor,
        production=production,
        key=key,
        kind=kind,
        object_id=object_id,
        subject=subject,
        message=message,
        notify=notify,
    )
    if not created:
        return dispatch, False
    # Hundreds of recipients in a few queries: the request returns at once, the worker sends.
    people = list(dict.fromkeys(people))
    if grants is None:
        expires = timezone.now() + valid_for
        made = LinkGrant.objects.bulk_create(
            LinkGrant(
                production=production,
                purpose=LINK_PURPOSE,
                subject_type=Person._meta.label_lower,
                subject_id=person.pk,
                created_by=actor,
                expires_at=expires,
            )
            for person in people
        )
    else:
        made = [grants[person.pk] for person in people]
    Delivery.objects.bulk_create(
        Delivery(
            dispatch=dispatch,
            person=person,
            grant=grant,
            channel=channel_for(person)[0],
            address=channel_for(person)[1],
        )
        for person, grant in zip(people, made, strict=True)
    )
    _dispatch_opened(actor=actor, dispatch=dispatch, recipients=len(people))
    return dispatch, True


@transaction.atomic
def message_send(
    *,
    actor=None,
    production: Production | None,
    kind: str,
    object_id: int,
    key: str,
    subject: str,
    address: str,
    channel: str = Delivery.Channel.EMAIL,
    person: Person | None = None,
    message: str = "",
) -> tuple[Dispatch, bool]:
    """One message to one address, tracked as a dispatch with one delivery, sent by the worker
    once the caller's transaction commits; (the dispatch, created?), the same key twice being
    one message. For an account on no list (``person`` None: an invitation, a password reset,
    with ``production`` None when it is about no show) or a person at an address given (a
    notice to the address being changed). Core's mail comes here through ``core.outbox``."""
    dispatch, created = _dispatch_open(
        actor=actor,
        production=production,
        key=key,
        kind=kind,
        object_id=object_id,
        subject=subject,
        message=message,
    )
    if created:
        Delivery.objects.create(
            dispatch=dispatch,
            person=person,
            channel=channel if address else Delivery.Channel.NONE,
            address=address,
        )
        _dispatch_opened(actor=actor, dispatch=dispatch, recipients=1)
    return dispatch, created


@transaction.atomic
def dispatch_resend(*, actor, dispatch: Dispatch, only: Iterable[int] | None = None) -> int:
    """Send again to everyone unconfirmed whose copy did not go out (it failed or bounced, or
    they had no address), by their address now; the count of those reachable. ``only``: of
    these delivery ids (a filtered set on the who-has-it page). Nobody whose copy is sent, in
    flight or in doubt gets another (one person's copy goes again only when asked for by name:
    delivery_resend). A stalled or failed send is picked up again too."""
    # The row lock orders this with a run finishing, so it either sees these or is restarted.
    dispatch = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    again = dispatch.deliveries.resendable().select_related("person")
    if only is not None:
        again = again.filter(pk__in=list(only))
    again = list(again)
    going = 0
    for delivery in again:
        channel, address = _channel_now(delivery, dispatch)
        Delivery.objects.filter(pk=delivery.pk).update(
            channel=channel,
            address=address,
            bounced_at=None,
            error="",
            claimed_at=None,
            claim="",
            updated_at=timezone.now(),
        )
        going += channel != Delivery.Channel.NONE
    if going:
        audit_record(
            actor=actor,
            production=dispatch.production,
            action=AuditEvent.Action.UPDATE,
            obj=dispatch,
            changes={"resent": going},
        )
    if going or dispatch.is_stalled or dispatch.deliveries.pending().exists():
        _dispatch_restart(dispatch)
    return going


class ResendRefused(Exception):
    """Why one person's copy cannot go again now (said to the coordinator)."""


# One person's Resend twice within this (a double-click, a retried request) sends one copy.
RESEND_AGAIN_AFTER = timedelta(seconds=60)


@transaction.atomic
def delivery_resend(*, actor, delivery: Delivery) -> Delivery:
    """Again to one person, asked for by name: also when their copy was sent (they lost it),
    by their address now, through the same resumable send. Refused while their copy is on its
    way, when they have no address now, and within a minute of the last Resend to them (a
    double-click sends one copy). A copy in doubt goes again as "Send again" does."""
    dispatch = Dispatch.objects.select_for_update().get(pk=delivery.dispatch_id)
    current = Delivery.objects.select_related("person").get(pk=delivery.pk)
    who = current.recipient_label
    if Delivery.objects.filter(pk=current.pk).in_doubt().exists():
        delivery_doubt_settle(actor=actor, delivery=current, sent=False)
        return current
    if (
        current.channel != Delivery.Channel.NONE
        and Delivery.objects.filter(pk=current.pk).filter(NO_OUTCOME).exists()
    ):
        raise ResendRefused(f"{who}'s copy is on its way already: nothing was changed.")
    now = timezone.now()
    if current.resent_at and now - current.resent_at < RESEND_AGAIN_AFTER:
        seconds = max(int((now - current.resent_at).total_seconds()), 1)
        raise ResendRefused(
            f"{who}'s copy was sent again {seconds} second"
            f"{'' if seconds == 1 else 's'} ago (a second click?): nothing was changed. "
            "If it has not arrived in a minute, press Resend again."
        )
    channel, address = _channel_now(current, dispatch)
    if channel == Delivery.Channel.NONE:
        Delivery.objects.filter(pk=current.pk).update(
            channel=channel, address="", updated_at=timezone.now()
        )
        raise ResendRefused(
            f"{who} has no e-mail, and no phone with texts agreed: "
            "add one on their crew-list entry, then send again."
        )
    before = current.sent_at
    Delivery.objects.filter(pk=current.pk).update(
        channel=channel,
        address=address,
        sent_at=None,
        delivered_at=None,
        bounced_at=None,
        error="",
        claimed_at=None,
        claim="",
        in_doubt_at=None,
        resent_at=now,
        updated_at=now,
    )
    audit_record(
        actor=actor,
        production=dispatch.production,
        action=AuditEvent.Action.UPDATE,
        obj=dispatch,
        changes={
            "resent to": who,
            "via": address,
            "sent before": before.isoformat() if before else "",
        },
    )
    _dispatch_restart(dispatch)
    return current


@transaction.atomic
def distribution_settings_update(*, actor, production: Production, confirmations: str):
    """How the person a send names hears of confirmations: a digest or one e-mail each."""
    if confirmations not in DistributionSettings.Confirmations.values:
        raise ValueError("Choose a digest every 15 minutes or one e-mail per confirmation.")
    row, _ = DistributionSettings.objects.select_for_update().get_or_create(production=production)
    if row.confirmations != confirmations:
        audit_record(
            actor=actor,
            production=production,
            action=AuditEvent.Action.UPDATE,
            obj=row,
            changes={"confirmations": [row.confirmations, confirmations]},
        )
        row.confirmations = confirmations
        row.save()
    return row


def _dispatch_restart(dispatch: Dispatch) -> None:
    """A run for what is pending; a live run sees it itself, a dead one is taken over."""
    if dispatch.status != Dispatch.Status.SENDING:
        Dispatch.objects.filter(pk=dispatch.pk).update(
            status=Dispatch.Status.QUEUED, heartbeat_at=timezone.now(), error=""
        )
    transaction.on_commit(lambda: dispatch_send.enqueue(dispatch_id=dispatch.pk))


@transaction.atomic
def delivery_doubt_settle(*, actor, delivery: Delivery, sent: bool) -> bool:
    """The coordinator settles a copy in doubt: they know it arrived (sent), or they send it
    again on purpose, with the same Message-ID. False when it was not in doubt: nothing changes."""
    dispatch = Dispatch.objects.select_for_update().get(pk=delivery.dispatch_id)
    doubtful = Delivery.objects.filter(pk=delivery.pk).in_doubt()
    if sent:
        settled = doubtful.update(
            sent_at=F("claimed_at"), in_doubt_at=None, updated_at=timezone.now()
        )
    else:
        settled = doubtful.update(
            in_doubt_at=None, claimed_at=None, claim="", error="", updated_at=timezone.now()
        )
    if not settled:
        return False
    audit_record(
        actor=actor,
        production=dispatch.production,
        action=AuditEvent.Action.UPDATE,
        obj=dispatch,
        changes={
            "delivery": delivery.recipient_label,
            "settled": "marked sent" if sent else "sent again",
        },
    )
    if not sent:
        _dispatch_restart(dispatch)
    return True


def dispatches_resume_stalled() -> int:
    """A run for every send that has not progressed for a lease (its worker died before it
    could leave a run behind to resume it); the count. For start-up scripts."""
    stalled = [d for d in Dispatch.objects.filter(status__in=UNFINISHED) if d.is_stalled]
    for dispatch in stalled:
        dispatch_send.enqueue(dispatch_id=dispatch.pk)
    return len(stalled)


def delivery_opened(*, delivery: Delivery) -> None:
    if delivery.opened_at is None:
        now = timezone.now()
        Delivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(
            opened_at=now, updated_at=now
        )


def link_opened(*, grant: LinkGrant) -> None:
    """A feature's page was opened by a link several messages may carry (a packet's first send
    and its reminders): which message it was opened from cannot be told, so each is opened."""
    now = timezone.now()
    Delivery.objects.filter(grant=grant, opened_at__isnull=True).update(
        opened_at=now, updated_at=now
    )


@transaction.atomic
def delivery_confirm(*, delivery: Delivery, actor=None) -> bool:
    """One tap: confirmed (once). Tells the dispatch's chosen person. True when new.
    ``actor``: who marked it for the recipient (an integration's token), when not they."""
    now = timezone.now()
    updated = Delivery.objects.filter(pk=delivery.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, opened_at=delivery.opened_at or now, updated_at=now
    )
    if not updated:
        return False
    dispatch = delivery.dispatch
    audit_record(
        actor=actor,
        actor_label="" if actor is not None else delivery.recipient_label,
        production=dispatch.production,
        action=AuditEvent.Action.UPDATE,
        obj=dispatch,
        changes={"confirmed": delivery.recipient_label},
    )
    production = dispatch.production
    if production is not None:
        event_emit(
            production=production,
            event=Event.DELIVERY_CONFIRMED,
            data={
                "id": delivery.pk,
                "dispatch_id": dispatch.pk,
                "kind": dispatch.kind,
                "object_id": dispatch.object_id,
                "subject": dispatch.subject,
                "person_id": delivery.person_id,
                # The person's name; never an address (a message to no one on a list).
                "recipient": delivery.person.display_name if delivery.person_id else None,
                "confirmed_at": now.isoformat(),
                # A call sheet's copy is in the API under its sheet; other sends are not.
                "url": (
                    api_url(
                        production,
                        f"callsheets/{dispatch.object_id}/deliveries/{delivery.pk}",
                    )
                    if dispatch.kind == "callsheet"
                    else None
                ),
            },
        )
    if not (dispatch.notify and dispatch.notify.email):
        return True
    if not Membership.objects.filter(
        production=production, user=dispatch.notify, is_active=True
    ).exists():
        return True  # no longer on the team: told nothing about the crew
    if confirmations_mode(production) == DistributionSettings.Confirmations.DIGEST:
        digest_schedule(production=production, recipient=dispatch.notify, now=now)
        return True
    person = delivery.person
    local = timezone.localtime(now, production.tzinfo)
    role = f" ({person.position or person.character})" if person else ""
    # Told now, on its own: a digest (after a switch to digests) does not tell it again.
    Delivery.objects.filter(pk=delivery.pk).update(confirmation_told_at=now)
    message_send(
        production=production,
        kind=NOTICE,
        object_id=dispatch.pk,
        key=f"confirmed-{delivery.pk}",
        subject=f"Confirmed: {delivery.recipient_label} — {dispatch.subject}",
        message=f"{delivery.recipient_label}{role} confirmed "
        f"{dispatch.subject} at {local:%-I:%M %p %Z}.\n",
        address=dispatch.notify.email,
    )
    return True


def person_notify(
    *,
    person: Person,
    subject: str,
    body: str,
    text: str,
    email: str | None = None,
    phone: str | None = None,
    key: str | None = None,
) -> list[str]:
    """A notice to one person (a send-back, a bank change to confirm): an e-mail, and a text
    when they agreed to texts, each a tracked delivery (kind "notice", no link of its own) sent
    by the worker once the caller's transaction commits. At ``email``/``phone`` instead of
    today's when the address itself is in question. ``key``: the notice's idempotency key (the
    same key again, a double-click, sends nothing more); without one each call is a new
    notice. Returns where it goes."""
    email = person.email if email is None else email
    phone = (person.phone if person.sms_opt_in_at else "") if phone is None else phone
    key = key or f"notice-{person.pk}-{uuid.uuid4().hex}"
    for channel, address, words in (
        (Delivery.Channel.EMAIL, email, body),
        (Delivery.Channel.SMS, phone, text),
    ):
        if address:
            message_send(
                production=person.production,
                kind=NOTICE,
                object_id=person.pk,
                key=f"{key}-{channel}",
                subject=subject,
                message=words,
                address=address,
                channel=channel,
                person=person,
            )
    return [a for a in (email, f"sms:{phone}" if phone else "") if a]
