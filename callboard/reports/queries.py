"""Reads of the day on set. ``report_document`` is the one builder of a report as a document:
the DPR page, its PDF, the command and the frozen snapshot of an approved report all read it.

Times in the document: the header's as people read them ("7:30 AM", "1:30 AM (+1)") beside
the 24-hour clock a time card reads ("07:30", "25:30"); the rows (cast, crew, background) in
the 24-hour clock only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from callboard.core.eighths import format_eighths
from callboard.core.timefmt import time_of_day
from callboard.people.models import Department, Person
from callboard.people.queries import crew_order
from callboard.schedule.models import Strip

from . import progress as prog
from .exhibitg import meal_penalty_text
from .models import (
    ProductionReport,
    ReportSettings,
    SceneProgress,
    Unit,
)
from .settimes import KINDS, LABELS, clock_24, format_minutes, moment, sheet_minutes

# The times a report cannot be submitted without (meals may be skipped only if never taken:
# a day with a lunch recorded out needs it in, which the order check and this list ensure).
REQUIRED_TIMES = ("crew_call", "first_shot", "meal_out", "meal_in", "camera_wrap", "last_out")
# Where an approved report's snapshot keeps its hot cost (reports.hotcost): pay, which the
# document read by everyone on the report leaves out.
HOT_COST_KEY = "hot_cost"


def current_reports(production, start: dt.date | None = None, end: dt.date | None = None):
    """Every report in the works or approved (no replaced version: a correction replaces its
    version), of the dates from ``start`` up to ``end`` (excluded) when given."""
    reports = ProductionReport.objects.filter(production=production).exclude(
        status=ProductionReport.Status.REPLACED
    )
    if start is not None:
        reports = reports.filter(date__gte=start)
    if end is not None:
        reports = reports.filter(date__lt=end)
    return reports


def days_without_report(production, reports=None) -> list:
    """The published call sheets (the latest of each day up to today) whose day has no main-unit
    report started, newest first. ``reports``: the current reports, when read already."""
    from callboard.callsheets.models import CallSheet

    if reports is None:
        reports = current_reports(production)
    started = {(r.date, r.unit) for r in reports}
    sheets = {}
    for sheet in CallSheet.objects.filter(
        production=production, status=CallSheet.Status.PUBLISHED, date__lte=production.today()
    ).order_by("date", "version"):
        sheets[sheet.date] = sheet
    return [s for d, s in sorted(sheets.items(), reverse=True) if (d, Unit.MAIN) not in started]


def crew_call_minutes(report: ProductionReport, times: dict | None = None) -> int | None:
    """The day's crew call: as recorded from set, else as the call sheet printed it (``times``:
    the day's set times, when read already)."""
    times = _set_times(report) if times is None else times
    if times.get("crew_call") is not None:
        return times["crew_call"]
    return sheet_minutes(report.call_sheet.crew_call, None)


def report_for_day(production, day_number: int, unit: str = Unit.MAIN) -> ProductionReport | None:
    """The current report of a shoot day and unit, if one was started."""
    return (
        current_reports(production)
        .filter(day_number=day_number, unit=unit)
        .select_related("production", "call_sheet", "call_sheet__scenario")
        .first()
    )


def report_versions(report: ProductionReport):
    return ProductionReport.objects.filter(
        production=report.production, date=report.date, unit=report.unit
    ).order_by("-version")


def departments_entered_by(membership) -> set[int] | None:
    """The departments whose times this member enters: every one (None) for the office
    preparing the report; else, with the department-times capability, those whose head or
    best boy they are on the crew list (their own entry: linked to their login, or with its
    e-mail)."""
    from callboard.core.capabilities import Cap
    from callboard.people.positions import is_best_boy
    from callboard.people.queries import own_people

    if membership.can(Cap.REPORTS_PREPARE):
        return None
    if not membership.can(Cap.DEPARTMENT_TIMES):
        return set()
    return {
        person.department_id
        for person in own_people(membership.user, membership.production).filter(
            department__isnull=False
        )
        if person.is_department_head or is_best_boy(person.position)
    }


