"""Reads for the wrap checklist: its items (open first, by date), who may own one, and the
card's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from callboard.core.models import Production, User

from ..models import ChecklistItem


def checklist_items(production: Production):
    return ChecklistItem.objects.filter(
        production=production, deleted_at__isnull=True
    ).select_related("owner", "done_by")


def is_overdue(item: ChecklistItem, today: date) -> bool:
    return not item.is_done and item.due is not None and item.due < today


def possible_owners(production: Production):
    """The production's active members: an item's owner is one of them."""
    return User.objects.filter(
        memberships__production=production, memberships__is_active=True
    ).order_by("name", "email")


@dataclass(frozen=True)
class CardCounts:
    open: int
    overdue: int
    done: int


def card_counts(production: Production, today: date) -> CardCounts:
    counts = checklist_items(production).aggregate(
        open=Count("id", filter=Q(done_at__isnull=True)),
        overdue=Count("id", filter=Q(done_at__isnull=True, due__lt=today)),
        done=Count("id", filter=Q(done_at__isnull=False)),
    )
    return CardCounts(**counts)
