"""Read a screenplay PDF: its lines with coordinates, page labels, scenes and their bands.

Framework-free. Text is read character by character with pypdfium2 (origin and box),
because PDF producers differ wildly in how they group text (Chromium emits every
glyph on its own); characters are grouped into lines by baseline and the spacing is
rebuilt from their positions, so a line reads "12A   INT. HOUSE - NIGHT   12A" and
columns (scene numbers in the margins, cues, dialogue) keep their x.

Rules (documented choices):

- Header and footer: lines whose baseline lies above 0.9" from the page top, or
  within 0.6" of its foot. The page label is the header's page number ("12." or
  "12A." at the right; a bare "12" on the right half also counts); failing that, a
  bare number in the footer; failing that, the previous page's number + 1 (pages
  before the first numbered one count back from it; a page that would count back to
  0 or less, e.g. a title page, is labelled "").
- "(MORE)", "(CONTINUED)", "CONTINUED:", "12 CONTINUED: (2) 12" lines are never
  scene content (but they do count when measuring the body of the page).
- A scene heading is a body line starting, after an optional scene number, with
  INT / EXT / INT./EXT. / I/E / EST; it must be upper case or have the prefix's dot
  ("Int." but not "Interior decorators arrive"), and sit at the headings' column.
  Scene numbers are taken from the left margin and/or the right margin; a heading
  that wraps onto a second line at the same x is joined. "12  OMITTED  12" is an
  omitted scene.
- A character cue is an upper-case line well right of the action column (1.2"–3.5")
  directly followed by a line further left (dialogue or parenthetical).
- Dual dialogue (two speeches side by side): a line of exactly two upper-case runs
  (the two cues) directly followed by a line with text left of each cue is the top of
  a two-column block, which runs down to the next blank line. Programs put the
  columns at different offsets, so the split between them is found on the page, not
  at a fixed margin: both columns share one layout shifted by the distance between
  the two cues, so the right column starts about that far right of the left
  column's dialogue; the split is the empty vertical gutter (no glyph on any line of
  the block) nearest to there, between the two cues. Each column becomes its own
  lines (the left column's, then the right column's, each top to bottom), both cues
  are the scene's speakers, and neither column counts as action.
- Eighths: the page body runs from the first body line's top (the median over the
  pages) to the lowest body line's foot (at least 1" above the page foot). A scene
  takes, on each page, from its heading's top (the body top when it is continued
  from the previous page) to the next heading's top (or the body foot); the total
  over its pages, in eighths of the body height, is rounded half up, at least 1
  (omitted scenes 0).
"""

import ctypes
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import ScriptError
from .headings import normalise_character, parse_heading
from .scenes import Scene, _numbers, _one_line, text_digest

INCH = 72.0
HEADER_LIMIT = 0.9 * INCH  # baselines above this are the page header
FOOTER_LIMIT = 0.6 * INCH  # baselines within this of the page foot are the footer
PART_GAP = 2  # this many spaces (or more) between two runs of text make them separate parts
_WHITESPACE = frozenset(" \t\r\n\x0b\x0c\xa0\u2002\u2003\u2009\u200b\ufffe\uffff")

_NUMBER = r"[A-Z]?\d{1,4}[A-Z]{0,3}"
_NUMBER_ONLY = re.compile(rf"({_NUMBER})\.?")
_LEFT_NUMBER = re.compile(rf"({_NUMBER})\.?\s+(.*)")
_LABEL_DOT = re.compile(rf"({_NUMBER})\.")
_LABEL_BARE = re.compile(
    rf"(?:page\s+|-\s*)?({_NUMBER})(?:\s*-)?", re.I
)  # "12", "Page 12", "- 12 -"
_PREFIX = re.compile(
    r"(?:INT(?:ERIOR)?\.?\s*/\s*EXT(?:ERIOR)?|EXT(?:ERIOR)?\.?\s*/\s*INT(?:ERIOR)?"
    r"|I\.?\s*/\s*E|E\.?\s*/\s*I|INT(?:ERIOR)?|EXT(?:ERIOR)?|EST(?:ABLISHING)?)"
    r"(?P<dot>\.)?(?=[\s.\-–—/]|$)",
    re.I,
)
_OMITTED = re.compile(r"(?:SCENES?\s+)?OMIT(?:TED)?\.?", re.I)
_IGNORED = re.compile(
    rf"""(?:{_NUMBER}\s+)?
        (?:\(MORE\)|\(CONT(?:INUED|['’]D)\)|CONTINUED\s*:?(?:\s*\(\d+\))?)
        (?:\s+{_NUMBER})?""",
    re.I | re.X,
)
_REVISION_MARK = re.compile(r"\*+")  # the asterisks a revision puts in the right margin
_EXTENSION = re.compile(r"\([^)]*\)?")  # a cue's "(V.O.)", "(cont'd)"
_FILE_TITLE = re.compile(r"\.(?:pdf|fdx|fountain|docx?|txt|celtx|wdz)$", re.I)


