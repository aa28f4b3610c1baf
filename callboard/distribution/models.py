"""Sending a document to people and knowing who has it: one Dispatch per send, one Delivery
per recipient with its personal link and every step's time (queued, sent, delivered or
bounced, opened, confirmed)."""

from django.conf import settings
from django.db import models

from callboard.core.models import Production


class Dispatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        DONE = "done", "Sent"
        FAILED = "failed", "Failed"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="dispatches")
    # What is sent: "callsheet" + the call sheet version's pk.
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

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["production", "key"], name="dispatch_key_unique")
        ]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        SMS = "sms", "Text"
        NONE = "none", "No address"

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=254, blank=True)
    grant = models.OneToOneField(
        "core.LinkGrant", on_delete=models.PROTECT, related_name="delivery"
    )
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "person"], name="delivery_once_per_person")
        ]

    def __str__(self):
        return f"{self.dispatch} → {self.person}"

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
        if self.channel == self.Channel.NONE:
            return "unreachable"
        return "queued"
