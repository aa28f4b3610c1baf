"""What a logged-in member finds of their own on a production: their start packets, time
cards, call sheets and union days, each with the signed link the office sent them (when it is
still live). Reads only; the pages behind the links belong to their apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from callboard.accounting.models import (
    CheckRequest,
    Envelope,
    Invoice,
    PurchaseOrder,
    VendorTerms,
)
from callboard.accounting.queries import COI_WARNING_DAYS, approver_step
from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued
from callboard.core.capabilities import Cap
from callboard.core.models import LinkGrant, Membership
from callboard.distribution.models import Delivery
from callboard.paperwork.models import Packet, PacketForm
from callboard.paperwork.queries import packet_approval_step
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.models import TimeCard
from callboard.payroll.queries import (
    PaidDays,
    cards_for_member,
    paid_days,
    people_for_cards,
    thresholds,
)
from callboard.people.models import Person
from callboard.people.queries import own_people
from callboard.schedule.board import BoardError
from callboard.schedule.models import Element, Scenario, Ucid


def member_person(membership: Membership) -> Person | None:
    """The member's own entry on the production's cast or crew list: the one the office linked
    to their login, else the one whose e-mail is the login's (proven by accepting the invitation
    sent to it, the same address the office sends the links to)."""
    people = own_people(membership.user, membership.production).select_related(
        "department", "production"
    )
    return next(iter(sorted(people, key=lambda p: p.account_id != membership.user_id)), None)


def link_state(grant: LinkGrant | None) -> str:
    """The grant as link_grant_resolve would judge it: "live", "none" (never sent), "expired"
    or "withdrawn"."""
    if grant is None:
        return "none"
    if grant.revoked_at is not None:
        return "withdrawn"
    if grant.expires_at <= timezone.now():
        return "expired"
    return "live"


NO_LINK = {
    "none": "Not sent to you yet: ask the office to send it.",
    "expired": "Your link has expired: ask the office to send it again.",
    "withdrawn": "The office withdrew your link: ask them to send it again.",
}


@dataclass(frozen=True)
class PacketItem:
    packet: Packet
    left: list[str]  # titles of the forms still to fill or correct
    corrections: list[tuple[str, str]]  # (form title, what the office asked)
    link: str  # link_state of its grant

    @property
    def todo(self) -> str:
        status = self.packet.status
        if status == Packet.Status.APPROVED:
            return "Approved: nothing left to do."
        if status == Packet.Status.SUBMITTED:
            return "Submitted: the office is checking it."
        if status == Packet.Status.DRAFT:
            return "Not sent yet: the office sends it before your first day."
        if self.link != "live":
            return NO_LINK[self.link]
        if status == Packet.Status.NEEDS_CORRECTION:
            return "Open it and correct what the office asked."
        return "Open it to fill in and sign each form."


def person_packets(person: Person) -> list[PacketItem]:
    items = []
    packets = Packet.objects.filter(production=person.production, person=person).select_related(
        "grant", "production"
    )
    for packet in packets.prefetch_related("forms"):
        forms = [f for f in packet.forms.all() if not f.spec.office_only]
        done = (PacketForm.Status.SUBMITTED, PacketForm.Status.APPROVED)
        items.append(
            PacketItem(
                packet=packet,
                left=[f.spec.title for f in forms if f.status not in done],
                corrections=[
                    (f.spec.title, f.comments)
                    for f in forms
                    if f.status == PacketForm.Status.NEEDS_CORRECTION
                ],
                link=link_state(packet.grant),
            )
        )
    return items


def card_hours(card: TimeCard) -> Decimal:
    """Hours worked on the card's complete days, in tenths as the engine gives them."""
    return sum((Decimal(d["worked_hours"]) for d in card.pay.get("days", [])), Decimal("0"))


