"""Writes for the day on set. Each function is one transaction and audited; every rule a
report must keep is checked here (the pages and links only show what these say)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from callboard.core.audit import audit_record, diff
from callboard.core.eighths import format_eighths
from callboard.core.events import Event, api_url, event_emit
from callboard.core.links import link_grant_create, link_token
from callboard.core.models import AuditEvent, LinkGrant
from callboard.distribution.services import person_notify

from . import dprsending, exhibitg, settimes
from .castsheet import cast_times_of, performer_day
from .models import CastTime, ProductionReport, SetTime, Unit
from .queries import crew_call_minutes
from .settimes import LABELS, SetTimeError, format_minutes, sheet_minutes


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
    today = sheet.production.today()
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
    """The one guard of every write to a report's content: only a draft changes (a performer's
    signature is not a change to the report and does not come through here)."""
    if report.is_frozen:
        raise ReportError(
            f"{report} is {report.get_status_display().lower()}: a change is a correction "
            "(a new version saying why)."
        )
    if report.status == ProductionReport.Status.SUBMITTED:
        raise ReportError(
            f"{report} is with the UPM for approval: it does not change while they review it. "
            "The UPM (Send back) or the 2nd AD (Return to draft) can return it to draft, "
            "saying why; then change it. Nothing was saved."
        )


def typed_minutes(
    report: ProductionReport,
    text: str,
    *,
    kind: str = "",
    now: bool = False,
    next_morning: bool = False,
) -> int:
    """What a typed time (or "now", on the production's clock) means on the report's day.
    Other times are read against the crew call; the crew call itself as typed (the crew may be
    called earlier than the sheet said, or a recorded call corrected earlier)."""
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
        call = None if kind == "crew_call" else crew_call_minutes(report)
        return settimes.day_minutes(typed, call=call, next_morning=next_morning)
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
    at: datetime | None = None,
) -> SetTime:
    """Record one of the day's times. The first to record a time wins; a second recording of
    the same time is refused naming who recorded it (``replace`` corrects it, by those who
    may). Times must keep the day's order (meal in after meal out, wrap after first shot).
    ``at``: when it was recorded, if not now (a day entered as it happened, as the demo's)."""
    if kind not in settimes.KINDS:
        raise ReportError(f"{kind!r} is not one of the day's times.")
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    if kind == "first_shot" and not note:
        call = crew_call_minutes(report)
        if call is not None and minutes - call > settimes.LATE_FIRST_SHOT:
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
    today = timezone.localdate(at or timezone.now(), report.production.tzinfo)
    if action == AuditEvent.Action.CREATE and report.date >= today - ONE_DAY:
        from .sending import EVENTS, status_report_queue

        if status_report_queue(actor=actor, report=report, kind=kind):
            event_emit(
                production=report.production,
                event=Event.STATUS_REPORT_SENT,
                data={**_report_data(report), "status_report": EVENTS[kind]},
            )
    return set_time


def _report_data(report: ProductionReport) -> dict:
    """What an event about the day's report says of it (the url is the day's DPR)."""
    return {
        "report_id": report.pk,
        "date": report.date.isoformat(),
        "day_number": report.day_number,
        "unit": report.unit,
        "url": api_url(report.production, f"reports/{report.pk}"),
    }


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


# --------------------------------------------------------------------------- Exhibit G (cast)

CAST_SIGN_PURPOSE = "reports.exhibit_g"
CAST_SIGN_DAYS = 14


def _prefill_times(report: ProductionReport, row) -> dict[str, int | None]:
    """A performer's times as planned: their makeup and on-set calls from the call sheet, the
    day's breakfast and meals from set, and camera wrap as dismissal."""
    set_times = dict(report.times.values_list("kind", "minutes"))
    call = crew_call_minutes(report)
    makeup, on_set = sheet_minutes(row.makeup, call), sheet_minutes(row.on_set, call)
    release = sheet_minutes(row.release, call)
    times = {
        "report_makeup": on_set if makeup is None else makeup,
        "on_set": on_set,
        "dismiss": set_times.get("camera_wrap") if release is None else release,
    }
    for kind in ("ndb_start", "ndb_end", "meal_out", "meal_in", "second_meal_out"):
        times[kind] = set_times.get(kind)
    times["second_meal_in"] = set_times.get("second_meal_in")
    return times


@transaction.atomic
def cast_times_prefill(*, actor, report: ProductionReport) -> int:
    """A row on the Exhibit G for each performer working the day (the call sheet's cast with
    a status from the DOOD), filled from their calls and the day's set times; rows already
    there keep what was typed. Returns how many rows were added."""
    from callboard.callsheets.queries import sheet_view

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    have = set(report.cast_times.values_list("person_id", flat=True))
    added = []
    for row in sheet_view(report.call_sheet).cast:
        if row.person is None or row.person.pk in have or row.not_working or not row.status:
            continue
        times = _prefill_times(report, row)
        if exhibitg.order_errors(times):  # a plan that cannot be right is left for the 2nd AD
            times = {"report_makeup": times["report_makeup"], "on_set": times["on_set"]}
        cast_time = CastTime(
            report=report,
            person=row.person,
            cast_number=row.id[:10],
            character=row.element.name[:120],
            status=row.status[:4],
            minor=bool(row.minor),
            **{k: v for k, v in times.items() if v is not None},
        )
        _cast_penalties(cast_time)
        added.append(cast_time)
        have.add(row.person.pk)
    CastTime.objects.bulk_create(added)
    if added:
        audit_record(
            actor=actor,
            production=report.production,
            action=AuditEvent.Action.UPDATE,
            obj=report,
            changes={"exhibit_g_rows_added": [c.person.display_name for c in added]},
        )
    return len(added)


def _cast_penalties(cast_time: CastTime) -> exhibitg.Penalties:
    """Set the row's meal penalties and forced call from its times, by the performer's deal
    (castsheet.performer_day: what the hot cost prices too)."""
    _, found = performer_day(cast_time)
    cast_time.meal_penalties, cast_time.rest_invaded = found.meal_penalties, found.rest_invaded
    return found


CAST_FLAGS = ("minor", "forced_call")


def _read_cast_row(typed: dict) -> tuple[dict, dict[str, str]]:
    """One posted row as field values, and what cannot be read in it (by field)."""
    values, problems = {}, {}
    start = None
    for name in exhibitg.TIME_FIELDS:
        text = (typed.get(name) or "").strip()
        if not text:
            values[name] = None
            continue
        try:
            parsed = settimes.parse_typed(text)
        except SetTimeError as exc:
            problems[name] = str(exc)
            continue
        minutes = parsed.minutes
        if start is not None and minutes < start and not parsed.past_midnight:
            problems[name] = (
                f"{format_minutes(minutes)} is before the report ({format_minutes(start)}); "
                "if it is the next morning, type it past 24:00 (e.g. 25:30)."
            )
            continue
        values[name] = minutes
        if name in ("report_makeup", "on_set") and start is None:
            start = minutes
    for name in CAST_FLAGS:
        values[name] = bool(typed.get(name))
    try:
        values["outfits"] = int((typed.get("outfits") or "0").strip() or 0)
        if not 0 <= values["outfits"] <= 99:
            raise ValueError
    except ValueError:
        problems["outfits"] = "Outfits: a whole number from 0 to 99."
    stunt = (typed.get("stunt_adjustment") or "").strip().lstrip("$").replace(",", "")
    try:
        values["stunt_adjustment"] = Decimal(stunt) if stunt else None
        if values["stunt_adjustment"] is not None and not (
            values["stunt_adjustment"].is_finite() and 0 <= values["stunt_adjustment"] < 10**6
        ):
            raise InvalidOperation
    except InvalidOperation:
        problems["stunt_adjustment"] = f"Stunt adjustment: {stunt!r} is not an amount."
    if not problems and (errors := exhibitg.order_errors(values)):
        problems["order"] = " ".join(errors)
    return values, problems


class CastTimesProblems(ReportError):
    """Rows that cannot be saved: {row pk: {field or "order": message}}; nothing was saved."""

    def __init__(self, problems: dict[int, dict[str, str]]):
        count = len(problems)
        super().__init__(
            f"{count} row{'s' if count != 1 else ''} cannot be right; nothing was saved. "
            "Everything typed is still here."
        )
        self.problems = problems


@transaction.atomic
def cast_times_save(*, actor, report: ProductionReport, rows: dict[int, dict]) -> list[CastTime]:
    """The 2nd AD's Exhibit G, every row at once: typed times as settimes reads them (a time
    before the performer's report is the next morning only when typed past 24:00), checked
    for order, then each row's meal penalties and rest recomputed. A signed row is frozen
    until reopened. Any bad row: nothing is saved."""
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    existing = {c.pk: c for c in report.cast_times.select_related("person", "report")}
    problems: dict[int, dict[str, str]] = {}
    changed: list[tuple[CastTime, dict]] = []
    for pk, typed in rows.items():
        cast_time = existing.get(pk)
        if cast_time is None:
            raise ReportError("A row of this Exhibit G is no longer there; reload the page.")
        values, row_problems = _read_cast_row(typed)
        before = {name: getattr(cast_time, name) for name in values}
        if before == values and not row_problems:
            continue
        if cast_time.signed_at and not row_problems:
            row_problems["signed"] = (
                f"{cast_time.person.display_name} signed this row: reopen it (with a reason) "
                "before changing it."
            )
        if row_problems:
            problems[pk] = row_problems
            continue
        changed.append((cast_time, before))
        for name, value in values.items():
            setattr(cast_time, name, value)
    if problems:
        raise CastTimesProblems(problems)
    for cast_time, before in changed:
        _cast_penalties(cast_time)
        cast_time.save()
        audit_record(
            actor=actor,
            production=report.production,
            action=AuditEvent.Action.UPDATE,
            obj=cast_time,
            changes=_plain(diff(before, {name: getattr(cast_time, name) for name in before})),
        )
        _later_rest_again(cast_time)
    return [c for c, _ in changed]


def _plain(changes: dict) -> dict:
    """Amounts as text, for the audit's JSON."""
    return {
        k: [str(v) if isinstance(v, Decimal) else v for v in pair] for k, pair in changes.items()
    }


def _later_rest_again(cast_time: CastTime) -> None:
    """The performer's next day's rest is counted from this day's end: compute it again."""
    following = (
        CastTime.objects.filter(
            person_id=cast_time.person_id,
            report__production_id=cast_time.report.production_id,
            report__date__gt=cast_time.report.date,
        )
        .exclude(report__status=ProductionReport.Status.REPLACED)
        .select_related("report", "person")
        .order_by("report__date")
        .first()
    )
    if following is not None and not following.report.is_frozen:
        _cast_penalties(following)
        following.save(update_fields=["meal_penalties", "rest_invaded"])


def cast_sign_link(*, actor, cast_time: CastTime) -> str:
    """The performer's signing link for their row: the one out while it works, else a new
    one."""
    grant = (
        LinkGrant.objects.filter(
            purpose=CAST_SIGN_PURPOSE,
            subject_type=CastTime._meta.label_lower,
            subject_id=cast_time.pk,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-pk")
        .first()
    )
    if grant is not None:
        token = link_token(grant)
    else:
        with transaction.atomic():
            grant, token = link_grant_create(
                production=cast_time.report.production,
                purpose=CAST_SIGN_PURPOSE,
                subject=cast_time,
                created_by=_user(actor),
                valid_for=timedelta(days=CAST_SIGN_DAYS),
            )
    return settings.SITE_URL + reverse("exhibit_g_sign", args=[token])


@transaction.atomic
def cast_sign_link_send(*, actor, cast_time: CastTime, resend: int = 0) -> bool:
    """E-mail (and text, when they agreed to texts) the performer their signing link, tracked.
    Each send has its key (castsheet.sign_link_key: the report's version, the performer and
    ``resend``, 0 for the first send and counted up only when the 2nd AD sends it again on
    purpose), so a double-click or a second "send all" sends nothing more. True when this call
    sent it; False when that send was made already."""
    from callboard.distribution.models import Dispatch

    from .castsheet import sign_link_key

    report, person = cast_time.report, cast_time.person
    key = sign_link_key(cast_time, resend)
    if Dispatch.objects.filter(production=report.production, key__startswith=f"{key}-").exists():
        return False
    link = cast_sign_link(actor=actor, cast_time=cast_time)
    sent = person_notify(
        person=person,
        subject=f"{report.production.title}: sign your times for {report.date:%a %b %-d}",
        body=f"Hello {person.display_name},\n\nYour times on the production time report "
        f"(Exhibit G) for {report.date:%A %B %-d} are ready. Check them and sign "
        f"here:\n{link}\n",
        text=f"{report.production.title}: sign your times for {report.date:%b %-d}: {link}",
        key=key,
    )
    if not sent:
        raise ReportError(
            f"{person.display_name} has no e-mail or phone for texts; hand them the "
            "phone with the link open instead."
        )
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=cast_time,
        changes={"signing_link_sent": sent, "send": resend + 1},
    )
    return True


def cast_sign_links_send(
    *, actor, report: ProductionReport
) -> tuple[list[str], list[str], list[str]]:
    """Every performer whose row is complete and not signed gets their signing link once
    (e-mail, and a text to those who agreed to texts); one sent it already is not sent it
    again (a second click, a second "send all"). (Who it went to, who had it already, who
    cannot be reached.)"""
    sent, already, unreachable = [], [], []
    for cast_time in report.cast_times.select_related("person", "report__production"):
        times = cast_times_of(cast_time)
        if cast_time.signed_at or exhibitg.work_start(times) is None or cast_time.dismiss is None:
            continue
        name = cast_time.person.display_name
        try:
            made = cast_sign_link_send(actor=actor, cast_time=cast_time)
        except ReportError:
            unreachable.append(name)
        else:
            (sent if made else already).append(name)
    return sent, already, unreachable


@transaction.atomic
def cast_time_sign(
    *, cast_time: CastTime, name: str, via: str, at: datetime | None = None
) -> CastTime:
    """The performer signs their row (a typed name; the time is recorded): the row is then
    frozen. Their times must be complete (report and dismissal). The report is locked first,
    as the 2nd AD's save locks it, so a save in the same moment cannot write over the
    signature; a link to a version since corrected signs nothing. ``at``: when, if not now
    (as set_time_record)."""
    report = ProductionReport.objects.select_for_update().get(pk=cast_time.report_id)
    if report.status == ProductionReport.Status.REPLACED:
        raise ReportError(
            f"Day {report.day_number}'s report was corrected after this link was sent: "
            "ask the 2nd AD for a new link. Nothing was signed."
        )
    cast_time = (
        CastTime.objects.select_for_update().select_related("person", "report").get(pk=cast_time.pk)
    )
    name = " ".join((name or "").split())[:200]
    if cast_time.signed_at:
        raise ReportError(f"Already signed by {cast_time.signed_name}. Nothing was changed.")
    if len(name) < 2:
        raise ReportError("Type your full name to sign.")
    if exhibitg.work_start(cast_times_of(cast_time)) is None or cast_time.dismiss is None:
        raise ReportError(
            "Your times are not complete yet (report and dismissal): ask the 2nd AD, then sign."
        )
    cast_time.signed_name, cast_time.signed_at = name, at or timezone.now()
    cast_time.save(update_fields=["signed_name", "signed_at"])
    if report.status == ProductionReport.Status.APPROVED and report.snapshot:
        _snapshot_signature(report, cast_time)
    audit_record(
        actor=None,
        production=cast_time.report.production,
        action=AuditEvent.Action.UPDATE,
        obj=cast_time,
        changes={"signed": name, "times": {k: v for k, v in cast_times_of(cast_time).items() if v}},
        actor_label=via,
    )
    return cast_time


def _snapshot_signature(report: ProductionReport, cast_time: CastTime) -> None:
    """A signature made after approval goes into the frozen record (the PDF and every read of
    the approved report): that performer's signature entry only, nothing else."""
    from .castsheet import signed_text

    for row in report.snapshot.get("cast", []):
        if row.get("person_id") == cast_time.person_id:
            row["signed"] = signed_text(cast_time, report.production.tzinfo)
    report.save(update_fields=["snapshot", "updated_at"])


@transaction.atomic
def cast_time_reopen(*, actor, cast_time: CastTime, reason: str) -> CastTime:
    """A signed row opened again for a correction (the 2nd AD, with a reason); the performer
    signs again."""
    cast_time = CastTime.objects.select_for_update().select_related("report").get(pk=cast_time.pk)
    _check_editable(cast_time.report)
    reason = " ".join((reason or "").split())[:300]
    if not cast_time.signed_at:
        raise ReportError("This row is not signed: it can be changed as it is.")
    if len(reason) < 5:
        raise ReportError("Say why the signed row is reopened (the performer signs again).")
    before = {"signed_name": cast_time.signed_name, "signed_at": cast_time.signed_at.isoformat()}
    cast_time.signed_name, cast_time.signed_at = "", None
    cast_time.save(update_fields=["signed_name", "signed_at"])
    audit_record(
        actor=actor,
        production=cast_time.report.production,
        action=AuditEvent.Action.UPDATE,
        obj=cast_time,
        changes={"reopened": reason, "was": before},
    )
    return cast_time


# --------------------------------------------------------------------------- reconciliation


def _reconcile_line(report: ProductionReport, person_id: int):
    from .reconcile import day_lines

    line = next((x for x in day_lines(report) if x.person.pk == person_id), None)
    if line is None or line.card is None:
        raise ReportError("That person has no time card for this day's week to reconcile.")
    if not line.differences:
        raise ReportError(
            f"{line.person.display_name}'s card agrees with the report now. Nothing to accept."
        )
    return line


def _reconcile_reason(membership, reason: str) -> str:
    from callboard.core.capabilities import Cap

    if not (membership.can(Cap.TIMECARDS_MANAGE) or membership.can(Cap.TIMECARDS_OVERRIDE)):
        raise ReportError("Your role does not settle time cards; ask payroll or the UPM.")
    reason = " ".join((reason or "").split())[:1000]
    if len(reason) < 5:
        raise ReportError("Say why this side is right (a sentence the approvers will read).")
    return reason


@transaction.atomic
def reconcile_accept_report(
    *, actor, membership, report: ProductionReport, person_id: int, reason: str
):
    """The production report is right: the person's card takes its call, first meal and wrap
    for the day (priced again), with the reason audited. An approved card is not changed
    here: payroll reopens it as a new version on its page first, then the report is taken."""
    from callboard.payroll.services import TimeCardError, timecard_save

    from .reconcile import actual_card_day

    reason = _reconcile_reason(membership, reason)
    line = _reconcile_line(report, person_id)
    card, iso = line.card, line.date.isoformat()
    if card.is_locked:
        raise ReportError(
            f"{line.person.display_name}'s card is {card.get_status_display().lower()} and "
            f"locked: reopen it on the card's page (correct it as version {card.version + 1}), "
            "then take the report's times. Nothing was changed."
        )
    fixed = actual_card_day(line.card_day, line.actual, line.date)
    days = [d for d in card.days if d.get("date") != iso] + [fixed]
    try:
        card = timecard_save(actor=actor, card=card, days=sorted(days, key=lambda d: d["date"]))
    except TimeCardError as exc:
        raise ReportError(f"{line.person.display_name}'s card: {exc}") from exc
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=card,
        changes={
            "reconciled": "the production report's times taken",
            "day": iso,
            "why": reason,
            "was": line.differences,
        },
    )
    return card


@transaction.atomic
def reconcile_accept_card(
    *, actor, membership, report: ProductionReport, person_id: int, reason: str
):
    """The card is right: its flag against the report is let pass with the reason (the flag's
    text holds both values; if either changes, the flag comes back)."""
    from callboard.core.capabilities import Cap
    from callboard.core.controls import ControlError
    from callboard.core.services import warning_override
    from callboard.payroll.queries import timecard_warnings

    reason = _reconcile_reason(membership, reason)
    line = _reconcile_line(report, person_id)
    if line.accepted is not None:
        raise ReportError("The card's times were accepted already. Nothing was changed.")
    capability = (
        Cap.TIMECARDS_OVERRIDE if membership.can(Cap.TIMECARDS_OVERRIDE) else Cap.TIMECARDS_MANAGE
    )
    try:
        return warning_override(
            actor=actor,
            membership=membership,
            capability=capability,
            subject=line.card,
            warning=line.flag,
            reason=reason,
            allowed=timecard_warnings(line.card),
        )
    except ControlError as exc:
        raise ReportError(str(exc)) from exc


# --------------------------------------------------------------------------- the DPR (scenes, crew,
# background, the rest of the report; submit, approve, send, correct)


WHOLE_MOST = 100_000  # counts, setups, seconds of a day: more is a typo (and overflows a column)


def _whole(value, what: str) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        raise ReportError(f"{what}: {value!r} is not a whole number.") from None
    if number < 0:
        raise ReportError(f"{what} cannot be negative.")
    if number > WHOLE_MOST:
        raise ReportError(f"{what}: {number:,} is more than a day holds ({WHOLE_MOST:,} at most).")
    return number


@transaction.atomic
def scene_progress_record(*, actor, report: ProductionReport, rows: list[dict]) -> list:
    """The script supervisor's scenes for the day, all at once: each row names a strip (or,
    for a scene added on the day, its ``scene`` number as in the script) with ``status``
    (complete / part / not_shot), ``eighths_shot`` (a part), ``seconds``, ``setups`` and
    ``retake``. Every scene the call sheet scheduled gets a line (not shot unless said). A scene
    marked complete twice, here or on any other current report (either unit, any date), is
    refused, as is a part that shot
    none or all of the scene (that is not shot or complete)."""
    from callboard.schedule.models import Strip

    from . import progress as prog
    from .models import SceneProgress
    from .queries import completed_elsewhere, scheduled_strips

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    scheduled = scheduled_strips(report)
    scheduled_ids = {s.pk for s in scheduled}
    strips = {
        s.pk: s
        for s in Strip.objects.filter(
            production=report.production, kind=Strip.Kind.SCENE, omitted=False
        )
    }
    by_number = {s.scene_number.upper(): s for s in strips.values()}
    problems, lines, seen = [], [], set()
    for row in rows:
        strip = row.get("strip")
        strip_id = getattr(strip, "pk", strip)
        if strip_id is None:
            number = str(row.get("scene") or "").strip()
            strip = by_number.get(number.upper())
            if strip is None:
                problems.append(f"Scene {number or '(blank)'} is not in the breakdown.")
                continue
        else:
            strip = strips.get(int(strip_id))
            if strip is None:
                problems.append("A scene on the form is no longer in the breakdown.")
                continue
        status = row.get("status") or prog.NOT_SHOT
        if status not in prog.STATUSES:
            problems.append(
                f"Scene {strip.scene_number}: {status!r} is not complete, part or not shot."
            )
            continue
        try:
            shot = _whole(row.get("eighths_shot"), f"Scene {strip.scene_number} eighths shot")
            seconds = _whole(row.get("seconds"), f"Scene {strip.scene_number} screen time")
            setups = _whole(row.get("setups"), f"Scene {strip.scene_number} setups")
        except ReportError as exc:
            problems.append(str(exc))
            continue
        eighths = strip.eighths or 0
        if status == prog.PART and not 0 < shot < max(eighths, 1):
            problems.append(
                f"Scene {strip.scene_number} is part shot: say how much of its "
                f"{format_eighths(eighths)} pages was shot (more than none, less than all)."
            )
        if status == prog.NOT_SHOT and (setups or seconds):
            problems.append(
                f"Scene {strip.scene_number} is marked not shot but has setups or screen time."
            )
        if strip.pk in seen and status != prog.COMPLETE:
            problems.append(f"Scene {strip.scene_number} is on the form twice: one line per scene.")
        seen.add(strip.pk)
        lines.append(
            prog.SceneLine(
                key=str(strip.pk),
                scene=strip.scene_number,
                status=status,
                eighths=eighths,
                eighths_shot=shot if status == prog.PART else 0,
                seconds=seconds,
                setups=setups,
                added=strip.pk not in scheduled_ids,
                retake=bool(row.get("retake")),
            )
        )
    problems += prog.completed_twice(lines, completed_elsewhere(report))
    if problems:
        raise ReportError(" ".join(problems) + " Nothing was saved.")
    given = {int(line.key) for line in lines}
    lines += [
        prog.SceneLine(key=str(s.pk), scene=s.scene_number, eighths=s.eighths or 0)
        for s in scheduled
        if s.pk not in given
    ]
    order = {s.pk: i for i, s in enumerate(scheduled)}
    lines.sort(key=lambda line: (order.get(int(line.key), len(order)), line.added))
    before = list(report.scenes.values_list("scene", "status"))
    report.scenes.all().delete()
    made = SceneProgress.objects.bulk_create(
        SceneProgress(
            report=report,
            strip_id=int(line.key),
            scene=line.scene,
            status=line.status,
            added=line.added,
            retake=line.retake,
            eighths=line.eighths,
            eighths_shot=line.eighths_shot,
            seconds=line.seconds,
            setups=line.setups,
            position=position,
        )
        for position, line in enumerate(lines)
    )
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes={
            "scenes": {
                "from": [f"{s} {st}" for s, st in before],
                "to": [f"{line.scene} {line.shown_status}" for line in lines],
            }
        },
    )
    return made


