import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from callboard.people.models import Department
from callboard.people.testing import make_person


def departments(production):
    return {d.name: d for d in Department.objects.filter(production=production)}


def test_crew_list_groups_people_by_department_in_the_standard_order(
    coordinator_client, production
):
    d = departments(production)
    make_person(
        production,
        first_name="Gary",
        last_name="Grip",
        department=d["Grip"],
        position="Key Grip",
        is_department_head=True,
    )
    make_person(
        production, first_name="Cam", last_name="Era", department=d["Camera"], position="DP"
    )
    make_person(
        production, first_name="Pat", last_name="Prod", department=d["Production"], position="UPM"
    )
    page = coordinator_client.get(f"/p/{production.slug}/people/").content.decode()
    assert page.index(">Production <") < page.index(">Camera <") < page.index(">Grip <")
    assert "Gary Grip" in page and "Key Grip" in page


def test_search_finds_by_name_position_or_phone(coordinator_client, production):
    make_person(
        production, first_name="Ana", last_name="Ruiz", position="Gaffer", phone="(323) 555-0111"
    )
    make_person(production, first_name="Bo", last_name="Lee", position="Best Boy Grip")
    url = f"/p/{production.slug}/people/"
    assert "Ana Ruiz" in coordinator_client.get(url, {"q": "gaff"}).content.decode()
    assert "Bo Lee" not in coordinator_client.get(url, {"q": "gaff"}).content.decode()
    assert "Ana Ruiz" in coordinator_client.get(url, {"q": "555-0111"}).content.decode()


def test_filters_by_department_and_status(coordinator_client, production):
    d = departments(production)
    make_person(
        production, first_name="Cam", last_name="Era", department=d["Camera"], status="shooting"
    )
    make_person(
        production, first_name="Sue", last_name="Sound", department=d["Sound"], status="prepping"
    )
    url = f"/p/{production.slug}/people/"
    page = coordinator_client.get(url, {"department": d["Camera"].pk}).content.decode()
    assert "Cam Era" in page and "Sue Sound" not in page
    page = coordinator_client.get(url, {"status": "prepping"}).content.decode()
    assert "Sue Sound" in page and "Cam Era" not in page


def test_htmx_search_returns_only_the_results(coordinator_client, production):
    make_person(production, first_name="Ana", last_name="Ruiz")
    response = coordinator_client.get(
        f"/p/{production.slug}/people/", {"q": "ana"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Ana Ruiz" in html and "<html" not in html


def test_cast_list_is_ordered_by_cast_id(coordinator_client, production):
    make_person(production, kind="cast", first_name="Second", character="RAY", cast_number=2)
    make_person(production, kind="cast", first_name="First", character="MAGGIE", cast_number=1)
    page = coordinator_client.get(
        f"/p/{production.slug}/people/", {"kind": "cast"}
    ).content.decode()
    assert page.index("MAGGIE") < page.index("RAY")


@pytest.mark.parametrize("kind", ["crew", "cast"])
def test_the_list_takes_the_same_number_of_queries_for_10_or_200_people(
    coordinator_client, production, kind
):
    url = f"/p/{production.slug}/people/?kind={kind}"

    def add(n):
        for i in range(n):
            extra = {"character": f"ROLE {i}"} if kind == "cast" else {}
            make_person(production, kind=kind, **extra)

    def count():
        reset_queries()  # the request resets the log too; start both counts from zero
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.get(url).status_code == 200
        return len(queries)

    add(10)
    small = count()
    add(190)
    assert count() == small
    assert small <= 8


def test_crew_role_sees_the_list_but_not_rates_or_home_addresses(member_client, production):
    person = make_person(
        production,
        first_name="Ana",
        last_name="Ruiz",
        rate="55.0000",
        rate_unit="hour",
        street="12 Elm St",
    )
    crew = member_client("crew")
    assert "Ana Ruiz" in crew.get(f"/p/{production.slug}/people/").content.decode()
    detail = crew.get(f"/p/{production.slug}/people/{person.pk}/").content.decode()
    assert "12 Elm St" not in detail and "55.00" not in detail
    assert crew.get(f"/p/{production.slug}/people/new/").status_code == 403


def test_payroll_sees_rates_and_addresses(member_client, production):
    person = make_person(production, rate="55.0000", rate_unit="hour", street="12 Elm St")
    detail = (
        member_client("payroll").get(f"/p/{production.slug}/people/{person.pk}/").content.decode()
    )
    assert "12 Elm St" in detail and "$55.00" in detail


def test_filter_by_union_or_non_union(coordinator_client, production):
    make_person(production, first_name="Union", last_name="Member", union="IATSE", local="600")
    make_person(production, first_name="Non", last_name="Union", union="")
    url = f"/p/{production.slug}/people/"
    assert [
        p.first_name for p in coordinator_client.get(url, {"union": "iatse"}).context["people"]
    ] == ["Union"]
    assert [
        p.first_name for p in coordinator_client.get(url, {"union": "600"}).context["people"]
    ] == ["Union"]
    assert [
        p.first_name for p in coordinator_client.get(url, {"union": "non-union"}).context["people"]
    ] == ["Non"]


def test_rates_and_dates_read_as_the_office_writes_them(coordinator_client, production):
    from datetime import date
    from decimal import Decimal

    make_person(
        production,
        first_name="Rae",
        rate=Decimal("1250.125"),
        rate_unit="day",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 4, 10),
    )
    page = coordinator_client.get(f"/p/{production.slug}/people/").content.decode()
    assert "$1,250.13/day" in page and "Mar 2 – Apr 10" in page
