"""Writes for deal terms, time cards, payroll batches and union-day records. Each function
is one transaction and is audited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from callboard.accounting.services import ledger_post_payroll
from callboard.core.audit import audit_record, diff, snapshot
from callboard.core.capabilities import Cap
from callboard.core.controls import (
    ControlError,
    open_warnings,
    overrides_for,
    require_cleared,
    require_other_person,
)
from callboard.core.events import Event, api_url, event_emit
from callboard.core.links import (
    link_grant_create,
    link_grant_revoke,
    link_grants_revoke,
    link_token,
)
from callboard.core.models import AuditEvent, Production
from callboard.core.numbering import next_number
from callboard.core.services import warning_override
from callboard.distribution.services import dispatch_create, person_notify
from callboard.people.models import Person
from callboard.people.queries import employment_ended, is_own_person

from . import queries, sending
from .engine import available_rules, sunday_on_or_before
from .models import (
    DealTerms,
    PayrollBatch,
    PayrollSettings,
    PayStub,
    TimeCard,
    UnionDayThreshold,
)
from .timecards import (
    DayProblems,
    days_from_sheets,
    days_with_actuals,
    open_days,
    price,
)

LINK_PURPOSE = "timecard"
LINK_DAYS = 21
DEAL_FIELDS = [
    "rules",
    "guaranteed_hours",
    "days_per_week",
    "kit_rental",
    "kit_rental_per",
    "account",
]
CARD_DEAL_FIELDS = [
    "rules",
    "rate",
    "per",
    "guaranteed_hours",
    "days_per_week",
    "kit_rental",
    "kit_rental_per",
    "account",
]


class TimeCardError(ValueError):
    """A step that cannot be taken now; the message says why. ``problems`` maps a day
    (ISO date), "previous_wrap" or "week" to what is wrong there."""

    def __init__(self, message: str, problems: dict[str, str] | None = None):
        super().__init__(message)
        self.problems = problems or {}


# --------------------------------------------------------------------------- deal terms


MAX_RATE = Decimal("100000000")  # what a card holds: rates and kit under 100 million


def _check_deal(deal: dict) -> None:
    """A card's deal as the office typed it, within what the engine and the card hold."""
    if deal.get("rules") not in available_rules():
        raise TimeCardError("Choose a rule set.")
    rate = deal.get("rate")
    if (
        rate is None
        or not Decimal("0") <= rate < MAX_RATE
        or rate != rate.quantize(Decimal("0.0001"))
    ):
        raise TimeCardError(
            "The rate is from 0 to 99,999,999, to 4 decimals at most.", {"rate": "out of range"}
        )
    hours = deal.get("guaranteed_hours")
    if (
        hours is None
        or not Decimal("0") <= hours <= Decimal("24")
        or hours != hours.quantize(Decimal("0.1"))
    ):
        raise TimeCardError("Guaranteed hours are between 0 and 24, in tenths.")
    if not 1 <= int(deal.get("days_per_week") or 0) <= 7:
        raise TimeCardError("Days per week are 1 to 7.")
    kit = deal.get("kit_rental")
    if kit is not None and not Decimal("0") <= kit < MAX_RATE:
        raise TimeCardError("Kit rental is from 0 to 99,999,999.")


