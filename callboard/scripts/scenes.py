"""The scene list of a paginated screenplay: what the schedule and call sheets are built from."""

import hashlib
import re
from dataclasses import dataclass, field

from .headings import normalise_character, parse_heading
from .pagination import Page, scene_extents
from .screenplay import Kind, Screenplay

SYNOPSIS_LENGTH = 90


@dataclass
class Scene:
    number: str
    heading: str
    int_ext: str
    set: str
    time: str
    page_start: str
    page_end: str
    eighths: int  # 0 for an omitted scene
    characters: list[str] = field(default_factory=list)
    synopsis: str = ""
    omitted: bool = False
    # A fingerprint of the scene's words, so two versions can tell a rewritten scene apart.
    digest: str = ""


def _one_line(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= SYNOPSIS_LENGTH:
        return text
    sentence = re.match(r"(.+?[.!?])(\s|$)", text)
    if sentence and len(sentence.group(1)) <= SYNOPSIS_LENGTH:
        return sentence.group(1)
    return text[: SYNOPSIS_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _numbers(written: list[str | None]) -> list[str]:
    """Scene numbers as written; a draft without any is numbered in order, and an unnumbered
    scene in a numbered draft takes the previous number with a letter (72 -> 72A)."""
    if not any(written):
        return [str(i + 1) for i in range(len(written))]
    numbers, previous = [], "0"
    for number in written:
        if number:
            previous = number
        else:
            base = re.sub(r"[A-Z]+$", "", previous)
            suffix = previous[len(base) :]
            previous = base + (chr(ord(suffix[-1]) + 1) if suffix else "A")
        numbers.append(previous)
    return numbers


def text_digest(text: str) -> str:
    """Same words, same digest: case, spacing and punctuation-only edits do not count."""
    normal = re.sub(r"[^\w]+", " ", text.upper()).strip()
    return hashlib.sha1(normal.encode(), usedforsecurity=False).hexdigest()[:16]


def scene_list(screenplay: Screenplay, pages: list[Page]) -> list[Scene]:
    extents = scene_extents(pages)
    scenes: list[Scene] = []
    written: list[str | None] = []
    explicit_synopsis: set[int] = set()  # scenes whose writer gave a synopsis (Fountain "=")
    words: list[list[str]] = []
    for element in screenplay.elements:
        if element.kind == Kind.SCENE_HEADING:
            heading = parse_heading(element.text)
            scenes.append(
                Scene(
                    number="",
                    heading=element.text.strip(),
                    int_ext=heading.int_ext,
                    set=heading.set,
                    time=heading.time,
                    page_start="",
                    page_end="",
                    eighths=0,
                    omitted=element.text.strip().upper().startswith("OMIT"),
                )
            )
            written.append(element.scene_number)
            words.append([element.text])
            continue
        if not scenes:
            continue  # before the first heading: belongs to no scene
        scene = scenes[-1]
        if element.kind not in (Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK):
            words[-1].append(element.text)
        if element.kind == Kind.CHARACTER:
            name = normalise_character(element.text)
            if name and name not in scene.characters:
                scene.characters.append(name)
        elif element.kind == Kind.SYNOPSIS and len(scenes) - 1 not in explicit_synopsis:
            scene.synopsis = _one_line(element.text)
            explicit_synopsis.add(len(scenes) - 1)
        elif element.kind == Kind.ACTION and not scene.synopsis:
            scene.synopsis = _one_line(element.text)
    for index, (scene, number) in enumerate(zip(scenes, _numbers(written), strict=True)):
        scene.number = number
        scene.digest = text_digest(" ".join(words[index]))
        extent = extents.get(index)
        if extent:
            scene.page_start, scene.page_end = extent.page_start, extent.page_end
            scene.eighths = 0 if scene.omitted else extent.eighths
    return scenes
