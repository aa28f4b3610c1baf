from datetime import timedelta

import pytest
from django.utils import timezone

from callboard.core.links import (
    LinkInvalid,
    link_grant_create,
    link_grant_resolve,
    link_grant_revoke,
)
from callboard.people.testing import make_person


@pytest.fixture
def person(production):
    return make_person(production)


def test_a_signed_link_resolves_to_its_grant_and_counts_its_use(production, person):
    grant, token = link_grant_create(
        production=production, purpose="confirm", subject=person, valid_for=timedelta(days=2)
    )
    assert link_grant_resolve(token, purpose="confirm").pk == grant.pk
    link_grant_resolve(token, purpose="confirm")
    grant.refresh_from_db()
    assert grant.use_count == 2 and grant.first_used_at is not None


def test_a_link_for_one_purpose_does_not_open_another(production, person):
    _, token = link_grant_create(
        production=production, purpose="confirm", subject=person, valid_for=timedelta(days=2)
    )
    with pytest.raises(LinkInvalid):
        link_grant_resolve(token, purpose="paperwork")


def test_a_tampered_link_is_refused(production, person):
    _, token = link_grant_create(
        production=production, purpose="confirm", subject=person, valid_for=timedelta(days=2)
    )
    with pytest.raises(LinkInvalid):
        link_grant_resolve(token.replace(":", ":x", 1), purpose="confirm")


def test_an_expired_link_says_so(production, person):
    grant, token = link_grant_create(
        production=production, purpose="confirm", subject=person, valid_for=timedelta(days=2)
    )
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    with pytest.raises(LinkInvalid, match="expired"):
        link_grant_resolve(token, purpose="confirm")


def test_a_revoked_link_stops_working_at_once(production, person):
    grant, token = link_grant_create(
        production=production, purpose="confirm", subject=person, valid_for=timedelta(days=2)
    )
    link_grant_revoke(grant=grant)
    with pytest.raises(LinkInvalid, match="withdrawn"):
        link_grant_resolve(token, purpose="confirm")
