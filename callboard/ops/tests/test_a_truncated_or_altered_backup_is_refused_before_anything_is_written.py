import pytest
from django.core.management.base import CommandError

from callboard.ops.archive import CHUNK, HEADER_SIZE
from callboard.ops.tests.backups import backup, empty_installation, is_empty, restore, seed_show
from callboard.ops.tests.backups import use_backup_key as _use_key

pytestmark = pytest.mark.django_db(transaction=True)


def _chunk_ends(data: bytes) -> list[int]:
    ends, offset = [], HEADER_SIZE
    while offset < len(data):
        offset += 4 + int.from_bytes(data[offset : offset + 4], "big")
        ends.append(offset)
    return ends


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_truncated_or_altered_backup_is_refused_before_anything_is_written(
    settings, tmp_path, monkeypatch
):
    _use_key(monkeypatch)
    seed_show()
    good = backup(tmp_path / "show.cbk").read_bytes()
    ends = _chunk_ends(good)
    assert len(ends) >= 2 and ends[-1] == len(good)  # several chunks: cuts between them too
    empty_installation(settings, tmp_path / "elsewhere")
    damaged = {
        "without its last byte": good[:-1],
        "cut in half": good[: len(good) // 2],
        "cut after a whole chunk": good[: ends[0]],
        "cut before its last chunk": good[: ends[-2]],
        "only its header": good[:HEADER_SIZE],
        "empty": b"",
        "with a byte added": good + b"\x00",
        "with a byte changed in the first chunk": _flip(good, HEADER_SIZE + 100),
        "with a byte changed in the middle": _flip(good, len(good) // 2),
        "with its last byte changed": _flip(good, len(good) - 1),
        "with a chunk's length changed": _flip(good, ends[0] + 3),
        "with its chunks swapped": good[:HEADER_SIZE]
        + good[ends[0] : ends[1]]
        + good[HEADER_SIZE : ends[0]]
        + good[ends[1] :],
    }
    assert len(good) > CHUNK
    for what, data in damaged.items():
        path = tmp_path / "damaged.cbk"
        path.write_bytes(data)
        with pytest.raises(CommandError) as refused:
            restore(path)
        message = str(refused.value)
        assert "damaged" in message or "not a Callboard backup" in message, (what, message)
        assert is_empty(), what
        assert not any((tmp_path / "elsewhere").iterdir()), what
    restore(tmp_path / "show.cbk")  # the intact archive still restores
    assert not is_empty()
