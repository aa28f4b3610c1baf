from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.controls import warnings_with_overrides
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.distribution.links import delivery_by_link
from callboard.distribution.services import delivery_confirm, delivery_opened
from callboard.documents.render import RenderError
from callboard.scripts.models import ScriptVersion

from . import inputs, printing, sending, services
from .board import BoardError
from .forms import (
    CalendarForm,
    ElementForm,
    ScenarioForm,
    StripForm,
    UssImportForm,
    VersionSendForm,
)
from .models import Calendar, Category, Element, Scenario, ScheduleVersion, Strip, Ucid
from .queries import (
    board_days,
    breakdown_document,
    cast_dood,
    cast_ids_of,
    category_for,
    changed_strips,
    dood_document,
    elements_by_category,
    next_version_colour,
    publish_findings,
    publish_problems,
    recipient_schedule,
    scenario_dood,
    scenario_plan,
    scenario_warnings,
    schedule_document,
    schedule_export,
    sheet_boxes,
    sheet_place,
    strip_infos,
    strips_in_order,
    version_before,
    version_cover,
    version_deliveries,
    version_diff,
    versions_last_sent,
)
from .sorting import SORTS
from .uss import UssError, read_uss, write_uss
from .versiondiff import VersionDiffError, summary_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_USS_BYTES = 20 * 1024 * 1024


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _file_stem(request, scenario: Scenario | None, what: str) -> str:
    name = f"{request.production.slug}-{what}"
    if scenario is not None:
        name += f"-{slugify(scenario.name) or scenario.pk}"
    return name


# --------------------------------------------------------------------------- home


@production_view(Cap.SCHEDULE_VIEW)
def schedule_home(request) -> HttpResponse:
    production = request.production
    can_edit = request.membership.can(Cap.SCHEDULE_EDIT)
    infos = strip_infos(production)
    scenarios = [
        scenario_plan(s, infos)
        for s in scoped(Scenario, request).select_related("calendar", "production")
    ]
    return render(
        request,
        "schedule/home.html",
        {
            "nav": "schedule",
            "plans": scenarios,
            "calendars": scoped(Calendar, request),
            "strip_count": sum(1 for i in infos.values() if i.kind == Strip.Kind.SCENE),
            "can_edit": can_edit,
            "import_form": UssImportForm() if can_edit else None,
            "scenario_form": ScenarioForm(production=production) if can_edit else None,
            "versions": scoped(ScriptVersion, request) if can_edit else [],
        },
    )


@production_view(Cap.SCHEDULE_EDIT)
def schedule_import(request) -> HttpResponse:
    form = UssImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    refused = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_USS_BYTES:
            problems = [f"The file is {upload.size // 1024 // 1024} MB; up to 20 MB is accepted."]
        else:
            try:
                schedule = read_uss(upload.read())
                summary = services.schedule_import(
                    actor=request.user,
                    production=request.production,
                    schedule=schedule,
                    source_name=upload.name,
                    replace=form.cleaned_data["replace"],
                )
            except UssError as exc:
                problems = exc.problems
            except services.ScheduleExists as exc:
                refused = str(exc)
            else:
                messages.success(
                    request,
                    f"Imported {summary.strips} strips and {summary.elements} elements; "
                    f"scenarios: {', '.join(summary.scenarios) or 'none'}.",
                )
                for warning in summary.warnings:
                    messages.warning(request, warning)
                return redirect("schedule:home", production=request.production.slug)
    return render(
        request,
        "schedule/import.html",
        {"nav": "schedule", "form": form, "problems": problems, "refused": refused},
        status=400 if problems or refused else 200,
    )


