import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from callboard.core.models import Production


class ApiToken(models.Model):
    """A named key for one person on one production: it opens the API with that person's role
    there at most, narrowed by its scopes. Only the SHA-256 of the key is kept; the key itself
    is shown once, when it is made."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="api_tokens")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    # The first characters of the key, to tell tokens apart on the page ("cb_Ab12Cd…").
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    can_write = models.BooleanField("write", default=False)
    can_read_private = models.BooleanField("private fields", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The rate limit's window (its first second, Unix time) and the requests counted in it.
    rate_window = models.BigIntegerField(default=0)
    rate_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "production"])]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def scopes(self) -> list[str]:
        return (
            ["read"]
            + (["write"] if self.can_write else [])
            + (["private"] if self.can_read_private else [])
        )

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class Webhook(models.Model):
    """A URL of another system's that is POSTed the production's events it listens to, each
    body signed with the webhook's secret (sealed at rest; shown once, when made or rotated)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField("URL", max_length=500)
    events = models.JSONField(default=list)  # core.events.Event values
    secret_sealed = models.TextField()  # a vault token (core.vault.seal)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one webhook: the body is fixed when the event happens; each attempt signs
    it afresh. A run claims the row for a lease (``claim``, ``lease_until``) before it sends,
    so two runs never send the same attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (will retry)"
        GIVEN_UP = "given_up", "Given up"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    # Sent as Callboard-Delivery, the same on every attempt: receivers de-duplicate by it.
    event_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.webhook_id} ({self.event_id})"
