"""The API's tenancy test, over every operation of the OpenAPI schema: a token of production A
gets 404 on production B's slug and on B's objects under A's own slug, and a revoked token
gets 401 everywhere. Each request is the smallest one the schema allows (found by
schemathesis), so a body or a required parameter never stops it before the lookup."""

import json
from urllib.parse import urlencode

import hypothesis
import pytest
import schemathesis
from django.utils import timezone

from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member, make_production
from callboard.people.testing import make_person

from ..api import api
from ..models import ApiToken
from ..services import api_token_create

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


def ids_of_production_b(b) -> dict[str, int]:
    """One object of production B for each id an operation's path takes, by the param's name
    (an operation with a param missing here fails the test: add it)."""
    person_b = make_person(b)
    return {
        "person_id": person_b.pk,
    }


@pytest.fixture
def two_productions(db, settings):
    settings.API_RATE_LIMIT = 1_000_000
    a, b = make_production("Show A"), make_production("Show B")
    intruder = add_member(a, Role.STUDIO_ADMIN)
    _, key = api_token_create(
        actor=None,
        membership=Membership.objects.get(user=intruder, production=a),
        name="intruder",
        can_write=True,
        can_read_private=True,
    )
    return a, b, key, ids_of_production_b(b)


def smallest_request(operation, **path) -> tuple[str, str, str | None]:
    """(method, url, JSON body) of the smallest request the schema allows, ``path`` fixed."""
    params = [p.name for p in operation.path_parameters]
    unknown = sorted(set(params) - set(path))
    assert not unknown, f"{operation.label}: add {unknown} to ids_of_production_b"
    case = hypothesis.find(
        operation.as_strategy(path_parameters={n: path[n] for n in params}),
        lambda case: True,
        settings=hypothesis.settings(database=None, derandomize=True),
    )
    url = case.formatted_path + (f"?{urlencode(case.query)}" if case.query else "")
    body = None if isinstance(case.body, schemathesis.core.NotSet) else json.dumps(case.body)
    return case.method, url, body


def send(client, key: str, method: str, url: str, body: str | None):
    return client.generic(
        method,
        url,
        body or "",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


def test_every_operation_but_the_list_of_productions_is_under_a_production():
    for operation in OPERATIONS:
        if operation.path != "/api/productions":
            assert operation.path.startswith("/api/productions/{production}"), operation.label


def test_a_token_on_another_productions_slug_gets_404_everywhere(client, two_productions):
    a, b, key, ids_b = two_productions
    for operation in OPERATIONS:
        if operation.path == "/api/productions":
            continue
        request = smallest_request(operation, production=b.slug, **ids_b)
        response = send(client, key, *request)
        assert response.status_code == 404, f"{request[:2]} gave {response.status_code}"
        assert response.json()["detail"]


def test_production_bs_objects_under_your_own_slug_get_404(client, two_productions):
    a, b, key, ids_b = two_productions
    person_b = b.people.get()
    for operation in OPERATIONS:
        if not operation.path_parameters or len(operation.path_parameters) < 2:
            continue  # no object in the path: the slug alone, proved above
        request = smallest_request(operation, production=a.slug, **ids_b)
        response = send(client, key, *request)
        assert response.status_code == 404, f"{request[:2]} gave {response.status_code}"
    unchanged = b.people.get()
    assert (unchanged.updated_at, unchanged.deleted_at) == (person_b.updated_at, None)


def test_the_list_of_productions_holds_only_the_tokens_own(client, two_productions):
    a, b, key, _ = two_productions
    response = send(client, key, "GET", "/api/productions", None)
    assert [p["slug"] for p in response.json()] == [a.slug]


def test_a_revoked_token_gets_401_everywhere(client, two_productions):
    a, b, key, ids_b = two_productions
    ApiToken.objects.update(revoked_at=timezone.now())
    for operation in OPERATIONS:
        request = smallest_request(operation, production=a.slug, **ids_b)
        response = send(client, key, *request)
        assert response.status_code == 401, f"{request[:2]} gave {response.status_code}"
        assert response["WWW-Authenticate"] == "Bearer"
