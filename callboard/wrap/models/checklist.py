"""The wrap checklist: what the office must still do to close the show (return rentals, close
accounts, cancel services, final insurance and loss reports), each with an owner and a date."""

from django.conf import settings
from django.db import models

from callboard.core.models import Production


class ChecklistItem(models.Model):
    class Category(models.TextChoices):
        RENTALS = "rentals", "Rentals"
        ACCOUNTS = "accounts", "Accounts"
        SERVICES = "services", "Services"
        INSURANCE = "insurance", "Insurance"
        OTHER = "other", "Other"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="wrap_checklist"
    )
    title = models.CharField(max_length=200)
    category = models.CharField(max_length=10, choices=Category.choices, default=Category.OTHER)
    # A member of the production (services check it).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Soft delete: a removed item stays, so the default list is never seeded twice.
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = [
            models.F("done_at").asc(nulls_first=True),
            models.F("due").asc(nulls_last=True),
            "id",
        ]
        indexes = [models.Index(fields=["production", "deleted_at"])]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