@transaction.atomic
def deal_terms_save(*, actor, person: Person, **fields) -> DealTerms:
    if fields.get("rules") not in available_rules():
        raise TimeCardError(f"Choose a rule set: {', '.join(available_rules())}.")
    hours = fields.get("guaranteed_hours")
    if hours is None or not Decimal("0") <= hours <= Decimal("24"):
        raise TimeCardError("Guaranteed hours are between 0 and 24.")
    if person.rate_unit in ("day", "week") and hours == 0:
        raise TimeCardError(f"A {person.rate_unit} deal needs its guaranteed hours (e.g. 12).")
    if not 1 <= int(fields.get("days_per_week") or 0) <= 7:
        raise TimeCardError("Days per week are 1 to 7.")
    kit = fields.get("kit_rental")
    if kit is not None and not Decimal("0") <= kit < MAX_RATE:
        raise TimeCardError("Kit rental is from 0 to 99,999,999.")
    terms = queries.deal_terms_for(person)
    before = snapshot(terms, DEAL_FIELDS) if terms.pk else {}
    for name in DEAL_FIELDS:
        setattr(terms, name, fields.get(name, getattr(terms, name)))
    terms.save()
    audit_record(
        actor=actor,
        production=person.production,
        action=AuditEvent.Action.UPDATE if before else AuditEvent.Action.CREATE,
        obj=terms,
        changes=diff(before, snapshot(terms, DEAL_FIELDS)),
    )
    return terms


# --------------------------------------------------------------------------- time cards


def _price(card: TimeCard) -> None:
    """Store the engine's result for the card's complete days (raises TimeCardError)."""
    try:
        pay = price(queries.card_deal(card), card.week_start, card.previous_wrap, card.days)
    except DayProblems as exc:
        raise TimeCardError(
            "Some times cannot be right; see the days marked.", exc.problems
        ) from exc
    card.pay = pay
    for name in ("wages", "penalties", "gross"):
        setattr(card, name, Decimal(pay.get(name, "0")))
    card.kit_total = Decimal(pay.get("kit_rental", "0"))


@transaction.atomic
def timecard_prepare(*, actor, person: Person, week_start: date) -> TimeCard:
    """The person's card for the week: the current one, or a new one filled from the
    published call sheets (call, lunch, estimated wrap) and the deal."""
    if week_start != sunday_on_or_before(week_start):
        raise TimeCardError("A workweek starts on a Sunday.")
    existing = queries.timecard_current(person=person, week_start=week_start)
    if existing is not None:
        return existing
    if person.rate is None or person.rate_unit not in ("hour", "day", "week"):
        raise TimeCardError(
            f"{person.display_name} has no rate on the crew list (it comes from the approved "
            f"deal memo); give one before making a time card."
        )
    terms = queries.deal_terms_for(person)
    calls = queries.sheet_calls(
        production=person.production, week_start=week_start, person_ids=[person.pk]
    )
    card = TimeCard(
        production=person.production,
        person=person,
        week_start=week_start,
        position=person.position or person.character,
        department=person.department.name if person.department else "",
        union=person.union,
        local=person.local,
        rules=terms.rules,
        rate=person.rate,
        per=person.rate_unit,
        guaranteed_hours=terms.guaranteed_hours,
        days_per_week=terms.days_per_week,
        kit_rental=terms.kit_rental,
        kit_rental_per=terms.kit_rental_per,
        account=terms.account,
        previous_wrap=queries.previous_wrap(person=person, week_start=week_start),
        # What happened, where a production report has the day; the call sheets' plan else.
        days=days_with_actuals(
            days_from_sheets(calls.get(person.pk, {})),
            queries.actual_days(
                production=person.production, week_start=week_start, person_ids=[person.pk]
            ).get(person.pk, {}),
        ),
    )
    try:
        _price(card)
    except TimeCardError:
        # Call sheets that disagree with each other must not stop the card: keep the
        # times for the person to correct, unpriced.
        card.pay = {}
    card.save()
    audit_record(
        actor=actor,
        production=person.production,
        action=AuditEvent.Action.CREATE,
        obj=card,
        changes={"week_start": week_start.isoformat()},
    )
    return card


def _new_link(*, actor, card: TimeCard) -> str:
    """A fresh link to the card for the person (the old one stops working)."""
    if card.grant is not None:
        link_grant_revoke(grant=card.grant)
    grant, token = link_grant_create(
        production=card.production,
        purpose=LINK_PURPOSE,
        subject=card,
        created_by=actor,
        valid_for=timedelta(days=LINK_DAYS),
    )
    card.grant = grant
    card.save(update_fields=["grant", "updated_at"])
    return settings.SITE_URL + reverse("timecard_by_link", args=[token])


