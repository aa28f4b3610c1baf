"""Cast and crew who work in the week ahead (on its shoot days' scenes and sheets, or
starting by their start date) without an approved start packet: counted for whoever sends
and approves packets, never per person in queries, hidden from everyone else."""

from datetime import timedelta

from callboard.core.capabilities import Role
from callboard.paperwork.models import Packet
from callboard.people.models import Person
from callboard.people.testing import make_person

from .conftest import attention, line, send_packet


def packets_line(client, production):
    return line(attention(client, production), "without an approved start packet")


def test_people_working_this_week_without_an_approved_packet_are_counted(
    production, week_board, member_client, django_capture_on_commit_callbacks
):
    client = member_client(Role.COORDINATOR)
    today = production.today()
    # Mary (day 1) and George (day 2) work; Potter (day 9) does not this week; Gail (crew)
    # does; Walt is wrapped.
    found = packets_line(client, production)
    assert found.startswith("3 cast and crew working ")
    assert found.endswith(f"/p/{production.slug}/paperwork/")

    mary = Person.objects.get(production=production, character="MARY")
    packet = send_packet(mary, django_capture_on_commit_callbacks)
    assert packets_line(client, production).startswith("3 ")  # sent is not approved
    Packet.objects.filter(pk=packet.pk).update(status=Packet.Status.APPROVED)
    assert packets_line(client, production).startswith("2 ")

    # A crew member starting after the week, and one whose job ended before it, do not count;
    # one starting on Tuesday does (crew's start date, and prep crew are not on a sheet).
    make_person(production, first_name="Late", start_date=today + timedelta(days=10))
    make_person(production, first_name="Gone", end_date=today - timedelta(days=1))
    assert packets_line(client, production).startswith("2 ")

    for person in Person.objects.filter(production=production).exclude(pk=mary.pk):
        Packet.objects.create(production=production, person=person, status="approved")
    assert packets_line(client, production) is None


def test_without_shoot_days_only_people_starting_this_week_count(production, member_client):
    client = member_client(Role.COORDINATOR)
    make_person(production, first_name="Ann", start_date=production.today() + timedelta(days=2))
    make_person(production, first_name="Bo", start_date=production.today() + timedelta(days=9))
    make_person(production, first_name="Cy")  # no dates, no schedule: not known to work
    assert packets_line(client, production).startswith("1 cast and crew working")


def test_cast_called_on_a_published_sheet_count_even_when_not_in_its_scenes(
    production, week_board, member_client
):
    from .conftest import published_sheet

    extra = make_person(
        production, kind=Person.Kind.CAST, first_name="Stand", character="DOUBLE", department=None
    )
    for person in Person.objects.filter(production=production).exclude(pk=extra.pk):
        Packet.objects.create(production=production, person=person, status="approved")
    client = member_client(Role.COORDINATOR)
    assert packets_line(client, production) is None
    published_sheet(production, production.today(), {extra: "06:00"})
    assert packets_line(client, production).startswith("1 ")


def test_only_roles_that_manage_paperwork_see_it(production, week_board, member_client):
    for role in (Role.CREW, Role.DEPARTMENT_HEAD, Role.ACCOUNTANT, Role.PA):
        assert packets_line(member_client(role), production) is None, role
    for role in (Role.COORDINATOR, Role.UPM, Role.PAYROLL, Role.APOC):
        assert packets_line(member_client(role), production), role


def test_a_submitted_packet_waits_on_the_next_role_in_its_chain(
    production, week_board, member_client
):
    mary = Person.objects.get(production=production, character="MARY")
    packet = Packet.objects.create(
        production=production, person=mary, status="submitted", chain=["coordinator", "upm"]
    )
    found = line(
        attention(member_client(Role.COORDINATOR), production), "waiting for your approval"
    )
    assert found.startswith("1 start packet waiting for your approval")
    assert found.endswith(f"/paperwork/{packet.pk}/")
    assert line(attention(member_client(Role.UPM), production), "start packet waiting") is None
    packet.approvals = [{"role": "coordinator", "by": "C", "user_id": 0}]
    packet.save()
    assert line(attention(member_client(Role.UPM), production), "start packet waiting")
    assert (
        line(attention(member_client(Role.COORDINATOR), production), "start packet waiting") is None
    )
