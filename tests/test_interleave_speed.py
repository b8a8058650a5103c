"""The faster forms of split_columns' interleave gates against their definitions.

Each test keeps the plain form a gate had before it was made cheaper (issue #5) and checks
that the two answer alike on every page of the corpus's pdftotext/pdfminer files and on
pages built from the seeds' own text, so an optimisation can never move a decision.
"""

from __future__ import annotations

from operator import add, itemgetter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.strategies import paragraphs
from zhclean.columns import _NEIGHBOURHOOD, _page_spans
from zhclean.interleave import (
    _MAX_PAGE_LINES,
    BlockStrings,
    DocumentStrings,
    _assign,
    _followers,
    _full_width,
    _is_han,
    _open,
    _Path,
    _Scorer,
    _skips_bigrams,
    _skips_pairs,
    _sort_best_first,
    _Unit,
    _units,
)
from zhclean.tables.columns import (
    HAN,
    INTERLEAVE_ALTERNATE,
    INTERLEAVE_ALTERNATE_STRICT,
    INTERLEAVE_BEAM,
    INTERLEAVE_FULL_SHARE,
    INTERLEAVE_GLUE,
)

REAL_DOCUMENTS = {
    path.parent.name + "/" + path.name: path.read_text(encoding="utf-8")
    for path in sorted(CORPUS.glob("*/pdf*.txt"))
    if "layout" not in path.name
}
REAL_PAGES = [page for text in REAL_DOCUMENTS.values() for page in text.split("\f")]


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


def skips_pairs_by_definition(page: str) -> bool:
    """``_skips_pairs`` as first written: the lines in page order, each pair searched."""
    bodies = [body for body in map(str.strip, page.split("\n")) if body]
    following = skipping = 0
    for i in range(len(bodies) - 2):
        end = bodies[i][-1]
        if HAN.match(end):
            following += end + bodies[i + 1][0] in page
            skipping += end + bodies[i + 2][0] in page
    return skipping >= following


@pytest.mark.parametrize("page", REAL_PAGES)
def test_skips_pairs_on_real_pages(page: str) -> None:
    assert _skips_pairs(page, page.split("\n")) == skips_pairs_by_definition(page)


def merged_pages() -> list[str]:
    """The pages of every corpus file joined into one text, as in a CLI block: a file
    without form feeds runs into its neighbours' pages, which makes pages of several
    documents and hundreds of lines, many lines ending in each Han character."""
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt")))
    pages = text.split("\f")
    return [page for page in pages if page.count("\n") <= _MAX_PAGE_LINES and len(page) > 10_000]


@pytest.mark.parametrize("page", merged_pages())
def test_skips_pairs_on_pages_of_many_documents(page: str) -> None:
    assert _skips_pairs(page, page.split("\n")) == skips_pairs_by_definition(page)


@given(pages())
def test_skips_pairs_on_seed_text(page: str) -> None:
    assert _skips_pairs(page, page.split("\n")) == skips_pairs_by_definition(page)


def test_is_han_is_the_han_pattern() -> None:
    for code in range(0x110000):
        char = chr(code)
        assert _is_han(char) == (HAN.match(char) is not None), hex(code)


@given(st.lists(st.sampled_from([-1.5, 0.0, 0.25, 2.0, 3.5]), max_size=40), st.integers(0, 2))
def test_sort_best_first_is_a_stable_sort(scores: list[float], moved: int) -> None:
    # as in _assign: sorted states with a few new ones placed anywhere, ties included
    paths = [_Path(0, index, score) for index, score in enumerate(sorted(scores, reverse=True))]
    for number in range(min(moved, len(paths))):
        paths.insert(number * 3 % (len(paths) + 1), _Path(1, -1 - number, scores[number]))
    expected = [(path.column, path.other) for path in sorted(paths, key=lambda path: -path.score)]
    _sort_best_first(paths)
    assert [(path.column, path.other) for path in paths] == expected


