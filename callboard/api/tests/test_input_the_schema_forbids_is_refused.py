"""What the contract test (schemathesis) found: input the schema forbids was taken for
something else. Each is now refused with a clear JSON error, and nothing changes."""

import json

from callboard.core.capabilities import Role
from callboard.people.models import Person
from callboard.people.testing import make_person


def test_a_body_that_is_not_a_json_object_gets_422_and_changes_nothing(production, api):
    person = make_person(production, first_name="Rae")
    client = api(Role.COORDINATOR, write=True)
    url = f"/api/productions/{production.slug}/people/{person.pk}"
    for body in ([None, None], 42, "Okafor"):
        response = client.patch(url, json.dumps(body))
        assert response.status_code == 422, body
        assert response.json()["detail"]
    before = person.updated_at
    person.refresh_from_db()
    assert person.updated_at == before


def test_a_body_that_is_not_json_gets_400(production, api):
    client = api(Role.COORDINATOR, write=True)
    response = client.client.post(
        f"/api/productions/{production.slug}/people",
        "kind=cast&first_name=Ann",
        content_type="application/json",
        headers=client.headers,
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Person.objects.filter(first_name="Ann").exists()


def test_updated_since_must_be_a_moment_with_its_offset(production, api):
    client = api()
    url = f"/api/productions/{production.slug}/people"
    for moment in ("0.5", "1700000000", "2027-03-01T09:00:00", "yesterday"):
        response = client.get(url, updated_since=moment)
        assert response.status_code == 422, moment
    assert client.get(url, updated_since="2027-03-01T09:00:00-08:00").status_code == 200


def test_a_rate_is_a_decimal_string_of_the_fields_size(production, api):
    person = make_person(production, first_name="Rae")
    client = api(Role.COORDINATOR, write=True, private=True)
    url = f"/api/productions/{production.slug}/people/{person.pk}"
    for rate in ("", "-1", "1e3", 52.5, "123456789.5", "1.23456"):
        response = client.patch(url, {"rate": rate, "rate_unit": "hour"})
        assert response.status_code == 422, rate
    response = client.patch(url, {"rate": "52.5", "rate_unit": "hour"})
    assert response.status_code == 200, response.json()
    assert response.json()["rate"] == "52.5000"


def test_creating_a_person_needs_a_kind_and_a_first_name_in_the_schema(production, api):
    response = api(Role.COORDINATOR, write=True).post(
        f"/api/productions/{production.slug}/people", {"first_name": "Ann"}
    )
    assert response.status_code == 422
    assert "kind" in str(response.json()["detail"])
    assert not Person.objects.filter(first_name="Ann").exists()
