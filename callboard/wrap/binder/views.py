"""The wrap binder's page: choose an edition and its sections, build it (the worker does; the
page shows the progress), download earlier builds, and file the releases no app makes."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.tenancy import get_scoped_or_404, production_view
from callboard.documents.storage import stored_file_response

from ..models import Binder, WrapDocument
from . import queries, services
from .forms import WrapDocumentForm
from .services import MAX_DOCUMENT_BYTES, BinderError


def _page_url(request, edition: str = "") -> str:
    url = f"/p/{request.production.slug}/wrap/binder/"
    return f"{url}?edition={edition}" if edition else url


def _refused(request, reason: str) -> HttpResponse:
    return render(request, "wrap/binder_refused.html", {"reason": reason}, status=403)


@production_view(Cap.WRAP_MANAGE)
def binder_page(request) -> HttpResponse:
    edition = request.GET.get("edition", Binder.Edition.STUDIO)
    if edition not in Binder.Edition.values:
        edition = Binder.Edition.STUDIO
    membership = request.membership
    builds = [(b, queries.may_read(membership, b)) for b in queries.binders(request.production)]
    return render(
        request,
        "wrap/binder.html",
        {
            "editions": Binder.Edition.choices,
            "edition": edition,
            "may_build": queries.may_build(membership, edition),
            "choices": queries.edition_choices(membership, edition),
            "builds": builds,
            "documents": queries.wrap_documents(request.production),
            "form": WrapDocumentForm(),
        },
    )


@production_view(Cap.WRAP_MANAGE)
@require_POST
def binder_build(request) -> HttpResponse:
    edition = request.POST.get("edition", "")
    if edition in Binder.Edition.values and not queries.may_build(request.membership, edition):
        return _refused(
            request,
            "Only payroll may build the payroll edition: it holds the signed start packets.",
        )
    try:
        binder = services.binder_request(
            production=request.production,
            membership=request.membership,
            actor=request.user,
            edition=edition,
            sections=request.POST.getlist("sections"),
        )
    except BinderError as exc:
        messages.error(request, str(exc))
        return redirect(_page_url(request, edition))
    messages.success(request, f"The {binder.get_edition_display().lower()} binder is being built.")
    return redirect(_page_url(request, edition))


@production_view(Cap.WRAP_MANAGE)
def binder_progress(request, binder_pk: int) -> HttpResponse:
    binder = get_scoped_or_404(Binder.objects.select_related("built_by"), request, pk=binder_pk)
    return render(
        request,
        "wrap/binder_row.html",
        {"binder": binder, "readable": queries.may_read(request.membership, binder)},
    )


@production_view(Cap.WRAP_MANAGE)
def binder_file(request, binder_pk: int, fmt: str) -> HttpResponse:
    binder = get_scoped_or_404(Binder, request, pk=binder_pk)
    if not queries.may_read(request.membership, binder):
        return _refused(
            request,
            "This binder holds what your role does not read (the payroll edition holds the "
            "signed start packets).",
        )
    field = {"pdf": binder.pdf, "zip": binder.zip}.get(fmt)
    if field is None or binder.status != Binder.Status.DONE:
        raise Http404("No such file.")
    stem = f"{request.production.slug}-wrap-binder-{binder.edition}-{binder.pk}"
    return stored_file_response(
        field,
        as_attachment=True,
        filename=f"{stem}.{fmt}",
        content_type="application/pdf" if fmt == "pdf" else "application/zip",
    )


@production_view(Cap.WRAP_MANAGE)
@require_POST
def wrap_document_add(request) -> HttpResponse:
    form = WrapDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, f"Nothing was filed. {problems}")
        return redirect(_page_url(request))
    upload = form.cleaned_data["file"]
    if upload.size > MAX_DOCUMENT_BYTES:
        messages.error(
            request, f"The file is {upload.size // 1024 // 1024} MB; up to 25 MB is taken."
        )
        return redirect(_page_url(request))
    try:
        document = services.wrap_document_add(
            production=request.production,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            name=upload.name,
            data=upload.read(),
        )
    except BinderError as exc:
        messages.error(request, f"Nothing was filed: {exc}")
        return redirect(_page_url(request))
    messages.success(request, f"{document} is on file for the binder.")
    return redirect(_page_url(request))


@production_view(Cap.WRAP_MANAGE)
def wrap_document_file(request, wrap_document_pk: int) -> HttpResponse:
    document = get_scoped_or_404(WrapDocument, request, pk=wrap_document_pk)
    return stored_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )
