"""A pass for a day the show does not run, or a plate no plate could be, is refused with a clear
message and nothing is saved; TBD, a rental and a walk-on need no plate."""

from datetime import date, timedelta

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import make_production
from callboard.office.gate import services
from callboard.office.gate.rules import plate_problem
from callboard.office.models import Pass

from .gate_data import make_gate, pass_data

START, END = date(2027, 3, 1), date(2027, 5, 28)


@pytest.fixture
def show(db):
    return make_production(
        "Dated Show", prep_start=START, shoot_start=date(2027, 4, 1), wrap_end=END
    )


def _post(client, show, gate, **fields):
    data = pass_data(gate, date(2027, 4, 2), **fields)
    data["gate"] = gate.pk
    for key in ("start_date", "end_date"):
        data[key] = data[key].isoformat()
    data["arrival_time"] = "09:30"
    return client.post(f"/p/{show.slug}/office/gate/ask/", data)


def test_a_day_outside_the_production_is_refused_and_nothing_saved(client, show):
    from callboard.core.testing import add_member

    client.force_login(add_member(show, Role.CREW))
    gate = make_gate(show)
    response = _post(client, show, gate, start_date=START - timedelta(days=1))
    assert response.status_code == 200
    assert "outside the production&#x27;s dates" in response.content.decode()
    response = _post(client, show, gate, end_date=END + timedelta(days=3))
    assert "outside the production" in response.content.decode()
    assert not Pass.objects.exists()


@pytest.mark.parametrize("plate", ["AB$123", "🚗🚗", "<script>", "--", "ABCDEFGHIJKLMN", " "])
def test_a_plate_with_impossible_characters_is_refused(client, show, plate):
    from callboard.core.testing import add_member

    client.force_login(add_member(show, Role.CREW))
    gate = make_gate(show)
    response = _post(client, show, gate, plate=plate)
    assert response.status_code == 200
    assert "plate" in response.content.decode().lower()
    assert not Pass.objects.exists()


@pytest.mark.parametrize("vehicle", ["tbd", "rental", "walk_on"])
def test_tbd_a_rental_and_a_walk_on_need_no_plate(client, show, vehicle):
    from callboard.core.testing import add_member

    client.force_login(add_member(show, Role.CREW))
    gate = make_gate(show)
    response = _post(client, show, gate, vehicle=vehicle, plate="", vehicle_make="")
    assert response.status_code == 302
    made = Pass.objects.get()
    assert made.status == Pass.Status.REQUESTED and made.plate == ""


def test_the_service_refuses_the_same_without_the_form(show):
    gate = make_gate(show)
    with pytest.raises(services.GateError) as refused:
        services.pass_request(
            actor=None,
            production=show,
            data=pass_data(gate, START - timedelta(days=5), plate="AB$1"),
        )
    assert set(refused.value.problems) == {"start_date", "end_date", "plate"}
    assert not Pass.objects.exists()


def test_plates_as_they_are_written_pass():
    for plate in ["7ABC123", "ab-12 cd", "K 123", "1"]:
        assert plate_problem(plate) is None
