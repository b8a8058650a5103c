"""clean(clean(x)) == clean(x) on every real dirty file we have.

Property tests find idempotence bugs in made-up text; these inputs are what the
real tools produce (every dev-corpus and held-out variant, and the seeds), where
four such bugs were found: a page number pdfminer put mid-page, 么/著 under the
tw2s default, and a punctuation vote that changed once a colon became full width.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import zhclean
from tests.conftest import CORPUS, ROOT

FILES = sorted(
    [
        *CORPUS.glob("*/*.txt"),
        *(ROOT / "benchmarks" / "heldout").glob("*/*.txt"),
        *(ROOT / "seeds").glob("*.txt"),
    ]
)


def test_there_are_real_files_to_check() -> None:
    assert len(FILES) > 300


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cleaning_twice_changes_nothing(path: Path) -> None:
    once = zhclean.clean(path.read_text(encoding="utf-8", errors="replace"))
    assert zhclean.clean(once) == once