@dataclass(frozen=True)
class CardItem:
    card: TimeCard
    hours: Decimal
    link: str

    @property
    def todo(self) -> str:
        if self.card.is_locked:
            return ""
        if self.card.status == TimeCard.Status.SUBMITTED:
            return "Signed: waiting for approval."
        if self.link != "live":
            return NO_LINK[self.link]
        if self.card.comments:
            return f"To correct: {self.card.comments}"
        return "Check your hours and sign."


@dataclass(frozen=True)
class Cards:
    this_week: CardItem | None
    past: list[CardItem]
    week_start: object  # date: this week's Sunday


def person_cards(person: Person) -> Cards:
    """The current version of each of the person's cards: this week's, and the earlier ones
    newest first (a later week's card made early goes with the past ones' list too)."""
    week = sunday_on_or_before(person.production.today())
    cards = TimeCard.objects.filter(
        production=person.production, person=person, replaced_at__isnull=True
    ).select_related("grant")
    items = [CardItem(c, card_hours(c), link_state(c.grant)) for c in cards]
    this_week = next((i for i in items if i.card.week_start == week), None)
    return Cards(this_week, [i for i in items if i is not this_week], week)


def person_card(person: Person, card_pk: int) -> TimeCard | None:
    return (
        TimeCard.objects.filter(production=person.production, person=person, pk=card_pk)
        .select_related("grant", "production", "person")
        .first()
    )


def person_packet(person: Person, packet_pk: int) -> Packet | None:
    return (
        Packet.objects.filter(production=person.production, person=person, pk=packet_pk)
        .select_related("grant")
        .first()
    )


def published_sheet(production, sheet_pk: int) -> CallSheet | None:
    """A published call sheet of the production (a draft was never sent to anyone)."""
    return CallSheet.objects.filter(
        production=production, pk=sheet_pk, status=CallSheet.Status.PUBLISHED
    ).first()


@dataclass(frozen=True)
class CallItem:
    sheet: CallSheet
    call: str  # their own call, as the link page shows it
    delivery: Delivery | None  # the newest sending of this version to them
    link: str

    @property
    def todo(self) -> str:
        if self.delivery is not None and self.delivery.confirmed_at:
            return ""
        if self.link != "live":
            return NO_LINK[self.link]
        return "Open it and confirm you have it."


def latest_published(production) -> list[CallSheet]:
    """The latest published version of each day's sheet, by date (as the calendar feed)."""
    latest: dict[tuple[int, int], CallSheet] = {}
    published = CallSheet.objects.filter(production=production, status=CallSheet.Status.PUBLISHED)
    for sheet in published.select_related("production").order_by("version"):
        latest[(sheet.scenario_id, sheet.day_number)] = sheet
    return sorted(latest.values(), key=lambda s: s.date)


def sheet_delivery(person: Person, sheet: CallSheet) -> Delivery | None:
    return (
        Delivery.objects.filter(
            person=person,
            dispatch__production=person.production,
            dispatch__kind="callsheet",
            dispatch__object_id=sheet.pk,
        )
        .select_related("grant")
        .order_by("-queued_at", "-id")
        .first()
    )


def person_calls(person: Person) -> list[CallItem]:
    """Published sheets that call them or were sent to them, with their call and whether they
    confirmed."""
    sheets = latest_published(person.production)
    deliveries: dict[int, Delivery] = {}
    sent = (
        Delivery.objects.filter(
            person=person,
            dispatch__production=person.production,
            dispatch__kind="callsheet",
            dispatch__object_id__in=[s.pk for s in sheets],
        )
        .select_related("grant", "dispatch")
        .order_by("queued_at", "id")
    )
    for delivery in sent:
        deliveries[delivery.dispatch.object_id] = delivery  # the newest wins
    items = []
    for sheet in sheets:
        own = issued(sheet).calls.get(person.pk)
        delivery = deliveries.get(sheet.pk)
        if own is None and delivery is None:
            continue
        if own is not None:
            call = own.text
        elif person.kind == Person.Kind.CAST:
            call = "Not called"
        else:
            call = sheet.crew_call.strftime("%-I:%M %p")
        items.append(CallItem(sheet, call, delivery, link_state(delivery and delivery.grant)))
    return items