def _card_link(*, actor, card: TimeCard) -> str:
    """The person's link to the card: the one already out while it works, else a new one."""
    grant = card.grant
    if grant is not None and grant.revoked_at is None and grant.expires_at > timezone.now():
        return settings.SITE_URL + reverse("timecard_by_link", args=[link_token(grant)])
    return _new_link(actor=actor, card=card)


@transaction.atomic
def timecard_send(*, actor, card: TimeCard) -> str:
    """Send the person the link to their card (a new send replaces the old link): a delivery
    of distribution's, sent in the background once this commits."""
    person = card.person
    if not person.email:
        raise TimeCardError(f"{person.display_name} has no e-mail address on the crew list.")
    link = _new_link(actor=actor, card=card)
    production, week = card.production, card.week_start
    dispatch_create(
        actor=actor,
        production=production,
        kind=sending.KIND,
        object_id=card.pk,
        key=f"{sending.KIND}-{card.pk}-{card.grant_id}",
        subject=f"{production.title}: your time card, week of {week:%b} {week.day}",
        people=[person],
        grants={person.pk: card.grant},
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=card,
        changes={"sent_to": person.email},
    )
    return link


def timecards_send_week(
    *, actor, production: Production, week_start: date, people, again: bool = False
) -> tuple[int, list[str]]:
    """Prepare and send the week's cards; one already sent keeps its link unless ``again``.
    Returns (sent, [why each was not])."""
    sent, skipped = 0, []
    now = timezone.now()
    for person in people:
        try:
            card = timecard_prepare(actor=actor, person=person, week_start=week_start)
            if card.status != TimeCard.Status.DRAFT:
                continue
            live = card.grant and card.grant.revoked_at is None and card.grant.expires_at > now
            if live and not again:
                continue
            timecard_send(actor=actor, card=card)
            sent += 1
        except TimeCardError as exc:
            skipped.append(str(exc))
    return sent, skipped


@transaction.atomic
def timecard_save(
    *,
    actor,
    card: TimeCard,
    days: list[dict],
    actor_label: str = "",
    previous_wrap: str | None = None,
    deal: dict | None = None,
) -> TimeCard:
    """New times (and, from the office, the card's deal terms); priced again. Nothing is
    stored when a time or a term cannot be right."""
    card = TimeCard.objects.select_for_update().get(pk=card.pk)
    if card.is_locked:
        raise TimeCardError("This card is approved and locked; correct it as a new version.")
    if actor is None and card.status != TimeCard.Status.DRAFT:
        raise TimeCardError("This card has been submitted; ask the office to change it.")
    fields = ["days"] + (["previous_wrap"] if previous_wrap is not None else [])
    before = snapshot(card, fields + CARD_DEAL_FIELDS)
    card.days = days
    if previous_wrap is not None:
        card.previous_wrap = previous_wrap
    if deal:
        _check_deal(deal)
        for name in CARD_DEAL_FIELDS:
            if name in deal:
                setattr(card, name, deal[name])
    _price(card)
    changes = diff(before, snapshot(card, fields + CARD_DEAL_FIELDS))
    if actor is not None and "days" in changes:
        _entered(card, actor)
    _save_audited(card, actor=actor, changes=changes, actor_label=actor_label)
    return card


def _save_audited(card: TimeCard, *, actor, changes: dict, actor_label: str = "") -> None:
    """Store the card and audit what changed on it."""
    card.save()
    audit_record(
        actor=actor,
        actor_label=actor_label,
        production=card.production,
        action=AuditEvent.Action.UPDATE,
        obj=card,
        changes=changes,
    )


def _entered(card: TimeCard, actor) -> None:
    """Remember a member who typed hours or signed for the person (not saved here)."""
    if actor.pk not in card.entered_by:
        card.entered_by = [*card.entered_by, actor.pk]


