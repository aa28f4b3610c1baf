from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from callboard.core.accounts import authenticator_for
from callboard.core.capabilities import Role
from callboard.core.models import AuditEvent, Membership, Production, User
from callboard.demo.build import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_SECOND_FACTOR_EMAILS,
    demo_production_build,
)
from callboard.locations.models import Candidate, Location
from callboard.office.models import RoomBooking
from callboard.office.supplies import queries as supplies_queries
from callboard.people.models import DistributionGroup, Person, Vendor, VendorContact
from callboard.schedule.models import Element, ScheduleVersion
from callboard.schedule.queries import version_diff
from callboard.travel.models import Booking, Scout
from callboard.travel.queries import booking_commitments, travel_findings


@pytest.mark.django_db
def test_the_demo_is_a_whole_production_with_a_login_per_role():
    production = demo_production_build()
    assert production.slug == "demo"
    # Two days shot: the shoot started before today, after five weeks of prep.
    assert production.prep_start < production.shoot_start < production.today()

    crew = Person.objects.crew().filter(production=production)
    assert 140 <= crew.count() <= 170
    assert not crew.filter(department__isnull=True).exists()
    departments = set(crew.values_list("department__name", flat=True))
    assert len(departments) >= 18
    heads = Counter(crew.filter(is_department_head=True).values_list("department__name", flat=True))
    assert heads == dict.fromkeys(departments, 1)

    # The schedule went out White, then Blue with three scenes a day later.
    white, blue = ScheduleVersion.objects.filter(production=production).order_by("number")
    assert (white.colour, blue.colour) == ("White", "Blue")
    moved = version_diff(white, blue).counts.get("moved")
    assert moved == 3

    cast = Person.objects.cast().filter(production=production)
    assert sorted(cast.values_list("cast_number", flat=True)) == list(range(1, 21))
    assert all(c.character.isupper() and c.union == "SAG-AFTRA" for c in cast)

    vendors = Vendor.objects.active().filter(production=production)
    assert vendors.count() == 31  # thirty from the vendor list, and the cast hotel (travel)
    for vendor in vendors:
        assert VendorContact.objects.filter(vendor=vendor, is_primary=True).count() == 1
        assert vendor.categories.exists()

    groups = set(production.distribution_groups.values_list("name", "kind"))
    assert ("Camera department", DistributionGroup.Kind.DEPARTMENT) in groups
    assert ("Producers & office", DistributionGroup.Kind.CUSTOM) in groups

    roles = dict(
        Membership.objects.filter(production=production).values_list("user__email", "role")
    )
    assert sorted(roles.values()) == sorted(Role)
    assert set(roles) == {email for _, email, _ in DEMO_LOGINS}
    for _, email, _ in DEMO_LOGINS:
        request = RequestFactory().post("/login/")  # django-axes counts attempts per request
        assert authenticate(request, username=email, password=DEMO_PASSWORD) is not None
    assert User.objects.get(email="admin@demo.callboard.test").is_staff
    # The logins whose role needs a second factor have an authenticator set up (keys printed).
    for email in DEMO_SECOND_FACTOR_EMAILS:
        assert authenticator_for(User.objects.get(email=email)) is not None
    # The logins carry the names of the crew members they are.
    coordinator = User.objects.get(email__startswith="coordinator@")
    assert crew.get(position="Production Coordinator").display_name == coordinator.name

    # Places and travel (issue 19): two confirmed locations with permits; the lead flown in
    # with a hotel; a day player's flight too late for her call; a block room; a tech scout.
    locations = Location.objects.filter(production=production)
    assert [loc.status for loc in locations] == ["confirmed", "confirmed"]
    assert all(loc.permits.exists() for loc in locations)
    # Each is the chosen candidate, at its price, for the sets it serves, and keeps its owner's
    # certificate of insurance (a PDF in storage, with its dates); the alley had a second look.
    for location in locations:
        chosen = location.candidates.filter(chosen=True)
        assert chosen.exists() and all(c.price > 0 for c in chosen)
        [certificate] = location.documents.filter(kind="insurance")
        assert certificate.starts < production.shoot_start < certificate.ends
        with certificate.file.open("rb") as stored:
            assert stored.read(5) == b"%PDF-"
    alley = Candidate.objects.filter(
        production=production, element__name__iexact="alley behind the diner"
    )
    assert sorted(alley.values_list("chosen", flat=True)) == [False, True]
    findings = {f.code: f.message for f in travel_findings(production)}
    assert set(findings) == {"late_arrival", "empty_room"}
    assert "UA 1187 lands at LAX" in findings["late_arrival"]
    lead = cast.get(cast_number=1)
    assert sorted(lead.bookings.values_list("kind", flat=True)) == ["flight", "flight", "hotel"]
    # Every booking codes to the budget's travel & living account (and so to the cost report).
    assert set(
        Booking.objects.filter(production=production).values_list("account_code", flat=True)
    ) == {"1500"}
    assert booking_commitments(production)["1500"] > 0
    scout = Scout.objects.get(production=production)
    assert scout.kind == "tech" and scout.stops.count() == 2 and scout.riders.exists()

    # The office's supplies (issue 20): a reorder waiting (copy paper, toner); the grips' walkies,
    # all back but one.
    reorder = supplies_queries.reorder_list(production)
    assert sorted(v.name for v in reorder) == [
        "Burbank Copier & Printer Rental",
        "Paperclip Office Supply",
    ]
    out = supplies_queries.unreturned_items(production)
    assert [(h.item.kind, h.item.person.department.name) for h in out] == [("walkie", "Grip")]
    # The office's rooms (issue 20): a table read in the conference room with the cast
    # invited, each cast member on a rehearsal day, the room's set-up waiting for the PAs.
    read = RoomBooking.objects.get(production=production, kind="table_read")
    assert read.room.name == "Conference Room" and read.setup.done_at is None
    assert set(read.invitees.values_list("person", flat=True)) == set(
        cast.values_list("pk", flat=True)
    )
    on_the_board = set(
        Element.objects.filter(production=production, person__isnull=False).values_list(
            "person", flat=True
        )
    )
    assert (
        on_the_board
        and set(read.invitees.filter(rehearsal_marked=True).values_list("person", flat=True))
        == on_the_board
    )
    assert read.script_distribution.copies.count() == 20


def _counts():
    return [model.objects.count() for model in (Production, Person, Vendor, User, AuditEvent)]


@pytest.mark.django_db
def test_the_command_builds_once_and_rebuilds_the_same_show_on_reset():
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "admin@demo.callboard.test" in out.getvalue()
    before = _counts()
    names = sorted(Person.objects.values_list("first_name", "last_name", "position"))

    call_command("demo", "--if-empty", stdout=StringIO())
    assert _counts() == before

    out = StringIO()
    call_command("demo", stdout=out)
    assert "already exists" in out.getvalue()
    assert _counts() == before

    old = Production.objects.get(slug="demo").pk
    call_command("demo", "--reset", stdout=StringIO())
    assert Production.objects.get(slug="demo").pk != old
    assert Person.objects.filter(production_id=old).count() == 0
    assert sorted(Person.objects.values_list("first_name", "last_name", "position")) == names
    assert _counts()[:4] == before[:4]
