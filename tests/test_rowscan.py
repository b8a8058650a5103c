"""The compiled line scanner (zhclean/_rowscan.c) against the Python ``_rows`` it replaces.

Both must return the same rows: equal tuples of the ``_Row`` type, floats equal bit for bit
(``float.hex``), the Python code's whatever its first-token cache holds (the scanner
measures every token and keeps no cache).
Compared on every real file (seeds, development corpus, held-out corpus) raw, as it enters
``join_hard_wraps`` in the default pipeline and as the joiner outputs it, and on generated
text made of those files' lines mixed with the characters each shortcut of the scanner
decides on (line ends, strip and space-run characters, invisible and blank characters,
wide-range edges, first-token and flag characters).
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import CORPUS, ROOT, SEEDS
from zhclean import paragraphs
from zhclean.paragraphs import _Row
from zhclean.pipeline import DEFAULT

try:
    from zhclean import _rowscan
except ImportError:  # built without a C compiler: the Python code runs
    _rowscan = None  # type: ignore[assignment]

NOT_BUILT = "zhclean._rowscan is not built (no C compiler at install): the Python _rows runs"
needs_scanner = pytest.mark.skipif(_rowscan is None, reason=NOT_BUILT)

Rows = Callable[[str], list[_Row]]


def _compiled() -> Rows:
    """The compiled ``_rows`` built as paragraphs builds it, even under ZHCLEAN_PURE_PYTHON."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
        rows = paragraphs._compiled_rows()
    assert rows is not None, "the compiled scanner did not build from paragraphs' tables"
    return rows


def _real_paths() -> list[Path]:
    return [
        *sorted(SEEDS.glob("*.txt")),
        *sorted(CORPUS.glob("*/*.txt")),
        *sorted((ROOT / "benchmarks" / "heldout").glob("*/*.txt")),
    ]


def _join_input(text: str) -> str:
    """``text`` as the default pipeline hands it to ``join_hard_wraps``."""
    for call in DEFAULT.steps:
        if getattr(call, "name", None) == "join_hard_wraps":
            break
        text = call(text)
    return text


def _comparable(rows: list[_Row]) -> list[tuple[object, ...]]:
    """Rows with every value as its type and exact value (floats as hex: bit for bit)."""
    return [
        (
            type(row),
            *((type(value), value.hex() if isinstance(value, float) else value) for value in row),
        )
        for row in rows
    ]


def _assert_same(text: str, tokens: dict[str, float] | None = None) -> None:
    """Python rows of ``text`` (reading and filling a copy of ``tokens``) and compiled rows
    agree."""
    expected = paragraphs._python_rows(text, None if tokens is None else dict(tokens))
    assert _comparable(COMPILED(text)) == _comparable(expected)


COMPILED: Rows = _compiled() if _rowscan is not None else paragraphs._python_rows


def test_scanner_is_built_in_ci() -> None:
    """CI installs with a compiler: a missing extension there is a build failure, not a skip."""
    if os.environ.get("CI", "").lower() not in ("true", "1"):
        pytest.skip("outside CI a build without a compiler is allowed")
    assert _rowscan is not None, NOT_BUILT


@needs_scanner
def test_scanner_is_used_unless_pure_python_is_asked() -> None:
    """Built and not switched off, ``_rows`` runs the compiled scanner (a pattern edited in
    tables/paragraphs.py but not in _rowscan.c would switch it off with a warning)."""
    if os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0"):
        assert paragraphs._COMPILED_ROWS is None
    else:
        assert paragraphs._COMPILED_ROWS is not None


@needs_scanner
def test_scanner_refuses_a_pattern_it_does_not_implement() -> None:
    """Each pattern the C code implements is checked against the table it was written for
    (``_compiled_rows`` then warns and runs the Python code)."""
    from zhclean._rowscan import Scanner

    Scanner(**paragraphs._scanner_tables())
    for name, key in (
        ("FIRST_TOKEN", "first_token"),
        ("WIDE_RUN", "wide"),
        ("SPACE_RUN_CHANGED", "space_run"),
        ("LINE_END", "line_end"),
        ("LIST_START", "list_start"),
        ("TERMINAL_END", "terminal_end"),
        ("WORD_CHAIN", "word_chain"),
    ):
        tables = paragraphs._scanner_tables()
        edited = re.compile(tables[key].pattern + "|x")
        with pytest.raises(ValueError, match=name):
            Scanner(**{**tables, key: edited})


