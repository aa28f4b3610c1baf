"""The demo's crew login (crew@demo.callboard.test) is the A Camera 2nd AC on the list, so
"My things" shows something real in the demo."""

import pytest

from callboard.core.models import Membership
from callboard.demo.build import DEMO_DOMAIN, demo_production_build
from callboard.home.queries import member_person

pytestmark = pytest.mark.django_db


def test_the_crew_login_is_the_a_camera_2nd_ac(client):
    production = demo_production_build()
    membership = Membership.objects.get(production=production, user__email=f"crew@{DEMO_DOMAIN}")
    person = member_person(membership)
    assert person is not None and person.position == "A Camera 2nd AC"
    assert person.display_name == membership.user.name
    client.force_login(membership.user)
    assert client.get(f"/p/{production.slug}/me/").status_code == 200
