"""Payroll's pages: each view reads its input with ``forms``, asks ``queries`` or calls one
``services`` write, and answers; one view per thing done to a card, a batch or union days."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.controls import Warning, warnings_with_overrides
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.distribution.services import link_opened
from callboard.documents.tabular import write_csv
from callboard.people.models import Person

from . import exports, forms, queries, services
from .engine import available_rules, load_rules
from .models import KitPer, PayrollBatch, PayStub, Per, TimeCard
from .services import TimeCardError
from .timecards import DayProblems, day_label, days_from_form, form_values, keep_grace, week_dates


def _week(request) -> date:
    return forms.week(request.production.today(), request.GET, request.POST)


def _card(request, pk: int) -> TimeCard:
    cards = queries.cards_for_member(
        request.membership, scoped(TimeCard, request).select_related("person", "person__department")
    )
    return get_scoped_or_404(cards, request, pk=pk)


def _to_week(request, week: date) -> HttpResponse:
    return redirect(
        f"{reverse('payroll:week', args=[request.production.slug])}?week={week.isoformat()}"
    )


@production_view(Cap.TIMECARDS_VIEW)
def timecard_week(request) -> HttpResponse:
    """The week's cards: where each stands, hours, pay and flags; send the week's cards."""
    week = _week(request)
    cards = list(
        queries.cards_for_member(request.membership, queries.week_cards(request.production, week))
    )
    sheets = queries.sheet_calls(production=request.production, week_start=week)
    limits = queries.hour_limits(request.production)
    actuals = queries.actual_days(production=request.production, week_start=week)
    show_money = request.membership.can(Cap.PEOPLE_RATES)
    overridden = queries.overridden_flags(cards)
    rows = []
    for card in cards:
        flags = queries.flags_as_shown(
            card, show_money=show_money, sheets=sheets, limits=limits, actuals=actuals
        )
        hours = sum((Decimal(d["worked_hours"]) for d in card.pay.get("days", [])), Decimal("0"))
        rows.append((card, hours, [(s, (card.pk, f.message) in overridden) for f, s in flags]))
    with_card = {c.person_id for c in cards}
    manage = request.membership.can(Cap.TIMECARDS_MANAGE)
    missing = (
        [p for p in queries.people_for_cards(request.production, week) if p.pk not in with_card]
        if manage
        else []
    )
    return render(
        request,
        "payroll/week.html",
        {
            "nav": "timecards",
            "week": week,
            "week_end": week + timedelta(days=6),
            "previous": week - timedelta(days=7),
            "next": week + timedelta(days=7),
            "rows": rows,
            "missing": missing,
            "manage": manage,
            "show_pay": show_money,
            "reviewable": [
                c.pk for c, _, _ in rows if c.status == TimeCard.Status.REVIEWED and not c.batch_id
            ],
        },
    )


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def timecards_send(request) -> HttpResponse:
    """Prepare and send the week's cards (or one person's, again)."""
    week = _week(request)
    chosen = forms.person_id(request.POST)
    sent, skipped = services.timecards_send_week(
        actor=request.user,
        production=request.production,
        week_start=week,
        people=queries.card_recipients(request.production, week, chosen),
        again=chosen is not None,
    )
    if sent:
        messages.success(
            request,
            f"{sent} time card{'s' if sent != 1 else ''} sent for the week of "
            f"{week:%b} {week.day}.",
        )
    for reason in skipped[:10]:
        messages.error(request, reason)
    if not sent and not skipped:
        messages.info(request, "Every card for this week was already out.")
    return _to_week(request, week)


def _day_rows(card: TimeCard, values: dict, problems: dict, sheets: dict) -> list[dict]:
    return [
        {
            "n": n,
            "date": d,
            "label": day_label(d),
            "problem": problems.get(d.isoformat(), ""),
            "sheet": sheets.get(d.isoformat()),
            "v": {k.split("_", 1)[1]: v for k, v in values.items() if k.startswith(f"d{n}_")},
        }
        for n, d in enumerate(week_dates(card.week_start))
    ]


def _card_warnings(request, card: TimeCard, sheets) -> tuple[list[Warning], list]:
    """The card's flags to check, each with its override (as the viewer may read them: no
    amounts without the rates capability), and the flags for information only."""
    flags = queries.flags_as_shown(
        card, show_money=request.membership.can(Cap.PEOPLE_RATES), sheets=sheets
    )
    overrides = {
        w.text: w.override
        for w in warnings_with_overrides(card, [f.message for f, _ in flags if f.blocks])
    }
    warnings = [Warning(s.message, overrides[f.message]) for f, s in flags if f.blocks]
    return warnings, [s for _, s in flags if not s.blocks]


@production_view(Cap.TIMECARDS_VIEW)
def timecard_detail(request, card_pk: int) -> HttpResponse:
    """One card: its days, flags, pay and the steps the viewer may take; the office saves
    its times and deal here."""
    card = _card(request, card_pk)
    manage = request.membership.can(Cap.TIMECARDS_MANAGE)
    values, problems, error, status = form_values(card.days, card.week_start), {}, "", 200
    if request.method == "POST":
        if not manage:
            raise Http404("Only the office edits cards.")
        values = forms.typed_days(request.POST)
        try:
            services.timecard_save(
                actor=request.user,
                card=card,
                days=days_from_form(card.week_start, request.POST),
                previous_wrap=forms.previous_wrap(request.POST),
                deal=forms.deal(request.POST) if request.membership.can(Cap.PEOPLE_RATES) else None,
            )
        except DayProblems as exc:
            problems, error = exc.problems, "Nothing was saved: some times cannot be read."
        except TimeCardError as exc:
            problems, error = exc.problems, f"Nothing was saved: {exc}"
        else:
            messages.success(request, "Saved; the pay below is worked out again.")
            return redirect("payroll:card", production=request.production.slug, card_pk=card.pk)
        status = 400
    week_sheets = queries.sheet_calls(
        production=request.production, week_start=card.week_start, person_ids=[card.person_id]
    )
    warnings, notes = _card_warnings(request, card, week_sheets)
    return render(
        request,
        "payroll/card.html",
        {
            "nav": "timecards",
            "card": card,
            "days": _day_rows(card, values, problems, week_sheets.get(card.person_id, {})),
            "problems": problems,
            "error": error,
            "warnings": warnings,
            "notes": notes,
            "can_override": request.membership.can(Cap.TIMECARDS_OVERRIDE)
            and request.membership.can(Cap.PEOPLE_RATES),
            "manage": manage,
            "editable": manage and not card.is_locked,
            "can_approve": request.membership.can(Cap.TIMECARDS_APPROVE),
            "show_pay": request.membership.can(Cap.PEOPLE_RATES),
            "rules": [(name, load_rules(name).title) for name in available_rules()],
            "pers": Per.choices,
            "kit_pers": KitPer.choices,
            "versions": queries.card_versions(card),
            "posted": request.POST if request.method == "POST" else None,
        },
        status=status,
    )


# --------------------------------------------------------------------------- a card's steps
# One view per step; each takes the step and goes back to the card (the new version, for a
# correction), saying what happened or why it could not.


def _card_step(
    request, card_pk: int, step: Callable[[TimeCard], tuple[TimeCard, str]]
) -> HttpResponse:
    card = _card(request, card_pk)
    try:
        card, done = step(card)
    except TimeCardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("payroll:card", production=request.production.slug, card_pk=card.pk)


@production_view(Cap.TIMECARDS_APPROVE)
@require_POST
def card_approve(request, card_pk: int) -> HttpResponse:
    def step(card: TimeCard) -> tuple[TimeCard, str]:
        services.timecard_approve(actor=request.user, card=card)
        return card, "Approved; the office reviews it next."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_VIEW)
@require_POST
def card_send_back(request, card_pk: int) -> HttpResponse:
    """Back to the person to correct: by their department's approver or the office."""
    if not (
        request.membership.can(Cap.TIMECARDS_APPROVE)
        or request.membership.can(Cap.TIMECARDS_MANAGE)
    ):
        raise PermissionDenied("Only an approver or the office sends a card back.")

    def step(card: TimeCard) -> tuple[TimeCard, str]:
        comment = forms.comment(request.POST)
        services.timecard_send_back(actor=request.user, card=card, comment=comment)
        return card, "Sent back to be corrected."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def card_submit(request, card_pk: int) -> HttpResponse:
    """Signed by the office for the person and sent for approval."""

    def step(card: TimeCard) -> tuple[TimeCard, str]:
        services.timecard_submit(
            card=card,
            actor=request.user,
            who=str(request.user),
            signature=forms.signature(request.POST),
        )
        return card, "Submitted for the department's approval."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def card_review(request, card_pk: int) -> HttpResponse:
    def step(card: TimeCard) -> tuple[TimeCard, str]:
        services.timecard_review(actor=request.user, card=card)
        return card, "Reviewed; ready for a payroll batch."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_VIEW)
