import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.core.eighths import format_eighths
from callboard.scripts.errors import ScriptError
from callboard.scripts.reading import read_script


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = (
        "Read a Fountain, Final Draft or PDF script and print its scenes "
        "(the stable scripting interface)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--json", action="store_true", help="print JSON (the default is a table)"
        )

    def handle(self, *args, file: Path, **options):
        try:
            script = read_script(file.name, file.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        except ScriptError as exc:
            raise CommandError(str(exc)) from exc
        scenes = [
            {
                "number": s.number,
                "heading": s.heading,
                "int_ext": s.int_ext,
                "set": s.set,
                "time": s.time,
                "page_start": s.page_start,
                "page_end": s.page_end,
                "eighths": s.eighths,
                "characters": s.characters,
                "omitted": s.omitted,
            }
            for s in script.scenes
        ]
        if options["json"]:
            payload = {"title": script.title, "pages": script.page_count, "scenes": scenes}
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"{script.title or file.name}: {script.page_count} pages, {len(scenes)} scenes"
        )
        for s in scenes:
            pages = s["page_start"] + (
                f"-{s['page_end']}" if s["page_end"] != s["page_start"] else ""
            )
            length = format_eighths(s["eighths"])
            self.stdout.write(f"{s['number']:>5}  {s['heading'][:60]:<60} p.{pages:<8} {length}")
