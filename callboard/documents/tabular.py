"""The app's one spreadsheet reader and writer: every upload (cast/crew lists, budgets, card
statements) is read by read_table, within limits that make a hostile file cheap to refuse,
and every export is written by write_csv or Spreadsheet, never as a formula; vCards too. Excel's
side (reading an .xlsx, Spreadsheet and write_xlsx) is in documents/xlsx.py with openpyxl,
which loads only when a workbook is read or written.

Framework-free on purpose (no Django), so it can be tested in isolation. Everything a
user can get wrong comes back as a human message naming the row and column.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

MAX_DATA_ROWS = 20_000
MAX_PROBLEMS = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection triggers
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
CSV_EXTENSIONS = ("csv", "txt", "tsv")
XLSX_EXTENSIONS = ("xlsx", "xlsm")
NOT_XLSX = (
    "This is not a readable Excel file (.xlsx). It may be damaged or password-protected: "
    "open it in Excel, remove any password, save it as .xlsx or CSV, and upload it again."
)
# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class TableError(Exception):
    """The file cannot be read as a table; .problems is a list of human messages."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # as the user sees them in the file or sheet (header is usually 1)


def read_table(filename: str, data: bytes, *, max_bytes: int) -> Table:
    """Read an uploaded CSV or Excel file into stripped strings, or raise TableError."""
    if problem := size_problem(len(data), max_bytes):
        raise TableError([problem])
    if not data:
        raise TableError(["The file is empty."])
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    is_zip = data.startswith(ZIP_MAGIC)
    # Old .xls files and password-protected workbooks are both OLE compound files.
    if data.startswith(OLE_MAGIC) or (extension == "xls" and not is_zip):
        raise TableError(
            [
                "Old Excel files (.xls) and password-protected workbooks cannot be read. In Excel, "
                "remove any password, choose File > Save As, pick Excel Workbook (.xlsx) or CSV, "
                "and upload that file."
            ]
        )
    # Browsers and users rename files freely: trust the ZIP signature over a .csv name.
    if extension in XLSX_EXTENSIONS or (is_zip and extension in (*CSV_EXTENSIONS, "xls")):
        from .xlsx import read_xlsx  # openpyxl loads with the first Excel file, not before

        issues: list[tuple[int, int, str]] = []
        return _build_table(read_xlsx(data, issues), issues)
    if extension in CSV_EXTENSIONS:
        return _build_table(_read_csv(data, delimiter="\t" if extension == "tsv" else None))
    raise TableError(
        [
            f"Callboard cannot read “{filename}”. Upload a CSV file (.csv, .tsv or .txt) "
            "or an Excel workbook (.xlsx or .xlsm)."
        ]
    )


def size_problem(size: int, max_bytes: int) -> str | None:
    """The message for a file over the limit (checked before reading an upload into memory)."""
    if size <= max_bytes:
        return None
    limit = _format_size(max_bytes).replace(".0 ", " ")
    return f"The file is {_format_size(size)}; the limit is {limit}."


def _format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def column_letter(number: int) -> str:
    """A spreadsheet column's letters, as the user sees them: 1 is A, 27 is AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def clip(text: str, limit: int = 30) -> str:
    """A value short enough to quote in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode_text(data: bytes) -> str:
    """Bytes from a spreadsheet program's CSV export, as text: BOM, UTF-16 guess, UTF-8, cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    # UTF-16 without a BOM: mostly-ASCII text leaves a NUL in every other byte.
    sample = data[:4096]
    even, odd, pairs = sample[0::2].count(0), sample[1::2].count(0), len(sample) // 2
    if odd > pairs * 0.3 and even < odd / 10:
        return data.decode("utf-16-le", errors="replace")
    if even > pairs * 0.3 and odd < even / 10:
        return data.decode("utf-16-be", errors="replace")
    for encoding in ("utf-8", "cp1252"):  # cp1252 is what Excel on Windows writes
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")  # never fails


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header into the most columns, consistently across rows.

    Judged by the header row rather than csv.Sniffer's character statistics, which are
    easily swayed by commas or semicolons inside values.
    """
    sample = text[:65536]
    best, best_score = ",", (0.0, 1)
    for delimiter in (",", ";", "\t", "|"):
        rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r]
        rows = rows[:50] if len(sample) == len(text) else rows[:-1][:50]  # last may be cut off
        if not rows or len(rows[0]) < 2:
            continue
        consistency = sum(len(row) == len(rows[0]) for row in rows) / len(rows)
        if (consistency, len(rows[0])) > best_score:
            best, best_score = delimiter, (consistency, len(rows[0]))
    return best


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


