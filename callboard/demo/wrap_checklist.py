"""The demo's wrap checklist (issue 21 item 8): the usual list, each item given to the member
who would own it, two done already (the casting office's parking and internet, closed when
casting wrapped) and prep's camera-test package overdue back at the rental house. Everything
through the services."""

from __future__ import annotations

from datetime import timedelta

from callboard.core.models import Membership
from callboard.wrap.checklist.services import (
    checklist_item_add,
    checklist_item_complete,
    checklist_item_update,
    checklist_seed,
)
from callboard.wrap.models import ChecklistItem

# Who owns each category of the usual list, by role.
OWNERS = {
    "rentals": "apoc",
    "accounts": "accountant",
    "services": "coordinator",
    "insurance": "upm",
    "other": "coordinator",
}


def build_wrap_checklist(production, *, actor, today) -> dict:
    members = {
        m.role: m.user
        for m in Membership.objects.filter(production=production).select_related("user")
    }
    checklist_seed(actor=actor, production=production)
    for item in ChecklistItem.objects.filter(production=production):
        checklist_item_update(
            actor=actor,
            item=item,
            title=item.title,
            category=item.category,
            owner=members[OWNERS[item.category]],
            due=item.due,
            notes=item.notes,
        )
    done = [
        checklist_item_add(
            actor=actor,
            production=production,
            title="Close the casting office's parking account",
            category="services",
            owner=members["coordinator"],
            due=production.shoot_start - timedelta(days=3),
        ),
        checklist_item_add(
            actor=actor,
            production=production,
            title="Cancel the casting office's internet",
            category="services",
            owner=members["coordinator"],
            due=production.shoot_start - timedelta(days=3),
        ),
    ]
    for item in done:
        checklist_item_complete(actor=members[OWNERS[item.category]], item=item)
    late = checklist_item_add(
        actor=actor,
        production=production,
        title="Return the camera-test package to the rental house",
        category="rentals",
        owner=members["apoc"],
        due=today - timedelta(days=1),
        notes="Tests shot in week 3 of prep; the package is still on the office's cart.",
    )
    return {
        "items": ChecklistItem.objects.filter(production=production).count(),
        "done": 2,
        "late": late,
    }