def _times_in_order(times: list[tuple[str, int | None]], who: str) -> None:
    """Each known time after the one before it (call, meals, wrap), or a message naming both."""
    known = [(label, value) for label, value in times if value is not None]
    for (label_a, a), (label_b, b) in zip(known, known[1:], strict=False):
        if b < a:
            raise ReportError(
                f"{who}: {label_b} ({format_minutes(b)}) is before {label_a} "
                f"({format_minutes(a)}); after midnight, type it past 24:00 (1:30 AM is "
                "25:30). Nothing was saved."
            )


@transaction.atomic
def department_times_record(
    *,
    actor,
    report: ProductionReport,
    department,
    wrap: int | None,
    call: int | None = None,
    people: list[dict] | None = None,
):
    """A department's actual day: its wrap (and call, when it was called otherwise), and each
    person whose day differed (``people``: {"person", "call", "wrap", "meal_out", "meal_in",
    "second_meal_out", "second_meal_in", "note"}; a row with no time and no note takes the
    person back to the department's day). Entered by the office preparing the report, or by
    the department's head or best boy (queries.departments_entered_by)."""
    from callboard.core.models import Membership

    from .models import CrewTime, DepartmentWrap
    from .queries import departments_entered_by

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    if department.production_id != report.production_id:
        raise ReportError("That department is not on this production.")
    membership = Membership.objects.filter(
        production=report.production, user=_user(actor), is_active=True
    ).first()
    allowed = departments_entered_by(membership) if membership else set()
    if allowed is not None and department.pk not in allowed:
        raise ReportError(
            f"You do not enter {department.name}'s times: its department head or best boy "
            "does, or the 2nd AD. Nothing was saved."
        )
    # A time typed without its own call is measured from the department's call, else the
    # crew call: a night's 2:00 wrap typed for 26:00 is refused, not read as that morning.
    start = ("call", call) if call is not None else ("the crew call", crew_call_minutes(report))
    _times_in_order([start, ("wrap", wrap)], department.name)
    fields = ("call", "meal_out", "meal_in", "second_meal_out", "second_meal_in", "wrap")
    labels = {
        "call": "in",
        "meal_out": "meal out",
        "meal_in": "meal in",
        "second_meal_out": "second meal out",
        "second_meal_in": "second meal in",
        "wrap": "out",
    }
    keep, drop = [], []
    for row in people or []:
        person = row["person"]
        if person.production_id != report.production_id:
            raise ReportError("Someone on the form is not on this production.")
        if person.department_id != department.pk:
            raise ReportError(
                f"{person.display_name} is not in {department.name}: their times are their "
                "own department's to enter."
            )
        values = {f: row.get(f) for f in fields}
        own_start = [] if values["call"] is not None else [start]
        _times_in_order(own_start + [(labels[f], values[f]) for f in fields], person.display_name)
        if (values["meal_out"] is None) != (values["meal_in"] is None):
            raise ReportError(
                f"{person.display_name}: give both meal out and meal in, or neither. "
                "Nothing was saved."
            )
        if any(v is not None for v in values.values()) or row.get("note"):
            keep.append((person, values, (row.get("note") or "")[:300]))
        else:
            drop.append(person.pk)
    if wrap is None:
        report.department_wraps.filter(department=department).delete()
    else:
        DepartmentWrap.objects.update_or_create(
            report=report,
            department=department,
            defaults={"wrap": wrap, "call": call, "entered_by": _user(actor)},
        )
    report.crew_times.filter(person_id__in=drop).delete()
    for person, values, note in keep:
        CrewTime.objects.update_or_create(
            report=report,
            person=person,
            defaults={**values, "note": note, "department": department, "entered_by": _user(actor)},
        )
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes={
            "department": department.name,
            "call": call,
            "wrap": wrap,
            "deviations": {p.display_name: v for p, v, _ in keep},
            "back to the department's day": len(drop),
        },
    )


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def background_prefill(*, actor, report: ProductionReport) -> int:
    """The call sheet's background lines as the day's, counted as called (the vouchers are
    entered as they come in), or, when the sheet lists none, the background of the day's
    scenes in the breakdown (their counts to fill in); done once, while the report has none."""
    from callboard.callsheets.queries import parse_clock

    from .models import BackgroundLine

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    if report.background.exists():
        return 0
    crew_call = crew_call_minutes(report)
    lines = []
    for position, line in enumerate(report.call_sheet.background or []):
        try:
            count = int(line.get("count") or 0)
        except (TypeError, ValueError):
            count = 0
        try:
            call = parse_clock(line.get("call") or "")
        except ValueError:
            call = None
        lines.append(
            BackgroundLine(
                report=report,
                description=(line.get("description") or "Background")[:200],
                union="non" not in (line.get("notes") or "").lower()
                and "union" in (line.get("notes") or "").lower(),
                count=count,
                called=count,
                call=sheet_minutes(call, crew_call),
                position=position,
            )
        )
    source = "the call sheet"
    if not lines:  # the sheet lists none: the breakdown's background in the day's scenes
        from callboard.schedule.models import Element, Ucid

        from .queries import scheduled_strips

        source = "the breakdown"
        elements = Element.objects.filter(
            category__ucid=Ucid.BACKGROUND, strips__in=scheduled_strips(report)
        ).distinct()
        lines = [
            BackgroundLine(report=report, description=element.name[:200], position=position)
            for position, element in enumerate(elements.order_by("name"))
        ]
    BackgroundLine.objects.bulk_create(lines)
    if lines:
        audit_record(
            actor=actor,
            production=report.production,
            action=AuditEvent.Action.CREATE,
            obj=report,
            changes={f"background from {source}": len(lines)},
        )
    return len(lines)


