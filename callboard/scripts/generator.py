"""A seeded screenplay generator: long scripts of a known size for benchmarks and the demo.

No Django here. The same seed always gives the same script.
"""

import random

SETS = [
    ("INT.", "PRECINCT HOUSE - SQUAD ROOM"), ("INT.", "DOYLE APARTMENT - KITCHEN"), ("EXT.", "HARBOR DOCKS"),
    ("INT.", "DINER"), ("EXT.", "ALLEY BEHIND THE DINER"), ("INT./EXT.", "RAY'S CAR - MOVING"),
    ("INT.", "HOSPITAL - CORRIDOR"), ("EXT.", "ROOFTOP"), ("INT.", "NEWSROOM"), ("EXT.", "CHURCH STEPS"),
    ("INT.", "MOTEL ROOM 12"), ("EXT.", "CITY PARK"), ("INT.", "TAXI - MOVING"), ("INT.", "INTERROGATION ROOM"),
]  # fmt: skip
TIMES = ["DAY", "NIGHT", "NIGHT", "DAY", "DUSK", "DAWN", "CONTINUOUS", "LATER"]
CHARACTERS = [
    "MAGGIE",
    "RAY",
    "EVELYN",
    "TOMMY",
    "LOUISE",
    "DANNY",
    "HAROLD",
    "NORA",
    "BILL",
    "LENA",
]
WORDS = ["the", "rain", "keeps", "coming", "down", "on", "the", "harbor", "while", "she", "waits", "for", "the", "call", "that", "never", "comes", "he", "turns", "the", "key", "and", "listens", "to", "the", "engine", "cough", "somebody", "left", "the", "light", "on", "upstairs", "we", "need", "to", "talk", "about", "what", "happened", "at", "the", "docks", "last", "night", "nobody", "saw", "anything"]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + rng.choice([".", ".", "?", "!"])


def generate_fountain(*, scenes: int = 150, seed: int = 7, title: str = "The Long Night") -> str:
    """About 0.8 pages a scene: 150 scenes make a ~120-page feature."""
    rng = random.Random(seed)
    out = [
        f"Title: {title}",
        "Credit: Written by",
        "Author: Dana Whitfield",
        "Draft date: 11/25/2026",
        "",
        "",
    ]
    for number in range(1, scenes + 1):
        prefix, place = rng.choice(SETS)
        out += [f"{prefix} {place} - {rng.choice(TIMES)} #{number}#", ""]
        cast = rng.sample(CHARACTERS, k=rng.randint(1, 3))
        for _ in range(rng.randint(6, 12)):
            if rng.random() < 0.4:
                out += [" ".join(_sentence(rng, 6, 16) for _ in range(rng.randint(1, 3))), ""]
            else:
                speaker = rng.choice(cast)
                out.append(speaker + (" (V.O.)" if rng.random() < 0.05 else ""))
                if rng.random() < 0.2:
                    out.append("(quietly)")
                out += [" ".join(_sentence(rng, 4, 14) for _ in range(rng.randint(1, 3))), ""]
        if rng.random() < 0.15:
            out += ["CUT TO:", ""]
    return "\n".join(out) + "\n"
