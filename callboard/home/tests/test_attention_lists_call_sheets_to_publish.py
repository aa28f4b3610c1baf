"""Needs attention names the next shoot days whose call sheet is not published yet (and a
revision not yet sent), linking to where it is done; only for who may publish sheets."""

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issue, issued_as_json, sheet_view
from callboard.callsheets.services import callsheet_create, callsheet_revise
from callboard.core.capabilities import Role

from .conftest import attention, line


def publish(sheet):
    """Published as the publish service leaves it (its checks are the call sheet app's)."""
    snapshot = issued_as_json(issue(sheet_view(sheet)))
    CallSheet.objects.filter(pk=sheet.pk).update(
        status=CallSheet.Status.PUBLISHED, snapshot=snapshot
    )
    sheet.refresh_from_db()
    return sheet


def test_next_shoot_days_without_a_published_sheet_are_listed(
    production, week_board, member_client
):
    client = member_client(Role.COORDINATOR)
    today = production.today()
    found = line(attention(client, production), "not yet published for the next shoot days")
    assert found.startswith("2 call sheets not yet published")
    assert f"Day 1 {today:%a %b} {today.day}" in found and "Day 2" in found
    assert "Day 3" not in found  # only the next two shoot days
    assert f"/p/{production.slug}/callsheets/?scenario={week_board.pk}" in found

    # One day left, with a draft: the line opens that draft.
    publish(callsheet_create(actor=None, scenario=week_board, day_number=1))
    draft = callsheet_create(actor=None, scenario=week_board, day_number=2)
    found = line(attention(client, production), "not yet published for the next")
    assert found.startswith("1 call sheet not yet published for the next shoot day: Day 2")
    assert found.endswith(f"/p/{production.slug}/callsheets/{draft.pk}/")

    publish(draft)
    assert line(attention(client, production), "not yet published") is None


def test_a_revision_not_yet_published_is_listed(production, week_board, member_client):
    client = member_client(Role.COORDINATOR)
    first = publish(callsheet_create(actor=None, scenario=week_board, day_number=1))
    publish(callsheet_create(actor=None, scenario=week_board, day_number=2))
    revision = callsheet_revise(actor=None, sheet=first)
    found = line(attention(client, production), "revision not yet published")
    assert found.startswith(f"1 call sheet revision not yet published: #{first.number} v2")
    assert found.endswith(f"/callsheets/{revision.pk}/")


def test_days_past_the_next_two_or_before_today_are_not_listed(
    production, week_board, member_client
):
    from datetime import timedelta

    # The board starts a week ago: days 1-7 are past, days 8 and 9 are the next two.
    week_board.calendar.start = production.today() - timedelta(days=7)
    week_board.calendar.save()
    client = member_client(Role.COORDINATOR)
    found = line(attention(client, production), "not yet published for the next")
    assert "Day 8" in found and "Day 9" in found and "Day 7" not in found


def test_shoot_days_past_this_week_are_not_yet_work(production, week_board, member_client):
    from datetime import timedelta

    week_board.calendar.start = production.today() + timedelta(days=7)  # in prep until then
    week_board.calendar.save()
    assert line(attention(member_client(Role.COORDINATOR), production), "call sheet") is None
    week_board.calendar.start = production.today() + timedelta(days=6)
    week_board.calendar.save()
    found = line(attention(member_client(Role.COORDINATOR), production), "not yet published")
    assert found.startswith("1 call sheet not yet published for the next shoot day: Day 1")


def test_roles_that_do_not_publish_sheets_do_not_see_it(production, week_board, member_client):
    for role in (Role.CREW, Role.DEPARTMENT_HEAD, Role.ACCOUNTANT, Role.PAYROLL, Role.PA):
        lines = attention(member_client(role), production)
        assert line(lines, "call sheet") is None, role
    assert line(attention(member_client(Role.APOC), production), "call sheets not yet")
