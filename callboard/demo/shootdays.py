"""The demo's first shoot days as they happened: each day's call sheet published and sent the
evening before, the day recorded from set (times by the 2nd AD, scenes by the script
supervisor), the status reports of first shot, lunch and wrap sent to the office, the DPR
filled, submitted and approved by the UPM (which sends it), and the next day's call sheet
drafted.

Everything goes through the services the pages call. The services that keep when something
happened are told the moment of the day it happened (``at``): the times from set (whose
status reports go only when a time is recorded on its day), the signatures, the submission
and the approval. Nothing else is told: the audit log and the sending record when the demo
was built. (The process's clock is never touched: a server building the demo keeps its own.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from callboard.callsheets.queries import sheet_view
from callboard.callsheets.services import (
    callsheet_create,
    callsheet_publish,
    callsheet_send,
    callsheet_update,
)
from callboard.people.models import Department, DistributionGroup, Person
from callboard.reports import exhibitg
from callboard.reports import services as reports
from callboard.reports.models import ProductionReport
from callboard.schedule.models import Strip
from callboard.schedule.queries import scenario_plan
from callboard.schedule.services import strip_move

# Where each day is shot (the board's first days are Rosie's alley, then St. Vibiana's).
PLACES = {
    "Rosie's Diner": {
        "location_name": "Rosie's Diner (exterior and alley)",
        "set_address": "1200 E 7th St, Los Angeles, CA 90021",
        "basecamp": "Lot at 1150 E 7th St",
        "crew_parking": "1300 Santa Fe Ave (shuttle every 10 min from 5:30 AM)",
        "latitude": Decimal("34.036100"),
        "longitude": Decimal("-118.239500"),
        "weather_summary": "Clear, cool night",
        "weather_high": "66°F",
        "weather_low": "49°F",
        "safety_notes": "Night exterior: wear reflective vests in the alley. Rain towers in "
        "use from 6 PM: watch for wet surfaces and cables.",
        "notes": "Closed set after lunch. No visitors without the UPM's OK.",
        "department_notes": [
            {"department": "Props", "note": "Police radio practical for sc. 9"},
            {"department": "Special Effects", "note": "Rain towers, sc. 34"},
        ],
    },
    "St. Vibiana's": {
        "location_name": "St. Vibiana's (church steps)",
        "set_address": "214 S Main St, Los Angeles, CA 90012",
        "basecamp": "Lot at 2nd St and Main St",
        "crew_parking": "Los Angeles St lot (walk 5 min)",
        "latitude": Decimal("34.050300"),
        "longitude": Decimal("-118.245800"),
        "weather_summary": "Overcast, light wind",
        "weather_high": "63°F",
        "weather_low": "48°F",
        "safety_notes": "Steps are slippery when wet: grip tape on the camera side. Public "
        "sidewalk: PAs hold pedestrians on the AD's call only.",
        "notes": "Finish sc. {carried} at Rosie's alley first, then company move to "
        "St. Vibiana's (15 min).",
        "department_notes": [
            {"department": "Transportation", "note": "Company move after the first scene"}
        ],
    },
}
COMMON = {
    "hospital_name": "Good Samaritan Hospital",
    "hospital_address": "1225 Wilshire Blvd, Los Angeles, CA 90017",
    "hospital_phone": "(213) 977-2121",
    "safety_hotline": "(800) 555-0199",
}
# Each day's times on its sheet: the first two end early enough for the cast's 12 hours of
# rest; day 3 is called later after day 2's long day.
SHEET_TIMES = [
    {"crew_call": time(7), "shooting_call": time(8), "lunch": time(13), "est_wrap": time(18)},
    {"crew_call": time(7), "shooting_call": time(8), "lunch": time(13), "est_wrap": time(19)},
    {
        "crew_call": time(8, 30),
        "shooting_call": time(9, 30),
        "breakfast": time(8),
        "lunch": time(14, 30),
        "est_wrap": time(20),
    },
]
BACKGROUND = [
    {"description": "Diner patrons", "count": "10", "call": "06:30", "notes": "Non-union"},
    {"description": "Uniformed officers", "count": "2", "call": "06:30", "notes": "Union"},
]
BACKGROUND_RATES = {"Diner patrons": Decimal("182.00"), "Uniformed officers": Decimal("208.00")}


@dataclass(frozen=True)
class ShotDay:
    """What happened on a day, as the 2nd AD and the script supervisor recorded it: times as
    typed on set ("25:30" past midnight), the scene left partly shot (its eighths shot today),
    delays and an incident."""

    times: dict[str, str]
    late_reason: str = ""
    part: tuple[int, int] | None = None  # (position on the day, eighths shot)
    delays: list[tuple[str, str, int]] = field(default_factory=list)  # (after, why, minutes)
    incident: dict | None = None
    vouchers_short: int = 0  # background vouchers handed in below the count
    camera_media: str = ""
    sound_media: str = ""
    meals_served: dict = field(default_factory=dict)


DAYS = [
    ShotDay(
        times={
            "crew_call": "7:00",
            "ndb_start": "7:00",
            "ndb_end": "7:15",
            "first_shot": "7:52",
            "meal_out": "12:40",
            "meal_in": "13:10",
            "first_shot_after_meal": "13:55",
            "camera_wrap": "17:50",
            "last_out": "18:35",
        },
        camera_media="A001–A006, B001–B004 (2 TB)",
        sound_media="Cards 1–2",
        meals_served={"breakfast": 165, "lunch": 172},
    ),
    ShotDay(
        times={
            "crew_call": "7:00",
            "ndb_start": "7:00",
            "ndb_end": "7:15",
            "first_shot": "8:34",
            "meal_out": "14:05",
            "meal_in": "14:35",
            "first_shot_after_meal": "15:20",
            "camera_wrap": "19:20",
            "last_out": "20:10",
        },
        late_reason="Rain tower pump failed; SFX swapped it before the first rehearsal",
        part=(-1, 4),
        delays=[
            ("first_shot", "Rain tower pump failed (SFX)", 40),
            ("meal_out", "Lunch held to finish the scene before the light changed", 35),
        ],
        incident={
            "position": "Company Grip",
            "what": "Cut on the left hand moving a C-stand in the alley; cleaned and dressed "
            "by the set medic, back to work.",
            "at": "10:20",
        },
        vouchers_short=1,
        camera_media="A007–A013, B005–B009 (2.4 TB)",
        sound_media="Cards 3–4",
        meals_served={"breakfast": 168, "lunch": 174},
    ),
]


def _at(production, day: date, clock: str, days_later: int = 0) -> datetime:
    """The production's moment at ``clock`` (HH:MM, "25:30" the next morning) of ``day``."""
    hours, minutes = (int(part) for part in clock.split(":"))
    return timezone.make_aware(
        datetime.combine(day + timedelta(days=days_later + hours // 24), time(hours % 24, minutes)),
        production.tzinfo,
    )


def _minutes(clock: str) -> int:
    hours, minutes = (int(part) for part in clock.split(":"))
    return hours * 60 + minutes


def sheet_drafted(*, actor, scenario, day_number: int, carried: str = ""):
    """The coordinator's sheet for the day: the set, the hospital and safety, background and
    the 2nd AD's cast times (pickup, then hair/makeup, then set, staggered)."""
    sheet = callsheet_create(actor=actor, scenario=scenario, day_number=day_number)
    plan_day = scenario_plan(scenario).days[day_number - 1]
    places = [info.location for info in plan_day.strips if info.location in PLACES]
    place = dict(PLACES[places[-1] if places else "Rosie's Diner"])
    place["notes"] = place["notes"].format(carried=carried)
    background = BACKGROUND if day_number <= 2 else BACKGROUND[:1]
    times = SHEET_TIMES[min(day_number, len(SHEET_TIMES)) - 1]
    sheet = callsheet_update(
        actor=actor, sheet=sheet, **COMMON, **place, **times, background=background
    )
    view = sheet_view(sheet)
    first = datetime.combine(sheet.date, sheet.crew_call) - timedelta(hours=1, minutes=30)
    cast_calls = {}
    for n, row in enumerate(r for r in view.cast if r.works):
        pickup = first + timedelta(minutes=15 * n)
        cast_calls[str(row.element.pk)] = {
            "pickup": f"{pickup:%H:%M}",
            "makeup": f"{pickup + timedelta(minutes=30):%H:%M}",
            "on_set": f"{pickup + timedelta(hours=2, minutes=15):%H:%M}",
        }
    return callsheet_update(actor=actor, sheet=sheet, cast_calls=cast_calls)


def _scene_rows(report, shot: ShotDay) -> list[dict]:
    """The script supervisor's lines: every scheduled scene complete, but the one left part."""
    from callboard.reports.queries import scheduled_strips

    strips = scheduled_strips(report)
    part = strips[shot.part[0]] if shot.part else None
    rows = []
    for strip in strips:
        eighths = strip.eighths or 1
        row = {"strip": strip, "status": "complete", "setups": 2 + eighths // 2}
        if strip == part:
            row |= {"status": "part", "eighths_shot": shot.part[1], "setups": 3}
            eighths = shot.part[1]
        row["seconds"] = eighths * 8  # about a minute a page
        rows.append(row)
    return rows


def _day_shot(*, logins, sheet, shot: ShotDay) -> ProductionReport:
    """One day on set, in the order it happens, each step at its time of day."""
    production, day = sheet.production, sheet.date
    second_ad, scripty, upm = logins["secondad"], logins["scripty"], logins["upm"]
    report = reports.report_start(actor=second_ad, call_sheet=sheet)
    wrap = _minutes(shot.times["camera_wrap"])
    for kind, clock in shot.times.items():
        # The scenes up to a status report are in before it goes (the supervisor's page).
        if kind in ("meal_in", "camera_wrap"):
            rows = _scene_rows(report, shot)
            if kind == "meal_in":  # by lunch, the first half of the day's scenes
                done = rows[: len(rows) // 2]
                rows = done + [
                    {"strip": r["strip"], "status": "not_shot"} for r in rows[len(done) :]
                ]
            reports.scene_progress_record(actor=scripty, report=report, rows=rows)
        reports.set_time_record(
            actor=second_ad,
            report=report,
            kind=kind,
            minutes=_minutes(clock),
            note=shot.late_reason if kind == "first_shot" else "",
            at=_at(production, day, clock),
        )
        for after, reason, minutes in shot.delays:
            if after == kind:
                reports.delay_add(actor=second_ad, report=report, reason=reason, minutes=minutes)
        if kind == "first_shot" and shot.incident:
            incident = shot.incident
            who = Person.objects.filter(
                production=production, position=incident["position"]
            ).first()
            reports.incident_add(
                actor=second_ad,
                report=report,
                who=f"{who.display_name}, {who.position}",
                what=incident["what"],
                at=_minutes(incident["at"]),
                first_aid=True,
                report_filed=True,
            )

    # After wrap: the 2nd AD's paperwork (cast, departments, background, the rest).
    evening = _at(production, day, shot.times["last_out"])
    reports.cast_times_prefill(actor=second_ad, report=report)
    # A performer on hold was not called: the 2nd AD clears the day's times on their row.
    held = {
        c.pk: {}
        for c in report.cast_times.all()
        if exhibitg.work_start(reports.cast_times_of(c)) is None
    }
    if held:
        reports.cast_times_save(actor=second_ad, report=report, rows=held)
    for department in Department.objects.filter(people__in=_called(report)).distinct():
        late = 45 if department.name in ("Grip", "Electric", "Set Dressing") else 30
        reports.department_times_record(
            actor=second_ad, report=report, department=department, wrap=wrap + late
        )
    reports.background_prefill(actor=second_ad, report=report)
    lines = []
    for line in report.background.all():
        count = line.called or line.count
        lines.append(
            {
                "description": line.description,
                "union": line.union,
                "count": count,
                "called": line.called,
                "vouchers": count - (shot.vouchers_short if not line.union else 0),
                "rate": BACKGROUND_RATES.get(line.description),
                "call": line.call,
                "meal_out": _minutes(shot.times["meal_out"]),
                "meal_in": _minutes(shot.times["meal_in"]),
                "wrap": wrap,
            }
        )
    reports.background_record(actor=second_ad, report=report, lines=lines)
    reports.report_details_record(
        actor=second_ad,
        report=report,
        camera_media=shot.camera_media,
        sound_media=shot.sound_media,
        equipment="Condor 80' (1), 18K tow plant (1), rain towers (2), camera cube, "
        "grip and electric 10-tons",
        meals_served=shot.meals_served,
    )
    reports.report_submit(actor=second_ad, report=report, at=evening)
    # The performers sign their Exhibit G rows on their phones that night.
    for cast_time in report.cast_times.select_related("person"):
        if cast_time.report_makeup is None:  # on hold: not called, nothing to sign
            continue
        reports.cast_time_sign(
            cast_time=cast_time,
            name=cast_time.person.full_name,
            via=f"{cast_time.person.display_name} (link)",
            at=evening,
        )
    report, _ = reports.report_approve(actor=upm, report=report, at=_at(production, day, "21:30"))
    return report


def _called(report) -> list[int]:
    from callboard.callsheets.queries import issued

    return [pk for pk, call in issued(report.call_sheet).calls.items() if call.working]


def shoot_days_demo_build(*, production, scenario, logins, days_shot: int) -> dict:
    """Days 1..days_shot shot, approved and sent; the next day's sheet drafted. ``logins``:
    coordinator, secondad, scripty, upm (users)."""
    coordinator, upm = logins["coordinator"], logins["upm"]
    groups = DistributionGroup.objects.filter(production=production)
    office = groups.get(name="Producers & office")
    crew_and_cast = list(
        groups.filter(kind__in=[DistributionGroup.Kind.ALL_CREW, DistributionGroup.Kind.CAST])
    )
    reports.report_settings_update(
        actor=upm,
        production=production,
        status_group=office,
        status_by_text=False,
        report_group=office,
        tolerance_minutes=6,
        credit_parts=False,
    )
    made, carried = [], ""
    for number, shot in enumerate(DAYS[:days_shot], start=1):
        sheet = sheet_drafted(actor=coordinator, scenario=scenario, day_number=number)
        sheet = callsheet_publish(actor=coordinator, sheet=sheet)
        callsheet_send(
            actor=coordinator, sheet=sheet, groups=crew_and_cast, key=f"demo-day-{number}"
        )
        report = _day_shot(logins=logins, sheet=sheet, shot=shot)
        made.append(report)
        part = report.scenes.filter(status="part").first()
        if part is not None:  # the rest of the scene goes first thing tomorrow
            strip_move(
                actor=coordinator,
                scenario=scenario,
                strip=part.strip_id,
                target="day",
                day=number,
                before=_first_strip(scenario, number + 1),
            )
            carried = part.scene
    sheet_drafted(actor=coordinator, scenario=scenario, day_number=days_shot + 1, carried=carried)
    return {"reports": made, "carried": carried}


def _first_strip(scenario, day_number: int) -> int | None:
    strips = scenario_plan(scenario).days[day_number - 1].strips
    first = next((info for info in strips if info.kind == Strip.Kind.SCENE), None)
    return first.pk if first else None
