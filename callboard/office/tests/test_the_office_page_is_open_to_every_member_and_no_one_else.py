from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production


def test_crew_find_the_office_in_the_navigation(client, production):
    client.force_login(add_member(production, Role.CREW))
    page = client.get(f"/p/{production.slug}/office/")
    assert page.status_code == 200
    assert b">Office</a>" in page.content


def test_a_member_of_another_show_cannot_open_this_shows_office(client, production):
    other = make_production("Another Show")
    client.force_login(add_member(other, Role.COORDINATOR))
    assert client.get(f"/p/{production.slug}/office/").status_code == 404
