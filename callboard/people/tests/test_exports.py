import io

import openpyxl
import pypdfium2

from callboard.people.testing import make_person


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_csv_export_neutralises_formula_injection(coordinator_client, production):
    make_person(production, first_name="=cmd|' /C calc'!A0", last_name="Smith")
    content = coordinator_client.get(f"/p/{production.slug}/people/export.csv").content.decode(
        "utf-8-sig"
    )
    assert "'=cmd|" in content
    assert ",=cmd" not in content and "\n=cmd" not in content


def test_xlsx_export_stores_a_hostile_name_as_text_not_a_formula(coordinator_client, production):
    make_person(production, first_name="=1+1", last_name="Smith", email="s@example.test")
    response = coordinator_client.get(f"/p/{production.slug}/people/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.value and "1+1" in str(cell.value)
    ]
    assert cells and all(cell.data_type == "s" for cell in cells)
    assert all(not str(cell.value).startswith("=") for cell in cells)


def test_exports_follow_the_filters_on_screen(coordinator_client, production):
    make_person(production, first_name="Ana", last_name="Ruiz", position="Gaffer")
    make_person(production, first_name="Bo", last_name="Lee", position="Key Grip")
    content = coordinator_client.get(
        f"/p/{production.slug}/people/export.csv", {"q": "gaffer"}
    ).content.decode("utf-8-sig")
    assert "Ruiz" in content and "Lee" not in content


def test_export_round_trips_through_import_headers(coordinator_client, production):
    make_person(production, first_name="Ana", last_name="Ruiz", phone="(323) 555-0111")
    content = coordinator_client.get(f"/p/{production.slug}/people/export.csv").content.decode(
        "utf-8-sig"
    )
    header = content.splitlines()[0]
    for column in ("Department", "Position", "First name", "Last name", "E-mail", "Mobile"):
        assert column in header


def test_vcard_export_has_one_card_per_person(coordinator_client, production):
    make_person(production, first_name="Ana", last_name="Ruiz", phone="(323) 555-0111")
    make_person(production, first_name="Bo", last_name="Lee")
    response = coordinator_client.get(f"/p/{production.slug}/people/export.vcf")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/vcard")
    assert text.count("BEGIN:VCARD") == 2
    assert "FN:Ana Ruiz" in text and "TEL;TYPE=CELL:(323) 555-0111" in text


def test_crew_list_pdf_lists_departments_and_people(coordinator_client, production):
    make_person(production, first_name="Ana", last_name="Ruiz", position="Gaffer")
    response = coordinator_client.get(f"/p/{production.slug}/people/export.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "The Test Show" in text and "Ana Ruiz" in text and "Gaffer" in text


def test_contact_sheet_pdf_lists_department_heads(coordinator_client, production):
    make_person(
        production,
        first_name="Dee",
        last_name="Head",
        position="Production Designer",
        is_department_head=True,
    )
    response = coordinator_client.get(f"/p/{production.slug}/people/contact-sheet.pdf")
    assert "Dee Head" in pdf_text(response.content)


def test_crew_role_cannot_export(member_client, production):
    assert member_client("crew").get(f"/p/{production.slug}/people/export.xlsx").status_code == 403


def test_the_crew_list_pdf_can_add_union_and_start_columns(coordinator_client, production):
    make_person(
        production,
        first_name="Ana",
        last_name="Ruiz",
        union="IATSE",
        local="600",
        start_date="2027-01-10",
    )
    url = f"/p/{production.slug}/people/export.pdf"
    plain = pdf_text(coordinator_client.get(url).content)
    wide = pdf_text(coordinator_client.get(url, {"columns": ["union", "start", "bogus"]}).content)
    assert "IATSE 600" not in plain
    assert "IATSE 600" in wide and "Jan\u00a010" in wide  # the template keeps dates unbroken
