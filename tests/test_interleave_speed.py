"""The faster forms of split_columns' interleave gates against their definitions.

Each test keeps the plain form a gate had before it was made cheaper (issue #5) and checks
that the two answer alike on every page of the corpus's pdftotext/pdfminer files and on
pages built from the seeds' own text, so an optimisation can never move a decision.
"""

from __future__ import annotations

from operator import add

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.strategies import paragraphs
from zhclean.interleave import _followers, _full_width, _open, _skips_bigrams, _Unit, _units
from zhclean.tables.columns import INTERLEAVE_FULL_SHARE

REAL_PAGES = [
    page
    for path in sorted(CORPUS.glob("*/pdf*.txt"))
    if "layout" not in path.name
    for page in path.read_text(encoding="utf-8").split("\f")
]


def skips_bigrams_by_definition(units: list[_Unit], full: float) -> bool:
    """``_skips_bigrams`` as first written: every pair inside the lines in one set."""
    pairs: set[str] = set()
    for unit in units:
        pairs.update(map(add, unit.text, unit.text[1:]))
    following = skipping = 0
    for i in range(len(units) - 2):
        unit = units[i]
        if unit.han and unit.width >= INTERLEAVE_FULL_SHARE * full and _open(unit, full):
            end = unit.text[-1]
            following += end + units[i + 1].text[0] in pairs
            skipping += end + units[i + 2].text[0] in pairs
    return skipping >= following


def lines_of(text: str, width: int) -> list[str]:
    return [text[start : start + width] for start in range(0, len(text), width)]


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page of seed text cut into lines: one column, every ``blank_after``-th line
    followed by a blank line (pdfminer's blocks; 1: pdftotext's default mode), or two
    columns interleaved line by line, each line followed by a blank line."""
    text = st.lists(paragraphs(traditional=False), min_size=1, max_size=6).map("".join)
    width = draw(st.integers(8, 30))
    left = lines_of(draw(text), width)
    if draw(st.booleans()):
        right = lines_of(draw(text), width)
        rows = [side[row] for row in range(len(left)) for side in (left, right) if row < len(side)]
        return "\n\n".join(rows + right[len(left) :]) + "\n"
    blank_after = draw(st.integers(1, 4))
    return "".join(
        line + ("\n\n" if (number + 1) % blank_after == 0 else "\n")
        for number, line in enumerate(left)
    )


def check_skips_bigrams(page: str) -> None:
    units = _units(page.split("\n"))
    if len(units) < 3:
        return
    full = _full_width(units)
    assert _skips_bigrams(units, full) == skips_bigrams_by_definition(units, full)


def test_there_are_real_pages() -> None:
    if not CORPUS.is_dir():
        pytest.skip("no corpus next to the repository")
    assert len(REAL_PAGES) > 100


@pytest.mark.parametrize("page", REAL_PAGES[::3])
def test_skips_bigrams_on_real_pages(page: str) -> None:
    check_skips_bigrams(page)


@given(pages())
def test_skips_bigrams_on_seed_text(page: str) -> None:
    check_skips_bigrams(page)


@given(paragraphs(traditional=False), st.data())
def test_followers_answer_as_a_search_for_the_pair(text: str, data: st.DataObject) -> None:
    chars = sorted(set(text))
    char = data.draw(st.sampled_from(chars))
    after = _followers(text, char)
    for other in chars:
        assert (other in after) == (char + other in text)
