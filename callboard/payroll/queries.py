"""Reads for payroll: what the published call sheets said, the previous wrap, deal terms and
each card's flags, who a department head approves for, what a batch must look at, and union
days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from callboard.callsheets.queries import published_calls
from callboard.core.capabilities import Cap
from callboard.core.models import Production, WarningOverride
from callboard.paperwork.models import BankChange, Packet
from callboard.people.models import Person

from .models import (
    DealTerms,
    PayrollBatch,
    PayrollSettings,
    PayStub,
    TimeCard,
    UnionDayThreshold,
)
from .timecards import ActualDay, CardDeal, Flag, HourLimits, SheetDay, card_flags

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
    called on it (callsheets.queries: what was sent, not today's board)."""
    calls = published_calls(production=production, start=week_start)
    department_of = dict(
        Person.objects.filter(
            pk__in={c.person_id for c in calls}, department__isnull=False
        ).values_list("pk", "department_id")
    )
    wanted = None if person_ids is None else set(person_ids)
    result = WeekSheets()
    for call in calls:
        iso = call.date.isoformat()
        called = result.departments.setdefault(iso, set())
        if call.person_id in department_of:
            called.add(department_of[call.person_id])
        if wanted is not None and call.person_id not in wanted:
            continue
        result.by_person.setdefault(call.person_id, {})[iso] = SheetDay(
            call=_hhmm(call.call), est_wrap=_hhmm(call.est_wrap), lunch=_hhmm(call.lunch)
        )
    return result


# What the production reports say people worked: payroll sits under the reports app, which
# registers its reader here at start-up (README: upward needs are registered, not imported).
_actual_days_readers: list = []


def actual_days_register(reader) -> None:
    """``reader(production, week_start, person_ids)`` → {person id: {ISO date: ActualDay}}."""
    if reader not in _actual_days_readers:
        _actual_days_readers.append(reader)


def actual_days(
    *, production, week_start: date, person_ids: list[int] | None = None
) -> dict[int, dict[str, ActualDay]]:
    """Each person's days as the week's production reports have them ({} without reports)."""
    found: dict[int, dict[str, ActualDay]] = {}
    for reader in _actual_days_readers:
        for person_id, days in reader(production, week_start, person_ids).items():
            found.setdefault(person_id, {}).update(days)
    return found


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
    recorded = [
        c.previous_wrap
        for c in published_calls(production=person.production, start=week_start, days=1)
        if c.previous_wrap is not None
    ]
    if recorded:
        local = timezone.localtime(recorded[0], person.production.tzinfo)
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


# --------------------------------------------------------------------------- deals and card flags


def default_rules(person: Person) -> str:
    if person.kind == Person.Kind.CAST:
        return "sag-aftra-day"
    return "iatse-basic" if person.union else "ca-nonunion"


def deal_terms_for(person: Person) -> DealTerms:
    """The person's deal terms, or unsaved defaults from the crew list (a day deal
    guarantees 12 hours, an hourly one 8)."""
    terms = DealTerms.objects.filter(person=person).first()
    if terms is None:
        terms = DealTerms(
            production_id=person.production_id,
            person=person,
            rules=default_rules(person),
            guaranteed_hours=Decimal("8" if person.rate_unit == "hour" else "12"),
        )
    return terms


def card_deal(card: TimeCard) -> CardDeal:
    return CardDeal(
        card.rules,
        Decimal(card.rate),
        card.per,
        Decimal(card.guaranteed_hours),
        card.days_per_week,
        card.kit_rental,
        card.kit_rental_per,
    )


def timecard_current(*, person: Person, week_start: date) -> TimeCard | None:
    return TimeCard.objects.filter(
        person=person, week_start=week_start, replaced_at__isnull=True
    ).first()


def hour_limits(production: Production) -> HourLimits:
    """The production's limits past which hours cannot be right (defaults until it sets its own)."""
    own = PayrollSettings.objects.filter(production=production).first()
    if own is None:
        return HourLimits()
    return HourLimits(
        own.max_day_worked_hours, own.max_day_elapsed_hours, own.max_week_worked_hours
    )


