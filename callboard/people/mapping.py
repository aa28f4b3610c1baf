"""Importing a cast/crew list: which column of the file is which field (guessed from the
headings the office uses, a single "Name" column split into first and last name), what is
wrong with a mapping, and each row's cells as Python values with a message naming the row and
column when one is wrong. The file itself is read by ``documents.tabular``; the fields are
``columns.person_columns``; the checks against the production's data are ``importing``.

Framework-free (no Django), so it can be tested in isolation."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from callboard.documents.tabular import (
    FORMULA_STARTS,
    Table,
    clip,
    column_letter,
    neutralise,
    normalise,
    unneutralise,
)

# Mapping --------------------------------------------------------------------

KINDS = ("text", "email", "phone", "date", "int", "decimal", "choice", "bool")
FULL_NAME = "full_name"  # pseudo-field: a single "Name" column split into first and last name
FULL_NAME_HEADERS = (
    "name",
    "full name",
    "crew member",
    "cast member",
    "crew name",
    "cast name",
    "contact",
    "contact name",
    "employee",
    "employee name",
    "person",
    "actor",
    "performer",
    "talent",
)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"
    required: bool = False
    unique: bool = False  # duplicates within the file are errors (case-insensitive)
    synonyms: tuple[str, ...] = ()
    choices: dict[str, str] | None = None  # normalised spelling -> stored value
    max_length: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS or (self.kind == "choice") != (self.choices is not None):
            raise ValueError(f"FieldSpec {self.name!r}: bad kind {self.kind!r} or choices")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the file's header text, or the field label when the column is missing
    message: str

    def __str__(self):
        return f"Row {self.row}, column '{self.column}': {self.message}"


def guess_mapping(headers: list[str], fields: list[FieldSpec]) -> dict[str, int | None]:
    """Field name -> column index, matching normalised headers; each column used once."""
    keys = [normalise(header) for header in headers]
    mapping: dict[str, int | None] = {spec.name: None for spec in fields}
    used: set[int] = set()

    def take(name: str, spellings: Iterable[str]) -> None:
        wanted = {normalise(spelling) for spelling in spellings}
        index = next((i for i, k in enumerate(keys) if k in wanted and i not in used), None)
        if index is not None:
            mapping[name] = index
            used.add(index)

    # Labels, then names, then synonyms: a looser match never takes a column from a closer one.
    for spellings_of in (lambda s: (s.label,), lambda s: (s.name,), lambda s: s.synonyms):
        for spec in fields:
            if mapping[spec.name] is None:
                take(spec.name, spellings_of(spec))
    mapping[FULL_NAME] = None
    # Only when the fields have a first or last name that no column of its own supplies.
    if any(mapping.get(name, 0) is None for name in ("first_name", "last_name")):
        take(FULL_NAME, FULL_NAME_HEADERS)
    return mapping


def mapping_problems(
    mapping: dict[str, int | None], fields: list[FieldSpec], headers: list[str] | None = None
) -> list[str]:
    """What is wrong with a column mapping as a whole; a column is named by its heading in the
    file (``headers``) as well as its letter."""
    labels = {spec.name: spec.label for spec in fields} | {FULL_NAME: "Full name"}

    def column(index: int) -> str:
        letter = column_letter(index + 1)
        if headers and 0 <= index < len(headers):
            return f"column '{headers[index]}' ({letter})"
        return f"column ({letter})"

    by_column: dict[int, list[str]] = {}
    for name, index in mapping.items():
        if index is not None and name in labels:
            by_column.setdefault(index, []).append(f"'{labels[name]}'")
    problems = [
        f"{', '.join(names[:-1])} and {names[-1]} are mapped to the same "
        f"{column(index)}; map each column to one field only."
        for index, names in sorted(by_column.items())
        if len(names) > 1
    ]
    has_full_name = mapping.get(FULL_NAME) is not None
    for spec in fields:
        if not spec.required or mapping.get(spec.name) is not None:
            continue
        if not (has_full_name and spec.name in ("first_name", "last_name")):
            problems.append(
                f"Required column '{spec.label}' is not mapped to any column in the file."
            )
    return problems


def _column(index: int, headers: list[str] | None) -> str:
    """A column as the coordinator finds it: "column 'Cell' (F)"."""
    letter = column_letter(index + 1)
    if headers and 0 <= index < len(headers):
        return f"column '{headers[index]}' ({letter})"
    return f"column ({letter})"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def columns_left_out(mapping: dict[str, int | None], headers: list[str]) -> list[str]:
    """The file's columns no field reads, each named as the file spells it: "'Cell' (F)"."""
    used = {index for index in mapping.values() if index is not None}
    return [
        f"'{header}' ({column_letter(i + 1)})" for i, header in enumerate(headers) if i not in used
    ]


