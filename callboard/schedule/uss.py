"""Universal Schedule Standard (USS) 1.0: read and write, framework-free (no Django import).

Spec: docs/docs.md in the UniversalScheduleStandard/UniversalScheduleStandard repository.
The published samples (``tests/data/uss``) differ from the spec text in several places, and
real files follow the samples, so the reader accepts both spellings and the writer gives back
the spelling it read (the original key order is kept in ``keys`` on every object):

* header ``ussVersion`` (samples) or ``version`` (spec);
* breakdown ``duration`` (samples) or ``time`` (spec); ``type`` is ``scene``/``day``/
  ``banner`` (spec) or ``strip`` (full sample);
* element flags ``isDood``/``isHold``/``isDrop``/``isIdLock`` (samples) or ``doodInclude``/
  ``doodHoldAllow``/``doodDropAllow``/``elementIdLock`` (spec); drop days ``dropDayCount``
  (small sample), ``doodDayCount`` (full sample) or ``doodDropDays`` (spec);
* element -> category by ``element.category`` (samples) and/or ``category.elements`` (spec);
* board strips in ``breakdownIds`` (spec, small sample) or ``breakdownArrays`` (full sample).
  An item is a breakdown id or a list of ids; a list is one shoot day (the day grouping).

Rules checked (every problem is collected, then one :class:`UssError` lists them all):
JSON, the ``universalScheduleStandard`` object, required keys, types (``null`` allowed
where the samples use it), ids unique per collection, every referenced id exists, weekday
numbers 0..6, event types ``start|dayOff|event`` with an ISO date, at most one ``start`` per
calendar, and a breakdown at most once per stripboard (across all its boards: the spec says
its boards "should contain unique values"). The same breakdown on several stripboards is
normal: each stripboard is a scenario. Breakdowns a stripboard does not mention are allowed
(the spec says they are ignored; the full sample's "Script Order" leaves 3 out).
A ``linkedElements`` id with no element is only a warning (``Schedule.warnings``): the full
sample has one. Event ids are not checked for uniqueness (the full sample repeats one).
Custom keys (``_name``, or any key we do not know) are kept in ``extra`` and written back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

TOP_KEY = "universalScheduleStandard"
BREAKDOWN_TYPES = ("scene", "strip", "day", "banner")
EVENT_TYPES = ("start", "dayOff", "event")

_MISSING = object()


class UssError(Exception):
    """The file is not valid USS; ``problems`` lists every problem, each with its path."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = "\n".join(f"- {p}" for p in self.problems[:50])
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"invalid USS file ({len(self.problems)} problems):\n{shown}{more}")


# --------------------------------------------------------------------------- dataclasses


@dataclass
class Event:
    id: str | None
    type: str
    name: str | None
    date: str
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def day(self) -> date:
        """Calendar date of the event (the date part as written; USS dates carry a local
        midnight expressed in UTC, e.g. ``07:00Z`` for Los Angeles)."""
        return date.fromisoformat(self.date[:10])


@dataclass
class Category:
    id: str
    ucid: int
    name: str
    created: str | None = None
    elements: list[str] | None = None  # spec form; the samples put the link on the element
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass
class Element:
    id: str
    name: str
    category: str | None = None
    element_id: str | None = None  # the board ID ("1" for the lead)
    id_lock: bool | None = None
    dood: bool | None = None
    hold: bool | None = None
    drop: bool | None = None
    drop_days: int | None = None
    linked_elements: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    days_off: list[int] = field(default_factory=list)
    created: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass
class Breakdown:
    id: str
    type: str
    elements: list[str] = field(default_factory=list)
    scene: str | None = None
    description: str | None = None
    banner_text: str | None = None
    script_page: str | None = None
    pages: float | None = None  # decimal page eighths: 0.625 = 5/8
    duration: int | None = None  # milliseconds
    comments: str | None = None
    created: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass
