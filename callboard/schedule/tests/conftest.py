from pathlib import Path

import pytest

from callboard.schedule.services import schedule_import
from callboard.schedule.uss import read_uss

USS = Path(__file__).parent / "data" / "uss"


@pytest.fixture
def full_sample(production):
    """The licensed full USS sample imported into the test production."""
    schedule = read_uss((USS / "full_sample_schedule.uss").read_bytes())
    schedule_import(
        actor=None, production=production, schedule=schedule, source_name="full_sample_schedule.uss"
    )
    return production


@pytest.fixture
def small_board(production):
    """A six-scene board over three shoot days from Monday 7 Dec 2026 (weekends off): scenes
    1-2 on day 1 (GEORGE), 3-4 on day 2 (GEORGE, MARY), 5-6 on day 3 (MARY)."""
    from datetime import date

    from callboard.schedule.models import Calendar, Element, Scenario, Strip, Ucid
    from callboard.schedule.services import ensure_categories

    categories = ensure_categories(production)
    george = Element.objects.create(
        production=production, category=categories[Ucid.CAST], name="GEORGE", board_id="1"
    )
    mary = Element.objects.create(
        production=production, category=categories[Ucid.CAST], name="MARY", board_id="2"
    )
    kitchen = Element.objects.create(
        production=production, category=categories[Ucid.SET], name="KITCHEN"
    )
    strips = []
    for n in range(1, 7):
        strip = Strip.objects.create(
            production=production, scene_number=str(n), eighths=8, position=n
        )
        strip.elements.add(kitchen, *([george] if n <= 4 else []), *([mary] if n >= 3 else []))
        strips.append(strip.pk)
    calendar = Calendar.objects.create(
        production=production, name="Main", start=date(2026, 12, 7), weekly_off=[0, 6]
    )
    return Scenario.objects.create(
        production=production,
        name="First pass",
        calendar=calendar,
        layout={"days": [strips[0:2], strips[2:4], strips[4:6]], "unscheduled": []},
    )
