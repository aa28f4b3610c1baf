"""Script versions and their scenes, as the Script pages list them. A version is never
changed after import (a change is a new version), except once: when its scene numbers are
locked."""

from datetime import date, datetime

from django.db.models import Count, F, Sum
from ninja import Query, Router, Schema

from callboard.core.capabilities import Cap
from callboard.core.eighths import format_eighths
from callboard.core.tenancy import get_scoped_or_404
from callboard.scripts.models import Scene, ScriptVersion

from ..access import need
from ..paging import ListParams, cursor_page, page_schema
from ..schemas import ERRORS

router = Router(tags=["Scripts"])


class ScriptVersionOut(Schema):
    id: int
    number: int  # 1 for the first version imported, then 2, 3... in the order they came
    title: str
    colour: str
    revision_date: date
    page_count: int
    scene_count: int
    eighths: int  # the scenes' length, in eighths of a page
    length: str  # the same as a page count: "52 3/8"
    source_format: str
    source_name: str
    notes: str
    locked_at: datetime | None
    created_at: datetime
    updated_at: datetime


class SceneOut(Schema):
    id: int
    order: int  # script order
    number: str
    heading: str
    int_ext: str
    set: str
    time_of_day: str  # as the heading says: DAY, NIGHT, CONTINUOUS...
    page_start: str
    page_end: str
    eighths: int
    length: str  # "2 6/8"
    characters: list[str]
    synopsis: str
    omitted: bool


ScriptVersionPage = page_schema(ScriptVersionOut)
ScenePage = page_schema(SceneOut)


def _numbers(production) -> dict[int, int]:
    """Each version's number: its place in the order the production's versions came in."""
    order = ScriptVersion.objects.filter(production=production).order_by("created_at", "id")
    return {pk: n for n, pk in enumerate(order.values_list("pk", flat=True), start=1)}


def _version_out(version: ScriptVersion, number: int) -> dict:
    eighths = version.eighths or 0
    return {
        **{name: getattr(version, name) for name in _VERSION_PLAIN},
        "number": number,
        "scene_count": version.scene_count,
        "eighths": eighths,
        "length": format_eighths(eighths),
    }


_VERSION_PLAIN = [
    name
    for name in ScriptVersionOut.model_fields
    if name not in ("number", "scene_count", "eighths", "length")
]


def _with_totals(rows):
    return rows.annotate(scene_count=Count("scenes"), eighths=Sum("scenes__eighths"))


@router.get("/{production}/scripts", response={200: ScriptVersionPage, **ERRORS})
def script_versions_list(request, production: str, params: Query[ListParams]):
    """Every version of the script, in the order they changed (imported, or locked)."""
    access = need(request, Cap.SCRIPTS_VIEW)
    rows = _with_totals(ScriptVersion.objects.filter(production=access.production))
    live, _, next_cursor = cursor_page(rows, params, deleted=None)
    numbers = _numbers(access.production)
    return {
        "items": [_version_out(v, numbers[v.pk]) for v in live],
        "deleted": [],
        "next_cursor": next_cursor,
    }


@router.get("/{production}/scripts/{version_id}", response={200: ScriptVersionOut, **ERRORS})
def script_version_detail(request, production: str, version_id: int):
    access = need(request, Cap.SCRIPTS_VIEW)
    version = get_scoped_or_404(_with_totals(ScriptVersion.objects.all()), request, pk=version_id)
    return _version_out(version, _numbers(access.production)[version.pk])


@router.get("/{production}/scripts/{version_id}/scenes", response={200: ScenePage, **ERRORS})
def script_scenes_list(request, production: str, version_id: int, params: Query[ListParams]):
    """The version's scenes (an imported version's scenes never change: ``updated_since``
    after the import gives none). Pages are in id order; ``order`` is the script's."""
    need(request, Cap.SCRIPTS_VIEW)
    version = get_scoped_or_404(ScriptVersion, request, pk=version_id)
    rows = Scene.objects.filter(version=version).annotate(changed_at=F("version__created_at"))
    live, _, next_cursor = cursor_page(rows, params, changed="changed_at", deleted=None)
    return {
        "items": [
            {
                **{name: getattr(s, name) for name in _SCENE_PLAIN},
                "set": s.set_name,
                "length": s.length,
            }
            for s in live
        ],
        "deleted": [],
        "next_cursor": next_cursor,
    }


_SCENE_PLAIN = [name for name in SceneOut.model_fields if name not in ("set", "length")]