@dataclass
class PdfLine:
    text: str
    x: float  # points from the page's left edge (the first character's origin)
    top: float  # points from the page top (ink)
    bottom: float
    baseline: float = 0.0  # points from the page top
    # Runs of text separated by wide gaps: [(x, text)]; a margin scene number is its own part.
    parts: list[tuple[float, str]] = field(default_factory=list, repr=False)
    column: int = 0  # dual dialogue: 1 the left speech, 2 the right one; 0 elsewhere
    cue: bool = False  # dual dialogue: this line is the column's character cue


@dataclass
class PdfPage:
    index: int
    label: str
    height: float
    lines: list[PdfLine]
    width: float = 612.0


@dataclass
class SceneSpan:
    """The vertical band a scene takes on one page (points from the top)."""

    page_index: int
    top: float
    bottom: float


@dataclass
class PdfScript:
    title: str
    pages: list[PdfPage]
    scenes: list[Scene]
    spans: dict[int, list[SceneSpan]]  # scene index -> bands, for sides


def read_pdf(data: bytes, *, max_pages: int = 400) -> PdfScript:
    """Read a screenplay PDF into pages, scenes and bands; ScriptError in plain words otherwise."""
    document = _open(bytes(data))
    try:
        count = len(document)
        if count == 0:
            raise ScriptError("This file is not a readable PDF.")
        if count > max_pages:
            raise ScriptError(
                f"This PDF has {count} pages; Callboard reads scripts of up to {max_pages} pages."
            )
        pages = []
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError as error:
                raise ScriptError("This file is not a readable PDF.") from error
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(textpage, height)
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(PdfPage(index, "", height, lines, width))
        metadata_title = _metadata_title(document)
    finally:
        document.close()
    # A scanner's stamp ("Scanned by ...") is not a text layer: a page with text has a few lines.
    with_text = sum(
        1 for page in pages if len(page.lines) >= 3 and sum(len(ln.text) for ln in page.lines) >= 40
    )
    if with_text <= len(pages) // 10:
        raise ScriptError(
            "This PDF has no text layer (it looks scanned), so its scenes cannot be read. "
            "Send the PDF exported from the screenwriting software, or the Final Draft or "
            "Fountain file."
        )
    _label_pages(pages)
    scenes, spans = _scenes(pages)
    if not scenes:
        raise ScriptError(
            "No scene headings (INT. / EXT.) were found in this PDF: is it a screenplay?"
        )
    return PdfScript(metadata_title or _page_title(pages), pages, scenes, spans)


# -- Opening and reading text ---------------------------------------------------------------


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(bytes(data))
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ScriptError(
                "This PDF is password-protected. Please send an unlocked copy "
                "(without an open password)."
            ) from error
        raise ScriptError("This file is not a readable PDF.") from error


def _metadata_title(document: pdfium.PdfDocument) -> str:
    try:
        title = (document.get_metadata_value("Title") or "").strip()
    except (pdfium.PdfiumError, KeyError, ValueError):
        return ""
    title = re.sub(r"^Microsoft Word - ", "", title)
    if _FILE_TITLE.search(title) or title.lower() in ("screenplay", "untitled", "script"):
        return ""
    return re.sub(r"\s+", " ", title)


