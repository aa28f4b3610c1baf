"""Orders the board and the breakdown use, framework-free (no Django import): board IDs in
number order, the next free cast number, and the keys the board's Sort sorts strips by."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .board import scene_key


class _Element(Protocol):
    board_id: str


def natural_id(board_id: str):
    """Sort key: board IDs in number order (2 before 10), other IDs after."""
    return (0, int(board_id), "") if board_id.isdigit() else (1, 0, board_id)


def next_board_id(elements: list[_Element]) -> int:
    numbers = [int(e.board_id) for e in elements if e.board_id.isdigit()]
    return max(numbers, default=0) + 1


def norm_ie(value: str) -> str:
    return value.upper().replace(".", "").strip()


SORTS = {
    "scene": "scene number",
    "set": "set",
    "int_ext": "INT/EXT",
    "dn": "day/night",
    "location": "location",
    "cast": "cast",
}


def ie_rank(value: str) -> int:
    ie = norm_ie(value)
    if ie.startswith(("I/E", "INT/EXT", "E/I")):
        return 1
    if ie.startswith("INT"):
        return 0
    if ie.startswith(("EXT", "EST")):
        return 2
    return 3


def sort_key(by: str, infos: dict) -> Callable[[int], tuple]:
    def text(value: str) -> tuple:
        value = value.strip().upper()
        return (0, value) if value else (1, "")  # blanks last

    def key(pk: int) -> tuple:
        info = infos.get(pk)
        if info is None:
            return ((2,),)
        scene = scene_key(info.scene)
        if by == "scene":
            return (scene,)
        if by == "set":
            return (text(info.set_name), scene)
        if by == "int_ext":
            return (ie_rank(info.int_ext), text(info.set_name), scene)
        if by == "dn":
            rank = {"D": 0, "N": 1}.get(info.dn_letter, 2)
            return (rank, text(info.set_name), scene)
        if by == "location":
            return (text(info.location), text(info.set_name), scene)
        # cast: strips with the lead first, then by the next cast member...; no cast last.
        ids = tuple(natural_id(i) for i in info.cast_ids)
        return (0 if ids else 1, ids, scene)

    return key
