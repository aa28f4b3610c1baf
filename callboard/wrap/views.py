"""The Wrap page: what is still missing before the show's record is final, the wrap
checklist, and the wrap binder (each part's card reads its own data:
wrap/templatetags/wrap_cards.py); and the completeness report, on its page and as CSV/XLSX."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from callboard.core.capabilities import Cap
from callboard.core.tenancy import production_view
from callboard.documents.tabular import write_csv

from .completeness import EXPORT_HEADERS, completeness_report, export_rows

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@production_view(Cap.WRAP_MANAGE)
def wrap(request) -> HttpResponse:
    return render(request, "wrap/wrap.html", {})


def _report(request) -> list[tuple]:
    """Each section, and whether the member may see its lines (those who may fix them: the
    others see its count)."""
    membership = request.membership
    return [(s, membership.can(s.cap)) for s in completeness_report(request.production)]


@production_view(Cap.WRAP_MANAGE)
def completeness(request) -> HttpResponse:
    sections = _report(request)
    return render(
        request,
        "wrap/completeness.html",
        {
            "nav": "wrap",
            "sections": sections,
            "total": sum(s.count for s, _ in sections),
        },
    )


@production_view(Cap.WRAP_MANAGE)
def completeness_export(request, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404("CSV or XLSX.")
    production = request.production
    shown = [s for s, visible in _report(request) if visible]
    rows = export_rows(shown, request.build_absolute_uri("/").rstrip("/"))
    if fmt == "csv":
        content = write_csv(EXPORT_HEADERS, rows)
    else:
        from callboard.documents.xlsx import write_xlsx  # openpyxl loads here, not at start-up

        content = write_xlsx(
            EXPORT_HEADERS,
            rows,
            sheet_title="Completeness",
            title=f"{production.title} — what is still missing ({production.today():%b %-d, %Y})",
        )
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(production.title)}-completeness.{fmt}"'
    )
    return response
