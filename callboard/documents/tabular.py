"""The app's one spreadsheet reader and writer: every upload (cast/crew lists, budgets, card
statements) is read by read_table, within limits that make a hostile file cheap to refuse,
and every export is written by write_csv or Spreadsheet, never as a formula; vCards too.

Framework-free on purpose (no Django), so it can be tested in isolation. Everything a
user can get wrong comes back as a human message naming the row and column.
"""

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601
from openpyxl.worksheet.cell_range import CellRange

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
        issues: list[tuple[int, int, str]] = []
        return _build_table(_read_xlsx(data, issues), issues)
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
MAX_SHEET_PART_BYTES = 48 * 1024 * 1024  # a full 20,000 × 50 sheet is about 30 MB
MAX_STRINGS_PART_BYTES = 24 * 1024 * 1024  # the shared strings, all held in memory
MAX_OTHER_PART_BYTES = 2 * 1024 * 1024  # styles, workbook, relationships: read whole
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # every part, pictures included
_MAIN = ("workbook.xml", "styles.xml", "sharedstrings.xml")


def _too_many_rows() -> str:
    return (
        f"The file has more than {MAX_DATA_ROWS:,} rows; the limit is {MAX_DATA_ROWS:,}. "
        "Split it into smaller files."
    )


def _too_wide(row: int, column: int) -> str:
    return (
        f"Row {row} has a value in column {get_column_letter(column)}, beyond the limit of "
        f"{MAX_COLUMNS} columns. Delete the columns you do not need and upload the file again."
    )


def _long_cell_message(row: int) -> str:
    return (
        f"Row {row} has a value longer than {MAX_CELL_CHARS:,} characters (often a quote mark "
        "that is never closed, so the rest of the file reads as one value). Fix that row and "
        "upload the file again."
    )


def _check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb by the sizes its directory declares; zipfile never unpacks more."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        name = member.filename.lower()
        if name.startswith("xl/worksheets/"):
            limit = MAX_SHEET_PART_BYTES
        elif name.endswith("sharedstrings.xml"):
            limit = MAX_STRINGS_PART_BYTES
        elif name.endswith((".xml", ".rels", ".vml")):
            limit = MAX_OTHER_PART_BYTES
        else:
            continue  # pictures and other parts are never read; the total bounds them
        if member.file_size > limit:
            raise TableError(
                [
                    f"The workbook unpacks to more than Callboard reads: its part "
                    f"“{clip(member.filename, 60)}” is {_format_size(member.file_size)}, "
                    f"the limit {_format_size(limit).replace('.0 ', ' ')}. "
                    "Save the sheet as CSV and upload that."
                ]
            )
    if total > MAX_UNPACKED_BYTES:
        raise TableError(
            [
                f"The workbook unpacks to {_format_size(total)}, more than Callboard reads "
                f"({_format_size(MAX_UNPACKED_BYTES).replace('.0 ', ' ')}). Save the sheet as CSV "
                "and upload that."
            ]
        )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_events(archive: zipfile.ZipFile, name: str):
    """(element, path of open tags) as each element of one of the small parts (relationships,
    workbook, styles) ends; each is dropped once read."""
    open_elements: list = []
    path: list[str] = []
    with archive.open(name) as source:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                open_elements.append(element)
                path.append(_local(element.tag))
                continue
            yield element, path
            open_elements.pop()
            path.pop()
            if open_elements:
                open_elements[-1].remove(element)


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type ending, part name) for the part's internal targets."""
    folder, _, base = part.rpartition("/")
    name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if name not in archive.NameToInfo:
        return {}
    found = {}
    for element, _ in _xml_events(archive, name):
        if _local(element.tag) == "Relationship" and element.get("TargetMode") != "External":
            target = element.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            found[element.get("Id", "")] = (kind, posixpath.normpath(target))
    return found


