""" "Today" on the home page is the production's day in its own time zone, not the server's:
at 8 PM UTC on Dec 3 it is already the morning of Dec 4 in Auckland, so a show there has
Dec 3's shoot day behind it."""

from datetime import UTC, date, datetime

from django.utils import timezone

from callboard.core.capabilities import Role

from .conftest import attention, line


def test_the_next_shoot_days_are_counted_from_the_productions_today(
    production, week_board, member_client, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 3, 20, 0, tzinfo=UTC))
    production.time_zone = "Pacific/Auckland"
    production.save()
    week_board.calendar.start = date(2026, 12, 3)  # day 1 Dec 3, day 2 Dec 4, day 3 Dec 5
    week_board.calendar.save()
    found = line(attention(member_client(Role.COORDINATOR), production), "not yet published")
    assert "Day 2 Fri Dec 4" in found and "Day 3 Sat Dec 5" in found
    assert "Day 1" not in found

    production.time_zone = "America/Los_Angeles"  # still noon on Dec 3 there
    production.save()
    found = line(attention(member_client(Role.COORDINATOR), production), "not yet published")
    assert "Day 1 Thu Dec 3" in found and "Day 3" not in found
