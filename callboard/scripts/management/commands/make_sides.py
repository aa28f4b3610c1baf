from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from callboard.documents.render import RenderError
from callboard.scripts.errors import ScriptError
from callboard.scripts.reading import read_script
from callboard.scripts.sides import SideScene, make_sides


class Command(BaseCommand):
    # Only reads: skip the system checks, which import every view (and pyHanko) first.
    requires_system_checks = []

    help = "Cut sides from a Fountain, Final Draft or PDF script (the stable scripting interface)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--scenes", required=True, help="scene numbers, e.g. 3,7,12A")
        parser.add_argument("--order", choices=["script", "given"], default="script")
        parser.add_argument(
            "--two-up", action="store_true", help="two script pages to a landscape sheet"
        )
        parser.add_argument("--watermark", default="", help="text across every page")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
            script = read_script(file.name, data)
            scenes = [
                SideScene(s.number, script.bands.get(i, [])) for i, s in enumerate(script.scenes)
            ]
            pdf = make_sides(
                script.pdf(data),
                scenes,
                wanted=options["scenes"].split(","),
                order=options["order"],
                two_up=options["two_up"],
                watermark=options["watermark"],
            )
            options["output"].write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"{exc.filename}: {exc.strerror}") from exc
        except (ScriptError, RenderError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Wrote {options['output']}")
