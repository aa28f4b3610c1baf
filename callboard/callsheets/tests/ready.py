"""What the checks ask of every sheet before it goes out, beyond the schedule: for tests whose
subject is something else (sending, links, calendars), so their sheet publishes cleanly."""

from callboard.callsheets.queries import sheet_view
from callboard.callsheets.services import callsheet_update

READY = {"hospital_name": "Good Samaritan", "safety_hotline": "(800) 555-0199"}


def cast_times(sheet) -> dict:
    """Each working cast member picked up at 6:00, in hair/makeup at 6:30, on set at 8:00."""
    times = {"pickup": "06:00", "makeup": "06:30", "on_set": "08:00"}
    return {str(row.element.pk): dict(times) for row in sheet_view(sheet).cast if row.works}


def cast_inputs(sheet) -> dict:
    """The same times as the editor's inputs (cast_<pk>_pickup ...), for posting the form."""
    return {
        f"cast_{pk}_{part}": value
        for pk, entry in cast_times(sheet).items()
        for part, value in entry.items()
    }


def make_ready(sheet, **fields):
    """The sheet with a hospital, a safety hotline and every working cast member's times."""
    return callsheet_update(
        actor=None, sheet=sheet, **{**READY, "cast_calls": cast_times(sheet), **fields}
    )
