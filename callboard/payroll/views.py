from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.controls import Warning, warnings_with_overrides
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.models import WarningOverride
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.distribution.services import link_opened
from callboard.documents.tabular import write_csv
from callboard.people.models import Person

from . import exports, queries, services
from .engine import available_rules, load_rules, sunday_on_or_before
from .models import KitPer, PayrollBatch, PayStub, Per, TimeCard
from .services import TimeCardError
from .timecards import (
    DayProblems,
    clock_text,
    day_label,
    days_from_form,
    form_values,
    keep_grace,
    week_dates,
)


def _week(request) -> date:
    """The Sunday of the asked-for week (any date in it, years 1900–2999), else of this week."""
    try:
        asked = date.fromisoformat((request.GET.get("week") or request.POST.get("week") or "")[:10])
        if not 1900 <= asked.year <= 2999:
            raise ValueError("out of range")
    except ValueError:
        asked = request.production.today()
    return sunday_on_or_before(asked)


def _card(request, pk: int) -> TimeCard:
    cards = queries.cards_for_member(
        request.membership, scoped(TimeCard, request).select_related("person", "person__department")
    )
    return get_scoped_or_404(cards, request, pk=pk)


def _can_approve(request) -> bool:
    return request.membership.can(Cap.TIMECARDS_APPROVE)


@production_view(Cap.TIMECARDS_VIEW)
def timecard_week(request):
    """The week's cards: where each stands, hours, pay and flags; send the week's cards."""
    week = _week(request)
    cards = list(
        queries.cards_for_member(request.membership, queries.week_cards(request.production, week))
    )
    sheets = queries.sheet_calls(production=request.production, week_start=week)
    limits = queries.hour_limits(request.production)
    show_money = request.membership.can(Cap.PEOPLE_RATES)
    # Overrides are kept by the full text (with amounts); each flag is shown as the viewer may.
    overridden = set(
        WarningOverride.objects.filter(
            subject_type="payroll.timecard",
            subject_id__in=[c.pk for c in cards],
        ).values_list("subject_id", "warning")
    )
    rows = []
    for card in cards:
        full = queries.timecard_flags(card, sheets=sheets, limits=limits)
        shown = (
            full
            if show_money
            else queries.timecard_flags(card, sheets=sheets, limits=limits, show_money=False)
        )
        flags = [(s, (card.pk, f.message) in overridden) for f, s in zip(full, shown, strict=True)]
        hours = sum((Decimal(d["worked_hours"]) for d in card.pay.get("days", [])), Decimal("0"))
        rows.append((card, hours, flags))
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
            "show_pay": request.membership.can(Cap.PEOPLE_RATES),
            "reviewable": [
                c.pk for c, _, _ in rows if c.status == TimeCard.Status.REVIEWED and not c.batch_id
            ],
        },
    )