@transaction.atomic
def background_record(*, actor, report: ProductionReport, lines: list[dict]):
    """The day's background, all lines at once: {"description", "union", "count", "called",
    "vouchers", "rate", "call", "meal_out", "meal_in", "wrap"} (times in minutes)."""
    from .models import BackgroundLine

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    made = []
    for position, line in enumerate(lines):
        description = (line.get("description") or "").strip()
        if not description:
            raise ReportError(f"Background line {position + 1} needs a description.")
        what = f"Background “{description}”"
        rate = line.get("rate")
        if rate not in (None, ""):
            try:
                rate = Decimal(str(rate)).quantize(Decimal("0.01"))
            except InvalidOperation:
                raise ReportError(f"{what}: the rate {rate!r} is not an amount.") from None
            if rate < 0 or rate >= Decimal("1000000"):
                raise ReportError(f"{what}: the rate must be between 0 and 999,999.99.")
        else:
            rate = None
        _times_in_order(
            [
                (label, line.get(f))
                for f, label in (
                    ("call", "in"),
                    ("meal_out", "meal out"),
                    ("meal_in", "meal in"),
                    ("wrap", "out"),
                )
            ],
            what,
        )
        made.append(
            BackgroundLine(
                report=report,
                description=description[:200],
                union=bool(line.get("union")),
                count=_whole(line.get("count"), f"{what} count"),
                called=_whole(line.get("called"), f"{what} called"),
                vouchers=_whole(line.get("vouchers"), f"{what} vouchers"),
                rate=rate,
                call=line.get("call"),
                meal_out=line.get("meal_out"),
                meal_in=line.get("meal_in"),
                wrap=line.get("wrap"),
                position=position,
            )
        )
    report.background.all().delete()
    BackgroundLine.objects.bulk_create(made)
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes={
            "background": [f"{b.count} {b.description} ({b.vouchers} vouchers)" for b in made]
        },
    )
    return made


