from callboard.core.models import AuditEvent
from callboard.people.models import Department, Person
from callboard.people.testing import make_person


def crew_data(production, **overrides):
    data = {
        "kind": "crew",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "pronouns": "she/her",
        "department": Department.objects.get(production=production, name="Camera").pk,
        "position": "1st AC",
        "email": "ana@example.test",
        "phone": "(323) 555-0111",
        "union": "IATSE",
        "local": "600",
        "start_date": "2027-01-10",
        "end_date": "2027-03-01",
        "status": "prepping",
    }
    return data | overrides


def test_coordinator_adds_a_crew_member_and_it_is_audited(coordinator_client, production):
    response = coordinator_client.post(f"/p/{production.slug}/people/new/", crew_data(production))
    person = Person.objects.get(email="ana@example.test")
    assert response["Location"] == f"/p/{production.slug}/people/{person.pk}/"
    assert person.department.name == "Camera" and person.local == "600"
    assert AuditEvent.objects.filter(
        object_type="person", object_id=person.pk, action="create"
    ).exists()


def test_a_duplicate_email_is_refused_with_a_message(coordinator_client, production):
    make_person(production, email="ana@example.test")
    response = coordinator_client.post(
        f"/p/{production.slug}/people/new/", crew_data(production, email="ANA@example.test")
    )
    assert response.status_code == 200
    assert "already has this e-mail" in response.content.decode()
    assert Person.objects.filter(email="ana@example.test").count() == 1


def test_end_date_before_start_date_is_refused(coordinator_client, production):
    response = coordinator_client.post(
        f"/p/{production.slug}/people/new/", crew_data(production, end_date="2027-01-01")
    )
    assert "end date is before the start date" in response.content.decode()
    assert not Person.objects.exists()


def test_cast_need_a_character_and_a_unique_cast_id(coordinator_client, production):
    make_person(production, kind="cast", character="MAGGIE", cast_number=1)
    data = crew_data(production, kind="cast", character="", cast_number="1", email="b@example.test")
    page = coordinator_client.post(f"/p/{production.slug}/people/new/", data).content.decode()
    assert "Cast ID 1 is already taken" in page
    assert "need the character" in page


def test_removed_people_can_be_restored(coordinator_client, production):
    person = make_person(production, first_name="Ana", last_name="Ruiz")
    list_url = f"/p/{production.slug}/people/"
    coordinator_client.post(f"/p/{production.slug}/people/{person.pk}/delete/")
    assert person not in coordinator_client.get(list_url).context["people"]
    assert "Ana Ruiz" in coordinator_client.get(f"{list_url}removed/").content.decode()
    coordinator_client.post(f"/p/{production.slug}/people/{person.pk}/restore/")
    assert person in coordinator_client.get(list_url).context["people"]


def test_an_editor_who_cannot_see_rates_does_not_wipe_them_by_saving(member_client, production):
    """Fields a role cannot see are not in its form, so saving keeps them as they were."""
    person = make_person(production, rate="450.0000", rate_unit="day")
    apoc = member_client("apoc")
    page = apoc.get(f"/p/{production.slug}/people/{person.pk}/edit/").content.decode()
    assert 'name="rate"' not in page
    data = crew_data(production, email=person.email, position="Set PA")
    assert apoc.post(f"/p/{production.slug}/people/{person.pk}/edit/", data).status_code == 302
    person.refresh_from_db()
    assert person.position == "Set PA"
    assert str(person.rate) == "450.0000" and person.rate_unit == "day"
