from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.locations import views
from callboard.locations.models import LocationDocument, Permit

from .conftest import pdf_bytes, png_bytes, url


def _permit(client, production, place, upload, **fields):
    return client.post(
        url(production, f"{place.pk}/permits/"),
        {
            "number": "FLA-2026-0042",
            "issuer": "FilmLA",
            "first_day": "2026-12-10",
            "last_day": "2026-12-11",
            "opens": "07:00",
            "closes": "22:00",
            "pdf": upload,
            **fields,
        },
    )


def test_a_permit_with_its_pdf_is_kept_and_served(coordinator_client, production, place):
    response = _permit(
        coordinator_client, production, place, SimpleUploadedFile("permit.pdf", pdf_bytes())
    )
    assert response.status_code == 302
    permit = Permit.objects.get()
    assert (permit.first_day, permit.last_day) == (date(2026, 12, 10), date(2026, 12, 11))
    served = coordinator_client.get(url(production, f"{place.pk}/permits/{permit.pk}/pdf/"))
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_a_photo_uploaded_as_the_permit_is_refused(coordinator_client, production, place):
    response = _permit(
        coordinator_client, production, place, SimpleUploadedFile("permit.pdf", png_bytes())
    )
    assert response.status_code == 400
    assert "The permit: send the PDF, not a photo." in response.content.decode()
    assert not Permit.objects.exists()


def test_a_permit_that_ends_before_it_starts_or_with_half_its_hours_saves_nothing(
    coordinator_client, production, place
):
    response = _permit(coordinator_client, production, place, "", last_day="2026-12-01")
    assert "ends (Dec 1, 2026) before it starts (Dec 10, 2026)" in response.content.decode()
    response = _permit(coordinator_client, production, place, "", closes="")
    assert "both ways" in response.content.decode()
    response = _permit(coordinator_client, production, place, "", first_day="next tuesday")
    assert response.status_code == 400 and "From: Enter a valid date." in response.content.decode()
    assert not Permit.objects.exists()


def test_a_text_file_named_pdf_is_not_an_agreement(coordinator_client, production, place):
    response = coordinator_client.post(
        url(production, f"{place.pk}/documents/"),
        {"kind": "agreement", "file": SimpleUploadedFile("agreement.pdf", b"%PDF- not really")},
    )
    assert response.status_code == 400
    assert "cannot be read as one" in response.content.decode()
    response = coordinator_client.post(
        url(production, f"{place.pk}/documents/"),
        {"kind": "photo", "file": SimpleUploadedFile("front.jpg", pdf_bytes())},
    )
    assert "a photo is a JPEG or PNG picture, not a PDF" in response.content.decode()
    assert not LocationDocument.objects.exists()


def test_a_huge_file_is_refused_before_it_is_read(
    coordinator_client, production, place, monkeypatch
):
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 1024)
    response = coordinator_client.post(
        url(production, f"{place.pk}/documents/"),
        {"kind": "other", "file": SimpleUploadedFile("big.pdf", pdf_bytes() + b" " * 2048)},
    )
    assert response.status_code == 400
    assert "send a smaller one" in response.content.decode()
    assert not LocationDocument.objects.exists()


def test_the_agreement_certificate_and_photos_are_kept_with_their_dates(
    coordinator_client, production, place
):
    for kind, name, data, dates in (
        ("agreement", "agreement.pdf", pdf_bytes(), {"starts": "2026-12-01", "ends": "2026-12-31"}),
        ("insurance", "coi.pdf", pdf_bytes(), {"ends": "2027-06-30"}),
        ("photo", "front.png", png_bytes(), {}),
    ):
        response = coordinator_client.post(
            url(production, f"{place.pk}/documents/"),
            {"kind": kind, "file": SimpleUploadedFile(name, data), **dates},
        )
        assert response.status_code == 302, response.content.decode()
    photo = LocationDocument.objects.get(kind="photo")
    page = coordinator_client.get(url(production, f"{place.pk}/")).content.decode()
    assert f"documents/{photo.pk}/" in page and "Jun 30, 2027" in page
    served = coordinator_client.get(url(production, f"{place.pk}/documents/{photo.pk}/"))
    assert served["Content-Type"] == "image/png"
    coordinator_client.post(url(production, f"{place.pk}/documents/{photo.pk}/remove/"))
    assert (
        coordinator_client.get(url(production, f"{place.pk}/documents/{photo.pk}/")).status_code
        == 404
    )
    assert LocationDocument.objects.filter(pk=photo.pk, deleted_at__isnull=False).exists()
