"""In a browser: a budget imported, a PO from request through approval to an invoice
matched against it, a petty-cash envelope from phone receipts to reconciliation, and both
in the cost report."""

import re

import pytest
from PIL import Image

from callboard.core.capabilities import Role
from callboard.core.models import OutboundEmail
from callboard.core.testing import add_member, log_in, make_production, make_user
from callboard.people.models import Vendor
from callboard.people.testing import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = "Account,Description,Amount\n2700,Set dressing,10000\n2800,Props,3000\n3300,Camera,50000\n"


def test_po_invoice_petty_cash_and_the_cost_report(browser_page, live_server, tmp_path):
    production = make_production("Books Show")
    add_member(production, Role.COORDINATOR, make_user("coord@example.test"))
    add_member(production, Role.COORDINATOR, make_user("coord2@example.test"))
    add_member(production, Role.UPM, make_user("upm@example.test"))
    Vendor.objects.create(production=production, name="Halide Camera Rentals")
    make_person(
        production,
        first_name="Jo",
        last_name="Smith",
        email="jo@example.test",
        position="Set Decorator",
    )
    budget = tmp_path / "budget.csv"
    budget.write_text(BUDGET)
    photo = tmp_path / "receipt.jpg"
    Image.new("RGB", (900, 1300), (240, 236, 225)).save(photo, "JPEG")

    page = browser_page
    log_in(page, live_server, "coord@example.test", production)
    page.click("nav >> text=Accounting")
    page.click("nav a:has-text('Chart of accounts & budgets')")
    page.fill("input[name=name]", "Locked budget")
    page.set_input_files("input[name=file]", str(budget))
    page.click("button:has-text('Read the file')")
    page.wait_for_selector("text=Check before importing")
    page.click("button:has-text('Import all 3')")
    page.wait_for_selector("text=Budget version 1 imported")
    # Who imported it does not lock it.
    assert page.locator("button:has-text('Lock this version')").count() == 0
    page.wait_for_selector("text=Locked by someone other than who imported it")

    # A PO: drafted and sent by one coordinator, approved by another and then the UPM.
    page.click("nav a:has-text('Purchase orders')")
    page.select_option("select[name=vendor]", label="Halide Camera Rentals")
    page.fill("input[name=description]", "Camera package, weeks 1–2")
    page.select_option("select[aria-label='Line 1 account']", "3300")
    page.fill("input[aria-label='Line 1 description']", "Camera package (weekly)")
    page.fill("input[aria-label='Line 1 quantity']", "2")
    page.fill("input[aria-label='Line 1 rate']", "2,400")
    page.click("button:has-text('Draft the PO')")
    page.wait_for_selector("text=PO 0001 drafted")
    assert page.text_content("#po-total") == "4,800.00"  # under $5,000: coordinator and UPM
    page.click("button:has-text('Send for approval')")
    page.click("button:has-text('Approve as coordinator')")
    page.wait_for_selector("text=You entered PO 0001: someone else approves it.")
    po_url = page.url
    page.click("text=Log out")
    log_in(page, live_server, "coord2@example.test", production)
    page.goto(po_url)
    page.click("button:has-text('Approve as coordinator')")
    page.wait_for_selector("text=Waiting for the upm")
    page.click("text=Log out")
    log_in(page, live_server, "upm@example.test", production)
    page.goto(f"{live_server.url}/p/{production.slug}/accounting/chart/")
    page.click("button:has-text('Lock this version')")
    page.wait_for_selector("text=Budget version 1 locked")
    page.goto(po_url)
    page.click("button:has-text('Approve as upm')")
    page.wait_for_selector("text=Approved.")

    # The invoice, matched to the PO line: the UPM enters it, a coordinator approves it.
    page.goto(f"{live_server.url}/p/{production.slug}/accounting/invoices/")
    page.select_option("select[name=vendor]", label="Halide Camera Rentals")
    page.fill("input[name=number]", "HCR-0091")
    page.fill("input[name=date]", "2026-03-09")
    page.select_option("select[name=po]", label="0001 · Halide Camera Rentals")
    page.select_option("select[aria-label='Invoice line 1 account']", "3300")
    page.fill("input[aria-label='Invoice line 1 description']", "Camera package week 1")
    page.fill("input[aria-label='Invoice line 1 amount']", "2400")
    page.select_option("select[aria-label='Invoice line 1 PO line']", index=1)
    page.click("button:has-text('Enter the invoice')")
    page.wait_for_selector("text=Invoice HCR-0091 from Halide Camera Rentals entered")
    invoice_url = page.url
    page.click("text=Log out")
    log_in(page, live_server, "coord@example.test", production)
    page.goto(invoice_url)
    page.click("button:has-text('Approve for payment')")
    page.wait_for_selector("text=it is now actual cost")

    # Petty cash: a float, receipts from the float holder's phone, reconciliation.
    page.click("nav a:has-text('Petty cash & cards')")
    page.select_option("select[name=person]", label="Jo Smith — Set Decorator")
    page.fill("input[name=initials]", "JS")
    page.fill("input[name=amount]", "500")
    page.click("button:has-text('Set up the float')")
    page.wait_for_selector("text=envelope JS01 is open")
    page.click("a:has-text('JS01')")
    page.click("button:has-text('Send Jo Smith the phone link')")
    page.wait_for_selector("text=Link sent to Jo Smith")
    link = re.search(
        r"(/l/receipts/\S+/)", OutboundEmail.objects.get(to="jo@example.test").body
    ).group(1)
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    for store, account, what, amount in (
        ("Home Depot", "2700", "Diner curtains", "212.47"),
        ("Hollywood Props", "2800", "Police radio", "100.00"),
    ):
        phone.goto(live_server.url + link)
        phone.fill("input[name=vendor_name]", store)
        phone.fill("input[name=date]", "2026-03-03")
        phone.set_input_files("input[name=file]", str(photo))
        phone.select_option("select[aria-label='Receipt line 1 account']", account)
        phone.fill("input[aria-label='Receipt line 1 what for']", what)
        phone.fill("input[aria-label='Receipt line 1 amount']", amount)
        phone.click("button:has-text('Save the receipt')")
        phone.wait_for_selector(f"text={store}")
    phone.screenshot(path="/tmp/receipts-phone.png", full_page=True)
    page.reload()
    assert page.text_content("#receipts-total") == "312.47"
    page.fill("input[name=cash_on_hand]", "180.00")
    page.click("button:has-text('Reconcile and replenish')")
    page.wait_for_selector("text=does not balance")
    page.fill("input[name=cash_on_hand]", "187.53")
    page.click("button:has-text('Reconcile and replenish')")
    page.wait_for_selector("text=replenish $312.47")
    page.click("button:has-text('Make the envelope PDF')")
    page.wait_for_selector("a:has-text('Envelope PDF for accounting')")

    # Both in the cost report.
    page.click("nav a:has-text('Cost report')")
    row = page.locator("#acct-3300")
    assert row.locator("td").nth(4).text_content() == "2,400.00"  # actual: the invoice
    assert (
        row.locator("td").nth(5).text_content() == "2,400.00"
    )  # commitment: the PO's open balance
    assert page.locator("#acct-2700 td").nth(4).text_content() == "212.47"
    assert page.text_content("#total-efc") == "63,000.00"
    page.screenshot(path="/tmp/cost-report.png", full_page=True)
    with page.expect_download() as download:
        page.click("a:has-text('XLSX')")
    assert download.value.path().stat().st_size > 1000