@dataclass(frozen=True)
class UnionJob:
    job: str
    union_days: int
    nonunion_days: int
    threshold: dict | None  # {"union_days", "nonunion_days"} needed, where the job has one


@dataclass(frozen=True)
class UnionDays:
    jobs: list[UnionJob]
    records: list[PaidDays]


def person_union_days(person: Person) -> UnionDays:
    """Their paid days (approved cards here, pay stubs from any employer) per job, against the
    threshold the production keeps for that job."""
    records = paid_days(person.production, person_ids=[person.pk]).get(person.pk, [])
    limits = {t["position"].lower(): t for t in thresholds(person.production)}
    counts: dict[str, list[int]] = {}
    for record in records:
        counts.setdefault(record.job, [0, 0])[0 if record.union else 1] += record.days
    jobs = [UnionJob(job, u, n, limits.get(job.lower())) for job, (u, n) in counts.items()]
    return UnionDays(jobs, records)


# --------------------------------------------------------------------------- needs attention


@dataclass(frozen=True)
class Attention:
    """One line of the home page's "Needs attention": how many of what, and the page where
    it is done."""

    count: int
    text: str
    url: str
    area: str


def _url(name: str, production, query: dict | None = None, **kwargs) -> str:
    url = reverse(name, kwargs={"production": production.slug, **kwargs})
    return f"{url}?{urlencode(query)}" if query else url


def _day(day: date) -> str:
    return f"{day:%a %b} {day.day}"


def _days(days) -> str:
    return ", ".join(_day(d) for d in days)


def _span(first: date, last: date) -> str:
    if first.month == last.month:
        return f"{first:%b} {first.day}–{last.day}"
    return f"{first:%b} {first.day} – {last:%b} {last.day}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or f"{one}s")


NEXT_SHOOT_DAYS = 2  # the sheets the office is finishing and sending: today's (or the next) two
WEEK_DAYS = 7  # "this week": today and the six days after it


def current_scenario(production) -> Scenario | None:
    """The schedule the call sheets page opens on: the first scenario."""
    return Scenario.objects.filter(production=production).select_related("calendar").first()


def shoot_dates(scenario: Scenario | None) -> dict[int, date]:
    """{shoot day number: date} from the scenario's calendar (as the stripboard dates them),
    without reading the strips."""
    if scenario is None or scenario.calendar is None or scenario.calendar.start is None:
        return {}
    count = len(scenario.board.days)
    if not count:
        return {}
    try:
        dood = scenario.calendar.rules().dood_calendar(count)
    except BoardError:  # every weekday a day off: the days have no dates
        return {}
    return {number: day for day, number in dood.shoot_days.items()}


@dataclass(frozen=True)
class Week:
    """What the attention lines share: today, the schedule and its next shoot days."""

    today: date
    scenario: Scenario | None
    dates: dict[int, date]  # shoot day number → date, of the current scenario

    @property
    def next_days(self) -> list[tuple[int, date]]:
        """The next two shoot days from today on, inside the week (a shoot two weeks off is
        not this week's work)."""
        upcoming = sorted((d, n) for n, d in self.dates.items() if self.today <= d <= self.last)
        return [(n, d) for d, n in upcoming[:NEXT_SHOOT_DAYS]]

    @property
    def last(self) -> date:
        return self.today + timedelta(days=WEEK_DAYS - 1)

    @property
    def week_days(self) -> list[tuple[int, date]]:
        return sorted(
            ((n, d) for n, d in self.dates.items() if self.today <= d <= self.last),
            key=lambda nd: nd[1],
        )


