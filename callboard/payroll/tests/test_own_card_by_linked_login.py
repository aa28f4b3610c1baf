"""An office member whose login is linked to their crew entry (whatever its e-mail) never
approves or reviews their own time card."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.payroll import services
from callboard.people.services import person_account_link

from .helpers import DAY, WEEK, person_with_deal

pytestmark = pytest.mark.django_db


def test_a_linked_login_never_approves_or_reviews_its_own_card(production):
    rosa = person_with_deal(production, first_name="Rosa", email="rosa@crewmail.example")
    upm = add_member(production, Role.UPM, make_user("upm@studio.example"))
    person_account_link(actor=None, person=rosa, user=upm)
    card = services.timecard_prepare(actor=None, person=rosa, week_start=WEEK)
    card = services.timecard_save(actor=None, card=card, days=[DAY])
    card = services.timecard_submit(card=card, signature=rosa.full_name)
    with pytest.raises(services.TimeCardError, match="their own time card"):
        services.timecard_approve(actor=upm, card=card)
    card = services.timecard_approve(actor=add_member(production, Role.UPM), card=card)
    with pytest.raises(services.TimeCardError, match="their own time card"):
        services.timecard_review(actor=upm, card=card)
