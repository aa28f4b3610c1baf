"""Small builders shared by the tests of every app (not imported by application code)."""

import itertools

from callboard.core.capabilities import Role
from callboard.core.models import Membership, Production, User
from callboard.core.services import production_create
from callboard.people.models import Department, Person

_serial = itertools.count(1)
PASSWORD = "a-long-test-password-1"


def make_user(email: str | None = None, *, name: str = "") -> User:
    email = email or f"user{next(_serial)}@example.test"
    return User.objects.create_user(email, PASSWORD, name=name or email.split("@")[0].title())


def make_production(title: str = "Test Show", *, owner: User | None = None, **fields) -> Production:
    return production_create(actor=owner or make_user(), title=title, **fields)


def add_member(production: Production, role: Role | str, user: User | None = None) -> User:
    user = user or make_user()
    Membership.objects.create(production=production, user=user, role=role)
    return user


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


def log_in(page, live_server, email: str, production) -> None:
    """Log in through the form, as a person would, and land on the production's home."""
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/p/{production.slug}/")