@needs_scanner
def test_scanner_rows_are_not_tracked_by_the_garbage_collector() -> None:
    """A row holds only ints, floats, bools and a str: no cycle can pass through it."""
    import gc

    rows = COMPILED("习近平指出，长江经济带事关全国发展大局。\nDebian 12 bookworm\n")
    assert len(rows) == 2
    for row in rows:
        assert not gc.is_tracked(row)
        assert all(isinstance(field, (int, float, str)) for field in row)


@needs_scanner
def test_scanner_rejects_what_rows_does_not_take() -> None:
    with pytest.raises(TypeError):
        COMPILED(b"\xe4\xb8\xad")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        COMPILED("中", {})  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def real_texts() -> list[tuple[str, str]]:
    """Every real file raw, as the joiner receives it, and as the joiner outputs it."""
    texts = []
    for path in _real_paths():
        raw = path.read_text(encoding="utf-8", errors="replace")
        joined = _join_input(raw)
        texts += [
            (f"{path.name} raw", raw),
            (f"{path.name} join input", joined),
            (f"{path.name} join output", paragraphs.join_hard_wraps(joined)),
        ]
    assert len(texts) >= 3 * 300, "the corpus or the held-out files are missing"
    return texts


@needs_scanner
def test_scanner_matches_python_on_every_real_file(real_texts: list[tuple[str, str]]) -> None:
    differing = []
    for name, text in real_texts:
        try:
            _assert_same(text, {})
        except AssertionError:
            differing.append(name)
    assert differing == []


@needs_scanner
def test_python_rows_with_their_token_cache_are_the_scanners(seeds: dict[str, str]) -> None:
    """The Python code with a cache shared by two calls on one document (the joiner measures
    its output with the input's cache), with a cache entry that must be measured again, and
    with no cache at all: the rows the scanner measures without one."""
    for text in seeds.values():
        tokens: dict[str, float] = {}
        paragraphs._python_rows(text, tokens)
        _assert_same(paragraphs.join_hard_wraps(text), tokens)
        _assert_same(text, {text.lstrip()[:1]: -1.0})
        _assert_same(text, None)


@needs_scanner
def test_join_hard_wraps_is_the_same_with_either_scanner(seeds: dict[str, str]) -> None:
    compiled = [paragraphs.find_hard_wraps(text) for text in seeds.values()]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paragraphs, "_COMPILED_ROWS", None)
        patch.setattr(paragraphs, "_COMPILED_VOCABULARY", None)
        python = [paragraphs.find_hard_wraps(text) for text in seeds.values()]
    assert compiled == python


def _real_lines() -> list[str]:
    lines: set[str] = set()
    for path in _real_paths():
        text = path.read_text(encoding="utf-8", errors="replace")
        lines.update(text.splitlines(keepends=True)[:400])
    return sorted(lines)


