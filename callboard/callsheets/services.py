"""Writes for call sheets. Each function is one transaction and audited."""

from __future__ import annotations

from datetime import time

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.links import link_grants_revoke
from callboard.core.models import AuditEvent
from callboard.core.timefmt import time_of_day
from callboard.schedule.queries import scenario_plan

from .calendar import CALENDAR_PURPOSE, calendar_link
from .checks import blocking, findings_digest
from .models import CallSheet
from .queries import DEFAULT_WALKIES, issue, issued_as_json, sheet_findings, sheet_view

# What carries over from yesterday's sheet to today's: the place, the people to call, the rules.
CARRIED = [
    "crew_call",
    "shooting_call",
    "breakfast",
    "lunch",
    "second_meal",
    "est_wrap",
    "location_name",
    "set_address",
    "basecamp",
    "crew_parking",
    "latitude",
    "longitude",
    "hospital_name",
    "hospital_address",
    "hospital_phone",
    "safety_notes",
    "safety_hotline",
    "walkies",
    "department_calls",
]
EDITABLE = CARRIED + [
    "previous_wrap",
    "weather_summary",
    "weather_high",
    "weather_low",
    "notes",
    "department_notes",
    "person_calls",
    "cast_calls",
    "background",
]


# Changes recipients are not told about: office bookkeeping, not the day.
OFFICE_ONLY = {"previous_wrap", "latitude", "longitude"}


class CallSheetError(ValueError):
    """Something the office must fix first; the message says what."""


class DayNotOnBoard(CallSheetError):
    """The sheet's shoot day is no longer on its board (days were removed)."""


CHECKS_CHANGED = "The checks changed since you read them: read them again"


def _latest(scenario, day_number: int) -> CallSheet | None:
    return (
        CallSheet.objects.filter(scenario=scenario, day_number=day_number)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def callsheet_create(*, actor, scenario, day_number: int) -> CallSheet:
    """Today's sheet, started from the schedule and from the previous day's sheet."""
    existing = _latest(scenario, day_number)
    if existing is not None:
        return existing
    days = scenario_plan(scenario).days
    if not 1 <= day_number <= len(days):
        raise CallSheetError(f"Day {day_number} is not on the {scenario} board.")
    plan_day = days[day_number - 1]
    day = plan_day.date
    if day is None:
        raise CallSheetError(
            f"Day {day_number} has no date: give the {scenario} board a calendar first."
        )
    before = (
        CallSheet.objects.filter(scenario=scenario, day_number__lt=day_number)
        .order_by("-day_number", "-version")
        .first()
    )
    fields = (
        {name: getattr(before, name) for name in CARRIED}
        if before
        else {
            "crew_call": time(7, 0),
            "shooting_call": time(8, 0),
            "breakfast": time(6, 30),
            "lunch": time(13, 0),
            "est_wrap": time(19, 0),
            "walkies": DEFAULT_WALKIES,
        }
    )
    background = []
    for info in plan_day.strips:
        for element in info.elements:
            if element.category and element.category.ucid == 101:  # Background
                entry = {"description": element.name, "count": "", "call": "", "notes": ""}
                if entry not in background:
                    background.append(entry)
    sheet = CallSheet.objects.create(
        production=scenario.production,
        scenario=scenario,
        day_number=day_number,
        date=day,
        number=day_number,
        background=background,
        **fields,
    )
    audit_record(
        actor=actor,
        production=scenario.production,
        action=AuditEvent.Action.CREATE,
        obj=sheet,
        changes={"day": day_number, "date": day.isoformat()},
    )
    return sheet


@transaction.atomic
def callsheet_update(*, actor, sheet: CallSheet, **fields) -> CallSheet:
    sheet = CallSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_published:
        raise CallSheetError(
            "This version is published and cannot change: make a revision (the next version)."
        )
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"cannot update {', '.join(sorted(unknown))} on a call sheet")
    before = snapshot(sheet, list(fields))
    for name, value in fields.items():
        setattr(sheet, name, value)
    sheet.save()
    changes = diff(before, snapshot(sheet, list(fields)))
    if changes:
        audit_record(
            actor=actor,
            production=sheet.production,
            action=AuditEvent.Action.UPDATE,
            obj=sheet,
            changes=changes,
        )
    return sheet


