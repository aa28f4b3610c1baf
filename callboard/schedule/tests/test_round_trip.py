"""Export writes valid USS that re-imports to the same schedule."""

from callboard.core.testing import make_production
from callboard.schedule.models import Calendar, Element, Scenario, Strip
from callboard.schedule.queries import category_for, scenario_dood, scenario_plan, schedule_export
from callboard.schedule.services import banner_add, schedule_import
from callboard.schedule.uss import read_uss, write_uss


def _schedule(production) -> dict:
    """Everything a user sees of a schedule, keyed by USS ids (database ids differ)."""
    strips = {s.pk: s for s in Strip.objects.filter(production=production)}
    uss_of = {pk: s.uss_id for pk, s in strips.items()}
    scenarios = {}
    for scenario in Scenario.objects.filter(production=production).select_related("calendar"):
        board = scenario.board
        plan = scenario_plan(scenario)
        cast = category_for(production, "cast")
        dood = scenario_dood(plan, cast) if plan.rules() else None
        scenarios[scenario.name] = {
            "calendar": scenario.calendar.uss_id if scenario.calendar else None,
            "days": [[uss_of[pk] for pk in day] for day in board.days],
            "unscheduled": [uss_of[pk] for pk in board.unscheduled],
            "boneyard": [uss_of[pk] for pk in board.boneyard],
            "dood": [(r.id, r.codes, r.paid) for r in dood.rows] if dood else None,
        }
    return {
        "strips": {
            s.uss_id: (
                s.kind,
                s.scene_number,
                s.eighths,
                s.description,
                s.comments,
                s.banner_text,
                s.duration_minutes,
                s.script_page,
                sorted(e.uss_id for e in s.elements.all()),
            )
            for s in strips.values()
        },
        "elements": {
            e.uss_id: (
                e.name,
                e.category.uss_id if e.category else None,
                e.board_id,
                e.in_dood,
                e.allow_holds,
                e.allow_drops,
                e.drop_days,
                e.days_off,
                e.events,
                sorted(x.uss_id for x in e.linked.all()),
            )
            for e in Element.objects.filter(production=production).select_related("category")
        },
        "calendars": {
            c.uss_id: (c.name, c.start, c.weekly_off, c.events)
            for c in Calendar.objects.filter(production=production)
        },
        "scenarios": scenarios,
    }


def test_the_full_sample_round_trips_through_the_database(full_sample):
    exported = write_uss(schedule_export(full_sample))
    again = make_production("Round Trip")
    schedule_import(actor=None, production=again, schedule=read_uss(exported))
    assert _schedule(again) == _schedule(full_sample)
    assert _schedule(full_sample)["scenarios"]["First Pass"]["dood"]


def test_a_moved_strip_and_unscheduled_strips_survive_the_round_trip(full_sample):
    scenario = Scenario.objects.get(production=full_sample, name="First Pass")
    board = scenario.board
    layout = board.as_json()
    layout["unscheduled"] = [layout["days"][0].pop()] + layout["unscheduled"]
    scenario.layout = layout
    scenario.save()
    again = make_production("Round Trip 2")
    schedule_import(
        actor=None, production=again, schedule=read_uss(write_uss(schedule_export(full_sample)))
    )
    assert _schedule(again)["scenarios"] == _schedule(full_sample)["scenarios"]


def test_a_banner_stays_on_its_own_board_through_the_round_trip(full_sample):
    first_pass = Scenario.objects.get(production=full_sample, name="First Pass")
    banner_add(actor=None, scenario=first_pass, text="SECOND UNIT")
    again = make_production("Round Trip 3")
    schedule_import(
        actor=None, production=again, schedule=read_uss(write_uss(schedule_export(full_sample)))
    )
    assert _schedule(again)["scenarios"] == _schedule(full_sample)["scenarios"]
    second_pass = Scenario.objects.get(production=again, name="Second Pass")
    banners = Strip.objects.filter(production=again, banner_text="SECOND UNIT")
    assert banners.get().pk not in second_pass.board.strips()
