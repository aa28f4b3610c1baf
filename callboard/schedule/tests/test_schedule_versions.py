"""Publishing a scenario as a frozen schedule version: colours, findings, bad input, documents."""

import io
from datetime import date

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command

from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.schedule.models import Element, ScheduleVersion
from callboard.schedule.services import (
    VersionError,
    schedule_version_publish,
    schedule_version_warning_override,
)


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def _move(scenario, strip_index_from: tuple[int, int], to_day: int):
    """Move one strip (day, index) to the end of another day, as the board would."""
    layout = scenario.layout
    strip = layout["days"][strip_index_from[0]].pop(strip_index_from[1])
    layout["days"][to_day].append(strip)
    scenario.layout = layout
    scenario.save()
    return strip


def _url(scenario, path):
    return f"/p/{scenario.production.slug}/schedule/{path}"


def test_versions_are_numbered_and_coloured_in_the_production_order(small_board, coordinator):
    first = schedule_version_publish(actor=coordinator, scenario=small_board)
    second = schedule_version_publish(actor=coordinator, scenario=small_board)
    third = schedule_version_publish(actor=coordinator, scenario=small_board)
    assert [(v.number, v.colour) for v in (first, second, third)] == [
        (1, "White"),
        (2, "Blue"),
        (3, "Pink"),
    ]
    assert first.title.startswith("White — ")
    assert second.title.startswith("Blue revision — ")
    assert second.published_by == coordinator


def test_a_production_with_its_own_colour_order_uses_it(small_board, coordinator):
    production = small_board.production
    production.revision_colours = ["White", "Green", "Gold"]
    production.save()
    schedule_version_publish(actor=coordinator, scenario=small_board)
    assert schedule_version_publish(actor=coordinator, scenario=small_board).colour == "Green"


def test_the_schedule_is_counted_apart_from_the_script(small_board, coordinator):
    # No script version exists: the schedule's first version is still White, number 1.
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    assert (version.number, version.colour) == (1, "White")


def test_a_version_freezes_the_board_as_it_was(small_board, coordinator):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    _move(small_board, (0, 0), 2)
    version.refresh_from_db()
    days = version.board["days"]
    assert [d["date"] for d in days] == ["2026-12-07", "2026-12-08", "2026-12-09"]
    assert [s["number"] for s in days[0]["scenes"]] == ["1", "2"]
    assert days[1]["scenes"][0] == {
        "number": "3",
        "part": 1,
        "eighths": 8,
        "cast": ["1", "2"],
        "set": "KITCHEN",
        "dn": "",
        "int_ext": "",
        "omitted": False,
        "synopsis": "",
    }
    assert [c["id"] for c in version.board["cast"]] == ["1", "2"]


def test_a_finding_blocks_publishing_until_overridden_with_a_reason(
    small_board, coordinator, production
):
    # GEORGE does not work Mondays; day 1 is Monday 7 Dec.
    Element.objects.filter(name="GEORGE").update(days_off=[1])
    with pytest.raises(VersionError, match="Monday is one of their days off"):
        schedule_version_publish(actor=coordinator, scenario=small_board)
    assert not ScheduleVersion.objects.exists()
    membership = coordinator.memberships.get(production=production)
    warning = "1. GEORGE works on Mon 07 Dec, but Monday is one of their days off."
    with pytest.raises(VersionError, match="Say why"):
        schedule_version_warning_override(
            actor=coordinator,
            membership=membership,
            scenario=small_board,
            warning=warning,
            reason="ok",
        )
    schedule_version_warning_override(
        actor=coordinator,
        membership=membership,
        scenario=small_board,
        warning=warning,
        reason="He agreed to come in on Monday for this week only.",
    )
    assert schedule_version_publish(actor=coordinator, scenario=small_board).number == 1


def test_only_someone_who_may_edit_the_schedule_overrides_a_finding(small_board, production):
    Element.objects.filter(name="GEORGE").update(days_off=[1])
    viewer = add_member(production, Role.DEPARTMENT_HEAD)
    with pytest.raises(VersionError, match="may not override"):
        schedule_version_warning_override(
            actor=viewer,
            membership=viewer.memberships.get(production=production),
            scenario=small_board,
            warning="1. GEORGE works on Mon 07 Dec, but Monday is one of their days off.",
            reason="Because I say so, really.",
        )


def test_the_publish_page_shows_the_findings_and_refuses_with_a_message(
    coordinator_client, small_board
):
    Element.objects.filter(name="GEORGE").update(days_off=[1])
    page = coordinator_client.get(_url(small_board, f"scenarios/{small_board.pk}/publish/"))
    assert "Monday is one of their days off" in page.content.decode()
    response = coordinator_client.post(
        _url(small_board, f"scenarios/{small_board.pk}/publish/"),
        {"action": "publish"},
        follow=True,
    )
    assert "Nothing was published" in response.content.decode()
    assert not ScheduleVersion.objects.exists()


def test_strips_past_the_shoot_end_publish_nothing(small_board, coordinator, production):
    production.shoot_end = date(2026, 12, 8)
    production.save()
    with pytest.raises(VersionError, match="Day 3 .* is past the last shoot day"):
        schedule_version_publish(actor=coordinator, scenario=small_board)
    assert not ScheduleVersion.objects.exists()


def test_a_calendar_of_only_days_off_publishes_nothing(small_board, coordinator_client):
    calendar = small_board.calendar
    calendar.weekly_off = [0, 1, 2, 3, 4, 5, 6]
    calendar.save()
    response = coordinator_client.post(
        _url(small_board, f"scenarios/{small_board.pk}/publish/"),
        {"action": "publish"},
        follow=True,
    )
    assert "every day a company day off" in response.content.decode()
    assert not ScheduleVersion.objects.exists()