@transaction.atomic
def callsheet_revise(*, actor, sheet: CallSheet) -> CallSheet:
    """The next version of a published sheet, as a draft to change and publish again."""
    latest = _latest(sheet.scenario, sheet.day_number)
    if latest.pk != sheet.pk:
        return latest
    if not sheet.is_published:
        return sheet
    data = model_to_dict(sheet, exclude=["id", "production", "scenario", "published_by"])
    data.update(
        version=sheet.version + 1,
        status=CallSheet.Status.DRAFT,
        published_at=None,
        overrides=[],
        changes=[],
        snapshot={},
    )
    revision = CallSheet.objects.create(
        production=sheet.production, scenario=sheet.scenario, **data
    )
    audit_record(
        actor=actor,
        production=sheet.production,
        action=AuditEvent.Action.CREATE,
        obj=revision,
        changes={"revision_of": sheet.version},
    )
    return revision


def _changed_from(previous: CallSheet | None, sheet: CallSheet) -> list[str]:
    """What a recipient of the earlier version needs to know, in words."""
    if previous is None:
        return []
    labels = {f.name: str(f.verbose_name) for f in CallSheet._meta.fields}
    out = []
    for name in EDITABLE:
        if name in OFFICE_ONLY:
            continue
        old, new = getattr(previous, name), getattr(sheet, name)
        if old == new:
            continue
        label = labels[name][:1].upper() + labels[name][1:]
        if isinstance(new, time) or isinstance(old, time):
            old_text = time_of_day(old) or "—"
            new_text = time_of_day(new) or "—"
            out.append(f"{label}: {old_text} → {new_text}")
        elif isinstance(new, str):
            out.append(f"{label}: {new[:120] or '—'}")
        else:
            out.append(f"{label} changed")
    return out


@transaction.atomic
def callsheet_publish(
    *,
    actor,
    sheet: CallSheet,
    overrides: dict[str, str] | None = None,
    seen: dict[str, str] | None = None,
) -> CallSheet:
    """Mark the version published after the checks. Errors block unless each kind has a reason
    in ``overrides`` ({code: reason}), recorded on the sheet; a reason covers the findings of
    its kind as they were read, so ``seen`` ({code: checks.findings_digest of what the page
    showed}) must match that kind's findings now, else nothing is published. Publishing twice
    is a no-op."""
    sheet = CallSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_published:
        return sheet
    try:
        view = sheet_view(sheet)
    except LookupError as exc:
        raise DayNotOnBoard(f"{exc} This sheet cannot be published.") from None
    findings = blocking(sheet_findings(view))
    overrides = {k: v.strip() for k, v in (overrides or {}).items() if v and v.strip()}
    unresolved = [f for f in findings if f.code not in overrides]
    if unresolved:
        raise CallSheetError(
            "Fix these or give a reason to publish anyway: "
            + "; ".join(f.message for f in unresolved)
        )
    now_digest = findings_digest(findings)
    changed = [f.message for f in findings if (seen or {}).get(f.code) != now_digest[f.code]]
    if changed:
        raise CallSheetError(
            f"{CHECKS_CHANGED}. Nothing was published. They now say: " + "; ".join(changed)
        )
    now = timezone.now()
    who = str(actor) if actor else "system"
    sheet.overrides = [
        {
            "code": f.code,
            "message": f.message,
            "reason": overrides[f.code],
            "by": who,
            "at": now.isoformat(),
        }
        for f in findings
    ]
    previous = (
        CallSheet.objects.filter(
            scenario=sheet.scenario, day_number=sheet.day_number, status=CallSheet.Status.PUBLISHED
        )
        .order_by("-version")
        .first()
    )
    sheet.changes = _changed_from(previous, sheet)
    sheet.status = CallSheet.Status.PUBLISHED
    sheet.snapshot = issued_as_json(issue(view))
    sheet.published_at = now
    sheet.published_by = actor
    sheet.save()
    audit_record(
        actor=actor,
        production=sheet.production,
        action=AuditEvent.Action.UPDATE,
        obj=sheet,
        changes={
            "published": sheet.version,
            "overrides": sheet.overrides,
            "changed": sheet.changes,
        },
    )
    return sheet


@transaction.atomic
def calendar_link_reissue(*, actor, person) -> None:
    """Withdraw a person's calendar feed (a forwarded or leaked address stops at once); the next
    call sheet, and My things, give them the new one."""
    revoked = link_grants_revoke(
        production=person.production,
        subject_type="people.person",
        subject_ids=[person.pk],
        purposes=[CALENDAR_PURPOSE],
    )
    audit_record(
        actor=actor,
        production=person.production,
        action=AuditEvent.Action.UPDATE,
        obj=person,
        changes={"calendar feed reissued": [revoked, 1]},
    )
    calendar_link(person)