#: What each shortcut of the scanner decides on.
LINE_ENDS = ["\n", "\r", "\r\n", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
SPACES = [
    " ",
    "  ",
    "\t",
    "\u3000",
    "\u3000\u3000",
    "\u00a0",
    "\u2002",
    "\u2003",
    "\u2009",
    "\u200b",
    "\ufeff",
    " \u3000\t",
]
INVISIBLE = [
    "\x00",
    "\x01",
    "\x1f",
    "\x7f",
    "\x9f",
    "\u00ad",
    "\u200d",
    "\u2060",
    "\u061c",
    "\U000e0001",
    "\u115f",
    "\u1160",
    "\u3164",
    "\uffa0",
    "\u2028",
]
WIDE_EDGES = [
    chr(code)
    for code in (
        0x10FF,
        0x1100,
        0x115F,
        0x1160,
        0x2013,
        0x2014,
        0x2015,
        0x2017,
        0x2018,
        0x2019,
        0x201A,
        0x201B,
        0x201C,
        0x201D,
        0x201E,
        0x2025,
        0x2026,
        0x2027,
        0x2E7F,
        0x2E80,
        0x303E,
        0x303F,
        0x3040,
        0xA4CF,
        0xA4D0,
        0xABFF,
        0xAC00,
        0xD7A3,
        0xD7A4,
        0xF8FF,
        0xF900,
        0xFAFF,
        0xFB00,
        0xFE2F,
        0xFE30,
        0xFE4F,
        0xFE50,
        0xFEFF,
        0xFF00,
        0xFF60,
        0xFF61,
        0xFFDF,
        0xFFE0,
        0xFFE6,
        0xFFE7,
        0x1FFFF,
        0x20000,
        0x2A6D6,
        0x3FFFD,
        0x3FFFE,
        0x40000,
    )
]
OTHER = [
    "\ud800",
    "\udfff",
    "😀",
    "👍🏻",
    "é",
    "٣",
    "３",
    "Ⅻ",
    "①",
    "⑳",
    "一、",
    "第",
    "章",
    "# ",
    "1.2. ",
    "12",
    "a) ",
    "B. ",
    "- ",
    "• ",
    "Chapter 3",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "‘",
    "’",
    "「",
    "」",
    "『",
    "』",
    "《",
    "》",
    "〈",
    "〉",
    '"',
    "'",
    "，",
    "。",
    "、",
    "；",
    "：",
    "！",
    "？",
    "…",
    "．",
    "~/.bashrc",
    "--prefix=",
    "#bug",
    "$HOME",
    "中文",
    "mW@%&",
    "ijl",
    "AZ",
    # what may_list and ends_sentence decide on: digits before a list mark or not, a letter
    # before "." or ")", stops and closing marks at a line end, remarks in brackets
    "123)",
    "1234)",
    "12、",
    "１）",
    "٣.",
    "a.",
    "x)",
    "Debian",
    "。”",
    "”。",
    "」！",
    "』？",
    "…）",
    ".)」",
    "。(注)",
    "。 （参看 python(1)）",
    "! (x",
    "(x))",
]
PIECES = LINE_ENDS + SPACES + INVISIBLE + WIDE_EDGES + OTHER + list(string.punctuation)
REAL_LINES = _real_lines()


@needs_scanner
def test_scanner_matches_python_on_each_tricky_piece() -> None:
    """Every piece alone, inside a line, at both ends of a line and around line ends: a
    deterministic floor under the random examples below."""
    templates = (
        "{0}",
        "中{0}文",
        "{0}中文。{0}\n{0}",
        " \u3000{0}A{0}\n\n{0}1. x{0}",
        "“{0}”{0}，",
    )
    for piece in PIECES:
        for template in templates:
            _assert_same(template.format(piece), {})
        for other in PIECES:
            _assert_same(piece + other, {})


def _documents() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(REAL_LINES),
        st.sampled_from(REAL_LINES).flatmap(
            lambda line: st.tuples(st.integers(0, len(line)), st.integers(0, len(line))).map(
                lambda bounds: line[min(bounds) : max(bounds)]
            )
        ),
        st.sampled_from(PIECES),
        st.text(alphabet=sorted(set("".join(PIECES))), max_size=8),
    )
    return st.lists(piece, max_size=24).map("".join)


@needs_scanner
@given(_documents())
@example("")
@example("\r\n\r\n中\r\r\n")
@example("\u3000\u3000第 9 章\t系统 技巧 \u00a0\n\x00\u3164\n  \n“A”：")
def test_scanner_matches_python_on_generated_text(text: str) -> None:
    _assert_same(text, {})


@needs_scanner
@given(st.text(max_size=40))
def test_scanner_matches_python_on_any_unicode(text: str) -> None:
    _assert_same(text, {})


