from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.eighths import format_eighths
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.documents.render import RenderError
from callboard.documents.storage import stored_file_response
from callboard.people.queries import employment_ended

from . import queries, services
from .compare import compare_versions
from .errors import ScriptError
from .forms import DistributeForm, ScriptUploadForm
from .models import CopyAccess, ScriptCopy, ScriptVersion
from .sides import Band, SideScene, make_sides


@production_view(Cap.SCRIPTS_VIEW)
def script_list(request) -> HttpResponse:
    production = request.production
    can_import = request.membership.can(Cap.SCRIPTS_MANAGE)
    form = None
    if can_import:
        form = ScriptUploadForm(
            request.POST or None,
            request.FILES or None,
            colours=queries.revision_colours(production),
            initial={
                "colour": queries.next_colour(production),
                "revision_date": production.today(),
            },
        )
    if request.method == "POST" and form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.check_script_size(upload.size, settings.MAX_SCRIPT_BYTES)  # before reading it
            version = services.script_version_import(
                actor=request.user,
                production=production,
                filename=upload.name,
                data=upload.read(),
                colour=form.cleaned_data["colour"],
                revision_date=form.cleaned_data["revision_date"],
                notes=form.cleaned_data["notes"],
                max_bytes=settings.MAX_SCRIPT_BYTES,
            )
        except (ScriptError, RenderError) as exc:
            form.add_error("file", f"{exc} Nothing was imported; the current version is unchanged.")
        else:
            messages.success(request, f"Imported {version}: {version.scenes.count()} scenes.")
            return redirect("scripts:detail", production=production.slug, version_pk=version.pk)
    versions = scoped(ScriptVersion, request).prefetch_related("scenes")
    return render(request, "scripts/script_list.html", {"form": form, "versions": versions})


@production_view(Cap.SCRIPTS_VIEW)
def script_detail(request, version_pk: int) -> HttpResponse:
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    scenes = list(version.scenes.all())
    return render(
        request,
        "scripts/script_detail.html",
        {
            "version": version,
            "scenes": scenes,
            "total": format_eighths(sum(s.eighths for s in scenes)),
        },
    )


