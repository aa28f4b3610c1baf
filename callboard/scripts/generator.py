"""A seeded screenplay generator: long scripts of a known size for benchmarks and the demo.

No Django here. The same seed always gives the same script.
"""

import random

SETS = [
    ("INT.", "PRECINCT HOUSE - SQUAD ROOM"),
    ("INT.", "DOYLE APARTMENT - KITCHEN"),
    ("EXT.", "HARBOR DOCKS"),
    ("INT.", "DINER"),
    ("EXT.", "ALLEY BEHIND THE DINER"),
    ("INT./EXT.", "RAY'S CAR - MOVING"),
    ("INT.", "HOSPITAL - CORRIDOR"),
    ("EXT.", "ROOFTOP"),
    ("INT.", "NEWSROOM"),
    ("EXT.", "CHURCH STEPS"),
    ("INT.", "MOTEL ROOM 12"),
    ("EXT.", "CITY PARK"),
    ("INT.", "TAXI - MOVING"),
    ("INT.", "INTERROGATION ROOM"),
]
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
ACTION = [
    "Rain hammers the windows.",
    "A phone rings somewhere in the dark and nobody answers it.",
    "She checks the clock, then the door, then the clock again.",
    "He lights a cigarette he does not want.",
    "The neon sign outside flickers: OPEN, then nothing.",
    "Footsteps on the stairs. Slow. Deliberate.",
    "A stack of case files slides off the desk and scatters across the floor.",
    "Headlights sweep across the wall and are gone.",
    "The coffee went cold hours ago.",
    "She pockets the photograph before anyone sees.",
    "Sirens, far off, getting closer.",
    "He stares at the harbor lights as if they owe him money.",
    "The radio crackles with a dispatch call.",
]
DIALOGUE = [
    "You were at the docks last night. Don't tell me you weren't.",
    "I need the name. Just the name.",
    "Nobody saw anything. Nobody ever sees anything in this town.",
    "Go home, Ray. Get some sleep.",
    "She left before midnight. I watched her go.",
    "That's not what the file says.",
    "Then the file is wrong.",
    "Who else knows about the money?",
    "Not here. Somebody's listening.",
    "I've been doing this twenty years. I know when somebody's lying to me.",
    "Give me until morning.",
    "You don't get it. It's already too late.",
    "Where were you at ten o'clock?",
]


def _lines(rng: random.Random, pool: list[str], low: int, high: int) -> str:
    return " ".join(rng.sample(pool, k=rng.randint(low, high)))


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
        out += [_lines(rng, ACTION, 1, 3), ""]  # every scene opens on its picture
        cast = rng.sample(CHARACTERS, k=rng.randint(1, 3))
        for _ in range(rng.randint(6, 12)):
            if rng.random() < 0.35:
                out += [_lines(rng, ACTION, 1, 4), ""]
            else:
                out.append(rng.choice(cast) + (" (V.O.)" if rng.random() < 0.05 else ""))
                if rng.random() < 0.2:
                    out.append("(quietly)")
                out += [_lines(rng, DIALOGUE, 1, 3), ""]
        if rng.random() < 0.15:
            out += ["CUT TO:", ""]
    return "\n".join(out) + "\n"