@require_POST
def card_override(request, card_pk: int) -> HttpResponse:
    """Let one flag pass with a reason (the service checks the role may)."""

    def step(card: TimeCard) -> tuple[TimeCard, str]:
        given = forms.override(request.POST)
        services.timecard_warning_override(
            actor=request.user,
            membership=request.membership,
            card=card,
            warning=given.warning,
            reason=given.reason,
        )
        return card, "Overridden; your reason is shown to the next approvers."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def card_correct(request, card_pk: int) -> HttpResponse:
    """A locked card reopened as its next version."""

    def step(card: TimeCard) -> tuple[TimeCard, str]:
        reason = forms.correction_reason(request.POST)
        new = services.timecard_correct(actor=request.user, card=card, reason=reason)
        return new, f"Version {new.version} opened; version {card.version} is kept as it was."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def card_send(request, card_pk: int) -> HttpResponse:
    """Send (again) the person the link to their card."""

    def step(card: TimeCard) -> tuple[TimeCard, str]:
        services.timecard_send(actor=request.user, card=card)
        return card, f"Link sent to {card.person.display_name}."

    return _card_step(request, card_pk, step)


@production_view(Cap.TIMECARDS_VIEW)
def timecard_pdf(request, card_pk: int) -> HttpResponse:
    card = _card(request, card_pk)
    pdf = exports.cards_pdf(
        request.production,
        [card],
        title=f"Time card — {card.person.display_name}",
        show_pay=request.membership.can(Cap.PEOPLE_RATES),
    )
    return _download(
        pdf,
        "application/pdf",
        f"timecard-{card.person.last_name or card.pk}-{card.week_start}.pdf",
        inline=True,
    )


