"""A role that signs in with a second factor (the UPM) types a fresh code from the
authenticator app to make an API token: without one, or with a wrong one, nothing is made."""

from callboard.api.models import ApiToken
from callboard.core.accounts import authenticator_code
from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member, authenticator_device


def test_the_upm_makes_a_token_only_with_a_code_from_the_app(client, production):
    upm = add_member(production, Role.UPM)
    client.force_login(upm)
    form = {
        "membership": Membership.objects.get(user=upm, production=production).pk,
        "name": "Cost report sync",
        "days": 30,
    }
    page = client.get("/account/api-tokens/").content.decode()
    assert 'name="code"' in page

    assert client.post("/account/api-tokens/", form).status_code == 400
    wrong = client.post("/account/api-tokens/", form | {"code": "000000"})
    assert wrong.status_code == 400
    assert "authenticator app" in wrong.content.decode()
    assert not ApiToken.objects.exists()

    code = authenticator_code(authenticator_device(upm))
    made = client.post("/account/api-tokens/", form | {"code": code}, follow=True)
    assert made.status_code == 200
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (upm, "Cost report sync")
    assert token.prefix in made.content.decode()


def test_a_coordinator_is_not_asked_for_a_code(client, production):
    coordinator = add_member(production, Role.COORDINATOR)
    client.force_login(coordinator)
    assert 'name="code"' not in client.get("/account/api-tokens/").content.decode()
