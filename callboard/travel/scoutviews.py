"""Scouts under /p/<slug>/travel/scouts/: the list, a scout's page (its stops in order with
the sets and scenes at each, the lunch stop, the vans and who rides in which), the scout
schedule PDF, the send to the attendees, and what the scout found at each stop. The phone page
a signed link opens lives here too (travel.link_urls)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.links import link_token
from callboard.core.params import id_param
from callboard.core.tenancy import production_view
from callboard.distribution.links import delivery_by_link
from callboard.distribution.models import Delivery, Dispatch
from callboard.documents.uploads import MAX_UPLOAD_BYTES
from callboard.locations.models import Location
from callboard.people.models import Person

from . import queries, scoutcal, scoutpdf, scoutsending, services
from .forms import ScoutForm, StopForm
from .models import Scout, ScoutRider, ScoutStop, ScoutVan, SentScout
from .services import TravelError

READ = (Cap.TRAVEL_VIEW, Cap.LOCATIONS_VIEW)
# What the scout found goes into the location: the office or the location manager writes it.
REPORT = (Cap.TRAVEL_MANAGE, Cap.LOCATIONS_MANAGE)


def _scout(request, scout_pk: int) -> Scout:
    return get_object_or_404(queries.live_scouts(request.production), pk=scout_pk)


def _back(request, scout: Scout, anchor: str = "") -> HttpResponse:
    response = redirect("travel:scout", production=request.production.slug, scout_pk=scout.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@production_view(*READ)
def scouts(request) -> HttpResponse:
    production = request.production
    may_plan = request.membership.can(Cap.TRAVEL_MANAGE)
    status = 200
    form = ScoutForm()
    if request.method == "POST":
        if not may_plan:
            return HttpResponse("Your role does not plan scouts.", status=403)
        form = ScoutForm(request.POST)
        if form.is_valid():
            try:
                scout = services.scout_save(
                    actor=request.user, production=production, values=form.cleaned_data
                )
            except TravelError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{scout} planned: add its stops and vans.")
                return _back(request, scout)
        status = 400
    return render(
        request,
        "travel/scouts.html",
        {
            "nav": "travel",
            "scouts": queries.live_scouts(production).prefetch_related("stops__location"),
            "form": form,
            "may_plan": may_plan,
        },
        status=status,
    )


def _scout_page(request, scout: Scout, *, form=None, status=200) -> HttpResponse:
    production = request.production
    may_plan = request.membership.can(Cap.TRAVEL_MANAGE)
    stops = list(scout.stops.select_related("location"))
    sets = queries.stop_sets([s.location_id for s in stops])
    on_route = {s.location_id for s in stops}
    riding = {r.person_id for r in scout.riders.all()}
    sends = Dispatch.objects.filter(
        production=production, kind=scoutsending.KIND, object_id=scout.pk
    ).order_by("-created_at")
    sent = [
        {
            "dispatch": d,
            "deliveries": list(d.deliveries.select_related("person").order_by("person__last_name")),
        }
        for d in sends[:3]
    ]
    return render(
        request,
        "travel/scout.html",
        {
            "nav": "travel",
            "scout": scout,
            "doc": queries.scout_document(scout),
            "form": form or ScoutForm(initial=ScoutForm.initial_for(scout)),
            "stops": [
                {
                    "stop": s,
                    "sets": sets.get(s.location_id, []),
                    "form": StopForm(
                        initial={"arrives": s.arrives, "minutes": s.minutes}, prefix=f"s{s.pk}"
                    ),
                }
                for s in stops
            ],  # fmt: skip
            "unplaced": [s.location.name for s in stops if s.location.latitude is None],
            "locations": Location.objects.active()
            .filter(production=production)
            .exclude(pk__in=on_route),
            "vans": scout.vans.prefetch_related("riders__person"),
            "people": Person.objects.active().filter(production=production).exclude(pk__in=riding),
            "may_plan": may_plan,
            "may_report": any(request.membership.can(c) for c in REPORT),
            "sent": sent,
            "sent_this_version": sends.filter(key=f"scout:{scout.pk}:v{scout.version}").exists(),
        },
        status=status,
    )


@production_view(*READ)
def scout(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    if request.method == "POST":
        if not request.membership.can(Cap.TRAVEL_MANAGE):
            return HttpResponse("Your role does not plan scouts.", status=403)
        form = ScoutForm(request.POST)
        if form.is_valid():
            try:
                services.scout_save(
                    actor=request.user,
                    production=request.production,
                    values=form.cleaned_data,
                    scout=scout,
                )
            except TravelError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Scout saved.")
                return _back(request, scout)
        return _scout_page(request, scout, form=form, status=400)
    return _scout_page(request, scout)


def _run(request, scout: Scout, step, success: str, anchor: str = "") -> HttpResponse:
    """Run a service; its refusal is shown on the page (nothing saved), never a 500."""
    try:
        result = step()
    except TravelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success if not callable(success) else success(result))
    return _back(request, scout, anchor)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_remove(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    services.scout_remove(actor=request.user, scout=scout)
    messages.success(request, f"{scout} removed.")
    return redirect("travel:scouts", production=request.production.slug)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_stop_add(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    location = (
        Location.objects.active()
        .filter(production=request.production, pk=id_param(request.POST.get("location")))
        .first()
    )
    form = StopForm(request.POST)
    if location is None:
        messages.error(request, "Choose one of the production's locations.")
        return _back(request, scout, "stops")
    if not form.is_valid():
        messages.error(request, "Type the arrival as a time (10:30) and the minutes as a number.")
        return _back(request, scout, "stops")
    return _run(
        request,
        scout,
        lambda: services.scout_stop_add(
            actor=request.user,
            scout=scout,
            location=location,
            arrives=form.cleaned_data["arrives"],
            minutes=form.cleaned_data["minutes"],
        ),
        f"{location.name} added as a stop.",
        "stops",
    )


def _stop(scout: Scout, stop_pk: int) -> ScoutStop:
    return get_object_or_404(ScoutStop.objects.select_related("location"), pk=stop_pk, scout=scout)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_stop(request, scout_pk: int, stop_pk: int) -> HttpResponse:
    """Change a stop's time (action=save), move it (up/down) or take it off the route."""
    scout = _scout(request, scout_pk)
    stop = _stop(scout, stop_pk)
    action = request.POST.get("action", "save")
    if action in ("up", "down"):
        return _run(
            request,
            scout,
            lambda: services.scout_stop_move(
                actor=request.user, stop=stop, by=-1 if action == "up" else 1
            ),
            f"{stop.location.name} moved.",
            "stops",
        )
    if action == "remove":
        return _run(
            request,
            scout,
            lambda: services.scout_stop_remove(actor=request.user, stop=stop),
            f"{stop.location.name} is off the route.",
            "stops",
        )
    form = StopForm(request.POST, prefix=f"s{stop.pk}")
    if not form.is_valid():
        messages.error(request, "Type the arrival as a time (10:30) and the minutes as a number.")
        return _back(request, scout, "stops")
    return _run(
        request,
        scout,
        lambda: services.scout_stop_update(actor=request.user, stop=stop, **form.cleaned_data),
        f"{stop.location.name}: time saved.",
        "stops",
    )