def timecard_flags(
    card: TimeCard,
    *,
    show_money: bool = True,
    sheets=None,
    limits: HourLimits | None = None,
    actuals: dict[int, dict[str, ActualDay]] | None = None,
) -> list:
    """The card's flags; ``sheets`` (queries.sheet_calls for its week), ``limits`` and
    ``actuals`` (actual_days for its week) when the caller has them already, as a week's
    page does for every card."""
    if sheets is None:
        sheets = sheet_calls(
            production=card.production, week_start=card.week_start, person_ids=[card.person_id]
        )
    if actuals is None:
        actuals = actual_days(
            production=card.production, week_start=card.week_start, person_ids=[card.person_id]
        )
    person = card.person
    return card_flags(
        days=card.days,
        pay=card.pay,
        deal=card_deal(card),
        listed_rate=person.rate,
        listed_per=person.rate_unit,
        sheets=sheets.get(card.person_id, {}),
        department_dates=sheets.department_dates(person.department_id),
        limits=limits or hour_limits(card.production),
        today=card.production.today(),
        show_money=show_money,
        actuals=actuals.get(card.person_id, {}),
    )


def flags_as_shown(
    card: TimeCard, *, show_money: bool, sheets=None, limits: HourLimits | None = None, actuals=None
) -> list[tuple[Flag, Flag]]:
    """Each flag in full (an override is tied to its full text, with amounts) beside the flag
    as this viewer reads it (no amounts without the rates capability)."""
    full = timecard_flags(card, sheets=sheets, limits=limits, actuals=actuals)
    shown = (
        full
        if show_money
        else timecard_flags(card, sheets=sheets, limits=limits, show_money=False, actuals=actuals)
    )
    return list(zip(full, shown, strict=True))


def overridden_flags(cards: list[TimeCard]) -> set[tuple[int, str]]:
    """(card pk, full text) of each flag on these cards let pass with a reason."""
    return set(
        WarningOverride.objects.filter(
            subject_type="payroll.timecard", subject_id__in=[c.pk for c in cards]
        ).values_list("subject_id", "warning")
    )


def card_for_link(grant) -> tuple[TimeCard | None, str]:
    """The card a person's link opens, or None and why not (a newer version replaced it)."""
    card = (
        TimeCard.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("person", "production")
        .first()
    )
    if card is not None and card.replaced_at is None:
        return card, ""
    newer = (
        card
        and TimeCard.objects.filter(
            person=card.person, week_start=card.week_start, replaced_at__isnull=True
        ).first()
    )
    if newer:
        return None, (
            "The office has opened a corrected version of this card; it will send you its link."
        )
    return None, "This link has been replaced by a newer one."


def card_versions(card: TimeCard):
    return TimeCard.objects.filter(person=card.person, week_start=card.week_start).order_by(
        "version"
    )


def timecard_warnings(card: TimeCard) -> list[str]:
    """The flags that block the office's review until resolved or overridden (the full
    text, with amounts: an override is tied to exactly what was overridden)."""
    return [f.message for f in timecard_flags(card) if f.blocks]


# --------------------------------------------------------------------------- batches


def _on(when, tz) -> str:
    when = timezone.localtime(when, tz)
    return f"{when:%a} {when:%b} {when.day}, {when:%Y}"


