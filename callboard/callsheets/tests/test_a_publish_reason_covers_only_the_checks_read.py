"""A reason to publish despite an error covers the findings the coordinator read, not whatever
that kind of finding says by the time the form arrives (issue 15, review of item 1)."""

import pytest

from callboard.callsheets.checks import blocking, findings_digest
from callboard.callsheets.queries import sheet_findings, sheet_view
from callboard.callsheets.services import (
    CallSheetError,
    callsheet_create,
    callsheet_publish,
    callsheet_update,
)

from .ready import cast_times, make_ready


def _url(sheet, path=""):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{path}"


def _mary_before_makeup(shooting):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    times = cast_times(sheet)
    rows = {r.element.name: str(r.element.pk) for r in sheet_view(sheet).cast}
    times[rows["MARY"]].update(makeup="08:30")  # on set 8:00 before H/MU 8:30
    return make_ready(sheet, cast_calls=times), times, rows


def test_an_override_does_not_cover_a_finding_the_coordinator_never_saw(shooting):
    """The coordinator reads 'MARY is on set before H/MU' and gives a reason; before the POST
    lands, GEORGE's times change (another tab, a colleague) so he too is on set before H/MU.
    The reason was given for MARY's finding; it must not publish GEORGE's unseen one."""
    sheet, times, rows = _mary_before_makeup(shooting)
    seen = blocking(sheet_findings(sheet_view(sheet)))
    assert len(seen) == 1 and "Donna" in seen[0].message  # MARY is played by Donna
    digest = findings_digest(seen)["cast-times-order"]
    # the figures change after the page was read
    times[rows["GEORGE"]].update(pickup="09:00", makeup="11:00", on_set="07:00")
    sheet = callsheet_update(actor=None, sheet=sheet, cast_calls=times)
    assert len(blocking(sheet_findings(sheet_view(sheet)))) > len(seen)
    reason = {"cast-times-order": "Donna's H/MU is done on set"}
    with pytest.raises(CallSheetError, match="changed since you read them"):
        callsheet_publish(actor=None, sheet=sheet, overrides=reason)
    with pytest.raises(CallSheetError, match="changed since you read them"):
        callsheet_publish(
            actor=None, sheet=sheet, overrides=reason, seen={"cast-times-order": digest}
        )
    sheet.refresh_from_db()
    assert not sheet.is_published


def test_a_reason_for_the_findings_as_read_publishes_and_records_them(shooting):
    sheet, _, _ = _mary_before_makeup(shooting)
    seen = blocking(sheet_findings(sheet_view(sheet)))
    sheet = callsheet_publish(
        actor=None,
        sheet=sheet,
        overrides={"cast-times-order": "Donna's H/MU is done on set"},
        seen=findings_digest(seen),
    )
    assert sheet.is_published
    assert [o["message"] for o in sheet.overrides] == [seen[0].message]


def test_the_page_posts_what_was_read_and_a_change_in_between_asks_to_read_again(
    coordinator_client, shooting
):
    sheet, times, rows = _mary_before_makeup(shooting)
    page = coordinator_client.get(_url(sheet)).content.decode()
    digest = findings_digest(blocking(sheet_findings(sheet_view(sheet))))["cast-times-order"]
    assert f'name="seen_cast-times-order" value="{digest}"' in page
    form = {"override_cast-times-order": "Donna's H/MU is done on set"}
    form["seen_cast-times-order"] = digest
    times[rows["GEORGE"]].update(pickup="09:00", makeup="11:00", on_set="07:00")
    callsheet_update(actor=None, sheet=sheet, cast_calls=times)
    response = coordinator_client.post(_url(sheet, "publish/"), form, follow=True)
    sheet.refresh_from_db()
    assert not sheet.is_published
    text = response.content.decode()
    assert "The checks changed since you read them: read them again" in text
    # read again: the page now shows both findings, and its own fingerprint publishes
    fresh = findings_digest(blocking(sheet_findings(sheet_view(sheet))))["cast-times-order"]
    assert f'name="seen_cast-times-order" value="{fresh}"' in text
    form["seen_cast-times-order"] = fresh
    coordinator_client.post(_url(sheet, "publish/"), form)
    sheet.refresh_from_db()
    assert sheet.is_published
    assert len(sheet.overrides) == 2
