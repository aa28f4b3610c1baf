"""A removed person's own time-card links keep working until their final pay is accepted,
then expire."""

from datetime import date

import pytest

from callboard.core.links import LinkInvalid, link_grant_resolve, link_token
from callboard.payroll import services as payroll
from callboard.people.services import person_delete

from .helpers import WEEK, approve_and_review, person_with_deal


def _live(token) -> bool:
    try:
        link_grant_resolve(token, purpose=payroll.LINK_PURPOSE)
    except LinkInvalid:
        return False
    return True


@pytest.mark.django_db
def test_time_card_links_last_until_the_final_pay_is_accepted(production):
    person = person_with_deal(production, email="gone@example.test", start_date=date(2026, 2, 1))
    card = payroll.timecard_prepare(actor=None, person=person, week_start=WEEK)
    payroll.timecard_send(actor=None, card=card)
    card.refresh_from_db()
    token = link_token(card.grant)
    person_delete(actor=None, person=person)
    assert _live(token)  # they can still fill and sign their last card
    card = payroll.timecard_save(
        actor=None,
        card=card,
        days=[
            {
                "date": "2026-03-02",
                "call": "07:00",
                "wrap": "15:00",
                "ndb": None,
                "note": "",
                "meals": [{"start": "12:00", "end": "12:30"}],
            }
        ],
    )
    card = payroll.timecard_submit(card=card, signature=person.full_name)
    approve_and_review(production, card)
    assert not _live(token)