def _page_lines(textpage: pdfium.PdfTextPage, height: float) -> list[PdfLine]:
    """The page's text as lines (top to bottom), rebuilt from character origins and boxes."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    ox, oy = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    get_box = pdfium_c.FPDFText_GetCharBox
    get_angle = pdfium_c.FPDFText_GetCharAngle
    by_ref = ctypes.byref
    ox_ref, oy_ref = by_ref(ox), by_ref(oy)
    box_refs = (by_ref(left), by_ref(right), by_ref(bottom), by_ref(top))
    chars = []  # (baseline, x, left, right, top, bottom, char, real space before)
    space = False
    for index in range(count):
        code = get_unicode(raw, index)
        char = chr(code) if 0 < code < 0x110000 else ""
        if not char or char in _WHITESPACE or code < 32:
            if char == " " and not pdfium_c.FPDFText_IsGenerated(raw, index):
                space = True
            continue
        if abs(get_angle(raw, index)) > 0.01:
            continue  # rotated text: a diagonal watermark, never script text
        get_origin(raw, index, ox_ref, oy_ref)
        get_box(raw, index, *box_refs)
        chars.append(
            (
                height - oy.value,
                ox.value,
                left.value,
                right.value,
                height - top.value,
                height - bottom.value,
                char,
                space,
            )
        )
        space = False
    if not chars:
        return []
    # Characters on one baseline (within 2 pt) make a line.
    order = sorted(range(len(chars)), key=lambda i: (chars[i][0], chars[i][1]))
    groups: list[list[tuple]] = []
    anchor = None
    for i in order:
        char = chars[i]
        if anchor is None or char[0] - anchor > 2.0:
            groups.append([])
            anchor = char[0]
        groups[-1].append(char)
    for group in groups:
        group.sort(key=lambda c: c[1])
    advance = _advance(groups)
    lines = []
    for group, column, cue in _columns(groups, advance):
        line = _line(group, advance)
        line.column, line.cue = column, cue
        lines.append(line)
    return lines


# -- Dual dialogue --------------------------------------------------------------------------


def _baseline(group: list[tuple]) -> float:
    return group[0][0]  # its characters share the baseline within 2 pt


def _page_pitch(groups: list[list[tuple]]) -> float:
    steps = [
        round(_baseline(b) - _baseline(a), 1)
        for a, b in zip(groups, groups[1:], strict=False)
        if 6.0 < _baseline(b) - _baseline(a) < 30.0
    ]
    return statistics.mode(steps) if steps else 12.0


def _has_lower_case(group: list[tuple]) -> bool:
    """Lower case outside parentheses: a cue's extension may read "(cont'd)"."""
    depth = 0
    for c in group:
        if c[6] == "(":
            depth += 1
        elif c[6] == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and c[6].islower():
            return True
    return False


def _cue_like(text: str) -> bool:
    text = _EXTENSION.sub("", text).strip()
    return (
        0 < len(text) <= 45
        and text == text.upper()
        and any(c.isalpha() for c in text)
        and not text.startswith("(")
        and not text.endswith(":")
        and not _PREFIX.match(text)
    )


def _columns(groups: list[list[tuple]], advance: float) -> list[tuple[list[tuple], int, bool]]:
    """The page's lines as (characters, column, is a cue): dual-dialogue blocks split in two."""
    pitches: list[float] = []

    def pitch() -> float:  # measured once, and only on a page with a candidate
        if not pitches:
            pitches.append(_page_pitch(groups))
        return pitches[0]

    out: list[tuple[list[tuple], int, bool]] = []
    index = 0
    while index < len(groups):
        block = _dual_block(groups, index, advance, pitch)
        if block is None:
            out.append((groups[index], 0, False))
            index += 1
            continue
        end, split, step = block
        left: list[tuple[list[tuple], int, bool]] = []
        right: list[tuple[list[tuple], int, bool]] = []
        for row in range(index, end):
            before = [c for c in groups[row] if c[1] < split]
            after = [c for c in groups[row] if c[1] >= split]
            if before:
                left.append((before, 1, row == index))
            if after:
                right.append((after, 2, row == index))
        # A column ends at its own blank line: what follows below it (the next action, when a
        # program starts it beside the longer speech) is no longer that speech.
        rest: list[tuple[list[tuple], int, bool]] = []
        for column in (left, right):
            for row in range(1, len(column)):
                if _baseline(column[row][0]) - _baseline(column[row - 1][0]) >= 1.4 * step:
                    rest += [(chars, 0, False) for chars, _, _ in column[row:]]
                    del column[row:]
                    break
        out += left + right + sorted(rest, key=lambda item: (_baseline(item[0]), item[0][0][1]))
        index = end
    return out