def report_unsent_recipients(report: ProductionReport, groups) -> list[Person] | None:
    """The groups' people not sent this version of the report yet, by pk; None when the
    groups have nobody at all (to say so, rather than "sent already")."""
    from callboard.distribution.models import Delivery, Dispatch

    from .dprsending import KIND

    people = {p for g in groups for p in g.recipients()}
    if not people:
        return None
    sent = Delivery.objects.filter(
        dispatch__in=Dispatch.objects.filter(
            production=report.production, kind=KIND, object_id=report.pk
        )
    ).values_list("person_id", flat=True)
    already = set(sent)
    return sorted((p for p in people if p.pk not in already), key=lambda p: p.pk)


def report_settings(production) -> ReportSettings:
    """The production's report settings, or the defaults (unsaved) until someone sets them."""
    return ReportSettings.objects.filter(production=production).first() or ReportSettings(
        production=production
    )


# --------------------------------------------------------------------------- scenes


def _key(strip_id: int | None, scene: str) -> str:
    return str(strip_id) if strip_id else f"sc:{scene}"


def _line(row: SceneProgress) -> prog.SceneLine:
    return prog.SceneLine(
        key=_key(row.strip_id, row.scene),
        scene=row.scene,
        status=row.status,
        eighths=row.eighths,
        eighths_shot=row.eighths_shot,
        seconds=row.seconds,
        setups=row.setups,
        added=row.added,
        retake=row.retake,
    )


def scheduled_strips(report: ProductionReport) -> list[Strip]:
    """The scenes the call sheet scheduled for the day, in its order: the published sheet's
    scene numbers (what the crew was told), found on the breakdown."""
    from callboard.callsheets.queries import issued

    numbers = issued(report.call_sheet).scenes
    strips = {
        s.scene_number: s
        for s in Strip.objects.filter(
            production=report.production,
            kind=Strip.Kind.SCENE,
            scene_number__in=numbers,
        )
    }
    return [strips[n] for n in numbers if n in strips]


def earlier_lines(report: ProductionReport) -> list[list[prog.SceneLine]]:
    """The scene lines of every current report of an earlier date (any unit), oldest first."""
    rows = (
        SceneProgress.objects.filter(
            report__production=report.production, report__date__lt=report.date
        )
        .exclude(report__status=ProductionReport.Status.REPLACED)
        .order_by("report__date", "report__unit", "position", "pk")
        .values_list(
            "report_id",
            "strip_id",
            "scene",
            "status",
            "eighths",
            "eighths_shot",
            "seconds",
            "setups",
            "added",
            "retake",
        )
    )
    days: dict[int, list[prog.SceneLine]] = {}
    for report_id, strip_id, scene, *rest in rows:
        status, eighths, shot, seconds, setups, added, retake = rest
        days.setdefault(report_id, []).append(
            prog.SceneLine(
                _key(strip_id, scene), scene, status, eighths, shot, seconds, setups, added, retake
            )
        )
    return list(days.values())


def completed_elsewhere(report: ProductionReport) -> dict[str, prog.CompletedOn]:
    """Scenes completed on another current report (any unit, any date, earlier or later; this
    report's own earlier versions are replaced, so not counted): scene key -> where."""
    rows = (
        SceneProgress.objects.filter(
            report__production=report.production,
            status=SceneProgress.Status.COMPLETE,
            retake=False,
        )
        .exclude(report__status=ProductionReport.Status.REPLACED)
        .exclude(report_id=report.pk)
        .order_by("report__date", "report__unit")
        .values_list("strip_id", "scene", "report__day_number", "report__unit", "report__date")
    )
    found: dict[str, prog.CompletedOn] = {}
    for strip_id, scene, day, unit, date in rows:  # the first report that completed it
        found.setdefault(
            _key(strip_id, scene),
            prog.CompletedOn(
                day=day,
                unit="" if unit == Unit.MAIN else Unit(unit).label.lower(),
                later=date > report.date,
            ),
        )
    return found


@dataclass
class Schedule:
    """What the DPR reads of the board: how many days, the eighths planned through each, and
    the calendar's rules (to date a day past the board's last). Read from the board's layout
    and the strips' lengths alone, not the whole plan (one query each)."""

    days: list[list[int]]
    eighths: dict[int, int]  # scene strip pk -> eighths (omitted scenes left out)
    rules: object | None

    def planned_to(self, day_number: int) -> int:
        return sum(self.eighths.get(pk, 0) for day in self.days[:day_number] for pk in day)


