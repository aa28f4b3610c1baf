"""Status reports from set: when first shot, lunch (its report goes when lunch is back in, so
it carries lunch out–in) and camera wrap are recorded, one short report of the day so far goes
to the production's status group by e-mail and, when the production chose so, by text to
those who agreed to texts. Each event's report goes once (its dispatch key names the day, the
unit and the event, so a correction or a second recording sends nothing), its words fixed as
the event is recorded: the report says the day as it stood then, whenever the worker sends it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from callboard.core.eighths import format_eighths
from callboard.distribution.models import Delivery, Dispatch
from callboard.distribution.registry import Message
from callboard.distribution.services import dispatch_create, message_send

from .models import ProductionReport, ReportSettings, Unit
from .progress import minutes_text
from .queries import crew_call_minutes, report_progress
from .settimes import LATE_FIRST_SHOT, format_minutes

KIND = "report-status"
# The time whose recording sends a report -> the report's event.
EVENTS = {"first_shot": "first-shot", "meal_in": "lunch", "camera_wrap": "wrap"}
EVENT_NAMES = {"first-shot": "First shot", "lunch": "Lunch", "wrap": "Camera wrap"}


def status_key(report: ProductionReport, event: str) -> str:
    """One report per day, unit and event (a new version of the DPR is the same day)."""
    return f"{KIND}:{report.production_id}:{report.date:%Y-%m-%d}:{report.unit}:{event}"


def counts_text(counts) -> str:
    """'2 scenes completed, 1 4/8 pages, 10 setups, 1:35 minutes' (reports.progress.Counts)."""
    return (
        f"{counts.scenes} scene{'' if counts.scenes == 1 else 's'} completed, "
        f"{format_eighths(counts.eighths)} pages, {counts.setups} setup"
        f"{'' if counts.setups == 1 else 's'}, {minutes_text(counts.seconds)} minutes"
    )


def day_of(report: ProductionReport) -> str:
    """'Day 3 of 27' as the day's call sheet printed it."""
    sheet = (report.call_sheet.snapshot or {}).get("document", {}).get("sheet", {})
    return sheet.get("day_of") or f"Day {report.day_number}"


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


@dataclass(frozen=True)
class StatusWords:
    subject: str
    body: str  # the times, then the counts, then delays and incidents (paragraphs)


def status_words(report: ProductionReport, event: str) -> StatusWords:
    """The report of the day so far at ``event``: the subject names the show, the day, the
    date and the event ("FIRST SHOT: 8:12 AM")."""
    production = report.production
    times = {t.kind: t for t in report.times.all()}

    def at(kind: str) -> str:
        return format_minutes(times[kind].minutes) if kind in times else "—"

    call = crew_call_minutes(report, {kind: t.minutes for kind, t in times.items()})
    headline = {
        "first-shot": f"FIRST SHOT: {at('first_shot')}",
        "lunch": f"LUNCH: {at('meal_out')} – {at('meal_in')}",
        "wrap": f"CAMERA WRAP: {at('camera_wrap')}",
    }[event]
    unit = " (2nd unit)" if report.unit == Unit.SECOND else ""
    subject = (
        f"{production.display_title}{unit} — {day_of(report)} — "
        f"{report.date:%a %b} {report.date.day} — {headline}"
    )
    # The DPR's own arithmetic: what the report will say of the day so far.
    progress = report_progress(report)

    lines = [f"Call: {format_minutes(call) or '—'}", f"First shot: {at('first_shot')}"]
    if "first_shot" in times and call is not None:
        after = times["first_shot"].minutes - call
        if after > LATE_FIRST_SHOT:
            why = times["first_shot"].note or "no reason given"
            lines[-1] += f" — {_duration(after)} after call: {why}"
    if event in ("lunch", "wrap") and "meal_out" in times:
        called = any(times[k].grace for k in ("meal_out", "meal_in") if k in times)
        grace = " (grace called)" if called else ""
        lines.append(f"Lunch: {at('meal_out')} – {at('meal_in')}{grace}")
        if "first_shot_after_meal" in times:
            lines.append(f"First shot after lunch: {at('first_shot_after_meal')}")
    if event == "wrap":
        if "second_meal_out" in times:
            lines.append(f"Second meal: {at('second_meal_out')} – {at('second_meal_in')}")
        lines.append(f"Camera wrap: {at('camera_wrap')}")
    so_far = "Today" if event == "wrap" else "So far today"
    lines += ["", f"{so_far}: {counts_text(progress.today)}."]
    if event == "wrap":
        lines.append(f"To date: {counts_text(progress.to_date)}.")
        if progress.script_eighths:
            lines.append(
                f"Remaining: {progress.remaining_scenes} scenes, "
                f"{format_eighths(progress.remaining_eighths)} pages."
            )
        delays = list(report.delays.all())
        incidents = list(report.incidents.all())
        if delays:
            lines += ["", "Delays:"] + [f"  - {d.reason} ({d.minutes} min)" for d in delays]
        if incidents:
            lines += ["", "Incidents:"] + [
                f"  - {i.who}: {i.what}"
                + (f" at {format_minutes(i.at)}" if i.at is not None else "")
                + (" — first aid given" if i.first_aid else "")
                + (" — report filed" if i.report_filed else "")
                for i in incidents
            ]
    return StatusWords(subject, "\n".join(lines).rstrip() + "\n")


