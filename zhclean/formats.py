"""Reading text files and writing output atomically.

>>> decode_bytes("长江".encode("utf-8"), source="demo.txt")
'长江'
>>> decode_bytes(b"\\xe9\\x95\\xbf\\xff", source="demo.txt")
Traceback (most recent call last):
...
zhclean.formats.DecodeError: demo.txt: byte 3: cannot decode as utf-8 (invalid start byte)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["DecodeError", "atomic_write", "decode_bytes", "read_text"]


class DecodeError(ValueError):
    """Bytes that do not decode, with the file name and byte offset."""

    def __init__(self, source: str, offset: int, encoding: str, why: str) -> None:
        self.source = source
        self.offset = offset
        self.encoding = encoding
        self.why = why
        super().__init__(f"{source}: byte {offset}: cannot decode as {encoding} ({why})")


def decode_bytes(data: bytes, *, source: str = "<bytes>", encoding: str = "utf-8") -> str:
    """Decode ``data`` strictly; a UTF-8 byte-order mark is dropped."""
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        base = 3
    else:
        base = 0
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(source, base + error.start, encoding, error.reason) from None


def read_text(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> str:
    """Read and decode a whole file, with a clear error naming the file."""
    return decode_bytes(Path(path).read_bytes(), source=os.fspath(path), encoding=encoding)


def atomic_write(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one.

    The text goes to a temporary file in the same directory, which is flushed,
    synced and renamed over ``path``; on any error the temporary file is removed
    and ``path`` is untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
