"""Scene headings and character cues, reduced to what a scene list needs.

Framework-free. `parse_heading("INT./EXT. BOB'S CAR - MOVING - NIGHT #12#")` gives
Heading(int_ext="INT/EXT", set="BOB'S CAR - MOVING", time="NIGHT").

Rules (documented choices):

- int_ext is one of "INT", "EXT", "INT/EXT" or "" (no prefix, e.g. a forced
  heading or "OMITTED"). Case-insensitive; INT./EXT., INT/EXT, EXT./INT., I/E, E/I
  (with or without dots and spaces around the slash) are all "INT/EXT"; INTERIOR /
  EXTERIOR count as INT / EXT. An establishing shot ("EST. CITY SKYLINE - NIGHT",
  "ESTABLISHING") is filmed outside: "EXT", so its strip, breakdown and call sheet
  read exterior whichever reader (Fountain, FDX, PDF) found it; the heading's own
  text keeps "EST.".
- The time is what follows the LAST separator: " - " (a hyphen with spaces),
  "--" (with or without spaces), or an en/em dash (with or without spaces). It is
  taken only when it names a time of day or a continuity word: it contains one of
  TIME_WORDS as a whole word ("DAY", "LATER THAT NIGHT", "NIGHT (FLASHBACK)",
  "MOMENTS LATER", "SAME TIME") or one of TIME_PHRASES ("MAGIC HOUR"), or is a
  day code such as "D3" or "N12". Otherwise there is no time and the whole rest is the set, so
  "INT. HOUSE - KITCHEN" is set "HOUSE - KITCHEN", time "" rather than time
  "KITCHEN". A heading with no separator has no time. The time is upper-cased.
- The set is what lies between the prefix and the time, with runs of whitespace
  collapsed and written as in the script (not upper-cased).
- A trailing scene number ("#12#", "#12A#") and a forcing "." are ignored.
"""

import re
import unicodedata
from dataclasses import dataclass

TIME_WORDS = frozenset(
    [
        "DAY",
        "NIGHT",
        "DAWN",
        "DUSK",
        "MORNING",
        "EVENING",
        "AFTERNOON",
        "NOON",
        "MIDDAY",
        "MIDNIGHT",
        "SUNSET",
        "SUNRISE",
        "TWILIGHT",
        "DAYBREAK",
        "NIGHTFALL",
        "DAYTIME",
        "NIGHTTIME",
        "DAYS",
        "NIGHTS",
        "MORNINGS",
        "EVENINGS",
        "PREDAWN",
        "PRE-DAWN",
        "CONTINUOUS",
        "CONTINUED",
        "LATER",
        "SAME",
        "SIMULTANEOUS",
        "MOMENTS",
    ]
)
# Times whose words are not times on their own ("FIRST AVENUE" is a set).
TIME_PHRASES = ("MAGIC HOUR", "GOLDEN HOUR", "BLUE HOUR", "FIRST LIGHT", "LAST LIGHT")
_DAY_CODE = re.compile(r"[DN]\d+[A-Z]?")

_PREFIX = re.compile(
    r"""\s*(?:
        (?P<both>(?:int(?:erior)?\.?\s*/\s*ext(?:erior)?|ext(?:erior)?\.?\s*/\s*int(?:erior)?
                  |i\.?\s*/\s*e|e\.?\s*/\s*i)\.?)
        |(?P<int>int(?:erior)?\.?)
        |(?P<ext>ext(?:erior)?\.?)
        |(?P<est>est(?:ablishing)?\.?)
    )(?=[\s.\-–—]|$)[\s.]*""",
    re.I | re.X,
)
_SEPARATOR = re.compile(r"\s*--\s*|\s*[–—]\s*|\s+-\s+")
_SCENE_NUMBER = re.compile(r"\s*#[^#\n]*#\s*$")
_EXTENSION = re.compile(r"\([^)]*\)?")
_BARE_CONTD = re.compile(r"\s+CONT['’]?D\.?$", re.I)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[A-Z][A-Z'\-]*")


@dataclass(frozen=True)
class Heading:
    int_ext: str
    set: str
    time: str


def parse_heading(text: str) -> Heading:
    """Split a scene heading into INT/EXT, set and time of day; never raises."""
    text = _SCENE_NUMBER.sub("", _collapse(text or ""))
    if text.startswith(".") and text[1:2].isalnum():
        text = text[1:]
    int_ext = ""
    match = _PREFIX.match(text)
    if match:
        int_ext = next(
            label
            for group, label in (
                ("both", "INT/EXT"),
                ("int", "INT"),
                ("ext", "EXT"),
                ("est", "EXT"),  # an establishing shot is an exterior
            )
            if match.group(group)
        )
        text = text[match.end() :]
    time = ""
    separators = list(_SEPARATOR.finditer(text))
    if separators:
        last = separators[-1]
        candidate = _collapse(text[last.end() :]).upper()
        if _is_time(candidate):
            time = candidate
            text = text[: last.start()]
    return Heading(int_ext=int_ext, set=_collapse(text).strip(" -–—"), time=time)


def _is_time(candidate: str) -> bool:
    if not candidate:
        return False
    if _DAY_CODE.fullmatch(candidate):
        return True
    if any(word in TIME_WORDS for word in _WORD.findall(candidate)):
        return True
    return any(phrase in candidate for phrase in TIME_PHRASES)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def normalise_character(name: str) -> str:
    """One name per person: 'BOB (V.O.)', 'BOB (CONT’D)', '@bob ^' → 'BOB'.

    Extensions in parentheses are dropped (also an unclosed one at the end, and a
    bare trailing CONT'D), the
    Fountain forcing '@' and dual-dialogue '^' removed, whitespace collapsed,
    curly apostrophes made straight and the result upper-cased.
    """
    name = _collapse(unicodedata.normalize("NFC", name or ""))
    name = _BARE_CONTD.sub("", _collapse(_EXTENSION.sub(" ", name)))
    # Markers last: dropping an extension can bare a '^' or '@' ("^(" -> "^").
    name = _collapse(name).rstrip("^ \t").lstrip("@ \t")
    name = name.replace("’", "'").replace("‘", "'")
    return _collapse(name).upper()
