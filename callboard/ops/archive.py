"""Backup archives, framework-free: a tar stream of members (the database as JSON, the stored
files) ending with ``manifest.json``, which holds each member's size and SHA-256; the whole
stream encrypted and authenticated in chunks, so neither the writer nor the reader ever holds
the archive in memory.

Encryption is AES-256-GCM in the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár
2015): every chunk's nonce carries its number and whether it is the last, so a changed,
dropped, reordered or cut-off chunk — any altered or missing byte — fails to open. The key
for one archive is derived (HKDF-SHA256, a random salt per archive) from the operator's
BACKUP_KEY, 32 bytes in URL-safe base64 (``new_key()``; a Fernet key has the same form). A
short key check in the header tells a wrong key from a damaged file.

Layout: header = MAGIC (8) | version (1) | salt (16) | nonce prefix (7) | key check (16);
then chunks, each = ciphertext length (4, big-endian) | ciphertext with its 16-byte tag.
The header is every chunk's associated data.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import json
import os
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"CBBACKUP"
VERSION = 1
CHUNK = 1024 * 1024
TAG = 16
HEADER_SIZE = len(MAGIC) + 1 + 16 + 7 + 16
MANIFEST = "manifest.json"
FORMAT = "callboard-backup"
DAMAGED = (
    "The backup is damaged: it was altered or cut short (every byte is checked), so nothing "
    "was restored."
)


class ArchiveError(Exception):
    """The archive cannot be written or read; the message says why, for an operator."""


def new_key() -> str:
    """A fresh BACKUP_KEY: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def parse_key(text: str | None) -> bytes:
    """The 32 bytes of a BACKUP_KEY, or ArchiveError saying what is wrong with it."""
    if not text or not text.strip():
        raise ArchiveError(
            "BACKUP_KEY is not set. Backups hold ID scans and private data, so they are "
            "encrypted: set BACKUP_KEY to a key made with `manage.py backup --new-key` and keep "
            "it apart from the backups (without it they cannot be restored)."
        )
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise ArchiveError(
            "BACKUP_KEY is not a valid key: it must be 32 bytes in URL-safe base64 (44 "
            "characters), as `manage.py backup --new-key` prints."
        )
    return key


def _derive(key: bytes, salt: bytes) -> tuple[bytes, bytes]:
    okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=salt, info=b"callboard-backup-v1").derive(
        key
    )
    return okm[:32], okm[32:]


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class SealedWriter(io.RawIOBase):
    """Encrypts what is written to it onto ``raw``, chunk by chunk; ``close`` seals the end
    (without it the archive reads as cut short)."""

    def __init__(self, raw: BinaryIO, key: bytes):
        salt, self._prefix = os.urandom(16), os.urandom(7)
        enc_key, check_key = _derive(key, salt)
        head = MAGIC + bytes([VERSION]) + salt + self._prefix
        self._header = head + hmac.new(check_key, head, hashlib.sha256).digest()[:16]
        self._aead = AESGCM(enc_key)
        self._raw = raw
        self._buffer = bytearray()
        self._counter = 0
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        if self._counter >= 2**32 - 1:
            raise ArchiveError("The backup is too large for one archive (4 PiB).")
        nonce = _nonce(self._prefix, self._counter, last)
        sealed = self._aead.encrypt(nonce, plain, self._header)
        self._raw.write(len(sealed).to_bytes(4, "big") + sealed)
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class SealedReader(io.RawIOBase):
    """Decrypts an archive made by SealedWriter; any damage raises ArchiveError (DAMAGED),
    a wrong key says so."""

    def __init__(self, raw: BinaryIO, key: bytes):
        header = _read_exactly(raw, HEADER_SIZE)
        if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
            raise ArchiveError("This file is not a Callboard backup (or its start is missing).")
        if header[len(MAGIC)] != VERSION:
            raise ArchiveError(
                f"This backup is in format version {header[len(MAGIC)]}; this Callboard reads "
                f"version {VERSION}."
            )
        salt = header[9:25]
        self._prefix = header[25:32]
        enc_key, check_key = _derive(key, salt)
        expected = hmac.new(check_key, header[:32], hashlib.sha256).digest()[:16]
        if not hmac.compare_digest(expected, header[32:]):
            raise ArchiveError(
                "BACKUP_KEY is not the key this backup was made with (or the file's first "
                "bytes were altered): nothing was restored."
            )
        self._header = header
        self._aead = AESGCM(enc_key)
        self._raw = raw
        self._counter = 0
        self._plain = b""
        self._offset = 0
        self._done = False
        self._next_length = self._read_length()

    def readable(self) -> bool:
        return True

    def _read_length(self) -> int | None:
        head = _read_exactly(self._raw, 4)
        if not head:
            return None
        if len(head) < 4:
            raise ArchiveError(DAMAGED)
        return int.from_bytes(head, "big")

    def _next_chunk(self) -> bool:
        if self._done:
            return False
        length = self._next_length
        if length is None:
            raise ArchiveError(DAMAGED)  # the sealed end is missing
        if not TAG <= length <= CHUNK + TAG:
            raise ArchiveError(DAMAGED)
        sealed = _read_exactly(self._raw, length)
        if len(sealed) < length:
            raise ArchiveError(DAMAGED)
        self._next_length = self._read_length()
        last = self._next_length is None
        try:
            self._plain = self._aead.decrypt(
                _nonce(self._prefix, self._counter, last), sealed, self._header
            )
        except InvalidTag as exc:
            raise ArchiveError(DAMAGED) from exc
        self._offset = 0
        self._counter += 1
        self._done = last
        return True

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while size < 0 or len(out) < size:
            if self._offset >= len(self._plain) and not self._next_chunk():
                break
            want = len(self._plain) - self._offset
            if size >= 0:
                want = min(want, size - len(out))
            out += self._plain[self._offset : self._offset + want]
            self._offset += want
        return bytes(out)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_exactly(raw: BinaryIO, size: int) -> bytes:
    parts, got = [], 0
    while got < size:
        part = raw.read(size - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


class _Hashing(io.RawIOBase):
    """Reads through to ``source``, keeping the SHA-256 and count of what passed."""

    def __init__(self, source: BinaryIO):
        self._source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str


class ArchiveWriter:
    """Writes members to an encrypted archive; ``finish`` adds the manifest and seals it."""

    def __init__(self, out: BinaryIO, key: bytes):
        self._sealed = SealedWriter(out, key)
        self._tar = tarfile.open(  # noqa: SIM115 - closed by finish()
            fileobj=self._sealed, mode="w|", format=tarfile.PAX_FORMAT
        )
        self.members: list[Member] = []
        self._names: set[str] = set()

    def _info(self, name: str, size: int) -> tarfile.TarInfo:
        if name == MANIFEST or name in self._names:
            raise ArchiveError(f"Two members of the backup would be named {name}.")
        self._names.add(name)
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, int(time.time())
        return info

    def add_bytes(self, name: str, data: bytes) -> Member:
        self._tar.addfile(self._info(name, len(data)), io.BytesIO(data))
        member = Member(name, len(data), hashlib.sha256(data).hexdigest())
        self.members.append(member)
        return member

    def add_stream(self, name: str, source: BinaryIO, size: int) -> Member:
        """``size`` bytes read from ``source`` (a file shorter than it says is an error)."""
        hashing = _Hashing(source)
        try:
            self._tar.addfile(self._info(name, size), hashing)
        except OSError as exc:
            raise ArchiveError(f"{name} changed while it was being backed up: {exc}") from exc
        member = Member(name, hashing.size, hashing.sha256.hexdigest())
        self.members.append(member)
        return member

    def finish(self, fields: dict) -> dict:
        """Write the manifest (``fields`` plus every member's name, size and SHA-256) last,
        and seal the archive. Returns the manifest."""
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            **fields,
            "members": [m.__dict__ for m in self.members],
        }
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        self._sealed.close()
        return manifest