def _shared_strings(archive: zipfile.ZipFile, name: str | None) -> list[str]:
    strings: list[str] = []
    pieces: list[str] = []
    inside = {"t": False, "rPh": False}  # phonetic guides (rPh) are not part of the text

    def start(tag: str, attrs: dict) -> None:
        tag = tag[tag.find(":") + 1 :]
        if tag in inside:
            inside[tag] = True

    def end(tag: str) -> None:
        tag = tag[tag.find(":") + 1 :]
        if tag in inside:
            inside[tag] = False
        elif tag == "si":
            strings.append("".join(pieces))
            pieces.clear()

    def text(data: str) -> None:
        if inside["t"] and not inside["rPh"]:
            pieces.append(data)

    if name in archive.NameToInfo:
        for _ in _expat(archive, name, start, end, text):
            pass
    return strings


def _date_styles(archive: zipfile.ZipFile, name: str | None) -> dict[int, str]:
    """Style index -> "date" or "duration", for the styles whose number format is one."""
    formats = dict(BUILTIN_FORMATS)
    kinds: dict[int, str] = {}
    index = 0
    for element, path in _xml_events(archive, name) if name in archive.NameToInfo else ():
        tag = _local(element.tag)
        if tag == "numFmt":
            formats[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
        elif tag == "xf" and path[-2:-1] == ["cellXfs"]:
            code = formats.get(int(element.get("numFmtId", "0")), "")
            if is_timedelta_format(code):
                kinds[index] = "duration"
            elif is_date_format(code):
                kinds[index] = "date"
            index += 1
    return kinds


def _read_xlsx(data: bytes, issues: list[tuple[int, int, str]]) -> Iterator[tuple[int, list[str]]]:
    """The first visible sheet's rows, streamed; cells to complain about as (row, column,
    message) go into ``issues`` as they are met."""
    if not data.startswith(ZIP_MAGIC):
        raise TableError([NOT_XLSX])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_parts(archive)
            yield from _read_first_sheet(archive, issues)
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        IndexError,
        OSError,
        ParseError,
        DefusedXmlException,
        EOFError,
        expat.ExpatError,
    ):
        raise TableError([NOT_XLSX]) from None


def _read_first_sheet(archive: zipfile.ZipFile, issues: list) -> Iterator[tuple[int, list[str]]]:
    book = next(
        (
            target
            for kind, target in _relationships(archive, "").values()
            if kind == "officeDocument"
        ),
        "xl/workbook.xml",
    )
    parts = _relationships(archive, book)
    epoch, sheet = WINDOWS_EPOCH, None
    for element, _ in _xml_events(archive, book):
        tag = _local(element.tag)
        if tag == "workbookPr" and element.get("date1904") in ("1", "true"):
            epoch = MAC_EPOCH
        elif tag == "sheet" and sheet is None and element.get("state", "visible") == "visible":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            if parts.get(rid, ("",))[0] == "worksheet":  # not a chart sheet
                sheet = parts[rid][1]
    if sheet is None:
        raise TableError(["The workbook has no visible worksheet."])
    by_kind = {kind: target for kind, target in parts.values()}
    strings = _shared_strings(archive, by_kind.get("sharedStrings"))
    styles = _date_styles(archive, by_kind.get("styles"))
    yield from _stream_sheet(archive, sheet, _SheetReader(strings, styles, epoch, issues))


