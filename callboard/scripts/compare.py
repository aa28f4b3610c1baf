"""What changed between two versions of a script: scenes added, omitted, rewritten, and the pages.

No Django here. Scenes are matched by number, the way a locked script keeps them.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SceneFacts:
    number: str
    heading: str
    page_start: str
    page_end: str
    eighths: int
    omitted: bool
    digest: str


@dataclass
class Comparison:
    added: list[SceneFacts] = field(default_factory=list)
    omitted: list[SceneFacts] = field(default_factory=list)
    changed: list[tuple[SceneFacts, SceneFacts, list[str]]] = field(
        default_factory=list
    )  # old, new, what
    pages_changed: list[str] = field(
        default_factory=list
    )  # the new version's pages to send out again

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.omitted or self.changed)


def _pages(scene: SceneFacts, order: list[str]) -> list[str]:
    if scene.page_start not in order or scene.page_end not in order:
        return [p for p in (scene.page_start, scene.page_end) if p]
    return order[order.index(scene.page_start) : order.index(scene.page_end) + 1]


def compare_versions(
    old: list[SceneFacts], new: list[SceneFacts], *, new_pages: list[str]
) -> Comparison:
    """new_pages: the new version's page labels in order (for page ranges such as 12, 12A, 13)."""
    before = {scene.number: scene for scene in old}
    after = {scene.number: scene for scene in new}
    result = Comparison()
    pages: set[str] = set()
    for scene in new:
        previous = before.get(scene.number)
        if scene.omitted:
            if previous is not None and not previous.omitted:
                result.omitted.append(previous)
                pages.update(_pages(scene, new_pages))
            continue
        if previous is None or previous.omitted:
            result.added.append(scene)
            pages.update(_pages(scene, new_pages))
            continue
        what = []
        if previous.heading != scene.heading:
            what.append("heading")
        if previous.digest and scene.digest and previous.digest != scene.digest:
            what.append("text")
        if previous.eighths != scene.eighths:
            what.append("length")
        if what:
            result.changed.append((previous, scene, what))
            if "heading" in what or "text" in what:
                pages.update(_pages(scene, new_pages))
    result.omitted += [
        scene for number, scene in before.items() if number not in after and not scene.omitted
    ]
    order = {page: index for index, page in enumerate(new_pages)}
    result.pages_changed = sorted(pages, key=lambda page: order.get(page, len(order)))
    return result
