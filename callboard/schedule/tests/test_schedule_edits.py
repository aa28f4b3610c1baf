"""Editing the schedule from its pages: what a coordinator types, and what they get back."""

from datetime import date

import pytest

from callboard.core.models import AuditEvent
from callboard.schedule.models import Calendar, Element, Scenario, Strip
from callboard.schedule.testing import board_post


@pytest.fixture
def first_pass(full_sample):
    return Scenario.objects.get(production=full_sample, name="First Pass")


def _url(production, path):
    return f"/p/{production.slug}/schedule/{path}"


def _change(client, scenario, action, **fields):
    """Posted as the page serves the board's forms: with the board's revision, unless given."""
    fields.setdefault("revision", Scenario.objects.get(pk=scenario.pk).revision)
    return board_post(client, scenario, action, **fields)


def test_a_calendar_far_in_the_future_is_refused_and_never_breaks_the_pages(
    coordinator_client, first_pass
):
    production = first_pass.production
    response = coordinator_client.post(
        _url(production, "calendars/new/"), {"name": "Far", "start": "9999-12-30"}
    )
    assert "Choose a date between" in response.content.decode()
    # Even one stored that way (an import, say) gives pages, not errors.
    far = Calendar.objects.create(production=production, name="Far", start=date(9999, 12, 30))
    first_pass.calendar = far
    first_pass.save()
    for path in (
        "",
        f"scenarios/{first_pass.pk}/",
        f"scenarios/{first_pass.pk}/dood/",
        f"scenarios/{first_pass.pk}/one-liner.pdf",
    ):
        assert coordinator_client.get(_url(production, path)).status_code == 200, path


def test_an_imported_day_off_event_reads_back_and_saves_unchanged(coordinator_client, full_sample):
    potter = Element.objects.get(production=full_sample, name="POTTER")
    page = coordinator_client.get(_url(full_sample, f"elements/{potter.pk}/")).content.decode()
    assert "2022-07-12 unavailable" in page
    response = coordinator_client.post(
        _url(full_sample, f"elements/{potter.pk}/"),
        {
            "name": "POTTER",
            "board_id": "2",
            "in_dood": "on",
            "allow_holds": "on",
            "drop_days": "10",
            "events": "2022-07-12 unavailable",
        },
    )
    assert response.status_code == 302
    potter.refresh_from_db()
    assert potter.unavailable_dates() == {date(2022, 7, 12)}


def test_a_board_id_already_taken_in_the_category_is_refused(coordinator_client, full_sample):
    potter = Element.objects.get(production=full_sample, name="POTTER")
    response = coordinator_client.post(
        _url(full_sample, f"elements/{potter.pk}/"),
        {"name": "POTTER", "board_id": "1", "drop_days": "10"},
    )
    assert "GEORGE already has board ID 1" in response.content.decode()
    potter.refresh_from_db()
    assert potter.board_id == "2"


def test_a_scene_can_be_moved_by_typing_its_number(coordinator_client, first_pass):
    scene = Strip.objects.get(production=first_pass.production, scene_number="17")
    response = _change(
        coordinator_client,
        first_pass,
        action="move_scenes",
        scene="17",
        to="boneyard",
        revision=first_pass.revision,
    )
    assert response.status_code == 200
    first_pass.refresh_from_db()
    assert first_pass.board.boneyard[-1] == scene.pk
    missing = _change(
        coordinator_client, first_pass, action="move_scenes", scene="999Z", to="day:0"
    )
    assert missing.status_code == 409
    assert "Nothing was moved: no scene 999Z on this board" in missing.content.decode()


def test_a_banner_removed_from_its_only_board_is_deleted(coordinator_client, first_pass):
    _change(coordinator_client, first_pass, action="banner", text="COMPANY MOVE")
    first_pass.refresh_from_db()
    banner = first_pass.board.unscheduled[0]
    _change(coordinator_client, first_pass, action="remove_banner", strip=banner)
    first_pass.refresh_from_db()
    assert banner not in first_pass.board.strips()
    assert not Strip.objects.filter(pk=banner).exists()


def test_a_scenario_is_renamed_and_deleted_only_when_its_name_is_typed(
    coordinator_client, first_pass
):
    production = first_pass.production
    _change(coordinator_client, first_pass, action="rename", name="Second Pass")
    first_pass.refresh_from_db()
    assert first_pass.name == "First Pass"  # the name is taken
    _change(coordinator_client, first_pass, action="rename", name="Director's pass")
    first_pass.refresh_from_db()
    assert first_pass.name == "Director's pass"
    delete = _url(production, f"scenarios/{first_pass.pk}/delete/")
    coordinator_client.post(delete, {"confirm": "nope"})
    assert Scenario.objects.filter(pk=first_pass.pk).exists()
    coordinator_client.post(delete, {"confirm": "Director's pass"})
    assert not Scenario.objects.filter(pk=first_pass.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_type="scenario")
    assert event.changes["layout"]["days"]  # the board can be rebuilt from the log
    assert Strip.objects.filter(production=production).count() == 174


def test_two_scenarios_cannot_share_a_name(coordinator_client, first_pass):
    production = first_pass.production
    coordinator_client.post(_url(production, "scenarios/new/"), {"name": "first pass"})
    assert Scenario.objects.filter(production=production, name__iexact="first pass").count() == 1


def test_breakdown_sheet_refuses_absurd_pages_and_times(coordinator_client, full_sample):
    strip = Strip.objects.get(production=full_sample, scene_number="17")
    response = coordinator_client.post(
        _url(full_sample, f"breakdown/{strip.pk}/"),
        {"scene_number": "17", "pages": "100000", "duration_minutes": "99999"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Check the page count" in page and "up to 1440" in page
    strip.refresh_from_db()
    assert strip.eighths == 15


def test_adding_an_element_already_on_the_sheet_says_so(coordinator_client, full_sample):
    strip = Strip.objects.get(production=full_sample, scene_number="2")
    props = strip.elements.get(name="5 Sleds").category
    response = coordinator_client.post(
        _url(full_sample, f"breakdown/{strip.pk}/add/"),
        {"category": props.pk, "name": "5 sleds"},
    )
    assert "already on this sheet" in response.content.decode()
