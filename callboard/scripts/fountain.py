"""Read a Fountain 1.1 screenplay (https://fountain.io/syntax) into a Screenplay.

Framework-free. `read_fountain(text)` takes decoded text; `decode_script_bytes(data)`
turns an upload into that text (UTF-8 with or without BOM, UTF-16/32 with BOM,
UTF-16 without BOM when it plainly is, else cp1252, else Latin-1).

What the reader produces, in short:

- Title page: `Key: value` lines at the top, values continued on indented lines.
  Keys are lower-cased with their spaces kept ("draft date"); continued values are
  joined with "\\n"; a key given twice is joined with "\\n". Emphasis markers are
  removed. The title page ends at the first blank line or the first line that is
  neither an entry nor an indented continuation (the rest is script). A first
  block is only a title page when at least one entry has a value and one key is a
  usual title-page key (title, credit, author(s), source, draft date, contact,
  copyright, notes, ...), so a script opening with "FADE IN:" or with
  "Steel enters the code: 9765" is not mistaken for one.
- Elements, with their text as it is printed: scene numbers (`#12A#`), notes
  (`[[...]]`), boneyard (`/* ... */`) and emphasis markers (`*`, `**`, `***`, `_`)
  removed; `\\*` and `\\_` give a literal `*` and `_`; forcing characters
  (`.`, `!`, `@`, `>`, `~`, `^`) removed. Line breaks inside an element are "\\n".
  Action keeps its indentation (a tab is four spaces); other elements are stripped.
  Parentheticals keep their parentheses. Character cues keep their extensions
  ("BOB (V.O.)"); use headings.normalise_character() to compare people.

Choices where the spec is silent or where real scripts need leniency (each is
covered by a test):

- A scene heading must start a paragraph, but need not be followed by a blank
  line: the lines after it are read as a new paragraph (usually action).
- A line in capitals ending in "TO:" at the start of a paragraph is a transition
  even when more lines follow it (they start a new paragraph), so a missing blank
  line after "CUT TO:" does not turn the next scene heading into dialogue.
- `OMITTED #12#` (no prefix needed) is a scene heading whose text is "OMITTED";
  any scene heading reading "omitted" is normalised to "OMITTED".
- A note may not contain an empty line (a line of exactly two spaces is fine);
  a `[[` without a valid closing `]]` is kept as text. A line holding nothing but
  notes or boneyard disappears entirely, so a note between a cue and its dialogue
  does not break the dialogue. An unterminated `/*` is kept as text.
- A line of exactly two spaces keeps a paragraph going (an empty line inside
  dialogue or action); any other whitespace-only line is blank.
- Consecutive parentheticals are each a PARENTHETICAL; a parenthetical may run
  over a few lines (joined with "\\n"). Consecutive `>centred<` lines and
  consecutive `~lyric` lines each make one element joined with "\\n".
- A character name needs at least one letter and no lower-case letters before
  its extension, so "3CPO" is a character (the spec: "R2D2" works, "23" does not);
  after the name only parenthesised extensions may follow, so an all-caps action
  line like "CYBER BOSS, 40 (or any age), an ageless," is not a cue.
  A `^` anywhere but at the end means it is not a cue. A cue with no following
  text is action.
- Emphasis may run over the lines of one element ("_You wait...\n...fire!_") but
  not contain its own marker; `_` only counts at word edges (snake_case stays).
  Elements left without text (a lone ">", "~", "#", "=") are dropped.
- Section depth (#, ##, ...) is not kept: Element has no field for it.
- Text containing NUL characters is refused (it is a binary file, or UTF-16 read
  the wrong way).
"""

import bisect
import re

from .errors import ScriptError
from .screenplay import Element, Kind, Screenplay

# Structure only, or not printed: a script made only of these has no content.
_NOT_CONTENT = {Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK}