class _SheetReader:
    """Expat callbacks over one worksheet. No tree is built, so memory stays flat however
    many rows, cells or runs of text the sheet holds; rows wait in ``rows`` to be taken."""

    def __init__(self, strings: list[str], styles: dict[int, str], epoch, issues: list):
        self.strings, self.styles, self.epoch, self.issues = strings, styles, epoch, issues
        self.rows: list[tuple[int, list[str]]] = []
        self.row = self.column = self.filled = 0
        self.values: dict[int, str] = {}
        self.cell: dict = {}
        self.buffer: list[str] | None = None  # the text being collected, if any
        self.size = 0
        self.inline = self.phonetic = False
        self.merged: list[CellRange] = []
        self.top = self.bottom = self.right = 0  # the filled area, where merged cells matter

    def start(self, name: str, attrs: dict) -> None:
        tag = name[name.find(":") + 1 :]
        if tag == "c":
            ref = attrs.get("r")
            self.column = (
                column_index_from_string(ref.rstrip("0123456789")) if ref else self.column + 1
            )
            self.cell = {
                "type": attrs.get("t", "n"),
                "style": int(attrs.get("s") or 0),
                "value": None,
                "formula": None,
                "text": [],
            }
        elif tag in ("v", "f") or (tag == "t" and self.inline and not self.phonetic):
            self.buffer, self.size = [], 0
        elif tag == "row":
            self.row = int(attrs.get("r") or self.row + 1)
            self.values, self.column = {}, 0
        elif tag == "is":
            self.inline = True
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "dimension":
            _check_dimension(attrs.get("ref", ""))
        elif tag == "mergeCell":
            self.merged.append(CellRange(attrs.get("ref", "")))

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.size += len(data)
            if self.size > MAX_CELL_CHARS:
                raise TableError([_long_cell_message(self.row)])
            self.buffer.append(data)

    def end(self, name: str) -> None:
        tag = name[name.find(":") + 1 :]
        if tag == "c":
            self._end_cell()
        elif tag == "row":
            self._end_row()
        elif self.buffer is not None and tag in ("v", "f", "t"):
            text, self.buffer = "".join(self.buffer), None
            if tag == "v":
                self.cell["value"] = text
            elif tag == "f":
                self.cell["formula"] = "=" + text
            else:
                self.cell["text"].append(text)
        elif tag == "is":
            self.inline = False
        elif tag == "rPh":
            self.phonetic = False

    def _end_cell(self) -> None:
        cell = self.cell
        text = _cell_value(cell, self.strings, self.styles, self.epoch)
        if cell["formula"] is not None:
            message = f"the cell holds a formula ({clip(cell['formula'])}). Paste values instead."
            self.issues.append((self.row, self.column, message))
            text = cell["formula"]
        if len(text) > MAX_CELL_CHARS:
            raise TableError([_long_cell_message(self.row)])
        if text:
            if self.column > MAX_COLUMNS:
                raise TableError([_too_wide(self.row, self.column)])
            self.values[self.column] = text

    def _end_row(self) -> None:
        values = self.values
        if not values:
            return
        self.filled += 1
        if self.row > MAX_SHEET_ROWS or self.filled > MAX_DATA_ROWS + 11:
            raise TableError([_too_many_rows()])
        if any(text.strip() for text in values.values()):
            self.top, self.bottom = self.top or self.row, self.row
            self.right = max(self.right, max(c for c, text in values.items() if text.strip()))
        self.rows.append((self.row, [values.get(c, "") for c in range(1, max(values) + 1)]))
        self.values = {}

    def merged_issues(self) -> None:
        for cells in self.merged:  # a merged title far above or a note far below is not the list's
            if (
                cells.min_row <= self.bottom
                and cells.max_row >= self.top
                and cells.min_col <= self.right
            ):
                self.issues.append(
                    (
                        cells.min_row,
                        cells.min_col,
                        f"merged cells ({cells.coord}). Unmerge them and fill every cell.",
                    )
                )


def _refuse_dtd(*args) -> None:
    raise ValueError("DTDs and entities are not allowed")


def _expat(archive: zipfile.ZipFile, name: str, start, end, text) -> Iterator[None]:
    """Stream a part through expat's callbacks, pausing after each 64 KB for the caller."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _refuse_dtd
    with archive.open(name) as source:
        while chunk := source.read(1 << 16):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)


def _stream_sheet(archive: zipfile.ZipFile, name: str, reader: _SheetReader):
    for _ in _expat(archive, name, reader.start, reader.end, reader.text):
        rows, reader.rows = reader.rows, []
        yield from rows
    yield from reader.rows
    reader.merged_issues()


def _check_dimension(ref: str) -> None:
    """The sheet's own statement of its size, refused before a row is read."""
    try:
        declared = CellRange(ref if ":" in ref else f"{ref}:{ref}")
    except (ValueError, TypeError):
        return  # unsized or garbled: the limits while reading still hold
    if declared.max_row > MAX_SHEET_ROWS or declared.max_col > MAX_COLUMNS:
        raise TableError(
            [
                f"The sheet declares its size as {ref} ({declared.max_row:,} rows × "
                f"{declared.max_col:,} columns); Callboard reads at most {MAX_DATA_ROWS:,} rows × "
                f"{MAX_COLUMNS} columns. Delete the empty rows and columns around your list (or "
                "copy the list into a new sheet), save, and upload it again."
            ]
        )


