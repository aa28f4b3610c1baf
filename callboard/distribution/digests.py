"""Confirmations told to the person a send names (``Dispatch.notify``): one digest per quarter
hour listing who confirmed which sheet since the last one, or one e-mail per confirmation (a
setting per production, ``DistributionSettings.confirmations``).

- Gathering. The first confirmation with no digest open for its person opens one, due at the
  next quarter hour (:00, :15, :30, :45), and enqueues ``confirmation_digest_send`` for then
  (the Tasks API's ``run_after``). Later confirmations join the open digest.
- Sending. The run takes the digest (``claimed_at``) and, in the same transaction, marks every
  confirmation it covers (``Delivery.digest``), then sends it. Having sent something, it opens
  the next digest a quarter hour on and schedules its own next run; when nobody confirmed it
  sends nothing (``empty``) and schedules nothing: the next confirmation starts again.
- Told once. A confirmation told in its own e-mail (the "each" setting) is marked told
  (``Delivery.confirmation_told_at``), as is one a digest covers when it is taken; a digest
  covers only confirmations nobody has told, so switching between the settings, with a digest
  open or not, tells each confirmation once.
- Never twice. A digest is taken once: a second run of it (a retried task, a duplicate) finds
  it taken and stops. A worker killed after taking it leaves it recorded as taken and not sent
  (``claimed_at`` without ``sent_at``): it may or may not have gone, so it is not sent again;
  the next digest says, once, that it may not have arrived and what it listed (recorded in
  ``doubt_told_in``), so nothing is lost either. A definite refusal by the mail
  server releases them to the next digest. A run lost before it took its digest (a worker
  killed as it picked the task up) is enqueued again by the next confirmation, or by
  ``manage.py resume_sends``, once it is a lease overdue.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from callboard.core.models import Membership

from .models import DIGEST_EVERY, ConfirmationDigest, Delivery, lease


def next_quarter_hour(now: datetime) -> datetime:
    """The next :00/:15/:30/:45 strictly after now (every zone's offset is whole quarters)."""
    step = int(DIGEST_EVERY.total_seconds())
    stamp = int(now.timestamp()) // step * step + step
    return datetime.fromtimestamp(stamp, tz=now.tzinfo or timezone.get_current_timezone())


def _enqueue(digest: ConfirmationDigest) -> None:
    """A run when the digest falls due; a backend that cannot defer (tests' inline one) runs it
    now, so there each confirmation is told at once."""
    backend = confirmation_digest_send.get_backend()
    runner = (
        confirmation_digest_send.using(run_after=digest.due_at)
        if backend.supports_defer
        else confirmation_digest_send
    )
    transaction.on_commit(lambda: runner.enqueue(digest_id=digest.pk))


def digest_schedule(*, production, recipient, now: datetime, due_at: datetime | None = None):
    """The digest open for this person, opening one due at the next quarter hour (or
    ``due_at``) when there is none. Call inside the transaction that records a confirmation.

    The open digest's row stays locked until that transaction ends, so a run cannot take it
    meanwhile: a run that took it first has finished (and committed what it covers) before
    this reads, and this finds it taken and opens the next one; a run that comes later waits
    for this confirmation to commit and covers it. Without the lock a run could take the
    digest between this read and the commit, miss the confirmation (not yet visible to it)
    and leave it unreported (PostgreSQL; SQLite writes one transaction at a time)."""
    if not confirmation_digest_send.get_backend().supports_defer:
        due_at = now
    for _ in range(3):
        open_digest = (
            ConfirmationDigest.objects.select_for_update()
            .filter(production=production, recipient=recipient, claimed_at__isnull=True)
            .first()
        )
        if open_digest is not None:
            if open_digest.due_at + lease() < now:  # its run was lost: another one
                _enqueue(open_digest)
            return open_digest
        try:
            with transaction.atomic():
                digest = ConfirmationDigest.objects.create(
                    production=production,
                    recipient=recipient,
                    due_at=due_at or next_quarter_hour(now),
                )
        except IntegrityError:  # another confirmation opened it this instant: join that one
            continue
        _enqueue(digest)
        return digest
    raise RuntimeError("No confirmation digest could be opened or found; try again.")


def digests_resume_overdue(*, now: datetime) -> int:
    """A run for every digest a lease past due and not taken (its run was lost); the count."""
    overdue = list(
        ConfirmationDigest.objects.filter(claimed_at__isnull=True, due_at__lt=now - lease())
    )
    for digest in overdue:
        with transaction.atomic():
            _enqueue(digest)
    return len(overdue)


@task()
def confirmation_digest_send(*, digest_id: int) -> None:
    """Take the digest, fix what it covers, send it, and schedule the next one."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        digest = (
            ConfirmationDigest.objects.select_for_update(of=("self",))
            .select_related("production", "recipient")
            .filter(pk=digest_id, claimed_at__isnull=True)
            .first()
        )
        if digest is None:
            return  # taken by another run already: never sent twice
        # Read once the digest is ours: a confirmation that held it meanwhile has committed
        # and is earlier than this, so it is covered.
        now = timezone.now()
        if digest.due_at > now:
            return  # early (a stray duplicate); the run for its time is enqueued
        covered = Delivery.objects.filter(
            dispatch__production=digest.production,
            dispatch__notify=digest.recipient,
            confirmed_at__isnull=False,
            confirmed_at__lte=now,
            digest__isnull=True,
            confirmation_told_at__isnull=True,  # not told already, in its own e-mail
        )
        if not Membership.objects.filter(
            production=digest.production, user=digest.recipient, is_active=True
        ).exists():
            covered = covered.none()  # left the team since: told nothing more
        count = covered.update(digest=digest, confirmation_told_at=now)
        # Earlier digests taken by a worker that died before recording them: say so once.
        doubtful = ConfirmationDigest.objects.filter(
            production=digest.production,
            recipient=digest.recipient,
            sent_at__isnull=True,
            claimed_at__lt=now - lease(),
            doubt_told_in__isnull=True,
            deliveries__isnull=False,
        ).exclude(pk=digest.pk)
        told = ConfirmationDigest.objects.filter(
            pk__in=list(doubtful.values_list("pk", flat=True))
        ).update(doubt_told_in=digest)
        ConfirmationDigest.objects.filter(pk=digest.pk).update(
            claimed_at=now, claim=token, empty=not (count or told)
        )
        if not (count or told):
            return  # nobody confirmed: nothing sent, and no next run until somebody does
        # Told something: look again in a quarter hour (what confirms meanwhile joins it).
        digest_schedule(
            production=digest.production,
            recipient=digest.recipient,
            now=now,
            due_at=next_quarter_hour(now),
        )
        subject, body = digest_message(digest, now=now)
    try:
        send_mail(subject, body, None, [digest.recipient.email], fail_silently=False)
    except Exception as exc:
        _failed(digest, exc, now=now)
        raise
    ConfirmationDigest.objects.filter(pk=digest.pk, claim=token).update(sent_at=timezone.now())


def _failed(digest: ConfirmationDigest, exc: Exception, *, now: datetime) -> None:
    from .tasks import NOT_SENT  # the same line between "did not go" and "may have gone"

    with transaction.atomic():
        ConfirmationDigest.objects.filter(pk=digest.pk).update(
            error=str(exc)[:300] or exc.__class__.__name__
        )
        if isinstance(exc, NOT_SENT):  # it did not go: its confirmations join the next one
            Delivery.objects.filter(digest=digest).update(digest=None, confirmation_told_at=None)
            digest_schedule(production=digest.production, recipient=digest.recipient, now=now)


def digest_message(digest: ConfirmationDigest, *, now: datetime) -> tuple[str, str]:
    """Subject and body: who confirmed which sheet, by sheet, on the production's clock."""
    production = digest.production
    tz = production.tzinfo
    previous = (
        ConfirmationDigest.objects.filter(
            production=production,
            recipient=digest.recipient,
            claimed_at__isnull=False,
            empty=False,
            claimed_at__lt=now,
        )
        .exclude(pk=digest.pk)
        .order_by("-claimed_at")
        .values_list("claimed_at", flat=True)
        .first()
    )

    def clock(moment: datetime) -> str:
        return f"{timezone.localtime(moment, tz):%-I:%M %p}"

    zone = f"{timezone.localtime(now, tz):%Z}"
    rows = _listed(Delivery.objects.filter(digest=digest))
    lines = [f"{production.title}. Times are {production.time_zone} ({zone}).", ""]
    if rows:
        since = (
            f"since your last digest ({clock(previous)} {zone})"
            if previous
            else "since the last notice"
        )
        lines += [f"Confirmed {since}:", ""] + _by_send(rows, clock)
    for lost in digest.doubts_told.order_by("claimed_at"):
        lines += [
            f"Your digest of {clock(lost.claimed_at)} may not have reached you (sending "
            "stopped midway, so it was not sent again). It listed:",
            "",
        ]
        lines += _by_send(_listed(lost.deliveries.all()), clock)
    if len(rows) == 1:
        only = rows[0]
        subject = f"Confirmed: {only.recipient_label} — {only.dispatch.subject}"
    elif rows:
        subject = f"Confirmed: {len(rows)} people — {production.title}"
    else:
        subject = f"Confirmations: an earlier digest may not have reached you — {production.title}"
    lines.append(
        f"Sent by Callboard; the next digest comes at most every "
        f"{int(DIGEST_EVERY.total_seconds() // 60)} minutes."
    )
    return subject[:300], "\n".join(lines) + "\n"


def _listed(deliveries) -> list[Delivery]:
    return list(
        deliveries.select_related("person", "dispatch").order_by(
            "dispatch__created_at", "dispatch_id", "confirmed_at"
        )
    )


def _by_send(rows: list[Delivery], clock) -> list[str]:
    """Per sheet (send): how many have confirmed it now, then who confirmed when."""
    by_send: dict[int, list[Delivery]] = {}
    for delivery in rows:
        by_send.setdefault(delivery.dispatch_id, []).append(delivery)
    lines = []
    for deliveries in by_send.values():
        dispatch = deliveries[0].dispatch
        confirmed = dispatch.deliveries.filter(confirmed_at__isnull=False).count()
        lines.append(f"{dispatch.subject} ({confirmed} of {dispatch.deliveries.count()} confirmed)")
        for delivery in deliveries:
            person = delivery.person
            role = (person.position or person.character) if person else ""
            lines.append(
                f"  {clock(delivery.confirmed_at)}  {delivery.recipient_label}"
                + (f" ({role})" if role else "")
            )
        lines.append("")
    return lines
