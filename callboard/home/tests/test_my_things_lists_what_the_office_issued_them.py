"""A crew member reads on "My things" what the office issued them and has not had back, and
by when it is due back; never another person's items, and no block when they hold nothing."""

from datetime import date, timedelta

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.office.supplies.services import item_issue, item_return
from callboard.people.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def grip_client(client, production):
    client.force_login(add_member(production, Role.CREW, make_user("gus@example.test")))
    return client


def test_a_grip_sees_their_walkie_and_not_anothers(grip_client, production):
    end = production.today() + timedelta(days=20)
    gus = make_person(
        production, first_name="Gus", email="gus@example.test", position="Grip", end_date=end
    )
    zed = make_person(production, first_name="Zed")
    item_issue(
        actor=None,
        production=production,
        kind="walkie",
        number="#12",
        person=gus,
        issued_on=date(2026, 3, 3),
    )
    key = item_issue(
        actor=None,
        production=production,
        kind="key",
        number="Stage 4",
        person=gus,
        issued_on=date(2026, 3, 3),
    )
    item_return(actor=None, item=key, returned_on=date(2026, 3, 4), state="good")
    item_issue(
        actor=None,
        production=production,
        kind="walkie",
        number="#7",
        person=zed,
        issued_on=date(2026, 3, 3),
    )

    html = grip_client.get(f"/p/{production.slug}/me/").content.decode()
    block = html.split('id="holding"')[1].split("</div>")[0]
    assert "You hold: <strong>Walkie #12</strong> (since Tue 3 Mar)." in block
    assert f"Due back by {end:%a} {end.day} {end:%b}." in block
    assert "#7" not in html  # Zed's walkie is his
    assert "Stage 4" not in block  # came back


def test_without_an_end_date_no_due_back_is_given(grip_client, production):
    gus = make_person(production, first_name="Gus", email="gus@example.test")
    item_issue(
        actor=None,
        production=production,
        kind="badge",
        number="B-40",
        person=gus,
        issued_on=date(2026, 3, 3),
    )
    html = grip_client.get(f"/p/{production.slug}/me/").content.decode()
    assert "Badge B-40" in html and "Due back" not in html


def test_someone_holding_nothing_sees_no_block(grip_client, production):
    make_person(production, first_name="Gus", email="gus@example.test")
    zed = make_person(production, first_name="Zed")
    item_issue(
        actor=None,
        production=production,
        kind="walkie",
        number="#7",
        person=zed,
        issued_on=date(2026, 3, 3),
    )
    html = grip_client.get(f"/p/{production.slug}/me/").content.decode()
    assert 'id="holding"' not in html and "You hold" not in html
