import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.links import LinkInvalid, link_grant_resolve
from callboard.core.models import AuditEvent, LinkGrant, Membership
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.distribution.services import link_opened
from callboard.documents import tabular, xlsx
from callboard.documents.render import RenderError, render_pdf

from . import services
from .columns import can_see, people_vcards, person_columns, person_row
from .forms import (
    DepartmentForm,
    DepartmentMoveForm,
    GroupForm,
    ImportReviewForm,
    ImportUploadForm,
    PersonAccountForm,
    PersonForm,
    PersonSelfForm,
    VendorContactFormSet,
    VendorForm,
)
from .importing import import_columns, import_review, mapping_from_post
from .mapping import FULL_NAME, FieldSpec
from .models import Department, DistributionGroup, ImportBatch, Person, Vendor
from .panels import person_panels
from .printing import (
    CONTACT_SHEET_TEMPLATE,
    CREW_LIST_TEMPLATE,
    VENDOR_EXPORT_COLUMNS,
    contact_sheet_data,
    crew_list_data,
    vendor_summary,
)
from .queries import PeopleFilter, group_by_department, missing_choices, people_filtered

# Optional crew-list PDF columns (the typst template knows them): union and local, start date.
PDF_EXTRA_COLUMNS = ("union", "start")
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
    "pdf": "application/pdf",
}


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(request) -> str:
    return request.production.slug


def _as_dict(table: tabular.Table) -> dict:
    """The table as the batch stores it (JSON): dataclasses.asdict without its deep copy."""
    return {field.name: getattr(table, field.name) for field in dataclasses.fields(table)}


def _rate_text(person) -> str:
    """'$1,250.00/day', as the list shows a rate."""
    if person.rate is None:
        return ""
    cents = Decimal(person.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # as floatformat
    return f"${cents:,.2f}" + (f"/{person.rate_unit}" if person.rate_unit else "")


def _dates_text(person) -> str:
    """'Mar 2 – Apr 10': start and end as the list shows them."""

    def short(day):
        return f"{day:%b} {day.day}" if day else ""

    end = f" – {short(person.end_date)}" if person.end_date else ""
    return short(person.start_date) + end


@production_view(Cap.PEOPLE_VIEW)
def people_list(request) -> HttpResponse:
    filters = PeopleFilter.from_params(request.GET, membership=request.membership)
    departments = list(Department.objects.filter(production=request.production))
    people = list(
        people_filtered(
            production=request.production, filters=filters, today=request.production.today()
        )
    )
    show_rates = request.membership.can(Cap.PEOPLE_RATES)
    for person in people:
        # Shown once per row of up to hundreds: formatted here, not by template filters.
        person.rate_text = _rate_text(person) if show_rates else ""
        person.dates_text = _dates_text(person)
    context = {
        "filters": filters,
        "departments": departments,
        "people": people,
        "groups": group_by_department(people) if filters.kind == Person.Kind.CREW else [],
        "statuses": Person.Status.choices,
        "unions": list(
            Person.objects.active()
            .filter(production=request.production, kind=filters.kind)
            .exclude(union="")
            .order_by("union")
            .values_list("union", flat=True)
            .distinct()
        ),
        "missing_choices": missing_choices(request.membership, filters.kind),
        "export_query": urlencode(filters.as_query()),
        "described": filters.describe(departments),
        "show_rates": show_rates,
    }
    template = "people/_people_results.html" if request.htmx else "people/people_list.html"
    return render(request, template, context)


@production_view(Cap.PEOPLE_VIEW)
def person_detail(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person, request, pk=person_pk)
    if person.deleted_at and not request.membership.can(Cap.PEOPLE_EDIT):
        raise Http404
    history = (
        AuditEvent.objects.filter(
            production=request.production, object_type="person", object_id=person.pk
        )[:20]
        if request.membership.can(Cap.AUDIT_VIEW)
        else []
    )
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "history": history,
            "groups": person.distribution_groups.all(),
            "panels": person_panels(request, person),
            "details_link_days": services.DETAILS_LINK_DAYS,
            "now_utc": timezone.now(),
            "details_links": LinkGrant.objects.filter(
                production=request.production,
                purpose=services.DETAILS_LINK,
                subject_type="people.person",
                subject_id=person.pk,
            ).order_by("-created_at")[:5],
            "show_private": request.membership.can(Cap.PEOPLE_PRIVATE),
            "show_rates": request.membership.can(Cap.PEOPLE_RATES),
            "members": Membership.objects.filter(production=request.production, is_active=True)
            .select_related("user")
            .order_by("user__name", "user__email")
            if request.membership.can(Cap.MEMBERS_MANAGE)
            else [],
        },
    )


