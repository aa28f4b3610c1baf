"""Read a Final Draft (.fdx) screenplay into a Screenplay.

Framework-free. The XML is parsed only with defusedxml, so a file that declares
entities (billion laughs, external entities) is refused before anything is
expanded or fetched. Every problem becomes a ScriptError with a plain message.

Mapping (FDX `<Content>` paragraphs, in order):

- `Type=`: "Scene Heading" → SCENE_HEADING (scene_number from `Number=`),
  "Action", "General", "Shot", "Cast List" and any unknown type → ACTION,
  "Character", "Parenthetical", "Dialogue", "Transition" → their kinds,
  "Lyrics" → LYRIC. An action-like paragraph aligned "Center" (on the paragraph
  or by its element settings, e.g. "New Act") → CENTERED. Final Draft's hidden
  outline elements ("Outline 1".."Outline 4" → SECTION, "Outline Body" →
  SYNOPSIS) are kept as structure, never printed.
- Text is the `<Text>` runs of the paragraph joined, styles dropped; runs (or
  whole element types, via `<ElementSettings>`) styled "AllCaps" are upper-cased,
  because Final Draft stores what was typed and shows it in capitals. Line
  breaks inside a paragraph are "\\n"; texts are stripped; empty paragraphs are
  skipped.
- A scene's summary (`<SceneProperties><Summary>`), else its non-empty `Title=`,
  becomes a SYNOPSIS right after the heading.
- `<DualDialogue>` (directly in `<Content>` or inside a `<Paragraph>`): every
  CHARACTER after the first in the group gets dual=True.
- `StartsNewPage="Yes"` (on the paragraph, or in its element settings) → a
  PAGE_BREAK before it (none before the very first element).
- Omitted scenes: a scene heading whose text is "OMITTED" (any case), or one
  carrying `Omitted="Yes"` on the paragraph or its `<SceneProperties>`, is a
  SCENE_HEADING with text "OMITTED" (its number kept).
- Title page (`<TitlePage><Content>`), taken from its non-empty paragraphs in
  order: the first is "title"; a paragraph that is a credit ("by", "written by",
  "screenplay by", "teleplay by", any case) is "credit" and the next paragraph
  "author"; "Written by Jane Doe" in one paragraph gives both; one starting
  "Story by" or "Based on" is "source";
  a paragraph mentioning "copyright", "©" or "(c)" is "copyright"; everything else
  is joined, one per line, under "notes". Keys as in Fountain (lower case).
"""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - only for its ParseError class and types

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .errors import ScriptError
from .screenplay import Element, Kind, Screenplay

_KINDS = {
    "Scene Heading": Kind.SCENE_HEADING,
    "Action": Kind.ACTION,
    "General": Kind.ACTION,
    "Shot": Kind.ACTION,
    "Cast List": Kind.ACTION,
    "Character": Kind.CHARACTER,
    "Parenthetical": Kind.PARENTHETICAL,
    "Dialogue": Kind.DIALOGUE,
    "Transition": Kind.TRANSITION,
    "Lyrics": Kind.LYRIC,
    "Outline Body": Kind.SYNOPSIS,
}
_CREDIT = re.compile(r"(?:(?:written|screenplay|teleplay)\s+)?by", re.I)
_CREDIT_AND_AUTHOR = re.compile(r"((?:(?:written|screenplay|teleplay)\s+)?by)\s+(.+)", re.I | re.S)
_SOURCE = re.compile(r"(?:story\s+by|based\s+on)\b", re.I)
_COPYRIGHT = re.compile(r"copyright|©|\(c\)", re.I)


class _Settings:
    """What an element type's <ElementSettings> says about its text and placement."""

    def __init__(self, all_caps=False, new_page=False, centered=False, hidden=False):
        self.all_caps, self.new_page, self.centered, self.hidden = (
            all_caps,
            new_page,
            centered,
            hidden,
        )


def read_fdx(data: bytes) -> Screenplay:
    """Parse Final Draft XML into a Screenplay; ScriptError for anything that is not one."""
    if not data or not bytes(data).strip():
        raise ScriptError("The file is empty.")
    root = _parse(data)
    if root.tag != "FinalDraft":
        raise ScriptError("This XML file is not a Final Draft script (.fdx).")
    content = root.find("Content")
    if content is None:
        raise ScriptError("This Final Draft file has no script content.")

    reader = _Reader(_element_settings(root))
    reader.read(content)
    screenplay = Screenplay(title_page=_title_page(root), elements=reader.elements)
    if not any(
        e.kind not in (Kind.SECTION, Kind.SYNOPSIS, Kind.PAGE_BREAK) for e in reader.elements
    ):
        raise ScriptError("This Final Draft file has no script in it (no paragraphs with text).")
    return screenplay


def _parse(data: bytes) -> ET.Element:
    try:
        return SafeET.fromstring(data)
    except DefusedXmlException as error:
        raise ScriptError(
            "This Final Draft file declares XML entities, which scripts never need and which "
            "can be used to attack a server, so it was refused."
        ) from error
    except ET.ParseError as error:
        raise ScriptError(
            f"This is not a readable Final Draft (.fdx) file: its XML is broken ({error})."
        ) from error
    except (ValueError, TypeError, UnicodeError, RecursionError) as error:
        raise ScriptError("This is not a readable Final Draft (.fdx) file.") from error


