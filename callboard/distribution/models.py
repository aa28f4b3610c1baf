"""Sending a document to people and knowing who has it: one Dispatch per send, one Delivery
per recipient with its personal link and every step's time (queued, claimed, sent or in doubt,
delivered or bounced, opened, confirmed). How a send survives a killed worker: tasks.py."""

from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from callboard.core.models import Production


def lease() -> timedelta:
    """How long a send may go without progress before its worker is presumed dead."""
    return timedelta(seconds=getattr(settings, "DISPATCH_LEASE_SECONDS", 60))


class Dispatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        DONE = "done", "Sent"
        FAILED = "failed", "Failed"

    # None for a message about an account rather than a show (a password reset).
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, null=True, blank=True, related_name="dispatches"
    )
    # What is sent: a kind registered with distribution.registry ("callsheet") + its object's pk.
    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    # Double-clicks and retried requests carry the same key: one send.
    key = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    # Who hears about confirmations.
    notify = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The lease: the run sending now, and when it last made progress.
    worker = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["production", "key"], name="dispatch_key_unique"),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(production__isnull=True),
                name="dispatch_key_unique_without_production",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def progressed_at(self):
        return self.heartbeat_at or self.created_at

    @property
    def is_stalled(self) -> bool:
        """Not finished and no progress for a lease: the worker is down or died mid-send."""
        return (
            self.status in (self.Status.QUEUED, self.Status.SENDING)
            and self.progressed_at < timezone.now() - lease()
        )


# Nothing happened to it yet: sent, bounced, failed and in doubt are each an outcome.
NO_OUTCOME = Q(sent_at__isnull=True, bounced_at__isnull=True, in_doubt_at__isnull=True, error="")


# A copy that did not go out (it failed or bounced, or there was no address) to someone
# unconfirmed, neither sent nor in doubt: the only copies a resend to many sends again
# (services.dispatch_resend), by the person's address now.
RESENDABLE = (Q(bounced_at__isnull=False) | ~Q(error="") | Q(channel="none")) & Q(
    confirmed_at__isnull=True, sent_at__isnull=True, in_doubt_at__isnull=True
)


class DeliveryQuerySet(models.QuerySet):
    def reachable(self):
        return self.exclude(channel=Delivery.Channel.NONE)

    def pending(self):
        """Waiting to be claimed by a run."""
        return self.reachable().filter(NO_OUTCOME, claimed_at__isnull=True)

    def in_flight(self):
        """Claimed by a run that has not said how it went."""
        return self.filter(NO_OUTCOME, claimed_at__isnull=False)

    def in_doubt(self):
        return self.filter(in_doubt_at__isnull=False, sent_at__isnull=True)

    def resendable(self):
        return self.filter(RESENDABLE)


class Delivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        SMS = "sms", "Text"
        NONE = "none", "No address"

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    # None for someone who is not on the show's lists (an invited or resetting account): then
    # the address is all there is.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=254, blank=True)
    # The signed link the message carries: a grant of its own, or the feature's (a packet's),
    # shared by every message about it (the first send, reminders); None when the message
    # carries no such link (a notice, a password reset's own token).
    grant = models.ForeignKey(
        "core.LinkGrant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    # In flight since, and by which run (a Dispatch.worker token).
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=64, blank=True)
    # Its run died after the claim: the server may or may not have it. The coordinator decides.
    in_doubt_at = models.DateTimeField(null=True, blank=True)
    # The digest that told the dispatch's chosen person of this confirmation (once).
    digest = models.ForeignKey(
        "ConfirmationDigest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # When that person was told of this confirmation, whichever way (its own e-mail, or the
    # digest above): a digest lists only confirmations nobody has told them of yet.
    confirmation_told_at = models.DateTimeField(null=True, blank=True)
    # Last sent again to this one person by name (Resend): a repeat within a minute is refused.
    resent_at = models.DateTimeField(null=True, blank=True)
    # When a step of the copy last moved (the API's change feed): every .update() of a step
    # sets it too (the digest's bookkeeping is not a step).
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "person"], name="delivery_once_per_person")
        ]

    def __str__(self):
        return f"{self.dispatch} → {self.person or self.address}"

    @property
    def recipient_label(self) -> str:
        """Who it went to, as the coordinator reads it: the person, or the address (an invited
        or resetting account is on no list)."""
        return self.person.display_name if self.person_id else self.address

    @property
    def state(self) -> str:
        """The furthest step reached, as the status board shows it."""
        if self.confirmed_at:
            return "confirmed"
        if self.bounced_at:
            return "bounced"
        if self.opened_at:
            return "opened"
        if self.delivered_at:
            return "delivered"
        if self.sent_at:
            return "sent"
        if self.in_doubt_at:
            return "in-doubt"
        if self.channel == self.Channel.NONE:
            return "unreachable"
        if self.error:
            return "failed"
        if self.claimed_at:
            return "sending"
        return "queued"

    @property
    def message_id(self) -> str:
        """The same on every attempt, so a repeat is recognisable (and mail clients fold it)."""
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "callboard.local"
        return f"<dispatch-{self.dispatch_id}.delivery-{self.pk}@{domain}>"


DIGEST_EVERY = timedelta(minutes=15)


class DistributionSettings(models.Model):
    """How a production sends: for now, how the person a send names hears of confirmations."""

    class Confirmations(models.TextChoices):
        DIGEST = "digest", "One digest every 15 minutes"
        EACH = "each", "One e-mail per confirmation"

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="distribution_settings"
    )
    confirmations = models.CharField(
        "confirmation e-mails",
        max_length=10,
        choices=Confirmations.choices,
        default=Confirmations.DIGEST,
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Distribution settings of {self.production}"


class ConfirmationDigest(models.Model):
    """One e-mail to one person listing who confirmed which sheet since their last digest.
    Open (due, not yet taken) while it gathers; ``claimed_at`` fixes what it covers (the
    deliveries pointing at it) before it is sent, so a run that dies cannot send it twice."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="confirmation_digests"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Taken by a run (its token): what it covers is fixed from here on.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Nobody had confirmed when it fell due: nothing was sent.
    empty = models.BooleanField(default=False)
    error = models.CharField(max_length=300, blank=True)
    # Taken but never recorded as sent (its worker died): the later digest that said so.
    doubt_told_in = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="doubts_told"
    )

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            # One digest gathering per person and production at a time.
            models.UniqueConstraint(
                fields=["production", "recipient"],
                condition=Q(claimed_at__isnull=True),
                name="one_open_digest_per_recipient",
            )
        ]

    def __str__(self):
        return f"Confirmations digest for {self.recipient} due {self.due_at:%Y-%m-%d %H:%M}"