def _latest_sheets(scenario: Scenario, numbers) -> dict[int, list[CallSheet]]:
    """Each day's versions, oldest first, without the frozen snapshots."""
    versions: dict[int, list[CallSheet]] = {}
    sheets = CallSheet.objects.filter(scenario=scenario, day_number__in=list(numbers)).only(
        "pk", "day_number", "version", "status", "date", "number", "production_id"
    )
    for sheet in sheets.order_by("day_number", "version"):
        versions.setdefault(sheet.day_number, []).append(sheet)
    return versions


def callsheet_attention(production, week: Week) -> list[Attention]:
    """Sheets still to publish for the next shoot days, revisions not yet sent, and who has
    not confirmed the published sheet of those days."""
    if week.scenario is None or not week.next_days:
        return []
    lines = []
    versions = _latest_sheets(week.scenario, [n for n, _ in week.next_days])
    unpublished = []  # (number, date, draft or None)
    revisions = []
    published = []
    for number, day in week.next_days:
        sheets = versions.get(number, [])
        done = [s for s in sheets if s.is_published]
        if not done:
            unpublished.append((number, day, sheets[-1] if sheets else None))
            continue
        published.append(done[-1])
        if not sheets[-1].is_published:
            revisions.append(sheets[-1])
    if unpublished:
        count = len(unpublished)
        only = unpublished[0][2] if count == 1 else None
        lines.append(
            Attention(
                count,
                f"call {_plural(count, 'sheet')} not yet published for the next shoot "
                f"{_plural(count, 'day')}: "
                + ", ".join(f"Day {n} {_day(d)}" for n, d, _ in unpublished),
                _url("callsheets:detail", production, sheet_pk=only.pk)
                if only is not None
                else _url("callsheets:list", production, {"scenario": week.scenario.pk}),
                "Call sheets",
            )
        )
    if revisions:
        count = len(revisions)
        lines.append(
            Attention(
                count,
                f"call sheet {_plural(count, 'revision')} not yet published: "
                + ", ".join(f"#{s.number} v{s.version} ({_day(s.date)})" for s in revisions),
                _url("callsheets:detail", production, sheet_pk=revisions[0].pk)
                if count == 1
                else _url("callsheets:list", production, {"scenario": week.scenario.pk}),
                "Call sheets",
            )
        )
    if published:
        lines += _unconfirmed(production, published)
    return lines


def _unconfirmed(production, sheets: list[CallSheet]) -> list[Attention]:
    """Per published sheet, the people sent it who have not confirmed any copy of it."""
    people: dict[int, dict[int, bool]] = {}  # sheet pk → {person pk: confirmed}
    rows = Delivery.objects.filter(
        dispatch__production=production,
        dispatch__kind="callsheet",
        dispatch__object_id__in=[s.pk for s in sheets],
    ).values_list("dispatch__object_id", "person_id", "confirmed_at")
    for sheet_pk, person_pk, confirmed in rows:
        seen = people.setdefault(sheet_pk, {})
        seen[person_pk] = seen.get(person_pk, False) or confirmed is not None
    lines = []
    for sheet in sorted(sheets, key=lambda s: s.date):
        seen = people.get(sheet.pk, {})
        waiting = sum(1 for confirmed in seen.values() if not confirmed)
        if waiting:
            lines.append(
                Attention(
                    waiting,
                    f"of {len(seen)} {_plural(waiting, 'has', 'have')} not confirmed call sheet "
                    f"#{sheet.number} ({_day(sheet.date)})",
                    # The who-has-it page, showing only who has not confirmed.
                    _url(
                        "callsheets:status",
                        production,
                        {"status": "unconfirmed"},
                        sheet_pk=sheet.pk,
                    ),
                    "Call sheets",
                )
            )
    return lines


