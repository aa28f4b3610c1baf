"""A crew member who logs in (Ann, crew role, her login's e-mail on her crew-list entry) and
builders for the things the office sends her, each through its app's own service."""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest

from callboard.callsheets.models import CallSheet
from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, make_user
from callboard.distribution.services import dispatch_create
from callboard.paperwork.services import packet_create, packet_send
from callboard.payroll import services as payroll
from callboard.payroll.engine import sunday_on_or_before
from callboard.payroll.models import TimeCard
from callboard.people.testing import make_person
from callboard.schedule.models import Scenario

ANN = "ann.lee@example.test"


@pytest.fixture
def ann_user(production):
    return add_member(production, Role.CREW, make_user(ANN, name="Ann Lee"))


@pytest.fixture
def ann(production, ann_user):
    # The list keeps the address as typed by the office; the login's is lower case.
    return make_person(
        production,
        first_name="Ann",
        last_name="Lee",
        email=ANN,
        position="Camera Operator",
        rate=Decimal("55.75"),
        rate_unit="hour",
    )


@pytest.fixture
def ann_client(client, ann_user):
    client.force_login(ann_user)
    return client


@pytest.fixture
def this_week(production):
    return sunday_on_or_before(production.today())


def emailed_link(email: str, prefix: str) -> str:
    body = OutboundEmail.objects.filter(to=email).latest("id").body
    return re.search(rf"({prefix}\S+/)", body).group(1)


def send_packet(person, capture):
    packet = packet_create(
        actor=None,
        production=person.production,
        person=person,
        kinds=["start_form", "direct_deposit"],
        start_date=None,
    )
    with capture(execute=True):
        packet_send(actor=None, packet=packet)
    packet.refresh_from_db()
    return packet


def send_card(person, week, capture):
    card = payroll.timecard_prepare(actor=None, person=person, week_start=week)
    with capture(execute=True):
        payroll.timecard_send(actor=None, card=card)
    card.refresh_from_db()
    return card


def worked_card(person, week, *, approved: bool):
    """A card with two days worked (10 h each), signed, and approved when asked (set directly:
    these tests are about what the person sees, not about who may approve)."""
    card = payroll.timecard_prepare(actor=None, person=person, week_start=week)
    days = [
        {
            "date": (week + timedelta(days=n)).isoformat(),
            "call": "07:00",
            "wrap": "17:30",
            "meals": [{"start": "12:00", "end": "12:30", "grace": False}],
            "ndb": None,
            "note": "",
        }
        for n in (1, 2)
    ]
    card = payroll.timecard_save(actor=None, card=card, days=days)
    card = payroll.timecard_submit(card=card, signature=person.full_name)
    if approved:
        TimeCard.objects.filter(pk=card.pk).update(status=TimeCard.Status.APPROVED)
        card.refresh_from_db()
    return card


def published_sheet(production, day, calls: dict, *, number=1):
    """A published call sheet calling {person: "HH:MM"} (its frozen snapshot, as published)."""
    scenario = Scenario.objects.filter(production=production).first() or Scenario.objects.create(
        production=production, name="Main"
    )
    return CallSheet.objects.create(
        production=production,
        scenario=scenario,
        day_number=number,
        date=day,
        number=number,
        crew_call=time(7, 0),
        status=CallSheet.Status.PUBLISHED,
        snapshot={
            "calls": {str(p.pk): [t, f"{t} call"] for p, t in calls.items()},
            "document": {},
            "sides_for": [],
            "scenes": [],
        },
    )


def send_sheet(sheet, people):
    """The office sends the sheet: one delivery (and signed link) per person. The e-mails
    themselves go out after commit, which these tests do not need."""
    dispatch, _ = dispatch_create(
        actor=None,
        production=sheet.production,
        kind="callsheet",
        object_id=sheet.pk,
        key=f"sheet-{sheet.pk}",
        subject=f"Call sheet #{sheet.number}",
        people=people,
        valid_for=timedelta(days=7),
    )
    return {d.person_id: d for d in dispatch.deliveries.select_related("grant")}


SCRIPT = b"""Title: Week Test

INT. KITCHEN - DAY

MARY
Morning.

EXT. BRIDGE - NIGHT

GEORGE
I wish I'd never been born.

INT. BANK - DAY

POTTER
Bailey!
"""


@pytest.fixture
def week_board(production):
    """A schedule whose first shoot day is the production's today, every day a shoot day:
    Mary works day 1 (today), George day 2 (tomorrow), Potter only day 9 (past this week).
    Two crew on the list, one of them wrapped."""
    from callboard.people.models import Person
    from callboard.schedule.board import Layout
    from callboard.schedule.models import Calendar, Strip
    from callboard.schedule.services import breakdown_seed
    from callboard.scripts.services import script_version_import

    for number, (first, character) in enumerate(
        [("Donna", "MARY"), ("Jimmy", "GEORGE"), ("Lionel", "POTTER")], start=1
    ):
        make_person(
            production,
            kind=Person.Kind.CAST,
            first_name=first,
            last_name="Reed",
            character=character,
            cast_number=number,
            department=None,
        )
    make_person(production, first_name="Gail", last_name="Grip", position="Grip")
    make_person(
        production,
        first_name="Walt",
        last_name="Wrapped",
        position="Grip",
        status=Person.Status.WRAPPED,
    )
    version = script_version_import(
        actor=None,
        production=production,
        filename="week.fountain",
        data=SCRIPT,
        colour="White",
        revision_date=production.today(),
        max_bytes=10_000_000,
    )
    breakdown_seed(actor=None, version=version)
    scenario = Scenario.objects.get(production=production)
    scenes = {s.scene_number: s.pk for s in Strip.objects.filter(production=production)}
    scenario.calendar = Calendar.objects.create(
        production=production, name="Main", start=production.today(), weekly_off=[]
    )
    days = [[scenes["1"]], [scenes["2"]], *[[] for _ in range(6)], [scenes["3"]]]
    scenario.layout = Layout.of(days).as_json()
    scenario.save()
    return scenario


def attention(client, production) -> list[str]:
    """The home page's "Needs attention" lines, as text (with each link after a '→')."""
    page = client.get(f"/p/{production.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    if 'class="card needs-attention"' not in html:
        return []
    card = html.split('class="card needs-attention"', 1)[1].split("</div>", 1)[0]
    return [
        f"{' '.join(text.split())} → {href}"
        for href, text in re.findall(r'<li><a href="([^"]+)">(.*?)</a></li>', card, re.S)
    ]


def line(lines: list[str], words: str) -> str | None:
    found = [item for item in lines if words in item]
    assert len(found) <= 1, found
    return found[0] if found else None
