"""Time cards: the people with a rate who have no card for last week or this week (for the
office that prepares them), cards waiting for a department head's approval (their own
department's only) and approved cards waiting for the office's review."""

from datetime import timedelta
from decimal import Decimal

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_user
from callboard.payroll.models import TimeCard
from callboard.people.models import Department
from callboard.people.testing import make_person

from .conftest import attention, line, worked_card


def test_people_with_a_rate_and_no_card_this_week_are_counted(production, this_week, member_client):
    client = member_client(Role.COORDINATOR)
    ann = make_person(production, first_name="Ann", rate=Decimal("50"), rate_unit="hour")
    make_person(
        production,
        first_name="Bo",
        rate=Decimal("50"),
        rate_unit="hour",
        start_date=this_week + timedelta(days=7),
    )  # starts next week
    make_person(production, first_name="Cy")  # no rate: no card
    found = line(
        attention(client, production), f"missing for the week of {this_week:%a %b} {this_week.day}"
    )
    assert found.startswith("1 time card missing for the week of")
    assert found.endswith(f"/timecards/?week={this_week.isoformat()}")
    last_week = this_week - timedelta(days=7)
    assert line(attention(client, production), f"week of {last_week:%a %b} {last_week.day}")

    worked_card(ann, this_week, approved=False)
    assert (
        line(
            attention(client, production),
            f"missing for the week of {this_week:%a %b} {this_week.day}",
        )
        is None
    )


def test_weeks_outside_the_productions_dates_ask_for_no_cards(production, this_week, member_client):
    production.prep_start = this_week + timedelta(days=3)
    production.shoot_start = this_week + timedelta(days=20)
    production.save()
    make_person(production, rate=Decimal("50"), rate_unit="hour")
    lines = attention(member_client(Role.COORDINATOR), production)
    assert line(lines, "time card missing for the week of")  # this week: prep has begun
    last_week = this_week - timedelta(days=7)
    assert line(lines, f"week of {last_week:%a %b} {last_week.day}") is None


def test_submitted_cards_wait_on_their_department_heads_approval(production, this_week, client):
    camera, grip = (
        Department.objects.create(production=production, name=n, order=90 + i)
        for i, n in enumerate(["Camera X", "Grip X"])
    )
    head = add_member(production, Role.DEPARTMENT_HEAD, make_user("dp@example.test"))
    make_person(production, email="dp@example.test", department=camera, is_department_head=True)
    other = add_member(production, Role.DEPARTMENT_HEAD, make_user("key@example.test"))
    make_person(production, email="key@example.test", department=grip, is_department_head=True)
    operator = make_person(production, department=camera, rate=Decimal("50"), rate_unit="hour")
    card = worked_card(operator, this_week, approved=False)

    client.force_login(head)
    found = line(attention(client, production), "waiting for your approval")
    assert found.startswith("1 time card waiting for your approval (week of")
    assert found.endswith(f"/timecards/?week={this_week.isoformat()}")
    assert line(attention(client, production), "missing for the week") is None  # the office's
    client.force_login(other)
    assert line(attention(client, production), "time card") is None

    TimeCard.objects.filter(pk=card.pk).update(status=TimeCard.Status.APPROVED)
    client.force_login(head)
    assert line(attention(client, production), "time card") is None
    office = add_member(production, Role.PAYROLL)
    client.force_login(office)
    found = line(attention(client, production), "waiting for review")
    assert found.startswith("1 time card approved by their department, waiting for review")


def test_crew_and_accounts_without_time_card_powers_see_no_cards(
    production, this_week, member_client
):
    person = make_person(production, rate=Decimal("50"), rate_unit="hour")
    worked_card(person, this_week, approved=False)
    for role in (Role.CREW, Role.PA):
        assert line(attention(member_client(role), production), "time card") is None, role
    upm = attention(member_client(Role.UPM), production)
    assert line(upm, "waiting for your approval")  # the UPM approves any department's
