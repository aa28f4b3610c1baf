"""The screenplay as a list of elements, whatever file it came from.

Framework-free: the Fountain and FDX readers produce a Screenplay, the paginator
lays it out on US Letter pages, and the scene list is read off the pages. No
Django here, so all of it is fast to test and usable from commands and tasks.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    SCENE_HEADING = "scene_heading"
    ACTION = "action"
    CHARACTER = "character"
    PARENTHETICAL = "parenthetical"
    DIALOGUE = "dialogue"
    TRANSITION = "transition"
    CENTERED = "centered"  # Fountain's >centred text<
    LYRIC = "lyric"
    PAGE_BREAK = "page_break"  # a forced break (Fountain ===, FDX page break)
    SECTION = "section"  # structure only: never printed
    SYNOPSIS = "synopsis"  # structure only: never printed, used as a scene's synopsis


@dataclass
class Element:
    kind: Kind
    text: str
    # As written on a scene heading (#12A# in Fountain, Number= in FDX); None when unnumbered.
    scene_number: str | None = None
    # Dialogue spoken at the same time as the previous character's (Fountain ^, FDX DualDialogue).
    dual: bool = False


@dataclass
class Screenplay:
    title_page: dict[str, str] = field(default_factory=dict)
    elements: list[Element] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.title_page.get("title", "").replace("\n", " ").strip()