# The vocabulary (``_vocabulary``): Scanner.vocabulary against ``_python_vocabulary``.


def _compiled_vocabulary() -> Callable[[str], tuple[frozenset[str], frozenset[str]]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
        compiled = paragraphs._compiled()
    assert compiled is not None, "the compiled scanner did not build from paragraphs' tables"
    return compiled[1]


def _assert_same_vocabulary(text: str) -> None:
    words, pairs = _compiled_vocabulary()(text)
    assert type(words) is frozenset and type(pairs) is frozenset
    assert paragraphs._Vocabulary(words, pairs) == paragraphs._python_vocabulary(text)


@needs_scanner
def test_scanner_vocabulary_matches_python_on_every_real_file(
    real_texts: list[tuple[str, str]],
) -> None:
    differing = []
    for name, text in real_texts:
        try:
            _assert_same_vocabulary(text)
        except AssertionError:
            differing.append(name)
    assert differing == []


@needs_scanner
def test_scanner_vocabulary_matches_python_on_a_cli_block(
    real_texts: list[tuple[str, str]],
) -> None:
    """Every real file in one text, as the CLI cleans blocks of many documents: the words of
    all of them, and pairs across the documents' edges."""
    _assert_same_vocabulary("\n\n".join(text for _, text in real_texts))
    _assert_same_vocabulary("-".join(text.strip() for _, text in real_texts[:200]))


#: What a word of the vocabulary is decided on: letters of either case and at either end of
#: the ASCII range, hyphens single and doubled, and the \w characters that are not ASCII
#: letters (digits of any script, "_", accented and Han letters) on either side of a run.
WORD_PIECES = [
    "a",
    "z",
    "A",
    "Z",
    "@",
    "[",
    "`",
    "{",
    "debian",
    "User",
    "-",
    "--",
    "_",
    "1",
    "٣",
    "é",
    "ß",
    "中",
    "，",
    " ",
    "\n",
    "\u00ad",
    "\u200b",
    "Ⅻ",
    "①",
    "😀",
]


@needs_scanner
def test_scanner_vocabulary_matches_python_on_each_tricky_piece() -> None:
    for piece in WORD_PIECES + PIECES:
        for template in ("{0}", "ab{0}", "{0}cd", "ab-{0}-cd", "{0}ab-cd{0}", "x-{0}y-z"):
            _assert_same_vocabulary(template.format(piece))
        for other in WORD_PIECES:
            _assert_same_vocabulary(piece + other + "-" + piece + "a-b" + other)


@needs_scanner
@given(st.lists(st.one_of(_documents(), st.sampled_from(WORD_PIECES)), max_size=40))
def test_scanner_vocabulary_matches_python_on_generated_text(parts: list[str]) -> None:
    _assert_same_vocabulary("".join(parts))


@needs_scanner
@given(st.text(alphabet="".join(WORD_PIECES), max_size=60))
def test_scanner_vocabulary_matches_python_on_dense_text(text: str) -> None:
    _assert_same_vocabulary(text)


@needs_scanner
@given(st.text(max_size=40))
def test_scanner_vocabulary_matches_python_on_any_unicode(text: str) -> None:
    _assert_same_vocabulary(text)


@needs_scanner
def test_scanner_vocabulary_rejects_what_it_does_not_take() -> None:
    with pytest.raises(TypeError):
        _compiled_vocabulary()(b"debian-user")  # type: ignore[arg-type]


@needs_scanner
def test_scanner_vocabulary_matches_python_on_many_recurring_words() -> None:
    """More distinct words than the scanner remembers, recurring in shuffled orders and
    among words that differ in one letter or in length only: a remembered word is skipped
    only when it is the same word."""
    import random

    rng = random.Random(5)
    letters = string.ascii_letters
    words = sorted({"".join(rng.choices(letters, k=rng.randint(1, 9))) for _ in range(6000)})
    words += [word + "a" for word in words[:500]] + [word[:-1] for word in words[:500]]
    separators = [" ", "-", "--", "中", "，", "\n", "1", "_", "é"]
    for _ in range(3):
        rng.shuffle(words)
        _assert_same_vocabulary("".join(word + rng.choice(separators) for word in words * 2))


# The output (``_joined_text``): Scanner.joined against ``_python_joined_text``.


def _compiled_joined() -> paragraphs._Joined:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
        compiled = paragraphs._compiled()
    assert compiled is not None, "the compiled scanner did not build from paragraphs' tables"
    return compiled[2]


def _assert_same_joined(text: str, separator: str = "\n", joins: list[bool] | None = None) -> None:
    """The compiled and Python outputs of ``text``'s rows, joined where ``join_hard_wraps``
    joins them or, given ``joins``, where those say (cycled over the breaks). ``==`` also
    tells a result of too wide a character kind: CPython compares the kinds first."""
    rows = paragraphs._python_rows(text)
    if not rows:
        return
    vocabulary = paragraphs._python_vocabulary(text)
    if joins is None:
        found = paragraphs._fixed_point(text, separator)
        assert found is not None
        _, marks, _, _ = found
    else:
        marks = [bool(joins) and joins[k % len(joins)] for k in range(len(rows) - 1)]
    joiners = paragraphs._joiners(rows, marks, vocabulary)
    expected = paragraphs._python_joined_text(text, rows, marks, joiners, separator)
    assert _compiled_joined()(text, rows, marks, joiners, separator) == expected


@needs_scanner
def test_scanner_joined_matches_python_on_every_real_file(
    real_texts: list[tuple[str, str]],
) -> None:
    differing = []
    for name, text in real_texts:
        try:
            _assert_same_joined(text)
            _assert_same_joined(text, "\n\n")
            _assert_same_joined(text, "\n", [True, False, False])
        except AssertionError:
            differing.append(name)
    assert differing == []


@needs_scanner
def test_scanner_joined_matches_python_on_a_cli_block(
    real_texts: list[tuple[str, str]],
) -> None:
    """Every real file in one text (the CLI's blocks of many documents; its rows far out of
    the caches, the case the compiled output is for)."""
    block = "\n\n".join(_join_input(text) for _, text in real_texts[::3])
    _assert_same_joined(block)
    _assert_same_joined(block, "\n", [True])


@needs_scanner
@pytest.mark.parametrize(
    "text",
    [
        # the only wide characters are dropped (the leading indent, a U+3000 break): the
        # result is ASCII, as the Python join makes it
        "\u3000\u3000abc\n\ndef\n",
        "abc\u3000\n\u3000def",
        "\u3000\n\nab-\ncd\r\n\r\n",
        # Latin-1 text whose only character above ASCII is in a dropped break
        "caf\u00a0\n\u00a0e\n\n\n",
        # characters beyond the BMP kept and dropped
        "\U0001f600\n\nx\n",
        "x\n\n\U0001f600\u2029",
        "one",
        "one\n",
        "\n\n  one  \n\n",
    ],
)
def test_scanner_joined_keeps_the_character_kind_python_gives(text: str) -> None:
    for separator in ("\n", "\n\n", "\u3000", " "):
        for joins in (None, [], [True], [False, True]):
            _assert_same_joined(text, separator, joins)


@needs_scanner
@given(_documents(), st.lists(st.booleans(), max_size=5), st.sampled_from(["\n", "\n\n", " "]))
def test_scanner_joined_matches_python_on_generated_text(
    text: str, joins: list[bool], separator: str
) -> None:
    _assert_same_joined(text, separator)
    _assert_same_joined(text, separator, joins)


@needs_scanner
def test_scanner_joined_refuses_what_is_not_rows() -> None:
    joined = _compiled_joined()
    rows = paragraphs._python_rows("长江\n经济带\n")
    with pytest.raises(IndexError):
        joined("长江\n经济带\n", [], [], [], "\n")
    with pytest.raises(ValueError, match="outside the text"):
        joined("长江", rows, [True], [("", 0)], "\n")
    with pytest.raises(IndexError, match="fewer joiners"):
        joined("长江\n经济带\n", rows, [True], [], "\n")
    with pytest.raises(TypeError):
        joined("长江\n经济带\n", rows, [True], [("", 0)], None)  # type: ignore[arg-type]


# The margin (``_typical_width`` of rows): Scanner.typical_width against the Python code.


def _compiled_typical() -> paragraphs._Typical:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
        compiled = paragraphs._compiled()
    assert compiled is not None, "the compiled scanner did not build from paragraphs' tables"
    return compiled[3]


def _assert_same_margin(rows: list[_Row]) -> float | None:
    """The compiled and Python margins of ``rows``, with and without their indents, agree
    (bit for bit); the margin with indents is returned."""
    typical = _compiled_typical()
    margins = []
    for indented in (True, False):
        reach = [row.width + row.indent if indented else row.width for row in rows]
        expected = paragraphs._typical_width(rows, reach)
        found = typical(rows, indented)
        assert (type(found), found and found.hex()) == (type(expected), expected and expected.hex())
        margins.append(found)
    return margins[0]


@needs_scanner
def test_scanner_margin_matches_python_on_every_real_file(
    real_texts: list[tuple[str, str]],
) -> None:
    """Every real file's rows and the lines of its output as the fixed point of
    ``find_hard_wraps`` measures them: most raw pdftotext files have a margin."""
    differing = []
    margins = 0
    for name, text in real_texts:
        rows = paragraphs._python_rows(text)
        if not rows:
            continue
        try:
            margins += _assert_same_margin(rows) is not None
            joins = paragraphs._decide_at(
                rows, paragraphs._typical_width(rows, [row.width + row.indent for row in rows])
            )
            output = paragraphs._output_rows(text, rows, joins, None, {})
            _assert_same_margin(output)
        except AssertionError:
            differing.append(name)
    assert differing == []
    assert margins >= 100, "too few real files with a margin to compare"


@needs_scanner
def test_scanner_margin_matches_python_on_a_cli_block(
    real_texts: list[tuple[str, str]],
) -> None:
    """Many documents in one text (more than ``_SELECT_FROM`` rows: the bucketed selection),
    and a block of one document repeated (one margin)."""
    rows = paragraphs._python_rows("\n\n".join(text for _, text in real_texts[::4]))
    assert len(rows) > paragraphs._SELECT_FROM
    _assert_same_margin(rows)
    wrapped = next(text for name, text in real_texts if name.endswith("pdftotext.txt raw"))
    rows = paragraphs._python_rows("\n".join([wrapped] * 40))
    assert len(rows) > paragraphs._SELECT_FROM
    assert _assert_same_margin(rows) is not None


@needs_scanner
@given(_documents())
def test_scanner_margin_matches_python_on_generated_text(text: str) -> None:
    _assert_same_margin(paragraphs._python_rows(text))


@needs_scanner
@given(
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.sampled_from([0.0, 0.6, 2.0, 4.2]),
            st.integers(0, 40),
            st.booleans(),
        ),
        max_size=60,
    )
)
def test_scanner_margin_matches_python_on_any_widths(
    lines: list[tuple[int, float, int, bool]],
) -> None:
    """Rows of Han lines of any length, indent and count of Latin characters, ending a
    sentence or not: the margin's every branch (too few lines, none long, no pool, a
    margin with too few lines near it or too many beyond it)."""
    text = "".join(
        " " * round(indent / 0.6) + "中" * wide + "a" * narrow + ("。" if terminal else "") + "\n"
        for wide, indent, narrow, terminal in lines
    )
    _assert_same_margin(paragraphs._python_rows(text))