def mapping_notes(
    mapping: dict[str, int | None], fields: list[FieldSpec], headers: list[str]
) -> list[str]:
    """Columns left out although their heading names a field, because another column fills it
    ("Phone" and "Cell" both name Mobile: one is imported, the other would be lost unseen).
    Not problems: the import goes ahead, but the review page must say which column is used."""
    used = {index for index in mapping.values() if index is not None}
    keys = [normalise(header) for header in headers]
    notes = []
    for spec in fields:
        spellings = {normalise(s) for s in (spec.label, spec.name, *spec.synonyms)}
        naming = [i for i, key in enumerate(keys) if key in spellings and i not in used]
        if not naming:
            continue
        names = [_column(i, headers) for i in naming]
        left = _join(names)
        verb = "is" if len(naming) == 1 else "are"
        chosen = mapping.get(spec.name)
        if chosen is None:
            notes.append(
                f"{_capital(left)} {'names' if len(naming) == 1 else 'name'} "
                f"{spec.label}, but {spec.label} is set to “not in the file”: {left} {verb} "
                f"not imported. Choose it for {spec.label} under Columns to import it."
            )
            continue
        both = "both" if len(naming) == 1 else "all"
        used_column = _column(chosen, headers)
        notes.append(
            f"{_capital(used_column)} and {left} {both} name {spec.label}: "
            f"{used_column} is imported as {spec.label} "
            f"and {left} {verb} not imported. To import "
            f"{'it' if len(naming) == 1 else 'another'} instead, choose it for {spec.label} "
            "under Columns."
        )
    return notes


def validate_rows(
    table: Table, mapping: dict[str, int | None], fields: list[FieldSpec]
) -> tuple[list[dict], list[RowError]]:
    """One cleaned dict per data row (every field present, None when empty), and all errors."""
    cleaned: list[dict] = []
    errors: list[RowError] = []
    seen: dict[str, dict[object, int]] = {spec.name: {} for spec in fields if spec.unique}
    full_index = mapping.get(FULL_NAME)

    def header(index: int | None) -> str | None:
        return (
            table.headers[index] if index is not None and 0 <= index < len(table.headers) else None
        )

    # What each field reads, worked out once rather than for every cell.
    full_header = header(full_index)
    plan = []
    for spec in fields:
        index = mapping.get(spec.name)
        own_header = header(index)
        plan.append(
            (
                spec,
                index if own_header else None,  # the cell to read, if any
                own_header or spec.label,  # the column named in messages
                # Own column blank or missing: this half comes from the "Name" column.
                bool(full_header) and spec.name in ("first_name", "last_name"),
                index is None,
                seen.get(spec.name),
            )
        )
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        full_name = row[full_index] if full_header else ""
        parts = split_full_name(full_name) if full_name else {}
        result: dict = {}
        row_errors: list[RowError] = []
        for spec, index, column, halves_name, unmapped, seen_values in plan:
            raw = row[index].strip() if index is not None else ""
            if halves_name and not raw:
                raw = parts.get(spec.name, "")
                if full_name or unmapped:
                    column = full_header
            value = None
            try:
                value = _clean(raw, spec)
            except ValueError as exc:
                row_errors.append(RowError(number, column, str(exc)))
            else:
                if value is None and spec.required:
                    message = "is required"
                    if full_name and column == full_header:
                        message = (
                            f"has no {spec.label.lower()} (write “First Last” or “Last, First”)"
                        )
                    row_errors.append(RowError(number, column, message))
                elif value is not None and seen_values is not None:
                    first = seen_values.setdefault(
                        value.lower() if isinstance(value, str) else value, number
                    )
                    if first != number:
                        row_errors.append(
                            RowError(number, column, f"duplicates row {first} ({value})")
                        )
            result[spec.name] = value
        # A blank "Name" cell would otherwise say "is required" once for each half.
        errors.extend(dict.fromkeys(row_errors))
        cleaned.append(result)
    return cleaned, errors


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


_SURNAME_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "la",
    "le",
    "st.",
    "ter",
    "ten",
    "bin",
    "ibn",
    "al",
}


