"""Coverage-guided fuzz target for the command line's decoding path (zhclean.formats).

usage: python fuzz/fuzz_decode.py [libFuzzer options] [CORPUS_DIR ...]   (see fuzz/README.md)

The input bytes choose an encoding (auto-detection, UTF-8, GB18030, Big5, UTF-16),
an error policy and a read size, then are decoded whole (``decode_bytes``) and
streamed in small pieces (``TextStream``, as the CLI reads files). The only
allowed failure is ``DecodeError`` under ``errors="strict"``; whole and streamed
decoding must agree (same text, or both refuse); the decoded text must clean.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    import zhclean
    from zhclean.formats import DecodeError, TextStream, decode_bytes

ENCODINGS = ("auto", "utf-8", "gb18030", "big5", "utf-16")


def _whole(data: bytes, encoding: str, errors: str) -> str | None:
    try:
        return decode_bytes(data, source="fuzz", encoding=encoding, errors=errors)  # type: ignore[arg-type]
    except DecodeError:
        assert errors == "strict"
        return None


def _streamed(data: bytes, encoding: str, errors: str, read_size: int) -> str | None:
    stream = TextStream(
        io.BytesIO(data), source="fuzz", encoding=encoding, errors=errors, read_size=read_size
    )  # type: ignore[arg-type]
    try:
        return "".join(stream)
    except DecodeError:
        assert errors == "strict"
        return None


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    encoding = ENCODINGS[provider.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
    errors = "replace" if provider.ConsumeBool() else "strict"
    read_size = provider.ConsumeIntInRange(16, 80)
    payload = provider.ConsumeBytes(provider.remaining_bytes())
    whole = _whole(payload, encoding, errors)
    streamed = _streamed(payload, encoding, errors, read_size)
    if encoding != "auto":
        # Auto-detection may legitimately decide differently on a prefix.
        assert whole == streamed, (encoding, errors, read_size, payload)
    if whole is not None:
        zhclean.clean(whole)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
