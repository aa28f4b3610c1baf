"""The breakdown, the scenarios, each scenario's board and its Day Out of Days, read the way
the schedule pages read them (schedule.queries: strip_infos, scenario_plan, scenario_dood)."""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404
from callboard.schedule.models import Scenario, Strip
from callboard.schedule.queries import (
    StripInfo,
    board_days,
    category_for,
    scenario_dood,
    scenario_plan,
    strip_infos,
)

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS

router = Router(tags=["Schedule"])


class ElementOut(Schema):
    id: int
    board_id: str  # "1" for the lead; other elements may have none
    name: str


class ElementGroupOut(Schema):
    category: str
    ucid: int | None  # the USS category number: 100 cast, 104 props...
    elements: list[ElementOut]


class StripOut(Schema):
    """A breakdown sheet as the breakdown page shows it: the heading's facts (set, INT/EXT,
    day or night, script day, location are elements too, as in USS) and every other element
    by category."""

    id: int
    kind: str  # scene or banner
    position: int  # script order
    scene: str
    script_page: str
    eighths: int
    pages: str  # "2 6/8"
    description: str
    comments: str
    banner: str
    omitted: bool
    set: str
    int_ext: str
    day_night: str  # as the breakdown says it (DAY, NIGHT, CONTINUOUS...)
    dn: str  # D or N as resolved (CONTINUOUS takes the scene before's); "" when unknown
    script_day: str
    location: str
    duration_minutes: int | None
    cast_ids: list[str]
    elements: list[ElementGroupOut]
    updated_at: datetime


StripPage = page_schema(StripOut)


def _elements(info: StripInfo) -> list[dict]:
    groups: list[dict] = []
    for element in info.elements:  # in category order already
        category = element.category
        name = category.name if category else "Uncategorised"
        if not groups or groups[-1]["category"] != name:
            groups.append(
                {"category": name, "ucid": category.ucid if category else None, "elements": []}
            )
        groups[-1]["elements"].append(
            {"id": element.pk, "board_id": element.board_id, "name": element.name}
        )
    return groups


def _strip_out(info: StripInfo, updated_at: datetime) -> dict:
    return {
        "id": info.pk,
        "kind": info.kind,
        "position": info.position,
        "scene": info.scene,
        "script_page": info.script_page,
        "eighths": info.eighths,
        "pages": info.pages,
        "description": info.description,
        "comments": info.comments,
        "banner": info.banner,
        "omitted": info.omitted,
        "set": info.set_name,
        "int_ext": info.int_ext,
        "day_night": info.day_night,
        "dn": info.dn_letter,
        "script_day": info.script_day,
        "location": info.location,
        "duration_minutes": info.duration_minutes,
        "cast_ids": info.cast_ids,
        "elements": _elements(info),
        "updated_at": updated_at,
    }


@router.get("/{production}/breakdown", response={200: StripPage, **ERRORS})
def breakdown_list(request, production: str, params: Query[ListParams]):
    """Every strip of the breakdown (scenes and banners), in the order they changed; a
    sheet changes when its fields or its elements do (an element renamed changes every
    sheet it is on)."""
    access = need(request, Cap.SCHEDULE_VIEW)
    rows = Strip.objects.filter(production=access.production).only("pk", "updated_at")
    live, _, next_cursor = cursor_page(rows, params, deleted=None)
    infos = strip_infos(access.production) if live else {}
    return {
        "items": [_strip_out(infos[s.pk], s.updated_at) for s in live if s.pk in infos],
        "deleted": [],
        "next_cursor": next_cursor,
    }


class ScenarioOut(Schema):
    id: int
    name: str
    position: int
    calendar: str | None
    first_shoot_day: date | None  # the calendar's start
    days: int  # shoot days on the board
    revision: int  # bumped on every change to the board
    updated_at: datetime


ScenarioPage = page_schema(ScenarioOut)


def _scenario_out(scenario: Scenario) -> dict:
    calendar = scenario.calendar
    return {
        "id": scenario.pk,
        "name": scenario.name,
        "position": scenario.position,
        "calendar": calendar.name if calendar else None,
        "first_shoot_day": calendar.start if calendar else None,
        "days": len(scenario.board.days),
        "revision": scenario.revision,
        "updated_at": scenario.updated_at,
    }


@router.get("/{production}/scenarios", response={200: ScenarioPage, **ERRORS})
def scenarios_list(request, production: str, params: Query[ListParams]):
    """The production's scenarios (ways of ordering the strips into days), as they changed."""
    access = need(request, Cap.SCHEDULE_VIEW)
    rows = Scenario.objects.filter(production=access.production).select_related("calendar")
    live, _, next_cursor = cursor_page(rows, params, deleted=None)
    return {
        "items": [_scenario_out(s) for s in live],
        "deleted": [],
        "next_cursor": next_cursor,
    }


class BoardStripOut(Schema):
    id: int
    kind: str
    scene: str
    eighths: int
    pages: str
    cast_ids: list[str]
    set: str
    int_ext: str
    dn: str
    description: str
    banner: str
    omitted: bool


class DayOffOut(Schema):
    date: date
    label: str  # Day off, Holiday


