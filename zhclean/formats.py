"""Reading text in the encodings Chinese files come in, JSONL records, atomic writing.

Chinese text files arrive as UTF-8 (with or without a byte-order mark), GB18030 and
its subsets GBK/GB2312, Big5, and UTF-16 with a byte-order mark. ``encoding="auto"``
decides from the bytes: a byte-order mark first, then valid UTF-8, then whichever of
GB18030 and Big5 decodes into the more plausible Chinese text (see
:mod:`zhclean.tables.formats`); charset-normalizer, when installed, is asked only if
none of those decodes.

>>> decode_bytes("长江".encode("utf-8"), source="demo.txt")
'长江'
>>> decode_bytes("長江經濟帶".encode("big5"), source="demo.txt", encoding="auto")
'長江經濟帶'
>>> detect_encoding("习近平主持召开进一步推动长江经济带高质量发展座谈会".encode("gb18030")).encoding
'gb18030'
>>> decode_bytes(b"\\xe9\\x95\\xbf\\xff", source="demo.txt")
Traceback (most recent call last):
...
zhclean.formats.DecodeError: demo.txt: byte 3: cannot decode as utf-8 (invalid start byte)
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

__all__ = [
    "DEFAULT_READ_SIZE",
    "AtomicFile",
    "BadRecord",
    "DecodeError",
    "Detection",
    "TextStream",
    "atomic_write",
    "codec_name",
    "decode_bytes",
    "detect_encoding",
    "dump_record",
    "parse_record",
    "read_text",
]

Errors = Literal["strict", "replace"]

#: Bytes read per call when streaming a file.
DEFAULT_READ_SIZE = 1 << 20

# Detection judges at most this much of a file; a whole file is not needed to tell
# GB18030 from Big5, and a bounded sample keeps detection O(1) on huge inputs.
_SAMPLE = 1 << 20
_SCORE_SAMPLE = 1 << 16
_MULTIBYTE = (
    "utf",
    "gb",
    "hz",
    "big5",
    "cp950",
    "cp936",
    "shift_jis",
    "cp932",
    "euc",
    "cp949",
    "iso2022",
)
# A file whose UTF-8 decoding fails on at most this share of its non-ASCII bytes is
# damaged UTF-8 (report the offset), not another encoding.
_DAMAGED_UTF8 = 0.005


#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark),
#: with the codec that reads the bytes after them.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """Bytes that do not decode, with the file name and byte offset."""

    def __init__(self, source: str, offset: int, encoding: str, why: str) -> None:
        self.source = source
        self.offset = offset
        self.encoding = encoding
        self.why = why
        super().__init__(f"{source}: byte {offset}: cannot decode as {encoding} ({why})")


class BadRecord(ValueError):
    """A JSONL line that is not a JSON object with a usable text field."""

    def __init__(self, source: str, line: int, why: str) -> None:
        self.source = source
        self.line = line
        self.why = why
        super().__init__(f"{source}: line {line}: {why}")


class Detection(NamedTuple):
    """What :func:`detect_encoding` chose: the codec, the BOM length to skip, and why."""

    encoding: str
    bom: int
    reason: str


def codec_name(name: str) -> str:
    """Python's canonical name for an encoding, or ``ValueError`` naming the bad one.

    >>> codec_name("GBK"), codec_name("utf8"), codec_name("big5")
    ('gbk', 'utf-8', 'big5')
    """
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None


def _boundary(data: bytes, encoding: str) -> int:
    """An index ≤ ``len(data)`` that no multi-byte character straddles.

    In UTF-8, GB18030, GBK and Big5 every byte below 0x30 stands alone (trail bytes are
    0x30 or more), so the position after the last such byte (a newline, a space, ASCII
    punctuation) is a character boundary without decoding anything.
    """
    if encoding.startswith(("utf-16", "utf-32")):
        unit = 4 if encoding.startswith("utf-32") else 2
        end = len(data) - len(data) % unit
        if unit == 2 and end >= 2:
            last = data[end - 2 : end]
            high = last[1] if encoding.endswith("le") else last[0]
            if 0xD8 <= high <= 0xDB:  # a high surrogate waits for its low half
                end -= 2
        return end
    cut = data.rfind(b"\n")
    if cut < 0:
        cut = max(data.rfind(bytes((byte,))) for byte in b" \t\r,.;:!?()\"'-/")
    return cut + 1


def _count_bad_utf8(data: bytes) -> int:
    return data.decode("utf-8", "replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")


def _plausibility(text: str) -> float:
    # Imported here: the table costs ~60 ms to build and only detection between
    # GB18030 and Big5 needs it, not ``import zhclean``.
    from zhclean.tables.formats import COMMON_CHARS

    counts = Counter(text[:_SCORE_SAMPLE])
    non_ascii = sum(n for char, n in counts.items() if char >= "\x80")
    if not non_ascii:
        return 0.0
    return sum(n for char, n in counts.items() if char in COMMON_CHARS) / non_ascii


def detect_encoding(data: bytes, *, complete: bool = True) -> Detection:
    """Choose the codec for ``data`` (``complete=False``: a prefix of a longer file).

    >>> detect_encoding(b"\\xff\\xfe" + "长江".encode("utf-16-le"))
    Detection(encoding='utf-16-le', bom=2, reason='byte-order mark')
    >>> detect_encoding("長江經濟帶高質量發展".encode("big5")).encoding
    'big5'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Detection(codec, len(bom), "byte-order mark")
    sample = data[:_SAMPLE]
    if not complete or len(data) > _SAMPLE:
        sample = sample[: _boundary(sample, "utf-8")]
    pairs = len(sample) // 2
    even_nul, odd_nul = sample[0::2].count(0), sample[1::2].count(0)
    # Text files never hold NUL bytes; NULs on one parity only are UTF-16 without a mark.
    if pairs and max(even_nul, odd_nul) > pairs // 10:
        if odd_nul and even_nul <= odd_nul // 10:
            return Detection("utf-16-le", 0, "NUL bytes at odd offsets, no byte-order mark")
        if even_nul and odd_nul <= even_nul // 10:
            return Detection("utf-16-be", 0, "NUL bytes at even offsets, no byte-order mark")
    bad_utf8 = _count_bad_utf8(sample)
    if bad_utf8 == 0:
        return Detection("utf-8", 0, "valid UTF-8")
    non_ascii = len(sample) - len(sample.translate(None, bytes(range(0x80, 0x100))))
    if bad_utf8 <= non_ascii * _DAMAGED_UTF8:
        return Detection("utf-8", 0, f"UTF-8 with {bad_utf8} undecodable sequences")
    scored: list[tuple[float, str]] = []
    for codec in ("gb18030", "big5"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), codec))
    if scored:
        # Stable sort: on a tie GB18030 (the superset mainland files use) wins.
        scored.sort(key=lambda item: -item[0])
        score, codec = scored[0]
        others = ", ".join(f"{c} {s:.0%}" for s, c in scored[1:])
        why = f"decodes as {codec}, {score:.0%} common Chinese characters"
        return Detection(codec, 0, why + (f" ({others})" if others else ""))
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return Detection("utf-8", 0, "no Chinese encoding decodes it; reading as UTF-8")
    best = from_bytes(sample).best()
    # Single-byte code pages decode any byte soup, so their guess on a file meant to be
    # Chinese is noise; only East Asian multi-byte and Unicode guesses are worth taking.
    if best is None or not codec_name(best.encoding).startswith(_MULTIBYTE):
        return Detection("utf-8", 0, "no Chinese encoding decodes it; reading as UTF-8")
    return Detection(codec_name(best.encoding), 0, "charset-normalizer")


