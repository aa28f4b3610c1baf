"""The order of positions within a department on a crew list: by rank, not alphabet.

Crew lists read top-down from the head of each department (Producer, Line
Producer, UPM, ...; DP, operators, ACs, ...). Known titles take their place from
this list; other titles fall back to a rank read from their words (key, best
boy, 1st, 2nd, assistant, PA), so a title typed differently still lands near
its peers. No Django here: the ordering is used by lists, PDFs and call sheets.
"""

import re

STANDARD_POSITIONS = [
    # Production and ADs
    "executive producer",
    "producer",
    "co-producer",
    "line producer",
    "unit production manager",
    "upm",
    "production supervisor",
    "1st assistant director",
    "first assistant director",
    "1st ad",
    "2nd assistant director",
    "second assistant director",
    "2nd ad",
    "2nd 2nd assistant director",
    "2nd 2nd ad",
    "additional 2nd ad",
    "production coordinator",
    "assistant production coordinator",
    "apoc",
    "travel coordinator",
    "production secretary",
    "script supervisor",
    "assistant to producer",
    "office pa",
    "key set pa",
    "set pa",
    "production assistant",
    # Locations
    "location manager",
    "key assistant location manager",
    "assistant location manager",
    "location scout",
    "location assistant",
    # Camera
    "director of photography",
    "dp",
    "camera operator",
    "a camera operator",
    "b camera operator",
    "steadicam operator",
    "1st ac",
    "a camera 1st ac",
    "b camera 1st ac",
    "2nd ac",
    "a camera 2nd ac",
    "b camera 2nd ac",
    "loader",
    "dit",
    "camera utility",
    "still photographer",
    # Grip and electric
    "key grip",
    "best boy grip",
    "dolly grip",
    "rigging key grip",
    "company grip",
    "grip",
    "gaffer",
    "best boy electric",
    "rigging gaffer",
    "generator operator",
    "company electric",
    "electrician",
    "lamp operator",
    # Art, set dressing, props, construction
    "production designer",
    "supervising art director",
    "art director",
    "assistant art director",
    "set designer",
    "art department coordinator",
    "art coordinator",
    "graphic designer",
    "art pa",
    "set decorator",
    "leadman",
    "on-set dresser",
    "set dresser",
    "swing",
    "property master",
    "assistant property master",
    "assistant props",
    "props",
    "construction coordinator",
    "construction foreman",
    "foreman",
    "carpenter",
    "painter",
    "laborer",
    # Wardrobe, hair, makeup
    "costume designer",
    "assistant costume designer",
    "costume supervisor",
    "key costumer",
    "set costumer",
    "costumer",
    "department head hair",
    "key hair",
    "hair stylist",
    "department head makeup",
    "key makeup",
    "makeup artist",
    # Sound
    "production sound mixer",
    "sound mixer",
    "boom operator",
    "utility sound",
    "sound utility",
    # Transportation, catering
    "transportation coordinator",
    "transportation captain",
    "captain",
    "co-captain",
    "driver",
    "chef",
    "caterer",
    "cook",
    "key craft service",
    "craft service",
    # Accounting, post, casting, effects, safety
    "production accountant",
    "1st assistant accountant",
    "payroll accountant",
    "2nd assistant accountant",
    "accounting clerk",
    "post production supervisor",
    "post supervisor",
    "editor",
    "1st assistant editor",
    "assistant editor",
    "casting director",
    "extras casting",
    "special effects coordinator",
    "special effects technician",
    "stunt coordinator",
    "stunt performer",
    "set medic",
    "safety officer",
]
_RANK = {title: i for i, title in enumerate(STANDARD_POSITIONS)}
# Fallback tiers for titles not in the list, by the words that signal rank.
_TIERS = [
    (r"\b(head|designer|supervisor|director of|master|coordinator|manager|mixer)\b", 0),
    (r"\bkey\b", 1),
    (r"\b(best boy|foreman|leadman|captain)\b", 2),
    (r"\b(1st|first)\b", 3),
    (r"\b(2nd|second)\b", 4),
    (r"\bassistant\b", 5),
    (r"\b(pa|intern|trainee|utility|swing)\b", 7),
]


def normalise_title(title: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", "", title.lower())).strip()


def position_rank(title: str) -> tuple[int, int]:
    """Sort key: known titles in list order, then unknown ones by their rank words."""
    key = normalise_title(title)
    if key in _RANK:
        return (0, _RANK[key])
    for pattern, tier in _TIERS:
        if re.search(pattern, key):
            return (1, tier)
    return (1, 6)


def is_best_boy(title: str) -> bool:
    """The department head's second in command (best boy grip, best boy electric; "best
    person" too), who keeps the department's paperwork and times with the head."""
    return re.search(r"\bbest (boy|girl|person)\b", normalise_title(title)) is not None
