"""Minors in the cast: the age group a coordinator records and the hours it allows. No Django.

A child's permitted hours depend on their age, so the cast list records the age group (not the
date of birth: that is private data, kept encrypted in the start paperwork and readable only by
payroll). The hours are California's (Cal. Code Regs. tit. 8, §11760; Labor Code §1308.7), the
rules most productions here work under; another state's rules need their own table.

Each group: the longest time at the place of employment (work, rest, recreation and school
together), the longest time working on school days and on other days, and whether a studio
teacher must be on set every day (under 16) or on school days only (16 and 17).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta


@dataclass(frozen=True)
class MinorRule:
    label: str
    at_work: timedelta  # at the place of employment, in all
    working_school_day: timedelta
    working_other_day: timedelta
    teacher_every_day: bool


MINOR_RULES: dict[str, MinorRule] = {
    "0-6m": MinorRule(
        "15 days to 6 months",
        timedelta(hours=2),
        timedelta(minutes=20),
        timedelta(minutes=20),
        True,
    ),
    "6m-2": MinorRule(
        "6 months to 2 years", timedelta(hours=4), timedelta(hours=2), timedelta(hours=2), True
    ),
    "2-6": MinorRule(
        "2 to 6 years", timedelta(hours=6), timedelta(hours=3), timedelta(hours=3), True
    ),
    "6-9": MinorRule(
        "6 to 9 years", timedelta(hours=8), timedelta(hours=4), timedelta(hours=6), True
    ),
    "9-16": MinorRule(
        "9 to 16 years", timedelta(hours=9), timedelta(hours=5), timedelta(hours=7), True
    ),
    "16-18": MinorRule(
        "16 and 17 years", timedelta(hours=10), timedelta(hours=6), timedelta(hours=8), False
    ),
}
MINOR_CHOICES = [(key, rule.label) for key, rule in MINOR_RULES.items()]

# A minor may not work before 5 AM nor after 10 PM (12:30 AM, the next morning, before a day
# with no school).
EARLIEST = time(5, 0)
LATEST = time(22, 0)
LATEST_BEFORE_NO_SCHOOL = time(0, 30)