_HEADING = re.compile(r"(?:int\.?\s*/\s*ext|ext\.?\s*/\s*int|i/e|e/i|int|ext|est)[.\s]", re.I)
_FORCED_HEADING = re.compile(r"\.[^\W_]")
_OMITTED = re.compile(r"omitted\.?", re.I)
_SCENE_NUMBER = re.compile(r"#([A-Za-z0-9][A-Za-z0-9.\-]*)#$")  # on right-stripped text
_OMITTED_NUMBERED = re.compile(r"omitted\.?\s*#[A-Za-z0-9][A-Za-z0-9.\-]*#", re.I)
_CUE_TAIL = re.compile(r"(?:\s*\([^()]*\))*\s*")  # after a name: only (EXTENSIONS)
_PAGE_BREAK = re.compile(r"\s*={3,}\s*")
_TITLE_KEY = re.compile(r"([A-Za-z][A-Za-z0-9 _'’\-]{0,40}):(.*)")
# A first paragraph is only a title page if it uses one of these keys (any others are kept).
_KNOWN_KEYS = frozenset(
    [
        "title",
        "credit",
        "author",
        "authors",
        "source",
        "draft date",
        "date",
        "contact",
        "copyright",
        "notes",
        "revision",
        "episode",
        "series",
        "based on",
        "written by",
    ]
)
# Blank lines inside a would-be note (a line of exactly two spaces is filtered out later).
_BLANK_LINE = re.compile(r"(?<=\n)[^\S\n]*(?=\n)")

_GONE = "\x00"  # stands where a note or boneyard was, until the line is looked at
_STAR, _UNDERSCORE = "\ue000", "\ue001"  # escaped \* and \_ while emphasis is removed
# The emphasised text may not contain its own marker: that keeps matching linear in time
# (a lazy match over anything is quadratic on a paragraph full of unpaired stars).
_EMPHASIS = [
    re.compile(r"\*\*\*(?=\S)([^*]+?)(?<=\S)\*\*\*"),
    re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"),
    re.compile(r"\*(?=\S)([^*]+?)(?<=\S)\*"),
    re.compile(r"(?<![^\W_\\])_(?=\S)([^_]+?)(?<=\S)_(?![^\W_])"),
]


def decode_script_bytes(data: bytes) -> str:
    """Decode an uploaded text script; never guesses wrong about a BOM, never fails silently.

    UTF-32/UTF-16/UTF-8 byte-order marks are honoured (the BOM is removed); UTF-16
    without a BOM is recognised by its zero bytes; otherwise UTF-8, then cp1252
    (Windows "ANSI", a superset of Latin-1's printable range), then Latin-1.
    """
    data = bytes(data)
    boms = [
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
    ]
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise ScriptError(
                    f"The file says it is {encoding.upper()} text "
                    f"but is not valid {encoding.upper()}."
                ) from error
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def read_fountain(text: str) -> Screenplay:
    """Parse Fountain text into a Screenplay; ScriptError when there is no script in it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ScriptError("The file is empty.")
    if "\x00" in text:
        raise ScriptError(
            "This is not a plain-text script (it contains binary data). "
            "Fountain scripts are plain text; upload PDFs and Final Draft files as they are."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _without_notes_and_boneyard(text).split("\n")

    screenplay = Screenplay()
    start = _read_title_page(lines, screenplay.title_page)
    for block in _blocks(lines, start):
        _read_block(block, screenplay.elements)
    # A lone ">", "~", "#" or "=" says nothing: no element without text but a page break.
    screenplay.elements = [
        e for e in screenplay.elements if e.kind == Kind.PAGE_BREAK or e.text.strip()
    ]

    if not any(element.kind not in _NOT_CONTENT for element in screenplay.elements):
        if screenplay.title_page:
            raise ScriptError("The file has a title page but no script after it.")
        raise ScriptError("No screenplay found in the file: no scene headings, action or dialogue.")
    return screenplay


# --- Notes and boneyard ---------------------------------------------------------------------


def _without_notes_and_boneyard(text: str) -> str:
    if "/*" in text:
        text = _mark_boneyard(text)
    if "[[" in text:
        text = _mark_notes(text)
    if _GONE not in text:
        return text
    kept = []
    for line in text.split("\n"):
        if _GONE in line:
            line = line.replace(_GONE, "")
            if not line.strip():
                continue  # the line held nothing but notes / boneyard: it was never there
        kept.append(line)
    return "\n".join(kept)


def _mark_boneyard(text: str) -> str:
    parts, position = [], 0
    while True:
        start = text.find("/*", position)
        if start < 0:
            break
        end = text.find("*/", start + 2)
        if end < 0:
            break  # unterminated: kept as text (and so is every later "/*")
        parts.append(text[position:start])
        parts.append(_GONE)
        position = end + 2
    parts.append(text[position:])
    return "".join(parts)


def _mark_notes(text: str) -> str:
    blanks = [m for m in _BLANK_LINE.finditer(text) if m.group() != "  "]
    blank_starts = [m.start() for m in blanks]
    parts, position, end = [], 0, -1
    while True:
        start = text.find("[[", position)
        if start < 0:
            break
        if end < start + 2:
            end = text.find("]]", start + 2)
            if end < 0:
                break
        first_blank = bisect.bisect_right(blank_starts, start + 2)
        if first_blank < len(blanks) and blanks[first_blank].end() < end:
            parts.append(text[position : start + 2])  # an empty line inside: not a note
            position = start + 2
            continue
        parts.append(text[position:start])
        parts.append(_GONE)
        position = end + 2
    parts.append(text[position:])
    return "".join(parts)


# --- Title page -----------------------------------------------------------------------------


def _read_title_page(lines: list[str], title_page: dict[str, str]) -> int:
    """Fill title_page from the top of the file; return the index where the script starts."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines) or not _TITLE_KEY.fullmatch(lines[first]):
        return 0
    if _HEADING.match(lines[first].strip() + " "):
        return 0
    entries: list[tuple[str, list[str]]] = []
    index = first
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        match = _TITLE_KEY.fullmatch(line)
        if match:
            value = match.group(2).strip()
            entries.append((match.group(1).strip().lower(), [value] if value else []))
        elif line[:1] in (" ", "\t") and entries:
            entries[-1][1].append(line.strip())
        else:
            break
        index += 1
    if not any(values for _, values in entries) or not any(
        key in _KNOWN_KEYS for key, _ in entries
    ):
        return 0
    for key, values in entries:
        value = _inline("\n".join(values))
        title_page[key] = f"{title_page[key]}\n{value}" if title_page.get(key) else value
    return index