def split_full_name(text: str) -> dict[str, str]:
    """ "Jane Q. Smith" and "Smith, Jane Q." -> first "Jane Q.", last "Smith"."""
    text = " ".join(text.split())
    if text.count(",") == 1:
        last, first = (part.strip() for part in text.split(","))
        if normalise(first) not in _NAME_SUFFIXES:
            return {"first_name": first, "last_name": last}
    words = text.replace(",", "").split()
    cut = -2 if len(words) > 2 and normalise(words[-1]) in _NAME_SUFFIXES else -1
    # Surname particles belong to the last name: "Mary-Kate van der Berg" -> "van der Berg".
    while len(words) + cut > 1 and words[cut - 1].lower() in _SURNAME_PARTICLES:
        cut -= 1
    return {"first_name": " ".join(words[:cut]), "last_name": " ".join(words[cut:])}


_EMAIL_RE = re.compile(
    r"[^@\s<>()\[\],;:\"]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+"
)
_PHONE_RE = re.compile(r"\+?[0-9 ().\-]+(?:\s*(?:x|ext\.?|extension)\s*[0-9]+)?", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%m-%d-%Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %Y",
    "%d %B %Y",
)
_BOOLS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "x": True,
    "✓": True,
    "✔": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}


def _clean(raw: str, spec: FieldSpec) -> object:
    """The python value of one cell, None when blank; ValueError(message) when invalid."""
    if not raw or (spec.kind != "text" and not raw.strip("-–— ")):  # "-" for "none"
        return None
    if spec.kind in ("text", "email", "choice"):
        # Our exports mark text that looks like a formula with a "'"; unmarked, it is refused.
        if neutralise(raw) != raw:
            raise ValueError(_formula_message(raw))
        raw = unneutralise(raw)
        if spec.max_length and len(raw) > spec.max_length:
            raise ValueError(f"is {len(raw)} characters long; the limit is {spec.max_length}")
        if spec.kind == "email":
            email = raw.lower().removeprefix("mailto:")
            if not _EMAIL_RE.fullmatch(email):
                raise ValueError(f"“{clip(raw)}” is not an e-mail address")
            return email
        if spec.kind == "choice":
            assert spec.choices is not None
            if (key := normalise(raw)) in spec.choices:
                return spec.choices[key]
            # The plain spellings (a key that is its own stored value), not every alias.
            plain = [key for key, value in spec.choices.items() if key == value] or spec.choices
            raise ValueError(f"“{clip(raw)}” is not one of: {', '.join(plain)}")
        return raw
    # A leading apostrophe is Excel's "this is text" mark, and our own exports add it to "+1 ...".
    text = raw[1:] if raw.startswith("'") else raw
    if spec.kind == "phone":
        valid = bool(_PHONE_RE.fullmatch(text)) and len(re.findall(r"[0-9]", text)) >= 7
        if text.startswith(FORMULA_STARTS) and not (valid and text.startswith("+")):
            raise ValueError(_formula_message(raw))
        if not valid:
            raise ValueError(
                f"“{clip(raw)}” is not a phone number (digits, spaces and + ( ) - . only, "
                "x for an extension, at least 7 digits)"
            )
        return text
    if spec.kind == "date":
        return _parse_date(text)
    if spec.kind == "bool":
        if (key := normalise(text)) in _BOOLS:
            return _BOOLS[key]
        raise ValueError(f"“{clip(raw)}” is not yes or no (use yes/no, y/n, true/false, 1/0 or x)")
    return _parse_number(text, whole=spec.kind == "int")


def _formula_message(raw: str) -> str:
    return f"looks like a spreadsheet formula ({clip(raw)}); Callboard does not import formulas"


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(text: str) -> date:
    if _ISO_DATE.fullmatch(text):  # the common case, what strptime's first pattern reads
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # e.g. 2026-02-30: the patterns below say why
    simple = " ".join(text.replace(",", " ").split())
    # Excel date-times read as "2026-01-05 07:30": the date part is what a date field wants.
    simple = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$", r"\1", simple)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(simple, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        f"“{clip(text)}” is not a date (write e.g. 2026-01-05, 1/5/2026 or Jan 5, 2026)"
    )


def _parse_number(text: str, *, whole: bool) -> int | Decimal:
    try:
        number = Decimal(re.sub(r"[\s,$£€¥]", "", text))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValueError(f"“{clip(text)}” is not a number")
    if number and number.adjusted() > 15:  # also keeps int() away from "1e999999999"
        raise ValueError(f"“{clip(text)}” is too large")
    if not whole:
        return number
    if number != number.to_integral_value():
        raise ValueError(f"“{clip(text)}” is not a whole number")
    return int(number)
