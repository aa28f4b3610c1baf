from datetime import UTC, datetime

import pytest
from django.utils import timezone

from callboard.callsheets.services import callsheet_create
from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.callsheets.tests.ready import make_ready, publish_despite


@pytest.fixture
def on_set(monkeypatch):
    """The production's clock set to a moment (UTC) of the shoot: on_set(2026, 12, 10, 15, 5)."""

    def set_clock(*parts):
        moment = datetime(*parts, tzinfo=UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    set_clock(2026, 12, 10, 18, 0)  # day 1, Thu 10 Dec 2026, in the afternoon on any US clock
    return set_clock


@pytest.fixture
def day_one(shooting, on_set):  # noqa: F811
    """Day 1's call sheet (crew call 7:00 AM), published."""
    sheet = make_ready(callsheet_create(actor=None, scenario=shooting, day_number=1))
    return publish_despite(sheet)
