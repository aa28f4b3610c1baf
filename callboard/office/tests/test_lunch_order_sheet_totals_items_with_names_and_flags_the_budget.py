"""The order sheet totals each item with the names of who ordered it, has one label per order
(name, department, items, notes), names who has not ordered yet, and flags an order over the
per-person budget (the person is warned too); the PDF prints it."""

from decimal import Decimal

import pypdfium2
import pytest

from callboard.office.lunch import sheet
from callboard.office.lunch.queries import sheet_document
from callboard.office.lunch.services import LunchError, lunch_budget_save, lunch_order_place
from callboard.office.lunch.sheetpdf import sheet_pdf

from .lunchkit import crew, item, open_lunch, restaurant

pytestmark = pytest.mark.django_db


def test_each_item_is_totalled_with_the_names():
    orders = [
        sheet.Order("Ana Ruiz", "Office", (sheet.Line("Turkey club", 2, Decimal("14.50")),)),
        sheet.Order(
            "Ben Okafor", "Accounting",
            (sheet.Line("Turkey club", 1, Decimal("14.50")),
             sheet.Line("Iced tea", 1, Decimal("3.25"))),
        ),
    ]  # fmt: skip
    rows = sheet.item_totals(orders)
    assert [(r.item, r.quantity, r.amount, r.names) for r in rows] == [
        ("Iced tea", 1, Decimal("3.25"), ["Ben Okafor"]),
        ("Turkey club", 3, Decimal("43.50"), ["Ana Ruiz ×2", "Ben Okafor"]),
    ]
    assert sheet.over_budget(Decimal("29.00"), Decimal("20")) == (
        "$29.00 is over the $20.00 per-person budget by $9.00."
    )
    assert sheet.over_budget(Decimal("20.00"), Decimal("20")) == ""
    assert sheet.over_budget(Decimal("99"), None) == ""


def test_the_sheet_names_who_has_not_ordered_and_who_is_over_budget(
    production, coordinator, client
):
    place = restaurant(production, coordinator)
    people = crew(production)
    lunch_budget_save(actor=coordinator, production=production, amount="20")
    with pytest.raises(LunchError, match="cannot be negative"):
        lunch_budget_save(actor=coordinator, production=production, amount="-5")
    lunch = open_lunch(production, coordinator, place, people)
    club, tea = item(place, "Turkey club"), item(place, "Iced tea")
    _, warning = lunch_order_place(
        lunch=lunch, person=people["ana"], lines=[(club.pk, 2)], note="one for the driver"
    )
    assert warning == "$29.00 is over the $20.00 per-person budget by $9.00."
    _, warning = lunch_order_place(
        lunch=lunch, person=people["ben"], lines=[(club.pk, 1), (tea.pk, 1)], allergies="nuts"
    )
    assert warning == ""

    doc = sheet_document(lunch)
    assert doc["not_ordered"] == ["Cleo Marsh"]
    assert [(r["item"], r["quantity"], r["names"]) for r in doc["items"]] == [
        ("Iced tea", 1, "Ben Okafor"),
        ("Turkey club", 3, "Ana Ruiz ×2, Ben Okafor"),
    ]
    assert doc["subtotal"] == "$46.75"
    labels = {label["name"]: label for label in doc["labels"]}
    assert labels["Ben Okafor"]["department"] == "Accounting"
    assert labels["Ben Okafor"]["allergies"] == "nuts"
    assert labels["Ana Ruiz"]["over"] and labels["Ana Ruiz"]["note"] == "one for the driver"

    client.force_login(coordinator)
    page = client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/").content.decode()
    assert "Not ordered yet (1)" in page and "Cleo Marsh" in page and "Over budget" in page
    office = client.get(f"/p/{production.slug}/office/").content.decode()
    assert "2 orders in" in office and "1 not ordered yet" in office

    pdf = client.get(f"/p/{production.slug}/office/lunch/{lunch.pk}/sheet.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(pdf.content)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert "Turkey club" in text and "Ana Ruiz ×2, Ben Okafor" in text
    assert "ALLERGY: nuts" in text and "$46.75" in text


def test_hostile_text_prints_as_text():
    doc = sheet.document(
        production={"title": "#set page(width: 1pt)"}, restaurant={"name": "]) #panic("},
        date="today", cutoff="", budget=None, tax=None, tip=None, not_ordered=[],
        orders=[sheet.Order('"#panic()', "[x]", (sheet.Line("*bold* $x$", 1, Decimal(1)),))],
    )  # fmt: skip
    assert sheet_pdf(doc).startswith(b"%PDF")