@production_view(Cap.MEMBERS_MANAGE)
@require_POST
def person_account(request, person_pk: int) -> HttpResponse:
    """Say which login is this person (their own cards and packets are theirs, never theirs
    to approve)."""
    person = get_scoped_or_404(Person.objects.active(), request, pk=person_pk)
    form = PersonAccountForm(request.POST)
    wanted = form.cleaned_data["user"] if form.is_valid() else None
    member = Membership.objects.filter(production=request.production, user_id=wanted).first()
    if wanted and member is None:
        raise Http404("Not a member of this production.")
    services.person_account_link(
        actor=request.user, person=person, user=member.user if member else None
    )
    messages.success(
        request,
        f"{person.display_name} is now linked to {member.user}."
        if member
        else f"{person.display_name} is no longer linked to a login.",
    )
    return redirect("people:detail", production=request.production.slug, person_pk=person.pk)


def _person_form_page(request, person: Person | None) -> HttpResponse:
    initial = {"kind": request.GET.get("kind", Person.Kind.CREW)}
    if department := id_param(request.GET.get("department")):
        initial["department"] = department
    form = PersonForm(
        request.POST or None,
        instance=person,
        initial=initial,
        production=request.production,
        membership=request.membership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                saved = services.person_create(
                    actor=request.user, production=request.production, **form.service_fields()
                )
                messages.success(
                    request, f"{saved} added to the {saved.get_kind_display().lower()} list."
                )
            else:
                saved = services.person_update(
                    actor=request.user,
                    person=Person.objects.get(pk=person.pk),
                    **form.service_fields(),
                )
                messages.success(request, f"{saved} saved.")
        except (ValidationError, IntegrityError) as exc:
            form.add_error(
                None,
                getattr(exc, "messages", None)
                or "This conflicts with someone already on the list.",
            )
        else:
            if "add_another" in request.POST:
                return redirect(
                    f"{request.path}?kind={saved.kind}&department={saved.department_id or ''}"
                )
            return redirect("people:detail", production=_slug(request), person_pk=saved.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@production_view(Cap.PEOPLE_EDIT)
def person_create(request) -> HttpResponse:
    return _person_form_page(request, None)


@production_view(Cap.PEOPLE_EDIT)
def person_edit(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person.objects.active(), request, pk=person_pk)
    return _person_form_page(request, person)


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def person_delete(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person.objects.active(), request, pk=person_pk)
    services.person_delete(actor=request.user, person=person)
    messages.success(
        request, f"{person} removed from the list. You can restore them from Removed people."
    )
    return redirect(f"/p/{_slug(request)}/people/?kind={person.kind}")


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def person_restore(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(
        Person.objects.filter(deleted_at__isnull=False), request, pk=person_pk
    )
    try:
        services.person_restore(actor=request.user, person=person)
    except ValidationError as exc:
        messages.error(request, f"{person} cannot be restored: {' '.join(exc.messages)}")
        return redirect("people:removed", production=_slug(request))
    messages.success(request, f"{person} is back on the list.")
    return redirect("people:detail", production=_slug(request), person_pk=person.pk)


@production_view(Cap.PEOPLE_EDIT)
def people_removed(request) -> HttpResponse:
    people = (
        scoped(Person, request)
        .filter(deleted_at__isnull=False)
        .select_related("department")
        .order_by("-deleted_at")
    )
    return render(request, "people/people_removed.html", {"people": people})


@production_view(Cap.PEOPLE_EXPORT)
def people_export(request, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    filters = PeopleFilter.from_params(request.GET, membership=request.membership)
    production = request.production
    people = people_filtered(production=production, filters=filters, today=production.today())
    if fmt == "pdf":
        departments = Department.objects.filter(production=production)
        data = crew_list_data(
            production=production,
            crew=people if filters.kind == Person.Kind.CREW else [],
            cast=people if filters.kind == Person.Kind.CAST else [],
            subtitle=filters.describe(departments),
            columns=[c for c in request.GET.getlist("columns") if c in PDF_EXTRA_COLUMNS],
            cast_contacts=request.membership.can(Cap.PEOPLE_PRIVATE),
        )
        try:
            content = render_pdf(CREW_LIST_TEMPLATE, data)
        except RenderError as exc:
            messages.error(request, f"The PDF could not be made: {exc}")
            return redirect(f"/p/{production.slug}/people/?{urlencode(filters.as_query())}")
    elif fmt == "vcf":
        content = people_vcards(people, production=production, membership=request.membership)
    else:
        columns = person_columns(kind=filters.kind, membership=request.membership)
        headers, rows = [spec.label for spec in columns], [person_row(p, columns) for p in people]
        content = (
            tabular.write_csv(headers, rows)
            if fmt == "csv"
            else xlsx.write_xlsx(
                headers,
                rows,
                sheet_title=f"{filters.kind.title()} list",
                title=f"{production.title} — {filters.kind} list",
            )
        )
    detail = "-detailed" if fmt == "pdf" and request.GET.getlist("columns") else ""
    filename = f"{slugify(production.title)}-{filters.kind}-list{detail}.{fmt}"
    return _download(content, filename, EXPORT_TYPES[fmt])


@production_view(Cap.PEOPLE_EXPORT)
def contact_sheet(request) -> HttpResponse:
    try:
        content = render_pdf(
            CONTACT_SHEET_TEMPLATE, contact_sheet_data(production=request.production)
        )
    except RenderError as exc:
        messages.error(request, f"The PDF could not be made: {exc}")
        return redirect("production_home", production=_slug(request))
    return _download(
        content, f"{slugify(request.production.title)}-contact-sheet.pdf", EXPORT_TYPES["pdf"]
    )


@production_view(Cap.PEOPLE_IMPORT)
def import_start(request) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if too_big := tabular.size_problem(upload.size, settings.MAX_IMPORT_BYTES):
            problems = [f"{too_big} Nothing was imported."]
        else:
            content = upload.read()
            try:
                table = tabular.read_table(
                    upload.name, content, max_bytes=settings.MAX_IMPORT_BYTES
                )
            except tabular.TableError as exc:
                problems = exc.problems
            else:
                batch = services.import_upload(
                    actor=request.user,
                    production=request.production,
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    table=_as_dict(table),
                )
                return redirect(
                    "people:import_review", production=_slug(request), import_pk=batch.pk
                )
    recent = scoped(ImportBatch, request).defer("table")[:10]
    return render(
        request, "people/import_start.html", {"form": form, "problems": problems, "recent": recent}
    )


@production_view(Cap.PEOPLE_IMPORT)
def import_review_page(request, import_pk: int) -> HttpResponse:
    batch = get_scoped_or_404(ImportBatch, request, pk=import_pk)
    if batch.status != ImportBatch.Status.PENDING:
        messages.info(
            request, f"{batch.filename} was already {batch.get_status_display().lower()}."
        )
        return redirect("people:import", production=_slug(request))
    if request.method != "POST":
        review = import_review(batch=batch, membership=request.membership)
    else:
        # Checking the rows is the costly part: only against the mapping just chosen.
        columns, table = import_columns(batch=batch, membership=request.membership)
        mapping = mapping_from_post(request.POST, columns, table)
        services.import_mapping_save(batch=batch, mapping=mapping)
        review = import_review(batch=batch, membership=request.membership, mapping=mapping)
        if ImportReviewForm(request.POST).commit:
            if review.ok:
                try:
                    count = services.import_commit(
                        actor=request.user, batch=batch, rows=review.rows
                    )
                except services.ImportAlreadyDone as exc:
                    messages.info(request, str(exc))
                    return redirect("people:import", production=_slug(request))
                except (ValidationError, IntegrityError):
                    # The rows were checked a moment ago; someone may have changed the list since.
                    messages.error(
                        request,
                        "Nothing was imported: the list changed while you were reviewing. "
                        "Check the rows again.",
                    )
                    return redirect(request.path)
                messages.success(request, f"Imported {count} people from {batch.filename}.")
                return redirect(f"/p/{_slug(request)}/people/?kind={batch.kind}")
            messages.error(
                request,
                "Nothing was imported: fix the rows listed below and upload the file again.",
            )
    header_options = list(enumerate(review.table.headers))
    mapping_rows = [
        (spec, review.mapping.get(spec.name))
        for spec in [FieldSpec(FULL_NAME, "Full name (split)"), *review.columns]
    ]
    preview = list(zip(review.table.row_numbers, review.table.rows, strict=True))[:15]
    return render(
        request,
        "people/import_review.html",
        {
            "batch": batch,
            "review": review,
            "header_options": header_options,
            "mapping_rows": mapping_rows,
            "preview": preview,
            "row_errors": review.row_errors[:200],
            "error_rows": {error.row for error in review.row_errors},
        },
    )


@production_view(Cap.PEOPLE_IMPORT)
@require_POST
def import_discard(request, import_pk: int) -> HttpResponse:
    batch = get_scoped_or_404(ImportBatch, request, pk=import_pk, status=ImportBatch.Status.PENDING)
    services.import_discard(actor=request.user, batch=batch)
    messages.info(request, f"{batch.filename} discarded; nothing was imported.")
    return redirect("people:import", production=_slug(request))


@production_view(Cap.PEOPLE_EDIT)
def departments(request) -> HttpResponse:
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_create(
                actor=request.user, production=request.production, name=form.cleaned_data["name"]
            )
        except ValidationError:
            form.add_error("name", "There is already a department with this name.")
        else:
            messages.success(request, f"{form.cleaned_data['name']} added.")
            return redirect("people:departments", production=_slug(request))
    rows = scoped(Department, request).annotate(
        active=Count("people", filter=Q(people__deleted_at__isnull=True))
    )
    return render(request, "people/departments.html", {"form": form, "rows": rows})


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def department_rename(request, department_pk: int) -> HttpResponse:
    department = get_scoped_or_404(Department, request, pk=department_pk)
    form = DepartmentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Give the department a name.")
        services.department_rename(
            actor=request.user, department=department, name=form.cleaned_data["name"]
        )
    except ValidationError:
        messages.error(request, "That name is empty or already used by another department.")
    return redirect("people:departments", production=_slug(request))


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def department_move(request, department_pk: int) -> HttpResponse:
    department = get_scoped_or_404(Department, request, pk=department_pk)
    form = DepartmentMoveForm(request.POST)
    if form.is_valid():
        services.department_move(actor=request.user, department=department, offset=form.offset)
    return redirect("people:departments", production=_slug(request))


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def department_delete(request, department_pk: int) -> HttpResponse:
    department = get_scoped_or_404(Department, request, pk=department_pk)
    try:
        services.department_delete(actor=request.user, department=department)
    except services.DepartmentInUse as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{department.name} removed.")
    return redirect("people:departments", production=_slug(request))


@production_view(Cap.VENDORS_VIEW)
def vendor_list(request) -> HttpResponse:
    vendors = (
        Vendor.objects.active()
        .filter(production=request.production)
        .prefetch_related("categories", "contacts")
    )
    q = text_param(request.GET.get("q"))
    if q:
        vendors = vendors.filter(
            Q(name__icontains=q) | Q(categories__name__icontains=q) | Q(contacts__name__icontains=q)
        ).distinct()
    category = id_param(request.GET.get("category"))
    if category:
        vendors = vendors.filter(categories=category)
    categories = request.production.vendor_categories.all()
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx") and request.membership.can(Cap.PEOPLE_EXPORT):
        headers = [label for label, _ in VENDOR_EXPORT_COLUMNS]
        rows = [
            [summary[key] for _, key in VENDOR_EXPORT_COLUMNS]
            for summary in map(vendor_summary, vendors)
        ]
        content = (
            tabular.write_csv(headers, rows)
            if fmt == "csv"
            else xlsx.write_xlsx(
                headers, rows, sheet_title="Vendors", title=f"{request.production.title} — vendors"
            )
        )
        return _download(
            content, f"{slugify(request.production.title)}-vendors.{fmt}", EXPORT_TYPES[fmt]
        )
    template = "people/_vendor_results.html" if request.htmx else "people/vendor_list.html"
    return render(
        request,
        template,
        {"vendors": vendors, "categories": categories, "q": q, "category": category},
    )


@production_view(Cap.VENDORS_VIEW)
def vendor_detail(request, vendor_pk: int) -> HttpResponse:
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    return render(request, "people/vendor_detail.html", {"vendor": vendor})


def _vendor_form_page(request, vendor: Vendor | None) -> HttpResponse:
    form = VendorForm(request.POST or None, instance=vendor, production=request.production)
    initial = (
        [
            {"id": c.pk, "name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
            for c in vendor.contacts.all()
        ]
        if vendor
        else []
    )
    contacts = VendorContactFormSet(request.POST or None, initial=initial, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "categories"}
        contact_rows = [c for c in contacts.cleaned_data if c.get("name")]
        if vendor is None:
            vendor = services.vendor_create(
                actor=request.user,
                production=request.production,
                categories=form.cleaned_data["categories"],
                contacts=contact_rows,
                **fields,
            )
        else:
            vendor = services.vendor_update(
                actor=request.user,
                vendor=Vendor.objects.get(pk=vendor.pk),
                categories=form.cleaned_data["categories"],
                contacts=contact_rows,
                **fields,
            )
        messages.success(request, f"{vendor} saved.")
        return redirect("people:vendor_detail", production=_slug(request), vendor_pk=vendor.pk)
    return render(
        request, "people/vendor_form.html", {"form": form, "contacts": contacts, "vendor": vendor}
    )


@production_view(Cap.VENDORS_EDIT)
def vendor_create(request) -> HttpResponse:
    return _vendor_form_page(request, None)


@production_view(Cap.VENDORS_EDIT)
def vendor_edit(request, vendor_pk: int) -> HttpResponse:
    return _vendor_form_page(
        request, get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    )


@production_view(Cap.VENDORS_EDIT)
@require_POST
def vendor_delete(request, vendor_pk: int) -> HttpResponse:
    vendor = get_scoped_or_404(Vendor.objects.active(), request, pk=vendor_pk)
    services.vendor_delete(actor=request.user, vendor=vendor)
    messages.success(request, f"{vendor} removed from the vendor list.")
    return redirect("people:vendors", production=_slug(request))


@production_view(Cap.PEOPLE_VIEW)
def group_list(request) -> HttpResponse:
    groups = scoped(DistributionGroup, request).select_related("department")
    rows = [(group, group.recipients().count()) for group in groups]
    return render(request, "people/group_list.html", {"rows": rows})


@production_view(Cap.PEOPLE_VIEW)
def group_detail(request, group_pk: int) -> HttpResponse:
    group = get_scoped_or_404(DistributionGroup, request, pk=group_pk)
    recipients = (
        group.recipients()
        .select_related("department")
        .order_by("kind", "department__order", "last_name")
    )
    rows = [
        (person, can_see(request.membership, kind=person.kind, name="email"))
        for person in recipients
    ]
    emails = [person.email for person, visible in rows if visible and person.email]
    return render(
        request, "people/group_detail.html", {"group": group, "rows": rows, "emails": emails}
    )


def _group_form_page(request, group: DistributionGroup | None) -> HttpResponse:
    form = GroupForm(request.POST or None, instance=group, production=request.production)
    if request.method == "POST" and form.is_valid():
        saved = services.group_save(
            actor=request.user,
            production=request.production,
            group=DistributionGroup.objects.get(pk=group.pk) if group else None,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            department=form.cleaned_data.get("department"),
            members=form.cleaned_data.get("members", []),
        )
        messages.success(request, f"Group “{saved}” saved.")
        return redirect("people:group_detail", production=_slug(request), group_pk=saved.pk)
    return render(request, "people/group_form.html", {"form": form, "group": group})


@production_view(Cap.GROUPS_EDIT)
def group_create(request) -> HttpResponse:
    return _group_form_page(request, None)


@production_view(Cap.GROUPS_EDIT)
def group_edit(request, group_pk: int) -> HttpResponse:
    return _group_form_page(request, get_scoped_or_404(DistributionGroup, request, pk=group_pk))


@production_view(Cap.GROUPS_EDIT)
@require_POST
def group_delete(request, group_pk: int) -> HttpResponse:
    group = get_scoped_or_404(DistributionGroup, request, pk=group_pk)
    services.group_delete(actor=request.user, group=group)
    messages.success(request, f"Group “{group}” deleted.")
    return redirect("people:groups", production=_slug(request))


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def person_details_link(request, person_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person.objects.active(), request, pk=person_pk)
    try:
        services.person_details_link_send(actor=request.user, person=person)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Sent {person.display_name} a link to check their details.")
    return redirect("people:detail", production=_slug(request), person_pk=person.pk)


@production_view(Cap.PEOPLE_EDIT)
@require_POST
def person_details_link_revoke(request, person_pk: int, grant_pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person, request, pk=person_pk)
    grant = get_scoped_or_404(
        LinkGrant, request, pk=grant_pk, subject_type="people.person", subject_id=person.pk
    )
    services.person_details_link_revoke(actor=request.user, grant=grant)
    messages.success(request, "The link no longer works.")
    return redirect("people:detail", production=_slug(request), person_pk=person.pk)


def person_details_by_link(request, token: str) -> HttpResponse:
    """A crew or cast member checks their own details: no account, a signed link."""
    try:
        grant = link_grant_resolve(token, purpose=services.DETAILS_LINK)
    except LinkInvalid as exc:
        return render(request, "core/link_invalid.html", {"reason": str(exc)}, status=404)
    person = (
        Person.objects.active()
        .filter(production=grant.production, pk=grant.subject_id)
        .select_related("production")
        .first()
    )
    if person is None:
        return render(
            request,
            "core/link_invalid.html",
            {"reason": "You are no longer on this production's lists."},
            status=404,
        )
    link_opened(grant=grant)  # the e-mail that carried this link is marked opened
    form = PersonSelfForm(request.POST or None, instance=person)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.person_update(
            actor=None,
            actor_label=f"{person.full_name} (own details link)",
            person=Person.objects.get(pk=person.pk),
            **form.cleaned_data,
        )
        saved = True
    response = render(
        request, "people/link_details.html", {"person": person, "form": form, "saved": saved}
    )
    response["Referrer-Policy"] = "same-origin"  # the token is in the URL: never send it elsewhere
    response["Cache-Control"] = "no-store"
    return response
