"""Issue 15, item 4: a draft is not a published sheet. Every page of an unpublished version's
PDF says DRAFT, and so does its file name; a published version carries its version number and
the time it was published, in the production's time zone with the zone named."""

import io
import re

from django.utils import timezone
from pypdf import PdfReader

from callboard.callsheets.models import CallSheet
from callboard.callsheets.services import callsheet_create, callsheet_revise
from callboard.core.timefmt import time_of_day

from .ready import publish_despite


def _url(sheet, kind):
    return f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/{kind}.pdf"


def _publish(sheet: CallSheet) -> CallSheet:
    """Publish whatever the checks say (each finding given a reason, as the office may)."""
    return publish_despite(sheet, "Printing test")


def _download(client, sheet, kind="call-sheet"):
    response = client.get(_url(sheet, kind))
    assert response.status_code == 200, response.content[:300]
    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    return name, pages


def test_every_page_of_a_draft_says_draft_and_so_does_its_file_name(shooting, coordinator_client):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    name, pages = _download(coordinator_client, sheet)
    assert name == f"{sheet.production.slug}-call-sheet-{sheet.number}-v1-DRAFT.pdf"
    assert len(pages) == 2  # front and back
    assert all("DRAFT" in page for page in pages)
    assert not any("Published" in page for page in pages)
    cover_name, cover = _download(coordinator_client, sheet, "cover")
    assert cover_name.endswith("-v1-cover-DRAFT.pdf")
    assert all("DRAFT" in page for page in cover)


def test_a_published_version_carries_its_number_and_publishing_time_and_no_draft(
    shooting, coordinator_client
):
    sheet = _publish(callsheet_create(actor=None, scenario=shooting, day_number=1))
    name, pages = _download(coordinator_client, sheet)
    assert name == f"{sheet.production.slug}-call-sheet-{sheet.number}-v1.pdf"
    assert not any("DRAFT" in page for page in pages)
    local = timezone.localtime(sheet.published_at, sheet.production.tzinfo)
    when = f"{local:%b} {local.day}, {local:%Y} {time_of_day(local)} {local.tzname()}"
    front = " ".join(pages[0].split())
    assert "VERSION 1" in front.upper()
    assert f"Published {when}" in front.replace("PUBLISHED", "Published")
    assert all(f"Published {when}" in " ".join(page.split()) for page in pages)  # the footer


def test_a_revision_is_a_draft_again_until_it_is_published(shooting, coordinator_client):
    first = _publish(callsheet_create(actor=None, scenario=shooting, day_number=1))
    revision = callsheet_revise(actor=None, sheet=first)
    name, pages = _download(coordinator_client, revision)
    assert name.endswith("-v2-DRAFT.pdf")
    assert all("DRAFT" in page for page in pages)
    name, pages = _download(coordinator_client, first)  # the published one is unchanged
    assert name.endswith("-v1.pdf") and not any("DRAFT" in page for page in pages)
    name, pages = _download(coordinator_client, _publish(revision))
    assert name.endswith("-v2.pdf") and not any("DRAFT" in page for page in pages)
    assert "VERSION 2" in pages[0].upper()


def test_a_drafts_sides_say_draft_on_every_page_and_a_published_ones_do_not(
    shooting, coordinator_client
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    name, pages = _download(coordinator_client, sheet, "sides")
    assert name.endswith("-v1-sides-DRAFT.pdf")
    assert len(pages) >= 2 and all("DRAFT" in page for page in pages)
    name, pages = _download(coordinator_client, _publish(sheet), "sides")
    assert name.endswith("-v1-sides.pdf") and not any("DRAFT" in page for page in pages)
