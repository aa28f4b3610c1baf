"""A production adapts the standard forms: leaves some out, words its own terms, adds its
own questions, and sets who approves."""

from datetime import date

import pytest

from callboard.paperwork.catalogue import FORMS
from callboard.paperwork.models import Packet
from callboard.paperwork.services import PacketError, packet_form_save, packet_form_submit
from callboard.people.testing import make_person


def _save_settings(client, production, **changes):
    data = {"chain": "upm, payroll"}
    for kind, spec in FORMS.items():
        data[f"enabled_{kind}"] = "on"
        data[f"body_{kind}"] = spec.body
        data[f"extra_{kind}"] = ""
    data.update(changes)
    return client.post(f"/p/{production.slug}/paperwork/settings/", data)


def test_adapted_forms_reach_new_packets(coordinator_client, production):
    response = _save_settings(
        coordinator_client,
        production,
        enabled_nda="",
        body_emergency_contact="We call this person only in an emergency.",
        extra_emergency_contact="Second contact's phone *\nPreferred hospital",
        enabled_w4="",  # payroll needs it: stays
    )
    assert response.status_code == 302
    person = make_person(production, start_date=date(2026, 3, 2))
    coordinator_client.post(f"/p/{production.slug}/paperwork/start/", {"person": person.pk})
    packet = Packet.objects.get(person=person)
    kinds = list(packet.forms.values_list("kind", flat=True))
    assert "nda" not in kinds and "w4" in kinds
    assert packet.chain == ["upm", "payroll"]
    emergency = packet.forms.get(kind="emergency_contact")
    assert emergency.spec.body == "We call this person only in an emergency."
    labels = [f.label for f in emergency.spec.fields]
    assert "Second contact's phone" in labels and "Preferred hospital" in labels
    packet_form_save(
        form=emergency,
        who="x",
        answers={"legal_name": "A", "contact_name": "B", "relationship": "C", "contact_phone": "1"},
    )
    with pytest.raises(PacketError, match="Second contact's phone"):
        packet_form_submit(form=emergency, signature={"typed": "A"}, who="x")


def test_a_chain_with_an_unknown_step_is_refused(coordinator_client, production):
    response = _save_settings(coordinator_client, production, chain="coordinator, producer")
    assert response.status_code == 400 and "approval chain" in response.content.decode()


def test_an_everify_employer_needs_the_ssn_on_the_i9_and_its_payday_reaches_wage_notices(
    coordinator_client, production
):
    _save_settings(
        coordinator_client,
        production,
        uses_everify="on",
        payday="Every Thursday",
        enabled_ca_wage_notice="on",
    )
    person = make_person(production, start_date=date(2026, 3, 2), rate="30.0000", rate_unit="hour")
    coordinator_client.post(
        f"/p/{production.slug}/paperwork/start/", {"person": person.pk, "state": "CA"}
    )
    packet = Packet.objects.get(person=person)
    coordinator_client.post(
        f"/p/{production.slug}/paperwork/{packet.pk}/terms/",
        {"term_rate": "30.00"},
    )
    assert packet.forms.get(kind="ca_wage_notice").values["payday"] == "Every Thursday"
    i9 = packet.forms.get(kind="i9_section1")
    packet_form_save(
        form=i9,
        who="x",
        answers={
            "legal_name": "A B",
            "street": "1 Main St",
            "city": "Burbank",
            "state": "CA",
            "postal_code": "91502",
            "date_of_birth": "1990-01-01",
            "status": "citizen of the United States",
        },
    )
    with pytest.raises(PacketError, match="E-Verify"):
        packet_form_submit(form=i9, signature={"typed": "A B"}, who="x")