@production_view(*REPORT)
@require_POST
def scout_stop_report(request, scout_pk: int, stop_pk: int) -> HttpResponse:
    """Notes and photos from a stop, into the location."""
    scout = _scout(request, scout_pk)
    stop = _stop(scout, stop_pk)
    uploads = request.FILES.getlist("photos")[:20]
    too_big = [f.name for f in uploads if f.size > MAX_UPLOAD_BYTES]
    if too_big:  # refused before anything is read into memory
        messages.error(
            request,
            f"{', '.join(too_big)}: over {MAX_UPLOAD_BYTES // 1024 // 1024} MB. Nothing was "
            "saved; send smaller photos.",
        )
        return _back(request, scout, f"stop-{stop.pk}")
    photos = [(f.name, f.read()) for f in uploads]
    return _run(
        request,
        scout,
        lambda: services.scout_stop_report(
            actor=request.user, stop=stop, notes=request.POST.get("notes", ""), photos=photos
        ),
        f"Saved into {stop.location.name}: its notes and photos have what the scout found.",
        f"stop-{stop.pk}",
    )


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_order(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)

    def said(ordered) -> str:
        text = "Ordered farthest first from the meeting place."
        if ordered.unplaced:
            names = ", ".join(p.name for p in ordered.unplaced)
            text += f" No coordinates for {names}: left at the end of the route."
        return text

    return _run(
        request,
        scout,
        lambda: services.scout_order_farthest_first(actor=request.user, scout=scout),
        said,
        "stops",
    )


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_van_add(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    return _run(
        request,
        scout,
        lambda: services.scout_van_save(
            actor=request.user,
            scout=scout,
            name=request.POST.get("name", ""),
            driver=request.POST.get("driver", ""),
        ),
        "Van added.",
        "vans",
    )


def _van(scout: Scout, van_pk: int) -> ScoutVan:
    return get_object_or_404(ScoutVan, pk=van_pk, scout=scout)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_van_remove(request, scout_pk: int, van_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    van = _van(scout, van_pk)
    return _run(
        request,
        scout,
        lambda: services.scout_van_remove(actor=request.user, van=van),
        f"{van.name} removed.",
        "vans",
    )


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_rider_add(request, scout_pk: int, van_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    van = _van(scout, van_pk)
    person = (
        Person.objects.active()
        .filter(production=request.production, pk=id_param(request.POST.get("person")))
        .first()
    )
    if person is None:
        messages.error(request, "Choose someone on this production.")
        return _back(request, scout, "vans")
    return _run(
        request,
        scout,
        lambda: services.scout_rider_add(actor=request.user, van=van, person=person),
        f"{person.display_name} rides in {van.name}.",
        "vans",
    )


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_rider_remove(request, scout_pk: int, rider_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    rider = get_object_or_404(ScoutRider.objects.select_related("van", "person"), pk=rider_pk,
                              scout=scout)  # fmt: skip
    return _run(
        request,
        scout,
        lambda: services.scout_rider_remove(actor=request.user, rider=rider),
        f"{rider.person.display_name} is out of {rider.van.name}.",
        "vans",
    )


def _pdf_response(scout: Scout, document: dict, version: int) -> HttpResponse:
    name = scoutpdf.file_name(
        show=scout.production.slug, kind=scout.kind, day=scout.date, version=version
    )
    response = HttpResponse(scoutpdf.scout_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@production_view(*READ)
def scout_pdf(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)
    return _pdf_response(scout, queries.scout_document(scout), scout.version)


@production_view(Cap.TRAVEL_MANAGE)
@require_POST
def scout_send(request, scout_pk: int) -> HttpResponse:
    scout = _scout(request, scout_pk)

    def said(result) -> str:
        count, created = result
        if not created:
            return f"Version {scout.version} was already sent; nobody gets it twice."
        return f"Sending the scout schedule to {count} attendee{'s' if count != 1 else ''}."

    return _run(
        request,
        scout,
        lambda: services.scout_send(actor=request.user, scout=scout),
        said,
        "sent",
    )


# --------------------------------------------------------------------------- by link


def _sent_copy(request, token: str):
    """(the delivery, the version it carried, None), or (None, None, the page saying why the
    link does not open): distribution's refusals, and a rider since taken off the scout, whose
    link is withdrawn (it shows nothing of the scout)."""
    delivery, refusal = delivery_by_link(request, token, kind=scoutsending.KIND, what="a scout")
    if refusal is not None:
        return None, None, refusal
    sent = queries.sent_scout(delivery.dispatch)
    if not sent.scout.riders.filter(person_id=delivery.person_id).exists():
        page = render(
            request,
            "travel/scout_withdrawn.html",
            {"delivery": delivery, "production": sent.scout.production},
            status=410,
        )
        return None, None, page
    return delivery, sent, None


def _later(sent: SentScout, person_id: int) -> dict | None:
    """The newest version sent since this one: its number, and the person's link to it when
    they were sent it (else no link)."""
    later = (
        SentScout.objects.filter(scout_id=sent.scout_id, version__gt=sent.version)
        .order_by("-version")
        .first()
    )
    if later is None:
        return None
    delivery = (
        Delivery.objects.filter(
            dispatch_id=later.dispatch_id, person_id=person_id, grant__isnull=False
        )
        .select_related("grant")
        .first()
    )
    return {"version": later.version, "token": link_token(delivery.grant) if delivery else ""}


def _riding_in(document: dict, person_id: int) -> dict | None:
    return next((v for v in document["vans"] if person_id in v["rider_ids"]), None)


def scout_by_link(request, token: str) -> HttpResponse:
    """An attendee's phone page for the version they were sent: the day, their van, the stops
    in order with a map link for each; opening it is tracked and one tap confirms they have
    it. A newer version sent since is said (a tap away when it was sent to them); a removed
    scout says so."""
    from callboard.distribution.services import delivery_confirm, delivery_opened

    delivery, sent, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        delivery_confirm(delivery=delivery)
        return redirect("scout_by_link", token=token)
    delivery_opened(delivery=delivery)
    doc = sent.document
    return render(
        request,
        "travel/scout_by_link.html",
        {
            "delivery": delivery,
            "scout": sent.scout,
            "sent": sent,
            "doc": doc,
            "van": _riding_in(doc, delivery.person_id),
            "token": token,
            "later": _later(sent, delivery.person_id),
        },
    )


def scout_pdf_by_link(request, token: str) -> HttpResponse:
    delivery, sent, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    return _pdf_response(sent.scout, sent.document, sent.version)


def scout_calendar(request, token: str) -> HttpResponse:
    """The scout day as a calendar: the latest version sent to this rider (a calendar that
    subscribed to an earlier send's link follows the revisions)."""
    delivery, sent, refusal = _sent_copy(request, token)
    if refusal is not None:
        return refusal
    latest = (
        SentScout.objects.filter(
            scout_id=sent.scout_id,
            dispatch__deliveries__person_id=delivery.person_id,
        )
        .order_by("-version")
        .first()
    )
    ics = scoutcal.scout_ics(
        latest.document,
        version=latest.version,
        stamp=latest.sent_at,
        van=_riding_in(latest.document, delivery.person_id),
    )
    response = HttpResponse(ics, content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="scout.ics"'
    return response


urlpatterns = [
    path("scouts/", scouts, name="scouts"),
    path("scouts/<int:scout_pk>/", scout, name="scout"),
    path("scouts/<int:scout_pk>/remove/", scout_remove, name="scout_remove"),
    path("scouts/<int:scout_pk>/scout.pdf", scout_pdf, name="scout_pdf"),
    path("scouts/<int:scout_pk>/send/", scout_send, name="scout_send"),
    path("scouts/<int:scout_pk>/order/", scout_order, name="scout_order"),
    path("scouts/<int:scout_pk>/stops/", scout_stop_add, name="scout_stop_add"),
    path("scouts/<int:scout_pk>/stops/<int:stop_pk>/", scout_stop, name="scout_stop"),
    path(
        "scouts/<int:scout_pk>/stops/<int:stop_pk>/report/",
        scout_stop_report,
        name="scout_stop_report",
    ),
    path("scouts/<int:scout_pk>/vans/", scout_van_add, name="scout_van_add"),
    path("scouts/<int:scout_pk>/vans/<int:van_pk>/remove/", scout_van_remove,
         name="scout_van_remove"),
    path("scouts/<int:scout_pk>/vans/<int:van_pk>/riders/", scout_rider_add,
         name="scout_rider_add"),
    path("scouts/<int:scout_pk>/riders/<int:rider_pk>/remove/", scout_rider_remove,
         name="scout_rider_remove"),
]  # fmt: skip
link_urlpatterns = [
    path("scout/<str:token>/", scout_by_link, name="scout_by_link"),
    path("scout/<str:token>/scout.pdf", scout_pdf_by_link, name="scout_pdf_by_link"),
    path("scout/<str:token>/scout.ics", scout_calendar, name="scout_calendar"),
]
