"""Drive-ons and gate lists: asking for a pass, the office's approvals, the gates and their
lists per day (PDF, CSV, XLSX), a pass's card; and, through signed links for people without an
account, a department head's request page, a pass's phone page and the guard's page."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.once import AlreadySaved
from callboard.core.params import id_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.office.models import Gate, GateCheck, Pass
from callboard.people.models import Department

from . import exports, queries, rules, services
from .forms import GateForm, PassForm, PassSendForm
from .services import GateError

GUARD_SESSION = "office_gate_guard"


def _day(request) -> date:
    text = request.GET.get("date") or ""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return request.production.today()


def _problems_to_form(form, exc: GateError) -> None:
    for field, message in exc.problems.items():
        form.add_error(field if field in form.fields else None, message)


@production_view(Cap.OFFICE_REQUEST)
def gate_index(request) -> HttpResponse:
    production = request.production
    manage = request.membership.can(Cap.OFFICE_MANAGE)
    day = _day(request)
    gates = list(scoped(Gate, request))
    context = {
        "manage": manage,
        "day": day,
        "today": production.today(),
        "mine": queries.passes(production).filter(requested_by=request.user)[:50],
    }
    if manage:
        context |= {
            "waiting": queries.waiting(production),
            "gates": [(g, len(queries.day_list(g, day))) for g in gates],
            "inside": queries.who_is_in(production),
            "on_day": queries.passes(production)
            .filter(status=Pass.Status.APPROVED, start_date__lte=day, end_date__gte=day)
            .order_by("gate__name", "run_of_show", "arrival_time", "name"),
            "departments": Department.objects.filter(production=production),
        }
    return render(request, "office/gate/index.html", context)


@production_view(Cap.OFFICE_REQUEST)
def gate_request(request) -> HttpResponse:
    production = request.production
    if not Gate.objects.filter(production=production).exists():
        messages.error(request, "The office has not set up a gate yet: ask them to add one.")
        return redirect("office:gate_index", production=production.slug)
    form = PassForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.pass_request(
                actor=request.user,
                production=production,
                data=form.cleaned_data,
                once=form.cleaned_data["once"],
            )
        except GateError as exc:
            _problems_to_form(form, exc)
        except AlreadySaved:
            messages.info(request, "That pass was already asked for: it is asked once.")
            return redirect("office:gate_index", production=production.slug)
        else:
            messages.success(
                request, f"Pass {made.code} for {made.name} is with the office for approval."
            )
            return redirect("office:gate_index", production=production.slug)
    return render(request, "office/gate/request.html", {"form": form})


def _pass(request, pass_pk: int) -> Pass:
    return get_scoped_or_404(queries.passes(request.production), request, pk=pass_pk)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def gate_decide(request, pass_pk: int) -> HttpResponse:
    pass_obj = _pass(request, pass_pk)
    try:
        if request.POST.get("decision") == "approve":
            services.pass_approve(actor=request.user, pass_obj=pass_obj)
            messages.success(request, f"Pass {pass_obj.code} for {pass_obj.name} approved.")
        elif request.POST.get("decision") == "decline":
            services.pass_decline(
                actor=request.user, pass_obj=pass_obj, reason=request.POST.get("reason", "")
            )
            messages.info(request, f"Pass {pass_obj.code} for {pass_obj.name} declined.")
        elif request.POST.get("decision") == "cancel":
            services.pass_cancel(actor=request.user, pass_obj=pass_obj)
            messages.info(request, f"Pass {pass_obj.code} withdrawn: its code no longer opens.")
        else:
            messages.error(request, "Choose approve, decline or withdraw.")
    except GateError as exc:
        messages.error(request, str(exc))
    back = request.POST.get("next", "")
    if not back.startswith(f"/p/{request.production.slug}/office/"):  # never off the site
        back = reverse("office:gate_index", kwargs={"production": request.production.slug})
    return redirect(back)


def _pass_link(request, pass_obj: Pass) -> str | None:
    token = queries.pass_link_token(pass_obj)
    return request.build_absolute_uri(reverse("gate_pass_by_link", args=[token])) if token else None


def _send_initial(pass_obj: Pass) -> dict:
    """The guest's addresses when the pass names someone on the lists (a text only if they
    agreed to texts)."""
    person = pass_obj.person
    if person is None:
        return {}
    return {"email": person.email, "mobile": person.phone if person.sms_opt_in_at else ""}


def _pass_page(request, pass_obj: Pass, send_form: PassSendForm | None = None) -> HttpResponse:
    link = _pass_link(request, pass_obj)
    return render(
        request,
        "office/gate/pass.html",
        {
            "p": pass_obj,
            "link": link,
            "qr": exports.qr_svg(link, scale=4) if link else "",
            "checks": pass_obj.checks.select_related("gate")[:20],
            "send_form": send_form or PassSendForm(initial=_send_initial(pass_obj)),
            "sends": queries.pass_sends(pass_obj),
        },
    )


@production_view(Cap.OFFICE_MANAGE)
def gate_pass(request, pass_pk: int) -> HttpResponse:
    return _pass_page(request, _pass(request, pass_pk))


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def gate_pass_send(request, pass_pk: int) -> HttpResponse:
    pass_obj = _pass(request, pass_pk)
    form = PassSendForm(request.POST)
    if form.is_valid():
        try:
            sent = services.pass_send(actor=request.user, pass_obj=pass_obj, **form.cleaned_data)
        except GateError as exc:
            if "" in exc.problems:  # about the pass, not the addresses
                messages.error(request, str(exc))
                return redirect(
                    "office:gate_pass", production=request.production.slug, pass_pk=pass_pk
                )
            _problems_to_form(form, exc)
        else:
            if sent:
                messages.success(
                    request, f"Pass {pass_obj.code} is on its way to {' and '.join(sent)}."
                )
            else:
                messages.info(
                    request, f"Pass {pass_obj.code} was already sent there: nothing sent again."
                )
            return redirect("office:gate_pass", production=request.production.slug, pass_pk=pass_pk)
    return _pass_page(request, pass_obj, send_form=form)  # what was typed, and why not


@production_view(Cap.OFFICE_MANAGE)
def gate_card(request, pass_pk: int) -> HttpResponse:
    pass_obj = _pass(request, pass_pk)
    link = _pass_link(request, pass_obj)
    if link is None:
        messages.error(request, "Only an approved pass that has not expired has a card.")
        return redirect("office:gate_pass", production=request.production.slug, pass_pk=pass_pk)
    response = HttpResponse(
        exports.card_pdf(exports.card_document(pass_obj, link)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="pass-{pass_obj.code}.pdf"'
    return response


@production_view(Cap.OFFICE_MANAGE)
def gate_day(request, gate_pk: int) -> HttpResponse:
    gate = get_scoped_or_404(Gate, request, pk=gate_pk)
    day = _day(request)
    return render(
        request,
        "office/gate/day.html",
        {
            "gate": gate,
            "day": day,
            "doc": queries.list_document(gate, day),
            "run": queries.list_document(gate, day, run_of_show=True),
            "inside": queries.who_is_in(request.production, gate=gate),
        },
    )


@production_view(Cap.OFFICE_MANAGE)
def gate_export(request, gate_pk: int, day: str, which: str, fmt: str) -> HttpResponse:
    gate = get_scoped_or_404(Gate, request, pk=gate_pk)
    try:
        when = date.fromisoformat(day)
    except ValueError as exc:
        raise Http404("No such day.") from exc
    if fmt not in ("pdf", "csv", "xlsx"):
        raise Http404("The list comes as a PDF, CSV or XLSX.")
    document = queries.list_document(gate, when, run_of_show=which == "run-of-show")
    writer, kind = {
        "pdf": (exports.list_pdf, "application/pdf"),
        "csv": (exports.list_csv, "text/csv; charset=utf-8"),
        "xlsx": (
            exports.list_xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    }[fmt]
    response = HttpResponse(writer(document), content_type=kind)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{exports.list_file_name(document, fmt)}"'
    )
    return response


@production_view(Cap.OFFICE_MANAGE)
def gate_gates(request, gate_pk: int | None = None) -> HttpResponse:
    production = request.production
    gate = get_scoped_or_404(Gate, request, pk=gate_pk) if gate_pk else None
    initial = {"columns": gate.columns} if gate else {"columns": rules.DEFAULT_COLUMNS}
    form = GateForm(request.POST or None, instance=gate, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.gate_save(
                actor=request.user, production=production, gate=gate, **form.cleaned_data
            )
        except GateError as exc:
            _problems_to_form(form, exc)
        else:
            messages.success(request, f"Gate “{form.cleaned_data['name']}” saved.")
            return redirect("office:gate_gates", production=production.slug)
    return render(
        request,
        "office/gate/gates.html",
        {"gates": scoped(Gate, request), "form": form, "editing": gate},
    )


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def gate_guard_link(request, gate_pk: int) -> HttpResponse:
    gate = get_scoped_or_404(Gate, request, pk=gate_pk)
    token = services.gate_guard_link_create(actor=request.user, gate=gate)
    link = request.build_absolute_uri(reverse("gate_guard_by_link", args=[token]))
    return render(
        request,
        "office/gate/link_made.html",
        {
            "title": f"The guard's page for {gate.name}",
            "what": "Give this link to the guard at this gate (or let them scan the code): "
            "it opens the page that checks passes and records who arrives and leaves. "
            f"It works for {services.GUARD_LINK_DAYS} days.",
            "link": link,
            "qr": exports.qr_svg(link, scale=4),
        },
    )


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def gate_request_link(request) -> HttpResponse:
    department = get_scoped_or_404(
        Department, request, pk=id_param(request.POST.get("department")) or 0
    )
    token = services.pass_request_link_create(
        actor=request.user, production=request.production, department=department
    )
    link = request.build_absolute_uri(reverse("gate_request_by_link", args=[token]))
    return render(
        request,
        "office/gate/link_made.html",
        {
            "title": f"{department.name}: asking for passes",
            "what": f"The {department.name} head can share this link: whoever opens it asks "
            "the office for a pass, without an account. The office still approves each one. "
            f"It works for {services.REQUEST_LINK_DAYS} days.",
            "link": link,
            "qr": "",
        },
    )


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def gate_guard_link_withdraw(request, gate_pk: int) -> HttpResponse:
    gate = get_scoped_or_404(Gate, request, pk=gate_pk)
    count = services.gate_guard_links_withdraw(actor=request.user, gate=gate)
    messages.success(request, f"{gate.name}: {count} guard's page link(s) withdrawn.")
    return redirect("office:gate_gates", production=request.production.slug)


@production_view(Cap.OFFICE_MANAGE)
@require_POST
def gate_request_link_withdraw(request) -> HttpResponse:
    department = get_scoped_or_404(
        Department, request, pk=id_param(request.POST.get("department")) or 0
    )
    count = services.pass_request_links_withdraw(
        actor=request.user, production=request.production, department=department
    )
    messages.success(request, f"{department.name}: {count} pass-request link(s) withdrawn.")
    return redirect("office:gate_index", production=request.production.slug)


urlpatterns = [
    path("", gate_index, name="gate_index"),
    path("ask/", gate_request, name="gate_request"),
    path("passes/<int:pass_pk>/", gate_pass, name="gate_pass"),
    path("passes/<int:pass_pk>/decide/", gate_decide, name="gate_decide"),
    path("passes/<int:pass_pk>/card.pdf", gate_card, name="gate_card"),
    path("passes/<int:pass_pk>/send/", gate_pass_send, name="gate_pass_send"),
    path("gates/", gate_gates, name="gate_gates"),
    path("gates/<int:gate_pk>/", gate_gates, name="gate_edit"),
    path("gates/<int:gate_pk>/guard-link/", gate_guard_link, name="gate_guard_link"),
    path("gates/<int:gate_pk>/list/", gate_day, name="gate_day"),
    path(
        "gates/<int:gate_pk>/<str:day>/<str:which>.<str:fmt>",
        gate_export,
        name="gate_export",
    ),
    path("request-link/", gate_request_link, name="gate_request_link"),
    path(
        "gates/<int:gate_pk>/guard-link/withdraw/",
        gate_guard_link_withdraw,
        name="gate_guard_link_withdraw",
    ),
    path("request-link/withdraw/", gate_request_link_withdraw, name="gate_request_link_withdraw"),
]


# Through signed links (no account) ----------------------------------------------------------


def _refused(request, exc: LinkInvalid) -> HttpResponse:
    return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)


def request_by_link(request, token: str) -> HttpResponse:
    """A department head's link: anyone holding it asks the office for a pass."""
    try:
        grant = link_grant_resolve(token, purpose=queries.LINK_REQUEST)
    except LinkInvalid as exc:
        return _refused(request, exc)
    production = grant.production
    department = Department.objects.filter(pk=grant.subject_id, production=production).first()
    if department is None:
        return _refused(request, LinkInvalid("This link is not valid."))
    form = PassForm(
        request.POST or None,
        production=production,
        via_link=True,
        initial={"department": department.name},
    )
    sent = None
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.pass_request(
                actor=None,
                production=production,
                data=form.cleaned_data,
                actor_label=f"{department.name} (department link)",
                once=form.cleaned_data["once"],
            )
        except GateError as exc:
            _problems_to_form(form, exc)
        except AlreadySaved as exc:
            sent = Pass.objects.filter(production=production, pk=exc.object_id).first()
            form = PassForm(
                production=production, via_link=True, initial={"department": department.name}
            )
        else:
            form = PassForm(
                production=production, via_link=True, initial={"department": department.name}
            )
    return render(
        request,
        "office/gate/request_by_link.html",
        {"production": production, "department": department, "form": form, "sent": sent},
    )


