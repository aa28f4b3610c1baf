"""Who has not confirmed the published sheet of today and the next shoot day: one line per
sheet, counted by person (a resent copy is the same person), linking to its who-has-it page;
for whoever publishes sheets only."""

from django.utils import timezone

from callboard.core.capabilities import Role
from callboard.distribution.models import Delivery
from callboard.people.models import Person

from .conftest import attention, line, published_sheet, send_sheet


def test_unconfirmed_recipients_of_todays_sheet_are_counted(production, week_board, member_client):
    people = list(Person.objects.filter(production=production, kind="cast"))
    sheet = published_sheet(production, production.today(), {p: "07:00" for p in people})
    deliveries = send_sheet(sheet, people)
    client = member_client(Role.COORDINATOR)
    found = line(attention(client, production), "not confirmed call sheet")
    assert found.startswith(f"3 of 3 have not confirmed call sheet #{sheet.number}")
    assert found.endswith(f"/p/{production.slug}/callsheets/{sheet.pk}/sent/?status=unconfirmed")
    # The link opens the who-has-it page showing just those three.
    page = client.get(found.split(" → ")[1]).content.decode()
    assert all(p.display_name in page for p in people)

    Delivery.objects.filter(pk=deliveries[people[0].pk].pk).update(confirmed_at=timezone.now())
    assert line(attention(client, production), "not confirmed").startswith("2 of 3 have not")
    # Sent again to the same people: still three people, not six copies.
    send_sheet(sheet, people[1:])
    assert line(attention(client, production), "not confirmed").startswith("2 of 3 have not")

    Delivery.objects.filter(dispatch__object_id=sheet.pk).update(confirmed_at=timezone.now())
    assert line(attention(client, production), "not confirmed") is None


def test_sheets_past_the_next_shoot_days_are_not_counted(production, week_board, member_client):
    people = list(Person.objects.filter(production=production, kind="cast"))
    later = published_sheet(production, production.today(), {}, number=3)  # day 3: not next
    send_sheet(later, people)
    assert line(attention(member_client(Role.COORDINATOR), production), "not confirmed") is None


def test_only_roles_that_publish_sheets_see_confirmations(production, week_board, member_client):
    people = list(Person.objects.filter(production=production, kind="cast"))
    send_sheet(published_sheet(production, production.today(), {}), people)
    for role in (Role.CREW, Role.DEPARTMENT_HEAD, Role.ACCOUNTANT, Role.PAYROLL):
        assert line(attention(member_client(role), production), "not confirmed") is None, role
    assert line(attention(member_client(Role.APOC), production), "not confirmed")
