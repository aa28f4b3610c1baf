"""An establishing shot ("EST. CITY SKYLINE - NIGHT") is filmed outside: every reader gives it
EXT, so its strip, breakdown and call sheet read exterior."""

from datetime import date
from pathlib import Path

import pytest

from callboard.schedule.queries import strip_infos
from callboard.schedule.services import breakdown_seed
from callboard.scripts.reading import read_script
from callboard.scripts.services import script_version_import

DATA = Path(__file__).parent / "data"

FOUNTAIN = b"""Title: Skyline

EST. CITY SKYLINE - NIGHT

The lights come on one by one.

EST HARBOUR - DAWN

Gulls.

INT. KITCHEN - NIGHT

ROSA
Who's there?
"""

FDX = b"""<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5"><Content>
<Paragraph Type="Scene Heading"><Text>EST. CITY SKYLINE - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>The lights come on one by one.</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>INT. KITCHEN - NIGHT</Text></Paragraph>
<Paragraph Type="Character"><Text>ROSA</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Who's there?</Text></Paragraph>
</Content></FinalDraft>"""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("skyline.fountain", FOUNTAIN),
        ("skyline.fdx", FDX),
        ("screenplain.pdf", (DATA / "dual-dialogue" / "two-at-once-screenplain.pdf").read_bytes()),
        (
            "afterwriting.pdf",
            (DATA / "dual-dialogue" / "two-at-once-afterwriting.pdf").read_bytes(),
        ),
    ],
)
def test_an_est_heading_reads_as_exterior_in_every_reader(name, data):
    scenes = read_script(name, data).scenes
    skyline = next(s for s in scenes if "SKYLINE" in s.heading)
    assert (skyline.int_ext, skyline.set, skyline.time) == ("EXT", "CITY SKYLINE", "NIGHT")
    assert skyline.heading.startswith("EST.")  # the script's own words stay
    assert next(s for s in scenes if "KITCHEN" in s.heading).int_ext == "INT"


def test_callboards_own_pdf_of_a_fountain_script_reads_est_as_exterior():
    script = read_script("skyline.fountain", FOUNTAIN)
    again = read_script("skyline.pdf", script.pdf(FOUNTAIN))
    assert [s.int_ext for s in again.scenes] == ["EXT", "EXT", "INT"]


def test_an_establishing_night_strip_is_a_night_exterior(production):
    version = script_version_import(
        actor=None,
        production=production,
        filename="skyline.fountain",
        data=FOUNTAIN,
        colour="White",
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )
    breakdown_seed(actor=None, version=version)
    strips = {info.scene: info for info in strip_infos(production).values()}
    assert strips["1"].int_ext == "EXT" and strips["1"].colour == "green"
    assert strips["2"].int_ext == "EXT" and strips["2"].colour == "yellow"


def test_scenes_read_before_now_become_exterior_with_their_heading_kept(production):
    from importlib import import_module

    from django.apps import apps

    version = script_version_import(
        actor=None,
        production=production,
        filename="skyline.fountain",
        data=FOUNTAIN,
        colour="White",
        revision_date=date(2026, 3, 1),
        max_bytes=10_000_000,
    )
    version.scenes.filter(number__in=["1", "2"]).update(int_ext="EST")  # as read before
    migration = import_module("callboard.scripts.migrations.0002_est_headings_are_exterior")
    migration.est_to_ext(apps, None)
    scenes = list(version.scenes.values_list("int_ext", "heading"))
    assert scenes == [
        ("EXT", "EST. CITY SKYLINE - NIGHT"),
        ("EXT", "EST HARBOUR - DAWN"),
        ("INT", "INT. KITCHEN - NIGHT"),
    ]