def _cell_value(cell: dict, strings: list[str], styles: dict[int, str], epoch) -> str:
    kind, raw = cell["type"], cell["value"]
    if kind == "inlineStr":
        return "".join(cell["text"])
    if not raw:
        return ""
    if kind == "s":
        return strings[int(raw)]
    if kind in ("str", "e"):  # a formula's text result, an error such as #N/A
        return raw
    if kind == "b":
        return "TRUE" if raw in ("1", "true") else "FALSE"
    if kind == "d":
        return _cell_text(from_ISO8601(raw))
    number = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
    style = styles.get(cell["style"])
    if style:
        return _cell_text(from_excel(number, epoch, timedelta=style == "duration"))
    return _cell_text(number)


def _cell_text(value: object) -> str:
    if isinstance(value, datetime):
        if value.time() == time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float: 12.0 was typed as 12
    return str(value)


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
    headers = [value or f"Column {get_column_letter(i + 1)}" for i, value in enumerate(values)]
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
        found.append((row, f"Row {row}, column '{name or get_column_letter(column)}': {message}"))
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


class Spreadsheet:
    """The one XLSX writer: numbers and dates stay numbers and dates, and every text is a
    string cell, never a formula, neutralised as in CSV in case the sheet is saved as CSV.
    Layout (widths, fills, frozen panes) is set on each ``SheetWriter.worksheet``."""

    def __init__(self, *, write_only: bool = False):
        self.book = Workbook(write_only=write_only)
        self.write_only = write_only
        self._blank = None if write_only else self.book.active  # a new workbook's own sheet

    def add_sheet(self, title: str) -> "SheetWriter":
        title = re.sub(r"[\\/*?:\[\]]", " ", title).strip().strip("'")[:31] or "Sheet1"
        if self._blank is not None:
            sheet, self._blank = self._blank, None
            sheet.title = title
        else:
            sheet = self.book.create_sheet(title)
        return SheetWriter(sheet, self.write_only)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


class SheetWriter:
    def __init__(self, worksheet, write_only: bool):
        self.worksheet = worksheet
        self.write_only = write_only
        self.row = 0

    def append(self, values: Iterable, *, width: int = 0, **style) -> int:
        """Write one row and return its number; ``style`` (font, fill, alignment, border,
        number_format) goes on each cell, ``width`` spreads it over that many columns."""
        values = list(values)
        values += [None] * (width - len(values))
        self.row += 1
        cells = []
        for column, value in enumerate(values, start=1):
            cell = (
                WriteOnlyCell(self.worksheet)
                if self.write_only
                else self.worksheet.cell(self.row, column)
            )
            _put(cell, value)
            for name, setting in style.items():
                if setting is not None:
                    setattr(cell, name, setting)
            cells.append(cell)
        if self.write_only:
            self.worksheet.append(cells)
        return self.row


def _put(cell, value) -> None:
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # Excel has no time zones; the caller chose local time
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        value = _money(value)
    elif not isinstance(value, bool | int | float | None):
        value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula or an error code such as "#N/A"


def write_xlsx(
    headers: list[str], rows: list[list], *, sheet_title: str, title: str | None = None
) -> bytes:
    """A list as one sheet: an optional title line, bold headers, a filter and frozen panes."""
    book = Spreadsheet(write_only=True)
    out = book.add_sheet(sheet_title)
    sheet = out.worksheet
    widths = [len(str(header)) for header in headers]
    for row in rows:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], len(_export_text(value)))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width, 6) + 2, 60)
    header_row = 2 if title else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    if headers:
        last = get_column_letter(len(headers))
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    if title:
        out.append([title], font=Font(bold=True, size=14))
    out.append(headers, font=Font(bold=True))
    for row in rows:
        out.append(row)
    return book.save()


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
