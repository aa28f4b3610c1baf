"""Builders for the runs tests: an office PA with a login and a rate, and a small chart."""

from decimal import Decimal

from callboard.accounting.models import Account
from callboard.core.capabilities import Role
from callboard.core.testing import add_member
from callboard.people.models import Department
from callboard.people.testing import make_person


def office_pa(production, **fields):
    """An office PA on the crew list whose login has the PA role: (person, user)."""
    user = add_member(production, Role.PA)
    department, _ = Department.objects.get_or_create(production=production, name="Production")
    person = make_person(
        production,
        department=department,
        position="Office PA",
        email=user.email,
        account=user,
        rate=Decimal("20"),
        rate_unit="hour",
        **fields,
    )
    return person, user


def chart(production):
    for n, (code, description) in enumerate([("2700", "Set dressing"), ("6500", "Office")]):
        Account.objects.create(
            production=production,
            code=code,
            number=code,
            description=description,
            category="Production",
            order=n,
        )