def report_schedule(report: ProductionReport) -> Schedule:
    scenario = report.call_sheet.scenario
    calendar = scenario.calendar
    eighths = dict(
        Strip.objects.filter(
            production=report.production, kind=Strip.Kind.SCENE, omitted=False
        ).values_list("pk", "eighths")
    )
    return Schedule(
        days=[list(day) for day in scenario.board.days],
        eighths={pk: e or 0 for pk, e in eighths.items()},
        rules=calendar.rules() if calendar and calendar.start else None,
    )


def report_progress(report: ProductionReport, schedule: Schedule | None = None) -> prog.Progress:
    schedule = schedule or report_schedule(report)
    shot_days = (
        current_reports(report.production)
        .filter(date__lte=report.date)
        .values("date")
        .distinct()
        .count()
    )
    return prog.day_progress(
        today=[_line(row) for row in report.scenes.all()],
        earlier=earlier_lines(report),
        script_eighths=sum(schedule.eighths.values()),
        script_scenes=len(schedule.eighths),
        days_scheduled=len(schedule.days),
        days_shot=max(shot_days, 1),
        planned_eighths_to_date=schedule.planned_to(report.day_number),
        credit_parts=report_settings(report.production).credit_parts,
    )


def _finish_date(schedule: Schedule, day: int | None) -> dt.date | None:
    """The date of shoot day ``day`` on the scenario's calendar (past the board's last day
    too), when the calendar has a start."""
    if day is None or schedule.rules is None:
        return None
    try:
        shoot_days = schedule.rules.dood_calendar(day).shoot_days
    except ValueError:
        return None
    return next((d for d, n in shoot_days.items() if n == day), None)


def _counted(previous, today, to_date, total=None, remaining=None, show=str) -> dict:
    out = {"previous": previous, "today": today, "to_date": to_date}
    shown = {"previous": show(previous), "today": show(today), "to_date": show(to_date)}
    if total is not None:
        out["script_total"], shown["script_total"] = total, show(total)
        out["remaining"], shown["remaining"] = remaining, show(remaining)
    return {**out, "shown": shown}


def _progress_doc(report: ProductionReport, schedule: Schedule) -> tuple[dict, list[dict]]:
    p = report_progress(report, schedule)
    rows = list(report.scenes.all())
    scenes = [
        {
            "number": row.scene,
            "status": _line(row).shown_status,
            "shot": row.status,
            "status_label": (
                ("Added, " if row.added else "")
                + row.get_status_display().lower()
                + (" (retake)" if row.retake else "")
            ).capitalize(),
            "added": row.added,
            "retake": row.retake,
            "eighths": row.eighths,
            "pages": format_eighths(row.eighths),
            "eighths_shot": row.eighths_shot,
            "credited": p.credited.get(_key(row.strip_id, row.scene), 0),
            "credited_pages": format_eighths(p.credited.get(_key(row.strip_id, row.scene), 0)),
            "shot_pages": format_eighths(row.eighths_shot) if row.eighths_shot else "",
            "seconds": row.seconds,
            "minutes": prog.minutes_text(row.seconds),
            "setups": row.setups,
        }
        for row in rows
    ]
    ahead = p.days_ahead
    finish = p.estimated_finish_day
    finish_date = _finish_date(schedule, finish)
    doc = {
        "scenes": _counted(
            p.previous.scenes,
            p.today.scenes,
            p.to_date.scenes,
            p.script_scenes,
            p.remaining_scenes,
        ),
        "pages": _counted(
            p.previous.eighths,
            p.today.eighths,
            p.to_date.eighths,
            p.script_eighths,
            p.remaining_eighths,
            show=format_eighths,
        ),
        "minutes": _counted(
            p.previous.seconds, p.today.seconds, p.to_date.seconds, show=prog.minutes_text
        ),
        "setups": _counted(p.previous.setups, p.today.setups, p.to_date.setups),
        "days_scheduled": p.days_scheduled,
        "days_shot": p.days_shot,
        "planned_to_date": p.planned_eighths_to_date,
        "days_ahead": ahead,
        "schedule_text": (
            "on schedule"
            if ahead is None or ahead == 0
            else f"{abs(ahead):g} day{'s' if abs(ahead) != 1 else ''} "
            f"{'ahead' if ahead > 0 else 'behind'}"
        ),
        "estimated_finish_day": finish,
        "estimated_finish": (
            f"Day {finish}" + (f", {finish_date:%a %b %-d, %Y}" if finish_date else "")
            if finish
            else "not yet known"
        ),
    }
    return doc, scenes