class BoardDayOut(Schema):
    number: int  # shoot day number
    date: date | None  # None while the scenario's calendar has no first shoot day
    eighths: int
    pages: str
    notes: list[str]  # calendar events of the day (company move...)
    strips: list[BoardStripOut]
    days_off_after: list[DayOffOut]  # the weekend and holidays before the next shoot day
    week_ends: bool  # the next shoot day is in another week


class BoardOut(ScenarioOut):
    eighths: int
    pages: str
    shoot_days: list[BoardDayOut]
    unscheduled: list[BoardStripOut]
    boneyard: list[BoardStripOut]
    days_off: list[DayOffOut]  # every day off and holiday inside the shoot


def _board_strip(info: StripInfo) -> dict:
    return {
        "id": info.pk,
        "kind": info.kind,
        "scene": info.scene,
        "eighths": info.eighths,
        "pages": info.pages,
        "cast_ids": info.cast_ids,
        "set": info.set_name,
        "int_ext": info.int_ext,
        "dn": info.dn_letter,
        "description": info.description,
        "banner": info.banner,
        "omitted": info.omitted,
    }


def _scenario(request, scenario_id: int) -> Scenario:
    return get_scoped_or_404(
        Scenario.objects.select_related("calendar", "production"), request, pk=scenario_id
    )


@router.get("/{production}/scenarios/{scenario_id}/board", response={200: BoardOut, **ERRORS})
def scenario_board(request, production: str, scenario_id: int):
    """The stripboard: the shoot days in order, each with its strips in shooting order (a
    day's end is its day break), the days off between them, and the strips not scheduled."""
    need(request, Cap.SCHEDULE_VIEW)
    scenario = _scenario(request, scenario_id)
    plan = scenario_plan(scenario)
    return {
        **_scenario_out(scenario),
        "eighths": plan.eighths,
        "pages": plan.pages,
        "shoot_days": [
            {
                "number": day.number,
                "date": day.date,
                "eighths": day.eighths,
                "pages": day.pages,
                "notes": day.notes,
                "strips": [_board_strip(s) for s in day.strips],
                "days_off_after": [{"date": d, "label": label} for d, label in gaps],
                "week_ends": week_ends,
            }
            for day, gaps, week_ends in board_days(plan)
        ],
        "unscheduled": [_board_strip(s) for s in plan.unscheduled],
        "boneyard": [_board_strip(s) for s in plan.boneyard],
        "days_off": [{"date": d, "label": label} for d, label in plan.off_days],
    }


class DoodDayOut(Schema):
    date: date
    shoot_day: int | None  # None on a day the company does not shoot
    day_off: bool
    holiday: bool


class DoodRowOut(Schema):
    element_id: int
    id: str  # the board ID ("1"), or the name when there is none
    name: str
    person_id: int | None  # for cast: the performer on the cast list
    codes: list[str]  # one per day of ``days``: SW, W, WF, SWF, H, TR, R, FT, HOL, drops...
    start: date | None
    finish: date | None
    work: int
    hold: int
    travel: int
    rehearsal: int
    fitting: int
    holiday: int
    paid: int
    drops: int


class DoodOut(Schema):
    scenario_id: int
    category: str
    ucid: int
    dated: bool  # False while the calendar has no first shoot day: no days, no rows
    days: list[DoodDayOut]
    rows: list[DoodRowOut]


class DoodParams(Schema):
    category: str = Field(
        "cast", max_length=100, description="A category's UCID or name; cast by default."
    )


@router.get("/{production}/scenarios/{scenario_id}/dood", response={200: DoodOut, **ERRORS})
def scenario_dood_read(request, production: str, scenario_id: int, params: Query[DoodParams]):
    """The Day Out of Days of a category (cast by default), as the DOOD page computes it:
    each element's code on each calendar day, and its totals."""
    need(request, Cap.SCHEDULE_VIEW)
    scenario = _scenario(request, scenario_id)
    category = category_for(scenario.production, params.category)
    if category is None:
        raise Http404("No such breakdown category on this production.")
    plan = scenario_plan(scenario)
    dood = scenario_dood(plan, category) if plan.rules() else None
    if dood is None:
        days, rows = [], []
    else:
        calendar = dood.calendar
        days = [
            {
                "date": day,
                "shoot_day": calendar.shoot_days.get(day),
                "day_off": day in calendar.days_off,
                "holiday": day in calendar.holidays,
            }
            for day in calendar.days
        ]
        rows = [
            {
                "element_id": element.pk,
                "id": row.id,
                "name": row.name,
                "person_id": element.person_id,
                "codes": [row.codes.get(day, "") for day in calendar.days],
                **{name: getattr(row, name) for name in _DOOD_TOTALS},
            }
            for element, row in zip(dood.elements, dood.rows, strict=True)
        ]
    return {
        "scenario_id": scenario.pk,
        "category": category.name,
        "ucid": category.ucid,
        "dated": dood is not None,
        "days": days,
        "rows": rows,
    }


_DOOD_TOTALS = (
    "start",
    "finish",
    "work",
    "hold",
    "travel",
    "rehearsal",
    "fitting",
    "holiday",
    "paid",
    "drops",
)