# The clean, unwatermarked PDF is for the office; everyone else gets a copy with their name on it.
@production_view(Cap.SCRIPTS_MANAGE)
def script_pdf(request, version_pk: int) -> HttpResponse:
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    name = slugify(version.title) or "script"
    return stored_file_response(
        version.pdf,
        as_attachment=True,
        filename=f"{name}-{slugify(version.colour)}-{version.revision_date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


@production_view(Cap.SCRIPTS_MANAGE)
def script_sides(request, version_pk: int) -> HttpResponse:
    """Sides for chosen scenes of a version, as a PDF download."""
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    wanted = [n for n in request.GET.getlist("scene") if n] or request.GET.get("scenes", "").split(
        ","
    )
    scenes = [SideScene(s.number, [Band(*band) for band in s.bands]) for s in version.scenes.all()]
    with version.pdf.open("rb") as source:
        script_pdf = source.read()
    try:
        pdf = make_sides(
            script_pdf,
            scenes,
            wanted=wanted,
            order="given" if request.GET.get("order") == "given" else "script",
            two_up=request.GET.get("two_up") == "1",
            watermark=text_param(request.GET.get("watermark"), 60),
        )
    except (ScriptError, RenderError) as exc:
        messages.error(request, str(exc))
        return redirect("scripts:detail", production=request.production.slug, version_pk=version.pk)
    numbers = "-".join(n.strip() for n in wanted if n.strip())[:40]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sides-{numbers}.pdf"'
    return response


@production_view(Cap.SCRIPTS_VIEW)
def script_compare(request) -> HttpResponse:
    """Two versions side by side: scenes added, omitted, rewritten, and the pages to send again."""
    versions = scoped(ScriptVersion, request)
    old = versions.filter(pk=id_param(request.GET.get("old"))).first()
    new = versions.filter(pk=id_param(request.GET.get("new"))).first()
    if old is None or new is None:
        messages.error(request, "Choose two versions of this production's script to compare.")
        return redirect("scripts:list", production=request.production.slug)
    comparison = compare_versions(
        [s.facts for s in old.scenes.all()],
        [s.facts for s in new.scenes.all()],
        new_pages=new.page_labels,
    )
    return render(
        request, "scripts/script_compare.html", {"old": old, "new": new, "comparison": comparison}
    )


@production_view(Cap.SCRIPTS_MANAGE)
def script_distribute(request, version_pk: int) -> HttpResponse:
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    form = DistributeForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        try:
            distribution = services.script_distribute(
                actor=request.user,
                version=version,
                people=form.recipients(),
                valid_days=form.cleaned_data["valid_days"],
                message=form.cleaned_data["message"],
            )
        except ScriptError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(
                "scripts:distribution",
                production=request.production.slug,
                version_pk=version.pk,
                distribution_pk=distribution.pk,
            )
    return render(request, "scripts/distribute.html", {"version": version, "form": form})


@production_view(Cap.SCRIPTS_MANAGE)
def script_distribution(request, version_pk: int, distribution_pk: int) -> HttpResponse:
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    distribution = version.distributions.filter(pk=distribution_pk).first()
    if distribution is None:
        raise Http404
    dispatch = queries.distribution_dispatch(distribution)
    copies = queries.distribution_copies(distribution, dispatch)
    context = {
        "version": version,
        "distribution": distribution,
        "sending": dispatch or distribution,
        "copies": copies,
        "made": sum(1 for c in copies if c.made_at),
        "opened": sum(1 for c in copies if c.opens),
        "accesses": CopyAccess.objects.filter(copy__distribution=distribution).select_related(
            "copy__person"
        )[:100],
        "now": timezone.now(),
    }
    template = "scripts/_distribution_status.html" if request.htmx else "scripts/distribution.html"
    return render(request, template, context)


@production_view(Cap.SCRIPTS_MANAGE)
@require_POST
def script_copy_revoke(request, version_pk: int, copy_pk: int) -> HttpResponse:
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    copy = ScriptCopy.objects.filter(pk=copy_pk, distribution__version=version).first()
    if copy is None:
        raise Http404
    services.script_copy_revoke(actor=request.user, copy=copy)
    messages.success(request, f"{copy.person}'s link no longer works.")
    return redirect(
        "scripts:distribution",
        production=request.production.slug,
        version_pk=version.pk,
        distribution_pk=copy.distribution_id,
    )


def script_copy_by_link(request, token: str) -> HttpResponse:
    """A recipient opens their own watermarked copy; every opening is logged."""
    try:
        grant = link_grant_resolve(token, purpose=services.COPY_LINK)
    except LinkInvalid as exc:
        return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=404)
    copy = (
        ScriptCopy.objects.filter(grant=grant)
        .select_related("distribution__version", "person")
        .first()
    )
    if copy is not None and employment_ended(copy.person, grant.production.today()):
        return render(
            request,
            "core/link_invalid.html",
            {"reason": "Your job on this production has ended, and its links with it."},
            status=410,
        )
    if copy is None or not copy.made_at:
        return render(
            request,
            "core/link_invalid.html",
            {"reason": "Your copy is still being prepared. Try again in a minute."},
            status=404,
        )
    services.script_copy_opened(
        copy=copy,
        ip=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    response = stored_file_response(copy.pdf, content_type="application/pdf", filename="script.pdf")
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@production_view(Cap.SCRIPTS_MANAGE)
@require_POST
def script_lock(request, version_pk: int) -> HttpResponse:
    version = get_scoped_or_404(ScriptVersion, request, pk=version_pk)
    services.script_version_lock(actor=request.user, version=version)
    messages.success(request, "Scene numbers are locked: later drafts keep them.")
    return redirect("scripts:detail", production=request.production.slug, version_pk=version.pk)