class _LongLine(Exception):
    pass


def _lines(text: str) -> Iterator[str]:
    """Lines as io.StringIO(newline="") gives them (so the csv module handles \r\n, \r and
    newlines inside quoted values), without its copy of the whole text; a line longer than a
    row of the longest cells is refused before it is copied."""
    for match in _LINE.finditer(text):
        if match.end() - match.start() > MAX_COLUMNS * (MAX_CELL_CHARS + 3):
            raise _LongLine
        yield match.group()


def _read_csv(data: bytes, delimiter: str | None) -> Iterator[tuple[int, list[str]]]:
    text = decode_text(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
    reader = csv.reader(_lines(text), delimiter=delimiter or _sniff_delimiter(text))
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # Excel numbers every record, blank ones too
            yield number, row
    except _LongLine:
        raise TableError([_long_cell_message(number + 1)]) from None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            # The csv module's own limit (128 KB) stops it before a huge field is in memory.
            raise TableError([_long_cell_message(number + 1)]) from None
        raise TableError([f"The file cannot be read as CSV: {exc}."]) from None


# What a spreadsheet may hold. A real 20,000-row list is far inside every limit; a file
# beyond them is refused before it is unpacked or as soon as the reading reaches the limit,
# so a hostile file costs a few seconds and megabytes at most.
MAX_COLUMNS = 100
MAX_SHEET_ROWS = MAX_DATA_ROWS + 1_000  # the header, title lines and blank rows around the list
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# All the text of a table, once read: a tiny file whose cells all point at one long shared
# string would otherwise expand to gigabytes. A real 20,000 × 50 list holds about 10 million.
MAX_TABLE_CHARS = 30_000_000


def _too_many_rows() -> str:
    return (
        f"The file has more than {MAX_DATA_ROWS:,} rows; the limit is {MAX_DATA_ROWS:,}. "
        "Split it into smaller files."
    )


def _too_wide(row: int, column: int) -> str:
    return (
        f"Row {row} has a value in column {column_letter(column)}, beyond the limit of "
        f"{MAX_COLUMNS} columns. Delete the columns you do not need and upload the file again."
    )


def _long_cell_message(row: int) -> str:
    return (
        f"Row {row} has a value longer than {MAX_CELL_CHARS:,} characters (often a quote mark "
        "that is never closed, so the rest of the file reads as one value). Fix that row and "
        "upload the file again."
    )


def _build_table(
    raw_rows: Iterable[tuple[int, list[str]]], issues: Iterable[tuple[int, int, str]] = ()
) -> Table:
    """Blank rows and title lines skipped, the header found, rows padded to its width."""
    filled: list[tuple[int, list[str]]] = []
    characters = 0
    for number, raw in raw_rows:
        if number > MAX_SHEET_ROWS:
            raise TableError([_too_many_rows()])
        values = [value.strip() for value in raw]
        characters += sum(map(len, values))
        if characters > MAX_TABLE_CHARS:
            raise TableError(
                [
                    f"By row {number} the file holds more than {MAX_TABLE_CHARS:,} "
                    "characters of text, "
                    "far more than any list: check for a very long value repeated in many cells."
                ]
            )
        if wide := next((i for i, value in enumerate(values) if value and i >= MAX_COLUMNS), None):
            raise TableError([_too_wide(number, wide + 1)])
        if any(len(value) > MAX_CELL_CHARS for value in values):
            raise TableError([_long_cell_message(number)])
        values = values[:MAX_COLUMNS]
        if any(values):
            filled.append((number, values))
        if len(filled) > MAX_DATA_ROWS + 10:  # stop early: header and titles leave 10 to spare
            break
    if not filled:
        raise TableError(["The file is empty: there is no header row."])
    # Title lines above the header ("Crew list, week 3") hold one value, a header several;
    # a file where no early row has two values is a one-column list.
    start = next((i for i, (_, values) in enumerate(filled[:10]) if sum(map(bool, values)) > 1), 0)
    header_row, values = filled[start]
    while not values[-1]:
        values.pop()
    headers = [value or f"Column {column_letter(i + 1)}" for i, value in enumerate(values)]
    data = filled[start + 1 :]
    if len(data) > MAX_DATA_ROWS:
        raise TableError([_too_many_rows()])
    found: list[tuple[int, str]] = []  # (row, message), to list problems top to bottom
    for number, values in data:
        if extra := [value for value in values[len(headers) :] if value]:
            shown = ", ".join(f"“{clip(value)}”" for value in extra[:3])
            message = (
                f"Row {number} has more values than the header row has columns (extra: {shown}). "
                "Give the column a header, or check for a value that needs quotes."
            )
            found.append((number, message))
    for row, column, message in issues:
        if row < header_row:
            continue  # in the title lines, which are not imported
        name = headers[column - 1] if row > header_row and column <= len(headers) else None
        found.append((row, f"Row {row}, column '{name or column_letter(column)}': {message}"))
    problems = [message for _, message in sorted(found, key=lambda item: item[0])]
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"... and {len(problems) - MAX_PROBLEMS} more"]
    if problems:
        raise TableError(problems)
    if not data:
        raise TableError([f"The file has a header row (row {header_row}) but no rows below it."])
    rows = [values[: len(headers)] + [""] * (len(headers) - len(values)) for _, values in data]
    return Table(headers, rows, [number for number, _ in data])