def _guard_gate(request) -> Gate | None:
    """The gate whose guard's page this browser opened last, if its link still works."""
    token = request.session.get(GUARD_SESSION)
    if not token:
        return None
    try:
        grant = link_grant_resolve(token, purpose=queries.LINK_GUARD)
    except LinkInvalid:
        return None
    return Gate.objects.filter(pk=grant.subject_id, production=grant.production).first()


def pass_by_link(request, token: str) -> HttpResponse:
    """A pass's phone page (what its QR code opens): the pass and its code to show at the gate;
    on the guard's phone, buttons to record the arrival or departure."""
    try:
        grant = link_grant_resolve(token, purpose=queries.LINK_PASS)
    except LinkInvalid as exc:
        return render(
            request,
            "office/gate/pass_invalid.html",
            {"reason": "Not valid. " + str(exc)},
            status=410,
        )
    pass_obj = queries.passes(grant.production).filter(pk=grant.subject_id).first()
    if pass_obj is None:
        raise Http404("No such pass.")
    link = request.build_absolute_uri(reverse("gate_pass_by_link", args=[token]))
    guard = _guard_gate(request)
    return render(
        request,
        "office/gate/pass_by_link.html",
        {
            "p": pass_obj,
            "production": grant.production,
            "qr": exports.qr_svg(link, scale=5),
            "guard": guard,
            "guard_token": request.session.get(GUARD_SESSION) if guard else None,
            "path": request.path,
            "inside": guard is not None and queries.is_inside(pass_obj),
        },
    )


