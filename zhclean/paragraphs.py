"""join_hard_wraps: rebuild paragraphs from the physical lines of PDF/OCR text.

Contract (see docs/protocol.md): ``find_hard_wraps(text, **options) -> list[Edit]`` finds the
edits; ``join_hard_wraps(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_hard_wraps(text: str) -> list[Edit]:
    """The edits ``join_hard_wraps`` makes to ``text``."""
    raise NotImplementedError("join_hard_wraps is being written")


def join_hard_wraps(text: str) -> str:
    """Apply ``find_hard_wraps``."""
    return apply_edits(text, find_hard_wraps(text))
