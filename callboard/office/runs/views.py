"""The runs pages: the board where anyone asks for a run and the coordinator assigns it and
keeps the PAs' roster, a PA's own day on a phone, and the day's printable run log."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.once import AlreadySaved, once_token
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.office.models import Run
from callboard.people.models import Person

from . import logpdf, queries, services
from .forms import CallForm, DeliveredForm, PurchaseForm, RateForm, RunRequestForm
from .services import RunError

MAX_PHOTO = 20 * 1024 * 1024


def _day(request) -> dt.date:
    typed = text_param(request.GET.get("date") or request.POST.get("date"), 10)
    try:
        return dt.date.fromisoformat(typed) if typed else request.production.today()
    except ValueError:
        messages.error(request, f"“{typed}” is not a date; showing today.")
        return request.production.today()


def _board_url(request, day: dt.date | None = None) -> str:
    url = reverse("office:runs_board", kwargs={"production": request.production.slug})
    return f"{url}?date={day.isoformat()}" if day else url


def _mine_url(request) -> str:
    return reverse("office:runs_mine", kwargs={"production": request.production.slug})


def _problems(request, exc: RunError) -> None:
    lead = [] if str(exc) in exc.problems else [str(exc)]
    for problem in [*lead, *exc.problems]:
        messages.error(request, problem)


def _board(request, form: RunRequestForm | None = None, problems=()) -> HttpResponse:
    production = request.production
    day = _day(request)
    manage = request.membership.can(Cap.OFFICE_MANAGE)
    accounts = queries.charge_accounts(production)
    grouped = queries.board(production, day)
    context = {
        "nav": "office",
        "day": day,
        "manage": manage,
        "form": form or RunRequestForm(accounts=accounts),
        "problems": problems,
        "columns": [(status, grouped.get(status, [])) for status in Run.Status],
    }
    if manage:
        pas = queries.roster(production)
        days = queries.pa_days(production, day)
        context |= {
            "roster": [(p, days.get(p.pk)) for p in pas],
            "pas": pas,
            "to_pay": queries.miles_to_pay(production),
            "rate": queries.mileage_rate(production),
        }
    return render(request, "office/runs/board.html", context, status=400 if problems else 200)


@production_view(Cap.OFFICE_REQUEST)
def board(request) -> HttpResponse:
    """Every open run; for the office, the PAs with their day and the miles to pay back."""
    return _board(request)


@production_view(Cap.OFFICE_REQUEST)
@require_POST
def request_run(request) -> HttpResponse:
    accounts = queries.charge_accounts(request.production)
    form = RunRequestForm(request.POST, accounts=accounts)
    if not form.is_valid():
        problems = [f"{form.fields[f].label}: {e}" for f, errs in form.errors.items() for e in errs]
        return _board(request, form, problems)
    try:
        run = services.run_request(
            actor=request.user, production=request.production, **form.cleaned_data
        )
    except RunError as exc:
        return _board(request, form, exc.problems)
    except AlreadySaved:
        messages.info(request, "That run was already asked for: it is asked once.")
        return redirect(_board_url(request))
    messages.success(request, f"Run {run.number} asked of the office: {run.what}.")
    return redirect(_board_url(request))


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def assign(request, run_pk: int) -> HttpResponse:
    run = get_scoped_or_404(Run, request, pk=run_pk)
    person_id = id_param(request.POST.get("person"))
    person = Person.objects.filter(production=request.production, pk=person_id).first()
    try:
        if person is None:
            raise RunError("Choose one of the office PAs.")
        services.run_assign(actor=request.user, run=run, person=person)
        messages.success(request, f"Run {run.number} is {person.display_name}’s.")
    except RunError as exc:
        _problems(request, exc)
    return redirect(_board_url(request))


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def cancel(request, run_pk: int) -> HttpResponse:
    run = get_scoped_or_404(Run, request, pk=run_pk)
    try:
        services.run_cancel(actor=request.user, run=run)
        messages.success(request, f"Run {run.number} cancelled.")
    except RunError as exc:
        _problems(request, exc)
    return redirect(_board_url(request))


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def call_set(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person, request, pk=person_pk)
    day = _day(request)
    form = CallForm(request.POST)
    try:
        if not form.is_valid():
            raise RunError("Write the call like 07:00.")
        services.pa_call_set(
            actor=request.user,
            production=request.production,
            person=person,
            on=day,
            call=form.cleaned_data["call"],
        )
        messages.success(request, f"{person.display_name}’s call saved.")
    except RunError as exc:
        _problems(request, exc)
    return redirect(_board_url(request, day))


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def sign_for(request, person_pk: int, which: str) -> HttpResponse:
    """The office signs a PA in or out (one who forgot, or has no login)."""
    person = get_scoped_or_404(Person, request, pk=person_pk)
    return _sign(request, person, which, _board_url(request))


def _sign(request, person: Person, which: str, back: str) -> HttpResponse:
    act = services.pa_sign_in if which == "in" else services.pa_sign_out
    try:
        day, note = act(actor=request.user, production=request.production, person=person)
    except RunError as exc:
        _problems(request, exc)
        return redirect(back)
    moment = day.signed_in_at if which == "in" else day.signed_out_at
    local = moment.astimezone(request.production.tzinfo)
    messages.success(request, f"{person.display_name} signed {which} at {local:%-I:%M %p}.")
    if note:
        messages.warning(request, note)
    return redirect(back)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def mileage(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person, request, pk=person_pk)
    try:
        check = services.mileage_reimburse(
            actor=request.user, production=request.production, person=person
        )
        messages.success(
            request,
            f"Check request {check.number} to {check.payee} for the miles: "
            "it waits for approval in Accounting.",
        )
    except RunError as exc:
        _problems(request, exc)
    return redirect(_board_url(request))


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def rate(request) -> HttpResponse:
    form = RateForm(request.POST)
    try:
        if not form.is_valid():
            raise RunError("Give the mileage rate, like 0.70.")
        row = services.run_settings_save(
            actor=request.user,
            production=request.production,
            mileage_rate=form.cleaned_data["mileage_rate"],
        )
        messages.success(request, f"Mileage is paid back at ${row.mileage_rate} a mile.")
    except RunError as exc:
        _problems(request, exc)
    return redirect(_board_url(request))


@production_view(Cap.OFFICE_MANAGE)
def log_pdf(request) -> HttpResponse:
    """The day's run log, printed."""
    day = _day(request)
    document = queries.log_document(request.production, day)
    response = HttpResponse(logpdf.log_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{logpdf.file_name(document)}"'
    return response


# A PA's own day, on a phone ------------------------------------------------------------------


def _own(request) -> Person | None:
    return queries.own_pa(request.user, request.production)


@production_view(Cap.OFFICE_RUNS)
def mine(request) -> HttpResponse:
    production = request.production
    person = _own(request)
    today = production.today()
    day = queries.pa_days(production, today).get(person.pk) if person else None
    return render(
        request,
        "office/runs/mine.html",
        {
            "nav": "office",
            "person": person,
            "day": day,
            "on_timecard": queries.on_timecard(day) if day and day.signed_in_at else False,
            "today": today,
            "runs": queries.my_runs(person, today) if person else [],
            "once": once_token(),
        },
    )


def _not_on_roster(request) -> HttpResponse:
    messages.error(
        request,
        "You are not on the office PAs' roster (the crew list's Production department); "
        "ask the coordinator.",
    )
    return redirect(_mine_url(request))


@production_view(Cap.OFFICE_RUNS)
@require_POST
def sign_mine(request, which: str) -> HttpResponse:
    person = _own(request)
    if person is None:
        return _not_on_roster(request)
    return _sign(request, person, which, _mine_url(request))


@production_view(Cap.OFFICE_RUNS)
@require_POST
def picked_up(request, run_pk: int) -> HttpResponse:
    run, person = get_scoped_or_404(Run, request, pk=run_pk), _own(request)
    if person is None:
        return _not_on_roster(request)
    try:
        services.run_pick_up(actor=request.user, run=run, person=person)
        messages.success(request, f"Run {run.number} picked up.")
    except RunError as exc:
        _problems(request, exc)
    return redirect(_mine_url(request))


@production_view(Cap.OFFICE_RUNS)
@require_POST
def delivered(request, run_pk: int) -> HttpResponse:
    run, person = get_scoped_or_404(Run, request, pk=run_pk), _own(request)
    if person is None:
        return _not_on_roster(request)
    form = DeliveredForm(request.POST)
    try:
        if not form.is_valid():
            raise RunError("Give the miles driven, like 12.5.")
        run = services.run_deliver(
            actor=request.user, run=run, person=person, miles=form.cleaned_data["miles"]
        )
        messages.success(request, f"Run {run.number} delivered ({run.miles} mi).")
    except RunError as exc:
        _problems(request, exc)
    return redirect(_mine_url(request))


@production_view(Cap.OFFICE_RUNS)
@require_POST
def purchase(request, run_pk: int) -> HttpResponse:
    run, person = get_scoped_or_404(Run, request, pk=run_pk), _own(request)
    if person is None:
        return _not_on_roster(request)
    form = PurchaseForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise RunError(
                "Nothing was saved.",
                [f"{form.fields[f].label}: {e}" for f, errs in form.errors.items() for e in errs],
            )
        upload = form.cleaned_data["photo"]
        if upload is not None and upload.size > MAX_PHOTO:
            raise RunError("The photo is over 20 MB.")
        data = form.cleaned_data
        bought = services.run_purchase_add(
            actor=request.user,
            run=run,
            person=person,
            where=data["where"],
            what=data["what"],
            amount=data["amount"],
            card_last4=data["card_last4"],
            file=(upload.name, upload.read()) if upload else None,
            once=data["once"],
        )
        messages.success(
            request, f"${bought.receipt.total} at {bought.receipt.vendor_name} kept for accounting."
        )
    except RunError as exc:
        _problems(request, exc)
    except AlreadySaved:
        messages.info(request, "That receipt was already kept: it is kept once.")
    return redirect(_mine_url(request))


urlpatterns = [
    path("", board, name="runs_board"),
    path("request/", request_run, name="runs_request"),
    path("<int:run_pk>/assign/", assign, name="runs_assign"),
    path("<int:run_pk>/cancel/", cancel, name="runs_cancel"),
    path("<int:run_pk>/picked-up/", picked_up, name="runs_picked_up"),
    path("<int:run_pk>/delivered/", delivered, name="runs_delivered"),
    path("<int:run_pk>/purchase/", purchase, name="runs_purchase"),
    path("pas/<int:person_pk>/call/", call_set, name="runs_call"),
    path("pas/<int:person_pk>/sign-in/", sign_for, {"which": "in"}, name="runs_sign_in_for"),
    path("pas/<int:person_pk>/sign-out/", sign_for, {"which": "out"}, name="runs_sign_out_for"),
    path("pas/<int:person_pk>/mileage/", mileage, name="runs_mileage"),
    path("rate/", rate, name="runs_rate"),
    path("log.pdf", log_pdf, name="runs_log_pdf"),
    path("mine/", mine, name="runs_mine"),
    path("mine/sign-in/", sign_mine, {"which": "in"}, name="runs_sign_in"),
    path("mine/sign-out/", sign_mine, {"which": "out"}, name="runs_sign_out"),
]
