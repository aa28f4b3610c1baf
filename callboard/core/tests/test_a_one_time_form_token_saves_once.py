"""A one-time form token (core/once.py): the first save claims it, a second save with it is
told what the first made; a save that fails gives it back; it is one user's, in one
production; a damaged token is refused in words."""

import pytest
from django import forms
from django.db import transaction

from callboard.core.models import OnceToken
from callboard.core.once import AlreadySaved, OnceField, once_claim, once_done
from callboard.core.testing import add_member, make_production

pytestmark = pytest.mark.django_db


class Thing:
    pk = 41


def test_the_second_claim_of_a_token_names_what_the_first_made(production, coordinator):
    claim = once_claim(production=production, user=coordinator, token="abc", purpose="t.thing")
    once_done(claim, Thing())
    with pytest.raises(AlreadySaved) as caught:
        once_claim(production=production, user=coordinator, token="abc", purpose="t.thing")
    assert caught.value.object_id == 41
    assert OnceToken.objects.count() == 1


def test_a_save_that_fails_gives_the_token_back(production, coordinator):
    with pytest.raises(ValueError), transaction.atomic():
        once_claim(production=production, user=coordinator, token="abc", purpose="t.thing")
        raise ValueError("the booking did not hold")
    assert once_claim(production=production, user=coordinator, token="abc", purpose="t.thing")


def test_a_token_is_one_user_s_in_one_production_and_no_token_claims_nothing(
    production, coordinator
):
    other_show = make_production("Another Show")
    other_user = add_member(production, "apoc")
    for show, user in ((production, coordinator), (production, other_user), (other_show, None)):
        assert once_claim(production=show, user=user, token="abc", purpose="t.thing")
    assert once_claim(production=production, user=coordinator, token="", purpose="t") is None


def test_the_field_gives_each_form_a_fresh_token_and_refuses_a_damaged_one():
    class Form(forms.Form):
        once = OnceField()

    first, second = Form()["once"].value(), Form()["once"].value()
    assert first != second and len(first) >= 32
    assert 'type="hidden"' in str(Form()["once"])
    damaged = Form({"once": "<script>"})
    assert not damaged.is_valid()
    assert damaged.errors["once"] == ["This form is damaged: reload the page and save again."]