@needs_scanner
def test_scanner_margin_refuses_what_is_not_rows() -> None:
    typical = _compiled_typical()
    with pytest.raises(TypeError):
        typical([("not", "a", "row")] * 4, True)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        typical((), True)  # type: ignore[arg-type]
    assert typical([], False) is None


# The output's margin test (``_surely_no_margin``): Scanner.no_output_margin against Python.


def _compiled_no_margin() -> paragraphs._NoMargin:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ZHCLEAN_PURE_PYTHON", raising=False)
        compiled = paragraphs._compiled()
    assert compiled is not None, "the compiled scanner did not build from paragraphs' tables"
    return compiled[4]


def _assert_same_no_margin(rows: list[_Row], joins: list[bool]) -> bool:
    expected = paragraphs._surely_no_margin(rows, paragraphs._lasts(joins))
    found = _compiled_no_margin()(rows, joins)
    assert type(found) is bool and found == expected
    return found


def _join_patterns(rows: list[_Row]) -> list[list[bool]]:
    """The joins ``join_hard_wraps`` decides, none, and every second and third break."""
    breaks = range(len(rows) - 1)
    decided = paragraphs._decide_at(rows, paragraphs._margin(rows))
    return [
        decided,
        [False for _ in breaks],
        [k % 2 == 0 for k in breaks],
        [k % 3 > 0 for k in breaks],
    ]


