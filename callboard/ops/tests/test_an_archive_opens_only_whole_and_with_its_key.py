"""The archive format on its own (no database): what goes in comes out, and any cut or
changed byte is refused."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callboard.ops import archive
from callboard.ops.archive import ArchiveError, ArchiveWriter, new_key, parse_key, read_members

KEY = parse_key(new_key())
members = st.dictionaries(
    st.text("abcdefghijklmnopqrstuvwxyz/._-", min_size=1, max_size=120).filter(
        lambda n: n != archive.MANIFEST and not n.startswith("/") and "//" not in n
    ),
    st.binary(max_size=3000),
    max_size=5,
)


def _write(contents: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    writer = ArchiveWriter(out, KEY)
    for name, data in contents.items():
        writer.add_stream(name, io.BytesIO(data), len(data))
    writer.finish({"scope": {"kind": "test"}})
    return out.getvalue()


def _read(data: bytes) -> dict[str, bytes]:
    manifest = archive.verify(io.BytesIO(data), KEY)
    return {name: s.read() for name, s in read_members(io.BytesIO(data), KEY, manifest)}


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    monkeypatch.setattr(archive, "CHUNK", 1024)  # several chunks from a few kilobytes


@settings(max_examples=40, deadline=None)
@given(contents=members, cut=st.floats(0, 1, exclude_max=True), flip=st.integers(0, 2**32))
def test_what_goes_in_comes_out_and_any_cut_or_changed_byte_is_refused(contents, cut, flip):
    data = _write(contents)
    assert _read(data) == contents
    with pytest.raises(ArchiveError):
        archive.verify(io.BytesIO(data[: int(len(data) * cut)]), KEY)
    at = flip % len(data)
    changed = data[:at] + bytes([data[at] ^ (1 + flip % 255)]) + data[at + 1 :]
    with pytest.raises(ArchiveError):
        archive.verify(io.BytesIO(changed), KEY)


def test_another_key_is_told_apart_from_damage():
    data = _write({"a": b"x" * 5000})
    with pytest.raises(ArchiveError, match="not the key"):
        archive.verify(io.BytesIO(data), parse_key(new_key()))
    with pytest.raises(ArchiveError, match="not a Callboard backup"):
        archive.verify(io.BytesIO(b"PK\x03\x04" + data[4:]), KEY)


def test_a_key_that_is_missing_or_not_32_bytes_is_refused_with_how_to_make_one():
    for text in (None, "", "  "):
        with pytest.raises(ArchiveError, match="BACKUP_KEY is not set.*--new-key"):
            parse_key(text)
    for text in ("short", "!" * 44, new_key()[:-4]):
        with pytest.raises(ArchiveError, match="not a valid key"):
            parse_key(text)


def test_a_manifest_that_does_not_match_the_members_is_refused(monkeypatch):
    """A writer bug or a crafted archive under the right key: the hashes still decide."""
    real = ArchiveWriter.finish

    def lying_finish(self, fields):
        self.members[0] = archive.Member(self.members[0].name, 3, "0" * 64)
        return real(self, fields)

    monkeypatch.setattr(ArchiveWriter, "finish", lying_finish)
    with pytest.raises(ArchiveError, match="do not match its manifest"):
        archive.verify(io.BytesIO(_write({"a": b"abc"})), KEY)
