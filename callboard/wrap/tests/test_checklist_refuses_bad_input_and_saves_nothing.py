"""Hostile input to the wrap checklist: a message, a 400, nothing saved or changed."""

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.wrap.models import ChecklistItem

GOOD = {"title": "Cancel parking", "category": "services", "owner": "", "due": "", "notes": ""}


@pytest.fixture
def outsider():
    other = make_production("Another Show")
    return add_member(other, Role.COORDINATOR)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": "   "}, "Say what is to be done."),
        ({"title": "x" * 201}, "Keep the item under 200 characters"),
        ({"due": "next Tuesday"}, "Type the due date as a date (YYYY-MM-DD)."),
        ({"due": "2027-02-30"}, "Type the due date as a date (YYYY-MM-DD)."),
        ({"category": "catering"}, "Choose one of the categories."),
        ({"owner": "abc"}, "The owner must be a member of this production."),
    ],
)
def test_a_bad_item_is_refused_with_a_message(coordinator_client, production, change, message):
    response = coordinator_client.post(f"/p/{production.slug}/wrap/checklist/", GOOD | change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ChecklistItem.objects.filter(production=production).exists()


def test_an_owner_from_another_production_is_refused(coordinator_client, production, outsider):
    response = coordinator_client.post(
        f"/p/{production.slug}/wrap/checklist/", GOOD | {"owner": outsider.pk}
    )
    assert response.status_code == 400
    assert "The owner must be a member of this production." in response.content.decode()
    assert not ChecklistItem.objects.filter(production=production).exists()


def test_an_inactive_member_cannot_own_an_item(coordinator_client, production):
    gone = add_member(production, Role.APOC)
    production.memberships.filter(user=gone).update(is_active=False)
    response = coordinator_client.post(
        f"/p/{production.slug}/wrap/checklist/", GOOD | {"owner": gone.pk}
    )
    assert response.status_code == 400
    assert not ChecklistItem.objects.filter(production=production).exists()


def test_a_bad_edit_changes_nothing(coordinator_client, production, outsider):
    item = ChecklistItem.objects.create(production=production, title="Cancel parking")
    for change in ({"title": ""}, {"owner": outsider.pk}, {"due": "31/12/2027"}):
        response = coordinator_client.post(
            f"/p/{production.slug}/wrap/checklist/{item.pk}/", GOOD | {"title": "Changed"} | change
        )
        assert response.status_code == 400
        item.refresh_from_db()
        assert (item.title, item.owner, item.due) == ("Cancel parking", None, None)


def test_another_productions_item_is_not_found(coordinator_client, production, outsider):
    theirs = ChecklistItem.objects.create(
        production=outsider.memberships.get().production, title="Theirs"
    )
    for tail in ("", "done/", "reopen/", "remove/"):
        url = f"/p/{production.slug}/wrap/checklist/{theirs.pk}/{tail}"
        assert coordinator_client.post(url, GOOD).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title, theirs.done_at, theirs.deleted_at) == ("Theirs", None, None)


def test_done_twice_is_done_once(coordinator_client, production):
    item = ChecklistItem.objects.create(production=production, title="Cancel parking")
    coordinator_client.post(f"/p/{production.slug}/wrap/checklist/{item.pk}/done/")
    item.refresh_from_db()
    first = item.done_at
    coordinator_client.post(f"/p/{production.slug}/wrap/checklist/{item.pk}/done/")
    item.refresh_from_db()
    assert item.done_at == first
    assert (
        coordinator_client.get(f"/p/{production.slug}/wrap/checklist/{item.pk}/done/").status_code
        == 405
    )
