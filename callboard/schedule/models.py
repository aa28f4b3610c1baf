"""Breakdown and schedule, shaped like the Universal Schedule Standard (USS 1.0).

A production's breakdown is its strips (one per scene, plus banners), each tagged with
elements; every element belongs to a category carrying its UCID (0 Set, 1 INT/EXT,
2 Day/Night, 3 Script Day, 6 Location, 100 Cast Members, 104 Props, ...). Set, INT/EXT and
day/night are elements like any other, as in USS, so import and export are one-to-one.
A scenario is one way of ordering the strips into shoot days, on its own calendar.
Every row keeps its USS id so an export re-imports to the same schedule.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from callboard.core.eighths import format_eighths
from callboard.core.models import Production

from .board import CalendarRules, Layout


def new_uss_id() -> str:
    return uuid.uuid4().hex[:24]


class Ucid:
    """Universal Category Identification numbers used by USS (and this app)."""

    SET = 0
    INT_EXT = 1
    DAY_NIGHT = 2
    SCRIPT_DAY = 3
    UNIT = 4
    SEQUENCE = 5
    LOCATION = 6
    CAST = 100
    BACKGROUND = 101
    STUNTS = 102
    VEHICLES = 103
    PROPS = 104
    SFX = 105
    WARDROBE = 106
    MAKEUP = 107
    ANIMALS = 108
    MUSIC = 114
    SET_DRESSING = 116
    SPECIAL_EQUIPMENT = 119
    VFX = 121
    NOTES = 123

    # The strip's own facts (shown on the strip, not in the breakdown boxes).
    HEADING = (SET, INT_EXT, DAY_NIGHT, SCRIPT_DAY, UNIT, SEQUENCE, LOCATION)


# Categories a new breakdown starts with, in breakdown-sheet order.
DEFAULT_CATEGORIES = [
    (Ucid.SET, "Set"),
    (Ucid.INT_EXT, "INT/EXT"),
    (Ucid.DAY_NIGHT, "Day/Night"),
    (Ucid.SCRIPT_DAY, "Script Day"),
    (Ucid.LOCATION, "Location"),
    (Ucid.CAST, "Cast Members"),
    (Ucid.BACKGROUND, "Background"),
    (Ucid.STUNTS, "Stunts"),
    (Ucid.VEHICLES, "Vehicles"),
    (Ucid.PROPS, "Props"),
    (Ucid.WARDROBE, "Wardrobe"),
    (Ucid.MAKEUP, "Makeup/Hair"),
    (Ucid.SFX, "Special Effects"),
    (Ucid.VFX, "Visual Effects"),
    (Ucid.ANIMALS, "Animals"),
    (Ucid.SPECIAL_EQUIPMENT, "Special Equipment"),
    (Ucid.SET_DRESSING, "Set Dressing"),
    (Ucid.MUSIC, "Music"),
    (Ucid.NOTES, "Notes"),
]


class ScheduleHeader(models.Model):
    """The schedule's file-level facts (USS header): who made it, script and schedule colour."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="schedule_header"
    )
    uss_id = models.CharField(max_length=64, default=new_uss_id)
    name = models.CharField(max_length=200, blank=True)
    project = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=200, blank=True)
    company = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    episode = models.CharField(max_length=60, blank=True)
    episode_name = models.CharField(max_length=200, blank=True)
    season = models.CharField(max_length=60, blank=True)
    sched_color = models.CharField("schedule colour", max_length=40, blank=True)
    sched_date = models.DateField("schedule date", null=True, blank=True)
    script_color = models.CharField("script colour", max_length=40, blank=True)
    script_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True)
    imported_from = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.name or self.project or "Schedule"


class Category(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="breakdown_categories"
    )
    uss_id = models.CharField(max_length=64, default=new_uss_id)
    ucid = models.IntegerField("UCID")
    name = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "ucid", "id"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["production", "uss_id"], name="category_uss_id_unique")
        ]

    def __str__(self):
        return self.name


