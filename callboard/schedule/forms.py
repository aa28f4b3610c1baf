from datetime import date

from django import forms

from callboard.core.eighths import parse_eighths
from callboard.people.forms import RecipientsForm

from .models import Calendar, Scenario, Strip

WEEKDAYS = [
    (1, "Mon"),
    (2, "Tue"),
    (3, "Wed"),
    (4, "Thu"),
    (5, "Fri"),
    (6, "Sat"),
    (0, "Sun"),
]
ELEMENT_EVENTS = ("travel", "rehearsal", "fitting", "unavailable")
MAX_SCENE_EIGHTHS = 99 * 8
FIRST_YEAR, LAST_YEAR = 1900, 2200


class UssImportForm(forms.Form):
    file = forms.FileField(
        label="USS file", help_text="Universal Schedule Standard 1.0 (.uss or .json)"
    )
    replace = forms.BooleanField(
        required=False,
        label="Replace the current breakdown, scenarios and calendars",
    )


SHOOT_DATES = "shoot-dates"


class ScenarioForm(forms.Form):
    """A new scenario. Its calendar is, by default, built from the production's shoot dates
    (production settings); or an existing calendar; or none."""

    name = forms.CharField(max_length=200)
    calendar = forms.ChoiceField(required=False)
    copy_of = forms.ModelChoiceField(
        queryset=Scenario.objects.none(),
        required=False,
        label="Start from",
        empty_label="Script order (nothing scheduled)",
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.production = production
        self.calendars = {str(c.pk): c for c in Calendar.objects.filter(production=production)}
        choices = []
        if production.shoot_start:
            end = f" – {production.shoot_end:%a %b %-d, %Y}" if production.shoot_end else ""
            choices.append(
                (SHOOT_DATES, f"Shoot dates: {production.shoot_start:%a %b %-d, %Y}{end}, Mon–Fri")
            )
            self.fields["calendar"].initial = SHOOT_DATES
            self.fields[
                "calendar"
            ].help_text = (
                "From the production settings; weekends off. Add holidays on the calendar's page."
            )
        else:
            self.fields["calendar"].help_text = (
                "Set the prep, shoot and wrap dates in the production settings to build the "
                "calendar from the shoot dates."
            )
        choices += [(pk, str(c)) for pk, c in self.calendars.items()]
        choices.append(("", "— none (days without dates) —"))
        self.fields["calendar"].choices = choices
        self.fields["copy_of"].queryset = Scenario.objects.filter(production=production)

    def clean_calendar(self):
        value = self.cleaned_data["calendar"]
        if value == SHOOT_DATES or not value:
            return value or None
        return self.calendars[value]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Scenario.objects.filter(production=self.production, name__iexact=name).exists():
            raise forms.ValidationError(f'There is already a scenario called "{name}".')
        return name


class StripForm(forms.ModelForm):
    pages = forms.CharField(
        max_length=12, required=False, help_text="in eighths, e.g. 1 3/8", label="Pages"
    )

    class Meta:
        model = Strip
        fields = ["scene_number", "script_page", "description", "comments", "duration_minutes"]
        labels = {"duration_minutes": "Estimated time (minutes)"}
        help_texts = {"duration_minutes": "up to 24 hours (1440)"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "comments": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        if minutes is not None and minutes > 24 * 60:
            raise forms.ValidationError("Estimate a scene's shooting time in minutes, up to 1440.")
        return minutes

    def clean_pages(self):
        text = self.cleaned_data["pages"].strip()
        if not text:
            return None
        try:
            eighths = parse_eighths(text)
        except ValueError as exc:
            raise forms.ValidationError(
                "Write pages in eighths: 3/8, 1, or 2 6/8 (the eighths part below 8)."
            ) from exc
        if eighths > MAX_SCENE_EIGHTHS:
            raise forms.ValidationError("A scene of more than 99 pages? Check the page count.")
        return eighths

    def strip_fields(self) -> dict:
        """The sheet's fields as services.strip_update takes them (pages as eighths)."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["eighths"] = self.cleaned_data["pages"]
        return fields


def _parse_event_lines(text: str, allowed: tuple[str, ...] | None) -> list[dict]:
    """Lines "YYYY-MM-DD what" into events; a ValidationError names every bad line."""
    events, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        day_text, _, what = line.partition(" ")
        what = " ".join(what.split()).lower() if allowed else " ".join(what.split())
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            bad.append(f"line {number}: {day_text!r} is not a date (write 2026-03-02)")
            continue
        if not what:
            bad.append(f"line {number}: say what happens on {day_text}")
            continue
        if allowed and what not in allowed:
            bad.append(f"line {number}: {what!r} is not one of {', '.join(allowed)}")
            continue
        if allowed and what == "unavailable":
            events.append({"type": "dayOff", "name": "unavailable", "date": day.isoformat()})
        elif not allowed and what.lower() in ("day off", "dayoff", "off"):
            events.append({"type": "dayOff", "name": "day off", "date": day.isoformat()})
        else:
            events.append({"type": "event", "name": what, "date": day.isoformat()})
    if bad:
        raise forms.ValidationError(bad)
    return events


def _event_lines(events: list[dict], day_off_word: str) -> str:
    """Events as the lines the form reads back; a USS "dayOff" event reads as ``day_off_word``."""
    return "\n".join(
        f"{e.get('date', '')} {day_off_word if e.get('type') == 'dayOff' else e.get('name')}"
        for e in events
    )


def _weekdays_field() -> forms.TypedMultipleChoiceField:
    """Weekly days off, ticked (USS weekdays: 0 = Sunday)."""
    return forms.TypedMultipleChoiceField(
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Weekly days off",
    )


class ElementForm(forms.Form):
    name = forms.CharField(max_length=200)
    board_id = forms.CharField(max_length=20, required=False, label="Board ID")
    in_dood = forms.BooleanField(required=False, label="In the Day Out of Days")
    allow_holds = forms.BooleanField(required=False, label="Holds allowed")
    allow_drops = forms.BooleanField(required=False, label="Drops allowed")
    drop_days = forms.IntegerField(
        min_value=0, max_value=365, label="Drop only when the gap is more than (days)"
    )
    days_off = _weekdays_field()
    events = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line: 2026-03-02 travel · rehearsal · fitting · unavailable",
    )
    rehearsals_paid_as_days = forms.BooleanField(
        required=False,
        label="The deal pays rehearsal days as days",
        help_text="Counted in the DOOD's paid days (SAG-AFTRA pays a rehearsal day as a day).",
    )
    fittings_paid_as_days = forms.BooleanField(
        required=False,
        label="The deal pays fitting days as days",
        help_text="Leave unticked when fittings are paid by the hour: they then show in the "
        "DOOD's Fitting column but not in its paid days.",
    )

    def __init__(self, *args, element, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": element.name,
                "board_id": element.board_id,
                "in_dood": element.in_dood is not False,
                "allow_holds": element.allow_holds is not False,
                "allow_drops": element.allow_drops is not False,
                "drop_days": 10 if element.drop_days is None else element.drop_days,
                "days_off": element.days_off,
                "events": _event_lines(element.events, "unavailable"),
                "rehearsals_paid_as_days": element.rehearsals_paid_as_days,
                "fittings_paid_as_days": element.fittings_paid_as_days,
            },
        )
        super().__init__(*args, **kwargs)
        self.element = element

    def clean_board_id(self):
        board_id = self.cleaned_data["board_id"].strip()
        if board_id and self.element.category_id:
            taken = (
                type(self.element)
                .objects.filter(category_id=self.element.category_id, board_id=board_id)
                .exclude(pk=self.element.pk)
                .first()
            )
            if taken is not None:
                raise forms.ValidationError(f"{taken} already has board ID {board_id}.")
        return board_id

    def clean_events(self):
        return _parse_event_lines(self.cleaned_data["events"], ELEMENT_EVENTS)

    def element_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["days_off"] = sorted(set(data["days_off"]))
        return data


class CalendarForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    start = forms.DateField(label="First shoot day", widget=forms.DateInput(attrs={"type": "date"}))
    weekly_off = _weekdays_field()
    events = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "One per line: 2026-09-07 holiday · 2026-09-14 day off · "
            "2026-09-21 company move to Stage 5"
        ),
    )

    def __init__(self, *args, calendar: Calendar | None, **kwargs):
        if calendar is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": calendar.name,
                    "start": calendar.start,
                    "weekly_off": calendar.weekly_off,
                    "events": _event_lines(calendar.events, "day off"),
                },
            )
        else:
            kwargs.setdefault("initial", {"weekly_off": [0, 6]})
        super().__init__(*args, **kwargs)

    def clean_start(self):
        start = self.cleaned_data["start"]
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            raise forms.ValidationError(f"Choose a date between {FIRST_YEAR} and {LAST_YEAR}.")
        return start

    def clean_events(self):
        return _parse_event_lines(self.cleaned_data["events"], None)

    def calendar_fields(self) -> dict:
        return dict(self.cleaned_data)


class VersionSendForm(RecipientsForm):
    """Who a schedule version goes to: distribution groups and people."""

    SENDS = "the schedule"

    message = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
