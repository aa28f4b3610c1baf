"""The recipient's phone page and its PDF link print the sheet as the PDF does: D/N with the
script's word, times one way in the production's time zone, the published file name."""

from django.utils import timezone

from callboard.callsheets.services import callsheet_create
from callboard.core.models import OutboundEmail
from callboard.core.timefmt import time_of_day
from callboard.distribution.models import Delivery
from callboard.people.models import DistributionGroup
from callboard.schedule.models import Strip

from .test_call_sheet_pdf_says_draft_until_published import _publish
from .test_call_sheet_scenes_and_header_read_from_the_board import _continuous


def test_the_phone_page_shows_the_resolved_d_n_and_the_confirmation_in_local_time(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    _continuous(Strip.objects.get(production=shooting.production, scene_number="2"))
    sheet = _publish(callsheet_create(actor=None, scenario=shooting, day_number=1))
    cast = DistributionGroup.objects.get(production=sheet.production, kind="cast")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/send/",
            {"group": [cast.pk], "send_key": "phone"},
        )
    delivery = Delivery.objects.get(person__character="MARY")
    body = OutboundEmail.objects.filter(to=delivery.address).latest("id").body
    link = next(line for line in body.splitlines() if "/l/call/" in line)
    link = link[link.index("/l/call/") :].strip()
    page = client.get(link).content.decode()
    assert 'D <span class="muted">CONTINUOUS</span>' in page
    client.post(link)
    delivery.refresh_from_db()
    local = timezone.localtime(delivery.confirmed_at, sheet.production.tzinfo)
    assert f"You confirmed at {time_of_day(local)}" in client.get(link).content.decode()
    pdf = client.get(link + "call-sheet.pdf")
    assert pdf.status_code == 200
    assert f'filename="{sheet.production.slug}-call-sheet-1-v1.pdf"' in pdf["Content-Disposition"]
