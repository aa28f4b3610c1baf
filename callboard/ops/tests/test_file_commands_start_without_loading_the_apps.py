"""parse_script, make_sides, compute_pay and verify_packet read a file through a framework-free
module: manage.py runs them without setting Django's apps up (no model, no database), so they
start like command line tools; what they print and how they fail is unchanged."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command, get_commands

from callboard.scripts.generator import generate_fountain
from callboard.standalone import STANDALONE

ROOT = Path(__file__).resolve().parents[3]
WEEK = ROOT / "callboard" / "payroll" / "examples" / "week.json"
HEAVY = ("pyhanko", "aiohttp", "openpyxl", "pypdf", "pypdfium2", "icalendar", "boto3")


# manage.py run as a user runs it, in a fresh interpreter that notes, as it exits, every module
# it imported (-X importtime misses those imported by importlib, such as the apps' models).
RUN = """
import atexit, runpy, sys
out, sys.argv = sys.argv[1], ["manage.py", *sys.argv[2:]]
atexit.register(lambda: open(out, "w").write("\\n".join(sys.modules)))
runpy.run_path("manage.py", run_name="__main__")
"""


def manage(*args: str, var: Path) -> tuple[subprocess.CompletedProcess, set[str]]:
    env = os.environ | {"CALLBOARD_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    modules = var / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(modules), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    return done, set(modules.read_text().split())


def app_modules(imported: set[str]) -> set[str]:
    return {
        n for n in imported if n.startswith(("callboard.", "django.")) and n.endswith(".models")
    }


def heavy(imported: set[str]) -> set[str]:
    return {name for name in imported if name.split(".")[0] in HEAVY}


def test_each_listed_command_is_the_one_django_runs_under_that_name():
    commands = get_commands()
    for name, app in STANDALONE.items():
        assert commands[name] == app, name


def test_parse_script_prints_what_call_command_prints_without_loading_models(tmp_path, capsys):
    script = tmp_path / "short.fountain"
    script.write_text(generate_fountain(scenes=12, seed=5))
    done, imported = manage("parse_script", str(script), "--json", var=tmp_path)
    assert done.returncode == 0, done.stderr
    call_command("parse_script", str(script), "--json")
    assert json.loads(done.stdout) == json.loads(capsys.readouterr().out)
    assert not app_modules(imported)
    assert not heavy(imported)


def test_parse_script_of_a_missing_file_says_so_and_exits_1(tmp_path):
    done, _ = manage("parse_script", str(tmp_path / "nowhere.fountain"), var=tmp_path)
    assert done.returncode == 1
    assert "CommandError: Cannot read" in done.stderr and "Traceback" not in done.stderr


def test_compute_pay_prints_the_week_without_loading_models_or_libraries(tmp_path):
    done, imported = manage("compute_pay", str(WEEK), var=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["gross"]
    assert not app_modules(imported)
    assert not heavy(imported)


def test_compute_pay_names_a_wrong_key_and_exits_1(tmp_path):
    week = json.loads(WEEK.read_text()) | {"rule": "ca-nonunion"}
    path = tmp_path / "week.json"
    path.write_text(json.dumps(week))
    done, _ = manage("compute_pay", str(path), var=tmp_path)
    assert done.returncode == 1 and "rule" in done.stderr and "Traceback" not in done.stderr


def test_make_sides_writes_the_pdf_without_loading_models(tmp_path):
    script = tmp_path / "short.fountain"
    script.write_text(generate_fountain(scenes=12, seed=5))
    out = tmp_path / "sides.pdf"
    done, imported = manage(
        "make_sides", str(script), "--scenes", "2,3", "-o", str(out), var=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert not app_modules(imported)


def test_verify_packet_says_an_unsigned_pdf_is_tampered_without_loading_models(tmp_path):
    script = tmp_path / "short.fountain"
    script.write_text(generate_fountain(scenes=3, seed=5))
    pdf = tmp_path / "sides.pdf"
    manage("make_sides", str(script), "--scenes", "1", "-o", str(pdf), var=tmp_path)
    done, imported = manage("verify_packet", str(pdf), var=tmp_path)
    assert done.returncode == 1
    assert "TAMPERED" in done.stderr and "never signed" in done.stderr
    assert not app_modules(imported)


def test_a_command_that_reads_the_database_still_sets_django_up(tmp_path):
    done, imported = manage("dood", "--help", var=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "--production" in done.stdout and "callboard.schedule.models" in imported
