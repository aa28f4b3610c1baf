"""A release uploaded on the binder's page must be a real PDF or photo with a title and a kind;
anything else is refused with a message and nothing is filed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from callboard.wrap.binder import services
from callboard.wrap.models import WrapDocument


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _post(client, production, *, data: bytes, name="release.pdf", kind="appearance", title="Ana"):
    return client.post(
        f"/p/{production.slug}/wrap/binder/documents/",
        {"kind": kind, "title": title, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


@pytest.mark.django_db
def test_a_signed_release_is_filed_and_bound(coordinator_client, production):
    response = _post(coordinator_client, production, data=_pdf(), title="Ana Ruiz — street scene")
    assert "is on file for the binder" in response.content.decode()
    document = WrapDocument.objects.get(production=production)
    assert document.content_type == "application/pdf" and document.original_name == "release.pdf"
    docs = services_releases(production)
    assert [d.title for d in docs] == ["Appearance release — Ana Ruiz — street scene"]
    download = coordinator_client.get(f"/p/{production.slug}/wrap/binder/documents/{document.pk}/")
    assert download.status_code == 200


def services_releases(production):
    from callboard.wrap.binder.sections import releases_section

    return releases_section(production)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"data": b"MZ\x90\x00 not a document", "name": "release.pdf"}, "not a photo we can read"),
        ({"data": b"%PDF-1.7 broken"}, "cannot be read as one"),
        ({"data": b"GIF89a" + b"\x00" * 40, "name": "x.gif"}, "not a photo we can read"),
        ({"data": None, "kind": "contract"}, "Select a valid choice"),
        ({"data": None, "title": ""}, "This field is required"),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_filed(
    coordinator_client, production, fields, message
):
    data = fields.pop("data") or _pdf()
    response = _post(coordinator_client, production, data=data, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WrapDocument.objects.exists()


@pytest.mark.django_db
def test_an_empty_or_huge_file_is_refused(production, coordinator):
    with pytest.raises(services.BinderError, match="empty"):
        services.wrap_document_add(
            production=production,
            actor=coordinator,
            kind="materials",
            title="Logo",
            name="a.pdf",
            data=b"",
        )
    with pytest.raises(services.BinderError, match="up to 25 MB"):
        services.wrap_document_add(
            production=production,
            actor=coordinator,
            kind="materials",
            title="Logo",
            name="a.pdf",
            data=b"%PDF-" + b"0" * (26 * 1024 * 1024),
        )
    assert not WrapDocument.objects.exists()
