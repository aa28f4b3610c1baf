"""Day or night of each scene strip, as the board colours it and the call sheet prints it.

A scene heading's time word is the script's own: DAY, NIGHT, CONTINUOUS, LATER, DUSK,
MOMENTS LATER... The board and the call sheet need a plain D or N. :func:`resolve_day_night`
turns each strip's word into a :class:`DayNight` (``letter`` "D", "N", or "" when it cannot
be told; ``word`` the script's word as written, upper case), taking strips in script order:

* a word that names the time of day decides it (see ``DAY_WORDS`` and ``NIGHT_WORDS``);
* CONTINUOUS, CONT'D, LATER, SAME (TIME), MOMENTS LATER, SIMULTANEOUS and the like take the
  letter of the scene before in script order (which may itself have taken it from the one
  before); the first scene of the script, or one after a scene that cannot be told, stays "";
* "LATER THAT NIGHT" or "NIGHT - CONTINUOUS" name the time as well: the named time wins;
* anything else (FLASHBACK alone, a blank, a word nobody uses) is "" — never a guess.

Dawn and dusk, as mapped here (the convention of most boards, and what the strip colour and
turnaround need: is the sun up when the scene is shot?):

* D: DAY, DAYTIME, MORNING, EARLY MORNING, NOON, MIDDAY, AFTERNOON, DAWN, SUNRISE, DAYBREAK;
* N: NIGHT, NIGHTTIME, EVENING, DUSK, SUNSET, TWILIGHT, MIDNIGHT, PRE-DAWN (it is still dark).

Omitted scenes are not in the script any more, so a CONTINUOUS scene takes the letter of the
scene before it that is still in the script; the omitted strip itself is still resolved.

The resolver is framework-free; :func:`production_day_night` is the one query that feeds it
for a production (it imports the models when called, so this module imports no Django).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DAY = "D"
NIGHT = "N"

DAY_WORDS = frozenset(
    {
        "D",
        "DAY",
        "DAYS",
        "DAYTIME",
        "MORNING",
        "NOON",
        "MIDDAY",
        "AFTERNOON",
        "DAWN",
        "SUNRISE",
        "DAYBREAK",
        "DAYLIGHT",
    }
)
NIGHT_WORDS = frozenset(
    {
        "N",
        "NIGHT",
        "NIGHTS",
        "NIGHTTIME",
        "EVENING",
        "DUSK",
        "SUNSET",
        "TWILIGHT",
        "MIDNIGHT",
        "TONIGHT",
        "PREDAWN",
    }
)
# Words that carry on the time of the scene before.
CONTINUITY_WORDS = frozenset(
    {
        "CONTINUOUS",
        "CONTINUED",
        "CONT",
        "CONTD",
        "LATER",
        "SAME",
        "MOMENTS",
        "MOMENT",
        "SECONDS",
        "MINUTES",
        "SIMULTANEOUS",
        "SIMULTANEOUSLY",
        "INTERCUT",
        "MEANWHILE",
    }
)


@dataclass(frozen=True)
class DayNight:
    letter: str  # "D", "N", or "" when it cannot be told
    word: str  # the script's own word, upper case ("CONTINUOUS", "DUSK", "DAY"), or ""
    inherited: bool = False  # the letter came from the scene before (CONTINUOUS, LATER...)

    @property
    def is_night(self) -> bool:
        return self.letter == NIGHT

    def __str__(self) -> str:
        """ "N", "N (CONTINUOUS)", "D (DUSK)"... : the letter, and the word when it says more."""
        if not self.letter:
            return self.word
        if not self.word or self.word in ("D", "N", "DAY", "NIGHT"):
            return self.letter
        return f"{self.letter} ({self.word})"


def _tokens(word: str) -> list[str]:
    # "CONT'D" -> CONTD, "PRE-DAWN" -> PREDAWN, "MOMENTS LATER" -> MOMENTS, LATER.
    text = word.upper().replace("'", "").replace("’", "")
    text = re.sub(r"\bPRE[\s-]+DAWN\b", "PREDAWN", text)
    return re.findall(r"[A-Z]+", text)


def word_letter(word: str) -> str | None:
    """ "D" or "N" when the word names the time of day; "" when it only carries on the scene
    before (CONTINUOUS, LATER...); None when it says neither."""
    tokens = _tokens(word)
    for token in tokens:  # the first time word wins: "DAY / NIGHT" is D
        if token in DAY_WORDS:
            return DAY
        if token in NIGHT_WORDS:
            return NIGHT
    if any(token in CONTINUITY_WORDS for token in tokens):
        return ""
    return None


def _fields(strip: Any) -> tuple[int, str, bool]:
    if isinstance(strip, tuple):
        pk, word, *rest = strip
        return pk, word or "", bool(rest[0]) if rest else False
    return strip.pk, getattr(strip, "day_night", "") or "", bool(getattr(strip, "omitted", False))


def resolve_day_night(strips: Iterable[Any]) -> dict[int, DayNight]:
    """{strip pk: DayNight} for scene strips given in script order. Each strip is an object
    with ``pk``, ``day_night`` (the script's word) and optionally ``omitted`` (a StripInfo
    will do), or a ``(pk, word)`` / ``(pk, word, omitted)`` tuple."""
    out: dict[int, DayNight] = {}
    before = ""  # the letter of the last scene still in the script
    for strip in strips:
        pk, raw, omitted = _fields(strip)
        word = " ".join(raw.upper().split())
        letter = word_letter(word)
        if letter is None:
            resolved = DayNight("", word)
        elif letter == "":
            resolved = DayNight(before, word, inherited=bool(before))
        else:
            resolved = DayNight(letter, word)
        out[pk] = resolved
        if not omitted:
            before = resolved.letter
    return out


def production_day_night(production) -> dict[int, DayNight]:
    """{strip pk: DayNight} for every scene strip of ``production``: two queries."""
    from .models import Strip, Ucid

    strips = list(
        Strip.objects.filter(production=production, kind=Strip.Kind.SCENE)
        .order_by("position", "id")
        .values_list("pk", "omitted")
    )
    words: dict[int, list[str]] = {}
    links = (
        Strip.elements.through.objects.filter(
            strip__production=production, element__category__ucid=Ucid.DAY_NIGHT
        )
        .order_by("id")
        .values_list("strip_id", "element__name")
    )
    for strip_id, name in links:
        words.setdefault(strip_id, []).append(name)
    return resolve_day_night((pk, " / ".join(words.get(pk, [])), omitted) for pk, omitted in strips)
