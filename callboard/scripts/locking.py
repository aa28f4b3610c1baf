"""Scene numbers that never change once a script is locked. No Django here.

A revised draft that arrives without scene numbers is matched against the
locked version (by heading, in order): matched scenes keep their numbers, a new
scene takes the number before it with the next letter (72 -> 72A -> 72B), and a
scene that has gone is kept as OMITTED under its number, where it stood.
"""

import difflib
import re
from dataclasses import replace

from .scenes import Scene

SAME_SCENE = 0.75  # how alike two headings must be to count as one scene rewritten


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(a=_key(old), b=_key(new), autojunk=False).ratio() >= SAME_SCENE


def _key(heading: str) -> str:
    return re.sub(r"[^A-Z0-9]+", " ", heading.upper()).strip()


def _next_letter(number: str, taken: set[str]) -> str:
    base = re.sub(r"[A-Z]+$", "", number)
    suffix = number[len(base) :]
    letter = chr(ord(suffix[-1]) + 1) if suffix else "A"
    candidate = base + suffix[:-1] + letter if suffix else base + letter
    while candidate in taken:
        candidate = _next_letter(candidate, set())
    return candidate


def renumber_to_locked(
    locked: list[tuple[str, str, bool]], new: list[Scene]
) -> list[tuple[Scene, int | None]]:
    """locked: (number, heading, omitted) of the locked version, in order.

    Returns the new scene list as (scene, index in `new` or None for an inserted OMITTED).
    """
    old_live = [(number, heading) for number, heading, omitted in locked if not omitted]
    matcher = difflib.SequenceMatcher(
        a=[_key(h) for _, h in old_live], b=[_key(s.heading) for s in new], autojunk=False
    )
    taken = {number for number, _, _ in locked}
    result: list[tuple[Scene, int | None]] = []
    previous = "0"
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            paired = min(a1 - a0, b1 - b0)
            if tag == "replace":
                # A heading rewritten in place (DOCKS - NIGHT -> DOCKS - DAWN) is the same scene;
                # a different place altogether is a new scene, and the old one is cut.
                paired = next(
                    (
                        k
                        for k in range(paired)
                        if not _similar(old_live[a0 + k][1], new[b0 + k].heading)
                    ),
                    paired,
                )
            for offset in range(paired):  # same place in the story: same number
                previous = old_live[a0 + offset][0]
                result.append((replace(new[b0 + offset], number=previous), b0 + offset))
            extra_new, extra_old = range(b0 + paired, b1), range(a0 + paired, a1)
        else:
            extra_new, extra_old = range(b0, b1), range(a0, a1)
        for index in extra_old:  # gone from the draft: kept as OMITTED
            number, _heading = old_live[index]
            result.append((_omitted(number), None))
            previous = number
        for index in extra_new:  # new in the draft: an A-number after the scene before it
            previous = _next_letter(previous, taken)
            taken.add(previous)
            result.append((replace(new[index], number=previous), index))
    # Scenes omitted before the lock stay omitted, in number order among the rest.
    kept = {scene.number for scene, _ in result}
    result += [
        (_omitted(number), None) for number, _, omitted in locked if omitted and number not in kept
    ]
    return sorted(result, key=lambda pair: _order(pair[0].number))


def _omitted(number: str) -> Scene:
    return Scene(
        number=number,
        heading="OMITTED",
        int_ext="",
        set="",
        time="",
        page_start="",
        page_end="",
        eighths=0,
        omitted=True,
    )


def _order(number: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", number)
    return (int(match.group(1)), match.group(2)) if match else (10**9, number)
