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