def _bank_change_findings(batch: PayrollBatch) -> tuple[list[str], list[str]]:
    """Direct-deposit changes (the usual payroll-diversion fraud) as (warnings payroll may
    override, blockers nobody may): a change since the person's last closed batch that they
    have not confirmed yet, or confirmed, is checked; one they say they did not make stops
    their pay until a later change they confirm replaces it."""
    people = {c.person_id: c.person for c in batch.cards.select_related("person")}
    changes = list(
        BankChange.objects.filter(
            form__packet__production=batch.production,
            form__packet__person_id__in=people,
            form__kind="direct_deposit",
        )
        .select_related("form__packet")
        .order_by("at", "id")
    )
    if not changes:
        return [], []
    last_paid = dict(
        TimeCard.objects.filter(
            production=batch.production, person_id__in=people, batch__closed_at__isnull=False
        )
        .exclude(batch=batch)
        .values("person_id")
        .annotate(at=Max("batch__closed_at"))
        .values_list("person_id", "at")
    )
    tz, warnings, blockers = batch.production.tzinfo, [], []
    for change in sorted(changes, key=lambda c: (people[c.form.packet.person_id].full_name, c.at)):
        pk = change.form.packet.person_id
        name, on = people[pk].full_name, _on(change.at, tz)
        if change.status == BankChange.Status.DISPUTED:
            if not any(
                later.status == BankChange.Status.CONFIRMED
                and later.at > change.at
                and later.form.packet.person_id == pk
                for later in changes
            ):
                blockers.append(
                    f"{name} says they did not change their direct deposit to {change.after} "
                    f"on {on}: do not pay into it. Resolve it with {name}: they submit their "
                    f"correct details again and confirm them, or take them off this batch."
                )
        elif pk in last_paid and change.at <= last_paid[pk]:
            continue
        elif change.status == BankChange.Status.PENDING:
            warnings.append(
                f"{name}'s direct deposit was changed to {change.after} on {on} "
                f"and waits for their confirmation: confirm the change with them "
                f"before paying."
            )
        else:
            warnings.append(
                f"{name} confirmed a change of their direct deposit to "
                f"{change.after} on {on}, since their last batch: check it "
                f"before paying."
            )
    return warnings, blockers


def batch_warnings(batch: PayrollBatch) -> list[str]:
    """What payroll must look at before the batch goes, and may override with a reason:
    anyone paid without an approved start packet (the wages are owed all the same), and
    direct-deposit details changed since the person's last batch."""
    people = {c.person_id: c.person for c in batch.cards.select_related("person")}
    with_packet = set(
        Packet.objects.filter(
            production=batch.production, person_id__in=people, status=Packet.Status.APPROVED
        ).values_list("person_id", flat=True)
    )
    warnings = [
        f"{person.full_name} has no approved start packet."
        for pk, person in sorted(people.items(), key=lambda i: i[1].full_name)
        if pk not in with_packet
    ]
    return warnings + _bank_change_findings(batch)[0]


def batch_blockers(batch: PayrollBatch) -> list[str]:
    """What stops the batch and no override lets pass: a direct-deposit change the person
    says they did not make."""
    return _bank_change_findings(batch)[1]


def paid_without_paperwork(production):
    """People paid (a current card approved, reviewed or in a payroll batch) with no approved
    start packet, as ``batch_warnings`` warns of them one batch at a time: rows of
    (person_id, first name, last name, cards, last week, their latest packet's id or None).
    One query."""
    approved = Packet.objects.filter(person=OuterRef("person"), status=Packet.Status.APPROVED)
    latest_packet = Packet.objects.filter(person=OuterRef("person")).order_by("-created_at")
    return (
        TimeCard.objects.filter(production=production, replaced_at__isnull=True)
        .filter(Q(status__in=PAID_STATUSES) | Q(batch__isnull=False))
        .exclude(Exists(approved))
        .values("person_id", "person__first_name", "person__last_name")
        .annotate(
            cards=Count("id"),
            last_week=Max("week_start"),
            packet_id=Subquery(latest_packet.values("pk")[:1]),
        )
        .order_by("person__last_name", "person__first_name", "person_id")
    )


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


def card_recipients(production, week_start: date, person_id: int | None = None):
    """Whom "Prepare & send" sends a card to: everyone working that week with a rate, or the
    one person asked for (of them)."""
    people = people_for_cards(production, week_start)
    return people if person_id is None else people.filter(pk=person_id)


def pay_stubs(production):
    return PayStub.objects.filter(production=production, deleted_at__isnull=True).select_related(
        "person"
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