def _download(
    content: bytes, content_type: str, filename: str, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'{"inline" if inline else "attachment"}; filename="{filename}"'
    )
    return response


# --------------------------------------------------------------------------- deals


@production_view(Cap.TIMECARDS_MANAGE)
def deal_terms(request) -> HttpResponse:
    """Each person's rule set, guarantee, kit rental and labour account (the rate and its
    unit are the crew list's, from the approved deal memo)."""
    if request.method == "POST":
        person = get_scoped_or_404(Person, request, pk=forms.person_id(request.POST))
        try:
            services.deal_terms_save(actor=request.user, person=person, **forms.terms(request.POST))
        except TimeCardError as exc:
            messages.error(request, f"{person.display_name}: {exc}")
        else:
            messages.success(
                request, f"Deal terms saved for {person.display_name}; new cards use them."
            )
        return redirect("payroll:deals", production=request.production.slug)
    people = queries.people_for_cards(request.production)
    return render(
        request,
        "payroll/deals.html",
        {
            "nav": "timecards",
            "rows": [(p, queries.deal_terms_for(p)) for p in people],
            "rules": available_rules(),
            "kit_pers": KitPer.choices,
            "show_pay": request.membership.can(Cap.PEOPLE_RATES),
        },
    )


# --------------------------------------------------------------------------- batches


@production_view(Cap.TIMECARDS_MANAGE)
def batches(request) -> HttpResponse:
    """The payroll batches; a POST makes one of the week's ticked reviewed cards."""
    if request.method == "POST":
        try:
            batch = services.payroll_batch_create(
                actor=request.user,
                production=request.production,
                card_ids=forms.card_ids(request.POST),
                note=forms.batch_note(request.POST),
            )
        except TimeCardError as exc:
            messages.error(request, str(exc))
            return _to_week(request, _week(request))
        made = f"Payroll batch {batch.number} made with {batch.cards.count()} cards"
        if batch.closed_at is None:
            messages.warning(
                request,
                f"{made}; it goes to payroll once the warnings below are "
                f"resolved or overridden with a reason.",
            )
        else:
            messages.success(request, f"{made} and handed to payroll.")
        return _to_batch(request, batch)
    rows = (
        scoped(PayrollBatch, request)
        .select_related("created_by")
        .annotate(card_count=Count("cards"))
    )
    return render(request, "payroll/batches.html", {"nav": "timecards", "batches": rows})


