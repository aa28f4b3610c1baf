import uuid
from dataclasses import dataclass

from django import forms

from callboard.core.params import id_param, text_param

from .models import CallSheet
from .queries import clock, parse_call, parse_clock, shown_clock, stored_call

TIME_FIELDS = ["crew_call", "shooting_call", "breakfast", "lunch", "second_meal", "est_wrap"]


class ClockField(forms.CharField):
    """A wall-clock time typed as 07:30 or 7:30 AM."""

    def prepare_value(self, value):
        return clock(value) if hasattr(value, "hour") else value

    def to_python(self, value):
        try:
            return parse_clock(super().to_python(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CallSheetForm(forms.ModelForm):
    walkies_text = forms.CharField(
        label="Walkie channels",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line: 1 Production",
    )
    department_notes_text = forms.CharField(
        label="Department notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: Props: the practical lamp for sc. 12",
    )
    background_text = forms.CharField(
        label="Background & stand-ins",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: count | description | call | notes — 12 | Pedestrians | 7:30 AM",
    )

    class Meta:
        model = CallSheet
        fields = [
            *TIME_FIELDS,
            "previous_wrap",
            "location_name",
            "set_address",
            "basecamp",
            "crew_parking",
            "latitude",
            "longitude",
            "hospital_name",
            "hospital_address",
            "hospital_phone",
            "weather_summary",
            "weather_high",
            "weather_low",
            "safety_notes",
            "safety_hotline",
            "notes",
        ]
        field_classes = dict.fromkeys(TIME_FIELDS, ClockField)
        widgets = {
            "set_address": forms.Textarea(attrs={"rows": 2}),
            "basecamp": forms.Textarea(attrs={"rows": 2}),
            "crew_parking": forms.Textarea(attrs={"rows": 2}),
            "safety_notes": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "previous_wrap": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {"previous_wrap": "Previous day's actual wrap"}
        help_texts = {
            "previous_wrap": "as recorded on the day, for turnaround; blank: the previous "
            "day's estimated wrap is used",
            "latitude": "for sunrise and sunset, e.g. 34.0407",
            "longitude": "e.g. -118.2468",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sheet = self.instance
        self.fields["crew_call"].required = True
        self.initial.setdefault(
            "walkies_text",
            "\n".join(f"{w.get('channel', '')} {w.get('use', '')}" for w in sheet.walkies),
        )
        self.initial.setdefault(
            "department_notes_text",
            "\n".join(
                f"{n.get('department', '')}: {n.get('note', '')}" for n in sheet.department_notes
            ),
        )
        self.initial.setdefault(
            "background_text",
            "\n".join(
                " | ".join(
                    [
                        b.get("count", ""),
                        b.get("description", ""),
                        shown_clock(b.get("call")),
                        b.get("notes", ""),
                    ]
                ).rstrip(" |")
                for b in sheet.background
            ),
        )

    def clean_latitude(self):
        value = self.cleaned_data["latitude"]
        if value is not None and not -90 <= value <= 90:
            raise forms.ValidationError("A latitude is between -90 and 90.")
        return value

    def clean_longitude(self):
        value = self.cleaned_data["longitude"]
        if value is not None and not -180 <= value <= 180:
            raise forms.ValidationError("A longitude is between -180 and 180.")
        return value

    def clean_walkies_text(self):
        walkies = []
        for line in _lines(self.cleaned_data["walkies_text"]):
            channel, _, use = line.partition(" ")
            walkies.append({"channel": channel[:10], "use": use.strip()[:80]})
        return walkies

    def clean_department_notes_text(self):
        notes, bad = [], []
        for number, line in enumerate(_lines(self.cleaned_data["department_notes_text"]), 1):
            department, sep, note = line.partition(":")
            if not sep or not note.strip():
                bad.append(f"line {number}: write Department: note")
                continue
            notes.append({"department": department.strip()[:80], "note": note.strip()[:500]})
        if bad:
            raise forms.ValidationError(bad)
        return notes

    def clean_background_text(self):
        rows, bad = [], []
        for number, line in enumerate(_lines(self.cleaned_data["background_text"]), 1):
            parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
            count, description, call, notes = parts[:4]
            if not description:
                bad.append(f"line {number}: say who (count | description | call | notes)")
                continue
            if count and not (count.isdigit() and 1 <= int(count) <= 9999):
                bad.append(f"line {number}: the count {count!r} is not a number from 1 to 9999")
                continue
            try:
                called = parse_clock(call)
            except ValueError as exc:
                bad.append(f"line {number}: {exc}")
                continue
            rows.append(
                {
                    "description": description[:120],
                    "count": count,
                    "call": called.strftime("%H:%M") if called else "",
                    "notes": notes[:200],
                }
            )
        if bad:
            raise forms.ValidationError(bad)
        return rows

    def sheet_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["walkies"] = self.cleaned_data["walkies_text"]
        data["department_notes"] = self.cleaned_data["department_notes_text"]
        data["background"] = self.cleaned_data["background_text"]
        return data


def calls_from_post(post, prefix: str, names: dict[int, str]) -> tuple[dict[str, str], list[str]]:
    """{"<pk>": "HH:MM" or a word such as O/C, as typed} from inputs named <prefix><pk> (pks in
    ``names``, which say whose call each is for the error messages); blank inputs are left
    out."""
    calls, bad = {}, []
    for key, value in post.items():
        if not key.startswith(prefix):
            continue
        pk = key[len(prefix) :]
        if not pk.isdigit() or int(pk) not in names or not value.strip():
            continue
        try:
            calls[pk] = stored_call(parse_call(value))
        except ValueError as exc:
            bad.append(f"{names[int(pk)]}: {exc}")
    return calls, bad


def cast_calls_from_post(post, cast) -> tuple[dict[str, dict], list[str]]:
    """{"<element pk>": {pickup, makeup, on_set, status, remarks, release}} from the cast rows'
    inputs (cast_<pk>_<part>); a status equal to the DOOD's is not stored; blank parts are left
    out. Bad times are named with the character in the list of problems."""
    calls, bad = {}, []
    for row in cast:
        pk = row.element.pk
        entry = {}
        for part in ("pickup", "makeup", "on_set"):
            value = post.get(f"cast_{pk}_{part}", "").strip()
            if value:
                try:
                    entry[part] = stored_call(parse_call(value))
                except ValueError as exc:
                    bad.append(f"{row.element.name}: {exc}")
        status = text_param(post.get(f"cast_{pk}_status"), limit=4).upper()
        if status and status != row.dood_code:
            entry["status"] = status
        remarks = text_param(post.get(f"cast_{pk}_remarks"), limit=200)
        if remarks:
            entry["remarks"] = remarks
        release = post.get(f"cast_{pk}_release", "").strip()
        if release:
            try:
                entry["release"] = parse_clock(release).strftime("%H:%M")
            except ValueError as exc:
                bad.append(f"{row.element.name} release: {exc}")
        if entry:
            calls[str(pk)] = entry
    return calls, bad


def sheet_calls_from_post(post, view) -> tuple[dict[str, dict], list[str]]:
    """Everyone's calls typed on the sheet: ({person_calls, department_calls, cast_calls},
    problems), each problem naming whose call it is."""
    crew = {
        row.person.pk: row.person.display_name
        for _, rows in [*view.crew, (None, view.ended)]
        for row in rows
    }
    departments = {d.pk: f"{d.name} call" for d, _ in view.crew if d is not None}
    person_calls, bad_people = calls_from_post(post, "person_", crew)
    department_calls, bad_departments = calls_from_post(post, "dept_", departments)
    cast_calls, bad_cast = cast_calls_from_post(post, view.cast)
    calls = {
        "person_calls": person_calls,
        "department_calls": department_calls,
        "cast_calls": cast_calls,
    }
    return calls, bad_people + bad_departments + bad_cast


def prefixed(post, prefix: str, limit: int) -> dict[str, str]:
    """{name: text} from inputs named <prefix><name> (a publish reason per kind of check, the
    fingerprint of the checks read)."""
    return {
        key[len(prefix) :]: text_param(value, limit=limit)
        for key, value in post.items()
        if key.startswith(prefix)
    }


@dataclass
class NewSheet:
    scenario: int | None
    day: int


def new_sheet(post) -> NewSheet:
    return NewSheet(scenario=id_param(post.get("scenario")), day=id_param(post.get("day")) or 0)


@dataclass
class SendChoice:
    """What the send page posts: the groups ticked (ids), whom to tell of confirmations, the
    send's key (a double-click posts the same one) and the note for the message."""

    groups: set[str]
    notify: int | None
    key: str
    message: str


def send_choice(post) -> SendChoice:
    return SendChoice(
        groups=set(post.getlist("group")),
        notify=id_param(post.get("notify")),
        key=text_param(post.get("send_key"), limit=60) or uuid.uuid4().hex,
        message=text_param(post.get("message"), limit=1000),
    )


@dataclass
class WhoHasItFilters:
    status: str
    department: str

    def query(self) -> dict[str, str]:
        """The filters set, as a query string's fields."""
        return {k: v for k, v in (("status", self.status), ("department", self.department)) if v}


def who_has_it_filters(params, department_limit: int = 20) -> WhoHasItFilters:
    """The who-has-it page's filters from its query string or a post."""
    return WhoHasItFilters(
        status=text_param(params.get("status"), limit=40),
        department=text_param(params.get("department"), limit=department_limit),
    )


SETTLE_CHOICES = ("sent", "again")


def settle_choice(post) -> bool | None:
    """A copy in doubt: True when it arrived ("sent"), False to send again, None if neither."""
    settle = post.get("settle")
    return None if settle not in SETTLE_CHOICES else settle == "sent"


def confirmations_choice(post) -> tuple[str, str]:
    """(how confirmations are heard of, the page to go back to: "send" or the status page)."""
    return text_param(post.get("confirmations"), limit=10), text_param(post.get("next"), 10)