class _MemberReader(io.RawIOBase):
    """One member's bytes as they are read, not seekable (storages then stream it)."""

    def __init__(self, hashing: _Hashing):
        self._hashing = hashing

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._hashing.read(size)

    def readinto(self, buffer) -> int:
        return self._hashing.readinto(buffer)


def _members(source: BinaryIO, key: bytes) -> Iterator[tuple[tarfile.TarInfo, _Hashing]]:
    sealed = SealedReader(source, key)
    try:
        with tarfile.open(fileobj=sealed, mode="r|") as tar:
            for info in tar:
                if not info.isfile():
                    raise ArchiveError(
                        f"The backup holds something that is not a file: {info.name}"
                    )
                yield info, _Hashing(tar.extractfile(info))
        # The tar's end is followed by padding to its record size: read it all, so a cut
        # there is found as well.
        while sealed.read(CHUNK):
            pass
    except tarfile.TarError as exc:
        raise ArchiveError(DAMAGED) from exc


def verify(source: BinaryIO, key: bytes) -> dict:
    """Read the whole archive, check every member against the manifest and return it.
    Raises ArchiveError (nothing else) when anything is wrong; reads, never writes."""
    seen: list[Member] = []
    manifest = None
    for info, hashing in _members(source, key):
        if manifest is not None:
            raise ArchiveError(DAMAGED)  # something after the manifest
        if info.name == MANIFEST:
            data = hashing.read()
            try:
                manifest = json.loads(data)
            except ValueError as exc:
                raise ArchiveError(DAMAGED) from exc
            continue
        while hashing.read(CHUNK):
            pass
        seen.append(Member(info.name, hashing.size, hashing.sha256.hexdigest()))
    if manifest is None:
        raise ArchiveError(DAMAGED)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("This file is not a Callboard backup (its manifest is not one).")
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            f"This backup is in format version {manifest.get('version')}; this Callboard reads "
            f"version {VERSION}."
        )
    try:
        listed = [Member(m["name"], m["size"], m["sha256"]) for m in manifest["members"]]
    except (KeyError, TypeError) as exc:
        raise ArchiveError("This backup's manifest cannot be read by this Callboard.") from exc
    if listed != seen:
        raise ArchiveError(
            "The backup's contents do not match its manifest (a member is missing, extra or "
            "has a different SHA-256): nothing was restored."
        )
    return manifest


def read_members(source: BinaryIO, key: bytes, manifest: dict) -> Iterator[tuple[str, BinaryIO]]:
    """The members of an archive ``verify`` accepted, in order, each as a stream to read to
    its end before the next; each is checked against ``manifest`` again as it ends (the file
    could have changed since), raising ArchiveError."""
    listed = iter(manifest["members"])
    for info, hashing in _members(source, key):
        if info.name == MANIFEST:
            hashing.read()
            if next(listed, None) is not None:
                raise ArchiveError(DAMAGED)
            continue
        expected = next(listed, None)
        if expected is None or expected["name"] != info.name:
            raise ArchiveError(DAMAGED)
        yield info.name, _MemberReader(hashing)
        while hashing.read(CHUNK):
            pass
        if (hashing.size, hashing.sha256.hexdigest()) != (expected["size"], expected["sha256"]):
            raise ArchiveError(DAMAGED)
