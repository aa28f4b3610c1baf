"""The controls every approval goes through, in one place.

1. **An open warning blocks approval.** A feature computes its "To check" items (plain
   sentences) and, before approving, calls ``require_cleared``: each item must be overridden
   with a written reason (``core.services.warning_override``) by someone whose role holds the
   feature's override capability, or the approval is refused naming what is still open.
2. **Separation of duties.** ``require_other_person`` refuses an approval by whoever entered
   or requested the thing, or by someone who already approved a step of its chain; and
   ``require_cleared(..., approver=actor)`` refuses one by whoever overrode its warnings.

Features show the same items with ``warnings_with_overrides`` (the template
``core/_warnings.html`` draws them, with the override form for those who may), so what the
page shows is what blocks.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.db import models

from .models import WarningOverride


class ControlError(ValueError):
    """An approval the controls refuse; the message says why, for the person who tried."""


class Warning(NamedTuple):
    text: str
    override: WarningOverride | None  # None while the warning is open

    @property
    def is_open(self) -> bool:
        return self.override is None


def subject_type(subject: models.Model) -> str:
    return f"{subject._meta.app_label}.{subject._meta.model_name}"


def overrides_for(subject: models.Model) -> list[WarningOverride]:
    return list(
        WarningOverride.objects.filter(subject_type=subject_type(subject), subject_id=subject.pk)
    )


def warnings_with_overrides(subject: models.Model, warnings: Iterable[str]) -> list[Warning]:
    """Each warning with the override that lets it pass (the newest), or None when open."""
    by_text = {o.warning: o for o in overrides_for(subject)}
    return [Warning(text, by_text.get(text)) for text in dict.fromkeys(warnings)]


def open_warnings(subject: models.Model, warnings: Iterable[str]) -> list[str]:
    return [w.text for w in warnings_with_overrides(subject, warnings) if w.is_open]


def require_cleared(subject: models.Model, warnings: Iterable[str], *, approver=None) -> None:
    """Refuse to go on while any warning is open — and, given the ``approver``, when they
    overrode one of these warnings themselves: an override counts as a step of the chain, so
    a second person reads its reason and approves."""
    shown = warnings_with_overrides(subject, warnings)  # one read of the overrides
    if (
        approver is not None
        and approver.pk is not None
        and any(w.override is not None and w.override.by_id == approver.pk for w in shown)
    ):
        raise ControlError(
            "You overrode a warning on this: a second person reads your reason and approves it."
        )
    still_open = [w.text for w in shown if w.is_open]
    if still_open:
        listed = "; ".join(still_open[:3]) + ("; …" if len(still_open) > 3 else "")
        raise ControlError(
            f"{len(still_open)} warning{'s' if len(still_open) != 1 else ''} to resolve or "
            f"override with a reason first: {listed}"
        )


def require_other_person(
    actor,
    *,
    entered_by_ids: Iterable[int | None] = (),
    approved_by_ids: Iterable[int | None] = (),
    what: str = "this",
) -> None:
    """Nobody approves what they entered or requested, nor two steps of one chain."""
    if actor is None or actor.pk is None:
        raise ControlError("Approvals need a signed-in person.")
    if actor.pk in {i for i in entered_by_ids if i is not None}:
        raise ControlError(f"You entered {what}: someone else approves it.")
    if actor.pk in {i for i in approved_by_ids if i is not None}:
        raise ControlError(
            f"You have already approved a step of {what}: a second person approves the next."
        )
