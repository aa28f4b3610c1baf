"""Fixes from a new coordinator's first walk through the app (each was a real bug)."""

from callboard.core.models import AuditEvent, Invitation
from callboard.people.models import Person
from callboard.people.phones import canonical_union, format_phone
from callboard.people.testing import make_person


def test_phone_numbers_are_stored_one_way_and_found_however_typed(coordinator_client, production):
    data = {
        "kind": "crew",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "position": "Loader",
        "department": production.departments.get(name="Camera").pk,
        "status": "prepping",
        "phone": "818.555.0101",
        "union": "iatse",
    }
    coordinator_client.post(f"/p/{production.slug}/people/new/", data)
    person = Person.objects.get()
    assert person.phone == "(818) 555-0101" and person.union == "IATSE"
    found = coordinator_client.get(f"/p/{production.slug}/people/", {"q": "818-555-0101"}).context[
        "people"
    ]
    assert found == [person]


def test_a_phone_number_without_enough_digits_is_refused(coordinator_client, production):
    data = {
        "kind": "crew",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "position": "Loader",
        "department": production.departments.get(name="Camera").pk,
        "status": "prepping",
        "emergency_phone": "555",
    }
    page = coordinator_client.post(f"/p/{production.slug}/people/new/", data).content.decode()
    assert "with its area code" in page
    assert not Person.objects.exists()


def test_phone_and_union_formats():
    assert format_phone("+1 (310) 555 0199 ext 12") == "(310) 555-0199 x12"
    assert format_phone("+46 70 123 4567") == "+46 70 123 4567"
    assert (
        canonical_union("sag aftra") == "SAG-AFTRA"
        and canonical_union("Local 52 IATSE") == "Local 52 IATSE"
    )


def test_the_audit_log_shows_vendor_contact_changes(coordinator_client, production):
    coordinator_client.post(
        f"/p/{production.slug}/people/vendors/new/",
        {
            "name": "Lensworks",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Jim Holt",
        },
    )
    response = coordinator_client.get(f"/p/{production.slug}/audit/", {"type": "vendor"})
    assert response.status_code == 200 and "Jim Holt" in response.content.decode()


def test_times_on_production_pages_read_in_the_productions_time_zone(
    coordinator_client, production
):
    person = make_person(production)
    event = AuditEvent.objects.create(
        production=production,
        action="update",
        object_type="person",
        object_id=person.pk,
        object_repr=str(person),
        at="2027-01-10T22:04:00Z",
    )
    page = coordinator_client.get(f"/p/{production.slug}/audit/").content.decode()
    assert event.at and "Jan 10, 2027, 2:04 PM PST" in page  # Los Angeles, not UTC


def test_crew_do_not_see_cast_phone_numbers_or_the_office_to_do_list(member_client, production):
    star = make_person(
        production, kind="cast", character="MAGGIE", cast_number=1, phone="(310) 555-0177"
    )
    crew = member_client("crew")
    assert (
        "555-0177"
        not in crew.get(f"/p/{production.slug}/people/", {"kind": "cast"}).content.decode()
    )
    assert "555-0177" not in crew.get(f"/p/{production.slug}/people/{star.pk}/").content.decode()
    assert "Needs attention" not in crew.get(f"/p/{production.slug}/").content.decode()


def test_inviting_someone_already_on_the_team_is_refused(
    coordinator_client, production, coordinator
):
    page = coordinator_client.post(
        f"/p/{production.slug}/team/", {"email": coordinator.email, "role": "crew"}
    ).content.decode()
    assert "already on the team" in page
    assert not Invitation.objects.exists()


def test_an_imported_rate_needs_its_unit(coordinator_client, production):
    from django.core.files.uploadedfile import SimpleUploadedFile

    coordinator_client.post(
        f"/p/{production.slug}/people/import/",
        {
            "kind": "crew",
            "file": SimpleUploadedFile("c.csv", b"First name,Last name,Rate\nAna,Ruiz,60\n"),
        },
        follow=True,
    )
    from callboard.people.models import ImportBatch

    page = coordinator_client.get(
        f"/p/{production.slug}/people/import/{ImportBatch.objects.get().pk}/"
    ).content.decode()
    assert "per hour, day or week" in page
