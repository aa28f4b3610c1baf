"""Each person's calls as an iCal feed they subscribe to once: every published call sheet
(its latest published version) with their own call time, the place and the wrap; and, for the
days no call sheet has reached yet, their work days in the latest sent schedule version, as
all-day events (one stable UID per person and day, so a new version moves them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from callboard.core.links import link_grant_create, link_token
from callboard.core.models import LinkGrant
from callboard.people.models import Person
from callboard.schedule.queries import sent_work_days

from .models import CallSheet
from .queries import at, issued, later_in_day

CALENDAR_PURPOSE = "calendar"


def calendar_link(person: Person) -> str:
    """The person's feed address: one live link per person, made the first time it is needed."""
    grant = (
        LinkGrant.objects.filter(
            production=person.production,
            purpose=CALENDAR_PURPOSE,
            subject_type=person._meta.label_lower,
            subject_id=person.pk,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),  # an expired feed is replaced, not handed out
        )
        .order_by("-created_at")
        .first()
    )
    if grant is None:
        grant, _ = link_grant_create(
            production=person.production,
            purpose=CALENDAR_PURPOSE,
            subject=person,
            valid_for=timedelta(days=366),
        )
    return settings.SITE_URL + reverse("calls_calendar", args=[link_token(grant)])


def person_calendar(person: Person) -> bytes:
    from icalendar import Calendar, Event  # here, not when the apps load (call sheets sending)

    production = person.production
    feed = Calendar()
    feed.add("prodid", "-//Callboard//Call sheets//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"{production.title} — my calls")
    feed.add("x-wr-timezone", production.time_zone)
    latest: dict[tuple[int, int], CallSheet] = {}
    covered: set[date] = set()  # days a call sheet speaks for: its timed event wins
    published = CallSheet.objects.filter(production=production, status=CallSheet.Status.PUBLISHED)
    for sheet in published.select_related("scenario", "production").order_by("version"):
        latest[(sheet.scenario_id, sheet.day_number)] = sheet
    for sheet in sorted(latest.values(), key=lambda s: s.date):
        covered.add(sheet.date)
        try:
            call = issued(sheet).calls.get(person.pk)
        except LookupError:
            continue
        if call is None or not call.working:  # not called, or marked N/W (not working)
            continue
        event = Event()
        event.add(
            "uid", f"callboard-{production.pk}-{sheet.scenario_id}-{sheet.day_number}-{person.pk}"
        )
        event.add("summary", f"Call {call.text} — {production.title} (day {sheet.day_number})")
        if call.first is None:  # O/C, W/N, PER DEPT HEAD: the day, not a time
            event.add("dtstart", sheet.date)
            event.add("dtend", sheet.date + timedelta(days=1))
        else:
            start = at(sheet, call.first)
            end = later_in_day(sheet, sheet.est_wrap) or start + timedelta(hours=12)
            event.add("dtstart", start)
            event.add("dtend", max(end, start + timedelta(minutes=30)))
        event.add("dtstamp", sheet.published_at or datetime.now(tz=production.tzinfo))
        event.add("location", ", ".join(x for x in (sheet.location_name, sheet.set_address) if x))
        event.add(
            "description",
            f"Call sheet #{sheet.number} v{sheet.version}. Crew call {sheet.crew_call:%-I:%M %p}.",
        )
        event.add("sequence", sheet.version)
        feed.add_component(event)
    _schedule_days(feed, person, covered)
    feed.add_missing_timezones()  # VTIMEZONE blocks, for strict clients
    return feed.to_ical()


def _schedule_days(feed, person: Person, covered: set[date]) -> None:
    from icalendar import Event

    production = person.production
    version, days = sent_work_days(person)
    for day in days:
        if day.date in covered:
            continue
        event = Event()
        event.add("uid", f"callboard-{production.pk}-workday-{day.date:%Y%m%d}-{person.pk}")
        event.add("summary", f"Shoot day {day.number} — {production.title}")
        event.add("dtstart", day.date)
        event.add("dtend", day.date + timedelta(days=1))
        event.add("dtstamp", version.published_at)
        scenes = ", ".join(s.number for s in day.scenes)
        event.add(
            "description",
            f"Schedule {version.title}. Scenes {scenes or '—'}. "
            "The call time comes with the call sheet.",
        )
        event.add("sequence", version.number)
        feed.add_component(event)
