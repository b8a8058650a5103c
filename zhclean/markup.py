"""strip_markup: markdown heading markers and similar conversion residue.

Contract (see docs/protocol.md): ``find_markup(text, **options) -> list[Edit]`` finds the
edits; ``strip_markup(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_markup(text: str) -> list[Edit]:
    """The edits ``strip_markup`` makes to ``text``."""
    raise NotImplementedError("strip_markup is being written")


def strip_markup(text: str) -> str:
    """Apply ``find_markup``."""
    return apply_edits(text, find_markup(text))
