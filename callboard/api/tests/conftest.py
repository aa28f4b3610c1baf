"""Tokens and a client that sends them, for the API's tests."""

import pytest

from callboard.api.services import api_token_create
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member

from .receiver import hooked, receiver  # noqa: F401  (the webhooks' loopback receiver)


class ApiClient:
    """Django's test client with a bearer token on every request and JSON bodies."""

    def __init__(self, client, key: str):
        self.client = client
        self.headers = {"Authorization": f"Bearer {key}"}

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path, body=None):
        return self.client.post(
            path, body or {}, content_type="application/json", headers=self.headers
        )

    def patch(self, path, body):
        return self.client.patch(path, body, content_type="application/json", headers=self.headers)


@pytest.fixture(autouse=True)
def _one_rate_window(settings):
    """One rate-limit window for the whole test: a window opening mid-test is one write more,
    which a test counting queries would see."""
    settings.API_RATE_WINDOW = 10**9


@pytest.fixture
def make_token(production):
    """make_token(role=..., write=False, private=False, on=production) -> the key."""

    def make(role=Role.COORDINATOR, *, write=False, private=False, on=None, user=None):
        target = on or production
        user = user or add_member(target, role)
        membership = Membership.objects.get(user=user, production=target)
        _, key = api_token_create(
            actor=None,
            membership=membership,
            name="test",
            can_write=write,
            can_read_private=private,
        )
        return key

    return make


@pytest.fixture
def api(client, make_token):
    """api(role=..., write=..., private=...) -> an ApiClient with a fresh token."""

    def make(role=Role.COORDINATOR, **options):
        return ApiClient(client, make_token(role, **options))

    return make