def _dual_block(
    groups: list[list[tuple]], index: int, advance: float, pitch: Callable[[], float]
) -> tuple[int, float, float] | None:
    """(the row after the block, the x that splits its columns, the line pitch) when a
    dual-dialogue block starts at this row, else None."""
    group = groups[index]
    if index + 1 >= len(groups) or _has_lower_case(group):
        return None  # most lines: cues are upper case
    if not any(b[1] - a[1] > 3 * advance for a, b in zip(group, group[1:], strict=False)):
        return None  # one run of text, no second cue
    head = _line(group, advance)
    cues = [(x, text) for x, text in head.parts if not _REVISION_MARK.fullmatch(text.strip())]
    if len(cues) != 2 or not all(_cue_like(text) for _, text in cues):
        return None
    (left_cue, _), (right_cue, _) = cues
    if right_cue - left_cue < 6 * advance:
        return None
    # The speeches start on the next line (no blank line under the cues) and run to the
    # first blank line.
    step = _baseline(groups[index + 1]) - _baseline(groups[index])
    if not 6.0 < step <= 1.3 * pitch():
        return None
    end = index + 1
    while end < len(groups) and _baseline(groups[end]) - _baseline(groups[end - 1]) < 1.4 * step:
        end += 1
    rows = groups[index + 1 : end]
    if not rows:
        return None
    # Both columns share one layout, so the right speech starts as far right of the left
    # speech as one cue is of the other (their starts, or their centres when the program
    # centres cues). The split is an empty vertical gutter between the cues: the one where
    # most lines of the right speech start, then the one nearest to where it should be.
    (_, left_text), (_, right_text) = cues
    dialogue = min(row[0][1] for row in rows)
    expected = (
        dialogue + right_cue - left_cue,
        dialogue + right_cue - left_cue + (len(right_text) - len(left_text)) * advance / 2,
    )
    inked = sorted(
        (c[1], max(c[3], c[1] + 0.9 * advance)) for row in rows for c in row if c[6] != "*"
    )
    gutters = []
    reach = inked[0][1] if inked else 0.0
    for start, stop in inked[1:]:
        if start - reach >= 0.5 * advance and left_cue < start <= right_cue:
            gutters.append((reach, start))
        reach = max(reach, stop)
    if not gutters:
        return None

    def score(gap: tuple[float, float]) -> tuple[int, float]:
        starts = sum(1 for row in rows if any(abs(c[1] - gap[1]) < 0.25 * advance for c in row))
        return (-starts, min(abs(gap[1] - x) for x in expected))

    before, after = min(gutters, key=score)
    split = (before + after) / 2
    # The line under the cues has both speeches, each starting left of its own cue.
    first = groups[index + 1]
    left = [c for c in first if c[1] < split]
    right = [c for c in first if c[1] >= split and c[6] != "*"]
    if not left or not right:
        return None
    if not (left[0][1] < left_cue - 0.5 * advance and right[0][1] < right_cue - 0.5 * advance):
        return None
    return end, split, step


def _advance(groups: list[list[tuple]]) -> float:
    """The usual distance between neighbouring characters' origins (7.2 pt for Courier 12)."""
    steps = [
        b[1] - a[1]
        for group in groups
        for a, b in zip(group, group[1:], strict=False)
        if 2.0 < b[1] - a[1] < 20.0
    ]
    return statistics.median(steps) if steps else 7.2


def _line(group: list[tuple], advance: float) -> PdfLine:
    parts: list[tuple[float, list[str]]] = [(group[0][1], [group[0][6]])]
    previous = group[0]
    for char in group[1:]:
        step = char[1] - previous[1]
        if step < 0.3 * advance and char[6] == previous[6]:
            continue  # overprinted (fake bold) duplicate
        spaces = 0
        if step > 1.3 * advance and char[2] - previous[3] > 0.6 * advance:
            spaces = max(1, round(step / advance) - 1)  # a gap: in Courier, one space a 7.2 pt
        elif char[7]:
            spaces = 1  # the PDF has a space character here
        if spaces >= PART_GAP:
            parts.append((char[1], [char[6]]))
        else:
            parts[-1][1].append(" " * spaces + char[6])
        previous = char
    texts = [(x, "".join(pieces)) for x, pieces in parts]
    text = texts[0][1]
    for (x_before, before), (x, part) in zip(texts, texts[1:], strict=False):
        gap = max(PART_GAP, round((x - x_before) / advance) - len(before))
        text += " " * gap + part
    baseline = statistics.median(c[0] for c in group)
    return PdfLine(
        text=text,
        x=group[0][1],
        top=min(c[4] for c in group),
        bottom=max(c[5] for c in group),
        baseline=baseline,
        parts=texts,
    )


