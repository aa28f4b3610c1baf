"""Writes to the wrap checklist: the default list seeded once, items added, changed, done,
reopened and removed; each one transaction, audited."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.models import AuditEvent, Production

from ..models import ChecklistItem
from .defaults import DEFAULT_ITEMS, due_date
from .queries import possible_owners

FIELDS = ["title", "category", "owner", "due", "notes"]


class ChecklistError(Exception):
    """What was typed cannot be saved; nothing was."""


@transaction.atomic
def checklist_seed(*, actor, production: Production) -> int:
    """The default list, the first time the checklist opens for a production (never again: a
    removed item is kept, soft-deleted). Returns how many items were made."""
    Production.objects.select_for_update().filter(pk=production.pk).first()  # one seeder
    if ChecklistItem.objects.filter(production=production).exists():
        return 0
    for default in DEFAULT_ITEMS:
        item = ChecklistItem.objects.create(
            production=production,
            title=default.title,
            category=default.category,
            due=due_date(default, production.shoot_end, production.wrap_end),
            notes=default.notes,
            created_by=actor,
        )
        audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=item)
    return len(DEFAULT_ITEMS)


def _checked(production: Production, *, title: str, category: str, owner, notes: str) -> dict:
    title = (title or "").strip()
    if not title:
        raise ChecklistError("Say what is to be done.")
    if len(title) > ChecklistItem._meta.get_field("title").max_length:
        raise ChecklistError("Keep the item under 200 characters; put the rest in its notes.")
    if category not in ChecklistItem.Category.values:
        raise ChecklistError("Choose one of the categories.")
    if owner is not None and not possible_owners(production).filter(pk=owner.pk).exists():
        raise ChecklistError("The owner must be a member of this production.")
    return {"title": title, "category": category, "owner": owner, "notes": (notes or "").strip()}


@transaction.atomic
def checklist_item_add(
    *,
    actor,
    production: Production,
    title: str,
    category: str = ChecklistItem.Category.OTHER,
    owner=None,
    due: date | None = None,
    notes: str = "",
) -> ChecklistItem:
    fields = _checked(production, title=title, category=category, owner=owner, notes=notes)
    item = ChecklistItem.objects.create(production=production, due=due, created_by=actor, **fields)
    audit_record(actor=actor, production=production, action=AuditEvent.Action.CREATE, obj=item)
    return item


@transaction.atomic
def checklist_item_update(
    *,
    actor,
    item: ChecklistItem,
    title: str,
    category: str,
    owner=None,
    due: date | None = None,
    notes: str = "",
) -> ChecklistItem:
    fields = _checked(item.production, title=title, category=category, owner=owner, notes=notes)
    item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item, FIELDS)
    for name, value in {**fields, "due": due}.items():
        setattr(item, name, value)
    item.save()
    audit_record(
        actor=actor,
        production=item.production,
        action=AuditEvent.Action.UPDATE,
        obj=item,
        changes=diff(before, snapshot(item, FIELDS)),
    )
    return item


def _mark(actor, item: ChecklistItem, *, done: bool) -> ChecklistItem:
    item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    if item.is_done == done:
        return item  # a second click, or two people at once: already so
    item.done_at, item.done_by = (timezone.now(), actor) if done else (None, None)
    item.save(update_fields=["done_at", "done_by"])
    audit_record(
        actor=actor,
        production=item.production,
        action=AuditEvent.Action.UPDATE,
        obj=item,
        changes={"done": done},
    )
    return item


@transaction.atomic
def checklist_item_complete(*, actor, item: ChecklistItem) -> ChecklistItem:
    return _mark(actor, item, done=True)


@transaction.atomic
def checklist_item_reopen(*, actor, item: ChecklistItem) -> ChecklistItem:
    return _mark(actor, item, done=False)


@transaction.atomic
def checklist_item_delete(*, actor, item: ChecklistItem) -> None:
    updated = ChecklistItem.objects.filter(pk=item.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now()
    )
    if updated:
        audit_record(
            actor=actor, production=item.production, action=AuditEvent.Action.DELETE, obj=item
        )