@transaction.atomic
def timecard_submit(*, card: TimeCard, signature: str, actor=None, who: str = "") -> TimeCard:
    """Signed and sent to the department head (by the person, or by the office for them)."""
    card = TimeCard.objects.select_for_update().get(pk=card.pk)
    if card.status != TimeCard.Status.DRAFT or card.replaced_at:
        raise TimeCardError("This card has already been submitted.")
    if open_days(card.days):
        raise TimeCardError(
            "Give the wrap time of every day worked before signing.",
            {d: "no wrap yet" for d in open_days(card.days)},
        )
    if not card.pay.get("days"):
        raise TimeCardError("The card has no day worked yet.")
    if not signature.strip():
        raise TimeCardError("Type your full name to sign the card.")
    card.status = TimeCard.Status.SUBMITTED
    card.submitted_at = timezone.now()
    card.submitted_by = signature.strip()[:200]
    card.comments = ""
    if actor is not None:
        _entered(card, actor)
    _save_audited(card, actor=actor, changes={"submitted": card.submitted_by}, actor_label=who)
    return card


def _not_own_card(actor, card: TimeCard, what: str) -> None:
    if is_own_person(actor, card.person):
        raise TimeCardError(f"Nobody {what} their own time card; the UPM {what} this one.")


@transaction.atomic
def timecard_approve(*, actor, card: TimeCard) -> TimeCard:
    """The department head's approval: by someone other than whoever entered the hours,
    and not over hours that cannot be right (unless overridden with a reason)."""
    card = TimeCard.objects.select_for_update().select_related("person").get(pk=card.pk)
    if card.status != TimeCard.Status.SUBMITTED or card.replaced_at:
        raise TimeCardError("Only a submitted card can be approved.")
    _not_own_card(actor, card, "approves")
    _controls(
        lambda: require_other_person(
            actor, entered_by_ids=card.entered_by, what="hours on this time card"
        )
    )
    _controls(
        lambda: require_cleared(
            card,
            [f.message for f in queries.timecard_flags(card) if f.blocks_approval],
            approver=actor,
        )
    )
    card.status = TimeCard.Status.APPROVED
    card.approved_at, card.approved_by = timezone.now(), actor
    _save_audited(card, actor=actor, changes={"approved": str(actor)})
    event_emit(
        production=card.production,
        event=Event.TIMECARD_APPROVED,
        data={
            "id": card.pk,
            "person_id": card.person_id,
            "person": card.person.full_name,
            "week_start": card.week_start.isoformat(),
            "version": card.version,
            "approved_at": card.approved_at.isoformat(),
            "url": api_url(card.production, f"timecards/{card.pk}"),
        },
    )
    return card


@transaction.atomic
def timecard_send_back(*, actor, card: TimeCard, comment: str) -> TimeCard:
    """Back to the person with what to correct (before the office has reviewed it)."""
    card = TimeCard.objects.select_for_update().get(pk=card.pk)
    if card.status not in (TimeCard.Status.SUBMITTED, TimeCard.Status.APPROVED) or card.replaced_at:
        raise TimeCardError("Only a submitted or approved card can be sent back.")
    if not comment.strip():
        raise TimeCardError("Say what to correct.")
    card.status = TimeCard.Status.DRAFT
    card.comments = comment.strip()[:1000]
    card.approved_at = card.approved_by = None
    card.save()
    told = _tell_sent_back(actor=actor, card=card)
    audit_record(
        actor=actor,
        production=card.production,
        action=AuditEvent.Action.UPDATE,
        obj=card,
        changes={"sent_back": card.comments, "told": told},
    )
    return card


