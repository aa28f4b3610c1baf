"""A bounce at 11:30 PM in Los Angeles is reported on that day, not the next (UTC) one."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

from callboard.people.models import Person

LATE_EVENING = datetime(2027, 1, 14, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_the_edit_form_dates_a_late_evening_bounce_on_the_productions_day(
    coordinator_client, production
):
    assert production.time_zone == "America/Los_Angeles"
    person = Person.objects.create(
        production=production, first_name="Ana", last_name="Ruiz", email="ana@example.test"
    )
    with mock.patch(
        "django.utils.timezone.now", return_value=LATE_EVENING.astimezone(ZoneInfo("UTC"))
    ):
        person.email_bounced_at = timezone.now()  # as delivery stamps a refused message
    person.save(update_fields=["email_bounced_at"])
    page = coordinator_client.get(f"/p/{production.slug}/people/{person.pk}/edit/").content.decode()
    assert "Mail to this address bounced on Jan 14:" in page, page
