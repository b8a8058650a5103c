"""normalize_punctuation: ASCII punctuation in Chinese context to full width, width folding.

Contract (see docs/protocol.md): ``find_punctuation(text, **options) -> list[Edit]`` finds the
edits; ``normalize_punctuation(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_punctuation(text: str) -> list[Edit]:
    """The edits ``normalize_punctuation`` makes to ``text``."""
    raise NotImplementedError("normalize_punctuation is being written")


def normalize_punctuation(text: str) -> str:
    """Apply ``find_punctuation``."""
    return apply_edits(text, find_punctuation(text))