def test_a_board_without_a_calendar_publishes_nothing(small_board, coordinator):
    small_board.calendar = None
    small_board.save()
    with pytest.raises(VersionError, match="calendar with a first shoot day"):
        schedule_version_publish(actor=coordinator, scenario=small_board)


def test_old_versions_stay_downloadable_with_their_header(coordinator_client, small_board):
    coordinator_client.post(
        _url(small_board, f"scenarios/{small_board.pk}/publish/"), {"action": "publish"}
    )
    _move(small_board, (0, 0), 2)
    coordinator_client.post(
        _url(small_board, f"scenarios/{small_board.pk}/publish/"), {"action": "publish"}
    )
    white, blue = ScheduleVersion.objects.order_by("number")
    old = coordinator_client.get(_url(small_board, f"versions/{white.pk}/shooting-schedule.pdf"))
    assert old["Content-Type"] == "application/pdf"
    text = _text(old.content).upper()
    assert f"SHOOTING SCHEDULE — WHITE — {white.date:%b %d, %Y}".upper() in text
    new_text = _text(
        coordinator_client.get(_url(small_board, f"versions/{blue.pk}/one-liner.pdf")).content
    ).upper()
    assert "ONE-LINE SCHEDULE — BLUE REVISION" in new_text
    dood = _text(coordinator_client.get(_url(small_board, f"versions/{blue.pk}/dood.pdf")).content)
    assert "BLUE REVISION" in dood.upper() and "GEORGE" in dood
    cover = _text(
        coordinator_client.get(_url(small_board, f"versions/{blue.pk}/what-moved.pdf")).content
    )
    assert "Sc. 1 moved from day 1 to day 3" in cover
    page = coordinator_client.get(_url(small_board, "versions/")).content.decode()
    assert "colour-white" in page and "colour-blue" in page


def test_an_unknown_document_of_a_version_is_not_found(
    coordinator_client, small_board, coordinator
):
    version = schedule_version_publish(actor=coordinator, scenario=small_board)
    response = coordinator_client.get(_url(small_board, f"versions/{version.pk}/payroll.pdf"))
    assert response.status_code == 404


def test_the_compare_page_shows_what_moved_and_its_text(
    coordinator_client, small_board, coordinator
):
    schedule_version_publish(actor=coordinator, scenario=small_board)
    _move(small_board, (0, 0), 2)
    schedule_version_publish(actor=coordinator, scenario=small_board)
    page = coordinator_client.get(_url(small_board, "versions/compare/?from=1&to=2"))
    body = page.content.decode()
    assert "Sc. 1</strong> moved: day 1 → day 3" in body
    assert "1. GEORGE: days 1, 2 → 1, 2, 3" in body


@pytest.mark.parametrize("query", ["from=1&to=9", "from=x&to=1", ""])
def test_comparing_versions_that_do_not_exist_says_so(
    coordinator_client, small_board, coordinator, query
):
    schedule_version_publish(actor=coordinator, scenario=small_board)
    response = coordinator_client.get(_url(small_board, f"versions/compare/?{query}"), follow=True)
    assert response.status_code == 200
    assert "version" in response.content.decode()
    assert response.redirect_chain


def test_comparing_versions_of_two_scenarios_is_refused(
    coordinator_client, small_board, coordinator
):
    from callboard.schedule.models import Scenario

    schedule_version_publish(actor=coordinator, scenario=small_board)
    other = Scenario.objects.create(
        production=small_board.production,
        name="Second pass",
        calendar=small_board.calendar,
        layout=small_board.layout,
    )
    schedule_version_publish(actor=coordinator, scenario=other)
    response = coordinator_client.get(
        _url(small_board, "versions/compare/?from=1&to=2"), follow=True
    )
    assert "two different scenarios" in response.content.decode()


def test_a_scenario_with_versions_is_not_deleted(small_board, coordinator):
    from callboard.schedule.board import BoardError
    from callboard.schedule.services import scenario_delete

    schedule_version_publish(actor=coordinator, scenario=small_board)
    with pytest.raises(BoardError, match="Schedule versions were published"):
        scenario_delete(actor=coordinator, scenario=small_board)


def test_the_command_prints_what_moved_as_json(small_board, coordinator):
    import json

    schedule_version_publish(actor=coordinator, scenario=small_board)
    _move(small_board, (0, 0), 2)
    schedule_version_publish(actor=coordinator, scenario=small_board)
    out = io.StringIO()
    slug = small_board.production.slug
    call_command("schedule_diff", production=slug, from_=1, to=2, json=True, stdout=out)
    assert json.loads(out.getvalue()) == {
        "scenes": [{"number": "1", "change": "moved", "from_day": 1, "to_day": 3}],
        "cast": [{"id": "1", "name": "GEORGE", "days_before": [1, 2], "days_after": [1, 2, 3]}],
    }
    text = io.StringIO()
    call_command("schedule_diff", "--production", slug, "--from", "1", "--to", "2", stdout=text)
    assert "Sc. 1 moved from day 1 to day 3" in text.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "1", "--to", "7"], "no schedule version 7"),
        (["--from", "0", "--to", "1"], "no schedule version 0"),
    ],
)
def test_the_command_refuses_bad_numbers(small_board, coordinator, args, message):
    schedule_version_publish(actor=coordinator, scenario=small_board)
    with pytest.raises(CommandError, match=message):
        call_command("schedule_diff", "--production", small_board.production.slug, *args)


def test_the_command_refuses_an_unknown_production(db):
    with pytest.raises(CommandError, match="No production"):
        call_command("schedule_diff", "--production", "nope", "--from", "1", "--to", "2")