# -- Page labels ----------------------------------------------------------------------------


def _is_header(line: PdfLine) -> bool:
    return line.baseline < HEADER_LIMIT


def _is_footer(line: PdfLine, page: PdfPage) -> bool:
    return line.baseline > page.height - FOOTER_LIMIT


def _label_in(lines: list[PdfLine], width: float, *, footer: bool = False) -> str:
    """The page number in header (or footer) lines: "12." or "12A." at the right wins."""
    found = ""
    for line in lines:
        for x, part in line.parts:
            tokens = part.split()
            if not tokens:
                continue
            token = tokens[-1]
            token_x = x + (len(part) - len(token)) * 6.0  # about a Courier character
            match = _LABEL_DOT.fullmatch(token)
            if match and (footer or token_x > width / 2):
                found = match.group(1)
                continue
            bare = _LABEL_BARE.fullmatch(part.strip())
            if not found and bare:
                centred = abs(x - width / 2) < INCH
                if x > width / 2 or (footer and centred):
                    found = bare.group(1)
    return found


def _label_pages(pages: list[PdfPage]) -> None:
    for page in pages:
        header = [line for line in page.lines if _is_header(line)]
        page.label = _label_in(header, page.width)
        if not page.label:
            footer = [line for line in page.lines if _is_footer(line, page)]
            page.label = _label_in(footer, page.width, footer=True)
    first = next((i for i, page in enumerate(pages) if page.label), None)
    if first is None:
        # No page numbers at all: count from 1, after a title page (a first page of a few
        # lines and no scene heading) if there is one.
        start = 1 if len(pages) > 1 and _looks_like_title_page(pages[0]) else 0
        for page in pages:
            page.label = str(page.index + 1 - start) if page.index >= start else ""
        return
    base = _leading_int(pages[first].label)
    for i in range(first - 1, -1, -1):
        number = base - (first - i) if base is not None else None
        pages[i].label = str(number) if number and number > 0 else ""
    for i in range(first + 1, len(pages)):
        if not pages[i].label:
            previous = _leading_int(pages[i - 1].label)
            pages[i].label = str(previous + 1) if previous is not None else str(i + 1)


def _looks_like_title_page(page: PdfPage) -> bool:
    lines = [line for line in page.lines if line.text.strip()]
    return len(lines) < 20 and not any(_heading(line) for line in lines)


def _leading_int(label: str) -> int | None:
    match = re.search(r"\d+", label)
    return int(match.group()) if match else None


def _page_title(pages: list[PdfPage]) -> str:
    """No title in the metadata: the first page's centred line in its upper part, if it has no
    scene."""
    if not pages:
        return ""
    page = pages[0]
    for line in page.lines:
        if _heading(line) or _is_header(line) or line.baseline > page.height * 0.6:
            continue
        centre = (line.x + line.x + len(line.text) * 7.2) / 2
        text = re.sub(r"\s+", " ", line.text).strip()
        if abs(centre - page.width / 2) < 0.6 * INCH and len(text) > 1:
            return text.title() if text.isupper() else text
    return ""


# -- Scenes ---------------------------------------------------------------------------------


@dataclass
class _Heading:
    text: str
    number: str | None
    x: float
    omitted: bool = False