@production_view(Cap.SCHEDULE_VIEW)
def schedule_export_uss(request) -> HttpResponse:
    data = write_uss(schedule_export(request.production))
    return _download(data, f"{request.production.slug}.uss", "application/json")


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def scenario_create(request) -> HttpResponse:
    form = ScenarioForm(request.POST, production=request.production)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("schedule:home", production=request.production.slug)
    scenario = services.scenario_create(
        actor=request.user,
        production=request.production,
        name=form.cleaned_data["name"],
        calendar=form.cleaned_data["calendar"],
        copy_of=form.cleaned_data["copy_of"],
    )
    return redirect("schedule:board", production=request.production.slug, scenario_pk=scenario.pk)


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def scenario_delete(request, scenario_pk: int) -> HttpResponse:
    scenario = get_scoped_or_404(Scenario, request, pk=scenario_pk)
    if inputs.text(request.POST, "confirm") != scenario.name:
        messages.error(request, f'Type the scenario\'s name, "{scenario.name}", to delete it.')
        return redirect(
            "schedule:board", production=request.production.slug, scenario_pk=scenario.pk
        )
    try:
        services.scenario_delete(actor=request.user, scenario=scenario)
    except BoardError as exc:
        messages.error(request, str(exc))
        return redirect(
            "schedule:board", production=request.production.slug, scenario_pk=scenario.pk
        )
    messages.success(request, f'Deleted scenario "{scenario.name}"; its strips are untouched.')
    return redirect("schedule:home", production=request.production.slug)


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def breakdown_seed(request) -> HttpResponse:
    version = get_scoped_or_404(
        ScriptVersion, request, pk=inputs.record_id(request.POST, "version")
    )
    summary = services.breakdown_seed(actor=request.user, version=version)
    messages.success(
        request,
        f"Breakdown from {version}: {summary.added} new scenes, {summary.updated} kept and "
        f"updated, {summary.omitted} omitted"
        + (f"; new cast {', '.join(summary.new_cast)}" if summary.new_cast else "")
        + ".",
    )
    if summary.flagged:
        messages.warning(
            request,
            f"{summary.flagged} scheduled scene{'s' if summary.flagged != 1 else ''} changed "
            "INT/EXT, day/night or cast in this version: each is flagged on the board until "
            "someone acknowledges it.",
        )
    return redirect("schedule:breakdown", production=request.production.slug)


# --------------------------------------------------------------------------- the board


def _board_context(request, scenario: Scenario, error: str = "") -> dict:
    plan = scenario_plan(scenario)
    cast = category_for(request.production, "cast")
    dood = scenario_dood(plan, cast) if cast and plan.rules() else None
    warnings = scenario_warnings(plan, dood)
    flagged = {w.element for w in warnings}
    return {
        "nav": "schedule",
        "scenario": scenario,
        "plan": plan,
        "days": board_days(plan),
        "warnings": warnings,
        "flagged": flagged,
        "changed": changed_strips(scenario, plan),
        "can_edit": request.membership.can(Cap.SCHEDULE_EDIT),
        "error": error,
        "calendars": scoped(Calendar, request),
        "sorts": list(SORTS.items()),
    }


@production_view(Cap.SCHEDULE_VIEW)
def scenario_board(request, scenario_pk: int) -> HttpResponse:
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    return render(request, "schedule/board.html", _board_context(request, scenario))


BoardChange = Callable[[HttpRequest, dict], Scenario | None]