@dataclass
class _Tally:
    replaced: int = 0
    first_bad: int | None = None


def _decode_piece(
    piece: bytes,
    base: int,
    codec: str,
    errors: Errors,
    source: str,
    tally: _Tally,
    final: bool = True,
) -> str:
    try:
        return piece.decode(codec)
    except UnicodeDecodeError as error:
        if errors == "strict":
            raise DecodeError(source, base + error.start, codec, error.reason) from None
    parts: list[str] = []
    position = 0
    while True:
        try:
            parts.append(piece[position:].decode(codec))
            return "".join(parts)
        except UnicodeDecodeError as error:
            end = error.end
            if not final and position + end == len(piece) and not codec.startswith("utf-"):
                # A piece ends at a byte that stands alone, so nothing valid runs past
                # it; a bad sequence reaching its end is "incomplete" only because the
                # bytes after it are not here. Decoding the whole text calls it illegal
                # and replaces one byte (fuzz/fuzz_decode.py: GB18030 "\xbc7," then
                # more text), so do the same and stay equal to whole-text decoding.
                # (UTF-8 pieces end at whole characters; UTF-16/32 pieces end at whole
                # code units, where one byte would break the alignment.)
                end = error.start + 1
            parts.append(piece[position : position + error.start].decode(codec))
            parts.append("\ufffd")
            tally.replaced += end - error.start
            if tally.first_bad is None:
                tally.first_bad = base + position + error.start
            position += max(end, error.start + 1)


