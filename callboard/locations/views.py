"""Locations under /p/<slug>/locations/: the list (and its exports), the sets with their
priced candidates, and a location's own page (its facts, status, documents and permits)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.documents import tabular, xlsx
from callboard.documents.storage import stored_file_response
from callboard.documents.uploads import MAX_UPLOAD_BYTES
from callboard.schedule.models import Element

from . import forms, queries, services
from .coordinates import format_coordinates
from .models import Candidate, Location, LocationDocument, Permit

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_HEADERS = [
    "Location",
    "Status",
    "Sets",
    "Address",
    "Coordinates",
    "Contact",
    "Contact phone",
    "Owner",
    "Permit dates",
    "Insurance",
    "Nearest hospital",
]


def _location(request, location_pk: int) -> Location:
    return get_scoped_or_404(Location.objects.active(), request, pk=location_pk)


def _list_page(request, problems=(), posted=None) -> HttpResponse:
    production = request.production
    return render(
        request,
        "locations/list.html",
        {
            "nav": "locations",
            "rows": queries.location_rows(production, production.today()),
            "can_manage": request.membership.can(Cap.LOCATIONS_MANAGE),
            "problems": problems,
            "posted": posted,
        },
        status=400 if problems else 200,
    )


@production_view(Cap.LOCATIONS_VIEW)
def location_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def location_create(request: HttpRequest) -> HttpResponse:
    try:
        typed = forms.read(forms.LocationForm, request.POST)
        location = services.location_create(
            actor=request.user,
            production=request.production,
            **forms.LocationForm.service_fields(typed),
        )
    except services.LocationError as exc:
        return _list_page(request, problems=exc.problems, posted=request.POST)
    messages.success(request, f"{location.name} added: it needs scouting.")
    return redirect("locations:detail", production=request.production.slug, location_pk=location.pk)


@production_view(Cap.LOCATIONS_VIEW)
def location_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404("No such export.")
    production = request.production
    rows = [
        [
            row.location.name,
            row.location.get_status_display(),
            ", ".join(row.sets),
            row.location.address,
            format_coordinates(row.location.latitude, row.location.longitude),
            row.location.contact_name,
            row.location.contact_phone,
            row.location.owner,
            row.permit_dates,
            row.coi[1],
            row.location.hospital_name,
        ]
        for row in queries.location_rows(production, production.today())
    ]
    content = (
        tabular.write_csv(EXPORT_HEADERS, rows)
        if fmt == "csv"
        else xlsx.write_xlsx(
            EXPORT_HEADERS, rows, sheet_title="Locations", title=f"{production.title} — locations"
        )
    )
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(production.title)}-locations.{fmt}"'
    )
    return response


@production_view(Cap.LOCATIONS_VIEW)
def set_candidates(request: HttpRequest) -> HttpResponse:
    """Each schedule set with the locations considered for it, their prices and the choice."""
    return render(
        request,
        "locations/sets.html",
        {
            "nav": "locations",
            "sets": queries.schedule_sets(request.production),
            "can_manage": request.membership.can(Cap.LOCATIONS_MANAGE),
        },
    )


def _detail_page(request, location: Location, problems=(), posted=None) -> HttpResponse:
    live_documents = location.documents.filter(deleted_at__isnull=True)
    return render(
        request,
        "locations/detail.html",
        {
            "nav": "locations",
            "location": location,
            "coordinates": format_coordinates(location.latitude, location.longitude),
            "next_statuses": [
                Location.Status(s)
                for s in Location.Status.values
                if s in services.NEXT_STATUSES[location.status]
            ],
            "photos": [d for d in live_documents if d.kind == LocationDocument.Kind.PHOTO],
            "documents": [d for d in live_documents if d.kind != LocationDocument.Kind.PHOTO],
            "document_kinds": LocationDocument.Kind.choices,
            "permits": location.permits.filter(deleted_at__isnull=True),
            "candidates": location.candidates.select_related("element"),
            "sets": queries.schedule_sets(request.production),
            "can_manage": request.membership.can(Cap.LOCATIONS_MANAGE),
            "problems": problems,
            "posted": posted,
        },
        status=400 if problems else 200,
    )


@production_view(Cap.LOCATIONS_VIEW)
def location_detail(request: HttpRequest, location_pk: int) -> HttpResponse:
    """The location's page; a manager's post saves its facts."""
    location = _location(request, location_pk)
    if request.method != "POST":
        return _detail_page(request, location)
    if not request.membership.can(Cap.LOCATIONS_MANAGE):
        raise PermissionDenied("Your role does not allow editing locations.")
    try:
        typed = forms.read(forms.LocationForm, request.POST)
        services.location_update(
            actor=request.user, location=location, **forms.LocationForm.service_fields(typed)
        )
    except services.LocationError as exc:
        return _detail_page(request, location, problems=exc.problems, posted=request.POST)
    messages.success(request, f"{location.name}: saved.")
    return redirect("locations:detail", production=request.production.slug, location_pk=location.pk)


def _back(request, location: Location) -> HttpResponse:
    return redirect("locations:detail", production=request.production.slug, location_pk=location.pk)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def location_status(request: HttpRequest, location_pk: int) -> HttpResponse:
    location = _location(request, location_pk)
    try:
        typed = forms.read(forms.StatusForm, request.POST)
        location = services.location_status_set(
            actor=request.user, location=location, status=typed["status"]
        )
    except services.LocationError as exc:
        return _detail_page(request, location, problems=exc.problems)
    messages.success(request, f"{location.name} is {location.get_status_display().lower()}.")
    return _back(request, location)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def location_remove(request: HttpRequest, location_pk: int) -> HttpResponse:
    location = _location(request, location_pk)
    services.location_remove(actor=request.user, location=location)
    messages.success(request, f"{location.name} removed.")
    return redirect("locations:list", production=request.production.slug)


def _upload(request, name: str) -> tuple[str, bytes] | None:
    """The posted file as (name, bytes), refused before reading when it is too big."""
    upload = request.FILES.get(name)
    if upload is None:
        return None
    if upload.size > MAX_UPLOAD_BYTES:
        raise services.LocationError(
            f"The file is over {MAX_UPLOAD_BYTES // 1024 // 1024} MB: send a smaller one."
        )
    return upload.name, upload.read()


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def document_add(request: HttpRequest, location_pk: int) -> HttpResponse:
    location = _location(request, location_pk)
    try:
        typed = forms.read(forms.DocumentForm, request.POST)
        upload = _upload(request, "file")
        if upload is None:
            raise services.LocationError("Choose the file to upload.")
        services.document_add(
            actor=request.user,
            location=location,
            kind=typed["kind"],
            filename=upload[0],
            data=upload[1],
            title=typed["title"],
            starts=typed["starts"],
            ends=typed["ends"],
        )
    except services.LocationError as exc:
        return _detail_page(request, location, problems=exc.problems)
    messages.success(request, f"{location.name}: document added.")
    return _back(request, location)


def _document(request, location_pk: int, document_pk: int) -> LocationDocument:
    location = _location(request, location_pk)
    document = location.documents.filter(pk=document_pk, deleted_at__isnull=True).first()
    if document is None:
        raise Http404("No such document.")
    return document


@production_view(Cap.LOCATIONS_VIEW)
def document_file(request: HttpRequest, location_pk: int, document_pk: int) -> HttpResponse:
    document = _document(request, location_pk, document_pk)
    return stored_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def document_remove(request: HttpRequest, location_pk: int, document_pk: int) -> HttpResponse:
    document = _document(request, location_pk, document_pk)
    services.document_remove(actor=request.user, document=document)
    messages.success(request, f"{document.original_name} removed.")
    return _back(request, document.location)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def permit_add(request: HttpRequest, location_pk: int) -> HttpResponse:
    location = _location(request, location_pk)
    try:
        typed = forms.read(forms.PermitForm, request.POST)
        services.permit_add(
            actor=request.user, location=location, pdf=_upload(request, "pdf"), **typed
        )
    except services.LocationError as exc:
        return _detail_page(request, location, problems=exc.problems)
    messages.success(request, f"{location.name}: permit added.")
    return _back(request, location)


def _permit(request, location_pk: int, permit_pk: int) -> Permit:
    location = _location(request, location_pk)
    permit = location.permits.filter(pk=permit_pk, deleted_at__isnull=True).first()
    if permit is None:
        raise Http404("No such permit.")
    return permit


@production_view(Cap.LOCATIONS_VIEW)
def permit_pdf(request: HttpRequest, location_pk: int, permit_pk: int) -> HttpResponse:
    permit = _permit(request, location_pk, permit_pk)
    filename = f"permit-{slugify(permit.number) or permit.pk}.pdf"
    return stored_file_response(permit.pdf, filename=filename, content_type=services.PDF)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def permit_remove(request: HttpRequest, location_pk: int, permit_pk: int) -> HttpResponse:
    permit = _permit(request, location_pk, permit_pk)
    services.permit_remove(actor=request.user, permit=permit)
    messages.success(request, "Permit removed.")
    return _back(request, permit.location)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def candidate_add(request: HttpRequest, location_pk: int) -> HttpResponse:
    location = _location(request, location_pk)
    try:
        typed = forms.read(forms.CandidateForm, request.POST)
        element = (
            Element.objects.filter(production=request.production, pk=typed["element"])
            .select_related("category")
            .first()
        )
        if element is None:
            raise services.LocationError("Choose one of this production's sets.")
        services.candidate_add(
            actor=request.user,
            location=location,
            element=element,
            price=typed["price"],
            price_note=typed["price_note"],
        )
    except services.LocationError as exc:
        return _detail_page(request, location, problems=exc.problems)
    messages.success(request, f"{location.name} is a candidate for {element.name}.")
    return _back(request, location)


def _candidate(request, candidate_pk: int) -> Candidate:
    return get_scoped_or_404(
        Candidate.objects.select_related("location", "element").filter(
            location__deleted_at__isnull=True
        ),
        request,
        pk=candidate_pk,
    )


def _after_candidate(request) -> HttpResponse | None:
    """Back to where the button was: the sets page or the location's page."""
    if request.POST.get("next") == "sets":
        return redirect("locations:sets", production=request.production.slug)
    return None


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def candidate_choose(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    candidate = _candidate(request, candidate_pk)
    try:
        services.candidate_choose(actor=request.user, candidate=candidate)
    except services.LocationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{candidate.location} chosen for {candidate.element.name}.")
    return _after_candidate(request) or _back(request, candidate.location)


@production_view(Cap.LOCATIONS_MANAGE)
@require_POST
def candidate_remove(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    candidate = _candidate(request, candidate_pk)
    services.candidate_remove(actor=request.user, candidate=candidate)
    messages.success(
        request, f"{candidate.location} is no longer a candidate for {candidate.element.name}."
    )
    return _after_candidate(request) or _back(request, candidate.location)
