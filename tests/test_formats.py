"""Encodings, streamed decoding, JSONL records and atomic files (zhclean.formats)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhclean
from tests.conftest import SEEDS, read_seed
from zhclean.formats import (
    AtomicFile,
    BadRecord,
    DecodeError,
    TextStream,
    atomic_write,
    decode_bytes,
    detect_encoding,
    dump_record,
    parse_record,
    read_text,
)

SEED_NAMES = sorted(path.name[:3] for path in SEEDS.glob("*.txt"))


def encodable(text: str, encoding: str) -> str:
    """``text`` without the characters ``encoding`` cannot encode (emoji in Big5)."""
    return "".join(char for char in text if char.encode(encoding, "ignore"))


@pytest.mark.parametrize("seed", SEED_NAMES)
@pytest.mark.parametrize(
    ("encoding", "expected_codec"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("big5", "big5"),
        ("utf-16", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_auto_detection_reads_every_seed_back(
    tmp_path: Path, seed: str, encoding: str, expected_codec: str
) -> None:
    text = encodable(read_seed(seed), encoding)
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / f"{seed}.{encoding}.txt"
    path.write_bytes(data)
    assert read_text(path) == text
    assert zhclean.read_text(path) == text
    assert detect_encoding(data).encoding == expected_codec


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16-le"])
def test_forced_encoding(tmp_path: Path, encoding: str) -> None:
    text = encodable(read_seed("001"), encoding)
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path, encoding=encoding) == text
    with pytest.raises(DecodeError):
        read_text(path, encoding="utf-8")


def test_damaged_utf8_is_reported_at_its_byte_offset(tmp_path: Path) -> None:
    data = read_seed("000").encode("utf-8")
    offset = data.index("长江".encode(), 2000)  # a character boundary deep in the file
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:offset] + b"\xff" + data[offset:])
    with pytest.raises(DecodeError) as caught:
        read_text(path)
    assert caught.value.offset == offset
    assert str(caught.value).startswith(f"{path}: byte {offset}: cannot decode as utf-8")
    replaced = read_text(path, errors="replace")
    assert replaced == data[:offset].decode() + "\ufffd" + data[offset:].decode()


def test_error_offset_is_exact_when_streaming_in_small_reads() -> None:
    data = read_seed("001").encode("gb18030")
    offset = len(data) - 50
    while data[offset] < 0x80 or data[offset - 1] >= 0x80:  # start of a 2-byte character
        offset -= 1
    damaged = data[:offset] + b"\xff\xff" + data[offset:]
    stream = TextStream(io.BytesIO(damaged), source="s.txt", encoding="gb18030", read_size=64)
    with pytest.raises(DecodeError) as caught:
        "".join(stream)
    assert caught.value.offset == offset
    replacing = TextStream(
        io.BytesIO(damaged), source="s.txt", encoding="gb18030", errors="replace", read_size=64
    )
    assert "".join(replacing) == data[:offset].decode("gb18030") + "\ufffd\ufffd" + data[
        offset:
    ].decode("gb18030")
    assert replacing.replaced == 2 and replacing.first_bad == offset


@given(
    seed=st.sampled_from(SEED_NAMES),
    encoding=st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]),
    read_size=st.integers(min_value=16, max_value=4096),
    start=st.integers(min_value=0, max_value=2000),
    length=st.integers(min_value=0, max_value=3000),
)
def test_streamed_decoding_equals_whole_decoding(
    seed: str, encoding: str, read_size: int, start: int, length: int
) -> None:
    text = encodable(read_seed(seed), encoding)[start : start + length]
    data = text.encode(encoding)
    stream = TextStream(io.BytesIO(data), source="x", encoding=encoding, read_size=read_size)
    pieces = list(stream)
    assert "".join(pieces) == text
    assert all(pieces)


def test_detection_says_why() -> None:
    big5 = encodable(read_seed("001"), "big5").encode("big5")
    detection = detect_encoding(big5)
    assert detection.encoding == "big5"
    assert "common Chinese characters" in detection.reason and "gb18030" in detection.reason
    assert detect_encoding(b"\xef\xbb\xbfabc") == ("utf-8", 3, "byte-order mark")


def test_unknown_encoding_name() -> None:
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", encoding="klingon")


def test_records_keep_fields_and_order() -> None:
    line = json.dumps({"z": 1, "text": "長江", "a": [1.5, None, {"k": "v"}]}, ensure_ascii=False)
    record, text = parse_record(line, number=4, source="d.jsonl", field="text")
    assert text == "長江"
    assert dump_record(record) == line
    assert list(record) == ["z", "text", "a"]


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"text": "a"', "invalid JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('{"text": 3}', "field 'text' is int, not a string"),
    ],
)
def test_bad_records_name_the_line(line: str, why: str) -> None:
    with pytest.raises(BadRecord) as caught:
        parse_record(line, number=12, source="d.jsonl", field="text")
    assert str(caught.value).startswith("d.jsonl: line 12: " + why)


def test_missing_or_null_field_is_no_text() -> None:
    assert parse_record('{"id": 1}', number=1, source="d", field="text") == ({"id": 1}, None)
    assert parse_record('{"text": null}', number=1, source="d", field="text")[1] is None


def test_atomic_file_leaves_no_trace_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), AtomicFile(target) as out:
        out.write("new, half written")
        raise RuntimeError("cleaning failed midway")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    atomic_write(target, "长江\n")
    assert target.read_text(encoding="utf-8") == "长江\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16"])
def test_streamed_replacement_equals_whole_text_replacement(encoding: str) -> None:
    # Found by fuzz/fuzz_decode.py: in GB18030 "\xbc7," is an illegal sequence; at the
    # end of a streamed piece it looked "incomplete" and swallowed "7," while decoding
    # the whole text replaced one byte; at the true end of the input it is the other way
    # round. Every read size must give the whole-text result, and so must UTF-16 data.
    body = "中共中央政治局常委".encode(encoding)
    data = body + b"\xbc7," + body + b"\n\xfe(" + body + b"\x966,"  # ends mid-sequence
    whole = decode_bytes(data, source="x", encoding=encoding, errors="replace")
    for read_size in range(16, 81):
        stream = TextStream(
            io.BytesIO(data), source="x", encoding=encoding, errors="replace", read_size=read_size
        )
        assert "".join(stream) == whole, read_size
