"""The office's block on a person's page: what they hold that the office issued, flagged when
their last day nears or has passed (registered with people at start-up)."""

from django.template.loader import render_to_string

from callboard.core.capabilities import Cap

from . import queries


def person_items_panel(request, person) -> str:
    if not request.membership.can(Cap.OFFICE_MANAGE) or person.deleted_at:
        return ""
    held = queries.person_unreturned(person)
    if not held:
        return ""
    return render_to_string(
        "office/supplies/_person_items.html", {"held": held, "person": person}, request=request
    )
