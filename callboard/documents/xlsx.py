"""Excel's half of documents.tabular: reading an .xlsx within tabular's limits (a streaming
reader of its own over the zip and XML, so a hostile workbook is cheap to refuse) and the one
XLSX writer (Spreadsheet, write_xlsx). Everything that needs openpyxl is here, so importing
tabular, as the apps do when they load, does not load openpyxl (more CPU than a command's whole
start); read_table comes here when an Excel file arrives.

Framework-free on purpose (no Django), like tabular.
"""

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
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

from .tabular import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_SHEET_ROWS,
    NOT_XLSX,
    ZIP_MAGIC,
    TableError,
    _export_text,
    _format_size,
    _long_cell_message,
    _money,
    _too_many_rows,
    _too_wide,
    clip,
    neutralise,
)

MAX_SHEET_PART_BYTES = 48 * 1024 * 1024  # a full 20,000 × 50 sheet is about 30 MB
MAX_STRINGS_PART_BYTES = 24 * 1024 * 1024  # the shared strings, all held in memory
MAX_OTHER_PART_BYTES = 2 * 1024 * 1024  # styles, workbook, relationships: read whole
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # every part, pictures included
_MAIN = ("workbook.xml", "styles.xml", "sharedstrings.xml")


# Reading -----------------------------------------------------------------------------------


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


def read_xlsx(data: bytes, issues: list[tuple[int, int, str]]) -> Iterator[tuple[int, list[str]]]:
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


# Writing -----------------------------------------------------------------------------------


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
