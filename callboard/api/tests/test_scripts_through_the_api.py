"""Script versions and their scenes through the API: what the Script pages list, to whoever
may read the script, with a change feed (a lock is a change)."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from callboard.core.capabilities import Role
from callboard.core.testing import make_production
from callboard.scripts.models import ScriptVersion
from callboard.scripts.services import script_version_import, script_version_lock

SCRIPT = b"""Title: API Test

INT. KITCHEN - DAY

MARY
Morning.

EXT. BRIDGE - NIGHT

GEORGE
I wish I'd never been born.
"""


def _import(production, colour="White", day=1, data=SCRIPT):
    return script_version_import(
        actor=None,
        production=production,
        filename="api.fountain",
        data=data,
        colour=colour,
        revision_date=date(2026, 11, day),
        max_bytes=10_000_000,
    )


def test_versions_list_with_their_number_colour_pages_and_length(production, api):
    _import(production)
    _import(production, colour="Blue", day=5)
    body = api(Role.SCRIPT_SUPERVISOR).get(f"/api/productions/{production.slug}/scripts").json()
    rows = [(v["number"], v["colour"], v["revision_date"]) for v in body["items"]]
    assert rows == [(1, "White", "2026-11-01"), (2, "Blue", "2026-11-05")]
    first = body["items"][0]
    assert first["scene_count"] == 2 and first["page_count"] >= 1
    assert first["length"] and first["eighths"] > 0
    assert body["next_cursor"] is None


def test_a_versions_scenes_with_heading_day_night_and_eighths(production, api):
    version = _import(production)
    url = f"/api/productions/{production.slug}/scripts/{version.pk}/scenes"
    scenes = api(Role.SCRIPT_SUPERVISOR).get(url).json()["items"]
    assert [(s["number"], s["int_ext"], s["set"], s["time_of_day"]) for s in scenes] == [
        ("1", "INT", "KITCHEN", "DAY"),
        ("2", "EXT", "BRIDGE", "NIGHT"),
    ]
    assert all(s["eighths"] >= 1 and s["length"] for s in scenes)
    assert scenes[0]["characters"] == ["MARY"]


def test_locking_a_version_puts_it_in_the_feed_again(production, api):
    version = _import(production)
    client = api()
    url = f"/api/productions/{production.slug}/scripts"
    mark = ScriptVersion.objects.get(pk=version.pk).updated_at
    _import(production, colour="Blue", day=5)
    script_version_lock(actor=None, version=version)
    changed = client.get(url, updated_since=mark.isoformat()).json()["items"]
    assert [v["id"] for v in changed][-1] == version.pk
    assert changed[-1]["locked_at"] is not None


def test_roles_without_the_script_get_403(production, api):
    _import(production)
    for role in (Role.CREW, Role.ACCOUNTANT, Role.PAYROLL):
        response = api(role).get(f"/api/productions/{production.slug}/scripts")
        assert response.status_code == 403, role


def test_another_productions_version_is_404_under_this_slug(production, api):
    other = _import(make_production("Other Show"))
    client = api()
    for tail in (f"scripts/{other.pk}", f"scripts/{other.pk}/scenes"):
        response = client.get(f"/api/productions/{production.slug}/{tail}")
        assert response.status_code == 404, tail


def test_the_lists_run_a_constant_number_of_queries(production, api, django_assert_max_num_queries):
    first = _import(production)
    client = api()
    versions = f"/api/productions/{production.slug}/scripts"
    scenes = f"/api/productions/{production.slug}/scripts/{first.pk}/scenes"
    client.get(versions)  # the first request opens the rate window (one write more)
    with CaptureQueriesContext(connection) as one:
        client.get(versions)
    with CaptureQueriesContext(connection) as one_scenes:
        client.get(scenes)
    for day in range(2, 7):
        _import(production, day=day)
    longer = b"".join(b"INT. ROOM %d - DAY\n\nMARY\nHello.\n\n" % n for n in range(12))
    last = _import(production, day=7, data=longer)
    with django_assert_max_num_queries(len(one)):
        assert len(client.get(versions).json()["items"]) == 7
    scenes = f"/api/productions/{production.slug}/scripts/{last.pk}/scenes"
    with django_assert_max_num_queries(len(one_scenes)):
        assert len(client.get(scenes).json()["items"]) == 12