def _heading(line: PdfLine) -> _Heading | None:
    parts = [(x, re.sub(r"\s+", " ", text).strip()) for x, text in line.parts]
    parts = [(x, text) for x, text in parts if text and not _REVISION_MARK.fullmatch(text)]
    if not parts:
        return None
    left = right = None
    if len(parts) >= 2 and _NUMBER_ONLY.fullmatch(parts[0][1]):
        left = _NUMBER_ONLY.fullmatch(parts[0][1]).group(1)
        parts = parts[1:]
    if len(parts) >= 2 and _NUMBER_ONLY.fullmatch(parts[-1][1]):
        number = _NUMBER_ONLY.fullmatch(parts[-1][1]).group(1)
        # Alone, a number is a scene number only out in the right margin ("ROOM  12" is a set).
        if number == left or (left is None and parts[-1][0] > 6.5 * INCH):
            right = number
            parts = parts[:-1]
    x = parts[0][0]
    body = " ".join(text for _, text in parts)
    if left is None:
        match = _LEFT_NUMBER.fullmatch(body)
        if match and (_PREFIX.match(match.group(2)) or _OMITTED.fullmatch(match.group(2))):
            left, body = match.group(1), match.group(2)
            body = re.sub(rf"\s+{re.escape(left)}\.?$", "", body)  # "12 INT. HOUSE - DAY 12"
            x = float("nan")  # the heading's own x is not known: skip the column check
    number = left or right
    if _OMITTED.fullmatch(body):
        return _Heading("OMITTED", number, x, omitted=True) if number else None
    prefix = _PREFIX.match(body)
    if not prefix:
        return None
    # Upper case, or a capitalised prefix with its dot ("Int. Kitchen - Day").
    dotted = prefix.group("dot") or "/" in prefix.group(0)
    if body != body.upper() and not (dotted and prefix.group(0)[0].isupper()):
        return None
    return _Heading(body, number, x)


@dataclass
class _Found:
    heading: _Heading
    page: int
    line: PdfLine
    lines: list[tuple[int, PdfLine]] = field(default_factory=list)  # (page, line) after the heading


def _body(page: PdfPage) -> list[PdfLine]:
    return [line for line in page.lines if not _is_header(line) and not _is_footer(line, page)]


def _scenes(pages: list[PdfPage]) -> tuple[list[Scene], dict[int, list[SceneSpan]]]:
    bodies = [_body(page) for page in pages]
    candidates = {
        (p, i): heading
        for p, body in enumerate(bodies)
        for i, line in enumerate(body)
        if (heading := _heading(line)) is not None
    }
    columns = [h.x for h in candidates.values() if h.x == h.x and not h.omitted]
    action_x = statistics.median(columns) if columns else INCH * 1.5
    pitch = _pitch(bodies)

    found: list[_Found] = []
    for p, body in enumerate(bodies):
        skip_until = -1
        for i, line in enumerate(body):
            if i <= skip_until:
                continue
            heading = candidates.get((p, i))
            if heading and (heading.x != heading.x or abs(heading.x - action_x) < 0.5 * INCH):
                # A long heading wraps onto the next line at the same x.
                following = i + 1
                while (
                    not heading.omitted
                    and following < len(body)
                    and (p, following) not in candidates
                    and body[following].baseline - body[following - 1].baseline < 1.3 * pitch
                    and abs(body[following].x - (heading.x if heading.x == heading.x else line.x))
                    < 2.0
                    and body[following].text == body[following].text.upper()
                ):
                    heading.text += " " + re.sub(r"\s+", " ", body[following].text).strip()
                    skip_until = following
                    following += 1
                found.append(_Found(heading, p, line))
                continue
            if found and not _IGNORED.fullmatch(line.text.strip()):
                found[-1].lines.append((p, line))

    numbers = _numbers([f.heading.number for f in found])
    spans = _spans(pages, bodies, found, pitch)
    body_top, body_bottom = _body_extent(pages, bodies, pitch, found[0].page if found else 0)
    body_height = max(body_bottom - body_top, pitch * 10)
    scenes = []
    for index, (item, number) in enumerate(zip(found, numbers, strict=True)):
        heading = parse_heading(item.heading.text)
        scene_spans = spans.get(index, [])
        labels = [pages[s.page_index].label for s in scene_spans] or [pages[item.page].label]
        space = sum(s.bottom - s.top for s in scene_spans)
        eighths = max(1, int(space / body_height * 8 + 0.5))
        omitted = item.heading.omitted
        scenes.append(
            Scene(
                number=number,
                heading=item.heading.text,
                int_ext=heading.int_ext,
                set=heading.set,
                time=heading.time,
                page_start=labels[0],
                page_end=labels[-1],
                eighths=0 if omitted else eighths,
                characters=[] if omitted else _characters(item.lines, action_x, pitch),
                synopsis="" if omitted else _synopsis(item.lines, action_x, pitch),
                omitted=omitted,
                digest=text_digest(
                    " ".join([item.heading.text] + [line.text for _, line in item.lines])
                ),
            )
        )
    return scenes, spans


