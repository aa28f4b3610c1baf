"""The crew's phone page: the set's address (and the hospital's) opens the phone's maps app.

geo: with the sheet's coordinates when the office entered them, else a maps search for the
address as typed; the server never calls a maps service to make the link."""

import csv
import html
import io
import socket

from django.utils import timezone

from callboard.callsheets.services import callsheet_create
from callboard.core.models import OutboundEmail
from callboard.core.timefmt import time_of_day
from callboard.distribution.models import Delivery
from callboard.people.models import DistributionGroup

from .ready import cast_inputs


def _phone_page(client, coordinator_client, sheet, capture, **changes):
    data = {
        "crew_call": "7:00 AM",
        "shooting_call": "8:00 AM",
        "location_name": "Bailey house",
        "set_address": "320 Sycamore Rd\nBedford Falls, NY",
        "hospital_name": "Good Samaritan",
        "hospital_address": "1225 Wilshire Blvd, Los Angeles",
        "hospital_phone": "(213) 977-2121",
        "lunch": "1:00 PM",
        "safety_hotline": "(800) 555-0199",
        **cast_inputs(sheet),
    }
    data.update(changes)
    assert (
        coordinator_client.post(
            f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/", data
        ).status_code
        == 302
    )
    coordinator_client.post(f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/publish/")
    cast = DistributionGroup.objects.get(production=sheet.production, kind="cast")
    with capture(execute=True):
        coordinator_client.post(
            f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/send/",
            {"group": [cast.pk], "send_key": f"maps-{sheet.pk}"},
        )
    delivery = Delivery.objects.get(person__character="MARY")
    body = OutboundEmail.objects.filter(to=delivery.address).latest("id").body
    line = next(line for line in body.splitlines() if "/l/call/" in line)
    link = line[line.index("/l/call/") :].strip()
    if changes.pop("_confirm", None) is not None:
        client.post(link)
    return client.get(link).content.decode()


def _refuse_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the phone page must not call a maps service")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_address_is_a_maps_search_when_no_coordinates_are_known(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks, monkeypatch
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _refuse_network(monkeypatch)
    page = html.unescape(
        _phone_page(client, coordinator_client, sheet, django_capture_on_commit_callbacks)
    )
    assert (
        'href="https://www.google.com/maps/search/?api=1&query='
        '320%20Sycamore%20Rd%2C%20Bedford%20Falls%2C%20NY"' in page
    )
    assert ">320 Sycamore Rd<br>Bedford Falls, NY</a>" in page
    assert "query=1225%20Wilshire%20Blvd%2C%20Los%20Angeles" in page  # the hospital too
    assert "geo:" not in page


def test_the_address_is_a_geo_link_when_the_sheet_has_coordinates(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks, monkeypatch
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _refuse_network(monkeypatch)
    page = html.unescape(
        _phone_page(
            client,
            coordinator_client,
            sheet,
            django_capture_on_commit_callbacks,
            latitude="34.0407",
            longitude="-118.2468",
        )
    )
    assert 'href="geo:34.0407,-118.2468?q=34.0407,-118.2468(320%20Sycamore%20Rd%2C' in page
    # iPhones do not open geo: links: a browser map of the same point sits beside it.
    assert 'href="https://www.google.com/maps/search/?api=1&query=34.0407%2C-118.2468"' in page


def test_the_confirmation_time_on_the_phone_page_is_the_productions_and_names_its_zone(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    page = _phone_page(
        client, coordinator_client, sheet, django_capture_on_commit_callbacks, _confirm=True
    )
    delivery = Delivery.objects.get(person__character="MARY")
    local = timezone.localtime(delivery.confirmed_at, sheet.production.tzinfo)
    assert f"You confirmed at {time_of_day(local)} {local.tzname()}." in page


def test_the_who_has_it_export_states_the_zone_of_its_times(
    client, coordinator_client, shooting, django_capture_on_commit_callbacks
):
    sheet = callsheet_create(actor=None, scenario=shooting, day_number=1)
    _phone_page(
        client, coordinator_client, sheet, django_capture_on_commit_callbacks, _confirm=True
    )
    body = coordinator_client.get(
        f"/p/{sheet.production.slug}/callsheets/{sheet.pk}/sent/?format=csv"
    ).content.decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(body))}
    mary = Delivery.objects.get(person__character="MARY")
    local = timezone.localtime(mary.confirmed_at, sheet.production.tzinfo)
    row = rows[mary.person.display_name]
    assert row[7] == f"{local:%Y-%m-%d %H:%M} {local.tzname()}"  # Confirmed
    assert row[5].endswith(local.tzname())  # Sent