def _tell_sent_back(*, actor, card: TimeCard) -> list[str]:
    """E-mail (and text, when they agreed to texts) the person what to correct and their
    link, once the send-back is committed. Returns where it went."""
    person, production, week = card.person, card.production, card.week_start
    if not person.email and not (person.phone and person.sms_opt_in_at):
        return []
    link = _card_link(actor=actor, card=card)
    comment = card.comments
    return person_notify(
        person=person,
        subject=f"{production.title}: your time card needs a correction",
        body=f"Hello {person.display_name},\n\nYour time card for the week of {week:%A %B} "
        f"{week.day} was sent back to you to correct:\n\n{comment}\n\nCorrect it and sign "
        f"it again here:\n{link}\n\nQuestions: "
        f"{production.office_phone or production.office_email or 'the production office'}.\n",
        text=f"{production.title}: your time card (week of {week:%b} {week.day}) was sent back "
        f"to correct: {comment[:300]} {link}",
    )


def _controls(check) -> None:
    """Run a core control; its refusal reads like any other refusal of a card step."""
    try:
        check()
    except ControlError as exc:
        raise TimeCardError(str(exc)) from exc


@transaction.atomic
def timecard_review(*, actor, card: TimeCard) -> TimeCard:
    """The office accepts an approved card for payroll: every flag to check resolved or
    overridden with a reason, by someone who neither entered its hours nor approved it."""
    card = TimeCard.objects.select_for_update().select_related("person").get(pk=card.pk)
    if card.status != TimeCard.Status.APPROVED or card.replaced_at:
        raise TimeCardError("Only a card approved by its department can be reviewed.")
    _not_own_card(actor, card, "reviews")
    _controls(
        lambda: require_other_person(
            actor,
            entered_by_ids=card.entered_by,
            approved_by_ids=[card.approved_by_id],
            what="this time card",
        )
    )
    flags = queries.timecard_flags(card)
    _controls(lambda: require_cleared(card, [f.message for f in flags if f.blocks], approver=actor))
    reasons = {o.warning: o.reason for o in overrides_for(card)}
    kept = [
        f.as_json() | ({"override": reasons[f.message]} if f.message in reasons else {})
        for f in flags
    ]
    card.status = TimeCard.Status.REVIEWED
    card.reviewed_at, card.reviewed_by, card.reviewed_flags = timezone.now(), actor, kept
    _save_audited(
        card, actor=actor, changes={"reviewed": str(actor), "flags": [f["message"] for f in kept]}
    )
    _final_pay_links_end(card)
    return card


def _final_pay_links_end(card: TimeCard) -> None:
    """Someone whose job is over keeps their time-card and paperwork links until their final
    pay is accepted: then those links expire too."""
    person = card.person
    if not employment_ended(person, card.production.today()):
        return
    cards = TimeCard.objects.filter(production=card.production, person=person, replaced_at=None)
    if cards.filter(
        status__in=[TimeCard.Status.DRAFT, TimeCard.Status.SUBMITTED, TimeCard.Status.APPROVED]
    ).exists():
        return
    link_grants_revoke(
        production=card.production,
        subject_type="payroll.timecard",
        subject_ids=cards.values_list("pk", flat=True),
    )
    link_grants_revoke(
        production=card.production,
        subject_type="paperwork.packet",
        subject_ids=person.packets.values_list("pk", flat=True),
    )


def timecard_warning_override(
    *, actor, membership, card: TimeCard, warning: str, reason: str
) -> None:
    """Let one flag on the card pass with a written reason (payroll, the UPM)."""
    _override(actor, membership, card, warning, reason, queries.timecard_warnings(card))


def _override(actor, membership, subject, warning: str, reason: str, warnings: list[str]) -> None:
    """One of the subject's open ``warnings`` let pass with a reason, by a role that may."""
    _controls(
        lambda: warning_override(
            actor=actor,
            membership=membership,
            capability=Cap.TIMECARDS_OVERRIDE,
            subject=subject,
            warning=warning,
            reason=reason,
            allowed=open_warnings(subject, warnings),
        )
    )


