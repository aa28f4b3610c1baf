"""A new token's key is shown on the page the form leads to, that once: reloading the page
neither shows it again nor makes a second token."""

from callboard.api.models import ApiToken
from callboard.core.capabilities import Role
from callboard.core.testing import add_member


def test_the_key_shows_once_and_a_reload_makes_no_second_token(client, production):
    client.force_login(add_member(production, Role.COORDINATOR))
    membership = production.memberships.get(role="coordinator")
    sent = client.post(
        "/account/api-tokens/", {"membership": membership.pk, "name": "Sync", "days": 90}
    )
    assert sent.status_code == 302
    shown = client.get(sent["Location"])
    token = ApiToken.objects.get()
    page = shown.content.decode()
    assert 'class="token-key">cb_' in page and token.prefix in page
    assert "no-store" in shown["Cache-Control"] or "max-age=0" in shown["Cache-Control"]
    again = client.get("/account/api-tokens/").content.decode()
    assert 'class="token-key"' not in again
    assert ApiToken.objects.count() == 1