def working_this_week(production, week: Week):
    """Who works in the week ahead: the cast in the scenes of its shoot days (and anyone a
    published sheet of those days calls), the crew on those days' sheets (on the list and
    not wrapped, their start and end dates covering a shoot day), and anyone whose start date
    falls in the week."""
    people = Person.objects.active().filter(production=production)
    who = Q(start_date__gte=week.today, start_date__lte=week.last)
    days = week.week_days
    if days:
        first, last = days[0][1], days[-1][1]
        layout = week.scenario.board.days
        strips = [pk for n, _ in days if n <= len(layout) for pk in layout[n - 1]]
        cast = Element.objects.filter(
            production=production,
            category__ucid=Ucid.CAST,
            person__isnull=False,
            strips__pk__in=strips,
            strips__omitted=False,
        ).values("person_id")
        called: set[int] = set()
        published = CallSheet.objects.filter(
            scenario=week.scenario,
            status=CallSheet.Status.PUBLISHED,
            day_number__in=[n for n, _ in days],
        ).values_list("snapshot__calls", flat=True)
        for calls in published:
            called.update(int(pk) for pk in (calls or {}))
        crew = (
            Q(kind=Person.Kind.CREW)
            & ~Q(status=Person.Status.WRAPPED)
            & (Q(start_date__isnull=True) | Q(start_date__lte=last))
            & (Q(end_date__isnull=True) | Q(end_date__gte=first))
        )
        who |= crew | Q(pk__in=cast) | Q(pk__in=called)
    return people.filter(who)


def _waiting(rows: list, words: str, one: str, many: str, app: str) -> Attention:
    """Things waiting for the member: the line opens the one, or the list of them."""
    return Attention(len(rows), words, one if len(rows) == 1 else many, app)


def paperwork_attention(membership, week: Week) -> list[Attention]:
    production = membership.production
    lines = []
    missing = (
        working_this_week(production, week).exclude(packets__status=Packet.Status.APPROVED).count()
    )
    if missing:
        lines.append(
            Attention(
                missing,
                f"cast and crew working {_span(week.today, week.last)} without an approved start "
                "packet",
                _url("paperwork:board", production),
                "Paperwork",
            )
        )
    submitted = Packet.objects.filter(production=production, status=Packet.Status.SUBMITTED).only(
        "pk", "chain", "approvals"
    )
    mine = [
        p
        for p in submitted
        if p.next_approver is not None
        and packet_approval_step(membership, p) == p.next_approver
        and membership.user_id not in [a.get("user_id") for a in p.approvals]
    ]
    if mine:
        lines.append(
            _waiting(
                mine,
                f"start {_plural(len(mine), 'packet')} waiting for your approval",
                _url("paperwork:packet", production, packet_pk=mine[0].pk),
                _url("paperwork:board", production),
                "Paperwork",
            )
        )
    return lines


def _working_weeks(production, today: date) -> list[date]:
    """Last week (its cards are due) and this week, as payroll weeks (Sunday first), where
    they fall inside the production's dates (prep to wrap) when those are set."""
    this = sunday_on_or_before(today)
    start = production.prep_start or production.shoot_start
    end = production.wrap_end or production.shoot_end
    return [
        w
        for w in (this - timedelta(days=7), this)
        if (start is None or w + timedelta(days=6) >= start) and (end is None or w <= end)
    ]