@transaction.atomic
def timecard_correct(*, actor, card: TimeCard, reason: str) -> TimeCard:
    """A locked card is changed as its next version (reopened for editing); the old one
    is kept as it was, marked replaced."""
    card = TimeCard.objects.select_for_update(of=("self",)).select_related("batch").get(pk=card.pk)
    if card.replaced_at is not None:
        raise TimeCardError("A newer version of this card exists; correct that one.")
    if card.status not in TimeCard.LOCKED:
        raise TimeCardError("This card is not locked; change it directly.")
    if card.batch is not None and card.batch.closed_at is None:
        # Its pay is not in the books yet: a correction now would post both versions.
        raise TimeCardError(
            f"{card.batch} is still open: hand it to payroll first, then "
            f"correct the card as a new version."
        )
    if not reason.strip():
        raise TimeCardError("Say why the card is being corrected.")
    card.replaced_at = timezone.now()
    card.save(update_fields=["replaced_at", "updated_at"])
    new = TimeCard.objects.get(pk=card.pk)
    new.pk = None
    new.version = card.version + 1
    new.reason = reason.strip()[:300]
    new.replaced_at = None
    new.status = TimeCard.Status.DRAFT
    new.grant = new.batch = new.approved_by = new.reviewed_by = None
    new.submitted_at = new.approved_at = new.reviewed_at = None
    new.submitted_by, new.comments, new.reviewed_flags = "", "", []
    new.save(force_insert=True)
    audit_record(
        actor=actor,
        production=card.production,
        action=AuditEvent.Action.CREATE,
        obj=new,
        changes={"version": new.version, "reason": new.reason},
    )
    return new


@transaction.atomic
def payroll_batch_create(
    *, actor, production: Production, card_ids: list[int], note: str = ""
) -> PayrollBatch:
    """Reviewed cards handed to payroll together; each card is then locked in the batch.
    The batch is closed (posted to the books) at once unless a warning on it waits for
    a reason; then it stays open until someone whose role may lets it pass."""
    cards = list(
        TimeCard.objects.select_for_update().filter(
            production=production,
            pk__in=card_ids,
            status=TimeCard.Status.REVIEWED,
            replaced_at__isnull=True,
            batch__isnull=True,
        )
    )
    if not cards:
        raise TimeCardError("Choose at least one reviewed card for the batch.")
    if len(cards) != len(set(card_ids)):
        raise TimeCardError("Some chosen cards are no longer waiting for a batch; reload.")
    number = next_number(PayrollBatch, production)
    batch = PayrollBatch.objects.create(
        production=production, number=number, note=note[:200], created_by=actor
    )
    TimeCard.objects.filter(pk__in=[c.pk for c in cards]).update(
        batch=batch, status=TimeCard.Status.BATCHED, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.CREATE,
        obj=batch,
        changes={"cards": [c.pk for c in cards]},
    )
    if not open_warnings(batch, queries.batch_warnings(batch)) and not queries.batch_blockers(
        batch
    ):
        _close(actor=actor, batch=batch)
    return batch


def _close(*, actor, batch: PayrollBatch) -> None:
    batch.closed_at, batch.closed_by = timezone.now(), actor
    batch.save(update_fields=["closed_at", "closed_by", "updated_at"])
    # The batch's gross becomes actual cost on each card's labour account.
    ledger_post_payroll(batch=batch)
    audit_record(
        actor=actor,
        production=batch.production,
        action=AuditEvent.Action.UPDATE,
        obj=batch,
        changes={"closed": str(actor)},
    )


@transaction.atomic
def payroll_batch_close(*, actor, batch: PayrollBatch) -> PayrollBatch:
    """Hand an open batch to payroll once every warning on it is resolved or overridden."""
    batch = PayrollBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.closed_at is not None:
        raise TimeCardError("This batch is already closed.")
    blockers = queries.batch_blockers(batch)
    if blockers:
        raise TimeCardError(" ".join(blockers))
    _controls(lambda: require_cleared(batch, queries.batch_warnings(batch)))
    _close(actor=actor, batch=batch)
    return batch


