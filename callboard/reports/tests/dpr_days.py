"""A day on set filled in as the DPR needs it, for the DPR's tests (not a test module)."""

from callboard.people.models import Department, Person
from callboard.reports.services import (
    department_times_record,
    scene_progress_record,
    set_time_record,
)
from callboard.schedule.models import Strip

DAY_TIMES = [
    ("crew_call", 7 * 60),
    ("first_shot", 7 * 60 + 42),
    ("meal_out", 13 * 60),
    ("meal_in", 13 * 60 + 30),
    ("first_shot_after_meal", 13 * 60 + 50),
    ("camera_wrap", 19 * 60),
    ("last_out", 19 * 60 + 45),
]


def times_record(actor, report, times=DAY_TIMES):
    """The day's times, each one not recorded yet."""
    recorded = set(report.times.values_list("kind", flat=True))
    for kind, minutes in times:
        if kind not in recorded:
            set_time_record(actor=actor, report=report, kind=kind, minutes=minutes)


def wraps_record(actor, report, wrap=19 * 60 + 30):
    called = Person.objects.filter(production=report.production, kind="crew")
    for department in Department.objects.filter(pk__in=called.values("department")):
        department_times_record(actor=actor, report=report, department=department, wrap=wrap)


def day_filled(actor, report, scenes=(("1", "complete"),)):
    """Times, every department's wrap and the scenes: what submitting asks for."""
    times_record(actor, report)
    wraps_record(actor, report)
    scene_progress_record(
        actor=actor,
        report=report,
        rows=[
            {
                "strip": Strip.objects.get(production=report.production, scene_number=n),
                "status": status,
                "setups": 4,
                "seconds": 80,
            }
            for n, status in scenes
        ],
    )
    return report
