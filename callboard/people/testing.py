"""Builders for tests that need people on a production's lists (not imported by application
code)."""

import itertools

from callboard.core.models import Production
from callboard.people.models import Department, Person

_serial = itertools.count(1)


def make_person(production: Production, **fields) -> Person:
    n = next(_serial)
    fields.setdefault("first_name", f"First{n}")
    fields.setdefault("last_name", f"Last{n}")
    fields.setdefault("email", f"person{n}@example.test")
    if fields.get("kind", Person.Kind.CREW) == Person.Kind.CREW:
        fields.setdefault(
            "department", Department.objects.filter(production=production).order_by("order").first()
        )
        fields.setdefault("position", "Production Assistant")
    return Person.objects.create(production=production, **fields)