class Board:
    id: str
    name: str  # "stripboard", "boneyard", "second unit", ...
    items: list[str | list[str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def breakdown_ids(self) -> list[str]:
        """Every breakdown id on the board, in order, day grouping flattened."""
        out: list[str] = []
        for item in self.items:
            out.extend(item if isinstance(item, list) else [item])
        return out

    @property
    def days(self) -> list[list[str]]:
        """Shoot days. A board with no day grouping has none; on a grouped board a bare id
        between days stands for a day of its own."""
        if not any(isinstance(item, list) for item in self.items):
            return []
        return [list(item) if isinstance(item, list) else [item] for item in self.items]


@dataclass
class Stripboard:
    id: str
    name: str
    calendar: str | None
    boards: list[Board] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def board(self, name: str) -> Board | None:
        return next((b for b in self.boards if b.name == name), None)


@dataclass
class Calendar:
    id: str
    name: str
    days_off: list[int] = field(default_factory=list)  # weekdays, 0 = Sunday .. 6 = Saturday
    events: list[Event] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def start(self) -> date | None:
        return next((e.day for e in self.events if e.type == "start"), None)


@dataclass
class Schedule:
    id: str | None = None
    name: str | None = None
    project: str | None = None
    author: str | None = None
    company: str | None = None
    created: str | None = None
    description: str | None = None
    episode: str | None = None
    episode_name: str | None = None
    season: str | None = None
    sched_color: str | None = None
    sched_date: str | None = None
    script_color: str | None = None
    script_date: str | None = None
    source: str | None = None
    version: str | None = "1.0.0"
    breakdowns: list[Breakdown] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    stripboards: list[Stripboard] = field(default_factory=list)
    calendars: list[Calendar] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # what read_uss tolerated (e.g. a dangling linkedElements id, as in the full sample)
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)


# --------------------------------------------------------------------------- field tables

# kinds: "str", "int", "num", "bool", "date", "strlist", "intlist", "events", "items", and
# "list" (a list of sub-objects parsed separately). (attr, [keys; first is written by
# default], kind, required, nullable)
_F = tuple[str, tuple[str, ...], str, bool, bool]

_HEADER: list[_F] = [
    ("id", ("id",), "str", False, True),
    ("author", ("author",), "str", False, True),
    ("company", ("company",), "str", False, True),
    ("created", ("created",), "date", False, True),
    ("description", ("description",), "str", False, True),
    ("episode", ("episode",), "str", False, True),
    ("episode_name", ("episodeName",), "str", False, True),
    ("name", ("name",), "str", False, True),
    ("project", ("project",), "str", False, True),
    ("sched_color", ("schedColor",), "str", False, True),
    ("sched_date", ("schedDate",), "date", False, True),
    ("script_color", ("scriptColor",), "str", False, True),
    ("script_date", ("scriptDate",), "date", False, True),
    ("season", ("season",), "str", False, True),
    ("source", ("source",), "str", False, True),
    ("version", ("ussVersion", "version"), "str", False, True),
    ("breakdowns", ("breakdowns",), "list", True, False),
    ("categories", ("categories",), "list", True, False),
    ("elements", ("elements",), "list", True, False),
    ("stripboards", ("stripboards",), "list", False, True),
    ("calendars", ("calendars",), "list", False, True),
]
_BREAKDOWN: list[_F] = [
    ("id", ("id",), "str", True, False),
    ("banner_text", ("bannerText",), "str", False, True),
    ("type", ("type",), "str", True, False),
    ("scene", ("scene",), "str", False, True),
    ("description", ("description",), "str", False, True),
    ("script_page", ("scriptPage",), "str", False, True),
    ("pages", ("pages",), "num", False, True),
    ("duration", ("duration", "time"), "int", False, True),
    ("comments", ("comments",), "str", False, True),
    ("created", ("created",), "date", False, True),
    ("elements", ("elements",), "strlist", True, False),
]
_CATEGORY: list[_F] = [
    ("id", ("id",), "str", True, False),
    ("ucid", ("ucid",), "int", True, False),
    ("created", ("created",), "date", False, True),
    ("name", ("name",), "str", True, False),
    ("elements", ("elements",), "strlist", False, True),
]
_ELEMENT: list[_F] = [
    ("id", ("id",), "str", True, False),
    ("category", ("category",), "str", False, True),
    ("element_id", ("elementId",), "str", False, True),
    ("id_lock", ("isIdLock", "elementIdLock"), "bool", False, True),
    ("dood", ("isDood", "doodInclude"), "bool", False, True),
    ("hold", ("isHold", "doodHoldAllow"), "bool", False, True),
    ("drop", ("isDrop", "doodDropAllow"), "bool", False, True),
    ("drop_days", ("dropDayCount", "doodDayCount", "doodDropDays"), "int", False, True),
    ("linked_elements", ("linkedElements",), "strlist", False, False),
    ("events", ("events",), "events", False, False),
    ("created", ("created",), "date", False, True),
    ("days_off", ("daysOff",), "intlist", False, False),
    ("name", ("name",), "str", True, False),
]
_STRIPBOARD: list[_F] = [
    ("id", ("id",), "str", True, False),
    ("name", ("name",), "str", True, False),
    ("boards", ("boards",), "list", True, False),
    ("calendar", ("calendar",), "str", False, True),
]
_BOARD: list[_F] = [
    ("id", ("id",), "str", True, False),
    ("name", ("name",), "str", True, False),
    ("items", ("breakdownIds", "breakdownArrays"), "items", True, False),
]
_CALENDAR: list[_F] = [
    ("id", ("id",), "str", True, False),
    ("name", ("name",), "str", True, False),
    ("days_off", ("daysOff",), "intlist", False, False),
    ("events", ("events",), "events", False, False),
]
_EVENT: list[_F] = [
    ("id", ("id",), "str", False, True),
    ("type", ("type",), "str", True, False),
    ("name", ("name",), "str", False, True),
    ("date", ("date",), "date", True, False),
]

_LIST_KINDS = ("strlist", "intlist", "events", "items", "list")
_TYPE_NAMES = {
    "str": "a string",
    "int": "an integer",
    "num": "a number",
    "bool": "true or false",
    "date": "an ISO date string",
    "strlist": "a list of id strings",
    "intlist": "a list of weekday numbers 0..6",
    "events": "a list of event objects",
    "items": "a list of breakdown ids or lists of ids (days)",
    "list": "a list",
}


def _json_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _valid_date(s: str) -> bool:
    try:
        datetime.fromisoformat(s)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- reader


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def bad(self, path: str, msg: str) -> None:
        self.problems.append(f"{path}: {msg}")

    def fields(self, obj: Any, path: str, table: list[_F]) -> dict[str, Any] | None:
        """Check ``obj`` against ``table``; return attr -> value (plus ``extra``, ``keys``),
        or None when ``obj`` is not an object at all. Bad values become None / []."""
        if not isinstance(obj, dict):
            self.bad(path, f"expected an object, got {_json_type(obj)}")
            return None
        out: dict[str, Any] = {}
        known: set[str] = set()
        for attr, names, kind, required, nullable in table:
            known.update(names)
            key = next((n for n in names if n in obj), None)
            value = obj[key] if key is not None else _MISSING
            if value is _MISSING:
                if required:
                    self.bad(path, f'missing key "{names[0]}"')
                out[attr] = [] if kind in _LIST_KINDS else None
                continue
            out[attr] = self.value(value, f"{path}.{key}", kind, nullable)
        out["extra"] = {k: v for k, v in obj.items() if k not in known}
        out["keys"] = tuple(obj)
        return out

    def value(self, v: Any, path: str, kind: str, nullable: bool) -> Any:
        empty: Any = [] if kind in _LIST_KINDS else None
        if v is None:
            if not nullable:
                self.bad(path, f"must be {_TYPE_NAMES[kind]}, got null")
            return empty
        ok = True
        if kind in ("str", "date"):
            ok = isinstance(v, str)
            if ok and kind == "date" and not _valid_date(v):
                self.bad(path, f'"{v}" is not an ISO date')
                return None
        elif kind == "int":
            ok = isinstance(v, int) and not isinstance(v, bool)
        elif kind == "num":
            ok = isinstance(v, (int, float)) and not isinstance(v, bool)
        elif kind == "bool":
            ok = isinstance(v, bool)
        elif kind in _LIST_KINDS:
            ok = isinstance(v, list)
        if not ok:
            self.bad(path, f"must be {_TYPE_NAMES[kind]}, got {_json_type(v)}")
            return empty
        if kind == "strlist":
            good = []
            for i, x in enumerate(v):
                if isinstance(x, str):
                    good.append(x)
                else:
                    self.bad(f"{path}[{i}]", f"must be an id string, got {_json_type(x)}")
            return good
        if kind == "intlist":
            good = []
            for i, x in enumerate(v):
                if isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 6:
                    good.append(x)
                else:
                    self.bad(f"{path}[{i}]", f"must be a weekday number 0..6, got {json.dumps(x)}")
            return good
        if kind == "events":
            events = [self.event(x, f"{path}[{i}]") for i, x in enumerate(v)]
            return [e for e in events if e is not None]
        if kind == "items":
            items: list[str | list[str]] = []
            for i, x in enumerate(v):
                if isinstance(x, str):
                    items.append(x)
                elif isinstance(x, list):
                    day = []
                    for j, y in enumerate(x):
                        if isinstance(y, str):
                            day.append(y)
                        else:
                            self.bad(
                                f"{path}[{i}][{j}]",
                                f"must be a breakdown id string, got {_json_type(y)}",
                            )
                    items.append(day)
                else:
                    self.bad(
                        f"{path}[{i}]",
                        f"must be a breakdown id or a list of ids, got {_json_type(x)}",
                    )
            return items
        return v

    def event(self, obj: Any, path: str) -> Event | None:
        f = self.fields(obj, path, _EVENT)
        if f is None:
            return None
        if f["type"] is not None and f["type"] not in EVENT_TYPES:
            self.bad(f"{path}.type", f'"{f["type"]}" is not one of {"|".join(EVENT_TYPES)}')
        if f["type"] is None or f["date"] is None:
            return None
        return Event(**f)

    def objects(self, items: list[Any], path: str, table: list[_F], cls: type) -> list[Any]:
        out = []
        for i, obj in enumerate(items):
            f = self.fields(obj, f"{path}[{i}]", table)
            if f is None:
                continue
            missing = [a for a, _n, _k, req, _ in table if req and f[a] is None]
            if missing:
                continue
            if cls is Stripboard:
                f["boards"] = self.objects(f["boards"], f"{path}[{i}].boards", _BOARD, Board)
            out.append(cls(**f))
        return out

    def unique(self, objs: list[Any], path: str, raw: list[Any]) -> dict[str, Any]:
        by_id: dict[str, Any] = {}
        first: dict[str, int] = {}
        for i, x in enumerate(raw):
            oid = x.get("id") if isinstance(x, dict) else None
            if not isinstance(oid, str):
                continue
            if oid in first:
                self.bad(f"{path}[{i}].id", f'duplicate id "{oid}" (also {path}[{first[oid]}])')
            else:
                first[oid] = i
        for o in objs:
            by_id.setdefault(o.id, o)
        return by_id


def read_uss(data: bytes | str) -> Schedule:
    """Parse and validate a USS file; raise :class:`UssError` listing every problem."""
    try:
        doc = json.loads(data)
    except UnicodeDecodeError:
        raise UssError(
            [
                "the file is not text: a USS file is JSON text (is this a scheduling program's own "
                "file format? export it as USS first)"
            ]
        ) from None
    except json.JSONDecodeError as exc:
        raise UssError([f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]) from None
    if not isinstance(doc, dict):
        raise UssError([f"(file): expected a JSON object, got {_json_type(doc)}"])
    if TOP_KEY not in doc:
        raise UssError([f'(file): missing top-level key "{TOP_KEY}"'])
    r = _Reader()
    head = r.fields(doc[TOP_KEY], TOP_KEY, _HEADER)
    if head is None:
        raise UssError(r.problems)
    raw = {k: head[k] for k in ("breakdowns", "categories", "elements", "stripboards", "calendars")}
    breakdowns = r.objects(raw["breakdowns"], "breakdowns", _BREAKDOWN, Breakdown)
    categories = r.objects(raw["categories"], "categories", _CATEGORY, Category)
    elements = r.objects(raw["elements"], "elements", _ELEMENT, Element)
    stripboards = r.objects(raw["stripboards"], "stripboards", _STRIPBOARD, Stripboard)
    calendars = r.objects(raw["calendars"], "calendars", _CALENDAR, Calendar)

    for i, b in enumerate(breakdowns):
        if b.type not in BREAKDOWN_TYPES:
            r.bad(f"breakdowns[{i}].type", f'"{b.type}" is not one of {"|".join(BREAKDOWN_TYPES)}')

    for coll, objs in (
        ("breakdowns", breakdowns),
        ("categories", categories),
        ("elements", elements),
    ):
        r.unique(objs, coll, raw[coll])
    r.unique(stripboards, "stripboards", raw["stripboards"])
    r.unique(calendars, "calendars", raw["calendars"])

    # dangling references, against every id in the file (an object rejected for another
    # problem does not make its references dangling too); paths index the file's lists
    index = {coll: _indexes(items) for coll, items in raw.items()}
    bd_ids, cat_ids, el_ids, cal_ids = (
        index[c] for c in ("breakdowns", "categories", "elements", "calendars")
    )

    def path_of(coll: str, obj: Any) -> str:
        return f"{coll}[{index[coll].get(obj.id, -1)}]"

    for b in breakdowns:
        for j, eid in enumerate(b.elements):
            if eid not in el_ids:
                r.bad(f"{path_of('breakdowns', b)}.elements[{j}]", f'no element with id "{eid}"')
    for c in categories:
        for j, eid in enumerate(c.elements or []):
            if eid not in el_ids:
                r.bad(f"{path_of('categories', c)}.elements[{j}]", f'no element with id "{eid}"')
    for e in elements:
        p = path_of("elements", e)
        if e.category is not None and e.category not in cat_ids:
            r.bad(f"{p}.category", f'no category with id "{e.category}"')
        for j, lid in enumerate(e.linked_elements):
            if lid not in el_ids:  # the full sample has one: tolerated, kept, reported
                r.warnings.append(
                    f'{p}.linkedElements[{j}]: no element with id "{lid}" (kept, ignored)'
                )
    for c in calendars:
        starts = [e for e in c.events if e.type == "start"]
        if len(starts) > 1:
            r.bad(
                f"{path_of('calendars', c)}.events",
                f"{len(starts)} start events; at most one allowed",
            )
    for s in stripboards:
        p = path_of("stripboards", s)
        if s.calendar is not None and s.calendar not in cal_ids:
            r.bad(f"{p}.calendar", f'no calendar with id "{s.calendar}"')
        raw_boards = raw["stripboards"][index["stripboards"][s.id]].get("boards")
        raw_boards = raw_boards if isinstance(raw_boards, list) else []
        r.unique(s.boards, f"{p}.boards", raw_boards)
        board_index = _indexes(raw_boards)
        seen: dict[str, str] = {}
        for board in s.boards:
            bi = board_index.get(board.id, -1)
            key = next(
                (k for k in board.keys if k in ("breakdownIds", "breakdownArrays")), "breakdownIds"
            )
            for i, item in enumerate(board.items):
                ids = (
                    [(f"[{i}][{j}]", x) for j, x in enumerate(item)]
                    if isinstance(item, list)
                    else [(f"[{i}]", item)]
                )
                for suffix, bid in ids:
                    here = f"{p}.boards[{bi}].{key}{suffix}"
                    if bid not in bd_ids:
                        r.bad(here, f'no breakdown with id "{bid}"')
                    elif bid in seen:
                        r.bad(
                            here, f'breakdown "{bid}" is already on this stripboard at {seen[bid]}'
                        )
                    else:
                        seen[bid] = here

    if r.problems:
        raise UssError(r.problems)
    head.update(breakdowns=breakdowns, categories=categories, elements=elements)
    head.update(stripboards=stripboards, calendars=calendars)
    return Schedule(**head, warnings=r.warnings)


def _indexes(raw: list[Any]) -> dict[str, int]:
    """id -> position of its first object in the raw list."""
    out: dict[str, int] = {}
    for i, x in enumerate(raw):
        if isinstance(x, dict) and isinstance(x.get("id"), str):
            out.setdefault(x["id"], i)
    return out


# --------------------------------------------------------------------------- writer


def _dump(obj: Any, table: list[_F], sub: dict[str, Any] | None = None) -> dict[str, Any]:
    by_key = {n: attr for attr, names, *_ in table for n in names}
    default_keys = [names[0] for _a, names, *_ in table]
    keys = list(obj.keys) if obj.keys else default_keys + list(obj.extra)
    used_attrs = {by_key[k] for k in keys if k in by_key}
    # a field set in code whose key the source did not have
    for attr, names, *_ in table:
        if attr not in used_attrs and getattr(obj, attr) not in (None, []):
            keys.append(names[0])
    out: dict[str, Any] = {}
    for k in keys:
        if k in by_key:
            attr = by_key[k]
            v = sub[attr] if sub and attr in sub else getattr(obj, attr)
            if isinstance(v, list):
                v = [x if not isinstance(x, list) else list(x) for x in v]
            out[k] = v
        elif k in obj.extra:
            out[k] = obj.extra[k]
    return out


def _event(e: Event) -> dict[str, Any]:
    return _dump(e, _EVENT)


def write_uss(schedule: Schedule) -> bytes:
    """Serialise a :class:`Schedule` as USS JSON (UTF-8, two-space indent)."""
    s = schedule
    body = _dump(
        s,
        _HEADER,
        {
            "breakdowns": [_dump(b, _BREAKDOWN) for b in s.breakdowns],
            "categories": [_dump(c, _CATEGORY) for c in s.categories],
            "elements": [
                _dump(e, _ELEMENT, {"events": [_event(x) for x in e.events]}) for e in s.elements
            ],
            "stripboards": [
                _dump(sb, _STRIPBOARD, {"boards": [_dump(b, _BOARD) for b in sb.boards]})
                for sb in s.stripboards
            ],
            "calendars": [
                _dump(c, _CALENDAR, {"events": [_event(x) for x in c.events]}) for c in s.calendars
            ],
        },
    )
    return json.dumps({TOP_KEY: body}, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
