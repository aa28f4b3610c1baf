from datetime import date

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from callboard.core.capabilities import Cap
from callboard.core.eighths import parse_eighths
from callboard.core.params import id_param, text_param
from callboard.core.tenancy import get_scoped_or_404, production_view, scoped
from callboard.documents.render import RenderError
from callboard.scripts.models import ScriptVersion

from . import printing, services
from .board import DAY, TARGETS, BoardError
from .forms import CalendarForm, ElementForm, ScenarioForm, StripForm, UssImportForm
from .models import Calendar, Category, Element, Scenario, Strip, Ucid
from .queries import (
    breakdown_document,
    category_for,
    dood_document,
    natural_id,
    scenario_dood,
    scenario_plan,
    scenario_warnings,
    schedule_document,
    schedule_export,
    strip_infos,
)
from .sorting import SORTS
from .uss import UssError, read_uss, write_uss

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
def schedule_home(request):
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
def schedule_import(request):
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
def schedule_export_uss(request):
    data = write_uss(schedule_export(request.production))
    return _download(data, f"{request.production.slug}.uss", "application/json")


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def scenario_create(request):
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
def scenario_delete(request, scenario_pk: int):
    scenario = get_scoped_or_404(Scenario, request, pk=scenario_pk)
    if text_param(request.POST.get("confirm")) != scenario.name:
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
def breakdown_seed(request):
    version = get_scoped_or_404(ScriptVersion, request, pk=id_param(request.POST.get("version")))
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
    # Weekend and holiday rows between shoot days, and week breaks, like a paper board.
    gaps: dict[int, list[tuple[date, str]]] = {}
    week_ends: set[int] = set()
    off_days = sorted(plan.off_days)
    for day in plan.days:
        if day.date is None:
            continue
        following = plan.days[day.index + 1].date if day.index + 1 < len(plan.days) else None
        if following:
            gaps[day.index] = [(d, label) for d, label in off_days if day.date < d < following]
            if following.isocalendar()[1] != day.date.isocalendar()[1]:
                week_ends.add(day.index)
    return {
        "nav": "schedule",
        "scenario": scenario,
        "plan": plan,
        "days": [(d, gaps.get(d.index, []), d.index in week_ends) for d in plan.days],
        "warnings": warnings,
        "flagged": flagged,
        "changed": [
            plan.infos[pk]
            for pk in scenario.board.strips()
            if pk in plan.infos and plan.infos[pk].flags
        ],
        "can_edit": request.membership.can(Cap.SCHEDULE_EDIT),
        "error": error,
        "calendars": scoped(Calendar, request),
        "sorts": list(SORTS.items()),
    }


@production_view(Cap.SCHEDULE_VIEW)
def scenario_board(request, scenario_pk: int):
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    return render(request, "schedule/board.html", _board_context(request, scenario))


