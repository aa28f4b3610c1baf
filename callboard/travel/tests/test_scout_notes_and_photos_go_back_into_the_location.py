"""What the scout found at a stop goes into the location: the notes appended to its notes
under the scout's date, each photo one of its photo documents. A bad photo saves nothing."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.locations.models import Location, LocationDocument
from callboard.locations.tests.conftest import pdf_bytes, png_bytes
from callboard.travel import services
from callboard.travel.services import TravelError

from .scouting import build

pytestmark = pytest.mark.django_db


def test_notes_and_photos_land_on_the_location_with_the_scout_s_date(production):
    scout, places = build(production)
    motel = places["Pasadena Motel"]
    stop = scout.stops.get(location=motel)
    services.scout_stop_report(
        actor=None, stop=stop, notes="Power in the lobby only.", photos=[("lobby.png", png_bytes())]
    )
    motel.refresh_from_db()
    assert motel.notes.endswith("Tech scout Mon 14 Dec 2026: Power in the lobby only.")
    photo = LocationDocument.objects.get(location=motel)
    assert photo.kind == "photo" and photo.title.startswith("Tech scout Mon 14 Dec 2026")
    stop.refresh_from_db()
    assert stop.notes == "Power in the lobby only."


def test_a_pdf_as_a_photo_saves_nothing(production):
    scout, places = build(production)
    motel = places["Pasadena Motel"]
    stop = scout.stops.get(location=motel)
    with pytest.raises(TravelError, match="a photo is a JPEG or PNG"):
        services.scout_stop_report(
            actor=None,
            stop=stop,
            notes="Noisy street.",
            photos=[("ok.png", png_bytes()), ("permit.pdf", pdf_bytes())],
        )
    assert Location.objects.get(pk=motel.pk).notes == ""
    assert not LocationDocument.objects.exists()
    with pytest.raises(TravelError, match="Write a note or add a photo"):
        services.scout_stop_report(actor=None, stop=stop, notes="  ")


def test_the_location_manager_reports_from_the_page_and_crew_cannot(production, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    scout, places = build(production)
    stop = scout.stops.get(location=places["Santa Monica Pier"])
    url = f"/p/{production.slug}/travel/scouts/{scout.pk}/stops/{stop.pk}/report/"
    client.force_login(add_member(production, Role.LOCATION_MANAGER))
    photo = SimpleUploadedFile("pier.png", png_bytes(), content_type="image/png")
    response = client.post(url, {"notes": "Tide in at noon.", "photos": [photo]}, follow=True)
    assert "its notes and photos have what the scout found" in response.content.decode()
    assert "Tide in at noon." in Location.objects.get(pk=stop.location_id).notes
    assert LocationDocument.objects.filter(location_id=stop.location_id, kind="photo").count() == 1
    client.force_login(add_member(production, Role.CREW))
    assert client.post(url, {"notes": "x"}).status_code == 403


def test_a_photo_over_the_limit_is_refused_before_it_is_read(production, client, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from callboard.travel import scoutviews

    monkeypatch.setattr(scoutviews, "MAX_UPLOAD_BYTES", 100)
    scout, places = build(production)
    stop = scout.stops.get(location=places["Santa Monica Pier"])
    url = f"/p/{production.slug}/travel/scouts/{scout.pk}/stops/{stop.pk}/report/"
    client.force_login(add_member(production, Role.LOCATION_MANAGER))
    photo = SimpleUploadedFile("pier.png", png_bytes() + b"\0" * 200, content_type="image/png")
    response = client.post(url, {"notes": "Tide in at noon.", "photos": [photo]}, follow=True)
    assert "pier.png: over 0 MB. Nothing was saved" in response.content.decode()
    assert "Tide in at noon." not in Location.objects.get(pk=stop.location_id).notes