def _element_settings(root: ET.Element) -> dict[str, _Settings]:
    settings = {}
    for node in root.findall("ElementSettings"):
        font, paragraph = node.find("FontSpec"), node.find("ParagraphSpec")
        style = (font.get("Style") or "") if font is not None else ""
        settings[node.get("Type") or ""] = _Settings(
            all_caps="AllCaps" in style,
            new_page=paragraph is not None and paragraph.get("StartsNewPage") == "Yes",
            centered=paragraph is not None and paragraph.get("Alignment") == "Center",
            hidden="HiddenText" in style,
        )
    return settings


def _text(paragraph: ET.Element, all_caps: bool = False) -> str:
    runs = []
    for run in paragraph.findall("Text"):
        text = run.text or ""
        if all_caps or "AllCaps" in (run.get("Style") or ""):
            text = text.upper()
        runs.append(text)
    text = "".join(runs).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


class _Reader:
    def __init__(self, settings: dict[str, _Settings]):
        self.settings = settings
        self.elements: list[Element] = []
        self.page_break_pending = False

    def read(self, container: ET.Element) -> None:
        for child in container:
            if child.tag == "DualDialogue":
                self.read_dual(child)
            elif child.tag == "Paragraph":
                dual = child.find("DualDialogue")
                if dual is not None:
                    if child.get("StartsNewPage") == "Yes":
                        self.page_break_pending = True
                    self.read_dual(dual)
                else:
                    self.paragraph(child)

    def read_dual(self, group: ET.Element) -> None:
        characters = 0
        for child in group:
            if child.tag != "Paragraph":
                continue
            element = self.paragraph(child)
            if element is not None and element.kind == Kind.CHARACTER:
                element.dual = characters > 0
                characters += 1

    def paragraph(self, paragraph: ET.Element) -> Element | None:
        kind_name = paragraph.get("Type") or "General"
        settings = self.settings.get(kind_name, _Settings())
        if paragraph.get("StartsNewPage", "Yes" if settings.new_page else "No") == "Yes":
            self.page_break_pending = True
        kind = _KINDS.get(kind_name, Kind.ACTION)
        if settings.hidden:
            if kind_name.startswith("Outline"):
                kind = Kind.SYNOPSIS if kind_name == "Outline Body" else Kind.SECTION
            else:
                return None
        text = _text(paragraph, settings.all_caps)
        number = None
        properties = paragraph.find("SceneProperties")
        if kind == Kind.SCENE_HEADING:
            number = (paragraph.get("Number") or "").strip() or None
            omitted = paragraph.get("Omitted") == "Yes" or (
                properties is not None and properties.get("Omitted") == "Yes"
            )
            if omitted or text.upper().rstrip(".") == "OMITTED":
                text = "OMITTED"
        if not text:
            return None
        if (
            kind == Kind.ACTION
            and paragraph.get("Alignment", "Center" if settings.centered else "") == "Center"
        ):
            kind = Kind.CENTERED
        element = Element(kind, text, scene_number=number)
        self.add(element)
        if kind == Kind.SCENE_HEADING and properties is not None:
            summary = self.summary(properties)
            if summary:
                self.elements.append(Element(Kind.SYNOPSIS, summary))
        return element

    def add(self, element: Element) -> None:
        if self.page_break_pending and element.kind not in (Kind.SECTION, Kind.SYNOPSIS):
            if self.elements:
                self.elements.append(Element(Kind.PAGE_BREAK, ""))
            self.page_break_pending = False
        self.elements.append(element)

    @staticmethod
    def summary(properties: ET.Element) -> str:
        texts = [_text(p) for p in properties.findall("Summary/Paragraph")]
        summary = " ".join(t for t in texts if t)
        return summary or (properties.get("Title") or "").strip()


def _title_page(root: ET.Element) -> dict[str, str]:
    texts = [_text(p) for p in root.findall("TitlePage/Content/Paragraph")]
    texts = [t for t in texts if t]
    title_page: dict[str, str] = {}

    def add(key: str, value: str) -> None:
        title_page[key] = f"{title_page[key]}\n{value}" if key in title_page else value

    if not texts:
        return title_page
    add("title", texts[0])
    index = 1
    while index < len(texts):
        text = texts[index]
        both = _CREDIT_AND_AUTHOR.fullmatch(text)
        if _CREDIT.fullmatch(text):
            add("credit", text)
            if index + 1 < len(texts):
                add("author", texts[index + 1])
                index += 1
        elif both and "\n" not in both.group(2):
            add("credit", both.group(1))
            add("author", both.group(2).strip())
        elif _SOURCE.match(text):
            add("source", text)
        elif _COPYRIGHT.search(text):
            add("copyright", text)
        else:
            add("notes", text)
        index += 1
    return title_page