# --------------------------------------------------------------------------- crew


def _clock(minutes: int | None) -> str:
    return clock_24(minutes) if minutes is not None else ""


@dataclass
class CrewDay:
    """One crew member's day on the back page: as called, the department's wrap, their own
    deviation over both."""

    person: Person
    department: Department | None
    call: int | None
    wrap: int | None
    meal_out: int | None
    meal_in: int | None
    second_meal_out: int | None
    second_meal_in: int | None
    deviation: bool  # a CrewTime overrides the department's day
    note: str = ""
    meal_grace: bool = False  # the AD called grace on the company's first meal
    penalties: int | None = None  # None: unknown (no deal terms, or no wrap yet)


def crew_days(
    report: ProductionReport, times: dict[str, int] | None = None, person_ids=None
) -> list[CrewDay]:
    """Every crew member the call sheet called with a time (or whom a department entered),
    in the crew list's order, with in/out/meals and meal penalties (only ``person_ids``'s
    when given: a time card's day needs one person's, not the whole back page)."""
    from callboard.callsheets.queries import issued

    times = times if times is not None else _set_times(report)
    calls = issued(report.call_sheet).calls
    own = {c.person_id: c for c in report.crew_times.all()}
    wraps = {w.department_id: w for w in report.department_wraps.all()}
    crew_call = crew_call_minutes(report, times)
    called = {
        pk: sheet_minutes(c.first, crew_call)
        for pk, c in calls.items()
        if c.working and c.first is not None
    }
    wanted = set(called) | set(own)
    if person_ids is not None:
        wanted &= set(person_ids)
    people = sorted(
        Person.objects.crew()
        .filter(production=report.production, pk__in=wanted)
        .select_related("department", "deal_terms"),
        key=crew_order,
    )
    rows = []
    for person in people:
        crew_time = own.get(person.pk)
        department = (
            crew_time.department if crew_time and crew_time.department_id else person.department
        )
        wrap = wraps.get(department.pk) if department else None

        def pick(field, default, crew_time=crew_time):
            value = getattr(crew_time, field) if crew_time else None
            return value if value is not None else default

        row = CrewDay(
            person=person,
            department=department,
            call=pick(
                "call",
                wrap.call if wrap and wrap.call is not None else called.get(person.pk),
            ),
            wrap=pick("wrap", wrap.wrap if wrap else None),
            meal_out=pick("meal_out", times.get("meal_out")),
            meal_in=pick("meal_in", times.get("meal_in")),
            second_meal_out=pick("second_meal_out", times.get("second_meal_out")),
            second_meal_in=pick("second_meal_in", times.get("second_meal_in")),
            deviation=crew_time is not None,
            note=crew_time.note if crew_time else "",
            meal_grace=times.get("meal_grace", False),
        )
        row.penalties = crew_meal_penalties(report, row)
        rows.append(row)
    return rows


def crew_meal_penalties(report: ProductionReport, row: CrewDay) -> int | None:
    """The meal penalties the person's deal's rule set charges for the day, counted by the pay
    engine (exhibitg.meal_penalty_text prints them); None when it cannot be known: no deal
    terms on file, or no call or wrap yet."""
    from callboard.payroll import engine

    terms = getattr(row.person, "deal_terms", None)
    if terms is None or row.call is None or row.wrap is None:
        return None
    meals = [
        (row.meal_out, row.meal_in, row.meal_grace),
        (row.second_meal_out, row.second_meal_in, False),
    ]
    day = engine.Day(
        date=report.date,
        call=moment(report.date, row.call),
        wrap=moment(report.date, row.wrap),
        meals=tuple(
            engine.Meal(moment(report.date, start), moment(report.date, end), grace)
            for start, end, grace in meals
            if start is not None and end is not None
        ),
    )
    return engine.meal_penalty_periods(terms.rules, engine.day_penalties(terms.rules, day))


def _set_times(report: ProductionReport) -> dict:
    times = {}
    for t in report.times.all():
        times[t.kind] = t.minutes
        if t.kind == "meal_out" and t.grace:
            times["meal_grace"] = True
    return times


