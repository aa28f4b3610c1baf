"""Hostile spreadsheets, generated: the files the readers must refuse quickly and cheaply.

Used by the tests and by ``make bench``. Framework-free. Each builder returns the bytes of an
upload; the big ones are deflated as they are written, so no bomb is ever whole in memory.
"""

import io
import zipfile
from collections.abc import Iterator

MB = 1024 * 1024
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
        f'{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL}"><sheets>'
        '<sheet name="Crew" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/'
        'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="'
        f'{_REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="'
        f'{_REL}/styles" Target="styles.xml"/></Relationships>'
    ),
}
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Dept</t></is></c></row>'
)


def workbook(parts: dict[str, object]) -> bytes:
    """A minimal workbook (one sheet, "Crew"); each part is text, or text chunks streamed
    into the zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (_PARTS | parts).items():
            if isinstance(content, str):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as target:
                for chunk in content:
                    target.write(chunk.encode())
    return buffer.getvalue()


def sheet_xml(rows: str, *, dimension: str = "", tail=()) -> Iterator[str]:
    """A worksheet part: ``rows`` (XML) and then the ``tail`` chunks inside its sheetData."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    yield head + "<sheetData>" + rows
    yield from tail
    yield "</sheetData></worksheet>"


def _repeat(text: str, size: int):
    chunk = text * max(1, MB // len(text))
    for _ in range(size // len(chunk) + 1):
        yield chunk


def sheet_part_bomb(unpacked: int = 190 * MB) -> bytes:
    """A few hundred KB whose sheet unpacks to ``unpacked`` bytes of one repeated cell."""
    cells = _repeat('<c t="inlineStr"><is><t>AAAAAAAA</t></is></c>', unpacked)
    return workbook(
        {"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW + '<row r="2">', tail=[*cells, "</row>"])}
    )


def dimension_bomb() -> bytes:
    """A tiny sheet that declares the largest size Excel allows: A1:XFD1048576."""
    return workbook({"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW, dimension="A1:XFD1048576")})


def rows_bomb(rows: int = 500_000) -> bytes:
    """An unsized sheet of ``rows`` one-cell rows (each row a few dozen bytes)."""
    body = (f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, rows + 2))
    return workbook({"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW, tail=body)})


def wide_bomb(columns: int = 16_384) -> bytes:
    """A header row, then one row with a value in every column up to ``columns``."""
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(columns))
    return workbook(
        {"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW + f'<row r="2">{cells}</row>')}
    )


def shared_strings_bomb(unpacked: int = 190 * MB) -> bytes:
    """A small sheet whose shared-strings table unpacks to ``unpacked`` bytes."""
    strings = _repeat("<si><t>AAAAAAAA</t></si>", unpacked)
    table = [f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>', *strings, "</sst>"]
    return workbook(
        {"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW), "xl/sharedStrings.xml": table}
    )


def shared_reference_bomb(rows: int = 20_000, columns: int = 10, length: int = 30_000) -> bytes:
    """A few KB: every cell points at one ``length``-character shared string, so the table
    expands to rows × columns × length characters once read."""
    strings = [
        f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}><si><t>{"A" * length}</t></si></sst>'
    ]
    cells = "".join('<c t="s"><v>0</v></c>' for _ in range(columns))
    body = (f'<row r="{n}">{cells}</row>' for n in range(2, rows + 2))
    return workbook(
        {
            "xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW, tail=body),
            "xl/sharedStrings.xml": strings,
        }
    )


def styles_bomb(unpacked: int = 50 * MB) -> bytes:
    """A small sheet whose styles part holds millions of cell formats."""
    formats = _repeat('<xf numFmtId="14"/>', unpacked)
    styles = [
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_NS}><cellXfs>',
        *formats,
        "</cellXfs></styleSheet>",
    ]
    return workbook({"xl/worksheets/sheet1.xml": sheet_xml(HEADER_ROW), "xl/styles.xml": styles})


def csv_field_bomb(size: int = 50 * MB) -> bytes:
    """A CSV whose second row holds one ``size``-byte value (an unclosed quote looks the same)."""
    return b'Name,Notes\r\nAnn,"' + b"x" * size + b'"\r\n'


def csv_wide_bomb(columns: int = 200) -> bytes:
    """A CSV whose second row has ``columns`` values."""
    return b"Name,Dept\r\n" + b",".join(b"x" for _ in range(columns)) + b"\r\n"


def csv_blank_lines_bomb(lines: int = 1_000_000) -> bytes:
    """A CSV with a header, then a million blank lines, then one row."""
    return b"Name,Dept\r\n" + b"\r\n" * lines + b"Ann,Camera\r\n"
