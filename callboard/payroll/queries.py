"""Reads for time cards: what the published call sheets said, the previous wrap, who a
department head approves for, and union days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Cap
from callboard.people.models import Person

from .models import PayStub, TimeCard, UnionDayThreshold
from .timecards import SheetDay

# Used until a production sets its own (REFERENCE.md: IATSE Local 871 for coordinators).
DEFAULT_THRESHOLDS = [
    {
        "position": "Production Coordinator",
        "union": "IATSE",
        "local": "871",
        "union_days": 30,
        "nonunion_days": 100,
    },
]
CLOSE_SHARE = Decimal("0.8")


@dataclass
class WeekSheets:
    """Each person's calls on the week's published call sheets, by ISO date."""

    by_person: dict[int, dict[str, SheetDay]] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)
    # The departments each date's sheet called (whoever of them was on it).
    departments: dict[str, set[int]] = field(default_factory=dict)

    def get(self, person_id: int, default=None):
        return self.by_person.get(person_id, default)

    def department_dates(self, department_id: int | None) -> set[str]:
        return {d for d, ids in self.departments.items() if department_id in ids}


def _hhmm(value) -> str:
    return value.strftime("%H:%M") if value else ""


def sheet_calls(*, production, week_start: date, person_ids: list[int] | None = None) -> WeekSheets:
    """The latest published call sheet of each date in the week, as each person was
    called on it (the frozen snapshot, so what was sent, not today's board)."""
    sheets = CallSheet.objects.filter(
        production=production,
        status=CallSheet.Status.PUBLISHED,
        date__gte=week_start,
        date__lt=week_start + timedelta(days=7),
    ).order_by("date", "published_at", "version")
    latest: dict[date, CallSheet] = {}
    for sheet in sheets:
        latest[sheet.date] = sheet
    wanted = None if person_ids is None else {str(pk) for pk in person_ids}
    result = WeekSheets()
    called = {
        int(pk)
        for sheet in latest.values()
        for pk in (sheet.snapshot.get("calls") or {})
        if str(pk).isdigit()
    }
    department_of = dict(
        Person.objects.filter(pk__in=called, department__isnull=False).values_list(
            "pk", "department_id"
        )
    )
    for day, sheet in latest.items():
        iso = day.isoformat()
        result.dates.add(iso)
        result.departments[iso] = {
            department_of[int(pk)]
            for pk in (sheet.snapshot.get("calls") or {})
            if str(pk).isdigit() and int(pk) in department_of
        }
        for pk, (first, _text) in (sheet.snapshot.get("calls") or {}).items():
            if wanted is not None and pk not in wanted:
                continue
            result.by_person.setdefault(int(pk), {})[iso] = SheetDay(
                call=first, est_wrap=_hhmm(sheet.est_wrap), lunch=_hhmm(sheet.lunch)
            )
    return result


def _wrap_moment(day: dict) -> datetime:
    on = date.fromisoformat(day["date"])
    call = datetime.combine(on, datetime.strptime(day["call"], "%H:%M").time())
    wrap = datetime.combine(on, datetime.strptime(day["wrap"], "%H:%M").time())
    return wrap + timedelta(days=1) if wrap <= call else wrap


def previous_wrap(*, person: Person, week_start: date) -> str:
    """The last wrap before the week (local "YYYY-MM-DDTHH:MM"): from last week's card, or
    else from the week's first call sheet ("previous day's wrap")."""
    last = TimeCard.objects.filter(
        person=person, week_start=week_start - timedelta(days=7), replaced_at__isnull=True
    ).first()
    if last is not None:
        done = [d for d in last.days if d["call"] and d["wrap"]]
        if done:
            return max(_wrap_moment(d) for d in done).strftime("%Y-%m-%dT%H:%M")
    first = (
        CallSheet.objects.filter(
            production=person.production,
            status=CallSheet.Status.PUBLISHED,
            date__gte=week_start,
            date__lt=week_start + timedelta(days=7),
            previous_wrap__isnull=False,
        )
        .order_by("date", "-version")
        .first()
    )
    if first is not None and first.date == week_start:
        local = timezone.localtime(first.previous_wrap, person.production.tzinfo)
        return local.strftime("%Y-%m-%dT%H:%M")
    return ""


def approvable_department_ids(membership) -> set[int] | None:
    """The departments whose cards this member approves: None for all (UPM, studio admin,
    the office), else the departments they head on the crew list (matched by e-mail)."""
    if membership.can(Cap.TIMECARDS_MANAGE):
        return None
    return set(
        Person.objects.active()
        .filter(
            production=membership.production,
            is_department_head=True,
            email__iexact=membership.user.email,
            department__isnull=False,
        )
        .values_list("department_id", flat=True)
    )


def cards_for_member(membership, cards):
    departments = approvable_department_ids(membership)
    if departments is None:
        return cards
    return cards.filter(person__department_id__in=departments)


# --------------------------------------------------------------------------- union days


PAID_STATUSES = (TimeCard.Status.APPROVED, TimeCard.Status.REVIEWED, TimeCard.Status.BATCHED)


@dataclass(frozen=True)
class PaidDays:
    """One verifiable record of paid days: a day on an approved card, or a pay stub."""

    first: date
    last: date
    employer: str
    job: str
    union: bool
    days: int
    source: str


def paid_days(production, person_ids=None) -> dict[int, list[PaidDays]]:
    employer = production.company or production.title
    records: dict[int, list[PaidDays]] = {}
    cards = TimeCard.objects.filter(
        production=production, status__in=PAID_STATUSES, replaced_at__isnull=True
    )
    stubs = PayStub.objects.filter(production=production, deleted_at__isnull=True)
    if person_ids is not None:
        cards, stubs = (
            cards.filter(person_id__in=person_ids),
            stubs.filter(person_id__in=person_ids),
        )
    for card in cards.only("person_id", "pay", "position", "union", "version", "week_start"):
        for day in card.pay.get("days", []):
            on = date.fromisoformat(day["date"])
            records.setdefault(card.person_id, []).append(
                PaidDays(
                    on,
                    on,
                    employer,
                    card.position,
                    bool(card.union),
                    1,
                    f"Time card, week of {card.week_start:%b} {card.week_start.day} "
                    f"(v{card.version})",
                )
            )
    for stub in stubs:
        records.setdefault(stub.person_id, []).append(
            PaidDays(
                stub.start_date,
                stub.end_date,
                stub.employer,
                stub.job,
                stub.union,
                stub.days,
                f"Pay stub{': ' + stub.note if stub.note else ''}",
            )
        )
    for rows in records.values():
        rows.sort(key=lambda r: (r.first, r.job))
    return records


def thresholds(production) -> list[dict]:
    rows = list(
        UnionDayThreshold.objects.filter(production=production).values(
            "position", "union", "local", "union_days", "nonunion_days"
        )
    )
    return rows or DEFAULT_THRESHOLDS


@dataclass(frozen=True)
class UnionDayRow:
    person: Person
    job: str
    union_days: int
    nonunion_days: int
    threshold: dict | None

    @property
    def share(self) -> Decimal:
        """How far along the nearer of the two routes is (1 = eligible)."""
        if not self.threshold:
            return Decimal("0")
        return max(
            Decimal(self.union_days) / max(self.threshold["union_days"], 1),
            Decimal(self.nonunion_days) / max(self.threshold["nonunion_days"], 1),
        )

    @property
    def standing(self) -> str:
        if not self.threshold:
            return ""
        if self.share >= 1:
            return "eligible"
        return "close" if self.share >= CLOSE_SHARE else ""


def union_day_rows(production) -> list[UnionDayRow]:
    """Paid days per person and job, with the job's eligibility threshold; closest first."""
    limits = {t["position"].lower(): t for t in thresholds(production)}
    records = paid_days(production)
    people = Person.objects.filter(production=production, pk__in=records).select_related(
        "department"
    )
    rows = []
    for person in people:
        jobs: dict[str, list[int]] = {}
        for record in records[person.pk]:
            counts = jobs.setdefault(record.job, [0, 0])
            counts[0 if record.union else 1] += record.days
        for job, (union, nonunion) in jobs.items():
            rows.append(UnionDayRow(person, job, union, nonunion, limits.get(job.lower())))
    rows.sort(key=lambda r: (-r.share, r.person.last_name, r.person.first_name, r.job))
    return rows


def week_cards(production, week_start: date):
    return (
        TimeCard.objects.filter(
            production=production, week_start=week_start, replaced_at__isnull=True
        )
        .select_related("production", "person", "person__department", "batch")
        .order_by("person__department__order", "person__last_name", "person__first_name")
    )


def people_for_cards(production, week_start: date | None = None):
    """Who gets a time card: crew and cast with a rate on the list (working that week,
    when one is given, by their start and end dates)."""
    people = (
        Person.objects.active()
        .filter(production=production)
        .filter(~Q(rate=None))
        .select_related("department")
        .order_by("kind", "department__order", "last_name", "first_name")
    )
    if week_start is not None:
        week_end = week_start + timedelta(days=6)
        people = people.filter(Q(start_date__isnull=True) | Q(start_date__lte=week_end)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=week_start)
        )
    return people
