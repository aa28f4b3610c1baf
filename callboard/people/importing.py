"""Cast/crew list import: the checks that need the production's own data.

The file is read by ``documents.tabular`` and each row validated by the framework-free
``mapping`` module; here rows are checked against the production (departments, e-mails
and cast IDs already taken) and turned into Person fields.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from callboard.core.params import id_param
from callboard.documents.tabular import Table

from .columns import person_columns
from .mapping import (
    FULL_NAME,
    FieldSpec,
    RowError,
    columns_left_out,
    guess_mapping,
    mapping_notes,
    mapping_problems,
    validate_rows,
)
from .models import Department, ImportBatch, Person


@dataclass
class ImportReview:
    """Everything the review page shows, and what commit needs."""

    table: Table
    columns: list[FieldSpec]
    mapping: dict[str, int | None]
    file_problems: list[str] = field(default_factory=list)
    row_errors: list[RowError] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    # Said on the review page, not blocking: two columns naming one field (which is used), and
    # every column of the file that will not be imported.
    notes: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_problems and not self.row_errors and bool(self.rows)

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.row_errors})


def _department_lookup(production) -> dict[str, Department]:
    """Department names as coordinators type them: any case, with or without a plural s."""
    lookup = {}
    for department in Department.objects.filter(production=production):
        key = department.name.lower()
        lookup[key] = department
        lookup.setdefault(key.rstrip("s"), department)
        lookup.setdefault(key + "s", department)
    return lookup


def _check_against_production(batch: ImportBatch, review: ImportReview) -> None:
    table, mapping = review.table, review.mapping
    departments = _department_lookup(batch.production)
    taken_emails = set(
        Person.objects.active()
        .filter(production=batch.production)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    taken_cast_numbers = set(
        Person.objects.cast()
        .filter(production=batch.production, cast_number__isnull=False)
        .values_list("cast_number", flat=True)
    )

    labels = {spec.name: spec.label for spec in review.columns}

    def column_header(name: str) -> str:
        """The column a field was read from, as the file spells it: its own column, else the
        "Name" column its half of a name came from, else (not in the file) the field's label."""
        for source in (name, FULL_NAME if name in ("first_name", "last_name") else None):
            index = mapping.get(source) if source else None
            if index is not None and 0 <= index < len(table.headers):
                return table.headers[index]
        return labels.get(name, name)

    flagged = {(error.row, error.column) for error in review.row_errors}
    for row_number, row in zip(table.row_numbers, review.rows, strict=True):
        department_name = row.pop("department", None)
        if department_name:
            department = departments.get(department_name.lower()) or departments.get(
                department_name.lower().rstrip("s")
            )
            if department is None:
                review.row_errors.append(
                    RowError(
                        row_number,
                        column_header("department"),
                        f"no department called “{department_name}” on this production "
                        "(add it under Departments, or correct the spelling)",
                    )
                )
            row["department"] = department
        email = row.get("email")
        if email and email in taken_emails:
            review.row_errors.append(
                RowError(
                    row_number, column_header("email"), f"{email} is already on this production"
                )
            )
        number = row.get("cast_number")
        if number is not None and number in taken_cast_numbers:
            review.row_errors.append(
                RowError(
                    row_number, column_header("cast_number"), f"cast ID {number} is already taken"
                )
            )
        in_file = mapping.get("rate_unit") is not None
        unreadable = (row_number, column_header("rate_unit")) in flagged
        if row.get("rate") is not None and not row.get("rate_unit") and not unreadable:
            # A blank cell in the file's unit column, or no such column: point at the rate.
            review.row_errors.append(
                RowError(
                    row_number,
                    column_header("rate_unit" if in_file else "rate"),
                    "say whether the rate is per hour, day or week"
                    + ("" if in_file else " (add a 'Rate per' column: hour, day or week)"),
                )
            )
        start, end = row.get("start_date"), row.get("end_date")
        if start and end and end < start:
            review.row_errors.append(
                RowError(
                    row_number, column_header("end_date"), "the end date is before the start date"
                )
            )
        for name, value in list(row.items()):
            if value is None:
                row[name] = (
                    ""
                    if name not in ("department", "cast_number", "start_date", "end_date", "rate")
                    else None
                )
        if row.get("is_department_head") in ("", None):
            row["is_department_head"] = False
        if not row.get("status"):
            row.pop("status", None)
        _check_fields(batch, row, row_number, column_header, review.row_errors)
    review.row_errors.sort(key=lambda error: error.row)


def _check_fields(batch, row: dict, row_number: int, column_header, errors: list[RowError]) -> None:
    """The model's own field rules (lengths, ranges, decimal places, e-mail), so commit never
    fails."""
    candidate = Person(production=batch.production, kind=batch.kind, **row)
    try:
        candidate.clean_fields(exclude=["production", "department"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.append(
                RowError(row_number, column_header(name), " ".join(messages).rstrip(".").lower())
            )


def import_columns(*, batch: ImportBatch, membership) -> tuple[list[FieldSpec], Table]:
    """The fields this member may import, and the batch's table (read once at upload)."""
    return person_columns(kind=batch.kind, membership=membership), Table(**batch.table)


def import_review(*, batch: ImportBatch, membership, mapping: dict | None = None) -> ImportReview:
    """Map the batch's columns (read once at upload) and check every row. Writes nothing."""
    columns, table = import_columns(batch=batch, membership=membership)
    if mapping is None:
        mapping = batch.mapping or guess_mapping(table.headers, columns)
    review = ImportReview(
        table,
        columns,
        mapping,
        file_problems=mapping_problems(mapping, columns, table.headers),
        notes=mapping_notes(mapping, columns, table.headers),
        left_out=columns_left_out(mapping, table.headers),
    )
    if review.file_problems:
        return review
    review.rows, review.row_errors = validate_rows(table, mapping, columns)
    _check_against_production(batch, review)
    return review


def mapping_from_post(post, columns: list[FieldSpec], table: Table) -> dict[str, int | None]:
    """The column mapping chosen on the review page; unknown values map to nothing."""
    mapping = {}
    for spec in [FieldSpec(FULL_NAME, "Full name"), *columns]:
        index = id_param(post.get(f"map_{spec.name}"))
        mapping[spec.name] = index if index is not None and index < len(table.headers) else None
    return mapping
