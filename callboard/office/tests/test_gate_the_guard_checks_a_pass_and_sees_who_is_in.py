"""The guard's page (a signed link for one gate) checks a scanned code or a typed pass number,
records arrivals and departures, lists who is in now; a forged, expired, withdrawn or other
gate's code shows "not valid" and is logged."""

from datetime import timedelta

from django.utils import timezone

from callboard.core.links import link_token
from callboard.core.models import LinkGrant
from callboard.office.gate import services
from callboard.office.models import GateCheck

from .gate_data import approved_pass, make_gate, pass_url


def _guard(client, gate):
    token = services.gate_guard_link_create(actor=None, gate=gate)
    url = f"/l/gate/{token}/"
    assert client.get(url).status_code == 200
    return url


def _check(client, url, code, direction="in"):
    response = client.post(url, {"code": code, "direction": direction}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_scanned_code_checks_in_and_out_and_who_is_in_follows(client, production):
    gate = make_gate(production)
    guest = approved_pass(gate, production.today())
    url = _guard(client, gate)
    page = _check(client, url, "https://callboard.example" + pass_url(guest))
    assert "Valid — in" in page and "Dana Whitfield" in page
    assert GateCheck.objects.get().valid
    assert "In now (1)" in client.get(url).content.decode()
    page = _check(client, url, guest.code, "out")
    assert "Left" in page and "In now (0)" in page


def test_the_pass_page_opened_by_the_guards_phone_checks_in_with_one_tap(client, production):
    gate = make_gate(production)
    guest = approved_pass(gate, production.today())
    url = _guard(client, gate)
    phone = client.get(pass_url(guest)).content.decode()
    assert "Check in at Main Gate" in phone and "<svg" in phone
    client.post(url, {"code": pass_url(guest), "direction": "in"})
    assert "Record departure" in client.get(pass_url(guest)).content.decode()


def test_a_forged_code_is_not_valid_and_logged(client, production):
    gate = make_gate(production)
    guest = approved_pass(gate, production.today())
    url = _guard(client, gate)
    forged = pass_url(guest).replace("/l/pass/", "/l/pass/x")
    page = _check(client, url, forged)
    assert "Not valid" in page
    logged = GateCheck.objects.get()
    assert not logged.valid and logged.pass_obj is None and logged.code == forged
    assert "not made by this production" in logged.reason
    assert "Not valid" in _check(client, url, "9999")
    assert GateCheck.objects.filter(valid=False).count() == 2


def test_an_expired_pass_is_not_valid(client, production):
    gate = make_gate(production)
    yesterday = production.today() - timedelta(days=1)
    guest = approved_pass(gate, yesterday)
    url = _guard(client, gate)
    page = _check(client, url, guest.code)
    assert "Not valid" in page and "expired" in page
    # Its phone link (the QR code's URL) expired with its last day.
    grant = LinkGrant.objects.get(purpose="office.gate.pass")
    assert grant.expires_at <= timezone.now()
    code = f"/l/pass/{link_token(grant)}/"
    page = _check(client, _guard(client, gate), code)
    assert "Not valid: this pass has expired." in page
    assert client.get(code).status_code == 410
    assert not GateCheck.objects.filter(valid=True).exists()


def test_a_withdrawn_pass_and_another_gates_pass_are_not_valid(client, production):
    gate = make_gate(production)
    other = make_gate(production, name="Back Gate")
    withdrawn = approved_pass(gate, production.today())
    code = pass_url(withdrawn)
    services.pass_cancel(actor=None, pass_obj=withdrawn)
    elsewhere = approved_pass(other, production.today(), name="Back Door Bob")
    url = _guard(client, gate)
    assert "withdrew" in _check(client, url, code)
    assert "is for Back Gate" in _check(client, url, elsewhere.code)
    assert not GateCheck.objects.filter(valid=True).exists()


def test_an_empty_box_asks_for_a_code_and_records_nothing(client, production):
    url = _guard(client, make_gate(production))
    assert "type its number" in client.post(url, {"code": "  "}).content.decode()
    assert not GateCheck.objects.exists()


def test_a_forged_guard_link_opens_nothing(client, production):
    make_gate(production)
    assert client.get("/l/gate/not-a-token/").status_code == 410
