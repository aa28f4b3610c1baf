"""Writes for call sheets. Each function is one transaction and audited."""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.events import Event, api_url, event_emit
from callboard.core.links import link_grants_revoke
from callboard.core.models import AuditEvent
from callboard.distribution.services import dispatch_create
from callboard.locations.queries import day_locations
from callboard.schedule.queries import scenario_plan

from .calendar import CALENDAR_PURPOSE, calendar_link
from .checks import blocking, findings_digest
from .models import CallSheet
from .queries import (
    DEFAULT_WALKIES,
    changed_from,
    dispatch_made,
    issue,
    issued_as_json,
    latest_published,
    latest_version,
    send_recipients,
    sheet_findings,
    sheet_view,
)

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


# The sheet's place, as the locations app keeps it: {call sheet field: location field}.
PLACE_FROM_LOCATION = {
    "location_name": "name",
    "set_address": "address",
    "basecamp": "basecamp",
    "crew_parking": "crew_parking",
    "latitude": "latitude",
    "longitude": "longitude",
    "hospital_name": "hospital_name",
    "hospital_address": "hospital_address",
    "hospital_phone": "hospital_phone",
}

# Changes recipients are not told about: office bookkeeping, not the day.
OFFICE_ONLY = {"previous_wrap", "latitude", "longitude"}


class CallSheetError(ValueError):
    """Something the office must fix first; the message says what."""


class DayNotOnBoard(CallSheetError):
    """The sheet's shoot day is no longer on its board (days were removed)."""


CHECKS_CHANGED = "The checks changed since you read them: read them again"


@transaction.atomic
def callsheet_create(*, actor, scenario, day_number: int) -> CallSheet:
    """Today's sheet, started from the schedule and from the previous day's sheet."""
    existing = latest_version(scenario, day_number)
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
    _place_from_location(fields, scenario.production, plan_day, before)
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


def _place_from_location(fields: dict, production, plan_day, before: CallSheet | None) -> None:
    """A day at a confirmed location takes its place from it. At the place of the sheet before,
    what the office typed there is kept and only its blanks are filled; at a new place nothing
    of the old one is carried (a wrong address or hospital is worse than none)."""
    place = next(iter(day_locations(production, plan_day.strips)), None)
    if place is None:
        return
    same_place = before is not None and before.location_name.strip() == place.name.strip()
    for sheet_field, location_field in PLACE_FROM_LOCATION.items():
        if not same_place or fields.get(sheet_field) in (None, ""):
            fields[sheet_field] = getattr(place, location_field)


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
    latest = latest_version(sheet.scenario, sheet.day_number)
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
    previous = latest_published(sheet.scenario, sheet.day_number)
    sheet.changes = changed_from(previous, sheet, [f for f in EDITABLE if f not in OFFICE_ONLY])
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
    event_emit(
        production=sheet.production,
        event=Event.CALLSHEET_PUBLISHED,
        data={
            "id": sheet.pk,
            "number": sheet.number,
            "version": sheet.version,
            "day_number": sheet.day_number,
            "date": sheet.date.isoformat(),
            "published_at": now.isoformat(),
            "url": api_url(sheet.production, f"callsheets/{sheet.pk}"),
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


NOBODY_TO_SEND = "Choose at least one group with people not sent this version yet."
NOT_PUBLISHED = "Publish this version first: only a published call sheet is sent."


def callsheet_send(
    *, actor, sheet: CallSheet, groups, notify=None, key: str, message: str = ""
) -> tuple[int, bool]:
    """Send a published version to the chosen distribution groups, each person once per
    version (those already sent it are left out), in the background. ``key`` makes a repeated
    post (a double-click) the same send. Returns (people, whether this call made the send)."""
    if not sheet.is_published:
        raise CallSheetError(NOT_PUBLISHED)
    production = sheet.production
    people = send_recipients(sheet, groups)
    if not people and not dispatch_made(production, f"callsheet:{key}"):
        raise CallSheetError(NOBODY_TO_SEND)
    _, created = dispatch_create(
        actor=actor,
        production=production,
        kind="callsheet",
        object_id=sheet.pk,
        key=f"callsheet:{key}",
        people=people,
        subject=f"{'REVISED ' if sheet.version > 1 else ''}Call sheet #{sheet.number} — "
        f"{sheet.date:%a %b %-d} — {production.title}",
        message=message,
        notify=notify,
        valid_for=timedelta(days=max(3, (sheet.date - production.today()).days + 3)),
    )
    return len(people), created
