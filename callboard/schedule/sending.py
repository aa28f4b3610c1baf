"""What each recipient of a sent schedule version gets: "REVISED — Blue revision", what moved
for them since the version they were last sent (cast: only their scenes and days), and their
personal link to the phone page (cast: their own days; crew: the schedule's documents)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from callboard.core.links import link_token
from callboard.distribution.registry import Message

from .models import ScheduleVersion
from .queries import SEND_KIND, cast_ids_of, recipient_schedule, version_before, versions_last_sent

KIND = SEND_KIND


def composer(dispatch):
    version = ScheduleVersion.objects.select_related("production", "scenario").get(
        pk=dispatch.object_id
    )
    production = version.production
    person_ids = list(dispatch.deliveries.values_list("person_id", flat=True))
    cast_ids = cast_ids_of(production, person_ids)
    last_sent = versions_last_sent(version, person_ids)
    before = version_before(version)
    diffs: dict = {}

    def compose(delivery) -> Message:
        person = delivery.person
        cast_id = cast_ids.get(person.pk) if person.kind == person.Kind.CAST else None
        view = recipient_schedule(
            version, cast_id=cast_id, against=last_sent.get(person.pk, before), diffs=diffs
        )
        link = settings.SITE_URL + reverse(
            "schedule_version_by_link", args=[link_token(delivery.grant)]
        )
        lines = [f"REVISED — {version.colour} revision" if view.revised else version.title, ""]
        lines.append(view.headline)
        for head, sentences in view.moved:
            lines.append(head)
            lines.extend(f"  - {s}" for s in sentences)
        if view.cast_change is not None:
            change = view.cast_change
            lines.append(
                f"Your days: {', '.join(map(str, change.days_before)) or 'none'} → "
                f"{', '.join(map(str, change.days_after)) or 'none'}"
            )
        what = "your days" if cast_id else "the shooting schedule, one-liner and DOOD"
        body = (
            f"Hello {person.preferred_name or person.first_name},\n\n"
            + "\n".join(lines)
            + f"\n\nOpen {what} and confirm you have it (one tap):\n{link}\n\n"
            + (f"{dispatch.message}\n\n" if dispatch.message else "")
            + f"{production.title} production office\n"
        )
        revised = "REVISED schedule" if view.revised else "Schedule"
        text = f"{production.title}: {revised} ({version.colour}). Confirm: {link}"
        return Message(dispatch.subject, body, text)

    return compose
