"""A cast member marked N/W (not working): flagged when they are in today's scenes, never
given a call in the calendar, the e-mail or the phone page (issue 15, review of item 2)."""

from callboard.callsheets.calendar import person_calendar
from callboard.callsheets.checks import blocking, findings_digest
from callboard.callsheets.queries import issue, sheet_findings, sheet_view
from callboard.callsheets.services import callsheet_create, callsheet_publish
from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery
from callboard.people.models import DistributionGroup

from .ready import cast_times, make_ready


def _mary_nw(shooting, **entry):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    times = cast_times(sheet)
    row = next(r for r in sheet_view(sheet).cast if r.element.name == "MARY")
    times[str(row.element.pk)] = entry or {"on_set": "N/W"}
    return make_ready(sheet, cast_calls=times), row


def _publish(sheet):
    found = blocking(sheet_findings(sheet_view(sheet)))
    return callsheet_publish(
        actor=None,
        sheet=sheet,
        overrides={f.code: "Test" for f in found},
        seen=findings_digest(found),
    )


def test_a_cast_member_marked_nw_in_a_scene_they_play_is_flagged(shooting):
    """MARY is in scene 1 today, but her on-set call reads N/W: she gets no sides and the
    sheet contradicts itself."""
    times = {"pickup": "06:00", "makeup": "06:30", "on_set": "N/W"}
    sheet, _ = _mary_nw(shooting, **times)
    found = {f.code: f for f in sheet_findings(sheet_view(sheet))}
    assert found["cast-not-working"].severity == "error"
    message = found["cast-not-working"].message
    assert "(#1) is marked N/W (not working) but works in scene 1" in message


def test_a_cast_member_marked_nw_gets_no_calendar_event(shooting):
    sheet, row = _mary_nw(shooting)
    _publish(sheet)
    feed = person_calendar(row.person).decode()
    assert "N/W" not in feed, feed
    assert "BEGIN:VEVENT" not in feed


def test_the_phone_page_and_e_mail_say_not_working_not_a_call(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet, row = _mary_nw(shooting)
    sheet = _publish(sheet)
    call = issue(sheet_view(sheet)).calls[row.person.pk]
    assert not call.working and call.first is None
    cast = DistributionGroup.objects.get(production=sheet.production, kind="cast")
    url = f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/send/"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"group": [cast.pk], "send_key": "nw"})
    delivery = Delivery.objects.get(person=row.person)
    body = OutboundEmail.objects.filter(to=delivery.address).latest("id").body
    assert "Your call" not in body and "N/W" not in body.split("Crew call")[0]
    assert "You are not working today" in body
    link = next(line for line in body.splitlines() if "/l/call/" in line)
    phone = client.get(link[link.index("/l/call/") :].strip()).content.decode()
    assert "your call</div>" not in phone
    assert "not working today" in phone and "on set N/W" not in phone