# --------------------------------------------------------------------------- the document


def _times_doc(report: ProductionReport) -> dict:
    recorded = {t.kind: t for t in report.times.all()}
    sheet = report.call_sheet
    out = {}
    for kind in KINDS:
        t = recorded.get(kind)
        minutes = t.minutes if t else None
        out[kind] = {
            "label": LABELS[kind],
            "clock": _clock(minutes),
            "shown": format_minutes(minutes),
            "grace": bool(t and t.grace),
            "note": t.note if t else "",
        }
    out["crew_call"]["planned"] = time_of_day(sheet.crew_call)
    out["first_shot"]["planned"] = time_of_day(sheet.shooting_call)
    out["meal_out"]["planned"] = time_of_day(sheet.lunch)
    out["camera_wrap"]["planned"] = time_of_day(sheet.est_wrap)
    return out


def _cast_doc(report: ProductionReport) -> list[dict]:
    from .castsheet import signed_text

    tz = report.production.tzinfo
    rows = sorted(
        report.cast_times.select_related("person"),
        key=lambda c: (
            not c.cast_number.isdigit(),
            int(c.cast_number or 0) if c.cast_number.isdigit() else 0,
            c.cast_number,
        ),
    )
    return [
        {
            "id": c.cast_number,
            "person_id": c.person_id,
            "name": c.person.display_name,
            "character": c.character,
            "status": c.status,
            "minor": c.minor,
            "report": _clock(c.report_makeup),
            "on_set": _clock(c.on_set),
            "meal_out": _clock(c.meal_out),
            "meal_in": _clock(c.meal_in),
            "second_meal_out": _clock(c.second_meal_out),
            "second_meal_in": _clock(c.second_meal_in),
            "dismiss": _clock(c.dismiss),
            "meal_penalties": c.meal_penalties,
            "meal_penalties_text": meal_penalty_text(c.meal_penalties),
            # The engine's answer: a short rest computed from the times, or marked by the 2nd AD.
            "forced_call": c.rest_invaded,
            "rest_invaded": c.rest_invaded,
            "signed": signed_text(c, tz),
        }
        for c in rows
    ]


def _crew_doc(rows: list[CrewDay]) -> list[dict]:
    groups: dict[int | None, dict] = {}
    for row in rows:
        key = row.department.pk if row.department else None
        group = groups.setdefault(
            key,
            {
                "department": row.department.name if row.department else "Other",
                "department_id": key,
                "people": [],
            },
        )
        group["people"].append(
            {
                "person_id": row.person.pk,
                "name": row.person.display_name,
                "position": row.person.position,
                "in": _clock(row.call),
                "out": _clock(row.wrap),
                "meal_out": _clock(row.meal_out),
                "meal_in": _clock(row.meal_in),
                "second_meal_out": _clock(row.second_meal_out),
                "second_meal_in": _clock(row.second_meal_in),
                "penalties": row.penalties,
                "penalties_text": meal_penalty_text(row.penalties),
                "deviation": row.deviation,
                "note": row.note,
            }
        )
    return list(groups.values())


def _background_doc(report: ProductionReport) -> tuple[list[dict], dict]:
    lines = [
        {
            "description": b.description,
            "union": b.union,
            "count": b.count,
            "called": b.called,
            "vouchers": b.vouchers,
            "difference": b.vouchers - b.called,
            "rate": str(b.rate) if b.rate is not None else "",
            "call": _clock(b.call),
            "wrap": _clock(b.wrap),
            "meal_out": _clock(b.meal_out),
            "meal_in": _clock(b.meal_in),
        }
        for b in report.background.all()
    ]
    totals = {
        "union": sum(b["count"] for b in lines if b["union"]),
        "non_union": sum(b["count"] for b in lines if not b["union"]),
        "count": sum(b["count"] for b in lines),
        "called": sum(b["called"] for b in lines),
        "vouchers": sum(b["vouchers"] for b in lines),
    }
    totals["difference"] = totals["vouchers"] - totals["called"]
    return lines, totals