def guard_by_link(request, token: str) -> HttpResponse:
    """The guard's page of one gate: scan or type a pass, see at once whether it is valid, and
    who is in now."""
    try:
        grant = link_grant_resolve(token, purpose=queries.LINK_GUARD)
    except LinkInvalid as exc:
        return _refused(request, exc)
    gate = Gate.objects.filter(pk=grant.subject_id, production=grant.production).first()
    if gate is None:
        return _refused(request, LinkInvalid("This link is not valid."))
    request.session[GUARD_SESSION] = token
    problem = ""
    if request.method == "POST":
        try:
            check = services.gate_check(
                gate=gate,
                code=request.POST.get("code", ""),
                direction=request.POST.get("direction", GateCheck.Direction.IN),
            )
        except GateError as exc:
            problem = str(exc)
        else:
            return redirect(reverse("gate_guard_by_link", args=[token]) + f"?check={check.pk}")
    shown = None
    if (check_pk := request.GET.get("check", "")).isdigit():
        shown = (
            GateCheck.objects.filter(pk=int(check_pk), gate=gate).select_related("pass_obj").first()
        )
    return render(
        request,
        "office/gate/guard_by_link.html",
        {
            "gate": gate,
            "production": grant.production,
            "token": token,
            "problem": problem,
            "check": shown,
            "inside": queries.who_is_in(grant.production, gate=gate),
            "recent": GateCheck.objects.filter(gate=gate).select_related("pass_obj")[:10],
        },
    )


link_urlpatterns = [
    path("drive-on/<str:token>/", request_by_link, name="gate_request_by_link"),
    path("pass/<str:token>/", pass_by_link, name="gate_pass_by_link"),
    path("gate/<str:token>/", guard_by_link, name="gate_guard_by_link"),
]
