"""A token opens its own production, as its owner's role there at most; anything else gets a
clear JSON error and changes nothing."""

from datetime import timedelta

from django.utils import timezone

from callboard.api.models import ApiToken
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import make_production
from callboard.people.models import Person


def test_a_token_reads_its_production_and_says_what_it_carries(production, api):
    response = api(Role.COORDINATOR).get(f"/api/productions/{production.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == production.slug
    assert body["token"]["role"] == "coordinator"
    assert body["token"]["scopes"] == ["read"]
    assert "people.rates" not in body["token"]["capabilities"]  # private needs the scope


def test_another_productions_url_answers_404_as_if_it_did_not_exist(production, api):
    other = make_production("Other Show")
    response = api().get(f"/api/productions/{other.slug}/people")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_missing_malformed_revoked_and_expired_tokens_get_401(production, client, make_token):
    url = f"/api/productions/{production.slug}/people"
    assert client.get(url).status_code == 401
    bad = client.get(url, headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and "token" in bad.json()["detail"]
    key = make_token()
    token = ApiToken.objects.get()
    token.revoked_at = timezone.now()
    token.save()
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401
    token.revoked_at = None
    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_a_member_who_left_the_show_opens_nothing(production, client, make_token):
    key = make_token()
    Membership.objects.filter(production=production).exclude(role="studio_admin").update(
        is_active=False
    )
    url = f"/api/productions/{production.slug}"
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_a_read_only_token_cannot_write(production, api):
    response = api(Role.COORDINATOR).post(
        f"/api/productions/{production.slug}/people", {"kind": "cast", "first_name": "Ann"}
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert not Person.objects.filter(first_name="Ann").exists()


def test_a_role_without_the_capability_gets_403(production, api):
    response = api(Role.CREW, write=True).post(
        f"/api/productions/{production.slug}/people", {"kind": "cast", "first_name": "Ann"}
    )
    assert response.status_code == 403


def test_too_many_requests_get_429_with_retry_after(production, api, settings):
    settings.API_RATE_LIMIT = 3
    client = api()
    url = f"/api/productions/{production.slug}"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_a_body_over_the_limit_gets_413_and_writes_nothing(production, api, settings):
    settings.API_MAX_BODY = 100
    response = api(write=True).post(
        f"/api/productions/{production.slug}/people",
        {"kind": "cast", "first_name": "Ann", "notes": "x" * 500},
    )
    assert response.status_code == 413
    assert not Person.objects.filter(first_name="Ann").exists()
