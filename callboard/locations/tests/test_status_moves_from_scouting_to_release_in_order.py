import pytest

from callboard.core.models import AuditEvent
from callboard.locations import services
from callboard.locations.models import Location

from .conftest import url

Status = Location.Status


def test_a_location_is_scouted_confirmed_and_released_in_turn(place):
    for status in (Status.SCOUTED, Status.CONFIRMED, Status.RELEASED):
        place = services.location_status_set(actor=None, location=place, status=status)
    assert place.status == Status.RELEASED
    assert (
        AuditEvent.objects.filter(object_type="location", changes__status__isnull=False).count()
        == 3
    )


def test_a_location_not_scouted_cannot_be_confirmed(place):
    with pytest.raises(services.LocationError, match="can go to scouted next, not confirmed"):
        services.location_status_set(actor=None, location=place, status=Status.CONFIRMED)
    place.refresh_from_db()
    assert place.status == Status.NEEDS_SCOUTING


def test_a_released_location_goes_back_only_by_being_confirmed(place):
    for status in (Status.SCOUTED, Status.CONFIRMED, Status.RELEASED):
        services.location_status_set(actor=None, location=place, status=status)
    with pytest.raises(services.LocationError):
        services.location_status_set(actor=None, location=place, status=Status.NEEDS_SCOUTING)
    services.location_status_set(actor=None, location=place, status=Status.CONFIRMED)


def test_the_page_refuses_a_jump_and_an_unknown_status_with_a_message(
    coordinator_client, production, place
):
    for status, said in (("confirmed", "not confirmed"), ("demolished", "not a location status")):
        response = coordinator_client.post(
            url(production, f"{place.pk}/status/"), {"status": status}
        )
        assert response.status_code == 400
        assert said in response.content.decode()
    place.refresh_from_db()
    assert place.status == Status.NEEDS_SCOUTING


def test_a_crew_member_cannot_change_a_location(member_client, production, place):
    from callboard.core.capabilities import Role

    client = member_client(Role.CREW)
    assert (
        client.post(url(production, f"{place.pk}/status/"), {"status": "scouted"}).status_code
        == 403
    )
    assert client.get(url(production)).status_code == 403