def payroll_batch_warning_override(
    *, actor, membership, batch: PayrollBatch, warning: str, reason: str
) -> None:
    """Let one warning on an open batch pass with a written reason (payroll, the UPM)."""
    if batch.closed_at is not None:
        raise TimeCardError("This batch is already closed.")
    _override(actor, membership, batch, warning, reason, queries.batch_warnings(batch))


@transaction.atomic
def payroll_settings_save(*, actor, production: Production, **limits) -> PayrollSettings:
    """The production's limits past which hours are flagged (worked a day, elapsed, a week)."""
    own = PayrollSettings.objects.filter(production=production).first() or PayrollSettings(
        production=production
    )
    fields = ["max_day_worked_hours", "max_day_elapsed_hours", "max_week_worked_hours"]
    before = snapshot(own, fields) if own.pk else {}
    for name in fields:
        setattr(own, name, limits[name])
    try:
        own.full_clean()
    except ValidationError as exc:
        raise TimeCardError(
            "; ".join(
                f"{own._meta.get_field(k).verbose_name.capitalize()}: {' '.join(v)}"
                for k, v in exc.message_dict.items()
            )
        ) from exc
    own.save()
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=own,
        changes=diff(before, snapshot(own, fields)),
    )
    return own


# --------------------------------------------------------------------------- union days


@transaction.atomic
def pay_stub_add(
    *,
    actor,
    person: Person,
    employer: str,
    job: str,
    union: bool,
    start_date: date,
    end_date: date,
    days: int,
    note: str = "",
) -> PayStub:
    if not employer.strip() or not job.strip():
        raise TimeCardError("Give the employer and the job on the pay stub.")
    if end_date < start_date:
        raise TimeCardError("The pay stub's last day is before its first.")
    if not 1 <= days <= min((end_date - start_date).days + 1, 9999):
        raise TimeCardError(
            f"Paid days are from 1 to {min((end_date - start_date).days + 1, 9999)} "
            "for those dates."
        )
    stub = PayStub.objects.create(
        production=person.production,
        person=person,
        employer=employer.strip()[:200],
        job=job.strip()[:120],
        union=union,
        start_date=start_date,
        end_date=end_date,
        days=days,
        note=note.strip()[:200],
        entered_by=actor,
    )
    audit_record(
        actor=actor,
        production=person.production,
        action=AuditEvent.Action.CREATE,
        obj=stub,
        changes=snapshot(stub, ["employer", "job", "union", "start_date", "end_date", "days"]),
    )
    return stub


@transaction.atomic
def pay_stub_delete(*, actor, stub: PayStub) -> None:
    stub.deleted_at = timezone.now()
    stub.save(update_fields=["deleted_at"])
    audit_record(actor=actor, production=stub.production, action=AuditEvent.Action.DELETE, obj=stub)


@transaction.atomic
def thresholds_save(*, actor, production: Production, rows: list[dict]) -> None:
    """Replace the production's eligibility thresholds (one per position)."""
    positions = [r["position"].strip().lower() for r in rows]
    if len(positions) != len(set(positions)):
        raise TimeCardError("Each position has one threshold.")
    before = [str(t) for t in UnionDayThreshold.objects.filter(production=production)]
    UnionDayThreshold.objects.filter(production=production).delete()
    try:
        UnionDayThreshold.objects.bulk_create(
            UnionDayThreshold(production=production, **row) for row in rows
        )
    except IntegrityError as exc:
        raise TimeCardError("Each position has one threshold.") from exc
    after = [str(t) for t in UnionDayThreshold.objects.filter(production=production)]
    audit_record(
        actor=actor,
        production=production,
        action=AuditEvent.Action.UPDATE,
        obj=production,
        changes={"union_day_thresholds": [before, after]},
    )