def assign_by_definition(scorer: _Scorer) -> list[int]:
    """``_assign`` as first written: a dict-ordered list of (state, score) tuples."""
    units = scorer.units
    alternate = INTERLEAVE_ALTERNATE_STRICT if scorer.strict else INTERLEAVE_ALTERNATE
    states: list[tuple[tuple[int, int], float]] = [((0, -1), 0.0)]
    backs: list[list[tuple[int, int] | None]] = [[None, None]]
    for i in range(len(units) - 1):
        scores: list[tuple[tuple[int, int], float]] = []
        back: list[tuple[int, int] | None] = [None, None]
        slots = [-1, -1]
        if not units[i].blank_after:
            stay_prior, switch_prior = INTERLEAVE_GLUE, -INTERLEAVE_GLUE
        else:
            stay_prior, switch_prior = -alternate, alternate
        here = scorer.junction(i, i + 1)
        for state, score in states:
            column, other = state
            scores.append((state, score + here + stay_prior))
            gain = scorer.junction(other, i + 1) if other >= 0 else 0.0
            switch = score + gain + switch_prior
            target = 1 - column
            slot = slots[target]
            if slot < 0:
                slots[target] = len(scores)
                scores.append(((target, i), switch))
                back[target] = state
            elif switch > scores[slot][1]:
                scores[slot] = ((target, i), switch)
                back[target] = state
        if len(scores) > INTERLEAVE_BEAM:
            scores = sorted(scores, key=itemgetter(1), reverse=True)[:INTERLEAVE_BEAM]
        states = scores
        backs.append(back)
    state = max(states, key=itemgetter(1))[0]
    columns = [0] * len(units)
    for i in range(len(units) - 1, -1, -1):
        columns[i] = state[0]
        if i and state[1] == i - 1:
            switched_from = backs[i][state[0]]
            assert switched_from is not None
            state = switched_from
    return columns


def check_assign(page: str, strings: DocumentStrings) -> None:
    units = _units(page.split("\n"))
    if len(units) < 3:
        return
    scorer = _Scorer(units, strings.collected(), _full_width(units))
    for strict in (False, True):
        scorer.strict = strict
        assert _assign(scorer) == assign_by_definition(scorer)


@pytest.mark.parametrize("name", sorted(REAL_DOCUMENTS))
def test_assign_on_real_pages(name: str) -> None:
    text = REAL_DOCUMENTS[name]
    strings = DocumentStrings(text)
    for page in text.split("\f"):
        check_assign(page, strings)


@given(pages())
def test_assign_on_seed_text(page: str) -> None:
    check_assign(page, DocumentStrings(page))


def check_windows(text: str, windows: list[tuple[int, int]]) -> None:
    """Each window of one ``BlockStrings``, asked for in turn, answers as the
    ``DocumentStrings`` of the window's text (its definition) for every string of 2 to 4
    characters around it, cut lines and strings across the window's edges included: its
    pairs before it is collected, all of them after."""
    block = BlockStrings(text)
    for start, end in windows:
        window = block.window(start, end)
        expected = DocumentStrings(text[max(0, start) : max(0, end)])
        # every string of the window's lines and of the lines it cuts, and more besides
        around = DocumentStrings(text[max(0, start - 200) : max(0, end + 200)]).collected()
        pairs = window.pair_set()
        for string in around:
            if len(string) == 2:
                assert (string in pairs) == (string in expected.pair_set()), (start, end, string)
        collected, wanted = window.collected(), expected.collected()
        for string in around:
            assert (string in collected) == (string in wanted), (start, end, string)


def joined_documents() -> str:
    return "\n\n".join(REAL_DOCUMENTS.values()) + "\n"


def test_window_strings_on_the_pages_of_many_real_documents() -> None:
    # the windows split_columns asks for in a CLI block: every page's, in page order
    text = joined_documents()
    spans = _page_spans(text)[::2]
    check_windows(text, [(start - _NEIGHBOURHOOD, end + _NEIGHBOURHOOD) for start, end in spans])


def test_window_strings_when_windows_go_back() -> None:
    text = joined_documents()[:60_000]
    check_windows(text, [(30_000, 50_000), (10_000, 20_000), (10_000, 60_000), (5, 7)])


@st.composite
def windowed_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """Seed text cut into lines of any width, with blank lines, form feeds and the
    whitespace the strings leave out (spaces, U+3000, tabs, carriage returns), and windows that
    move forward as a page's do, starting and ending anywhere, past the text too."""
    text = draw(st.lists(paragraphs(traditional=False), min_size=1, max_size=8).map("".join))
    width = draw(st.integers(1, 30))
    separators = st.sampled_from(["\n", "\n\n", "\n\f", " \n", "\u3000", "  ", "\t", "\r\n", ""])
    pieces = [line + draw(separators) for line in lines_of(text, width)]
    text = "".join(pieces)
    count = draw(st.integers(1, 6))
    edges = st.lists(st.integers(-5, len(text) + 5), min_size=count, max_size=count).map(sorted)
    windows = list(zip(draw(edges), draw(edges), strict=True))
    return text, windows


@given(windowed_texts())
def test_window_strings_on_seed_text(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, windows = case
    check_windows(text, windows)