DETAIL_FIELDS = (
    "weather",
    "locations",
    "camera_media",
    "sound_media",
    "equipment",
    "notes",
    "visitors",
)


@transaction.atomic
def report_details_record(
    *, actor, report: ProductionReport, meals_served: dict | None = None, **fields
) -> ProductionReport:
    """The rest of the report: weather, locations, camera and sound media, equipment and
    vehicles, notes, visitors, and meals served ({"breakfast": 120, ...})."""
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ReportError(f"Not part of the report: {', '.join(sorted(unknown))}.")
    before = {f: getattr(report, f) for f in DETAIL_FIELDS}
    before["meals_served"] = report.meals_served
    for name, value in fields.items():
        limit = ProductionReport._meta.get_field(name).max_length
        value = (value or "").strip()
        if limit and len(value) > limit:
            label = ProductionReport._meta.get_field(name).verbose_name
            raise ReportError(
                f"{label.capitalize()} is {len(value)} characters; the most is {limit}."
            )
        setattr(report, name, value)
    if meals_served is not None:
        report.meals_served = {
            meal: _whole(count, f"Meals served ({meal})")
            for meal, count in meals_served.items()
            if count not in (None, "")
        }
    report.save()
    after = {f: getattr(report, f) for f in DETAIL_FIELDS}
    after["meals_served"] = report.meals_served
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes=diff(before, after),
    )
    return report


