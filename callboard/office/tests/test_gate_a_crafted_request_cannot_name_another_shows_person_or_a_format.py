"""A hostile post the form would never make: the service itself refuses a pass naming someone
from another production's lists (the form only hides them), and a gate list asked for in a
format there is none of is a 404, not a crash. An approval clicked twice makes one phone link."""

from datetime import date

import pytest

from callboard.core.models import LinkGrant
from callboard.core.testing import make_production
from callboard.office.gate import queries, services
from callboard.office.gate.services import GateError
from callboard.office.models import Pass
from callboard.people.models import Person

from .gate_data import make_gate, pass_data

DAY = date(2027, 4, 2)


@pytest.fixture
def show(db):
    return make_production("Gate Show", prep_start=date(2027, 3, 1), shoot_start=date(2027, 4, 1))


def test_a_person_of_another_production_is_refused_by_the_service(show):
    other = make_production("Other Show")
    stranger = Person.objects.create(production=other, first_name="Sam", last_name="Stranger")
    gate = make_gate(show)
    with pytest.raises(GateError) as refused:
        services.pass_request(
            actor=None, production=show, data=pass_data(gate, DAY, person=stranger)
        )
    assert "this production's cast or crew list" in str(refused.value)
    assert not Pass.objects.exists()


def test_a_pass_with_no_gate_is_refused_with_a_message_not_a_crash(show):
    with pytest.raises(GateError) as refused:
        services.pass_request(
            actor=None, production=show, data=pass_data(make_gate(show), DAY) | {"gate": None}
        )
    assert "Choose the gate" in str(refused.value)
    assert not Pass.objects.exists()


def test_approving_twice_makes_one_link_and_says_the_pass_is_approved(show):
    made = services.pass_request(actor=None, production=show, data=pass_data(make_gate(show), DAY))
    stale = Pass.objects.get(pk=made.pk)  # the second click's copy, read before the first saved
    services.pass_approve(actor=None, pass_obj=made)
    with pytest.raises(GateError, match="approved"):
        services.pass_approve(actor=None, pass_obj=stale)
    assert LinkGrant.objects.filter(purpose=queries.LINK_PASS).count() == 1


def test_a_gate_list_in_an_unknown_format_is_not_found(coordinator_client, production):
    gate = make_gate(production)
    url = f"/p/{production.slug}/office/gate/gates/{gate.pk}/{DAY.isoformat()}/day.exe"
    assert coordinator_client.get(url).status_code == 404
