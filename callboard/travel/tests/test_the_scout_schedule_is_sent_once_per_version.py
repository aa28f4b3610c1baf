"""The scout schedule: a PDF with each stop's sets and scenes and the lunch stop in its place,
sent to everyone in a van through distribution (tracked; a double click is one send; a
changed scout is a new version and goes again), and a phone page through the signed link."""

import datetime as dt
import re

import pytest

from callboard.core.models import OutboundEmail
from callboard.distribution.models import Delivery, Dispatch
from callboard.documents.render import pdf_page_count
from callboard.people.testing import make_person
from callboard.travel import services
from callboard.travel.queries import scout_document
from callboard.travel.scoutpdf import scout_pdf
from callboard.travel.services import TravelError

from .scouting import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def crewed(production):
    scout, places = build(production)
    van = services.scout_van_save(actor=None, scout=scout, name="Van 1", driver="Sal")
    people = [make_person(production, first_name=name, last_name="Scout") for name in ("Ann", "Bo")]
    for person in people:
        services.scout_rider_add(actor=None, van=van, person=person)
    scout.refresh_from_db()
    return scout, people


def test_the_schedule_lists_sets_scenes_and_lunch_in_its_place(crewed):
    scout, _ = crewed
    doc = scout_document(scout)
    names = [item["name"] for item in doc["items"]]
    # Lunch at 12:30 goes before the first stop that arrives after it (Pasadena, 1:30 PM).
    assert names.index("Philippe's") == names.index("Pasadena Motel") - 1
    motel = next(item for item in doc["items"] if item["name"] == "Pasadena Motel")
    assert motel["sets"] == [{"set": "INT. MOTEL", "scenes": "4, 12"}]
    assert motel["arrives"] == "1:30 PM" and motel["leaves"] == "2:00 PM"
    assert motel["distance"].endswith(" mi")
    assert doc["vans"][0]["riders"] == ["Ann Scout", "Bo Scout"]
    assert doc["warnings"] == [
        "Warehouse (no pin) arrives at 10:00 AM, before Pasadena Motel is done (2:00 PM): "
        "change the times or the order."
    ]
    pdf = scout_pdf(doc)
    assert pdf.startswith(b"%PDF") and pdf_page_count(pdf) == 1


def test_a_double_click_sends_once_and_a_change_sends_again(
    crewed, coordinator, django_capture_on_commit_callbacks
):
    scout, people = crewed
    with django_capture_on_commit_callbacks(execute=True):
        assert services.scout_send(actor=coordinator, scout=scout) == (2, True)
        assert services.scout_send(actor=coordinator, scout=scout) == (2, False)
    assert Dispatch.objects.filter(kind="scout").count() == 1
    assert Delivery.objects.filter(dispatch__kind="scout", sent_at__isnull=False).count() == 2
    first = scout.version
    services.scout_stop_update(
        actor=None, stop=scout.stops.first(), arrives=dt.time(8, 15), minutes=40
    )
    scout.refresh_from_db()
    assert scout.version == first + 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.scout_send(actor=coordinator, scout=scout) == (2, True)
    assert set(Dispatch.objects.filter(kind="scout").values_list("key", flat=True)) == {
        f"scout:{scout.pk}:v{first}",
        f"scout:{scout.pk}:v{first + 1}",
    }


def test_nobody_in_a_van_is_nobody_to_send_to(production):
    scout, _ = build(production)
    with pytest.raises(TravelError, match="Nobody rides in a van"):
        services.scout_send(actor=None, scout=scout)
    assert not Dispatch.objects.exists()


def test_the_send_button_twice_is_one_send(
    crewed, production, coordinator_client, django_capture_on_commit_callbacks
):
    scout, _ = crewed
    url = f"/p/{production.slug}/travel/scouts/{scout.pk}/send/"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url)
        page = coordinator_client.post(url, follow=True)
    assert "was already sent; nobody gets it twice" in page.content.decode()
    assert OutboundEmail.objects.filter(subject__startswith="Tech scout").count() == 2


def test_an_attendee_opens_the_phone_page_and_confirms(
    crewed, coordinator, client, django_capture_on_commit_callbacks
):
    scout, people = crewed
    with django_capture_on_commit_callbacks(execute=True):
        services.scout_send(actor=coordinator, scout=scout)
    body = OutboundEmail.objects.get(to=people[0].email).body
    assert "You ride in Van 1" in body and "Call 7:00 AM at Production office" in body
    link = re.search(r"https?://\S+(/l/scout/\S+/)", body).group(1)
    page = client.get(link)
    text = page.content.decode()
    assert page.status_code == 200 and "You ride in <strong>Van 1</strong>" in text
    assert "INT. MOTEL" in text and "Lunch" in text
    delivery = Delivery.objects.get(person=people[0], dispatch__kind="scout")
    assert delivery.opened_at is not None
    client.post(link)
    delivery.refresh_from_db()
    assert delivery.confirmed_at is not None
    assert client.get(link + "scout.pdf").content.startswith(b"%PDF")
    assert client.get("/l/scout/forged-token/").status_code == 410