def _resolve(head: bytes, encoding: str, complete: bool) -> Detection:
    if encoding == "auto":
        return detect_encoding(head, complete=complete)
    codec = codec_name(encoding)
    # Generic UTF-16/32 and utf-8-sig name a family; the mark (if any) picks the member.
    if codec in ("utf-16", "utf-32", "utf-8-sig"):
        for bom, member in _BOMS:
            if head.startswith(bom) and member.startswith(codec[:5]):
                return Detection(member, len(bom), "byte-order mark")
        fallback = {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8"}[codec]
        return Detection(fallback, 0, f"forced {encoding}, no byte-order mark")
    if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
        return Detection("utf-8", 3, "forced utf-8, byte-order mark skipped")
    return Detection(codec, 0, f"forced {encoding}")


class TextStream:
    """Decode a binary stream lazily, in pieces cut at character boundaries.

    Iterating yields ``str`` pieces; afterwards :attr:`detection` says which codec was
    used and why, and :attr:`replaced` / :attr:`first_bad` what ``errors="replace"``
    replaced. Memory stays bounded by ``read_size`` plus the longest run of bytes
    without a newline, space or ASCII punctuation.

    >>> import io
    >>> stream = TextStream(io.BytesIO("長江\\n經濟".encode("big5")), source="x")
    >>> "".join(stream), stream.detection.encoding
    ('長江\\n經濟', 'big5')
    """

    def __init__(
        self,
        raw: IO[bytes],
        *,
        source: str,
        encoding: str = "auto",
        errors: Errors = "strict",
        read_size: int = DEFAULT_READ_SIZE,
    ) -> None:
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
        self.raw = raw
        self.source = source
        self.encoding = encoding
        self.errors: Errors = errors
        self.read_size = max(16, read_size)
        self.detection: Detection | None = None
        self.bytes_read = 0
        self._tally = _Tally()

    @property
    def replaced(self) -> int:
        """Undecodable bytes replaced by U+FFFD so far."""
        return self._tally.replaced

    @property
    def first_bad(self) -> int | None:
        """The byte offset of the first undecodable byte, if any."""
        return self._tally.first_bad

    def __iter__(self) -> Iterator[str]:
        head = self.raw.read(
            max(self.read_size, _SAMPLE) if self.encoding == "auto" else self.read_size
        )
        self.bytes_read = len(head)
        pending = head
        eof = len(head) == 0
        if not eof:
            more = self.raw.read(1)
            eof = not more
            pending += more
            self.bytes_read += len(more)
        detection = _resolve(head, self.encoding, complete=eof)
        self.detection = detection
        codec = detection.encoding
        base = detection.bom
        pending = pending[detection.bom :]
        while True:
            if eof:
                if pending:
                    yield _decode_piece(pending, base, codec, self.errors, self.source, self._tally)
                return
            cut = _boundary(pending, codec)
            # Read ahead first: a piece that turns out to end the input is decoded as
            # the end, exactly as whole-text decoding sees it.
            block = self.raw.read(self.read_size)
            self.bytes_read += len(block)
            eof = not block
            if cut > 0:
                final = eof and cut == len(pending)
                yield _decode_piece(
                    pending[:cut], base, codec, self.errors, self.source, self._tally, final=final
                )
                base += cut
                pending = pending[cut:]
            pending += block


def decode_bytes(
    data: bytes, *, source: str = "<bytes>", encoding: str = "utf-8", errors: Errors = "strict"
) -> str:
    """Decode ``data`` (``encoding="auto"`` detects); a byte-order mark is dropped.

    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe9\\x95\\xbf", encoding="auto")
    '长'
    >>> decode_bytes(b"\\xe9\\x95\\xbf\\xff", errors="replace")
    '长\\ufffd'
    """
    detection = _resolve(data, encoding, complete=True)
    return _decode_piece(
        data[detection.bom :], detection.bom, detection.encoding, errors, source, _Tally()
    )


def read_text(
    path: str | os.PathLike[str], *, encoding: str = "auto", errors: Errors = "strict"
) -> str:
    """Read and decode a whole file, detecting its encoding unless one is given.

    Raises :class:`DecodeError` (naming the file and byte offset) on bytes that do not
    decode, unless ``errors="replace"``.
    """
    return decode_bytes(
        Path(path).read_bytes(), source=os.fspath(path), encoding=encoding, errors=errors
    )


def parse_record(
    line: str, *, number: int, source: str, field: str
) -> tuple[dict[str, Any], str | None]:
    """A JSONL line as (record, text of ``field``); the text is None when the field is absent or null.

    >>> parse_record('{"id": 7, "text": "長江"}', number=1, source="a.jsonl", field="text")
    ({'id': 7, 'text': '長江'}, '長江')
    >>> parse_record('{"id": 7,', number=3, source="a.jsonl", field="text")
    Traceback (most recent call last):
    ...
    zhclean.formats.BadRecord: a.jsonl: line 3: invalid JSON at column 10 (Expecting property name enclosed in double quotes)
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(
            source,
            number,
            f"invalid JSON at column {error.colno} ({error.msg.removesuffix(' at')})",
        ) from None
    if not isinstance(record, dict):
        raise BadRecord(source, number, f"expected a JSON object, got {type(record).__name__}")
    text = record.get(field)
    if text is not None and not isinstance(text, str):
        raise BadRecord(source, number, f"field {field!r} is {type(text).__name__}, not a string")
    return record, text


def dump_record(record: dict[str, Any]) -> str:
    """One JSONL line (no newline): UTF-8 text kept readable, key order kept.

    >>> dump_record({"id": 7, "text": "长江"})
    '{"id": 7, "text": "长江"}'
    """
    return json.dumps(record, ensure_ascii=False)


class AtomicFile:
    """A file that appears at ``path`` whole, or not at all.

    Writes go to a temporary file beside ``path``; :meth:`commit` syncs it and renames
    it over ``path``, :meth:`abort` (or an exception inside ``with``) deletes it, so
    readers never see a partial or empty output.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with AtomicFile(target) as out:
    ...     _ = out.write("长江")
    >>> target.read_text(encoding="utf-8")
    '长江'
    """

    def __init__(self, path: str | os.PathLike[str], *, binary: bool = False) -> None:
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        handle, self.temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=directory
        )
        if binary:
            self.stream: IO[Any] = os.fdopen(handle, "wb")
        else:
            self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self.done = False

    def write(self, data: Any) -> int:
        """Write ``data`` (str, or bytes for a binary file) to the temporary file."""
        return int(self.stream.write(data))

    def commit(self) -> None:
        """Sync the temporary file and rename it over ``path``."""
        if self.done:
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            mode_bits = self.path.stat().st_mode & 0o777 if self.path.exists() else 0o644
            os.chmod(self.temporary, mode_bits)
            os.replace(self.temporary, self.path)
        except BaseException:
            self.abort()
            raise
        self.done = True

    def abort(self) -> None:
        """Delete the temporary file; ``path`` keeps whatever it had."""
        self.done = True
        self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def atomic_write(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one.

    The text goes to a temporary file in the same directory, which is flushed,
    synced and renamed over ``path``; on any error the temporary file is removed
    and ``path`` is untouched.
    """
    with AtomicFile(path, binary=True) as out:
        out.write(text.encode(encoding))