def _board_change(request, scenario_pk: int, change: BoardChange) -> HttpResponse:
    """One board edit: ``change(request, common)`` with ``common`` the actor, the scenario and
    the revision the page showed. Answers with the board fragment (for the page's script) or a
    redirect (plain form posts); a refused edit changes nothing and says why."""
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    error = ""
    try:
        common = {
            "actor": request.user,
            "scenario": scenario,
            "revision": inputs.optional_int(request.POST, "revision"),
        }
        scenario = change(request, common) or scenario
    except BoardError as exc:
        error = str(exc)
        scenario.refresh_from_db()
    if request.headers.get("X-Board") == "1":
        context = _board_context(request, scenario, error)
        return render(request, "schedule/_board.html", context, status=409 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("schedule:board", production=request.production.slug, scenario_pk=scenario.pk)


def board_edit(change: BoardChange) -> Callable[..., HttpResponse]:
    """A board edit as a view of its own, one URL a verb: POST only, for those who may edit the
    schedule; the view answers as _board_change says (``change`` returns the scenario as
    changed, the view an HttpResponse)."""

    @production_view(Cap.SCHEDULE_EDIT)
    @require_POST
    @wraps(change, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
    def edit(request, scenario_pk: int) -> HttpResponse:
        return _board_change(request, scenario_pk, change)

    return edit


@board_edit
def board_move(request, common: dict) -> Scenario:
    """One strip dragged to a day, a new day, the unscheduled strips or the boneyard."""
    post = request.POST
    strip = inputs.optional_int(post, "strip") or 0
    return services.strip_move(**common, strip=strip, **inputs.drop(post))


@board_edit
def board_move_many(request, common: dict) -> Scenario:
    """Shift-clicked strips dragged (or moved with the move box) together, in board order."""
    post = request.POST
    return services.strips_move(
        **common, strips=inputs.strip_ids(post, "strips"), **inputs.drop(post)
    )


@board_edit
def board_move_scenes(request, common: dict) -> Scenario:
    """Scenes typed in the move box ("14, 22, 31-35") moved to the place chosen."""
    post = request.POST
    inputs.revision_required(common["revision"])
    target, day = inputs.place(post, "to", "Choose where to move the scenes.")
    return services.strips_move(
        **common, target=target, day=day, scenes=inputs.scenes(post, "scene")
    )


@board_edit
def board_add_day(request, common: dict) -> Scenario:
    post = request.POST
    return services.scenario_day_add(**common, after=inputs.optional_int(post, "day"))


@board_edit
def board_split_day(request, common: dict) -> Scenario:
    post = request.POST
    return services.scenario_day_split(
        **common,
        day=inputs.optional_int(post, "day") or 0,
        before=inputs.optional_int(post, "before") or 0,
    )


@board_edit
def board_remove_day(request, common: dict) -> Scenario:
    post = request.POST
    return services.scenario_day_remove(**common, day=inputs.optional_int(post, "day") or 0)


@board_edit
def board_sort(request, common: dict) -> Scenario:
    post = request.POST
    inputs.revision_required(common["revision"])
    target, day = inputs.place(post, "what", "Choose a day or the unscheduled strips to sort.")
    return services.strips_sort(**common, by=inputs.text(post, "by"), target=target, day=day)


@board_edit
def board_break_days(request, common: dict) -> Scenario:
    post = request.POST
    inputs.revision_required(common["revision"])
    return services.strips_break_into_days(**common, per_day=inputs.pages(post, "pages"))


@board_edit
def board_acknowledge(request, common: dict) -> None:
    """The script change flagged on a strip has been seen."""
    post = request.POST
    services.strip_changes_acknowledge(
        actor=common["actor"],
        production=common["scenario"].production,
        strip=inputs.optional_int(post, "strip") or 0,
    )


@board_edit
def board_banner(request, common: dict) -> Scenario:
    post = request.POST
    return services.banner_add(**common, text=inputs.text(post, "text", limit=300))


@board_edit
def board_remove_banner(request, common: dict) -> Scenario:
    post = request.POST
    return services.banner_remove(**common, strip=inputs.optional_int(post, "strip") or 0)


@board_edit
def board_rename(request, common: dict) -> Scenario:
    post = request.POST
    return services.scenario_rename(
        actor=common["actor"], scenario=common["scenario"], name=inputs.text(post, "name", 300)
    )


@board_edit
def board_calendar(request, common: dict) -> Scenario:
    post = request.POST
    scenario = common["scenario"]
    calendar_pk = inputs.optional_int(post, "calendar")
    calendar = get_scoped_or_404(Calendar, request, pk=calendar_pk) if calendar_pk else None
    return services.scenario_calendar_set(
        actor=common["actor"], scenario=scenario, calendar=calendar
    )


# --------------------------------------------------------------------------- DOOD


@production_view(Cap.SCHEDULE_VIEW)
def scenario_dood_page(request, scenario_pk: int) -> HttpResponse:
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    categories = list(scoped(Category, request).exclude(ucid__in=Ucid.HEADING))
    wanted = request.GET.get("category", "cast")
    category = category_for(request.production, wanted)
    plan = scenario_plan(scenario)
    dood = scenario_dood(plan, category) if category and plan.rules() else None
    fmt = request.GET.get("format", "")
    if dood is not None and fmt in ("pdf", "xlsx"):
        data = dood_document(dood)
        stem = _file_stem(request, scenario, f"dood-{category.name.lower().replace('/', '-')}")
        if fmt == "pdf":
            return _download(printing.dood_pdf(data), f"{stem}.pdf", "application/pdf")
        return _download(printing.dood_xlsx(data), f"{stem}.xlsx", XLSX)
    rows = []
    if dood is not None:
        rows = [(row, [row.codes.get(day, "") for day in dood.calendar.days]) for row in dood.rows]
    return render(
        request,
        "schedule/dood.html",
        {
            "nav": "schedule",
            "scenario": scenario,
            "categories": categories,
            "category": category,
            "wanted": wanted,
            "dood": dood,
            "rows": rows,
        },
    )


# --------------------------------------------------------------------------- documents


@production_view(Cap.SCHEDULE_VIEW)
def scenario_document(request, scenario_pk: int, kind: str, fmt: str) -> HttpResponse:
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    data = schedule_document(scenario_plan(scenario))
    makers = {
        ("one-liner", "pdf"): printing.one_liner_pdf,
        ("one-liner", "xlsx"): printing.one_liner_xlsx,
        ("shooting-schedule", "pdf"): printing.shooting_schedule_pdf,
        ("shooting-schedule", "xlsx"): printing.shooting_schedule_xlsx,
    }
    maker = makers.get((kind, fmt))
    if maker is None:
        return HttpResponse("No such document.", status=404)
    try:
        content = maker(data)
    except RenderError as exc:
        messages.error(request, f"The document could not be made: {exc}")
        return redirect(
            "schedule:board", production=request.production.slug, scenario_pk=scenario.pk
        )
    content_type = "application/pdf" if fmt == "pdf" else XLSX
    return _download(content, f"{_file_stem(request, scenario, kind)}.{fmt}", content_type)


# --------------------------------------------------------------------------- breakdown


@production_view(Cap.SCHEDULE_VIEW)
def breakdown_list(request) -> HttpResponse:
    infos = strip_infos(request.production)
    _, scenes = strips_in_order(request.production)
    strips = [infos[pk] for pk in scenes if pk in infos]
    if request.GET.get("format") == "pdf":
        data = breakdown_document(request.production, strips)
        return _download(
            printing.breakdown_sheets_pdf(data),
            f"{_file_stem(request, None, 'breakdown-sheets')}.pdf",
            "application/pdf",
        )
    return render(
        request,
        "schedule/breakdown.html",
        {
            "nav": "schedule",
            "strips": strips,
            "can_edit": request.membership.can(Cap.SCHEDULE_EDIT),
            "versions": scoped(ScriptVersion, request),
        },
    )


def _sheet_context(request, strip: Strip, form: StripForm, error: str = "") -> dict:
    place = sheet_place(strip)
    return {
        "nav": "schedule",
        "strip": strip,
        "form": form,
        "boxes": sheet_boxes(strip),
        "error": error,
        "previous": place.previous,
        "next": place.next,
        "number": place.number,
        "total": place.total,
        "can_edit": request.membership.can(Cap.SCHEDULE_EDIT),
    }


@production_view(Cap.SCHEDULE_VIEW)
def breakdown_sheet(request, strip_pk: int) -> HttpResponse:
    """The scene's breakdown sheet; its form saves the scene's own fields."""
    strip = get_scoped_or_404(Strip, request, pk=strip_pk)
    can_edit = request.membership.can(Cap.SCHEDULE_EDIT)
    form = StripForm(request.POST or None, instance=strip, initial={"pages": strip.length})
    if request.method == "POST" and can_edit and form.is_valid():
        services.strip_update(actor=request.user, strip=strip, **form.strip_fields())
        messages.success(request, "Breakdown sheet saved.")
        return redirect("schedule:sheet", production=request.production.slug, strip_pk=strip.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request, "schedule/sheet.html", _sheet_context(request, strip, form), status=status
    )


def _sheet_tag(request, strip_pk: int, tag: Callable[[Strip], str]) -> HttpResponse:
    """An element added to or taken off the sheet: back to the sheet, or the sheet with why
    not."""
    strip = get_scoped_or_404(Strip, request, pk=strip_pk)
    try:
        done = tag(strip)
    except BoardError as exc:
        form = StripForm(instance=strip, initial={"pages": strip.length})
        context = _sheet_context(request, strip, form, str(exc))
        return render(request, "schedule/sheet.html", context, status=400)
    messages.success(request, done)
    return redirect("schedule:sheet", production=request.production.slug, strip_pk=strip.pk)


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def breakdown_element_add(request, strip_pk: int) -> HttpResponse:
    def add(strip: Strip) -> str:
        category = get_scoped_or_404(
            Category, request, pk=inputs.record_id(request.POST, "category")
        )
        element = services.strip_element_add(
            actor=request.user,
            strip=strip,
            category=category,
            name=inputs.text(request.POST, "name"),
        )
        return f"Added {element} to {category.name}."

    return _sheet_tag(request, strip_pk, add)


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def breakdown_element_remove(request, strip_pk: int) -> HttpResponse:
    def remove(strip: Strip) -> str:
        element = get_scoped_or_404(Element, request, pk=inputs.record_id(request.POST, "element"))
        services.strip_element_remove(actor=request.user, strip=strip, element=element)
        return f"Removed {element}."

    return _sheet_tag(request, strip_pk, remove)


# --------------------------------------------------------------------------- elements


@production_view(Cap.SCHEDULE_VIEW)
def element_list(request) -> HttpResponse:
    categories = elements_by_category(request.production)
    return render(request, "schedule/elements.html", {"nav": "schedule", "categories": categories})


@production_view(Cap.SCHEDULE_EDIT)
def element_edit(request, element_pk: int) -> HttpResponse:
    element = get_scoped_or_404(Element.objects.select_related("category"), request, pk=element_pk)
    form = ElementForm(request.POST or None, element=element)
    if request.method == "POST" and form.is_valid():
        services.element_update(actor=request.user, element=element, **form.element_fields())
        messages.success(request, f"Saved {element}.")
        return redirect("schedule:elements", production=request.production.slug)
    return render(
        request, "schedule/element.html", {"nav": "schedule", "element": element, "form": form}
    )


# --------------------------------------------------------------------------- calendars


@production_view(Cap.SCHEDULE_EDIT)
def calendar_edit(request, calendar_pk: int | None = None) -> HttpResponse:
    calendar = get_scoped_or_404(Calendar, request, pk=calendar_pk) if calendar_pk else None
    form = CalendarForm(request.POST or None, calendar=calendar)
    if request.method == "POST" and form.is_valid():
        try:
            calendar = services.calendar_save(
                actor=request.user,
                production=request.production,
                calendar=calendar,
                **form.calendar_fields(),
            )
        except BoardError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Saved calendar {calendar}.")
            return redirect("schedule:home", production=request.production.slug)
    return render(
        request, "schedule/calendar.html", {"nav": "schedule", "calendar": calendar, "form": form}
    )


# --------------------------------------------------------------------------- published versions


def _publish_context(request, scenario: Scenario) -> dict:
    plan = scenario_plan(scenario)
    return {
        "nav": "schedule",
        "scenario": scenario,
        "plan": plan,
        "problems": publish_problems(plan),
        "warnings": warnings_with_overrides(scenario, publish_findings(plan, cast_dood(plan))),
        "next_colour": next_version_colour(request.production),
        "versions": scoped(ScheduleVersion, request).filter(scenario=scenario)[:5],
    }


@production_view(Cap.SCHEDULE_EDIT)
def version_publish(request, scenario_pk: int) -> HttpResponse:
    """The board's findings and problems, and the button that publishes it (POST action=
    publish), or one finding's override (POST action=override)."""
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    if request.method == "POST":
        action = request.POST.get("action", "publish")
        try:
            if action == "override":
                services.schedule_version_warning_override(
                    actor=request.user,
                    membership=request.membership,
                    scenario=scenario,
                    warning=request.POST.get("warning", ""),
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, "Overridden; your reason is kept with the finding.")
            else:
                version = services.schedule_version_publish(
                    actor=request.user,
                    scenario=scenario,
                    revision=inputs.optional_int(request.POST, "revision"),
                )
                messages.success(request, f"Published: {version.title}.")
                return redirect("schedule:versions", production=request.production.slug)
        except (services.VersionError, BoardError) as exc:
            messages.error(request, str(exc))
        return redirect(
            "schedule:publish", production=request.production.slug, scenario_pk=scenario.pk
        )
    return render(request, "schedule/publish.html", _publish_context(request, scenario))


@production_view(Cap.SCHEDULE_VIEW)
def version_list(request) -> HttpResponse:
    versions = list(scoped(ScheduleVersion, request).select_related("scenario").order_by("-number"))
    return render(
        request,
        "schedule/versions.html",
        {"nav": "schedule", "versions": versions, "kinds": VERSION_DOCUMENTS},
    )


def _version_by_number(request, value: str | None) -> ScheduleVersion:
    try:
        number = int(value or "")
    except ValueError:
        raise VersionChoiceError("Choose two versions by their numbers.") from None
    version = scoped(ScheduleVersion, request).filter(number=number).first()
    if version is None:
        raise VersionChoiceError(f"There is no schedule version {number}.")
    return version


class VersionChoiceError(ValueError):
    pass


@production_view(Cap.SCHEDULE_VIEW)
def version_compare(request) -> HttpResponse:
    """What moved between versions ?from=N&to=M (any two, either way round)."""
    try:
        old = _version_by_number(request, request.GET.get("from"))
        new = _version_by_number(request, request.GET.get("to"))
        diff = version_diff(old, new)
    except (VersionChoiceError, VersionDiffError) as exc:
        messages.error(request, str(exc))
        return redirect("schedule:versions", production=request.production.slug)
    return render(
        request,
        "schedule/compare.html",
        {"nav": "schedule", "old": old, "new": new, "diff": diff, "text": summary_text(diff)},
    )


# Document kinds a version prints: (URL slug, label, maker, data key).
VERSION_DOCUMENTS = [
    ("shooting-schedule", "Shooting schedule", "shooting_schedule_pdf", "schedule"),
    ("one-liner", "One-liner", "one_liner_pdf", "schedule"),
    ("dood", "DOOD", "dood_pdf", "dood"),
]


@production_view(Cap.SCHEDULE_VIEW)
def version_document(request, schedule_version_pk: int, kind: str) -> HttpResponse:
    """A version's printed document, made from the data frozen when it was published; the
    cover sheet ("what-moved") against the version before it."""
    version = get_scoped_or_404(
        ScheduleVersion.objects.select_related("scenario"), request, pk=schedule_version_pk
    )
    stem = f"{request.production.slug}-schedule-v{version.number}-{slugify(version.colour)}"
    try:
        if kind == "what-moved":
            content = printing.version_cover_pdf(version_cover(version))
        else:
            found = next((d for d in VERSION_DOCUMENTS if d[0] == kind), None)
            data = version.documents.get(found[3]) if found else None
            if not data:
                raise Http404("This version has no such document.")
            content = getattr(printing, found[2])(data)
    except RenderError as exc:
        messages.error(request, f"The document could not be made: {exc}")
        return redirect("schedule:versions", production=request.production.slug)
    return _download(content, f"{stem}-{kind}.pdf", "application/pdf")


def _version_page(request, version: ScheduleVersion, form: VersionSendForm) -> HttpResponse:
    deliveries = list(version_deliveries(version))
    newer = scoped(ScheduleVersion, request).filter(number__gt=version.number).exists()
    return render(
        request,
        "schedule/version.html",
        {
            "nav": "schedule",
            "version": version,
            "kinds": VERSION_DOCUMENTS,
            "form": form,
            "deliveries": deliveries,
            "replaced": newer,
        },
    )


@production_view(Cap.SCHEDULE_VIEW)
def version_detail(request, schedule_version_pk: int) -> HttpResponse:
    """A version: its documents, who it was sent to (opened, confirmed) and the send form."""
    version = get_scoped_or_404(
        ScheduleVersion.objects.select_related("scenario"), request, pk=schedule_version_pk
    )
    return _version_page(request, version, VersionSendForm(production=request.production))


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def version_send(request, schedule_version_pk: int) -> HttpResponse:
    version = get_scoped_or_404(
        ScheduleVersion.objects.select_related("scenario", "production"),
        request,
        pk=schedule_version_pk,
    )
    form = VersionSendForm(request.POST, production=request.production)
    if not form.is_valid():
        return _version_page(request, version, form)
    try:
        dispatch = services.schedule_version_send(
            actor=request.user,
            version=version,
            people=form.recipients(),
            message=form.cleaned_data["message"],
        )
    except services.VersionError as exc:
        messages.error(request, str(exc))
    else:
        count = dispatch.deliveries.count()
        messages.success(
            request, f"Sending {version.title} to {count} {'person' if count == 1 else 'people'}."
        )
    return redirect(
        "schedule:version", production=request.production.slug, schedule_version_pk=version.pk
    )


def _sent_version(request, token: str):
    delivery, refusal = delivery_by_link(request, token, kind=sending.KIND, what="a schedule")
    if refusal is not None:
        return None, None, refusal
    version = ScheduleVersion.objects.select_related("production", "scenario").get(
        pk=delivery.dispatch.object_id
    )
    return delivery, version, None


def schedule_version_by_link(request, token: str) -> HttpResponse:
    """The recipient's phone page: REVISED and what moved for them first, then their days
    (cast) or the schedule's days and documents (crew); one tap to confirm."""
    delivery, version, refusal = _sent_version(request, token)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        delivery_confirm(delivery=delivery)
        return redirect("schedule_version_by_link", token=token)
    delivery_opened(delivery=delivery)
    person = delivery.person
    cast_id = (
        cast_ids_of(version.production, [person.pk]).get(person.pk)
        if person.kind == person.Kind.CAST
        else None
    )
    # What they were sent before this one, not counting this send.
    against = versions_last_sent(version, [person.pk]).get(person.pk) or version_before(version)
    view = recipient_schedule(version, cast_id=cast_id, against=against)
    newer = (
        ScheduleVersion.objects.filter(production=version.production, number__gt=version.number)
        .order_by("-number")
        .first()
    )
    return render(
        request,
        "schedule/mobile.html",
        {
            "delivery": delivery,
            "version": version,
            "view": view,
            "token": token,
            "newer": newer,
            "kinds": [] if person.kind == person.Kind.CAST else VERSION_DOCUMENTS,
        },
    )


def schedule_version_pdf_by_link(request, token: str, kind: str) -> HttpResponse:
    """A crew recipient's copy of the version's documents (cast get their own days instead)."""
    delivery, version, refusal = _sent_version(request, token)
    if refusal is not None:
        return refusal
    found = next((d for d in VERSION_DOCUMENTS if d[0] == kind), None)
    data = version.documents.get(found[3]) if found else None
    if delivery.person.kind == delivery.person.Kind.CAST or not data:
        raise Http404("This link has no such document.")
    try:
        content = getattr(printing, found[2])(data)
    except RenderError:
        return render(
            request,
            "core/link_invalid.html",
            {"reason": "The document could not be made just now; try again in a minute."},
            status=503,
        )
    stem = f"{version.production.slug}-schedule-v{version.number}-{slugify(version.colour)}"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}-{kind}.pdf"'
    return response
