"""Writes for the day on set. Each function is one transaction and audited; every rule a
report must keep is checked here (the pages and links only show what these say)."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from callboard.core.audit import audit_record, diff
from callboard.core.links import link_grant_create
from callboard.core.models import AuditEvent, LinkGrant

from . import settimes
from .models import ProductionReport, SetTime, Unit
from .settimes import LABELS, SetTimeError, format_minutes


class ReportError(ValueError):
    """Something that cannot be recorded as asked; the message says what and why."""


class AlreadyRecorded(ReportError):
    """Someone else recorded this time first."""


def _published_sheet(scenario, day_number: int):
    from callboard.callsheets.queries import latest_published

    return latest_published(scenario, day_number)


@transaction.atomic
def report_start(*, actor, call_sheet, unit: str = Unit.MAIN) -> ProductionReport:
    """The unit's report for the call sheet's day, started once: a day needs a published call
    sheet (the plan the report is measured against), and a day in the future has no report."""
    if unit not in Unit.values:
        raise ReportError(f"{unit!r} is not a unit: main or second.")
    sheet = _published_sheet(call_sheet.scenario, call_sheet.day_number)
    if sheet is None:
        raise ReportError(
            f"Day {call_sheet.day_number} has no published call sheet: a production report "
            "records a day that was called. Publish the day's call sheet first."
        )
    today = timezone.localdate()
    if sheet.date > today:
        raise ReportError(
            f"Day {sheet.day_number} is {sheet.date:%a %-d %b}: a report starts on the day."
        )
    existing = (
        ProductionReport.objects.filter(production=sheet.production, date=sheet.date, unit=unit)
        .exclude(status=ProductionReport.Status.REPLACED)
        .first()
    )
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = ProductionReport.objects.create(
                production=sheet.production,
                call_sheet=sheet,
                day_number=sheet.day_number,
                date=sheet.date,
                unit=unit,
                locations=sheet.location_name,
                weather=sheet.weather_summary,
            )
    except IntegrityError:  # started by someone else a moment ago: theirs is the report
        return ProductionReport.objects.get(
            production=sheet.production,
            date=sheet.date,
            unit=unit,
            status__in=[s for s in ProductionReport.Status.values if s != "replaced"],
        )
    audit_record(
        actor=actor,
        production=sheet.production,
        action=AuditEvent.Action.CREATE,
        obj=report,
        changes={"day": sheet.day_number, "date": sheet.date.isoformat(), "unit": unit},
    )
    return report


def _check_editable(report: ProductionReport) -> None:
    if report.is_frozen:
        raise ReportError(
            f"{report} is {report.get_status_display().lower()}: a change is a correction "
            "(a new version saying why)."
        )


def _crew_call(report: ProductionReport) -> int | None:
    recorded = report.times.filter(kind="crew_call").values_list("minutes", flat=True).first()
    if recorded is not None:
        return recorded
    call = report.call_sheet.crew_call
    return call.hour * 60 + call.minute if call else None


def typed_minutes(
    report: ProductionReport, text: str, *, now: bool = False, next_morning: bool = False
) -> int:
    """What a typed time (or "now", on the production's clock) means on the report's day."""
    if now:
        moment = timezone.localtime(timezone.now(), report.production.tzinfo)
        days = (moment.date() - report.date).days
        if days not in (0, 1):
            raise ReportError(
                f"It is {moment:%a %-d %b}: 'now' is not on day {report.day_number} "
                f"({report.date:%a %-d %b}). Type the time instead."
            )
        return days * settimes.DAY + moment.hour * 60 + moment.minute
    try:
        typed = settimes.parse_typed(text)
        return settimes.day_minutes(typed, call=_crew_call(report), next_morning=next_morning)
    except SetTimeError as exc:
        raise ReportError(str(exc)) from exc


@transaction.atomic
def set_time_record(
    *,
    actor,
    report: ProductionReport,
    kind: str,
    minutes: int,
    grace: bool = False,
    note: str = "",
    via: str = "",
    replace: bool = False,
) -> SetTime:
    """Record one of the day's times. The first to record a time wins; a second recording of
    the same time is refused naming who recorded it (``replace`` corrects it, by those who
    may). Times must keep the day's order (meal in after meal out, wrap after first shot)."""
    if kind not in settimes.KINDS:
        raise ReportError(f"{kind!r} is not one of the day's times.")
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    if kind == "first_shot" and not note:
        call = _crew_call(report)
        if call is not None and minutes - call > 60:
            raise ReportError(
                f"First shot at {format_minutes(minutes)} is more than an hour after call "
                f"({format_minutes(call)}): say why (it goes in the first-shot report)."
            )
    times = dict(report.times.exclude(kind=kind).values_list("kind", "minutes"))
    times[kind] = minutes
    if errors := settimes.order_errors(times):
        raise ReportError(" ".join(errors) + " Nothing was saved.")
    existing = report.times.filter(kind=kind).first()
    if existing is not None and not replace:
        raise AlreadyRecorded(_already(existing))
    fields = {"minutes": minutes, "grace": grace, "note": note, "recorded_via": via}
    if existing is not None:
        before = {"minutes": existing.minutes, "grace": existing.grace, "note": existing.note}
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.recorded_by = actor if actor is not None and actor.is_authenticated else None
        existing.save()
        set_time = existing
        changes = {"kind": kind, "from": before, "to": fields}
        action = AuditEvent.Action.UPDATE
    else:
        try:
            with transaction.atomic():
                set_time = SetTime.objects.create(
                    report=report,
                    kind=kind,
                    recorded_by=actor if actor is not None and actor.is_authenticated else None,
                    **fields,
                )
        except IntegrityError as exc:  # recorded by someone else between our read and write
            raise AlreadyRecorded(_already(report.times.get(kind=kind))) from exc
        changes = {"kind": kind, "minutes": minutes, "grace": grace, "note": note}
        action = AuditEvent.Action.CREATE
    audit_record(
        actor=actor,
        production=report.production,
        action=action,
        obj=set_time,
        changes=changes,
        actor_label=via,
    )
    # First shot, lunch in and wrap, recorded as they happen (on the day, or a night's next
    # morning), send their status report once; a time typed in days later sends nothing.
    if action == AuditEvent.Action.CREATE and report.date >= report.production.today() - ONE_DAY:
        from .sending import status_report_queue

        status_report_queue(actor=actor, report=report, kind=kind)
    return set_time


ONE_DAY = timedelta(days=1)


def _already(existing: SetTime) -> str:
    who = existing.recorded_via or (
        existing.recorded_by.get_full_name() or existing.recorded_by.email
        if existing.recorded_by
        else "someone"
    )
    at = timezone.localtime(existing.recorded_at, existing.report.production.tzinfo)
    return (
        f"{LABELS[existing.kind]} is already recorded: {format_minutes(existing.minutes)}, "
        f"by {who} at {at:%-I:%M %p}. Nothing was changed."
    )


# ------------------------------------------------------------- set-times links and settings

SET_TIMES_PURPOSE = "set-times"
SET_TIMES_LINK_VALID = timedelta(hours=36)  # the shoot day, its night and the next morning


@transaction.atomic
def set_times_link_issue(*, actor, report: ProductionReport, name: str):
    """A signed link to the day's times for someone on set without an account, named: what
    they record through it carries their name. Valid 36 hours; revocable. (link, token)."""
    from .models import SetTimesLink

    name = " ".join((name or "").split())
    if not name:
        raise ReportError("Type who the link is for: what they record carries their name.")
    if len(name) > SetTimesLink._meta.get_field("name").max_length:
        raise ReportError("That name is too long: 120 characters at most.")
    _check_editable(report)
    grant, token = link_grant_create(
        production=report.production,
        purpose=SET_TIMES_PURPOSE,
        subject=report,
        created_by=actor,
        valid_for=SET_TIMES_LINK_VALID,
    )
    link = SetTimesLink.objects.create(report=report, grant=grant, name=name)
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.CREATE,
        obj=link,
        changes={"for": name, "report": str(report), "expires": grant.expires_at.isoformat()},
    )
    return link, token


