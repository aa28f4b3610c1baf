"""The wrap checklist: seeded once with the usual items, then added to, edited, done, reopened
and removed by the office, every change audited; overdue items flagged."""

from datetime import date, timedelta

from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent
from callboard.core.testing import add_member
from callboard.wrap.checklist.defaults import DEFAULT_ITEMS
from callboard.wrap.models import ChecklistItem


def _url(production, tail=""):
    return f"/p/{production.slug}/wrap/checklist/{tail}"


def test_the_first_opening_seeds_the_usual_list_with_dates_from_the_shoot(
    coordinator_client, production
):
    production.shoot_end, production.wrap_end = date(2027, 5, 1), date(2027, 5, 21)
    production.save()
    page = coordinator_client.get(_url(production)).content.decode()
    items = ChecklistItem.objects.filter(production=production)
    assert items.count() == len(DEFAULT_ITEMS)
    titles = set(items.values_list("title", flat=True))
    assert {"Cancel phones and the internet", "Deliver the wrap binder"} <= titles
    assert "Return rental equipment and close the rental accounts" in page
    assert items.get(title="Cancel phones and the internet").due == date(2027, 5, 8)
    assert items.get(title="Deliver the wrap binder").due == date(2027, 5, 21)
    assert set(items.values_list("category", flat=True)) == set(ChecklistItem.Category.values)
    coordinator_client.get(_url(production))
    assert items.count() == len(DEFAULT_ITEMS)


def test_a_list_emptied_by_hand_is_not_seeded_again(coordinator_client, production):
    coordinator_client.get(_url(production))
    for item in ChecklistItem.objects.filter(production=production):
        coordinator_client.post(_url(production, f"{item.pk}/remove/"))
    page = coordinator_client.get(_url(production)).content.decode()
    assert "Nothing on the checklist." in page
    assert ChecklistItem.objects.filter(production=production, deleted_at__isnull=True).count() == 0


def test_an_item_is_added_edited_done_reopened_and_removed_with_an_audit_trail(client, production):
    coordinator = add_member(production, Role.COORDINATOR)
    accountant = add_member(production, Role.ACCOUNTANT)
    client.force_login(coordinator)
    response = client.post(
        _url(production),
        {
            "title": "Return the honeywagon",
            "category": "rentals",
            "owner": accountant.pk,
            "due": "2027-06-01",
            "notes": "Call Star Waggons",
        },
    )
    assert response.status_code == 302
    item = ChecklistItem.objects.get(title="Return the honeywagon")
    assert (item.owner, item.due, item.category) == (accountant, date(2027, 6, 1), "rentals")

    client.post(
        _url(production, f"{item.pk}/"),
        {"title": "Return the honeywagon and the star trailers", "category": "rentals",
         "owner": "", "due": "2027-06-02", "notes": ""},
    )  # fmt: skip
    item.refresh_from_db()
    assert (item.title, item.owner, item.due) == (
        "Return the honeywagon and the star trailers",
        None,
        date(2027, 6, 2),
    )

    client.post(_url(production, f"{item.pk}/done/"))
    item.refresh_from_db()
    assert item.done_by == coordinator and item.done_at is not None
    assert "Reopen" in client.get(_url(production)).content.decode()
    client.post(_url(production, f"{item.pk}/reopen/"))
    item.refresh_from_db()
    assert item.done_at is None and item.done_by is None

    client.post(_url(production, f"{item.pk}/remove/"))
    item.refresh_from_db()
    assert item.deleted_at is not None
    assert client.get(_url(production, f"{item.pk}/")).status_code == 404
    actions = list(
        AuditEvent.objects.filter(object_type="checklistitem", object_id=item.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update", "update", "delete"]


def test_overdue_items_are_flagged_on_the_page_and_the_card(coordinator_client, production):
    coordinator_client.get(_url(production))
    late = ChecklistItem.objects.create(
        production=production,
        title="Cancel the copier lease",
        due=production.today() - timedelta(days=2),
    )
    page = coordinator_client.get(_url(production)).content.decode()
    assert f'<tr id="item-{late.pk}" class="bad-row">' in page
    row = page.split(f'id="item-{late.pk}"')[1].split("</tr>")[0]
    assert "overdue" in row
    card = coordinator_client.get(f"/p/{production.slug}/wrap/").content.decode()
    assert "1 overdue" in card
    assert "Cancel the copier lease" in card


def test_only_wrap_roles_reach_the_checklist(member_client, production):
    assert member_client(Role.PA).get(_url(production)).status_code in (403, 404)
    assert not ChecklistItem.objects.filter(production=production).exists()