class Element(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="breakdown_elements"
    )
    uss_id = models.CharField(max_length=64, default=new_uss_id)
    category = models.ForeignKey(
        Category, on_delete=models.RESTRICT, null=True, blank=True, related_name="elements"
    )
    name = models.CharField(max_length=200)
    # The board ID: "1" for the lead. Cast are numbered; other elements may be.
    board_id = models.CharField("ID", max_length=20, blank=True)
    id_locked = models.BooleanField("ID locked", null=True, blank=True)
    in_dood = models.BooleanField("in the Day Out of Days", null=True, blank=True)
    allow_holds = models.BooleanField("holds allowed", null=True, blank=True)
    allow_drops = models.BooleanField("drops allowed", null=True, blank=True)
    drop_days = models.PositiveIntegerField(
        "drop only after", null=True, blank=True, help_text="calendar days between work days"
    )
    days_off = models.JSONField(default=list, blank=True)  # USS weekdays: 0 Sunday .. 6 Saturday
    # [{"type": "event" | "dayOff",
    #   "name": "travel" | "rehearsal" | "fitting" | ..., "date": "YYYY-MM-DD"}]
    events = models.JSONField(default=list, blank=True)
    # The element's deal, as far as the DOOD's paid days go: SAG-AFTRA pays a rehearsal day
    # as a day; fittings are usually paid by the hour (so not counted as days on the payroll).
    rehearsals_paid_as_days = models.BooleanField(
        "rehearsal days are paid as days",
        default=True,
        help_text=(
            "Counted in the DOOD's paid days. Untick when the deal pays rehearsals by the hour."
        ),
    )
    fittings_paid_as_days = models.BooleanField(
        "fitting days are paid as days",
        default=False,
        help_text="Tick when the deal pays a fitting as a whole day (usually fittings are paid by "
        "the hour and are not counted in the DOOD's paid days).",
    )
    linked = models.ManyToManyField("self", symmetrical=False, blank=True)
    # For cast: the performer on the cast list who plays the role (call sheets, DOOD names).
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="roles"
    )

    class Meta:
        ordering = ["category__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["production", "uss_id"], name="element_uss_id_unique")
        ]

    def __str__(self):
        return f"{self.board_id}. {self.name}" if self.board_id else self.name

    @property
    def label(self) -> str:
        return str(self)

    def event_dates(self, *names: str) -> set[date]:
        wanted = {n.lower() for n in names}
        out = set()
        for event in self.events:
            if str(event.get("name") or "").lower() in wanted:
                try:
                    out.add(date.fromisoformat(str(event.get("date"))[:10]))
                except ValueError:
                    continue
        return out

    def unavailable_dates(self) -> set[date]:
        out = self.event_dates("unavailable", "dayoff", "day off")
        for event in self.events:
            if event.get("type") == "dayOff":
                try:
                    out.add(date.fromisoformat(str(event.get("date"))[:10]))
                except ValueError:
                    continue
        return out


class Strip(models.Model):
    """One breakdown: a scene's strip, or a banner."""

    class Kind(models.TextChoices):
        SCENE = "scene", "Scene"
        BANNER = "banner", "Banner"

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="strips")
    uss_id = models.CharField(max_length=64, default=new_uss_id)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SCENE)
    # Script order: the order of the breakdown sheets.
    position = models.PositiveIntegerField(default=0)
    scene_number = models.CharField(max_length=20, blank=True)
    script_page = models.CharField(max_length=20, blank=True)
    eighths = models.PositiveIntegerField(null=True, blank=True)
    description = models.CharField("synopsis", max_length=500, blank=True)
    comments = models.TextField(blank=True)
    banner_text = models.CharField(max_length=300, blank=True)
    duration_minutes = models.PositiveIntegerField("estimated shooting time", null=True, blank=True)
    elements = models.ManyToManyField(Element, blank=True, related_name="strips")
    # The scene of the script version this strip was last seeded from (issue 3).
    scene = models.ForeignKey(
        "scripts.Scene", on_delete=models.SET_NULL, null=True, blank=True, related_name="strips"
    )
    omitted = models.BooleanField(default=False)
    # The speaking characters the script gave this scene when it was seeded: the cast a new
    # script version may take away again (cast added by hand are kept).
    seeded_cast = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["production", "uss_id"], name="strip_uss_id_unique")
        ]

    def __str__(self):
        if self.kind == self.Kind.BANNER:
            return self.banner_text or "Banner"
        return f"Sc. {self.scene_number}" if self.scene_number else f"Strip {self.pk}"

    @property
    def length(self) -> str:
        return format_eighths(self.eighths or 0) if self.eighths else ""


