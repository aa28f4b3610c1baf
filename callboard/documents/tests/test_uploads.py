"""Identity documents: only real photos and PDFs, big photos downscaled, nothing kept from a
refused file, served to the office only with every look recorded."""

import io
import os
import pathlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from callboard.core.models import AuditEvent, OutboundEmail
from callboard.documents.render import render_pdf
from callboard.documents.uploads import UploadError, check_upload
from callboard.paperwork.models import PacketUpload
from callboard.paperwork.services import PacketError, packet_create, packet_form_submit, packet_send
from callboard.people.testing import make_person


def _jpeg(size=(800, 600), noise=False) -> bytes:
    image = Image.new("RGB", size, (200, 180, 160))
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=100)
    return out.getvalue()


def test_a_small_photo_and_a_pdf_are_kept_as_they_are():
    photo = _jpeg()
    assert check_upload(photo).data == photo
    pdf = render_pdf(pathlib.Path(__file__).parents[2] / "people" / "typst" / "crew_list.typ", {})
    assert check_upload(pdf).content_type == "application/pdf"


def test_a_huge_photo_is_downscaled_to_a_readable_jpeg():
    big = _jpeg((5000, 4000), noise=True)
    assert len(big) > 20 * 1024 * 1024
    checked = check_upload(big)
    assert checked.downscaled and len(checked.data) < len(big) / 4
    assert max(Image.open(io.BytesIO(checked.data)).size) == 2400


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7 this is not really a pdf", "cannot be read"),
        (b"GIF89a" + b"\x00" * 100, "not a photo"),
        (b"MZ\x90\x00 an executable named passport.jpg", "not a photo"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(data, message):
    with pytest.raises(UploadError, match=message):
        check_upload(data)


def test_the_person_uploads_on_the_link_and_the_office_views_it_on_record(
    client, coordinator_client, production, django_capture_on_commit_callbacks
):
    person = make_person(production, start_date=date(2026, 3, 2))
    packet = packet_create(
        actor=None,
        production=production,
        person=person,
        kinds=["i9_section1"],
        start_date=date(2026, 3, 2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        packet_send(actor=None, packet=packet)
    body = OutboundEmail.objects.filter(to=person.email).latest("id").body
    link = body[body.index("/l/packet/") :].split()[0]
    form = packet.forms.get()
    with pytest.raises(PacketError, match="identity documents"):
        packet_form_submit(form=form, signature={"typed": "x"}, who="x")
    refused = client.post(
        f"{link}{form.pk}/",
        {"action": "upload", "document": SimpleUploadedFile("passport.jpg", b"MZ not a photo")},
    )
    assert refused.status_code == 400 and "not a photo" in refused.content.decode()
    assert not PacketUpload.objects.exists()
    client.post(
        f"{link}{form.pk}/",
        {"action": "upload", "document": SimpleUploadedFile("passport.jpg", _jpeg())},
    )
    upload = PacketUpload.objects.get()
    response = coordinator_client.get(
        f"/p/{production.slug}/paperwork/{packet.pk}/documents/{upload.pk}/"
    )
    assert response["Content-Type"] == "image/jpeg"
    assert AuditEvent.objects.filter(changes__has_key="viewed_document").exists()