def _to_batch(request, batch: PayrollBatch) -> HttpResponse:
    return redirect("payroll:batch", production=request.production.slug, batch_pk=batch.pk)


@production_view(Cap.TIMECARDS_MANAGE)
def batch_detail(request, batch_pk: int) -> HttpResponse:
    batch = get_scoped_or_404(PayrollBatch, request, pk=batch_pk)
    cards = exports.batch_cards(batch)
    return render(
        request,
        "payroll/batch.html",
        {
            "nav": "timecards",
            "batch": batch,
            "cards": cards,
            "totals": exports.totals(cards),
            "show_pay": request.membership.can(Cap.PEOPLE_RATES),
            "warnings": warnings_with_overrides(batch, queries.batch_warnings(batch)),
            "blockers": [] if batch.closed_at else queries.batch_blockers(batch),
            "can_override": request.membership.can(Cap.TIMECARDS_OVERRIDE),
        },
    )


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def batch_override(request, batch_pk: int) -> HttpResponse:
    """Let one warning on an open batch pass with a reason (the service checks the role may)."""
    batch = get_scoped_or_404(PayrollBatch, request, pk=batch_pk)
    given = forms.override(request.POST)
    try:
        services.payroll_batch_warning_override(
            actor=request.user,
            membership=request.membership,
            batch=batch,
            warning=given.warning,
            reason=given.reason,
        )
    except TimeCardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Overridden; the reason stays with the batch.")
    return _to_batch(request, batch)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def batch_close(request, batch_pk: int) -> HttpResponse:
    """Hand the batch to payroll (and into the books)."""
    batch = get_scoped_or_404(PayrollBatch, request, pk=batch_pk)
    try:
        services.payroll_batch_close(actor=request.user, batch=batch)
    except TimeCardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Batch {batch.number} handed to payroll.")
    return _to_batch(request, batch)


@production_view(Cap.TIMECARDS_MANAGE)
def payroll_settings(request) -> HttpResponse:
    """The hours past which a card is flagged as not possible, as this production sets them."""
    if request.method == "POST":
        try:
            services.payroll_settings_save(
                actor=request.user, production=request.production, **forms.limits(request.POST)
            )
        except TimeCardError as exc:
            messages.error(request, f"Nothing was saved: {exc}")
        else:
            messages.success(request, "Saved; every card's flags use these limits now.")
        return redirect("payroll:settings", production=request.production.slug)
    own = queries.hour_limits(request.production)
    return render(request, "payroll/settings.html", {"nav": "timecards", "limits": own})


@production_view(Cap.TIMECARDS_MANAGE)
def batch_export(request, batch_pk: int, fmt: str) -> HttpResponse:
    if not request.membership.can(Cap.PEOPLE_RATES):
        raise Http404("Pay figures are for those who see rates.")
    batch = get_scoped_or_404(PayrollBatch, request, pk=batch_pk)
    cards = exports.batch_cards(batch)
    name = f"{request.production.slug}-payroll-batch-{batch.number}"
    if fmt == "csv":
        return _download(exports.batch_csv(cards), "text/csv; charset=utf-8", f"{name}.csv")
    if fmt == "xlsx":
        return _download(
            exports.batch_xlsx(batch, cards),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{name}.xlsx",
        )
    if fmt == "pdf":
        pdf = exports.cards_pdf(
            request.production,
            cards,
            title=f"Payroll batch {batch.number}",
            show_pay=True,
            batch=batch,
        )
        return _download(pdf, "application/pdf", f"{name}.pdf", inline=True)
    raise Http404("No such format.")


# --------------------------------------------------------------------------- union days


@production_view(Cap.TIMECARDS_MANAGE)
def union_days(request) -> HttpResponse:
    """Paid days per person and job against each local's threshold; pay stubs and thresholds
    are added from here (each form posts to its own view below)."""
    thresholds = queries.thresholds(request.production)
    return render(
        request,
        "payroll/union_days.html",
        {
            "nav": "timecards",
            "rows": queries.union_day_rows(request.production),
            "people": Person.objects.active().filter(production=request.production),
            "stubs": queries.pay_stubs(request.production),
            "thresholds": "\n".join(
                f"{t['position']} | {t['union']} | {t['local']} | "
                f"{t['union_days']} | {t['nonunion_days']}"
                for t in thresholds
            ),
        },
    )


