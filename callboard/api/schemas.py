"""Shapes every endpoint shares: the error body and the error answers each may give."""

import re
from datetime import date, time
from typing import Annotated, Any

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, PlainSerializer, StringConstraints, WithJsonSchema


class ErrorOut(Schema):
    detail: Any  # a sentence, or {field: [messages]} for invalid input


# The answers any endpoint may give besides its own (declared so the schema is the contract).
ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
# A write's body that is not JSON gets 400; one over API_MAX_BODY, 413.
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 400: ErrorOut, 413: ErrorOut}


class BodyIn(BaseModel):
    """The base of every request body. Not ninja's Schema, which reads fields off any value as
    off an object: a body of ``[1, 2]`` or ``42`` would pass as an object with nothing set."""


def decimal_text(*, max_digits: int, decimal_places: int):
    """A decimal written as a string ("52.5000"), as the API answers them: a JSON number is a
    float, never money. The pattern is the contract (digits and places of the model field)."""
    whole = max_digits - decimal_places
    return Annotated[
        str, StringConstraints(pattern=rf"^\d{{1,{whole}}}(\.\d{{1,{decimal_places}}})?$")
    ]


def _calendar_date(value):
    # pydantic would read a number as seconds since 1970: a day is written 2027-03-01.
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    raise ValueError("a day written as YYYY-MM-DD, e.g. 2027-03-01")


# A day in input (query or body): only YYYY-MM-DD.
CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]

# A call time: the local wall-clock time on the sheet's day in the production's zone, "07:00"
# (JSON Schema's "time" format needs an offset, which a call time does not have).
WallClock = Annotated[
    time,
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
            "description": "Local wall-clock time (HH:MM) in the production's time zone.",
        }
    ),
]
