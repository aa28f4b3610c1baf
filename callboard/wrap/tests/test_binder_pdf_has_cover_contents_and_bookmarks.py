"""The binder is one PDF: the cover, the contents with page numbers, then every document, with
a bookmark per section and one per document under it; the ZIP holds the same documents in a
numbered folder per section."""

import io

import pytest
from pypdf import PdfReader

from callboard.wrap.binder import services
from callboard.wrap.models import Binder

from .helpers import outline, seed, zip_names

SECTIONS = ["crew", "cast", "vendors", "sag_cast", "packet_status", "incidents"]


@pytest.mark.django_db
def test_the_binder_has_its_cover_contents_and_a_bookmark_per_section_and_document(
    production, coordinator, django_capture_on_commit_callbacks
):
    seed(production)
    membership = production.memberships.get(user=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        binder = services.binder_request(
            production=production,
            membership=membership,
            actor=coordinator,
            edition="office",
            sections=SECTIONS,
        )
    binder.refresh_from_db()
    assert binder.status == Binder.Status.DONE, binder.failures
    assert binder.failures == []
    pdf = binder.pdf.read()
    reader = PdfReader(io.BytesIO(pdf))
    cover = reader.pages[0].extract_text()
    assert "The Test Show" in cover and "Test Pictures LLC" in cover
    assert "Office edition" in cover
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Final crew list" in contents
    marks = outline(pdf)
    assert [m[0] for m in marks] == ["Cover and contents"] + [
        "1. Final crew list",
        "2. Final cast list",
        "3. Vendor list",
        "4. Cast list for SAG-AFTRA",
        "5. Start-packet status",
        "6. Incident reports",
    ]
    for _title, page, children in marks[1:]:
        assert len(children) == 1 and children[0][1] == page
        # The contents give the page each section starts on (pages count from 1).
        assert f"{page + 1}" in contents
    assert binder.page_count == len(reader.pages)
    names = zip_names(binder.zip.read())
    assert names[0] == "00 Cover and contents.pdf"
    folders = sorted({n.split("/")[0] for n in names if "/" in n})
    assert folders == [
        "01 Final crew list",
        "02 Final cast list",
        "03 Vendor list",
        "04 Cast list for SAG-AFTRA",
        "05 Start-packet status",
        "06 Incident reports",
    ]
    assert "01 Final crew list/001 crew-list.pdf" in names