# Reading headers ---------------------------------------------------------------------


def normalise(text: str) -> str:
    """Header or choice spelling, lowercased without punctuation: "E-mail" -> "email"."""
    lowered = text.strip().lower()
    return re.sub(r"[\W_]+", "", lowered) or lowered  # "#" stays "#" rather than ""


# Writing ---------------------------------------------------------------------------------

# A signed number or phone number ("-250.00", "+1 310 555 0101"): nothing a spreadsheet could run.
_SIGNED_NUMBER = re.compile(r"[+-][0-9 ().,/\-]*")


def neutralise(value):
    """OWASP CSV injection defence: text a spreadsheet would run as a formula gets a "'"."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _SIGNED_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """What neutralise() was given: our own exports import back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _money(value: Decimal) -> Decimal:
    """Rates are kept to 4 places; show 2 when the rest are zeros ($9400.00, not 9400.0000)."""
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


def _export_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(_money(value), "f")  # never "1E+3"
    return str(value)


def write_csv(headers: list[str], rows: Iterable[list]) -> bytes:
    """The one CSV writer: UTF-8 with a BOM (so Excel does not guess cp1252), CRLF, every
    text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_export_text(header) for header in headers])
    writer.writerows([_export_text(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


@dataclass
class VCard:
    full_name: str
    first_name: str
    last_name: str
    organisation: str = ""
    title: str = ""
    department: str = ""
    email: str = ""
    phone_mobile: str = ""
    phone_other: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    note: str = ""


def _vcard_escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> bytes:
    """RFC 6350 folding at 75 octets, never inside a UTF-8 character."""
    data, pieces, limit = line.encode(), [], 75
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # continuation byte: back up to the character start
            cut -= 1
        pieces.append(data[:cut])
        data, limit = data[cut:], 74  # the leading space of a continuation line counts
    return b"\r\n ".join([*pieces, data]) + b"\r\n"


def write_vcards(cards: list[VCard]) -> bytes:
    """vCard 3.0, one card per person, for phones and address books."""
    e, out = _vcard_escape, []
    for card in cards:
        full_name = card.full_name or f"{card.first_name} {card.last_name}".strip()
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{e(card.last_name)};{e(card.first_name)};;;",
            f"FN:{e(full_name)}",
        ]
        if card.organisation or card.department:
            department = f";{e(card.department)}" if card.department else ""
            lines.append(f"ORG:{e(card.organisation)}{department}")
        optional = (
            ("TITLE", card.title),
            ("EMAIL;TYPE=INTERNET", card.email),
            ("TEL;TYPE=CELL", card.phone_mobile),
            ("TEL;TYPE=VOICE", card.phone_other),
        )
        lines += [f"{name}:{e(value)}" for name, value in optional if value]
        address = (card.street, card.city, card.region, card.postal_code, card.country)
        if any(address):
            lines.append("ADR;TYPE=HOME:;;" + ";".join(e(part) for part in address))
        if card.note:
            lines.append(f"NOTE:{e(card.note)}")
        lines.append("END:VCARD")
        out.extend(_fold(line) for line in lines)
    return b"".join(out)