@needs_scanner
def test_scanner_no_margin_matches_python_on_every_real_file(
    real_texts: list[tuple[str, str]],
) -> None:
    differing = []
    margins = 0
    for name, text in real_texts:
        rows = paragraphs._python_rows(text)
        try:
            for joins in _join_patterns(rows):
                margins += not _assert_same_no_margin(rows, joins)
        except AssertionError:
            differing.append(name)
    assert differing == []
    assert margins >= 100, "too few real outputs that may have a margin"


@needs_scanner
def test_scanner_no_margin_matches_python_on_cli_blocks(
    real_texts: list[tuple[str, str]],
) -> None:
    """Blocks of many documents, past ``_BUCKETED`` output lines: the bucketed test says
    "no margin" alone, or "maybe" and the sorted test decides (one wrapped document
    repeated, its rows left alone: a margin)."""
    rows = paragraphs._python_rows("\n\n".join(text for _, text in real_texts[::4]))
    for joins in _join_patterns(rows):
        _assert_same_no_margin(rows, joins)
    wrapped = next(text for name, text in real_texts if name.endswith("pdftotext.txt raw"))
    rows = paragraphs._python_rows("\n".join([wrapped] * 40))
    assert len(rows) > 4 * paragraphs._BUCKET_LIMIT
    assert not _assert_same_no_margin(rows, [False] * (len(rows) - 1))
    for joins in _join_patterns(rows):
        _assert_same_no_margin(rows, joins)


