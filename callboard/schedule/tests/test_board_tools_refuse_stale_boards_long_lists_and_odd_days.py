"""Issue 15, item 6 (review): the board's bulk tools (the move box, Sort, Break into days) as
served without script carry the board's revision and refuse a post without one; a typed list
longer than the limit is refused, not cut; a day like 'day:²' is a clear refusal, not a 500."""

from callboard.schedule.models import Strip
from callboard.schedule.testing import board_url

from . import test_board_tools as board_tools
from .test_board_tools import _change, _pk

first_pass = board_tools.first_pass  # fixture: a scheduled board


def _board_page(client, scenario):
    url = f"/p/{scenario.production.slug}/schedule/scenarios/{scenario.pk}/"
    return client.get(url).content.decode()


def test_the_bulk_tools_as_served_carry_the_boards_revision(coordinator_client, first_pass):
    page = _board_page(coordinator_client, first_pass)
    for action in ("move_scenes", "sort", "break_days"):
        form = page.split(f'action="{board_url(first_pass, action)}"', 1)[1].split("</form>")[0]
        assert f'name="revision" value="{first_pass.revision}"' in form, action


def test_the_bulk_tools_posted_without_a_revision_change_nothing(coordinator_client, first_pass):
    before = first_pass.board
    for fields in (
        {"action": "move_scenes", "scene": "1, 2", "to": "boneyard"},
        {"action": "sort", "what": "unscheduled", "by": "set"},
        {"action": "break_days", "pages": "5"},
    ):
        response = _change(coordinator_client, first_pass, revision="", **fields)
        assert response.status_code == 409, fields
        assert "This board page is out of date: reload it" in response.content.decode()
        first_pass.refresh_from_db()
        assert first_pass.board == before, fields


def test_a_stale_revision_from_the_served_form_is_refused(coordinator_client, first_pass):
    page = _board_page(coordinator_client, first_pass)
    served = int(page.split('name="revision" value="', 1)[1].split('"', 1)[0])
    _change(coordinator_client, first_pass, action="move_scenes", scene="3", to="boneyard")
    first_pass.refresh_from_db()
    moved = first_pass.board
    response = _change(
        coordinator_client,
        first_pass,
        action="move_scenes",
        scene="1",
        to="boneyard",
        revision=served,
    )
    assert response.status_code == 409
    first_pass.refresh_from_db()
    assert first_pass.board == moved


def test_a_typed_list_longer_than_the_limit_is_refused_not_cut(coordinator_client, first_pass):
    """Cut at 2,000 characters, '..., 23' read '..., 2' and moved scene 2, which nobody typed."""
    text = "1, " * 666 + " 23"  # 2,001 characters once stripped
    assert len(text.strip()) > 2000
    before = first_pass.board
    response = _change(
        coordinator_client, first_pass, action="move_scenes", scene=text, to="boneyard"
    )
    assert response.status_code == 409
    assert "longer than 2,000 characters: nothing was moved" in response.content.decode()
    first_pass.refresh_from_db()
    assert first_pass.board == before
    assert _pk(first_pass.production, "2") not in first_pass.board.boneyard


def test_a_superscript_day_in_the_select_is_a_clear_refusal_not_a_500(
    coordinator_client, first_pass
):
    """'²'.isdigit() is true but int('²') raises ValueError."""
    coordinator_client.raise_request_exception = False
    for fields, message in (
        ({"action": "sort", "what": "day:²", "by": "set"}, "Choose a day or the unscheduled"),
        ({"action": "move_scenes", "scene": "1", "to": "day:²"}, "Choose where to move"),
    ):
        response = _change(coordinator_client, first_pass, **fields)
        assert response.status_code == 409, (fields, response.status_code)
        assert message in response.content.decode()


def test_every_sort_of_every_day_keeps_each_strip_once(coordinator_client, first_pass):
    from callboard.schedule.sorting import SORTS

    strips = sorted(first_pass.board.strips())
    for by in SORTS:
        for what in ["unscheduled"] + [f"day:{i}" for i in range(len(first_pass.board.days))]:
            r = _change(coordinator_client, first_pass, action="sort", what=what, by=by)
            assert r.status_code == 200, (by, what, r.content[:300])
    first_pass.refresh_from_db()
    assert sorted(first_pass.board.strips()) == strips
    assert Strip.objects.filter(production=first_pass.production).count() >= len(strips)
