"""People through the API: the page's rules for what shows and what may be written, and a
change feed a mirror can follow, deletions included."""

from callboard.core.capabilities import Role
from callboard.people import services
from callboard.people.models import Department, Person


def _crew(production, first_name, **fields):
    department = Department.objects.get_or_create(production=production, name="Camera")[0]
    return services.person_create(
        actor=None,
        production=production,
        kind="crew",
        first_name=first_name,
        department=department,
        **fields,
    )


def test_rates_and_addresses_show_only_with_the_scope_and_the_role(production, api):
    _crew(production, "Rae", rate="52.5000", rate_unit="hour", street="1 Main St")
    url = f"/api/productions/{production.slug}/people"
    plain = api(Role.COORDINATOR).get(url).json()["items"][0]
    assert plain["rate"] is None and plain["street"] is None
    scoped = api(Role.COORDINATOR, private=True).get(url).json()["items"][0]
    assert scoped["rate"] == "52.5000" and scoped["street"] == "1 Main St"
    crew = api(Role.CREW, private=True).get(url).json()["items"][0]
    assert crew["rate"] is None and crew["street"] is None


def test_the_list_pages_by_cursor_and_reports_deletions_since(production, api):
    people = [_crew(production, f"P{n}") for n in range(5)]
    client = api()
    url = f"/api/productions/{production.slug}/people"
    first = client.get(url, limit=3).json()
    second = client.get(url, limit=3, cursor=first["next_cursor"]).json()
    names = [p["first_name"] for p in first["items"] + second["items"]]
    assert names == ["P0", "P1", "P2", "P3", "P4"]
    assert second["next_cursor"] is None
    mark = Person.objects.get(pk=people[4].pk).updated_at
    services.person_delete(actor=None, person=people[1])
    changed = client.get(url, updated_since=mark.isoformat()).json()
    assert [d["id"] for d in changed["deleted"]] == [people[1].pk]
    assert [p["id"] for p in changed["items"]] == [people[4].pk]
    assert people[1].pk not in [p["id"] for p in client.get(url).json()["items"]]


def test_a_cursor_the_api_did_not_give_gets_422(production, api):
    response = api().get(f"/api/productions/{production.slug}/people", cursor="garbage!")
    assert response.status_code == 422


def test_creating_a_person_runs_the_forms_checks(production, api):
    client = api(Role.COORDINATOR, write=True)
    url = f"/api/productions/{production.slug}/people"
    response = client.post(url, {"kind": "crew", "first_name": "Noor"})
    assert response.status_code == 422
    assert "department" in response.json()["detail"]
    assert not Person.objects.filter(first_name="Noor").exists()
    department = Department.objects.get_or_create(production=production, name="Grip")[0]
    response = client.post(
        url,
        {
            "kind": "crew",
            "first_name": "Noor",
            "department_id": department.pk,
            "email": "NOOR@example.test",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["email"] == "noor@example.test"


def test_a_token_without_the_private_scope_may_not_write_a_rate(production, api):
    person = _crew(production, "Rae")
    response = api(Role.COORDINATOR, write=True).patch(
        f"/api/productions/{production.slug}/people/{person.pk}", {"rate": "99"}
    )
    assert response.status_code == 422
    assert "rate" in response.json()["detail"]
    person.refresh_from_db()
    assert person.rate is None


def test_patch_changes_only_the_fields_given(production, api):
    person = _crew(production, "Rae", position="Focus puller", phone="")
    response = api(Role.COORDINATOR, write=True).patch(
        f"/api/productions/{production.slug}/people/{person.pk}", {"last_name": "Okafor"}
    )
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert (person.last_name, person.position) == ("Okafor", "Focus puller")