# --- Body -----------------------------------------------------------------------------------


def _is_blank(line: str) -> bool:
    """Blank separates paragraphs; a line of exactly two spaces is the spec's 'keep going'."""
    return line != "  " and not line.strip()


def _blocks(lines: list[str], start: int):
    """Paragraphs: runs of non-blank lines. A page break (===) is always a paragraph of its own."""
    block: list[str] = []
    for line in lines[start:]:
        if _is_blank(line):
            if block:
                yield block
                block = []
        elif "==" in line and _PAGE_BREAK.fullmatch(line):
            if block:
                yield block
                block = []
            yield [line]
        else:
            block.append(line)
    if block:
        yield block


def _read_block(lines: list[str], out: list[Element]) -> None:
    index = 0
    while index < len(lines):
        index = _read_paragraph_start(lines, index, out)


def _read_paragraph_start(lines: list[str], index: int, out: list[Element]) -> int:
    """Read the element(s) starting at lines[index], a paragraph start; return where to go on."""
    raw = lines[index]
    stripped = raw.strip()
    if not stripped:
        return index + 1
    first = stripped[0]

    if first == "=" and _PAGE_BREAK.fullmatch(stripped):
        out.append(Element(Kind.PAGE_BREAK, ""))
        return index + 1
    if first == "#":
        out.append(Element(Kind.SECTION, _inline(stripped.lstrip("#").strip())))
        return index + 1
    if first == "=":
        out.append(Element(Kind.SYNOPSIS, _inline(stripped[1:].strip())))
        return index + 1
    if first == "!":
        return _read_action(lines, index, out)
    if first == "~":
        end = index
        while end < len(lines) and lines[end].strip().startswith("~"):
            end += 1
        text = "\n".join(line.strip()[1:].strip() for line in lines[index:end])
        out.append(Element(Kind.LYRIC, _inline(text)))
        return end
    if first == ">":
        if stripped.endswith("<") and len(stripped) > 1:
            end = index
            while end < len(lines) and _is_centered(lines[end]):
                end += 1
            text = "\n".join(line.strip()[1:-1].strip() for line in lines[index:end])
            out.append(Element(Kind.CENTERED, _inline(text)))
            return end
        out.append(Element(Kind.TRANSITION, _inline(stripped[1:].strip())))
        return index + 1
    heading = _scene_heading(stripped)
    if heading is not None:
        out.append(heading)
        return index + 1
    if _is_capitals(stripped) and stripped.endswith("TO:"):
        out.append(Element(Kind.TRANSITION, _inline(stripped)))
        return index + 1
    if any(lines[later].strip() for later in range(index + 1, len(lines))):
        cue = _character_cue(stripped)
        if cue is not None:
            return _read_dialogue(lines, index, cue, out)
    return _read_action(lines, index, out)


