"""A call sheet whose personal calls fall outside the location's permitted hours does not
publish: the finding names whose call it is, and a reason lets it through (issue 19)."""

from datetime import time

import pytest

from callboard.callsheets.checks import blocking
from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.callsheets.services import (
    CallSheetError,
    callsheet_create,
    callsheet_publish,
    callsheet_update,
)
from callboard.people.models import Person

from .ready import make_ready, publish_despite
from .test_call_sheet_takes_its_place_and_permit_from_the_location import _bailey_house, _permit


def _permit_messages(sheet):
    return [f.message for f in sheet_findings(sheet_view(sheet)) if f.code == "permit-hours"]


def test_an_early_makeup_call_and_a_rigger_s_pre_call_block_publishing_by_name(shooting):
    """Crew call 7:00 and Jimmy in makeup at 6:30 inside permitted hours of 6:30 AM–8:00 PM;
    Donna in makeup at 5:00 and a grip's pre-call at 6:00 are not."""
    _permit(_bailey_house(shooting.production), opens=time(6, 30), closes=time(20, 0))
    sheet = make_ready(callsheet_create_day_one(shooting))
    donna = sheet_view(sheet).cast[0]
    grip = Person.objects.get(production=shooting.production, first_name="Crew2")
    sheet = callsheet_update(
        actor=None,
        sheet=sheet,
        cast_calls={
            **sheet.cast_calls,
            str(donna.element.pk): {"pickup": "04:30", "makeup": "05:00", "on_set": "08:00"},
        },
        person_calls={str(grip.pk): "06:00"},
        background=[{"description": "Bank clerks", "count": "4", "call": "07:30", "notes": ""}],
    )
    donna_name, grip_name = str(donna.person), grip.display_name
    hours = "The Bailey House's permitted hours (6:30 AM–8:00 PM, permit FLA-42)"
    assert _permit_messages(sheet) == [
        f"1 call outside {hours}: {donna_name} (#1) H/MU 5:00 AM",
        f"1 call outside {hours}: {grip_name} 6:00 AM",
    ]
    with pytest.raises(CallSheetError, match=rf"{donna_name} \(#1\) H/MU 5:00 AM"):
        callsheet_publish(actor=None, sheet=sheet)
    sheet.refresh_from_db()
    assert not sheet.is_published

    published = publish_despite(sheet, reason="Makeup in the trailers off the permit area")
    assert published.is_published
    assert {o["code"] for o in published.overrides} == {"permit-hours"}
    assert any(donna_name in o["message"] for o in published.overrides)


def test_calls_inside_the_permitted_hours_publish_cleanly(shooting):
    _permit(_bailey_house(shooting.production), opens=time(6, 0), closes=time(20, 0))
    sheet = make_ready(callsheet_create_day_one(shooting))
    assert _permit_messages(sheet) == []
    assert blocking(sheet_findings(sheet_view(sheet))) == []


def callsheet_create_day_one(shooting):
    return callsheet_create(actor=None, scenario=shooting, day_number=1)
