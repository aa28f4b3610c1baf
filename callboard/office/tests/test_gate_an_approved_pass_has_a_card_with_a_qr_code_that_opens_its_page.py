"""An approved pass prints as a card whose QR code holds the pass page's signed URL; a pass
not approved has neither card nor working link."""

import io
import re
from datetime import date

import pypdfium2
from django.core import signing

from callboard.core.links import SALT_PREFIX
from callboard.office.gate import services
from callboard.office.gate.queries import LINK_PASS, pass_link_token

from .gate_data import approved_pass, make_gate, pass_data


def test_the_card_prints_with_the_name_number_and_qr(coordinator_client, production, tmp_path):
    gate = make_gate(production, address="1200 Lot Road")
    guest = approved_pass(gate, date(2027, 4, 2), stage="Stage 5")
    response = coordinator_client.get(
        f"/p/{production.slug}/office/gate/passes/{guest.pk}/card.pdf"
    )
    assert response.status_code == 200
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = pdf[0].get_textpage().get_text_range()
    assert "Dana Whitfield" in text and "No. 0001" in text and "Stage 5" in text
    pdf[0].render(scale=2).to_pil().save(tmp_path / "card.png")
    page = coordinator_client.get(f"/p/{production.slug}/office/gate/passes/{guest.pk}/")
    # The page's link opens the pass's grant (a token signs its time, so compare what it opens).
    shown = re.search(r"/l/pass/([^/\"]+)/", page.content.decode()).group(1)
    assert signing.loads(shown, salt=SALT_PREFIX + LINK_PASS) == signing.loads(
        pass_link_token(guest), salt=SALT_PREFIX + LINK_PASS
    )


def test_a_pass_not_approved_has_no_card_and_a_declined_one_no_link(coordinator_client, production):
    gate = make_gate(production)
    asked = services.pass_request(
        actor=None, production=production, data=pass_data(gate, date(2027, 4, 2))
    )
    response = coordinator_client.get(
        f"/p/{production.slug}/office/gate/passes/{asked.pk}/card.pdf"
    )
    assert response.status_code == 302
    services.pass_decline(actor=None, pass_obj=asked, reason="No room that day")
    assert pass_link_token(asked) is None
