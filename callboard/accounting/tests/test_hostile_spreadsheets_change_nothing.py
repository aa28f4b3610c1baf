"""The budget and card-statement imports refuse a spreadsheet bomb with its reason and write
nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.accounting.models import Account, Budget, CardStatementLine
from callboard.documents import bombs

pytestmark = pytest.mark.django_db

BOMBS = [
    ("budget.xlsx", bombs.sheet_part_bomb, "unpacks to more than Callboard reads"),
    ("budget.xlsx", bombs.shared_strings_bomb, "“xl/sharedStrings.xml” is 191.0 MB"),
    ("budget.xlsx", bombs.dimension_bomb, "declares its size as A1:XFD1048576"),
    ("budget.xlsx", bombs.rows_bomb, "more than 20,000 rows"),
    ("budget.csv", lambda: bombs.csv_field_bomb(8 * 1024 * 1024), "longer than 32,767"),
]


@pytest.mark.parametrize(("name", "build", "expected"), BOMBS)
def test_a_budget_import_refuses_a_bomb_and_writes_nothing(
    coordinator_client, production, name, build, expected
):
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/import/",
        {"kind": "budget", "file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 400 and expected in response.content.decode()
    assert "accounting_import" not in coordinator_client.session
    assert not Budget.objects.exists() and not Account.objects.exists()


@pytest.mark.parametrize(("name", "build", "expected"), BOMBS)
def test_a_card_statement_import_refuses_a_bomb_and_writes_nothing(
    coordinator_client, production, name, build, expected
):
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/petty-cash/statements/",
        {"file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 400 and expected in response.content.decode()
    assert not CardStatementLine.objects.exists()


def test_a_card_statement_over_the_size_limit_is_refused_with_its_size(
    coordinator_client, production
):
    response = coordinator_client.post(
        f"/p/{production.slug}/accounting/petty-cash/statements/",
        {"file": SimpleUploadedFile("amex.csv", b"x" * (11 * 1024 * 1024))},
    )
    assert response.status_code == 400
    assert "The file is 11.0 MB; the limit is 10 MB." in response.content.decode()
    assert not CardStatementLine.objects.exists()
