"""strip_symbols: remove emoji (including broken sequences) and pictographic noise.

Contract (see docs/protocol.md): ``find_symbols(text, **options) -> list[Edit]`` finds the
edits; ``strip_symbols(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_symbols(text: str) -> list[Edit]:
    """The edits ``strip_symbols`` makes to ``text``."""
    raise NotImplementedError("strip_symbols is being written")


def strip_symbols(text: str) -> str:
    """Apply ``find_symbols``."""
    return apply_edits(text, find_symbols(text))