@transaction.atomic
def delay_add(*, actor, report: ProductionReport, reason: str, minutes):
    from .models import Delay

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    reason = (reason or "").strip()
    if not reason:
        raise ReportError("Say what the delay was.")
    minutes = _whole(minutes, "The delay's minutes")
    if not 0 < minutes <= 24 * 60:
        raise ReportError("A delay is between 1 minute and 24 hours.")
    delay = Delay.objects.create(report=report, reason=reason[:300], minutes=minutes)
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.CREATE,
        obj=delay,
        changes={"reason": delay.reason, "minutes": minutes},
    )
    return delay


@transaction.atomic
def incident_add(
    *,
    actor,
    report: ProductionReport,
    who: str,
    what: str,
    at: int | None,
    first_aid: bool,
    report_filed: bool,
):
    """An accident or incident: who, what, when (minutes of the shoot day), first aid given,
    whether an incident report was filed."""
    from .models import Incident

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    who, what = (who or "").strip(), (what or "").strip()
    if not who or not what:
        raise ReportError("An incident needs who was involved and what happened.")
    incident = Incident.objects.create(
        report=report,
        who=who[:200],
        what=what,
        at=at,
        first_aid=first_aid,
        report_filed=report_filed,
    )
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.CREATE,
        obj=incident,
        changes={"who": incident.who, "what": what[:200], "at": at, "first aid": first_aid},
    )
    return incident


