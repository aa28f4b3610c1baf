"""Audit trail helpers: snapshot a record, diff two snapshots, write the event."""

from datetime import date, datetime, time
from decimal import Decimal

from django.db import models

from .models import AuditEvent


def _plain(value):
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


LABEL_MAX = AuditEvent._meta.get_field("actor_label").max_length


def audit_record(
    *,
    actor,
    production,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    actor_label: str = "",
):
    """Record one change. actor_label names someone without an account (e.g. via a signed link)."""
    return AuditEvent.objects.create(
        production=production,
        actor=actor if actor is not None and actor.is_authenticated else None,
        # A label made from a person's name (100 + 100 characters) must still fit.
        actor_label=(actor_label or (str(actor) if actor is not None else "system"))[:LABEL_MAX],
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        changes=changes or {},
    )
