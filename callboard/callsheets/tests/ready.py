"""What the checks ask of every sheet before it goes out, beyond the schedule: for tests whose
subject is something else (sending, links, calendars), so their sheet publishes cleanly."""

from callboard.callsheets.checks import blocking, findings_digest
from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_publish, callsheet_update

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


def publish_despite(sheet, reason="Test", actor=None):
    """Published whatever the checks find, a reason given for each kind of error against the
    findings as they read now (as the office may): for tests whose subject is something else."""
    found = blocking(sheet_findings(sheet_view(sheet)))
    return callsheet_publish(
        actor=actor,
        sheet=sheet,
        overrides=dict.fromkeys({f.code for f in found}, reason),
        seen=findings_digest(found),
    )


def publish_form(sheet, **reasons) -> dict:
    """The publish form as the page posts it: a reason per kind of error (``reasons`` by code,
    with - as _) and the fingerprint of the findings the page showed."""
    found = blocking(sheet_findings(sheet_view(sheet)))
    form = {f"seen_{code}": digest for code, digest in findings_digest(found).items()}
    form.update({f"override_{code.replace('_', '-')}": text for code, text in reasons.items()})
    return form
