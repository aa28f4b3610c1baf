import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from callboard.core import clock
from callboard.core.capabilities import Cap
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.models import Membership
from callboard.core.params import id_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.distribution.models import Delivery, DistributionSettings
from callboard.distribution.queries import (
    STATUS_LABELS,
    WhoHasIt,
    confirmations_mode,
    delivery_status,
    resendable_count,
    who_has_it,
)
from callboard.distribution.services import (
    LINK_PURPOSE,
    ResendRefused,
    delivery_confirm,
    delivery_doubt_settle,
    delivery_opened,
    delivery_resend,
    dispatch_resend,
    distribution_settings_update,
)
from callboard.documents.render import RenderError
from callboard.documents.tabular import write_csv
from callboard.people.models import DistributionGroup, Person
from callboard.people.queries import employment_ended
from callboard.schedule.models import Scenario

from . import printing, services
from .calendar import CALENDAR_PURPOSE, person_calendar
from .checks import blocking, findings_digest
from .forms import (
    CallSheetForm,
    confirmations_choice,
    new_sheet,
    prefixed,
    send_choice,
    settle_choice,
    sheet_calls_from_post,
    who_has_it_filters,
)
from .models import CallSheet
from .queries import (
    issued,
    latest_published,
    link_delivery,
    recipient_call,
    scenario_days,
    sheet_deliveries,
    sheet_delivery,
    sheet_dispatches,
    sheet_findings,
    sheet_versions,
    sheet_view,
    shown_clock,
)
from .sides import day_sides
from .weather import forecast_for, weather_provider


def _scenario(request) -> Scenario | None:
    scenarios = scoped(Scenario, request).select_related("calendar")
    wanted = id_param(request.GET.get("scenario"))
    return (scenarios.filter(pk=wanted).first() if wanted else None) or scenarios.first()


