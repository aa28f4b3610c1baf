"""A coordinator sends a start packet; the person fills and signs it on a phone, cannot change
the rate (a forged post is refused) and asks for a change instead, which blocks the
coordinator's approval until answered; it goes back for a correction, through the approval
chain, and comes out as a signed PDF that verify_packet accepts — and rejects once a byte is
changed."""

import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.paperwork.catalogue import (
    ACCOUNT,
    CHECK,
    CHOICE,
    DATE,
    DATE_OF_BIRTH,
    FORMS,
    LONG_TEXT,
    MONEY,
    NUMBER,
    ROUTING,
    SSN,
)
from callboard.paperwork.models import Packet
from callboard.people.testing import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VALUES = {
    SSN: "123-45-6789",
    ROUTING: "021000021",
    ACCOUNT: "000123456789",
    DATE: "2026-03-02",
    DATE_OF_BIRTH: "1990-04-12",
    MONEY: "52.50",
    NUMBER: "10",
}


def _fill_form(phone, spec, name, photo=None):
    if spec.needs_uploads:
        phone.set_input_files("#document", str(photo))
        phone.click("button:has-text('Upload')")
        phone.wait_for_selector("text=✓ passport.jpg")
    for field in spec.fields:
        if field.office or not field.required:
            continue  # the office's terms are shown, not typed; optional answers left blank
        selector = f"#f-{field.name}"
        if field.name == "legal_name":
            phone.fill(selector, name)
        elif field.kind in (CHOICE, CHECK):
            phone.select_option(selector, index=1)
        elif field.kind == LONG_TEXT:
            phone.fill(selector, "As agreed")
        else:
            phone.fill(selector, VALUES.get(field.kind, "Burbank"))
    phone.fill("#typed-signature", name)
    phone.click("button:has-text('Sign and submit')")
    phone.wait_for_selector("text=Start paperwork for")


def test_send_fill_correct_approve_and_verify(browser_page, live_server, tmp_path):
    production = make_production("Paperwork Browser Show")
    coordinator = make_user("coord@example.test")
    add_member(production, Role.COORDINATOR, coordinator)
    start = production.today() + timedelta(days=14)  # nothing overdue yet
    person = make_person(
        production,
        first_name="Ann",
        last_name="Lee",
        start_date=start,
        email="ann@example.test",
        rate="52.5000",
        rate_unit="hour",
    )
    photo = tmp_path / "passport.jpg"
    Image.new("RGB", (900, 600), (40, 60, 120)).save(photo, "JPEG")
    page = browser_page
    log_in(page, live_server, "coord@example.test", production)
    page.click("nav >> text=Paperwork")
    page.fill(f"input[aria-label='Work state for {person.display_name}']", "")
    page.click(f"tr:has-text('{person.display_name}') >> button:has-text('Send packet')")
    page.wait_for_selector("text=Start packet sent")

    body = OutboundEmail.objects.filter(to="ann@example.test").latest("id").body
    link = re.search(r"(/l/packet/\S+/)", body).group(1)
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    packet = Packet.objects.get(person=person)
    deal = packet.forms.get(kind__startswith="deal_memo")
    phone.goto(f"{live_server.url}{link}{deal.pk}/")
    assert phone.locator("#f-rate").inner_text() == "$52.50"
    assert phone.locator("input[name=rate]").count() == 0
    # A forged post of a new rate from the phone is refused and changes nothing.
    status = phone.evaluate("""async () => {
        const form = new FormData(document.querySelector("form.card"));
        form.set("rate", "400"); form.set("action", "save");
        return (await fetch(location.href, {method: "POST", body: form})).status; }""")
    assert status == 400
    deal.refresh_from_db()
    assert deal.values["rate"] == "52.5"
    phone.fill("#change-request", "We agreed $55 an hour")
    phone.click("button:has-text('Ask the office for a change')")
    phone.wait_for_selector("text=Sent to the office")
    for form in packet.forms.all():
        spec = FORMS[form.kind]
        if spec.office_only:
            continue
        phone.goto(f"{live_server.url}{link}{form.pk}/")
        _fill_form(phone, spec, "Ann Lee", photo)
    assert phone.is_visible("text=All submitted")

    # The office sends the direct deposit back; Ann corrects it on her phone.
    page.reload()
    page.fill("input[name=comment_direct_deposit]", "Use the account the pay goes to")
    page.click("button:has-text('Send back for correction')")
    page.wait_for_selector("text=Sent back for correction")
    deposit = packet.forms.get(kind="direct_deposit")
    phone.goto(f"{live_server.url}{link}{deposit.pk}/")
    assert phone.is_visible("text=Use the account the pay goes to")
    _fill_form(phone, FORMS["direct_deposit"], "Ann Lee")

    # The chain: coordinator, then UPM, then payroll; Ann's open request blocks it first.
    page.reload()
    page.click("button:has-text('Approve as coordinator')")
    page.wait_for_selector("text=override with a reason first")
    packet.refresh_from_db()
    assert packet.approvals == []
    page.screenshot(path=str(tmp_path / "blocked.png"), full_page=True)
    page.fill("input[name=reply]", "The $52.50 rate is the one in your offer letter")
    page.click("button:has-text('Answer')")
    page.wait_for_selector("text=Your answer is in the packet's history")
    page.click("button:has-text('Approve as coordinator')")
    page.wait_for_selector("text=Approved.")
    for role, email in ((Role.UPM, "upm@example.test"), (Role.PAYROLL, "payroll@example.test")):
        add_member(production, role, make_user(email))
        page.click("text=Log out")
        log_in(page, live_server, email, production)
        page.goto(f"{live_server.url}/p/{production.slug}/paperwork/{packet.pk}/")
        page.click(f"button:has-text('Approve as {role.value}')")
        page.wait_for_selector("text=Approved.")
    with page.expect_download() as download:
        page.click("text=Signed packet PDF")
    signed = tmp_path / "packet.pdf"
    download.value.save_as(signed)

    call_command("verify_packet", str(signed))
    data = signed.read_bytes()
    at = len(data) // 2
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    with pytest.raises(CommandError, match="TAMPERED"):
        call_command("verify_packet", str(changed))