def _union_days_step(request, step: Callable[[], str]) -> HttpResponse:
    try:
        done = step()
    except TimeCardError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("payroll:union_days", production=request.production.slug)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def pay_stub_add(request) -> HttpResponse:
    """A pay stub from another show: its paid days count toward joining."""

    def step() -> str:
        person = get_scoped_or_404(Person, request, pk=forms.person_id(request.POST))
        stub = forms.pay_stub(request.POST)
        services.pay_stub_add(actor=request.user, person=person, **vars(stub))
        return f"Pay stub added for {person.display_name}."

    return _union_days_step(request, step)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def pay_stub_remove(request) -> HttpResponse:
    def step() -> str:
        stub = get_scoped_or_404(
            PayStub.objects.filter(deleted_at__isnull=True),
            request,
            pk=forms.stub_id(request.POST),
        )
        services.pay_stub_delete(actor=request.user, stub=stub)
        return "Pay stub removed (kept in the audit log)."

    return _union_days_step(request, step)


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def thresholds_save(request) -> HttpResponse:
    def step() -> str:
        services.thresholds_save(
            actor=request.user,
            production=request.production,
            rows=forms.thresholds(request.POST),
        )
        return "Eligibility thresholds saved."

    return _union_days_step(request, step)


@production_view(Cap.TIMECARDS_MANAGE)
def union_days_csv(request) -> HttpResponse:
    rows = [
        [
            r.person.full_name,
            r.job,
            r.union_days,
            r.nonunion_days,
            r.threshold["union_days"] if r.threshold else None,
            r.threshold["nonunion_days"] if r.threshold else None,
            r.standing,
        ]
        for r in queries.union_day_rows(request.production)
    ]
    content = write_csv(
        [
            "Person",
            "Job",
            "Union days",
            "Non-union days",
            "Union days needed",
            "Non-union days needed",
            "Standing",
        ],
        rows,
    )
    return _download(
        content, "text/csv; charset=utf-8", f"{request.production.slug}-union-days.csv"
    )


@production_view(Cap.TIMECARDS_MANAGE)
def union_days_pdf(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person, request, pk=person_pk)
    pdf = exports.union_days_pdf(request.production, person)
    return _download(
        pdf, "application/pdf", f"union-days-{person.last_name or person.pk}.pdf", inline=True
    )


# --------------------------------------------------------------------------- the person's phone


def _link_invalid(request, reason: str) -> HttpResponse:
    return render(request, "core/link_invalid.html", {"reason": reason}, status=410)


def timecard_by_link(request, token: str) -> HttpResponse:
    """The person's card on their phone, by the link they were sent: they correct the days
    and save ("Save"), or save and sign ("Sign and submit")."""
    try:
        grant = link_grant_resolve(token, purpose=services.LINK_PURPOSE)
    except LinkInvalid as exc:
        return _link_invalid(request, str(exc))
    card, why_not = queries.card_for_link(grant)
    if card is None:
        return _link_invalid(request, why_not)
    link_opened(grant=grant)
    who = card.person.display_name
    values, problems, error, status = form_values(card.days, card.week_start), {}, "", 200
    if request.method == "POST":
        values = forms.typed_days(request.POST)
        try:
            days = keep_grace(days_from_form(card.week_start, request.POST), card.days)
            card = services.timecard_save(
                actor=None, actor_label=f"{who} (link)", card=card, days=days
            )
            if forms.signs(request.POST):
                services.timecard_submit(
                    card=card, who=f"{who} (link)", signature=forms.signature(request.POST)
                )
        except DayProblems as exc:
            problems, error = (
                exc.problems,
                "Not saved: some times cannot be read. Everything you typed is still here.",
            )
        except TimeCardError as exc:
            problems, error = exc.problems, f"{exc} Everything you typed is still here."
        else:
            return redirect("timecard_by_link", token=token)
        status = 400
    sheets = queries.sheet_calls(
        production=card.production, week_start=card.week_start, person_ids=[card.person_id]
    ).get(card.person_id, {})
    return render(
        request,
        "payroll/phone_card.html",
        {
            "card": card,
            "token": token,
            "days": _day_rows(card, values, problems, sheets),
            "error": error,
            "problems": problems,
            "editable": card.status == TimeCard.Status.DRAFT,
        },
        status=status,
    )
