"""benchmarks/RESULTS.md is shared: each benchmark owns one marked section of it."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(section: str, start: str, end: str, path: Path = RESULTS) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in ``path``.

    The text between the markers is replaced; without them the section is appended.
    The file is created if needed; the other sections are kept as they are.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if start in text and end in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
