"""Who "me" is on a production: the cast or crew entry whose e-mail is the login's."""

import pytest
from django.utils import timezone

from callboard.core.capabilities import Role
from callboard.core.models import Membership
from callboard.core.testing import add_member, make_production, make_user
from callboard.home.queries import member_person
from callboard.people.testing import make_person

pytestmark = pytest.mark.django_db


def test_the_entry_matches_whatever_the_case_of_its_email(production):
    user = add_member(production, Role.CREW, make_user("bo.ruiz@example.test"))
    person = make_person(production, email="Bo.Ruiz@Example.TEST")
    membership = Membership.objects.get(user=user, production=production)
    assert member_person(membership) == person


def test_a_removed_entry_or_another_shows_entry_is_not_me(production):
    user = add_member(production, Role.CREW, make_user("cy@example.test"))
    make_person(production, email="cy@example.test", deleted_at=timezone.now())
    make_person(make_production("Other Show"), email="cy@example.test")
    membership = Membership.objects.get(user=user, production=production)
    assert member_person(membership) is None


def test_an_entry_without_an_email_matches_nobody(production):
    user = add_member(production, Role.CREW)
    make_person(production, email="")
    assert member_person(Membership.objects.get(user=user, production=production)) is None