def _is_centered(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 1 and stripped.startswith(">") and stripped.endswith("<")


def _is_capitals(text: str) -> bool:
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def _scene_heading(stripped: str) -> Element | None:
    if _FORCED_HEADING.match(stripped):
        text = stripped[1:]
    elif _HEADING.match(stripped) or _OMITTED_NUMBERED.fullmatch(stripped):
        text = stripped
    else:
        return None
    number = None
    text = text.rstrip()
    match = _SCENE_NUMBER.search(text)
    if match:
        number = match.group(1)
        text = text[: match.start()]
    text = _inline(text.strip())
    if _OMITTED.fullmatch(text):
        text = "OMITTED"
    return Element(Kind.SCENE_HEADING, text, scene_number=number)


def _character_cue(stripped: str) -> tuple[str, bool] | None:
    """(name as printed, dual) when the line is a character cue, else None."""
    text, dual = stripped, False
    if text.endswith("^"):
        text, dual = text[:-1].rstrip(), True
    if text.startswith("@"):
        text = text[1:].strip()
        return (text, dual) if text else None
    if "^" in text:
        return None
    name, bracket, tail = text.partition("(")
    if bracket and not _CUE_TAIL.fullmatch(bracket + tail):
        return None
    return (text, dual) if _is_capitals(name) else None


def _read_dialogue(lines: list[str], index: int, cue: tuple[str, bool], out: list[Element]) -> int:
    name, dual = cue
    out.append(Element(Kind.CHARACTER, _inline(name), dual=dual))
    spoken: list[str] = []

    def say() -> None:
        text = "\n".join(_trimmed(spoken))
        if text:
            out.append(Element(Kind.DIALOGUE, _inline(text)))
        spoken.clear()

    end = len(lines)
    position = index + 1
    while position < end:
        stripped = lines[position].strip()
        if stripped.startswith("(") and stripped.endswith(")"):
            say()
            out.append(Element(Kind.PARENTHETICAL, _inline(stripped)))
        elif stripped.startswith("(") and ")" not in stripped and _closes_later(lines, position):
            last = _closes_later(lines, position)
            say()
            text = "\n".join(line.strip() for line in lines[position : last + 1])
            out.append(Element(Kind.PARENTHETICAL, _inline(text)))
            position = last
        elif stripped.startswith("~"):
            say()
            stop = position
            while stop < end and lines[stop].strip().startswith("~"):
                stop += 1
            text = "\n".join(line.strip()[1:].strip() for line in lines[position:stop])
            out.append(Element(Kind.LYRIC, _inline(text)))
            position = stop - 1
        else:
            spoken.append(stripped)
        position += 1
    say()
    return end


def _closes_later(lines: list[str], position: int) -> int:
    """Index of the line closing a parenthetical opened at lines[position] (within 3 lines),
    or 0."""
    for later in range(position + 1, min(position + 4, len(lines))):
        stripped = lines[later].strip()
        if "(" in stripped or not stripped:
            return 0
        if stripped.endswith(")"):
            return later
        if ")" in stripped:
            return 0
    return 0


def _read_action(lines: list[str], index: int, out: list[Element]) -> int:
    end = index + 1
    while end < len(lines) and not _is_centered(lines[end]):
        end += 1
    kept = []
    for line in lines[index:end]:
        line = line.replace("\t", "    ").rstrip()
        body = line.lstrip()
        if body.startswith("!"):
            line = line[: len(line) - len(body)] + body[1:]
        kept.append(line)
    kept = _trimmed(kept)
    if kept:
        out.append(Element(Kind.ACTION, _inline("\n".join(kept))))
    return end


def _trimmed(lines: list[str]) -> list[str]:
    """Without the empty lines at either end."""
    first, last = 0, len(lines)
    while first < last and not lines[first].strip():
        first += 1
    while last > first and not lines[last - 1].strip():
        last -= 1
    return lines[first:last]


def _inline(text: str) -> str:
    """Printed text: emphasis markers removed, escaped \\* and \\_ kept as * and _."""
    if "*" not in text and "_" not in text:
        return text
    text = text.replace("\\*", _STAR).replace("\\_", _UNDERSCORE)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text.replace(_STAR, "*").replace(_UNDERSCORE, "_")
