"""convert_script: OpenCC script conversion (default Traditional to Simplified).

Contract (see docs/protocol.md): ``find_conversions(text, **options) -> list[Edit]`` finds the
edits; ``convert_script(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_conversions(text: str, *, config: str = "t2s") -> list[Edit]:
    """The edits ``convert_script`` makes to ``text``."""
    raise NotImplementedError("convert_script is being written")


def convert_script(text: str, *, config: str = "t2s") -> str:
    """Apply ``find_conversions``."""
    return apply_edits(text, find_conversions(text, config=config))