def _optional_int(request, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise BoardError(f"Bad value for {name}.") from exc


def _place(request, name: str, missing: str) -> tuple[str, int | None]:
    """ "day:3" / "unscheduled" / "boneyard" / "new_day" from a select."""
    target, _, day = text_param(request.POST.get(name)).partition(":")
    if target not in TARGETS:
        raise BoardError(missing)
    if target == DAY:
        index = id_param(day)  # digits only: '²' passes isdigit() but int() refuses it
        if index is None:
            raise BoardError(missing)
        return target, index
    return target, None


MAX_SCENES_TEXT = 2000
MAX_STRIP_IDS_TEXT = 20000


def _long_text(request, name: str, limit: int, too_long: str) -> str:
    """The field whole, or refused: cut at the limit, '..., 23' would read '..., 2'."""
    text = text_param(request.POST.get(name), limit=len(request.POST.get(name) or ""))
    if len(text) > limit:
        raise BoardError(too_long)
    return text


def _stale_board_refused(revision: int | None) -> None:
    """The move box, Sort and Break into days change strips by position: a page that does not
    say which board it shows could change a board someone else rearranged meanwhile."""
    if revision is None:
        raise BoardError("This board page is out of date: reload it and try again.")


def _id_list(request, name: str) -> list[int]:
    raw = _long_text(
        request,
        name,
        MAX_STRIP_IDS_TEXT,
        "Too many strips selected at once: move them in parts.",
    )
    try:
        return [int(part) for part in raw.replace(",", " ").split()]
    except ValueError as exc:
        raise BoardError("Those strips are not on this board; reload the board.") from exc


MAX_DAY_EIGHTHS = 40 * 8


def _pages(value) -> int:
    text = text_param(value).strip()
    try:  # "5.5" pages, or eighths as the board shows them
        eighths = round(float(text) * 8) if "." in text else parse_eighths(text)
    except (ValueError, OverflowError):
        raise BoardError(
            f"“{text}” is not a page count: write pages in eighths, e.g. 5, 4 4/8 or 6 2/8."
        ) from None
    if not 0 < eighths <= MAX_DAY_EIGHTHS:
        raise BoardError("Give between 1/8 and 40 pages per day.")
    return eighths


@production_view(Cap.SCHEDULE_EDIT)
@require_POST
def scenario_change(request, scenario_pk: int):
    """Every board edit: move a strip, add, break or remove a day, change the calendar. Answers
    with the board fragment (for the page's script) or a redirect (plain form posts)."""
    scenario = get_scoped_or_404(
        Scenario.objects.select_related("calendar"), request, pk=scenario_pk
    )
    action = text_param(request.POST.get("action"))
    error = ""
    try:
        revision = _optional_int(request, "revision")
        common = {"actor": request.user, "scenario": scenario, "revision": revision}
        if action == "move":
            target = text_param(request.POST.get("target"))
            if target not in TARGETS:
                raise BoardError("Unknown place on the board.")
            scenario = services.strip_move(
                **common,
                strip=_optional_int(request, "strip") or 0,
                target=target,
                day=_optional_int(request, "day") if target == DAY else None,
                before=_optional_int(request, "before"),
            )
        elif action == "add_day":
            scenario = services.scenario_day_add(**common, after=_optional_int(request, "day"))
        elif action == "split_day":
            scenario = services.scenario_day_split(
                **common,
                day=_optional_int(request, "day") or 0,
                before=_optional_int(request, "before") or 0,
            )
        elif action == "remove_day":
            scenario = services.scenario_day_remove(
                **common, day=_optional_int(request, "day") or 0
            )
        elif action == "move_scene":
            _stale_board_refused(revision)
            target, day = _place(request, "to", "Choose where to move the scenes.")
            scenes = _long_text(
                request,
                "scene",
                MAX_SCENES_TEXT,
                f"That list of scenes is longer than {MAX_SCENES_TEXT:,} characters: nothing "
                "was moved. Move them in parts, or use ranges (31-35).",
            )
            scenario = services.strips_move(**common, target=target, day=day, scenes=scenes)
        elif action == "move_many":
            target = text_param(request.POST.get("target"))
            if target not in TARGETS:
                raise BoardError("Unknown place on the board.")
            scenario = services.strips_move(
                **common,
                strips=_id_list(request, "strips"),
                target=target,
                day=_optional_int(request, "day") if target == DAY else None,
                before=_optional_int(request, "before"),
            )
        elif action == "sort":
            _stale_board_refused(revision)
            target, day = _place(request, "what", "Choose a day or the unscheduled strips to sort.")
            scenario = services.strips_sort(
                **common, by=text_param(request.POST.get("by")), target=target, day=day
            )
        elif action == "break_days":
            _stale_board_refused(revision)
            scenario = services.strips_break_into_days(
                **common, per_day=_pages(request.POST.get("pages"))
            )
        elif action == "acknowledge":
            services.strip_changes_acknowledge(
                actor=request.user,
                production=request.production,
                strip=_optional_int(request, "strip") or 0,
            )
        elif action == "remove_banner":
            scenario = services.banner_remove(**common, strip=_optional_int(request, "strip") or 0)
        elif action == "rename":
            scenario = services.scenario_rename(
                actor=request.user,
                scenario=scenario,
                name=text_param(request.POST.get("name"), limit=300),
            )
        elif action == "banner":
            scenario = services.banner_add(
                **common, text=text_param(request.POST.get("text"), limit=300)
            )
        elif action == "calendar":
            calendar_pk = _optional_int(request, "calendar")
            calendar = get_scoped_or_404(Calendar, request, pk=calendar_pk) if calendar_pk else None
            scenario = services.scenario_calendar_set(
                actor=request.user, scenario=scenario, calendar=calendar
            )
        else:
            raise BoardError("Unknown board action.")
    except BoardError as exc:
        error = str(exc)
        scenario.refresh_from_db()
    if request.headers.get("X-Board") == "1":
        context = _board_context(request, scenario, error)
        return render(request, "schedule/_board.html", context, status=409 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("schedule:board", production=request.production.slug, scenario_pk=scenario.pk)


# --------------------------------------------------------------------------- DOOD


@production_view(Cap.SCHEDULE_VIEW)
def scenario_dood_page(request, scenario_pk: int):
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
def scenario_document(request, scenario_pk: int, kind: str, fmt: str):
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
def breakdown_list(request):
    infos = strip_infos(request.production)
    order = scoped(Strip, request).filter(kind=Strip.Kind.SCENE).order_by("position", "id")
    strips = [infos[pk] for pk in order.values_list("pk", flat=True) if pk in infos]
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
    categories = list(scoped(Category, request).exclude(ucid__in=(Ucid.HEADING)))
    heading = list(scoped(Category, request).filter(ucid__in=Ucid.HEADING))
    tagged = list(strip.elements.select_related("category"))
    options = {}
    for element in scoped(Element, request).select_related("category").order_by("name"):
        options.setdefault(element.category_id, []).append(element)
    boxes = [
        (c, [e for e in tagged if e.category_id == c.pk], options.get(c.pk, []))
        for c in heading + categories
    ]
    order = list(
        scoped(Strip, request)
        .filter(kind=strip.kind)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    at = order.index(strip.pk)
    return {
        "nav": "schedule",
        "strip": strip,
        "form": form,
        "boxes": boxes,
        "error": error,
        "previous": order[at - 1] if at > 0 else None,
        "next": order[at + 1] if at + 1 < len(order) else None,
        "number": at + 1,
        "total": len(order),
        "can_edit": request.membership.can(Cap.SCHEDULE_EDIT),
    }


@production_view(Cap.SCHEDULE_VIEW)
def breakdown_sheet(request, strip_pk: int):
    strip = get_scoped_or_404(Strip, request, pk=strip_pk)
    can_edit = request.membership.can(Cap.SCHEDULE_EDIT)
    initial = {"pages": strip.length}
    form = StripForm(request.POST or None, instance=strip, initial=initial)
    error = ""
    if request.method == "POST" and can_edit:
        action = text_param(request.POST.get("action"))
        try:
            if action == "add":
                category = get_scoped_or_404(
                    Category, request, pk=id_param(request.POST.get("category"))
                )
                element = services.strip_element_add(
                    actor=request.user,
                    strip=strip,
                    category=category,
                    name=text_param(request.POST.get("name")),
                )
                messages.success(request, f"Added {element} to {category.name}.")
                return redirect(
                    "schedule:sheet", production=request.production.slug, strip_pk=strip.pk
                )
            if action == "remove":
                element = get_scoped_or_404(
                    Element, request, pk=id_param(request.POST.get("element"))
                )
                services.strip_element_remove(actor=request.user, strip=strip, element=element)
                messages.success(request, f"Removed {element}.")
                return redirect(
                    "schedule:sheet", production=request.production.slug, strip_pk=strip.pk
                )
        except BoardError as exc:
            error = str(exc)
        if action == "save" and form.is_valid():
            fields = {
                name: form.cleaned_data[name]
                for name in (
                    "scene_number",
                    "script_page",
                    "description",
                    "comments",
                    "duration_minutes",
                )
            }
            fields["eighths"] = form.cleaned_data["pages"]
            services.strip_update(actor=request.user, strip=strip, **fields)
            messages.success(request, "Breakdown sheet saved.")
            return redirect("schedule:sheet", production=request.production.slug, strip_pk=strip.pk)
    status = 400 if (error or (request.method == "POST" and form.errors)) else 200
    return render(
        request, "schedule/sheet.html", _sheet_context(request, strip, form, error), status=status
    )


# --------------------------------------------------------------------------- elements


@production_view(Cap.SCHEDULE_VIEW)
def element_list(request):
    elements = list(
        scoped(Element, request).select_related("category").annotate(scenes=Count("strips"))
    )
    categories = []
    for category in scoped(Category, request):
        rows = [e for e in elements if e.category_id == category.pk]
        if category.ucid == Ucid.CAST:
            rows.sort(key=lambda e: (natural_id(e.board_id), e.name))
        if rows:
            categories.append((category, rows))
    return render(request, "schedule/elements.html", {"nav": "schedule", "categories": categories})


@production_view(Cap.SCHEDULE_EDIT)
def element_edit(request, element_pk: int):
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
def calendar_edit(request, calendar_pk: int | None = None):
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
