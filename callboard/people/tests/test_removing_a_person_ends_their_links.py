"""Removing a person, or ending their job, ends the links made for them at once (call sheets,
script and sides copies, the calendar feed); their own time-card and paperwork links are
payroll's to end (payroll/tests/test_final_pay_ends_links.py)."""

from datetime import timedelta

from callboard.core.links import LinkInvalid, link_grant_create, link_grant_resolve
from callboard.people.services import person_delete, person_update
from callboard.people.testing import make_person

PERSON_LINKS = ("delivery", "script.copy", "calendar", "person.details")


def _links(person):
    return {
        purpose: link_grant_create(
            production=person.production,
            purpose=purpose,
            subject=person,
            valid_for=timedelta(days=30),
        )[1]
        for purpose in PERSON_LINKS
    }


def _live(token, purpose) -> bool:
    try:
        link_grant_resolve(token, purpose=purpose)
    except LinkInvalid:
        return False
    return True


def test_removing_a_person_ends_every_link_made_for_them(production):
    person = make_person(production)
    others = _links(make_person(production))
    tokens = _links(person)
    person_delete(actor=None, person=person)
    assert not any(_live(token, purpose) for purpose, token in tokens.items())
    assert all(_live(token, purpose) for purpose, token in others.items())


def test_ending_their_job_ends_call_sheets_scripts_and_calendar_but_not_their_details(production):
    person = make_person(production, end_date=production.today() + timedelta(days=30))
    tokens = _links(person)
    person_update(actor=None, person=person, end_date=production.today() - timedelta(days=1))
    live = {purpose for purpose, token in tokens.items() if _live(token, purpose)}
    assert live == {"person.details"}
