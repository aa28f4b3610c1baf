"""The breakdown, the scenarios, a scenario's board and its DOOD through the API: the schedule
pages' reads (strip_infos, scenario_plan, scenario_dood), to whoever may read the schedule."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from callboard.callsheets.tests.conftest import shooting  # noqa: F401  (the two-day schedule)
from callboard.core.capabilities import Role
from callboard.core.testing import make_production
from callboard.schedule.models import Element, Scenario, Strip, Ucid
from callboard.schedule.services import element_update, ensure_categories, strip_element_add


def _url(production, tail):
    return f"/api/productions/{production.slug}/{tail}"


def test_the_breakdown_gives_each_sheets_heading_cast_and_elements(production, shooting, api):  # noqa: F811
    items = api(Role.ACCOUNTANT).get(_url(production, "breakdown")).json()["items"]
    by_scene = {s["scene"]: s for s in items}
    kitchen = by_scene["1"]
    assert (kitchen["set"], kitchen["int_ext"], kitchen["dn"]) == ("KITCHEN", "INT", "D")
    assert kitchen["cast_ids"] == ["1", "2"] and kitchen["location"] == "Bailey house"
    assert by_scene["2"]["dn"] == "N"
    groups = {g["category"]: [e["name"] for e in g["elements"]] for g in kitchen["elements"]}
    assert groups["Cast Members"] == ["MARY", "GEORGE"]
    assert groups["Location"] == ["Bailey house"]


def test_tagging_or_renaming_an_element_puts_its_sheets_in_the_feed(production, shooting, api):  # noqa: F811
    client = api()
    mark = timezone.now()
    props = ensure_categories(production)[Ucid.PROPS]
    bridge = Strip.objects.get(production=production, scene_number="2")
    strip_element_add(actor=None, strip=bridge, category=props, name="Snow globe")
    feed = client.get(_url(production, "breakdown"), updated_since=mark.isoformat()).json()
    assert [s["scene"] for s in feed["items"]] == ["2"]
    mark = timezone.now()
    mary = Element.objects.get(production=production, name="MARY")
    element_update(actor=None, element=mary, name="MARY HATCH")
    feed = client.get(_url(production, "breakdown"), updated_since=mark.isoformat()).json()
    assert [s["scene"] for s in feed["items"]] == ["1"]
    assert feed["items"][0]["elements"]


def test_the_board_gives_the_days_in_order_with_their_strips_and_days_off(
    production,
    shooting,  # noqa: F811
    api,
):
    shooting.layout = {**shooting.layout, "days": [*shooting.layout["days"], []]}
    shooting.save()  # a third day, after the weekend
    board = api(Role.SECOND_AD).get(_url(production, f"scenarios/{shooting.pk}/board")).json()
    days = board["shoot_days"]
    assert [(d["number"], d["date"]) for d in days] == [
        (1, "2026-12-10"),
        (2, "2026-12-11"),
        (3, "2026-12-14"),
    ]
    assert [s["scene"] for s in days[0]["strips"]] == ["1", "2"]
    assert days[0]["strips"][0]["cast_ids"] == ["1", "2"]
    assert days[0]["strips"][1]["dn"] == "N"
    assert days[1]["strips"][0]["set"] == "BANK"
    assert days[0]["days_off_after"] == [] and days[2]["strips"] == []
    weekend = [
        {"date": "2026-12-12", "label": "Day off"},
        {"date": "2026-12-13", "label": "Day off"},
    ]
    assert days[1]["days_off_after"] == weekend and days[1]["week_ends"]
    assert board["days_off"] == weekend
    assert board["eighths"] == sum(d["eighths"] for d in days)


def test_the_dood_gives_each_cast_members_codes_per_day(production, shooting, api):  # noqa: F811
    dood = api().get(_url(production, f"scenarios/{shooting.pk}/dood")).json()
    assert dood["dated"] and dood["category"] == "Cast Members"
    assert [(d["date"], d["shoot_day"]) for d in dood["days"]] == [
        ("2026-12-10", 1),
        ("2026-12-11", 2),
    ]
    rows = {r["name"]: r for r in dood["rows"]}
    assert rows["MARY"]["codes"] == ["SWF", ""] and rows["MARY"]["work"] == 1
    assert rows["POTTER"]["codes"] == ["", "SWF"]
    assert rows["MARY"]["person_id"] is not None


def test_the_dood_of_an_unknown_category_is_404_and_of_an_undated_board_empty(
    production,
    shooting,  # noqa: F811
    api,
):
    client = api()
    url = _url(production, f"scenarios/{shooting.pk}/dood")
    assert client.get(url, category="no such thing").status_code == 404
    shooting.calendar.start = None
    shooting.calendar.save()
    dood = client.get(url).json()
    assert (dood["dated"], dood["days"], dood["rows"]) == (False, [], [])


def test_roles_without_the_schedule_get_403(production, shooting, api):  # noqa: F811
    for role in (Role.CREW, Role.PA):
        client = api(role)
        for tail in ("breakdown", "scenarios", f"scenarios/{shooting.pk}/board"):
            assert client.get(_url(production, tail)).status_code == 403, (role, tail)


def test_another_productions_scenario_is_404_under_this_slug(production, api):
    other = Scenario.objects.create(production=make_production("Other Show"), name="Theirs")
    client = api()
    for tail in (f"scenarios/{other.pk}/board", f"scenarios/{other.pk}/dood"):
        assert client.get(_url(production, tail)).status_code == 404, tail


def test_the_lists_run_a_constant_number_of_queries(
    production,
    shooting,  # noqa: F811
    api,
    django_assert_max_num_queries,
):
    client = api()
    client.get(_url(production, "scenarios"))  # the token's first use writes its last use
    with CaptureQueriesContext(connection) as breakdown:
        client.get(_url(production, "breakdown"))
    with CaptureQueriesContext(connection) as scenarios:
        client.get(_url(production, "scenarios"))
    props = ensure_categories(production)[Ucid.PROPS]
    for n in range(10):
        strip = Strip.objects.create(production=production, scene_number=f"{n + 10}", eighths=3)
        strip_element_add(actor=None, strip=strip, category=props, name=f"Prop {n}")
        Scenario.objects.create(production=production, name=f"Plan {n}", calendar=shooting.calendar)
    with django_assert_max_num_queries(len(breakdown)):
        assert len(client.get(_url(production, "breakdown")).json()["items"]) == 13
    with django_assert_max_num_queries(len(scenarios)):
        assert len(client.get(_url(production, "scenarios")).json()["items"]) == 11
