"""The demo production's breakdown and first-pass stripboard, made the way a 1st AD would:
strips grouped by set and packed into shoot days of about four pages."""

from datetime import date, timedelta

from callboard.core.models import Production
from callboard.schedule.board import DAY, Layout
from callboard.schedule.models import Calendar, Element, Scenario, Strip, Ucid
from callboard.schedule.queries import cast_dood, publish_findings, scenario_plan, strip_infos
from callboard.schedule.services import (
    breakdown_seed,
    ensure_categories,
    schedule_version_publish,
    schedule_version_warning_override,
    strip_element_add,
    strips_move,
)

PAGES_PER_DAY = 32  # eighths: four pages, a feature's pace
# The demo's sets and where they are shot (the interiors not listed are built on the stage).
STAGE = "Stage 2, Sunset Las Palmas"
LOCATIONS = {
    "ALLEY BEHIND THE DINER": "Rosie's Diner",
    "DINER": "Rosie's Diner",
    "CHURCH STEPS": "St. Vibiana's",
    "CITY PARK": "Echo Park Lake",
    "HARBOR DOCKS": "Port of Los Angeles, Berth 87",
    "HOSPITAL - CORRIDOR": "Linda Vista",
    "NEWSROOM": "Herald Examiner Building",
    "ROOFTOP": "Barclay Hotel roof",
    "RAY'S CAR - MOVING": "Downtown streets (process trailer)",
    "TAXI - MOVING": "Downtown streets (process trailer)",
}
PROPS = ["Walkie-talkies", "Police badge", "Case files", "Cell phone", "Car keys", "Flashlight"]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for the last) given weekday (Monday = 0) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def us_holidays(start: date, days: int) -> list[date]:
    """The holidays a US crew does not shoot on, between start and start + days."""
    found = []
    for year in (start.year, start.year + 1):
        found += [
            date(year, 1, 1),
            _nth_weekday(year, 5, 0, -1),
            date(year, 7, 4),
            _nth_weekday(year, 9, 0, 1),
            _nth_weekday(year, 11, 3, 4),
            date(year, 12, 25),
        ]
    return sorted(d for d in found if start <= d <= start + timedelta(days=days))


def schedule_demo_build(*, actor, production: Production, version, start: date) -> Scenario:
    breakdown_seed(actor=actor, version=version)
    categories = ensure_categories(production)
    strips = list(
        Strip.objects.filter(production=production, kind=Strip.Kind.SCENE).prefetch_related(
            "elements__category"
        )
    )
    for n, strip in enumerate(strips):
        if n % 4 == 0:
            strip_element_add(
                actor=actor,
                strip=strip,
                category=categories[Ucid.PROPS],
                name=PROPS[n % len(PROPS)],
            )
        if n % 9 == 0:
            strip_element_add(
                actor=actor,
                strip=strip,
                category=categories[Ucid.BACKGROUND],
                name="12 Pedestrians",
            )
    for strip in strips:  # where each set is shot
        set_name = next((e.name for e in strip.elements.all() if e.category.ucid == Ucid.SET), "")
        strip_element_add(
            actor=actor,
            strip=strip,
            category=categories[Ucid.LOCATION],
            name=LOCATIONS.get(set_name.upper(), STAGE),
        )
    lead = Element.objects.filter(
        production=production, category=categories[Ucid.CAST], board_id="1"
    ).first()
    if lead is not None:
        lead.events = [
            {"type": "event", "name": "fitting", "date": (start - timedelta(days=5)).isoformat()},
            {"type": "event", "name": "travel", "date": (start - timedelta(days=2)).isoformat()},
        ]
        lead.save(update_fields=["events"])

    events = [
        {
            "type": "event",
            "name": "company move to Stage 2",
            "date": (start + timedelta(days=14)).isoformat(),
        }
    ] + [
        {"type": "event", "name": "holiday", "date": d.isoformat()} for d in us_holidays(start, 120)
    ]
    # The first scenario's calendar was built from the production's shoot dates; the demo's
    # coordinator adds the company move and the holidays to it, as one would by hand.
    calendar = Scenario.objects.get(production=production).calendar
    if calendar is not None and calendar.start == start:
        calendar.events = sorted(calendar.events + events, key=lambda e: e["date"])
        calendar.save(update_fields=["events"])
    else:
        calendar = Calendar.objects.create(
            production=production,
            name=f"Start {start:%b %d, %Y}",
            start=start,
            weekly_off=[0, 6],
            events=events,
        )
    infos = strip_infos(production)
    by_set = sorted(
        (i for i in infos.values() if i.kind == Strip.Kind.SCENE),
        key=lambda i: (i.set_name, i.pk),
    )
    days: list[list[int]] = [[]]
    eighths = 0
    for info in by_set[:-4]:
        if eighths >= PAGES_PER_DAY:
            days.append([])
            eighths = 0
        days[-1].append(info.pk)
        eighths += info.eighths
    unscheduled = [i.pk for i in by_set[-4:-1]]
    boneyard = [by_set[-1].pk]
    scenario = Scenario.objects.get(production=production)
    scenario.name = "First pass"
    scenario.calendar = calendar
    scenario.layout = Layout.of(days, unscheduled, boneyard).as_json()
    scenario.save()
    return scenario


def schedule_versions_demo_build(*, actor, scenario: Scenario) -> list:
    """The first pass published White, then three later scenes moved a day and published as
    the Blue revision, so the versions and what-moved pages have something to show. The
    board's findings (the demo's cast rules) are overridden with the AD's reason."""
    membership = actor.memberships.get(production=scenario.production)

    def publish():
        plan = scenario_plan(scenario)
        for warning in publish_findings(plan, cast_dood(plan)):
            schedule_version_warning_override(
                actor=actor,
                membership=membership,
                scenario=scenario,
                warning=warning,
                reason="Agreed with the performer's agent for this schedule.",
            )
        return schedule_version_publish(actor=actor, scenario=scenario)

    white = publish()
    days = scenario.board.days
    # The first scene of days 6, 8 and 10 each go one day later (day breaks kept).
    for index in (9, 7, 5):
        if index + 1 < len(days) and days[index]:
            strip = scenario.board.days[index][0]
            scenario = strips_move(
                actor=actor, scenario=scenario, strips=[strip], target=DAY, day=index + 1
            )
    return [white, publish()]
