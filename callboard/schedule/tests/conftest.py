from pathlib import Path

import pytest

from callboard.schedule.services import schedule_import
from callboard.schedule.uss import read_uss

USS = Path(__file__).parent / "data" / "uss"


@pytest.fixture
def full_sample(production):
    """The licensed full USS sample imported into the test production."""
    schedule = read_uss((USS / "full_sample_schedule.uss").read_bytes())
    schedule_import(
        actor=None, production=production, schedule=schedule, source_name="full_sample_schedule.uss"
    )
    return production
