"""remove_page_artifacts: page numbers, running headers/footers, form feeds, floating captions.

Contract (see docs/protocol.md): ``find_page_artifacts(text, **options) -> list[Edit]`` finds the
edits; ``remove_page_artifacts(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.
"""

from __future__ import annotations

from zhclean.edits import Edit, apply_edits


def find_page_artifacts(text: str) -> list[Edit]:
    """The edits ``remove_page_artifacts`` makes to ``text``."""
    raise NotImplementedError("remove_page_artifacts is being written")


def remove_page_artifacts(text: str) -> str:
    """Apply ``find_page_artifacts``."""
    return apply_edits(text, find_page_artifacts(text))