def status_report_queue(*, actor, report: ProductionReport, kind: str) -> list[Dispatch]:
    """The status report the recording of ``kind`` sends, queued in the caller's transaction
    (sent by the worker once it commits): by e-mail (or a text, for someone with no e-mail
    who agreed to texts) to the status group, and with "also by text" a text to each of them
    with a phone who agreed to texts. Nothing when the time sends none, when no group is
    chosen, or when this day's report of the event went already."""
    event = EVENTS.get(kind)
    settings = ReportSettings.objects.filter(production_id=report.production_id).first()
    if event is None or settings is None or settings.status_group is None:
        return []
    key = status_key(report, event)
    if Dispatch.objects.filter(production_id=report.production_id, key=key).exists():
        return []
    production = report.production
    words = status_words(report, event)
    people = list(settings.status_group.recipients())
    dispatch, _ = dispatch_create(
        actor=actor,
        production=production,
        kind=KIND,
        object_id=report.pk,
        key=key,
        subject=words.subject,
        message=words.body,
        people=people,
        valid_for=timedelta(days=1),  # the message carries no link; its grants go unused
    )
    made = [dispatch]
    if settings.status_by_text:
        for person in people:
            if not (person.phone and person.sms_opt_in_at and person.email):
                continue  # no texts agreed, or texted already in place of an e-mail
            text, _ = message_send(
                actor=actor,
                production=production,
                kind=KIND,
                object_id=report.pk,
                key=f"{key}:text:{person.pk}",
                subject=words.subject,
                message=words.body,
                address=person.phone,
                channel=Delivery.Channel.SMS,
                person=person,
            )
            made.append(text)
    return made


def composer(dispatch):
    """The words were fixed when the time was recorded; a text is the subject with the times
    and the counts on a line (delays and incidents are for the e-mail)."""
    times_and_counts = dispatch.message.split("\n\n")[:2]
    lines = [line.rstrip(".") for part in times_and_counts for line in part.splitlines() if line]
    summary = "; ".join(lines) + "."
    message = Message(dispatch.subject, dispatch.message, f"{dispatch.subject}\n{summary}")
    return lambda delivery: message


@dataclass(frozen=True)
class SentReport:
    event: str
    name: str
    subject: str
    created_at: object
    deliveries: list[Delivery]
    dispatches: list[Dispatch]

    @property
    def group_send(self) -> Dispatch:
        """The send to the whole group (the others are the texts beside its e-mails)."""
        return next(d for d in self.dispatches if ":text:" not in d.key)

    @property
    def not_reached(self) -> int:
        """The group send's copies that did not go out (failed, bounced, no address): what
        Send again sends, by each one's address now. (A text that failed is not sent again:
        its person has the e-mail.)"""
        return sum(
            d.state in ("failed", "bounced", "unreachable")
            for d in self.group_send.deliveries.all()
        )


def status_reports(report: ProductionReport) -> list[SentReport]:
    """The day's status reports, in the order they went, each with everyone it went to (by
    e-mail and by text)."""
    prefix = f"{KIND}:{report.production_id}:{report.date:%Y-%m-%d}:{report.unit}:"
    dispatches = list(
        Dispatch.objects.filter(production_id=report.production_id, key__startswith=prefix)
        .prefetch_related("deliveries__person")
        .order_by("created_at", "pk")
    )
    found: dict[str, SentReport] = {}
    for dispatch in dispatches:
        event = dispatch.key[len(prefix) :].split(":", 1)[0]
        if event not in found:
            found[event] = SentReport(
                event, EVENT_NAMES.get(event, event), dispatch.subject, dispatch.created_at, [], []
            )
        found[event].dispatches.append(dispatch)
        found[event].deliveries.extend(dispatch.deliveries.all())
    return list(found.values())