class Calendar(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="schedule_calendars"
    )
    uss_id = models.CharField(max_length=64, default=new_uss_id)
    name = models.CharField(max_length=200)
    start = models.DateField("first shoot day", null=True, blank=True)
    weekly_off = models.JSONField(default=list, blank=True)  # USS weekdays 0 Sunday .. 6 Saturday
    # [{"type": "dayOff" | "event", "name": "holiday" | "company move" | ..., "date": "YYYY-MM-DD"}]
    events = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["production", "uss_id"], name="calendar_uss_id_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def weekly_off_names(self) -> str:
        names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return ", ".join(names[d] for d in sorted(self.weekly_off, key=lambda d: (d + 6) % 7))

    def _dates(self, test) -> frozenset[date]:
        out = set()
        for event in self.events:
            if test(event):
                try:
                    out.add(date.fromisoformat(str(event.get("date"))[:10]))
                except ValueError:
                    continue
        return frozenset(out)

    def rules(self) -> CalendarRules:
        return CalendarRules(
            # No first shoot day yet: count from today where the production is.
            start=self.start or self.production.today(),
            weekly_off=frozenset(int(d) for d in self.weekly_off),
            days_off=self._dates(lambda e: e.get("type") == "dayOff"),
            holidays=self._dates(
                lambda e: e.get("type") == "event" and str(e.get("name")).lower() == "holiday"
            ),
        )

    def notes_by_date(self) -> dict[date, list[str]]:
        """Calendar events other than the start and days off (company moves, holidays...)."""
        out: dict[date, list[str]] = {}
        for event in self.events:
            if event.get("type") != "event":
                continue
            try:
                day = date.fromisoformat(str(event.get("date"))[:10])
            except ValueError:
                continue
            name = str(event.get("name") or "event")
            out.setdefault(day, []).append(name[:1].upper() + name[1:])
        return out


class Scenario(models.Model):
    """One stripboard: the strips ordered into shoot days, with its own calendar."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scenarios")
    uss_id = models.CharField(max_length=64, default=new_uss_id)
    name = models.CharField(max_length=200)
    calendar = models.ForeignKey(
        Calendar, on_delete=models.SET_NULL, null=True, blank=True, related_name="scenarios"
    )
    # board.Layout as JSON:
    # {"days": [[strip pk, ...], ...], "unscheduled": [...], "boneyard": [...]}
    layout = models.JSONField(default=dict, blank=True)
    # Bumped on every change so a board open in two tabs notices the other's moves.
    revision = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["production", "uss_id"], name="scenario_uss_id_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def board(self) -> Layout:
        data = self.layout or {}
        return Layout.of(
            data.get("days", []), data.get("unscheduled", []), data.get("boneyard", [])
        )


class StripChange(models.Model):
    """A script revision changed a scheduled scene's INT/EXT, day/night or cast: the board
    flags the strip until someone acknowledges it (who and when are kept)."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="strip_changes"
    )
    strip = models.ForeignKey(Strip, on_delete=models.CASCADE, related_name="changes")
    version = models.ForeignKey(
        "scripts.ScriptVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What changed, in words: ["D/N: DAY → NIGHT", "cast added: 4. CLARENCE"]
    changes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.strip}: {'; '.join(self.changes)}"


class ScheduleVersion(models.Model):
    """A published, frozen schedule: the scenario's board as it was (``board``, the shape of
    versiondiff.board_to_json) and the data its printed documents are made from
    (``documents``: {"schedule": ..., "dood": ... or None}), so an old version prints as it
    was. Numbered per production, apart from the script's revisions; coloured in the
    production's revision colour order."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="schedule_versions"
    )
    # A scenario with published versions is not deleted (services.scenario_delete).
    scenario = models.ForeignKey(Scenario, on_delete=models.RESTRICT, related_name="versions")
    number = models.PositiveIntegerField()
    colour = models.CharField(max_length=40)
    date = models.DateField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_by_label = models.CharField(max_length=200, blank=True)
    board = models.JSONField()
    documents = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "number"], name="schedule_version_number_unique"
            )
        ]

    def __str__(self):
        return f"Schedule v{self.number} ({self.colour})"

    @property
    def title(self) -> str:
        """ "White — Dec 04, 2026" for the first, "Blue revision — Dec 11, 2026" after."""
        kind = self.colour if self.number == 1 else f"{self.colour} revision"
        return f"{kind} — {self.date:%b %d, %Y}"