@needs_scanner
@given(_documents(), st.lists(st.booleans(), min_size=1, max_size=5))
def test_scanner_no_margin_matches_python_on_generated_text(text: str, joins: list[bool]) -> None:
    rows = paragraphs._python_rows(text)
    if rows:
        _assert_same_no_margin(rows, [joins[k % len(joins)] for k in range(len(rows) - 1)])


@needs_scanner
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 40), st.integers(0, 3), st.booleans()),
        min_size=1,
        max_size=300,
    )
)
def test_scanner_no_margin_matches_python_on_any_widths(
    lines: list[tuple[int, int, int, bool]],
) -> None:
    """Han lines of any length with Latin characters and spaces, joined or not: lines of
    about one length (a margin), of any length, few and many (past ``_BUCKETED``)."""
    text = "".join(
        "中" * wide + "a" * narrow + " b" * spaced + "\n" for wide, narrow, spaced, _ in lines
    )
    rows = paragraphs._python_rows(text)
    if rows:
        _assert_same_no_margin(rows, [join for _, _, _, join in lines[: len(rows) - 1]])


@needs_scanner
def test_scanner_no_margin_refuses_what_is_not_rows() -> None:
    no_margin = _compiled_no_margin()
    with pytest.raises(IndexError):
        no_margin([], [])
    with pytest.raises(IndexError):
        no_margin(paragraphs._python_rows("长江\n经济带\n"), [])
    with pytest.raises(TypeError):
        no_margin([("not", "a", "row")], [])  # type: ignore[list-item]
