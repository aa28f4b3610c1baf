"""A section that cannot be built is named in the binder's contents and on the page; the other
sections are still built and bookmarked."""

import dataclasses
import io

import pytest
from pypdf import PdfReader

from callboard.wrap.binder.sections import SECTIONS
from callboard.wrap.models import Binder

from .helpers import outline, seed, zip_names


def _boom(production):
    raise RuntimeError("the vendor records could not be read")


@pytest.mark.django_db
def test_a_section_that_fails_is_named_and_the_rest_are_still_built(
    coordinator_client, production, monkeypatch, django_capture_on_commit_callbacks
):
    seed(production)
    monkeypatch.setitem(SECTIONS, "vendors", dataclasses.replace(SECTIONS["vendors"], build=_boom))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/p/{production.slug}/wrap/binder/build/",
            {"edition": "office", "sections": ["vendors", "cast", "crew"]},
        )
    assert response.status_code == 302
    binder = Binder.objects.get(production=production)
    assert binder.status == Binder.Status.DONE
    assert binder.failures == [
        {"key": "vendors", "title": "Vendor list", "error": "the vendor records could not be read"}
    ]
    pdf = binder.pdf.read()
    contents = PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
    assert "Not built: the vendor records could not be read" in contents
    marks = outline(pdf)
    assert [m[0] for m in marks[1:]] == [
        "1. Final crew list",
        "2. Final cast list",
        "3. Vendor list",
    ]
    assert [len(m[2]) for m in marks[1:]] == [1, 1, 0]
    names = zip_names(binder.zip.read())
    assert "03 Vendor list/README.txt" in names
    assert "02 Final cast list/001 cast-list.pdf" in names
    page = coordinator_client.get(f"/p/{production.slug}/wrap/binder/").content.decode()
    assert "Not built: Vendor list — the vendor records could not be read" in page
    row = coordinator_client.get(f"/p/{production.slug}/wrap/binder/{binder.pk}/progress/")
    assert b"Not built: Vendor list" in row.content and b"hx-trigger" not in row.content