def _pitch(bodies: list[list[PdfLine]]) -> float:
    """The line spacing (12 pt at 6 lines an inch): the commonest step between body lines."""
    steps = [
        round(b.baseline - a.baseline, 1)
        for body in bodies
        for a, b in zip(body, body[1:], strict=False)
        if 6.0 < b.baseline - a.baseline < 30.0
    ]
    if not steps:
        return 12.0
    return statistics.mode(steps)


def _slot_top(line: PdfLine, pitch: float) -> float:
    """The top of the line's slot: a line of 12 pt Courier sits 9 pt above its baseline."""
    return line.baseline - 0.75 * pitch - 0.5


def _body_extent(
    pages: list[PdfPage], bodies: list[list[PdfLine]], pitch: float, first_page: int = 0
) -> tuple[float, float]:
    """The top and foot of the page body, from the pages that hold scenes (not a title page)."""
    bodies = [body for body in bodies[first_page:] if body]
    firsts = [_slot_top(body[0], pitch) for body in bodies]
    lasts = [_slot_top(body[-1], pitch) + pitch for body in bodies]
    height = statistics.median(page.height for page in pages)
    top = statistics.median(firsts) if firsts else INCH
    bottom = max(max(lasts, default=0.0), height - INCH)
    return top, bottom


def _spans(
    pages: list[PdfPage], bodies: list[list[PdfLine]], found: list[_Found], pitch: float
) -> dict[int, list[SceneSpan]]:
    top, bottom = _body_extent(pages, bodies, pitch, found[0].page if found else 0)
    starts: dict[int, list[tuple[float, int]]] = {}
    for index, item in enumerate(found):
        starts.setdefault(item.page, []).append((max(top, _slot_top(item.line, pitch)), index))
    spans: dict[int, list[SceneSpan]] = {i: [] for i in range(len(found))}
    running = None
    for p, body in enumerate(bodies):
        here = sorted(starts.get(p, []))
        if running is not None and body and (not here or here[0][0] > top + 0.5 * pitch):
            here.insert(0, (top, running))
        elif running is not None and body and here and here[0][0] <= top + 0.5 * pitch:
            here[0] = (top, here[0][1])
        if not here:
            continue
        ends = [start for start, _ in here[1:]] + [bottom]
        for (start, index), end in zip(here, ends, strict=True):
            if end > start:
                spans[index].append(SceneSpan(p, round(start, 2), round(end, 2)))
        if here:
            running = here[-1][1]
    return spans


def _characters(lines: list[tuple[int, PdfLine]], action_x: float, pitch: float) -> list[str]:
    names: list[str] = []
    for index, (page, line) in enumerate(lines):
        if line.cue:  # a dual-dialogue cue, found with its columns
            name = normalise_character(line.parts[0][1])
        elif (
            line.column
            or index + 1 == len(lines)
            or not _is_cue(line, *lines[index + 1], page=page, action_x=action_x, pitch=pitch)
        ):
            continue
        else:
            name = normalise_character(line.text)
        if name and name not in names:
            names.append(name)
    return names


def _is_cue(
    line: PdfLine, next_page: int, following: PdfLine, *, page: int, action_x: float, pitch: float
) -> bool:
    text = re.sub(r"\s+", " ", line.text).strip()
    return not (
        following.column
        or next_page != page
        or not text
        or text != text.upper()
        or not any(c.isalpha() for c in text)
        or text.endswith(":")
        or text.startswith("(")
        or not action_x + 1.2 * INCH <= line.x <= action_x + 3.5 * INCH
        or not 0 < following.baseline - line.baseline < 1.6 * pitch
        or not action_x + 0.3 * INCH < following.x < line.x - 0.2 * INCH
    )


def _synopsis(lines: list[tuple[int, PdfLine]], action_x: float, pitch: float) -> str:
    paragraph: list[str] = []
    previous = None
    for page, line in lines:
        at_action = not line.column and abs(line.x - action_x) < 0.15 * INCH
        if paragraph:
            if (
                not at_action
                or page != previous[0]
                or line.baseline - previous[1].baseline > 1.3 * pitch
            ):
                break
        elif not at_action:
            continue
        paragraph.append(line.text.rstrip(" *"))
        previous = (page, line)
    return _one_line(" ".join(paragraph)) if paragraph else ""