@transaction.atomic
def report_item_remove(*, actor, report: ProductionReport, kind: str, pk: int) -> None:
    """Take a delay or an incident off a report in the works."""
    from .models import Delay, Incident

    model = {"delay": Delay, "incident": Incident}.get(kind)
    if model is None:
        raise ReportError(f"{kind!r} is not something a report lists.")
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    _check_editable(report)
    item = model.objects.filter(report=report, pk=pk).first()
    if item is None:
        raise ReportError(f"That {kind} is not on this report.")
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.DELETE,
        obj=item,
        changes={kind: str(item)},
    )
    item.delete()


@transaction.atomic
def report_submit(
    *, actor, report: ProductionReport, at: datetime | None = None
) -> ProductionReport:
    """The 2nd AD hands the day to the UPM: refused while a required time is missing (each
    named). ``at``: when, if not now (as set_time_record)."""
    from .queries import missing_for_submit

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProductionReport.Status.DRAFT:
        raise ReportError(f"{report} is {report.get_status_display().lower()}, not a draft.")
    missing = missing_for_submit(report)
    if missing:
        raise ReportError("Not submitted; still missing: " + "; ".join(missing) + ".")
    report.status = ProductionReport.Status.SUBMITTED
    report.submitted_at = at or timezone.now()
    report.submitted_by = _user(actor)
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes={"status": ["draft", "submitted"]},
    )
    return report


