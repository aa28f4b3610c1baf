"""What the board and the breakdown pages post, as typed values: each helper reads one field of
a POST and returns it parsed, or raises BoardError with the message the page shows. The views
read their input only through these (and the forms in forms.py)."""

from __future__ import annotations

from collections.abc import Mapping

from callboard.core.eighths import parse_eighths
from callboard.core.params import id_param, text_param

from .board import DAY, TARGETS, BoardError

MAX_SCENES_TEXT = 2000
MAX_STRIP_IDS_TEXT = 20000
MAX_DAY_EIGHTHS = 40 * 8

Post = Mapping[str, str]


def text(post: Post, name: str, limit: int = 100) -> str:
    return text_param(post.get(name), limit=limit)


def record_id(post: Post, name: str) -> int | None:
    """A database id, or None for anything else ('²', '-1', '')."""
    return id_param(post.get(name))


def optional_int(post: Post, name: str) -> int | None:
    value = (post.get(name) or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise BoardError(f"Bad value for {name}.") from exc


def target(post: Post) -> str:
    """Where a dragged strip was dropped: a day, a new day, the unscheduled strips or the
    boneyard."""
    value = text(post, "target")
    if value not in TARGETS:
        raise BoardError("Unknown place on the board.")
    return value


def drop(post: Post) -> dict:
    """Where strips were dropped: {target, day (a day's index, for a day), before (the strip
    they go before; None: at the end)}."""
    where = target(post)
    return {
        "target": where,
        "day": optional_int(post, "day") if where == DAY else None,
        "before": optional_int(post, "before"),
    }


def place(post: Post, name: str, missing: str) -> tuple[str, int | None]:
    """ "day:3" / "unscheduled" / "boneyard" / "new_day" from a select."""
    where, _, day = text(post, name).partition(":")
    if where not in TARGETS:
        raise BoardError(missing)
    if where == DAY:
        index = id_param(day)  # digits only: '²' passes isdigit() but int() refuses it
        if index is None:
            raise BoardError(missing)
        return where, index
    return where, None


def revision_required(revision: int | None) -> int:
    """The move box, Sort and Break into days change strips by position: a page that does not
    say which board it shows could change a board someone else rearranged meanwhile."""
    if revision is None:
        raise BoardError("This board page is out of date: reload it and try again.")
    return revision


def long_text(post: Post, name: str, limit: int, too_long: str) -> str:
    """The field whole, or refused: cut at the limit, '..., 23' would read '..., 2'."""
    value = text_param(post.get(name), limit=len(post.get(name) or ""))
    if len(value) > limit:
        raise BoardError(too_long)
    return value


def scenes(post: Post, name: str) -> str:
    return long_text(
        post,
        name,
        MAX_SCENES_TEXT,
        f"That list of scenes is longer than {MAX_SCENES_TEXT:,} characters: nothing "
        "was moved. Move them in parts, or use ranges (31-35).",
    )


def strip_ids(post: Post, name: str) -> list[int]:
    raw = long_text(
        post,
        name,
        MAX_STRIP_IDS_TEXT,
        "Too many strips selected at once: move them in parts.",
    )
    try:
        return [int(part) for part in raw.replace(",", " ").split()]
    except ValueError as exc:
        raise BoardError("Those strips are not on this board; reload the board.") from exc


def pages(post: Post, name: str) -> int:
    """A day's length in eighths: "5.5" pages, or eighths as the board shows them."""
    value = text(post, name).strip()
    try:
        eighths = round(float(value) * 8) if "." in value else parse_eighths(value)
    except (ValueError, OverflowError):
        raise BoardError(
            f"“{value}” is not a page count: write pages in eighths, e.g. 5, 4 4/8 or 6 2/8."
        ) from None
    if not 0 < eighths <= MAX_DAY_EIGHTHS:
        raise BoardError("Give between 1/8 and 40 pages per day.")
    return eighths