def timecard_attention(membership, week: Week) -> list[Attention]:
    production = membership.production
    lines = []
    if membership.can(Cap.TIMECARDS_MANAGE):
        for sunday in _working_weeks(production, week.today):
            made = TimeCard.objects.filter(
                production=production, week_start=sunday, replaced_at__isnull=True
            ).values("person_id")
            count = people_for_cards(production, sunday).exclude(pk__in=made).count()
            if count:
                lines.append(
                    Attention(
                        count,
                        f"time {_plural(count, 'card')} missing for the week of {_day(sunday)}",
                        _url("payroll:week", production, {"week": sunday.isoformat()}),
                        "Time cards",
                    )
                )
    wanted: dict[str, str] = {}
    if membership.can(Cap.TIMECARDS_APPROVE):
        wanted[TimeCard.Status.SUBMITTED] = "waiting for your approval"
    if membership.can(Cap.TIMECARDS_MANAGE):
        wanted[TimeCard.Status.APPROVED] = "approved by their department, waiting for review"
    if not wanted:
        return lines
    cards = cards_for_member(
        membership,
        TimeCard.objects.filter(
            production=production,
            replaced_at__isnull=True,
            status__in=list(wanted),
        ),
    )
    counts: dict[str, dict[date, int]] = {}
    for status, sunday, count in (
        cards.values_list("status", "week_start").annotate(n=Count("pk")).order_by("week_start")
    ):
        counts.setdefault(status, {})[sunday] = count
    for status, words in wanted.items():
        weeks = counts.get(status)
        if not weeks:
            continue
        count = sum(weeks.values())
        lines.append(
            Attention(
                count,
                f"time {_plural(count, 'card')} {words} (week of {_days(weeks)})",
                _url("payroll:week", production, {"week": min(weeks).isoformat()}),
                "Time cards",
            )
        )
    return lines


def _waiting_on(membership, rows) -> list:
    """POs or check requests whose next step is this member's, not asked for or already
    approved by them (the rules accounting.services.common._approve holds them to)."""
    return [
        row
        for row in rows
        if approver_step(membership.role, row) is not None
        and row.requested_by_id != membership.user_id
        and membership.user_id not in [a.get("by_id") for a in row.approvals]
    ]