@transaction.atomic
def report_return(*, actor, report: ProductionReport, reason: str) -> ProductionReport:
    """A submitted report back to draft, saying why: the UPM sends it back to the 2nd AD, or
    the 2nd AD takes it back to change something."""
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProductionReport.Status.SUBMITTED:
        raise ReportError(f"{report} is not waiting for approval.")
    if not (reason or "").strip():
        raise ReportError("Say what needs fixing.")
    report.status = ProductionReport.Status.DRAFT
    report.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes={"status": ["submitted", "draft"], "why": reason.strip()[:300]},
    )
    return report


@transaction.atomic
def report_approve(
    *, actor, report: ProductionReport, at: datetime | None = None
) -> tuple[ProductionReport, Sending]:
    """The UPM approves: the report is frozen as it stands (its snapshot is what the PDF, the
    command and every later read show) and sent to the production's DPR group. Returns (the
    report, the sending: how many it goes to, or why it went to nobody). ``at``: when, if not
    now (as set_time_record)."""
    from .hotcost import live_hot_cost
    from .queries import HOT_COST_KEY, build_document, report_versions

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProductionReport.Status.SUBMITTED:
        raise ReportError(
            f"{report} is {report.get_status_display().lower()}: only a submitted report is "
            "approved."
        )
    report.status = ProductionReport.Status.APPROVED
    report.approved_at = at or timezone.now()
    report.approved_by = _user(actor)
    previous = report_versions(report).filter(version__lt=report.version).first()
    document = build_document(report)
    if previous is not None and previous.snapshot:
        from .queries import document_changes

        report.changes = document_changes(previous.snapshot, document)
        document["report"]["changes"] = report.changes
    # The day's hot cost as priced now: later changes to deals or the crew list leave it be.
    document[HOT_COST_KEY] = live_hot_cost(report)
    report.snapshot = document
    report.save()
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        changes={"status": ["submitted", "approved"], "changes": report.changes},
    )
    event_emit(
        production=report.production,
        event=Event.DPR_APPROVED,
        data={
            **_report_data(report),
            "version": report.version,
            "approved_at": report.approved_at.isoformat(),
        },
    )
    # Approved is the legal record whoever is on the mailing list: a send that cannot go now
    # says why, and goes later from the report's page.
    group = _report_group(report.production)
    if group is None:
        return report, Sending(
            0, "no DPR group is chosen in the report settings. Choose one, then send it from here."
        )
    try:
        return report, Sending(report_send(actor=actor, report=report, groups=[group]))
    except ReportError as exc:
        return report, Sending(0, f"{exc} Then send it from here.")


