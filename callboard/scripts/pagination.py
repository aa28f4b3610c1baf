"""Lay a screenplay on US Letter pages the way screenwriting software does.

Courier 12 pt: 10 characters an inch, 6 lines an inch, 55 lines of text a page
between 1" margins (the page number sits in the top margin). Element indents and
widths are the industry's standard ones. The rules that decide page breaks:

- a scene heading never ends a page: it moves down with at least two lines of
  what follows it;
- a character cue stays with at least its first two lines of speech; dialogue
  that must break gets "(MORE)" at the foot and "NAME (CONT'D)" at the head of
  the next page; a break never falls right after a parenthetical;
- an action paragraph may break between lines with at least two lines on each
  side; transitions and centred lines never break;
- a forced page break (Fountain ===) starts a new page.

Every printed line remembers which scene it belongs to, so a scene's length
in eighths is the share of the page it takes, from its first line down to the
next scene's first line (or the foot of the page).
"""

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field

from .screenplay import Element, Kind, Screenplay

LINES_PER_PAGE = 55
PAGE_COLUMNS = 60  # 6" of text at 10 characters an inch


@dataclass(frozen=True)
class Layout:
    indent: int  # characters from the left margin (1.5" from the paper's edge)
    width: int  # characters per line
    space_before: int  # blank lines above


LAYOUTS = {
    Kind.SCENE_HEADING: Layout(0, 60, 1),
    Kind.ACTION: Layout(0, 60, 1),
    Kind.CHARACTER: Layout(22, 38, 1),
    Kind.PARENTHETICAL: Layout(16, 25, 0),
    Kind.DIALOGUE: Layout(10, 35, 0),
    Kind.LYRIC: Layout(10, 40, 0),
    Kind.TRANSITION: Layout(40, 20, 1),
    Kind.CENTERED: Layout(0, 60, 1),
}
SPEECH = (Kind.PARENTHETICAL, Kind.DIALOGUE, Kind.LYRIC)


@dataclass
class Line:
    kind: str  # an element Kind, or "more" / "contd" / "blank"
    text: str
    indent: int
    scene: int | None  # index into the screenplay's scenes; None before the first heading


@dataclass
class Page:
    number: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Block:
    kind: Kind
    lines: list[Line]
    space_before: int
    character: str = ""  # the cue, for (CONT'D) when speech breaks


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap that keeps the writer's own line breaks."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(
            textwrap.wrap(paragraph, width, break_long_words=True, replace_whitespace=False) or [""]
        )
    return lines