def accounting_attention(membership, week: Week) -> list[Attention]:
    production = membership.production
    lines = []
    fields = ("pk", "number", "chain", "approvals", "requested_by_id", "status")
    pos = _waiting_on(
        membership,
        PurchaseOrder.objects.filter(production=production, status=PurchaseOrder.Status.PENDING)
        .only(*fields)
        .order_by("number"),
    )
    if pos:
        lines.append(
            _waiting(
                pos,
                f"{_plural(len(pos), 'PO')} waiting for your approval: "
                + ", ".join(po.code for po in pos[:5])
                + (" …" if len(pos) > 5 else ""),
                _url("accounting:po", production, po_pk=pos[0].pk),
                _url("accounting:pos", production),
                "Accounting",
            )
        )
    requests = _waiting_on(
        membership,
        CheckRequest.objects.filter(
            production=production,
            status=CheckRequest.Status.PENDING,
            voided_at__isnull=True,
        )
        .only(*fields)
        .order_by("number"),
    )
    if requests:
        lines.append(
            _waiting(
                requests,
                f"check {_plural(len(requests), 'request')} waiting for your approval",
                _url("accounting:check_request", production, request_pk=requests[0].pk),
                _url("accounting:payments", production),
                "Accounting",
            )
        )
    invoices = Invoice.objects.filter(
        production=production, status=Invoice.Status.ENTERED, voided_at__isnull=True
    ).exclude(entered_by_id=membership.user_id)  # whoever entered one never approves it
    count = invoices.count()
    if count:
        first = (
            invoices.order_by("date", "pk").values_list("pk", flat=True).first()
            if count == 1
            else None
        )
        lines.append(
            Attention(
                count,
                f"{_plural(count, 'invoice')} waiting for approval",
                _url("accounting:invoice", production, invoice_pk=first)
                if count == 1
                else _url("accounting:invoices", production),
                "Accounting",
            )
        )
    envelopes = list(
        Envelope.objects.filter(
            production=production,
            status=Envelope.Status.OPEN,
            receipts__isnull=False,
            receipts__voided_at__isnull=True,
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    if envelopes:
        count = len(envelopes)
        lines.append(
            Attention(
                count,
                f"petty cash {_plural(count, 'envelope')} with receipts to reconcile",
                _url("accounting:envelope", production, envelope_pk=envelopes[0])
                if count == 1
                else _url("accounting:petty_cash", production),
                "Accounting",
            )
        )
    lines += _insurance(production, week.today)
    return lines


def _insurance(production, today: date) -> list[Attention]:
    """Vendors' certificates of insurance that have lapsed or lapse within the warning
    window (accounting.queries.coi_standing's)."""
    terms = VendorTerms.objects.filter(
        vendor__production=production,
        vendor__deleted_at__isnull=True,
        coi_expires__lte=today + timedelta(days=COI_WARNING_DAYS),
    )
    counts = terms.aggregate(
        lapsed=Count("pk", filter=Q(coi_expires__lt=today)),
        soon=Count("pk", filter=Q(coi_expires__gte=today)),
    )
    url = _url("accounting:vendors", production)
    lines = []
    if counts["lapsed"]:
        n = counts["lapsed"]
        lines.append(
            Attention(
                n,
                f"{_plural(n, 'vendor')} whose insurance certificate has lapsed",
                url,
                "Accounting",
            )
        )
    if counts["soon"]:
        n = counts["soon"]
        lines.append(
            Attention(
                n,
                f"{_plural(n, 'vendor')} whose insurance certificate expires within "
                f"{COI_WARNING_DAYS} days",
                url,
                "Accounting",
            )
        )
    return lines


def needs_attention(membership, today: date) -> list[Attention]:
    """The week's work from every app, each kind only for a member whose role may do it on
    the page the line links to."""
    production = membership.production
    scenario = (
        current_scenario(production)
        if membership.can(Cap.CALLSHEETS_PUBLISH) or membership.can(Cap.PAPERWORK_MANAGE)
        else None
    )
    week = Week(today, scenario, shoot_dates(scenario))
    lines = []
    if membership.can(Cap.CALLSHEETS_PUBLISH):
        lines += callsheet_attention(production, week)
    if membership.can(Cap.PAPERWORK_MANAGE):
        lines += paperwork_attention(membership, week)
    if membership.can(Cap.TIMECARDS_MANAGE) or membership.can(Cap.TIMECARDS_APPROVE):
        lines += timecard_attention(membership, week)
    if membership.can(Cap.ACCOUNTING_MANAGE):
        lines += accounting_attention(membership, week)
    return lines


def list_attention(membership, dashboard: dict) -> list[Attention]:
    """The gaps in the lists (people.queries.production_dashboard's), each for whoever may
    fill it."""
    production = membership.production
    lines = []
    if membership.can(Cap.PEOPLE_EDIT):
        lines += [
            Attention(
                item.count,
                item.text,
                f"{_url('people:list', production)}?{item.query}",
                "Cast & crew lists",
            )
            for item in dashboard["attention"]
        ]
    no_contact = dashboard["vendor_totals"]["no_contact"]
    if no_contact and membership.can(Cap.VENDORS_EDIT):
        lines.append(
            Attention(
                no_contact,
                f"{_plural(no_contact, 'vendor')} without a contact person",
                _url("people:vendors", production),
                "Cast & crew lists",
            )
        )
    invitations = len(dashboard["open_invitations"])
    if invitations and membership.can(Cap.MEMBERS_MANAGE):
        lines.append(
            Attention(
                invitations,
                f"{_plural(invitations, 'invitation')} not yet accepted",
                _url("team", production),
                "Cast & crew lists",
            )
        )
    return lines


# Whoever holds one of these has a "Needs attention" card (empty when nothing is waiting).
ATTENTION_CAPS = (
    Cap.PEOPLE_EDIT,
    Cap.MEMBERS_MANAGE,
    Cap.VENDORS_EDIT,
    Cap.CALLSHEETS_PUBLISH,
    Cap.PAPERWORK_MANAGE,
    Cap.TIMECARDS_MANAGE,
    Cap.TIMECARDS_APPROVE,
    Cap.ACCOUNTING_MANAGE,
)
