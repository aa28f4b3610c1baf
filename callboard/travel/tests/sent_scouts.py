"""A scout with two riders in one van, sent, and the links each rider got by e-mail."""

import re

from callboard.core.models import OutboundEmail
from callboard.people.testing import make_person
from callboard.travel import services

from .scouting import build


def crewed(production):
    scout, _ = build(production)
    van = services.scout_van_save(actor=None, scout=scout, name="Van 1", driver="Sal")
    people = [make_person(production, first_name=name, last_name="Scout") for name in ("Ann", "Bo")]
    for person in people:
        services.scout_rider_add(actor=None, van=van, person=person)
    scout.refresh_from_db()
    return scout, van, people


def send(scout, capture):
    """Send the scout as it stands now (the worker runs at once)."""
    scout.refresh_from_db()
    with capture(execute=True):
        services.scout_send(actor=None, scout=scout)
    scout.refresh_from_db()


def link_of(person, version: int) -> str:
    """The path of the phone page link ``person`` was sent for ``version``."""
    email = OutboundEmail.objects.get(to=person.email, subject__endswith=f"(v{version})")
    return re.search(r"https?://\S+(/l/scout/\S+/)", email.body).group(1)