@production_view(Cap.SCHEDULE_VIEW)
def callsheet_list(request) -> HttpResponse:
    scenario = _scenario(request)
    days = scenario_days(scenario) if scenario is not None else []
    return render(
        request,
        "callsheets/list.html",
        {
            "nav": "callsheets",
            "scenario": scenario,
            "scenarios": scoped(Scenario, request),
            "days": days,
            "can_publish": request.membership.can(Cap.CALLSHEETS_PUBLISH),
        },
    )


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_create(request) -> HttpResponse:
    wanted = new_sheet(request.POST)
    scenario = get_scoped_or_404(Scenario, request, pk=wanted.scenario)
    try:
        sheet = services.callsheet_create(
            actor=request.user, scenario=scenario, day_number=wanted.day
        )
    except services.CallSheetError as exc:
        messages.error(request, str(exc))
        return redirect("callsheets:list", production=request.production.slug)
    return redirect("callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk)


def _fill_inputs(view, posted) -> None:
    """What each call input shows: what was typed when a save failed (so nothing typed is
    lost), else what is stored; a default (crew call, shooting call) is a placeholder only."""
    sheet = view.sheet
    for row in view.cast:
        saved = sheet.cast_calls.get(str(row.element.pk), {})
        row.inputs = {
            part: posted.get(f"cast_{row.element.pk}_{part}", "")
            if posted is not None
            else (
                saved.get(part, "")
                if part in ("status", "remarks")
                else shown_clock(saved.get(part))
            )
            for part in ("status", "pickup", "makeup", "on_set", "remarks", "release")
        }
        if posted is None and not row.inputs["status"]:
            row.inputs["status"] = row.status
    for department, rows in [*view.crew, (None, view.ended)]:
        if department is not None:
            key = f"dept_{department.pk}"
            department.call_input = (
                posted.get(key, "")
                if posted is not None
                else shown_clock(sheet.department_calls.get(str(department.pk)))
            )
        for row in rows:
            key = f"person_{row.person.pk}"
            row.input = (
                posted.get(key, "")
                if posted is not None
                else shown_clock(sheet.person_calls.get(str(row.person.pk)))
            )


def _by_code(findings) -> list[tuple[str, list[str], str]]:
    """Errors grouped by kind, with a fingerprint of the messages shown: one reason covers the
    findings of a kind as read, and publishing is refused if they have changed since."""
    groups: dict[str, list[str]] = {}
    for finding in findings:
        groups.setdefault(finding.code, []).append(finding.message)
    digests = findings_digest(findings)
    return [(code, messages, digests[code]) for code, messages in groups.items()]


@production_view(Cap.SCHEDULE_VIEW)
def callsheet_detail(request, sheet_pk: int) -> HttpResponse:
    sheet = get_scoped_or_404(
        CallSheet.objects.select_related("scenario", "production"), request, pk=sheet_pk
    )
    try:
        view = sheet_view(sheet)
    except LookupError as exc:
        messages.error(request, str(exc))
        return redirect("callsheets:list", production=request.production.slug)
    can_publish = request.membership.can(Cap.CALLSHEETS_PUBLISH)
    editable = can_publish and not sheet.is_published
    form = CallSheetForm(request.POST or None, instance=sheet) if editable else None
    problems: list[str] = []
    if request.method == "POST" and editable:
        calls, problems = sheet_calls_from_post(request.POST, view)
        if form.is_valid() and not problems:
            services.callsheet_update(
                actor=request.user, sheet=sheet, **form.sheet_fields(), **calls
            )
            messages.success(request, "Call sheet saved.")
            return redirect(
                "callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk
            )
    failed = request.method == "POST" and (problems or (form is not None and form.errors))
    _fill_inputs(view, request.POST if failed else None)
    # The checks describe what is saved: a failed save has put typed values on the form's
    # instance, so they read the sheet afresh.
    if failed:
        saved = CallSheet.objects.select_related("scenario", "production").get(pk=sheet.pk)
        findings = sheet_findings(sheet_view(saved))
    else:
        findings = sheet_findings(view)
    versions = sheet_versions(sheet)
    return render(
        request,
        "callsheets/detail.html",
        {
            "nav": "callsheets",
            "sheet": sheet,
            "view": view,
            "form": form,
            "problems": problems,
            "findings": findings,
            "errors": _by_code(blocking(findings)),
            "versions": versions,
            "can_publish": can_publish,
            "failed": failed,
            "has_weather_provider": weather_provider() is not None,
        },
        status=400 if (form is not None and form.errors) or problems else 200,
    )


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_forecast(request, sheet_pk: int) -> HttpResponse:
    """The weather typed in from the forecast for the location and day (a draft only)."""
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    if sheet.latitude is None or sheet.longitude is None:
        messages.error(request, "Give the location's latitude and longitude first.")
    elif (
        forecast := forecast_for(float(sheet.latitude), float(sheet.longitude), sheet.date)
    ) is None:
        messages.error(request, "No forecast available: type the weather in.")
    else:
        try:
            services.callsheet_update(
                actor=request.user,
                sheet=sheet,
                weather_summary=forecast.summary,
                weather_high=forecast.high,
                weather_low=forecast.low,
            )
        except services.CallSheetError as exc:
            messages.error(request, str(exc))
        else:
            summary = f"{forecast.summary}, {forecast.high}/{forecast.low}"
            messages.success(request, f"Forecast: {summary}.")
    return redirect("callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk)


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_publish(request, sheet_pk: int) -> HttpResponse:
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    overrides = prefixed(request.POST, "override_", limit=300)
    seen = prefixed(request.POST, "seen_", limit=64)
    try:
        sheet = services.callsheet_publish(
            actor=request.user, sheet=sheet, overrides=overrides, seen=seen
        )
    except services.DayNotOnBoard as exc:
        messages.error(request, str(exc))
        return redirect("callsheets:list", production=request.production.slug)
    except services.CallSheetError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Published {sheet}.")
    return redirect("callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk)


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_revise(request, sheet_pk: int) -> HttpResponse:
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    revision = services.callsheet_revise(actor=request.user, sheet=sheet)
    messages.success(request, f"Version {revision.version} is a draft: change it, then publish.")
    return redirect("callsheets:detail", production=request.production.slug, sheet_pk=revision.pk)


@production_view(Cap.SCHEDULE_VIEW)
def callsheet_pdf(request, sheet_pk: int, kind: str) -> HttpResponse:
    sheet = get_scoped_or_404(CallSheet.objects.select_related("scenario"), request, pk=sheet_pk)
    makers = {
        "call-sheet": lambda sent: printing.call_sheet_pdf(sent.document),
        "cover": lambda sent: printing.call_sheet_cover_pdf(sent.document),
        # A draft's sides say DRAFT across every page, as its call sheet does.
        "sides": lambda sent: day_sides(
            sheet.production, sent, watermark="" if sheet.is_published else "DRAFT"
        ),
    }
    if kind not in makers:
        return HttpResponse("No such document.", status=404)
    try:
        pdf = makers[kind](issued(sheet))
    except (RenderError, LookupError) as exc:
        messages.error(request, f"The PDF could not be made: {exc}")
        return redirect("callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk)
    if pdf is None:
        messages.error(request, "None of the day's scenes is in the current script version.")
        return redirect("callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = printing.file_name(
        show=request.production.slug,
        number=sheet.number,
        version=sheet.version,
        draft=not sheet.is_published,
        kind=kind,
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


# --------------------------------------------------------------------------- sending


@production_view(Cap.CALLSHEETS_PUBLISH)
def callsheet_send(request, sheet_pk: int) -> HttpResponse:
    sheet = get_scoped_or_404(CallSheet.objects.select_related("scenario"), request, pk=sheet_pk)
    if not sheet.is_published:
        messages.error(request, services.NOT_PUBLISHED)
        return redirect("callsheets:detail", production=request.production.slug, sheet_pk=sheet.pk)
    groups = list(scoped(DistributionGroup, request))
    members = Membership.objects.filter(production=request.production, is_active=True)
    if request.method == "POST":
        choice = send_choice(request.POST)
        notify = members.filter(user_id=choice.notify).first() if choice.notify else None
        try:
            count, created = services.callsheet_send(
                actor=request.user,
                sheet=sheet,
                groups=[g for g in groups if str(g.pk) in choice.groups],
                notify=notify.user if notify else None,
                key=choice.key,
                message=choice.message,
            )
        except services.CallSheetError as exc:
            messages.error(request, str(exc))
        else:
            if created:
                messages.success(request, f"Sending to {count} people in the background.")
            return redirect(
                "callsheets:status", production=request.production.slug, sheet_pk=sheet.pk
            )
    return render(
        request,
        "callsheets/send.html",
        {
            "nav": "callsheets",
            "sheet": sheet,
            "groups": groups,
            "members": members.select_related("user"),
            "send_key": uuid.uuid4().hex,
        },
    )


def _who_has_it(sheet: CallSheet, params) -> WhoHasIt:
    """The sheet's copies filtered as the page's filters say (``params``: GET or POST)."""
    filters = who_has_it_filters(params)
    return who_has_it(sheet_deliveries(sheet), status=filters.status, department=filters.department)


@production_view(Cap.CALLSHEETS_PUBLISH)
def callsheet_status(request, sheet_pk: int) -> HttpResponse:
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    found = _who_has_it(sheet, request.GET)
    if request.GET.get("format") == "csv":
        return _deliveries_csv(sheet, found.shown)
    for delivery in found.shown:
        delivery.status = delivery_status(delivery)
    filters = {k: v for k, v in (("status", found.status), ("department", found.department)) if v}
    context = {
        "nav": "callsheets",
        "sheet": sheet,
        "found": found,
        "filters": filters,
        "query": urlencode(filters),
        "department_query": urlencode({"department": found.department} if found.department else {}),
        "status_label": STATUS_LABELS.get(found.status, ""),
        "resendable": resendable_count(found.shown),
        "dispatches": list(sheet_dispatches(sheet)),
        "total": found.total,
        "confirmations": confirmations_mode(request.production),
        "confirmation_choices": DistributionSettings.Confirmations.choices,
    }
    template = "callsheets/_status.html" if request.htmx else "callsheets/status.html"
    return render(request, template, context)


def _status_page(request, sheet: CallSheet, params=None):
    """Back to the who-has-it page, with the filters the coordinator was looking at."""
    url = reverse(
        "callsheets:status", kwargs={"production": request.production.slug, "sheet_pk": sheet.pk}
    )
    params = params if params is not None else request.POST
    query = urlencode(who_has_it_filters(params, department_limit=40).query())
    return redirect(f"{url}?{query}" if query else url)


def _deliveries_csv(sheet: CallSheet, deliveries) -> HttpResponse:
    """Who got the call sheet and when: the record a coordinator files or forwards."""
    tz = sheet.production.tzinfo
    rows = [
        [
            d.person.display_name,
            d.person.department.name if d.person.department else d.person.character,
            d.get_channel_display(),
            d.address,
            d.state,
            *[clock.sortable(t, tz) for t in (d.sent_at, d.opened_at, d.confirmed_at)],
            d.error,
        ]
        for d in deliveries
    ]
    response = HttpResponse(
        write_csv(
            [
                "Name",
                "Department / role",
                "Via",
                "Address",
                "Status",
                "Sent",
                "Opened",
                "Confirmed",
                "Problem",
            ],
            rows,
        ),
        content_type="text/csv; charset=utf-8",
    )
    name = f"call-sheet-{sheet.number}-v{sheet.version}-recipients.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_resend(request, sheet_pk: int) -> HttpResponse:
    """Resend to the unconfirmed, or to the set the page's filters show: the same guarded path
    (only copies that did not go out go again)."""
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    found = _who_has_it(sheet, request.POST)
    if found.problem:
        messages.error(
            request, f"{found.problem.removesuffix(': showing everyone.')}: nothing was sent."
        )
        return _status_page(request, sheet, params={})
    filtered = bool(found.status or found.department)
    only = {d.pk for d in found.shown} if filtered else None
    count = sum(
        dispatch_resend(actor=request.user, dispatch=d, only=only) for d in sheet_dispatches(sheet)
    )
    if filtered:
        skipped = len(found.shown) - count
        messages.success(
            request,
            f"Sending again to {count} of the {len(found.shown)} shown, "
            "whose copy did not go out"
            + (
                f"; {skipped} skipped: they have a copy, it is on its way or "
                "in doubt, or they cannot be reached"
                if skipped
                else ""
            )
            + ".",
        )
    else:
        messages.success(
            request,
            f"Sending again to {count} people whose copy did not go out; "
            "nobody who has one, or whose copy is in doubt, gets another.",
        )
    return _status_page(request, sheet)


def _sheet_copy(request, sheet_pk: int, delivery_pk: int) -> tuple[CallSheet, Delivery]:
    """A sheet of this production and one copy of it; 404 for anything else."""
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    delivery = sheet_delivery(sheet, delivery_pk)
    if delivery is None:
        raise Http404("No such copy of this call sheet.")
    return sheet, delivery


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_resend_one(request, sheet_pk: int, delivery_pk: int) -> HttpResponse:
    """One person's copy again, asked for by name (also when it was sent: they lost it)."""
    sheet, delivery = _sheet_copy(request, sheet_pk, delivery_pk)
    try:
        delivery_resend(actor=request.user, delivery=delivery)
    except ResendRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Sending {delivery.person.display_name} the call sheet again.")
    return _status_page(request, sheet)


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def confirmations_setting(request, sheet_pk: int) -> HttpResponse:
    """How the person a send names hears of confirmations, for the whole production."""
    sheet = get_scoped_or_404(CallSheet, request, pk=sheet_pk)
    choice, back = confirmations_choice(request.POST)
    try:
        row = distribution_settings_update(
            actor=request.user, production=request.production, confirmations=choice
        )
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Confirmations: {row.get_confirmations_display().lower()}, "
            "for every send of this production.",
        )
    if back == "send":
        return redirect("callsheets:send", production=request.production.slug, sheet_pk=sheet.pk)
    return _status_page(request, sheet)


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def callsheet_doubt_settle(request, sheet_pk: int, delivery_pk: int) -> HttpResponse:
    """A copy in doubt: the coordinator knows it arrived, or sends it again on purpose."""
    sheet, delivery = _sheet_copy(request, sheet_pk, delivery_pk)
    sent = settle_choice(request.POST)
    if sent is None:
        messages.error(request, "Choose whether it arrived or is to be sent again.")
        return redirect("callsheets:status", production=request.production.slug, sheet_pk=sheet.pk)
    if delivery_doubt_settle(actor=request.user, delivery=delivery, sent=sent):
        done = "marked sent" if sent else "being sent again"
        messages.success(request, f"{delivery.person.display_name}'s copy is {done}.")
    else:
        messages.error(
            request, f"{delivery.person.display_name}'s copy is not in doubt: nothing was changed."
        )
    return redirect("callsheets:status", production=request.production.slug, sheet_pk=sheet.pk)


def _delivery_for(request, token: str):
    try:
        grant = link_grant_resolve(token, purpose=LINK_PURPOSE)
    except LinkInvalid as exc:
        return None, render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)
    delivery = link_delivery(grant)
    if delivery is None:
        return None, render(
            request,
            "core/link_invalid.html",
            {"reason": "This link is not for a call sheet."},
            status=404,
        )
    if employment_ended(delivery.person, delivery.dispatch.production.today()):
        return None, render(request, "core/link_invalid.html", {"reason": JOB_OVER}, status=410)
    return delivery, None


JOB_OVER = "Your job on this production has ended, and its links with it."


def call_sheet_by_link(request, token: str) -> HttpResponse:
    """The recipient's phone page: their call first, the whole sheet below, one tap to confirm."""
    delivery, refusal = _delivery_for(request, token)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        delivery_confirm(delivery=delivery)
        return redirect("call_sheet_by_link", token=token)
    delivery_opened(delivery=delivery)
    sheet = CallSheet.objects.select_related("production", "scenario").get(
        pk=delivery.dispatch.object_id
    )
    latest = latest_published(sheet.scenario, sheet.day_number)
    with timezone.override(sheet.production.tzinfo):
        sent = issued(sheet)
        call = recipient_call(sent, delivery.person)
        newer = latest if latest and latest.version > sheet.version else None
        return render(
            request,
            "callsheets/mobile.html",
            {
                "delivery": delivery,
                "sheet": sheet,
                "doc": sent.document,
                "call": call,
                "token": token,
                "newer": newer,
            },
        )


def call_sheet_pdf_by_link(request, token: str) -> HttpResponse:
    delivery, refusal = _delivery_for(request, token)
    if refusal is not None:
        return refusal
    sheet = CallSheet.objects.select_related("production", "scenario").get(
        pk=delivery.dispatch.object_id
    )
    response = HttpResponse(
        printing.call_sheet_pdf(issued(sheet).document), content_type="application/pdf"
    )
    name = printing.file_name(
        show=sheet.production.slug,
        number=sheet.number,
        version=sheet.version,
        draft=not sheet.is_published,
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@production_view(Cap.CALLSHEETS_PUBLISH)
@require_POST
def calendar_reissue(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person, request, pk=person_pk)
    services.calendar_link_reissue(actor=request.user, person=person)
    messages.success(
        request,
        f"{person.display_name}'s old calendar address stopped working; the "
        "new one reaches them with their next call sheet and on My things.",
    )
    return redirect("people:detail", production=request.production.slug, person_pk=person.pk)


def calls_calendar(request, token: str) -> HttpResponse:
    try:
        grant = link_grant_resolve(token, purpose=CALENDAR_PURPOSE)
    except LinkInvalid as exc:
        return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=410)
    person = Person.objects.filter(pk=grant.subject_id, production=grant.production).first()
    if person is not None and employment_ended(person, grant.production.today()):
        return render(request, "core/link_invalid.html", {"reason": JOB_OVER}, status=410)
    if person is None:
        return render(
            request,
            "core/link_invalid.html",
            {"reason": "This calendar is no longer available."},
            status=404,
        )
    response = HttpResponse(person_calendar(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calls.ics"'
    return response
