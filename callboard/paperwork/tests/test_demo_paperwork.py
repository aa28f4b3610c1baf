"""The demo's start paperwork shows the controls at work: a packet sealed by three different
people, a change asked for that blocks approval, an I-9 Section 2 overdue, one not opened."""

import pytest

from callboard.demo.build import demo_production_build
from callboard.paperwork.models import Packet
from callboard.paperwork.queries import packet_findings
from callboard.paperwork.signing import verify_pdf


@pytest.mark.django_db
def test_the_demo_packets_show_what_blocks_and_what_is_sealed():
    production = demo_production_build()
    packets = list(Packet.objects.filter(production=production).order_by("pk"))
    sealed, asked, late, unopened = packets
    assert sealed.status == Packet.Status.APPROVED and verify_pdf(sealed.sealed_pdf.read()).intact
    assert len({a["user_id"] for a in sealed.approvals}) == 3
    assert any("asks for a change" in f for f in packet_findings(asked))
    assert any("I-9 Section 2 was due" in f for f in packet_findings(late))
    assert unopened.status == Packet.Status.SENT
