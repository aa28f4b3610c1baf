"""A change of bank details made at 11:30 PM in Los Angeles is reported as made that day, not
the next (UTC) one, wherever the findings are worked out (a page, or the approval check)."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from callboard.paperwork.queries import packet_findings
from callboard.paperwork.services import packet_form_submit
from callboard.paperwork.testing import bank_account_retyped, bank_details_given, bank_packet

LATE_EVENING = datetime(2027, 1, 14, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_a_late_evening_bank_change_is_dated_on_the_productions_day(
    production, django_capture_on_commit_callbacks
):
    assert production.time_zone == "America/Los_Angeles"
    packet = bank_packet(production)
    form = packet.forms.get()
    bank_details_given(form)
    bank_account_retyped(packet, form)
    utc = LATE_EVENING.astimezone(ZoneInfo("UTC"))
    clock = mock.patch("django.utils.timezone.now", return_value=utc)
    with clock, django_capture_on_commit_callbacks(execute=True):
        packet_form_submit(form=form, signature={"typed": "Ann Lee"}, who="Ann")
    # Worked out with no production clock active (as the approval check and tasks are).
    assert any("Direct deposit changed on Jan 14 " in f for f in packet_findings(packet)), (
        packet_findings(packet)
    )