@production_view(Cap.TIMECARDS_MANAGE)
@require_POST
def timecards_send(request):
    week = _week(request)
    chosen = id_param(request.POST.get("person"))
    people = queries.people_for_cards(request.production, week)
    if chosen is not None:
        people = people.filter(pk=chosen)
    sent, skipped = services.timecards_send_week(
        actor=request.user,
        production=request.production,
        week_start=week,
        people=people,
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
    return redirect(
        f"{reverse('payroll:week', args=[request.production.slug])}?week={week.isoformat()}"
    )


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


def _decimal_from_post(post, name: str, *, blank_ok: bool = False) -> Decimal | None:
    text = (post.get(name) or "").replace("$", "").replace(",", "").strip()
    if not text and blank_ok:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        label = name.replace("_", " ")
        raise TimeCardError(f"Write the {label} as a number.", {name: "not a number"})
    return value


def _terms_from_post(post) -> dict:
    """Deal terms as typed: rule set, guarantee, days per week, kit rental, account."""
    days_per_week = id_param(post.get("days_per_week")) or 0
    if not 1 <= days_per_week <= 7:
        raise TimeCardError("Days per week are 1 to 7.")
    kit_per = post.get("kit_rental_per") if post.get("kit_rental_per") in KitPer.values else "week"
    return {
        "rules": post.get("rules"),
        "guaranteed_hours": _decimal_from_post(post, "guaranteed_hours"),
        "days_per_week": days_per_week,
        "kit_rental": _decimal_from_post(post, "kit_rental", blank_ok=True),
        "kit_rental_per": kit_per,
        "account": text_param(post.get("account"), 30),
    }


def _deal_from_post(post) -> dict:
    """A card's deal as typed by the office: the terms plus the rate and its unit."""
    per = post.get("per")
    if per not in Per.values:
        raise TimeCardError("Choose per hour, day or week.")
    return _terms_from_post(post) | {"rate": _decimal_from_post(post, "rate"), "per": per}


def _previous_wrap_from_post(post) -> str | None:
    """None when the form did not carry it (those who do not see the deal), so it is kept."""
    if "previous_wrap" not in post:
        return None
    text = (post.get("previous_wrap") or "").strip()
    if not text:
        return ""
    try:
        day, _, clock = text.replace(" ", "T").partition("T")
        return f"{date.fromisoformat(day).isoformat()}T{clock_text(clock) or '00:00'}"
    except ValueError as exc:
        raise TimeCardError(
            "Write the previous wrap as a date and time.", {"previous_wrap": "not a date and time"}
        ) from exc


def _card_warnings(request, card: TimeCard, sheets) -> tuple[list[Warning], list]:
    """The card's flags to check, each with its override (as the viewer may read them: no
    amounts without the rates capability), and the flags for information only."""
    limits = queries.hour_limits(request.production)
    full = queries.timecard_flags(card, sheets=sheets, limits=limits)
    shown = (
        full
        if request.membership.can(Cap.PEOPLE_RATES)
        else queries.timecard_flags(card, sheets=sheets, limits=limits, show_money=False)
    )
    overrides = {
        w.text: w.override
        for w in warnings_with_overrides(card, [f.message for f in full if f.blocks])
    }
    warnings = [
        Warning(s.message, overrides[f.message])
        for f, s in zip(full, shown, strict=True)
        if f.blocks
    ]
    return warnings, [s for s in shown if not s.blocks]


@production_view(Cap.TIMECARDS_VIEW)
def timecard_detail(request, card_pk: int):
    card = _card(request, card_pk)
    manage = request.membership.can(Cap.TIMECARDS_MANAGE)
    values, problems, error, status = form_values(card.days, card.week_start), {}, "", 200
    if request.method == "POST":
        if not manage:
            raise Http404("Only the office edits cards.")
        values = {k: v for k, v in request.POST.items() if k.startswith("d")}
        try:
            days = days_from_form(card.week_start, request.POST)
            services.timecard_save(
                actor=request.user,
                card=card,
                days=days,
                previous_wrap=_previous_wrap_from_post(request.POST),
                deal=_deal_from_post(request.POST)
                if request.membership.can(Cap.PEOPLE_RATES)
                else None,
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
    sheets = week_sheets.get(card.person_id, {})
    versions = TimeCard.objects.filter(person=card.person, week_start=card.week_start).order_by(
        "version"
    )
    warnings, notes = _card_warnings(request, card, week_sheets)
    return render(
        request,
        "payroll/card.html",
        {
            "nav": "timecards",
            "card": card,
            "days": _day_rows(card, values, problems, sheets),
            "problems": problems,
            "error": error,
            "warnings": warnings,
            "notes": notes,
            "can_override": request.membership.can(Cap.TIMECARDS_OVERRIDE)
            and request.membership.can(Cap.PEOPLE_RATES),
            "manage": manage,
            "editable": manage and not card.is_locked,
            "can_approve": _can_approve(request),
            "show_pay": request.membership.can(Cap.PEOPLE_RATES),
            "rules": [(name, load_rules(name).title) for name in available_rules()],
            "pers": Per.choices,
            "kit_pers": KitPer.choices,
            "versions": versions,
            "posted": request.POST if request.method == "POST" else None,
        },
        status=status,
    )


@production_view(Cap.TIMECARDS_VIEW)
@require_POST
def timecard_act(request, card_pk: int):
    card = _card(request, card_pk)
    action = text_param(request.POST.get("action"))
    manage = request.membership.can(Cap.TIMECARDS_MANAGE)
    target = card
    try:
        if action == "approve" and _can_approve(request):
            services.timecard_approve(actor=request.user, card=card)
            messages.success(request, "Approved; the office reviews it next.")
        elif action == "send_back" and (_can_approve(request) or manage):
            services.timecard_send_back(
                actor=request.user, card=card, comment=text_param(request.POST.get("comment"), 1000)
            )
            messages.success(request, "Sent back to be corrected.")
        elif action == "submit" and manage:
            services.timecard_submit(
                card=card,
                actor=request.user,
                who=str(request.user),
                signature=f"{text_param(request.POST.get('signature'), 200)}",
            )
            messages.success(request, "Submitted for the department's approval.")
        elif action == "review" and manage:
            services.timecard_review(actor=request.user, card=card)
            messages.success(request, "Reviewed; ready for a payroll batch.")
        elif action == "override":
            services.timecard_warning_override(
                actor=request.user,
                membership=request.membership,
                card=card,
                warning=request.POST.get("warning", ""),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "Overridden; your reason is shown to the next approvers.")
        elif action == "correct" and manage:
            target = services.timecard_correct(
                actor=request.user, card=card, reason=text_param(request.POST.get("reason"), 300)
            )
            messages.success(
                request,
                f"Version {target.version} opened; version {card.version} is kept as it was.",
            )
        elif action == "send" and manage:
            services.timecard_send(actor=request.user, card=card)
            messages.success(request, f"Link sent to {card.person.display_name}.")
        else:
            raise TimeCardError("That is not something you can do to this card.")
    except TimeCardError as exc:
        messages.error(request, str(exc))
    return redirect("payroll:card", production=request.production.slug, card_pk=target.pk)


@production_view(Cap.TIMECARDS_VIEW)
def timecard_pdf(request, card_pk: int):
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
def deal_terms(request):
    """Each person's rule set, guarantee, kit rental and labour account (the rate and its
    unit are the crew list's, from the approved deal memo)."""
    people = list(queries.people_for_cards(request.production))
    if request.method == "POST":
        person = get_scoped_or_404(Person, request, pk=id_param(request.POST.get("person")))
        try:
            services.deal_terms_save(
                actor=request.user, person=person, **_terms_from_post(request.POST)
            )
        except TimeCardError as exc:
            messages.error(request, f"{person.display_name}: {exc}")
        else:
            messages.success(
                request, f"Deal terms saved for {person.display_name}; new cards use them."
            )
        return redirect("payroll:deals", production=request.production.slug)
    rows = [(p, queries.deal_terms_for(p)) for p in people]
    return render(
        request,
        "payroll/deals.html",
        {
            "nav": "timecards",
            "rows": rows,
            "rules": available_rules(),
            "kit_pers": KitPer.choices,
            "show_pay": request.membership.can(Cap.PEOPLE_RATES),
        },
    )


# --------------------------------------------------------------------------- batches


@production_view(Cap.TIMECARDS_MANAGE)
def batches(request):
    if request.method == "POST":
        ids = [i for i in (id_param(v) for v in request.POST.getlist("card")) if i is not None]
        try:
            batch = services.payroll_batch_create(
                actor=request.user,
                production=request.production,
                card_ids=ids,
                note=text_param(request.POST.get("note"), 200),
            )
        except TimeCardError as exc:
            messages.error(request, str(exc))
            week = _week(request)
            return redirect(
                f"{reverse('payroll:week', args=[request.production.slug])}?week={week.isoformat()}"
            )
        made = f"Payroll batch {batch.number} made with {batch.cards.count()} cards"
        if batch.closed_at is None:
            messages.warning(
                request,
                f"{made}; it goes to payroll once the warnings below are "
                f"resolved or overridden with a reason.",
            )
        else:
            messages.success(request, f"{made} and handed to payroll.")
        return redirect("payroll:batch", production=request.production.slug, batch_pk=batch.pk)
    rows = (
        scoped(PayrollBatch, request)
        .select_related("created_by")
        .annotate(card_count=Count("cards"))
    )
    return render(request, "payroll/batches.html", {"nav": "timecards", "batches": rows})


@production_view(Cap.TIMECARDS_MANAGE)
def batch_detail(request, batch_pk: int):
    batch = get_scoped_or_404(PayrollBatch, request, pk=batch_pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "override":
                services.payroll_batch_warning_override(
                    actor=request.user,
                    membership=request.membership,
                    batch=batch,
                    warning=request.POST.get("warning", ""),
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, "Overridden; the reason stays with the batch.")
            elif action == "close":
                services.payroll_batch_close(actor=request.user, batch=batch)
                messages.success(request, f"Batch {batch.number} handed to payroll.")
            else:
                raise TimeCardError("That is not something you can do to this batch.")
        except TimeCardError as exc:
            messages.error(request, str(exc))
        return redirect("payroll:batch", production=request.production.slug, batch_pk=batch.pk)
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
def payroll_settings(request):
    """The hours past which a card is flagged as not possible, as this production sets them."""
    own = queries.hour_limits(request.production)
    if request.method == "POST":
        try:
            services.payroll_settings_save(
                actor=request.user,
                production=request.production,
                **{name: _decimal_from_post(request.POST, name) for name in LIMIT_FIELDS},
            )
        except TimeCardError as exc:
            messages.error(request, f"Nothing was saved: {exc}")
        else:
            messages.success(request, "Saved; every card's flags use these limits now.")
        return redirect("payroll:settings", production=request.production.slug)
    return render(request, "payroll/settings.html", {"nav": "timecards", "limits": own})


LIMIT_FIELDS = ["max_day_worked_hours", "max_day_elapsed_hours", "max_week_worked_hours"]


@production_view(Cap.TIMECARDS_MANAGE)
def batch_export(request, batch_pk: int, fmt: str):
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


def _date_param(text: str | None, what: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise TimeCardError(f"Give the {what} as a date.") from exc


def _threshold_rows(text: str) -> list[dict]:
    """Lines 'Position | union | local | union days | non-union days'."""
    rows = []
    for n, line in enumerate(text.splitlines()[:50], start=1):
        if not line.strip():
            continue
        parts = [text_param(p, 120) for p in line.split("|")]
        if len(parts) != 5 or not parts[0]:
            raise TimeCardError(
                f"Line {n}: write 'Position | union | local | union days | non-union days'."
            )
        union_days, nonunion_days = id_param(parts[3]), id_param(parts[4])
        if not union_days or not nonunion_days or union_days > 9999 or nonunion_days > 9999:
            raise TimeCardError(f"Line {n}: the days are whole numbers from 1 to 9999.")
        rows.append(
            {
                "position": parts[0][:120],
                "union": parts[1][:60],
                "local": parts[2][:30],
                "union_days": union_days,
                "nonunion_days": nonunion_days,
            }
        )
    return rows


@production_view(Cap.TIMECARDS_MANAGE)
def union_days(request):
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "stub":
                person = get_scoped_or_404(Person, request, pk=id_param(request.POST.get("person")))
                services.pay_stub_add(
                    actor=request.user,
                    person=person,
                    employer=text_param(request.POST.get("employer"), 200),
                    job=text_param(request.POST.get("job"), 120),
                    union=request.POST.get("union") == "on",
                    start_date=_date_param(request.POST.get("start_date"), "first day"),
                    end_date=_date_param(request.POST.get("end_date"), "last day"),
                    days=id_param(request.POST.get("days")) or 0,
                    note=text_param(request.POST.get("note"), 200),
                )
                messages.success(request, f"Pay stub added for {person.display_name}.")
            elif action == "delete_stub":
                stub = get_scoped_or_404(
                    PayStub.objects.filter(deleted_at__isnull=True),
                    request,
                    pk=id_param(request.POST.get("stub")),
                )
                services.pay_stub_delete(actor=request.user, stub=stub)
                messages.success(request, "Pay stub removed (kept in the audit log).")
            elif action == "thresholds":
                services.thresholds_save(
                    actor=request.user,
                    production=request.production,
                    rows=_threshold_rows(request.POST.get("thresholds", "")),
                )
                messages.success(request, "Eligibility thresholds saved.")
            else:
                raise TimeCardError("Unknown action.")
        except TimeCardError as exc:
            messages.error(request, str(exc))
        return redirect("payroll:union_days", production=request.production.slug)
    thresholds = queries.thresholds(request.production)
    return render(
        request,
        "payroll/union_days.html",
        {
            "nav": "timecards",
            "rows": queries.union_day_rows(request.production),
            "people": Person.objects.active().filter(production=request.production),
            "stubs": scoped(PayStub, request)
            .filter(deleted_at__isnull=True)
            .select_related("person"),
            "thresholds": "\n".join(
                f"{t['position']} | {t['union']} | {t['local']} | "
                f"{t['union_days']} | {t['nonunion_days']}"
                for t in thresholds
            ),
        },
    )


@production_view(Cap.TIMECARDS_MANAGE)
def union_days_csv(request):
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
def union_days_pdf(request, person_pk: int):
    person = get_scoped_or_404(Person, request, pk=person_pk)
    pdf = exports.union_days_pdf(request.production, person)
    return _download(
        pdf, "application/pdf", f"union-days-{person.last_name or person.pk}.pdf", inline=True
    )


# --------------------------------------------------------------------------- the person's phone


def timecard_by_link(request, token: str):
    try:
        grant = link_grant_resolve(token, purpose=services.LINK_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "people/link_invalid.html", {"reason": str(exc)}, status=410)
    card = (
        TimeCard.objects.filter(pk=grant.subject_id, grant=grant)
        .select_related("person", "production")
        .first()
    )
    if card is None or card.replaced_at is not None:
        newer = (
            card
            and TimeCard.objects.filter(
                person=card.person, week_start=card.week_start, replaced_at__isnull=True
            ).first()
        )
        reason = (
            "The office has opened a corrected version of this card; it will send you its link."
            if newer
            else "This link has been replaced by a newer one."
        )
        return render(request, "people/link_invalid.html", {"reason": reason}, status=410)
    link_opened(grant=grant)
    who = card.person.display_name
    values, problems, error, status = form_values(card.days, card.week_start), {}, "", 200
    if request.method == "POST":
        values = {k: v for k, v in request.POST.items() if k.startswith("d")}
        try:
            days = keep_grace(days_from_form(card.week_start, request.POST), card.days)
            card = services.timecard_save(
                actor=None, actor_label=f"{who} (link)", card=card, days=days
            )
            if request.POST.get("action") == "submit":
                services.timecard_submit(
                    card=card,
                    who=f"{who} (link)",
                    signature=text_param(request.POST.get("signature"), 200),
                )
                return redirect("timecard_by_link", token=token)
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