@transaction.atomic
def set_times_link_revoke(*, actor, link) -> bool:
    """The link stops working at once; False when it was revoked already."""
    from callboard.core.links import link_grant_revoke

    grant = LinkGrant.objects.select_for_update().get(pk=link.grant_id)
    if grant.revoked_at is not None:
        return False
    link_grant_revoke(grant=grant)
    audit_record(
        actor=actor,
        production=link.report.production,
        action=AuditEvent.Action.UPDATE,
        obj=link,
        changes={"revoked": link.name},
    )
    return True


MAX_TOLERANCE = 60


@transaction.atomic
def report_settings_update(
    *,
    actor,
    production,
    status_group,
    status_by_text: bool,
    report_group,
    tolerance_minutes: int,
    credit_parts: bool,
):
    """Who gets the status reports from set (and whether by text too), who gets the DPR, the
    time-card tolerance and how parts of scenes are credited."""
    from .models import ReportSettings

    for group in (status_group, report_group):
        if group is not None and group.production_id != production.pk:
            raise ReportError("That group is not on this production.")
    if not 0 <= tolerance_minutes <= MAX_TOLERANCE:
        raise ReportError(f"The tolerance is 0 to {MAX_TOLERANCE} minutes.")
    if status_by_text and status_group is None:
        raise ReportError("Choose who gets the status reports before sending them by text.")
    row, _ = ReportSettings.objects.select_for_update().get_or_create(production=production)
    fields = ["status_group", "status_by_text", "report_group", "tolerance_minutes", "credit_parts"]
    before = {name: str(getattr(row, name)) for name in fields}
    row.status_group = status_group
    row.status_by_text = status_by_text
    row.report_group = report_group
    row.tolerance_minutes = tolerance_minutes
    row.credit_parts = credit_parts
    after = {name: str(getattr(row, name)) for name in fields}
    if changes := diff(before, after):
        row.save()
        audit_record(
            actor=actor,
            production=production,
            action=AuditEvent.Action.UPDATE,
            obj=row,
            changes=changes,
        )
    return row