def _element_lines(element: Element, scene: int | None) -> list[Line]:
    layout = LAYOUTS[element.kind]
    text = (
        element.text.upper()
        if element.kind in (Kind.SCENE_HEADING, Kind.TRANSITION)
        else element.text
    )
    lines = []
    for part in wrap(text, layout.width):
        if element.kind == Kind.TRANSITION:
            indent = max(0, PAGE_COLUMNS - len(part))  # flush right
        elif element.kind == Kind.CENTERED:
            indent = max(0, (PAGE_COLUMNS - len(part)) // 2)
        else:
            indent = layout.indent
        lines.append(Line(str(element.kind), part, indent, scene))
    return lines


def _blocks(screenplay: Screenplay) -> list[_Block | None]:
    """Printed elements grouped into what must be placed together; None is a forced break."""
    blocks: list[_Block | None] = []
    scene: int | None = None
    for element in screenplay.elements:
        if element.kind in (Kind.SECTION, Kind.SYNOPSIS):
            continue
        if element.kind == Kind.PAGE_BREAK:
            blocks.append(None)
            continue
        if element.kind == Kind.SCENE_HEADING:
            scene = 0 if scene is None else scene + 1
        lines = _element_lines(element, scene)
        previous = blocks[-1] if blocks else None
        if element.kind in SPEECH and previous is not None and previous.kind == Kind.CHARACTER:
            previous.lines.extend(lines)  # speech joins its cue's block
            continue
        block = _Block(element.kind, lines, LAYOUTS[element.kind].space_before)
        if element.kind == Kind.CHARACTER:
            block.character = element.text.split("(")[0].strip().upper()
        blocks.append(block)
    return blocks


class _Pager:
    def __init__(self):
        self.pages: list[Page] = [Page("1")]

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def room(self) -> int:
        return LINES_PER_PAGE - len(self.page.lines)

    def new_page(self) -> None:
        if self.page.lines:
            self.pages.append(Page(str(len(self.pages) + 1)))

    def put(self, lines: list[Line], space_before: int) -> None:
        if self.page.lines and space_before:
            scene = lines[0].scene if lines else None
            self.page.lines.extend(Line("blank", "", 0, scene) for _ in range(space_before))
        self.page.lines.extend(lines)

    def place(self, block: _Block, keep_with: _Block | None = None) -> None:
        """Place a block, breaking it (or moving it down) by the rules above."""
        gap = block.space_before if self.page.lines else 0
        lines = block.lines
        if keep_with is not None:
            # A heading needs two lines of what follows on the same page.
            needed = gap + len(lines) + keep_with.space_before + min(2, len(keep_with.lines))
            if needed > self.room:
                self.new_page()
            self.put(lines, block.space_before)
            return
        if gap + len(lines) <= self.room:
            self.put(lines, block.space_before)
            return
        first = self._split_point(block, self.room - gap)
        if first is None:
            self.new_page()
            if len(lines) <= self.room:
                self.put(lines, block.space_before)
                return
            first = self._split_point(block, self.room) or self.room  # longer than a page
        head, tail = lines[:first], lines[first:]
        if block.kind == Kind.CHARACTER:
            scene = head[0].scene
            self.put(
                head + [Line("more", "(MORE)", LAYOUTS[Kind.CHARACTER].indent, scene)],
                block.space_before,
            )
            self.new_page()
            cue = Line(
                "contd", f"{block.character} (CONT'D)", LAYOUTS[Kind.CHARACTER].indent, scene
            )
            self.place(_Block(Kind.CHARACTER, [cue, *tail], 0, block.character))
        else:
            self.put(head, block.space_before)
            self.new_page()
            self.place(_Block(block.kind, tail, 0, block.character))

    @staticmethod
    def _split_point(block: _Block, room: int) -> int | None:
        """How many lines of the block go on this page, or None to move it all down."""
        lines = block.lines
        if block.kind == Kind.ACTION:
            first = min(room, len(lines) - 2)
            return first if first >= 2 else None
        if block.kind == Kind.CHARACTER:
            # Room for (MORE); break only between two lines of dialogue proper.
            first = min(room - 1, len(lines) - 2)
            while first > 0 and not (
                lines[first - 1].kind == Kind.DIALOGUE and lines[first].kind == Kind.DIALOGUE
            ):
                first -= 1
            speech_before = sum(1 for line in lines[: max(first, 0)] if line.kind == Kind.DIALOGUE)
            return first if first > 0 and speech_before >= 2 else None
        return None


def paginate(screenplay: Screenplay) -> list[Page]:
    pager = _Pager()
    blocks = _blocks(screenplay)
    for i, block in enumerate(blocks):
        if block is None:
            pager.new_page()
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        keep_with = following if block.kind == Kind.SCENE_HEADING else None
        pager.place(block, keep_with=keep_with)
    return pager.pages


@dataclass
class SceneExtent:
    """Where a scene sits: its first and last page, and its length in eighths."""

    page_start: str
    page_end: str
    lines: int

    @property
    def eighths(self) -> int:
        # A scene shorter than an eighth still counts one; halves round up.
        return max(1, int(self.lines * 8 / LINES_PER_PAGE + 0.5))


def scene_runs(pages: list[Page]) -> Iterator[tuple[int, int, int, int]]:
    """(page index, scene, first row, end row) for each stretch of a scene on a page.

    A scene runs from its first line to the next scene's first line, or the page
    foot; one continued from the previous page starts at the top.
    """
    running = None  # the scene the previous page ended in
    for page_index, page in enumerate(pages):
        starts = []  # (row, scene) where a scene begins or continues on this page
        for row, line in enumerate(page.lines):
            if line.scene is not None and (not starts or starts[-1][1] != line.scene):
                starts.append((row, line.scene))
        if not starts:
            continue  # a page before the first scene heading
        if starts[0][1] == running:
            starts[0] = (0, running)
        running = starts[-1][1]
        ends = [row for row, _ in starts[1:]] + [LINES_PER_PAGE]
        for (row, scene), end in zip(starts, ends, strict=True):
            yield page_index, scene, row, end


def scene_extents(pages: list[Page]) -> dict[int, SceneExtent]:
    """Each scene's first and last page and its share of the pages, in lines."""
    extents: dict[int, SceneExtent] = {}
    for page_index, scene, row, end in scene_runs(pages):
        number = pages[page_index].number
        extent = extents.setdefault(scene, SceneExtent(number, number, 0))
        extent.page_end = number
        extent.lines += end - row
    return extents