@dataclass(frozen=True)
class Sending:
    """What approving did about sending: how many people the DPR is going to, or why to
    nobody (the approval stands either way)."""

    count: int
    not_sent: str = ""


def _report_group(production):
    from .queries import report_settings

    return report_settings(production).report_group


@transaction.atomic
def report_send(*, actor, report: ProductionReport, groups) -> int:
    """Send the approved report's PDF to the groups' people not sent this version yet (one
    added to the group since is sent it; nobody gets it twice): how many it is going to now.
    The send's key is the version's and its recipients', so a second click, or two at once,
    is the same send."""
    from callboard.distribution.services import dispatch_create

    from .queries import report_unsent_recipients

    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProductionReport.Status.APPROVED:
        raise ReportError("Only an approved report is sent.")
    people = report_unsent_recipients(report, groups)
    if people is None:
        names = ", ".join(g.name for g in groups)
        raise ReportError(
            f"Nobody to send it to: {names} has nobody on the crew list today. Add people "
            "to it (or choose another group in the report settings)."
        )
    if not people:
        return 0
    who = hashlib.sha256(",".join(str(p.pk) for p in people).encode()).hexdigest()[:16]
    version = f" (corrected, v{report.version})" if report.version > 1 else ""
    _, created = dispatch_create(
        actor=actor,
        production=report.production,
        kind=dprsending.KIND,
        object_id=report.pk,
        key=f"dpr:{report.pk}:v{report.version}:{who}",
        people=people,
        subject=f"DPR{version} — Day {report.day_number} — {report.date:%a %b %-d} — "
        f"{report.production.title}",
        valid_for=timedelta(days=30),
    )
    return len(people) if created else 0


@transaction.atomic
def report_correct(*, actor, report: ProductionReport, reason: str) -> ProductionReport:
    """An approved report is frozen: a correction is version N+1, a draft copy of it saying
    why (the old version is marked replaced; what changed is listed when the new one is
    approved)."""
    from .models import (
        BackgroundLine,
        CastTime,
        CrewTime,
        Delay,
        DepartmentWrap,
        Incident,
        SceneProgress,
    )

    reason = (reason or "").strip()
    if not reason:
        raise ReportError("Say why the approved report is corrected.")
    report = ProductionReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProductionReport.Status.APPROVED:
        raise ReportError(
            f"{report} is {report.get_status_display().lower()}: only the approved version "
            "is corrected."
        )
    report.status = ProductionReport.Status.REPLACED
    report.save(update_fields=["status", "updated_at"])
    old_pk = report.pk
    new = ProductionReport.objects.get(pk=old_pk)
    new.pk = None
    new.version = report.version + 1
    new.status = ProductionReport.Status.DRAFT
    new.reason = reason[:300]
    new.changes = []
    new.snapshot = {}
    new.submitted_at = new.approved_at = None
    new.submitted_by = new.approved_by = None
    new.save()
    for model in (
        SetTime,
        SceneProgress,
        CastTime,
        CrewTime,
        DepartmentWrap,
        BackgroundLine,
        Delay,
        Incident,
    ):
        rows = list(model.objects.filter(report_id=old_pk))
        for row in rows:
            row.pk = None
            row.report = new
        model.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        production=report.production,
        action=AuditEvent.Action.CREATE,
        obj=new,
        changes={"correction of": f"v{report.version}", "why": new.reason},
    )
    return new