def missing_for_submit(report: ProductionReport, document: dict | None = None) -> list[str]:
    """What must be in before the report can be submitted, each named."""
    document = document or report_document(report)
    missing = [
        f"{document['times'][kind]['label']} time"
        for kind in REQUIRED_TIMES
        if not document["times"][kind]["clock"]
    ]
    for group in document["crew"]:
        nobody_out = [p["name"] for p in group["people"] if not p["out"]]
        if nobody_out:
            missing.append(
                f"{group['department']} wrap ({len(nobody_out)} "
                f"{'person' if len(nobody_out) == 1 else 'people'} without an out time)"
            )
    if not document["scenes"] and scheduled_strips(report):
        missing.append("the scenes (none recorded: the script supervisor's page)")
    for row in document["cast"]:
        if row["on_set"] and not row["dismiss"]:
            missing.append(f"{row['name']}'s dismiss time")
    return missing


def _moment_text(moment: dt.datetime | None, tz) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment, tz)
    return f"{local:%b} {local.day}, {local:%Y} {time_of_day(local)} {local.tzname()}"


def _who(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _stamp(report: ProductionReport) -> dict:
    tz = report.production.tzinfo
    return {
        "version": report.version,
        "status": report.status,
        "status_label": report.get_status_display(),
        "reason": report.reason,
        "changes": report.changes,
        "submitted": _moment_text(report.submitted_at, tz),
        "submitted_by": _who(report.submitted_by),
        "approved": _moment_text(report.approved_at, tz),
        "approved_by": _who(report.approved_by),
    }


def report_document(report: ProductionReport) -> dict:
    """The whole report as data: live while in the works, the frozen snapshot once approved
    (its status and stamps as they stand now)."""
    if report.is_frozen and report.snapshot:
        document = {k: v for k, v in report.snapshot.items() if k != HOT_COST_KEY}
        return {**document, "report": {**document["report"], **_stamp(report)}}
    return build_document(report)


def build_document(report: ProductionReport) -> dict:
    production = report.production
    schedule = report_schedule(report)
    times = _set_times(report)
    progress, scenes = _progress_doc(report, schedule)
    background, background_totals = _background_doc(report)
    crew = _crew_doc(crew_days(report, times))
    days_total = len(schedule.days)
    document = {
        "production": {"title": production.title, "company": production.company},
        "report": {
            "day": report.day_number,
            "days_total": days_total,
            "day_of": f"Day {report.day_number} of {days_total}",
            "date": report.date.isoformat(),
            "date_text": f"{report.date:%A, %B %-d, %Y}",
            "unit": report.unit,
            "unit_label": report.get_unit_display(),
            "call_sheet": report.call_sheet.number,
            **_stamp(report),
        },
        "times": _times_doc(report),
        "scenes": scenes,
        "progress": progress,
        "cast": _cast_doc(report),
        "crew": crew,
        "crew_count": sum(len(g["people"]) for g in crew),
        "background": background,
        "background_totals": background_totals,
        "weather": report.weather,
        "locations": report.locations,
        "camera_media": report.camera_media,
        "sound_media": report.sound_media,
        "equipment": report.equipment,
        "meals_served": [
            {"meal": meal, "count": count} for meal, count in (report.meals_served or {}).items()
        ],
        "delays": [{"reason": d.reason, "minutes": d.minutes} for d in report.delays.all()],
        "incidents": [
            {
                "who": i.who,
                "what": i.what,
                "at": _clock(i.at),
                "at_shown": format_minutes(i.at),
                "first_aid": i.first_aid,
                "report_filed": i.report_filed,
            }
            for i in report.incidents.all()
        ],
        "notes": report.notes,
        "visitors": report.visitors,
        "printed": _moment_text(timezone.now(), production.tzinfo),
    }
    document["missing"] = missing_for_submit(report, document)
    return document


def document_changes(before: dict, after: dict) -> list[str]:
    """What differs between two versions' documents, in words (for the correction's list)."""
    changes = []
    for kind in KINDS:
        old = before.get("times", {}).get(kind, {}).get("shown", "")
        new = after.get("times", {}).get(kind, {}).get("shown", "")
        if old != new:
            changes.append(f"{LABELS[kind]}: {old or '—'} → {new or '—'}")
    old_scenes = {s["number"]: s for s in before.get("scenes", [])}
    new_scenes = {s["number"]: s for s in after.get("scenes", [])}
    for number in dict.fromkeys([*old_scenes, *new_scenes]):
        old, new = old_scenes.get(number), new_scenes.get(number)
        if old is None:
            changes.append(f"Scene {number} added ({new['status_label']})")
        elif new is None:
            changes.append(f"Scene {number} removed")
        else:
            for field in ("status_label", "eighths_shot", "minutes", "setups"):
                if old.get(field) != new.get(field):
                    changes.append(
                        f"Scene {number} {field.replace('_label', '').replace('_', ' ')}: "
                        f"{old.get(field)} → {new.get(field)}"
                    )
    changes += _row_changes(
        "Cast",
        before.get("cast", []),
        after.get("cast", []),
        "person_id",
        ("report", "on_set", "meal_out", "meal_in", "second_meal_out", "second_meal_in", "dismiss"),
    )
    old_crew = [p for g in before.get("crew", []) for p in g["people"]]
    new_crew = [p for g in after.get("crew", []) for p in g["people"]]
    changes += _row_changes(
        "Crew", old_crew, new_crew, "person_id", ("in", "out", "meal_out", "meal_in")
    )
    changes += _row_changes(
        "Background",
        before.get("background", []),
        after.get("background", []),
        "description",
        ("count", "vouchers", "call", "wrap"),
    )
    for field in (
        "weather",
        "locations",
        "camera_media",
        "sound_media",
        "equipment",
        "notes",
        "visitors",
        "meals_served",
        "delays",
        "incidents",
    ):
        if before.get(field) != after.get(field):
            changes.append(f"{field.replace('_', ' ').capitalize()} changed")
    return changes


def _row_changes(title: str, before: list, after: list, key: str, fields: tuple) -> list[str]:
    old = {r[key]: r for r in before}
    new = {r[key]: r for r in after}
    out = []
    for k in dict.fromkeys([*old, *new]):
        a, b = old.get(k), new.get(k)
        name = (b or a).get("name") or (b or a).get("description") or k
        if a is None:
            out.append(f"{title}: {name} added")
        elif b is None:
            out.append(f"{title}: {name} removed")
        else:
            diffs = [
                f"{f.replace('_', ' ')} {a.get(f) or '—'} → {b.get(f) or '—'}"
                for f in fields
                if a.get(f) != b.get(f)
            ]
            if diffs:
                out.append(f"{title}: {name}: " + ", ".join(diffs))
    return out


# The day's times the command prints, in the day's order.
COMMAND_TIMES = (
    "crew_call",
    "first_shot",
    "meal_out",
    "meal_in",
    "first_shot_after_meal",
    "second_meal_out",
    "second_meal_in",
    "camera_wrap",
    "last_out",
)


def report_as_json(document: dict) -> dict:
    """The report as `manage.py production_report --json` prints it: times as "HH:MM" (past
    midnight "25:30"), null when not recorded; pages in eighths; screen time as "M:SS" with
    its seconds."""
    progress = document["progress"]
    minutes = progress["minutes"]
    return {
        "date": document["report"]["date"],
        "day": document["report"]["day"],
        "unit": document["report"]["unit"],
        "version": document["report"]["version"],
        "status": document["report"]["status"],
        "times": {kind: document["times"][kind]["clock"] or None for kind in COMMAND_TIMES},
        "scenes": [
            {
                "number": s["number"],
                "status": s["status"],
                "eighths": s["eighths"],
                "credited": s["credited"],
                "retake": s["retake"],
            }
            for s in document["scenes"]
        ],
        "pages": {
            key: progress["pages"][key]
            for key in ("previous", "today", "to_date", "script_total", "remaining")
        },
        "minutes": {
            "today": minutes["shown"]["today"],
            "to_date": minutes["shown"]["to_date"],
            "today_seconds": minutes["today"],
            "to_date_seconds": minutes["to_date"],
        },
        "setups": {"today": progress["setups"]["today"], "to_date": progress["setups"]["to_date"]},
        "cast": [
            {
                "id": c["id"],
                "name": c["name"],
                "status": c["status"],
                "report": c["report"] or None,
                "on_set": c["on_set"] or None,
                "meal_out": c["meal_out"] or None,
                "meal_in": c["meal_in"] or None,
                "dismiss": c["dismiss"] or None,
                "meal_penalties": c["meal_penalties"],
            }
            for c in document["cast"]
        ],
    }
