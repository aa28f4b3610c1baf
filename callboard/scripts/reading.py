"""One entry to read any script file into its scene list (and, for Fountain/FDX, its pages).

No Django here: used by the import service, the parse_script command and tests.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from callboard.documents.render import render_pdf

from .errors import ScriptError
from .fdx import read_fdx
from .fountain import decode_script_bytes, read_fountain
from .pagination import Page, paginate
from .scenes import Scene, scene_list
from .screenplay import Kind, Screenplay
from .sides import Band, bands_from_pagination

TEXT_EXTENSIONS = {".fountain", ".spmd", ".txt"}
TEMPLATE = Path(__file__).parent / "typst" / "screenplay.typ"


@dataclass
class ReadScript:
    format: str  # "fountain", "fdx" or "pdf"
    title: str
    page_labels: list[str]
    scenes: list[Scene]
    screenplay: Screenplay | None = None  # Fountain and FDX: what Callboard paginated
    pages: list[Page] | None = None
    # Scene index -> where it sits in the script's PDF (the original, or Callboard's rendition).
    bands: dict[int, list[Band]] = field(default_factory=dict)
    numbered: bool = (
        True  # the writer numbered the scenes (False: Callboard numbered them in order)
    )

    @property
    def page_count(self) -> int:
        return len(self.page_labels)

    def pdf(
        self, data: bytes, *, revision: str = "", starred: set | frozenset = frozenset()
    ) -> bytes:
        """The PDF everyone reads: the original of a PDF script, else Callboard's rendition."""
        if self.format == "pdf":
            return data
        return render_pdf(TEMPLATE, rendition_data(self, revision=revision, starred=starred))

    def scene_lines(self) -> dict[str, Counter]:
        """Each scene's printed lines (by scene number), for marking what a revision changed."""
        lines: dict[str, Counter] = {}
        for page in self.pages or []:
            for line in page.lines:
                if line.scene is not None and line.text.strip():
                    lines.setdefault(self.scenes[line.scene].number, Counter())[
                        _normal(line.text)
                    ] += 1
        return lines


def _normal(text: str) -> str:
    return " ".join(text.split()).upper()


def changed_lines(previous: ReadScript, revised: ReadScript) -> set[tuple[int, int]]:
    """(page index, row) of every line of the revision not in the same scene of the previous
    version: the lines that get an asterisk in the right margin."""
    before = previous.scene_lines()
    starred = set()
    for page_index, page in enumerate(revised.pages or []):
        for row, line in enumerate(page.lines):
            if line.scene is None or not line.text.strip() or line.kind in ("more", "contd"):
                continue
            old = before.get(revised.scenes[line.scene].number)
            if old is None or old[_normal(line.text)] <= 0:
                starred.add((page_index, row))
            else:
                old[_normal(line.text)] -= 1
    return starred


def script_format(filename: str, data: bytes) -> str:
    extension = Path(filename).suffix.lower()
    if data.startswith(b"%PDF") or extension == ".pdf":
        return "pdf"
    if extension == ".fdx" or data.lstrip()[:200].lower().find(b"<finaldraft") >= 0:
        return "fdx"
    if extension in TEXT_EXTENSIONS:
        return "fountain"
    raise ScriptError(
        f"Callboard cannot read “{filename}”. Upload a Fountain (.fountain, .txt), "
        "Final Draft (.fdx) or PDF script."
    )


def read_script(filename: str, data: bytes) -> ReadScript:
    """Parse and paginate a script file; ScriptError with a plain message otherwise."""
    if not data.strip():
        raise ScriptError("The file is empty.")
    kind = script_format(filename, data)
    if kind == "pdf":
        from .pdf import read_pdf  # pypdfium2 loads only when a PDF comes in

        script = read_pdf(data)
        bands = {
            scene: [Band(span.page_index, span.top, span.bottom) for span in spans]
            for scene, spans in script.spans.items()
        }
        labels = [page.label for page in script.pages]
        return ReadScript("pdf", script.title, labels, script.scenes, bands=bands)
    screenplay = read_fdx(data) if kind == "fdx" else read_fountain(decode_script_bytes(data))
    pages = paginate(screenplay)
    scenes = scene_list(screenplay, pages)
    if not scenes:
        raise ScriptError("No scene headings (INT. / EXT.) were found: is this a screenplay?")
    # The rendition puts a title page first when the script has one.
    bands = bands_from_pagination(pages, len(scenes), first_page=1 if screenplay.title_page else 0)
    labels = [page.number for page in pages]
    numbered = any(e.scene_number for e in screenplay.elements if e.kind == Kind.SCENE_HEADING)
    return ReadScript(kind, screenplay.title, labels, scenes, screenplay, pages, bands, numbered)


def rendition_data(script: ReadScript, *, revision: str = "", starred=frozenset()) -> dict:
    """What typst/screenplay.typ needs: every line where the paginator put it, scene numbers on
    headings."""
    numbers = [scene.number for scene in script.scenes]
    pages = []
    numbered: set[int] = set()
    for page_index, page in enumerate(script.pages or []):
        lines = []
        for row, line in enumerate(page.lines):
            entry = {"text": line.text, "indent": line.indent, "kind": line.kind}
            if (page_index, row) in starred:
                entry["starred"] = True
            if (
                line.kind == "scene_heading"
                and line.scene is not None
                and line.scene not in numbered
            ):
                numbered.add(line.scene)
                entry["scene_number"] = numbers[line.scene]
            lines.append(entry)
        pages.append({"number": page.number, "lines": lines})
    title_page = dict(script.screenplay.title_page) if script.screenplay else {}
    title_page = {key.replace(" ", "_"): value for key, value in title_page.items()}
    return {"title_page": title_page, "revision": revision, "pages": pages}
