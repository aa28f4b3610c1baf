"""Setting Django up (every command, the worker, each web process) loads no PDF, signature,
calendar or spreadsheet library, and the URLconf (what a web process's first request imports)
loads no PDF or signature library: each is imported by the code that uses it, when it is used."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# In a fresh interpreter: the top-level packages loaded after django.setup(), then after the
# URLconf is imported.
PROBE = """
import json, sys, django
django.setup()
loaded = lambda: sorted({name.split(".")[0] for name in sys.modules})
after_setup = loaded()
import callboard.urls
print(json.dumps({"setup": after_setup, "urls": loaded()}))
"""


def loaded_packages() -> dict[str, set[str]]:
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "callboard.settings"}
    for name in ("DATABASE_URL", "S3_BUCKET", "REDIS_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return {key: set(names) for key, names in json.loads(done.stdout).items()}


def test_setup_and_the_urlconf_leave_the_heavy_libraries_to_their_first_use():
    loaded = loaded_packages()
    at_start = {"pyhanko", "aiohttp", "openpyxl", "pypdf", "pypdfium2", "icalendar", "boto3"}
    assert loaded["setup"] & at_start == set()
    assert loaded["urls"] & {"pyhanko", "aiohttp", "pypdf", "pypdfium2", "boto3"} == set()
