"""normalize_whitespace: newlines, invisible characters, stray and letter spacing.

Contract (see docs/protocol.md): ``find_whitespace(text, **options) -> list[Edit]`` finds the
edits; ``normalize_whitespace(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_whitespace(text: str) -> list[Edit]:
    """The edits ``normalize_whitespace`` makes to ``text``."""
    raise NotImplementedError("normalize_whitespace is being written")


def normalize_whitespace(text: str) -> str:
    """Apply ``find_whitespace``."""
    return apply_edits(text, find_whitespace(text))
