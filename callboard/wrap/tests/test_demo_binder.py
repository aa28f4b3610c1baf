"""The demo production's binder, every section of the payroll edition (which holds them all):
each section built from the demo's records, with its bookmark and one per document."""

import io

import pytest
from pypdf import PdfReader

from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member
from callboard.demo.build import demo_production_build
from callboard.wrap.binder import services
from callboard.wrap.binder.sections import SECTIONS, sections_for
from callboard.wrap.models import Binder

from .helpers import outline, zip_names


@pytest.mark.django_db
def test_the_demo_binder_has_a_bookmark_for_every_section_and_document(
    django_capture_on_commit_callbacks,
):
    production = demo_production_build()
    user = add_member(production, Role.STUDIO_ADMIN)
    membership = Membership.objects.get(production=production, user=user)
    keys = [s.key for s in sections_for("payroll")]
    with django_capture_on_commit_callbacks(execute=True):
        binder = services.binder_request(
            production=production,
            membership=membership,
            actor=user,
            edition="payroll",
            sections=keys,
        )
    binder.refresh_from_db()
    assert binder.status == Binder.Status.DONE
    assert binder.failures == []
    pdf = binder.pdf.read()
    marks = outline(pdf)[1:]
    assert [m[0] for m in marks] == [f"{n}. {SECTIONS[k].title}" for n, k in enumerate(keys, 1)]
    by_title = {m[0].split(". ", 1)[1]: m[2] for m in marks}
    # The demo has records in every part: each section bound at least one document.
    assert all(by_title.values()), [t for t, docs in by_title.items() if not docs]
    assert any(t.startswith("Call sheet #") for t, _ in by_title["Call sheets"])
    assert any(t.startswith("DPR day") for t, _ in by_title["Production reports and Exhibit Gs"])
    assert any(t.startswith("Start packet") for t, _ in by_title["Signed start packets"])
    documents = sum(len(children) for *_, children in marks)
    assert documents == binder.document_count
    assert len(PdfReader(io.BytesIO(pdf)).pages) == binder.page_count
    names = [n for n in zip_names(binder.zip.read()) if n.endswith(".pdf") and "/" in n]
    assert len(names) == documents
