"""Generated bombs: each is refused with a message that says why, before it costs time or memory."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from callboard.documents import bombs
from callboard.documents.tabular import TableError, read_table
from callboard.people.models import ImportBatch

MB = 1024 * 1024


def refusal(filename: str, data: bytes, *, max_bytes: int = 64 * MB) -> tuple[str, float]:
    start = time.perf_counter()
    with pytest.raises(TableError) as caught:
        read_table(filename, data, max_bytes=max_bytes)
    (problem,) = caught.value.problems
    return problem, time.perf_counter() - start


def test_a_small_workbook_whose_sheet_unpacks_to_190_mb_is_refused_before_unpacking():
    data = bombs.sheet_part_bomb()
    assert len(data) < MB
    problem, seconds = refusal("crew.xlsx", data)
    assert problem.startswith("The workbook unpacks to more than Callboard reads: its part")
    assert "“xl/worksheets/sheet1.xml” is 191.0 MB, the limit 48 MB" in problem
    assert seconds < 5  # milliseconds when quiet; `make bench` holds the figure


def test_a_shared_strings_bomb_is_refused_before_unpacking():
    problem, seconds = refusal("crew.xlsx", bombs.shared_strings_bomb())
    assert "“xl/sharedStrings.xml” is 191.0 MB, the limit 24 MB" in problem
    assert seconds < 5  # milliseconds when quiet; `make bench` holds the figure


def test_cells_all_pointing_at_one_long_shared_string_are_refused_before_they_expand():
    import tracemalloc

    data = bombs.shared_reference_bomb()
    assert len(data) < 100 * 1024  # 20,000 × 10 cells of 30,000 characters: 6 billion
    tracemalloc.start()
    problem, _ = refusal("crew.xlsx", data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "more than 30,000,000 characters" in problem
    assert peak < 200 * MB


def test_a_styles_bomb_is_refused_before_unpacking():
    problem, _ = refusal("crew.xlsx", bombs.styles_bomb())
    assert "“xl/styles.xml” is 51.0 MB, the limit 2 MB" in problem


def test_a_sheet_declaring_a1_to_xfd1048576_is_refused_before_a_row_is_read():
    problem, _ = refusal("crew.xlsx", bombs.dimension_bomb())
    assert problem == (
        "The sheet declares its size as A1:XFD1048576 (1,048,576 rows × 16,384 columns); "
        "Callboard reads at most 20,000 rows × 100 columns. Delete the empty rows and columns "
        "around your list (or copy the list into a new sheet), save, and upload it again."
    )


def test_a_sheet_of_half_a_million_rows_stops_at_the_row_limit():
    problem, seconds = refusal("crew.xlsx", bombs.rows_bomb())
    assert problem == (
        "The file has more than 20,000 rows; the limit is 20,000. Split it into smaller files."
    )
    assert seconds < 10  # streamed only as far as the limit


def test_a_value_beyond_column_100_is_refused_naming_the_row_and_column():
    problem, _ = refusal("crew.xlsx", bombs.wide_bomb())
    assert problem.startswith("Row 2 has a value in column CW, beyond the limit of 100 columns.")
    assert refusal("crew.csv", bombs.csv_wide_bomb())[0] == problem


def test_a_csv_with_a_50_mb_field_is_refused_naming_the_row():
    problem, _ = refusal("crew.csv", bombs.csv_field_bomb())
    assert problem.startswith("Row 2 has a value longer than 32,767 characters")
    assert "quote mark that is never closed" in problem


def test_a_csv_running_past_the_row_limit_on_blank_lines_is_refused():
    problem, _ = refusal("crew.csv", bombs.csv_blank_lines_bomb())
    assert "the limit is 20,000" in problem


@pytest.mark.parametrize(
    ("name", "build", "expected"),
    [
        ("crew.xlsx", bombs.sheet_part_bomb, "unpacks to more than Callboard reads"),
        ("crew.xlsx", bombs.dimension_bomb, "declares its size as A1:XFD1048576"),
        ("crew.xlsx", bombs.rows_bomb, "more than 20,000 rows"),
        ("crew.csv", lambda: bombs.csv_field_bomb(8 * MB), "longer than 32,767 characters"),
    ],
)
def test_the_people_import_refuses_a_bomb_and_writes_nothing(
    coordinator_client, production, name, build, expected
):
    response = coordinator_client.post(
        f"/p/{production.slug}/people/import/",
        {"kind": "crew", "file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not ImportBatch.objects.filter(production=production).exists()
