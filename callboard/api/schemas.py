"""Shapes every endpoint shares: the error body and the error answers each may give."""

from typing import Any

from ninja import Schema


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
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 413: ErrorOut}
