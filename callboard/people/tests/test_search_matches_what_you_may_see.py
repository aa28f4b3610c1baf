"""Search matches only the fields the searching member may see: crew cannot find a cast member
by the phone number or e-mail hidden from them; the office still can."""

from callboard.core.capabilities import Role
from callboard.people.models import Person
from callboard.people.testing import make_person


def _cast(production):
    return make_person(
        production,
        kind=Person.Kind.CAST,
        first_name="Lena",
        last_name="Ortiz",
        character="DETECTIVE RUIZ",
        cast_number=1,
        email="lena.private@agency.test",
        phone="(310) 555-0142",
    )


def _found(client, production, q):
    page = client.get(f"/p/{production.slug}/people/", {"kind": "cast", "q": q})
    return "Ortiz" in page.content.decode()


def test_crew_cannot_find_a_cast_member_by_a_hidden_phone_or_email(member_client, production):
    _cast(production)
    crew = member_client(Role.CREW)
    for hidden in ("310 555 0142", "(310) 555-0142", "555-0142", "lena.private", "agency.test"):
        assert not _found(crew, production, hidden), hidden
    assert _found(crew, production, "Ortiz") and _found(crew, production, "detective")


def test_the_office_finds_a_cast_member_by_phone_or_email(member_client, production):
    _cast(production)
    office = member_client(Role.COORDINATOR)
    assert _found(office, production, "310 555 0142") and _found(office, production, "agency.test")


def test_crew_still_find_crew_by_phone(member_client, production):
    make_person(production, first_name="Omar", last_name="Haddad", phone="(818) 555-0177")
    crew = member_client(Role.CREW)
    page = crew.get(f"/p/{production.slug}/people/", {"q": "818 555 0177"}).content.decode()
    assert "Haddad" in page


def test_crew_cannot_learn_which_cast_members_have_no_phone(member_client, production):
    _cast(production)
    make_person(
        production,
        kind=Person.Kind.CAST,
        first_name="Jamie",
        last_name="Bello",
        character="WAITRESS",
        cast_number=2,
        phone="",
    )
    crew = member_client(Role.CREW)
    page = crew.get(f"/p/{production.slug}/people/", {"kind": "cast", "missing": "phone"})
    assert "Ortiz" in page.content.decode()  # the filter is ignored: everyone is listed
    assert 'value="phone"' not in page.content.decode()
