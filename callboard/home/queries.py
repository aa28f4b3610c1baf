"""What a logged-in member finds of their own on a production: their start packets, time
cards, call sheets and union days, each with the signed link the office sent them (when it is
still live). Reads only; the pages behind the links belong to their apps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from callboard.callsheets.models import CallSheet
from callboard.callsheets.queries import issued
from callboard.core.models import LinkGrant, Membership
from callboard.distribution.models import Delivery
from callboard.paperwork.models import Packet, PacketForm
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.models import TimeCard
from callboard.payroll.queries import PaidDays, paid_days, thresholds
from callboard.people.models import Person
from callboard.people.queries import own_people


def member_person(membership: Membership) -> Person | None:
    """The member's own entry on the production's cast or crew list: the one the office linked
    to their login, else the one whose e-mail is the login's (proven by accepting the invitation
    sent to it, the same address the office sends the links to)."""
    people = own_people(membership.user, membership.production).select_related(
        "department", "production")  # fmt: skip
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
        )  # fmt: skip
        .select_related("grant")
        .order_by("-queued_at", "-id")
        .first()
    )


def person_calls(person: Person) -> list[CallItem]:
    """Published sheets that call them or were sent to them, with their call and whether they
    confirmed."""
    sheets = latest_published(person.production)
    deliveries: dict[int, Delivery] = {}
    sent = Delivery.objects.filter(
        person=person, dispatch__production=person.production, dispatch__kind="callsheet",
        dispatch__object_id__in=[s.pk for s in sheets],
    ).select_related("grant", "dispatch").order_by("queued_at", "id")  # fmt: skip
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
