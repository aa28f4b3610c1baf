"""Every member may ask for a pass; only the office approves, prints lists and sees who is in;
another production's passes and gates are not found."""

from datetime import date

import pytest

from callboard.core.capabilities import Role
from callboard.core.testing import add_member, make_production
from callboard.office.models import Pass

from .gate_data import approved_pass, make_gate


@pytest.mark.parametrize("role", [Role.CREW, Role.DEPARTMENT_HEAD])
def test_a_member_asks_but_does_not_approve_or_print(member_client, production, role):
    gate = make_gate(production)
    guest = approved_pass(gate, date(2027, 4, 2))
    client = member_client(role)
    base = f"/p/{production.slug}/office/gate"
    assert client.get(f"{base}/").status_code == 200
    assert client.get(f"{base}/ask/").status_code == 200
    closed = [
        f"{base}/passes/{guest.pk}/",
        f"{base}/gates/",
        f"{base}/gates/{gate.pk}/list/",
        f"{base}/gates/{gate.pk}/2027-04-02/list.pdf",
        f"{base}/passes/{guest.pk}/card.pdf",
    ]
    for url in closed:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(f"{base}/passes/{guest.pk}/decide/", {"decision": "cancel"}).status_code == 403
    )
    assert Pass.objects.get().status == Pass.Status.APPROVED


def test_another_productions_pass_and_gate_are_not_found(client, production):
    other = make_production("Other Show")
    gate = make_gate(other)
    theirs = approved_pass(gate, date(2027, 4, 2))
    client.force_login(add_member(production, Role.COORDINATOR))
    base = f"/p/{production.slug}/office/gate"
    assert client.get(f"{base}/passes/{theirs.pk}/").status_code == 404
    assert client.get(f"{base}/gates/{gate.pk}/list/").status_code == 404
    assert (
        client.post(f"{base}/passes/{theirs.pk}/decide/", {"decision": "cancel"}).status_code == 404
    )
    assert client.post(f"{base}/gates/{gate.pk}/guard-link/").status_code == 404
    assert client.get(f"/p/{other.slug}/office/gate/").status_code == 404
    # A pass asked for on this production may not name another production's gate.
    made = make_gate(production)
    response = client.post(f"{base}/ask/", {"name": "Z", "host": "Q", "gate": gate.pk,
                           "purpose": "meeting", "start_date": "2027-04-02",
                           "end_date": "2027-04-02", "vehicle": "walk_on"})  # fmt: skip
    assert response.status_code == 200 and made.passes.count() == 0
