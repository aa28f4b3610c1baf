"""A script sent at 11:30 PM in Los Angeles is dated that evening, not the next day in UTC:
the watermark footer on every page and the link's last day in the e-mail are the production's
dates."""

import re
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pypdfium2

from callboard.core.models import OutboundEmail
from callboard.people.models import Person
from callboard.scripts.tests.test_distribution import send

LATE_EVENING = datetime(2027, 1, 14, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_a_copy_sent_late_in_the_evening_carries_the_productions_date(
    coordinator, coordinator_client, production, client, django_capture_on_commit_callbacks
):
    assert production.time_zone == "America/Los_Angeles"
    Person.objects.create(
        production=production, first_name="Ana", last_name="Ruiz", email="ana@example.test"
    )
    with mock.patch(
        "django.utils.timezone.now", return_value=LATE_EVENING.astimezone(ZoneInfo("UTC"))
    ):
        coordinator_client.force_login(coordinator)  # signed in on that evening
        send(
            coordinator_client,
            production,
            django_capture_on_commit_callbacks,
            people=[p.pk for p in production.people.all()],
        )
        body = OutboundEmail.objects.get(to="ana@example.test").body
        link = re.search(r"https?://[^/]+(/l/script/\S+)", body).group(1)
        coordinator_client.logout()
        pdf = client.get(link)
        text = pypdfium2.PdfDocument(b"".join(pdf.streaming_content))[1].get_textpage()
        footer = text.get_text_range()
    # Valid for 7 days from Jan 14, 11:30 PM Pacific: until Jan 21 there (Jan 22 in UTC).
    assert "works until Jan 21, 2027." in body, body
    assert "Issued to Ana Ruiz · 01/14/27" in footer, footer
