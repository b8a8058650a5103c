"""normalize_whitespace: seed phrases, the clean corpus, and properties on seed text."""

from __future__ import annotations

import re
import string
from itertools import pairwise
from pathlib import Path

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import CORPUS, SEEDS, read_seed
from tests.strategies import clauses, han, seed_clauses
from zhclean.edits import apply_edits, check_edits
from zhclean.tables.whitespace import (
    _NO_CUE,
    _SOLID,
    CANDIDATE_RUN,
    NO_SPACE_AFTER_CHARS,
    PIECE_BREAK,
    SPACE_WORK,
    SPACE_WORK_ANY_PAIR,
)
from zhclean.whitespace import (
    _PIECE,
    _character_kinds,
    _cuts,
    _edits_by_line,
    _edits_by_piece,
    _edits_without_blank_lines,
    _line_edits,
    _normalized_by_piece,
    _piece_edits,
    find_whitespace,
    normalize_whitespace,
)

CLEAN_FILES = sorted(CORPUS.glob("*/clean.txt"))
REAL_FILES = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*/*.txt"))
INVISIBLE_OR_SPACE = regex.compile(r"[\s\p{Cf}\p{Cc}]")


@pytest.mark.parametrize(
    ("dirty", "expected"),
    [
        # seed 002: one-sided spaces at a number
        ("长江经济带发展战略实施近 8年来", "长江经济带发展战略实施近8年来"),
        ("中央军委主席习近平 12日下午", "中央军委主席习近平12日下午"),
        ("实施近8 年来", "实施近8年来"),
        # OCR of news-seed000-1: a space after a mid-sentence mark
        ("他强调，要完整、 准确、全面贯彻", "他强调，要完整、准确、全面贯彻"),
        ("不搞大开发 ，坚持生态优先", "不搞大开发，坚持生态优先"),
        # OCR letter-spacing: runs of single Han characters
        ("中 共 中 央 总 书 记", "中共中央总书记"),
        # ... closed up together with the Chinese tokens they touch, which OCR merged
        ("中 共 中 央总书记、 国 家 主 席 习近平", "中共中央总书记、国家主席习近平"),
        # line breaks, indents, trailing and invisible characters
        ("第一段\r\n第二段\r第三段", "第一段\n第二段\n第三段"),
        ("\u3000\u3000习近平在江西调研期间 \t", "习近平在江西调研期间"),
        ("\ufeff长江\u200b经济带\u00ad发展\u2060", "长江经济带发展"),
        ("Debian\u00a0是\u3000一个", "Debian 是 一个"),
        ("Debian   GNU/Linux中", "Debian GNU/Linux中"),
        ("a\tb\tc", "a\tb\tc"),
        # blank lines: document edges removed, runs collapsed to one
        ("\n\n\n李强蔡奇丁薛祥出席\n\n\n\n据新华社电\n \n\n", "李强蔡奇丁薛祥出席\n\n据新华社电\n"),
    ],
)
def test_removes_debris(dirty: str, expected: str) -> None:
    assert normalize_whitespace(dirty) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "重庆日报记者 陈国栋 周尤 何春阳",
        "据新华社电 中共中央总书记、国家主席、中央军委主席习近平12日下午",
        "贯彻二十大 建设新重庆",
        "党的二十大代表、沙坪坝区委书记 唐小平",
        "“六个聚焦”提能级 “六大机制”促发展",
        "题660项。 重庆晨报记者 陈军",
        "配置名 一 兼容性 一 宽度有歧义的字符",
        "Debian 是一个自由的操作系统",
        "软件包有 68980 个",
        "第 1 章 GNU/Linux 教程",
        "如GNOME 或者 KDE",
        "提供 PAM （Pluggable Authentication Modules）",
        "长江经济带\n\n发展",
    ],
)
def test_keeps_meaningful_spaces(kept: str) -> None:
    assert normalize_whitespace(kept) == kept


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda p: p.parent.name)
def test_clean_corpus_is_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert find_whitespace(text) == []


def test_seed_000_loses_only_its_leading_blank_lines() -> None:
    text = read_seed("000")
    edits = find_whitespace(text)
    assert {edit.reason for edit in edits} == {"blank lines"}
    assert normalize_whitespace(text) == text.lstrip("\n")


def test_seed_002_stray_spaces_go_and_lines_stay_separate() -> None:
    text = read_seed("002")
    out = normalize_whitespace(text)
    assert "近8年来" in out and "近 8年来" not in out
    assert not regex.search(r"[ \t]$", out, regex.MULTILINE)
    assert "\n\n\n" not in out
    # Blank-line runs are collapsed, never removed: paragraphs stay separate.
    assert len([line for line in out.split("\n") if line]) == len(
        [line for line in text.split("\n") if line.strip()]
    )


def test_min_letter_run_is_tunable() -> None:
    assert normalize_whitespace("王 春 全", min_letter_run=4) == "王 春 全"
    assert normalize_whitespace("王 春 全", min_letter_run=0) == "王 春 全"
    assert normalize_whitespace("王 春 全") == "王春全"


def test_max_blank_lines_is_tunable() -> None:
    assert normalize_whitespace("甲\n\n\n乙", max_blank_lines=0) == "甲\n乙"
    assert normalize_whitespace("甲\n\n\n乙", max_blank_lines=2) == "甲\n\n\n乙"


# --- properties -----------------------------------------------------------------

NOISE = [
    " ",
    "  ",
    "\t",
    "\u3000",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\r\n",
    "\r",
    "\n",
    "\n\n\n",
    "\x0c",
]
ASCII_RUNS = ["8", "12", "68980", "4.44%", "Debian", "GNU/Linux", "10:30"]


@st.composite
def spaced_text(draw: st.DrawFn) -> str:
    """Seed clauses, numbers and Latin words glued with spaces, breaks and invisibles."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        parts.append(
            draw(st.one_of(clauses(), st.sampled_from(ASCII_RUNS), st.sampled_from(NOISE)))
        )
        if draw(st.booleans()):
            # letter-spaced clause, as OCR writes it
            clause = draw(clauses())
            parts.append(" ".join(clause) if draw(st.booleans()) else clause)
    return "".join(parts)


@given(spaced_text())
@example("中 共 中 央总书记 、 国 家")
@example("近 8 年 来 的")
@example("甲\u200b \u200d乙")
def test_idempotent_and_finder_consistent(text: str) -> None:
    edits = find_whitespace(text)
    check_edits(edits, len(text))
    out = normalize_whitespace(text)
    assert out == apply_edits(text, edits)
    assert normalize_whitespace(out) == out


@given(spaced_text())
def test_only_whitespace_and_invisibles_go(text: str) -> None:
    out = normalize_whitespace(text)
    assert han(out) == han(text)
    assert INVISIBLE_OR_SPACE.sub("", out) == INVISIBLE_OR_SPACE.sub("", text)
    assert "\r" not in out and "\n\n\n" not in out
    assert not regex.search(r"[ \t\u3000\u00a0]$", out, regex.MULTILINE)


@given(st.sampled_from([c for c in seed_clauses() if regex.fullmatch(r"\p{Han}{3,}", c)]))
def test_letter_spaced_clause_is_closed_up(clause: str) -> None:
    assert normalize_whitespace(" ".join(clause)) == clause


@given(
    st.lists(
        st.sampled_from([c for c in seed_clauses() if regex.fullmatch(r"\p{Han}{2,}", c)]),
        min_size=2,
        max_size=5,
    )
)
def test_space_separated_words_are_kept(words: list[str]) -> None:
    text = " ".join(words)
    assert normalize_whitespace(text) == text


@st.composite
def spaced_tokens(draw: st.DrawFn) -> str:
    """Short tokens of seed Han (some with Chinese punctuation or a full-width number),
    Latin words and bullets, one space apart: the lines where letter-spacing and word
    spacing are hard to tell apart."""
    tokens = []
    for _ in range(draw(st.integers(2, 8))):
        clause = draw(clauses())
        start = draw(st.integers(0, len(clause) - 1))
        token = clause[start : start + draw(st.sampled_from([1, 2, 2, 3]))]
        mark = draw(st.sampled_from(["", "", "", "“", "”", "）", "《", "·", "８", "％"]))
        token = draw(st.sampled_from([token, mark + token, token + mark, "Debian", "●"]))
        tokens.append(token)
    return " ".join(tokens)


@given(spaced_tokens(), st.sampled_from([0, 2, 3, 4]))
@example("软件包 流行度 ● 共享库", 3)
@example("中 共 中 央", 2)
def test_lines_the_space_scan_passes_over_need_no_edit(text: str, min_letter_run: int) -> None:
    # The scan drops most spaces between two Chinese characters (the token after them has
    # two Han characters or ASCII, so no letter-spaced run can include it); the step's
    # edits must then come out the same as if the line had been worked on.
    if SPACE_WORK.search(text) is None:
        assert _line_edits(text, 0, len(text), min_letter_run) == []


# --- the space scan's gate ----------------------------------------------------------
# SPACE_WORK first rules out the spaces with plain ASCII on one side (_NO_CUE), for which
# no cue can hold; the scan must find exactly what it finds without that look-ahead.

UNGATED = [
    (gated, re.compile(gated.pattern.replace(f"(?!{_NO_CUE})", "", 1)))
    for gated in (SPACE_WORK, SPACE_WORK_ANY_PAIR)
]


def assert_gate_changes_nothing(text: str) -> None:
    for gated, ungated in UNGATED:
        assert gated.pattern != ungated.pattern
        found = [(m.span(), m.lastgroup) for m in gated.finditer(text)]
        assert found == [(m.span(), m.lastgroup) for m in ungated.finditer(text)]


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_space_scan_gate_changes_nothing_on_real_text(path: Path) -> None:
    assert_gate_changes_nothing(path.read_text())


@st.composite
def spaces_between_anything(draw: st.DrawFn) -> str:
    """Seed characters, every printable ASCII character, digits with their marks, opening
    marks and line breaks, with spaces between them: every kind of neighbour a space has."""
    pieces = st.one_of(
        clauses().map(lambda clause: clause[: draw(st.integers(1, 3))]),
        st.sampled_from(string.printable),
        st.sampled_from([*ASCII_RUNS, *NO_SPACE_AFTER_CHARS, "８", "50％", "3‰", "\r\n", "\f"]),
    )
    parts = [draw(st.sampled_from(["", " ", "  "]))]
    for _ in range(draw(st.integers(1, 12))):
        parts.append(draw(pieces))
        parts.append(draw(st.sampled_from(["", " ", " ", "  "])))
    return "".join(parts)


@given(spaces_between_anything())
@example("Debian 是 apt-get 的 “ 包” 近 8年来 第 1 节")
@example("（ Debian）\n Linux \n")
def test_space_scan_gate_changes_nothing(text: str) -> None:
    assert_gate_changes_nothing(text)


# --- the spaces-only path against the general one ---------------------------------
# _line_edits reads a line whose only candidate is the plain space by text positions
# (_plain_line_edits, the path every real document takes after the earlier steps); the
# general path, which maps the visible characters, must give the same edits there.


def plain_spaced(text: str) -> str:
    """``text`` with every run of candidates (tabs, full-width and no-break spaces,
    invisibles) turned into as many plain spaces: real spacing, only plain."""
    return CANDIDATE_RUN.sub(lambda found: " " * len(found.group()), text)


def assert_paths_agree(text: str, min_letter_run: int) -> None:
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        plain = _line_edits(text, start, end, min_letter_run, spaces_only=True)
        assert plain == _line_edits(text, start, end, min_letter_run, spaces_only=False), line
        start = end + 1


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_spaces_only_path_matches_general_path_on_real_lines(path: Path) -> None:
    text = plain_spaced(regex.sub(r"\r\n?|[\f\v\x85\u2028\u2029]", "\n", path.read_text()))
    for min_letter_run in (0, 1, 3):
        assert_paths_agree(text, min_letter_run)


@st.composite
def plain_spaced_lines(draw: st.DrawFn) -> str:
    """Seed clauses, numbers (with inner and end marks), Latin words and single Han
    characters, joined by runs of plain spaces or nothing, over a few lines."""
    pieces = st.one_of(
        clauses(),
        clauses().map(lambda clause: clause[-1:]),
        st.sampled_from(
            [*ASCII_RUNS, "８", "1,200.5%", "3.", "50％", "3‰", "，", "、", "（", "）"]
        ),
    )
    parts = []
    for _ in range(draw(st.integers(1, 16))):
        parts.append(draw(pieces))
        parts.append(draw(st.sampled_from(["", "", " ", " ", "  ", "\n"])))
    return "".join(parts)


@given(plain_spaced_lines(), st.sampled_from([0, 1, 2, 3, 4]))
@example("  近 8年来 1,200.5% 的 ", 3)
@example("据 新 华 社 电 中共中央 、 国 家", 3)
@example("第 3. 4 节 共 50％ 个", 2)
@example("同比增长50％ 以上，近 3‰的", 3)
def test_spaces_only_path_matches_general_path(text: str, min_letter_run: int) -> None:
    assert_paths_agree(text, min_letter_run)


# --- texts without blank lines against the line-by-line path ---------------------------
# A text whose only candidate is the plain space, with no blank line, skips the
# bookkeeping of every line (_edits_without_blank_lines, what the default pipeline hands
# the step); its edits must be those of the general path, _edits_by_line.


def assert_fast_path_agrees(text: str) -> None:
    odd_breaks, spaces_only = _character_kinds(text)
    for min_letter_run in (0, 1, 3):
        general = _edits_by_line(text, odd_breaks, spaces_only, min_letter_run, 1)
        assert find_whitespace(text, min_letter_run=min_letter_run) == general


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_text_without_blank_lines_matches_line_by_line_path_on_real_text(path: Path) -> None:
    lines = plain_spaced(regex.sub(r"\r\n?|[\f\v\x85\u2028\u2029]", "\n", path.read_text()))
    text = "\n".join(line for line in lines.split("\n") if line.strip(" "))
    assert _edits_without_blank_lines(text, 3) is not None  # the fast path is taken
    assert_fast_path_agrees(text)


@given(plain_spaced_lines())
@example("近 8年来\n李强 \n  \n第 1 节")  # a line of spaces only: back to the general path
@example("据 新 华 社 电\n（ 新华社）\n")
def test_text_without_blank_lines_matches_line_by_line_path(text: str) -> None:
    assert_fast_path_agrees(text)


def test_no_character_below_the_han_floor_is_han() -> None:
    """``is_han``/``is_cjk`` skip their ``regex`` call below ``HAN_FLOOR``: every code point
    there must be outside ``\\p{Han}``, and both tables' tests must agree with the pattern."""
    from zhclean.tables import punctuation as punctuation_tables
    from zhclean.tables import whitespace as whitespace_tables

    assert not any(whitespace_tables.HAN.match(chr(code)) for code in range(0x2E80))
    assert whitespace_tables.HAN.match(whitespace_tables.HAN_FLOOR)
    for code in [*range(0x3100), *range(0x3400, 0x3500), 0x4E00, 0x9FFF, 0xF900, 0x20000, 0x2A6DF]:
        char = chr(code)
        han = whitespace_tables.HAN.match(char) is not None
        assert whitespace_tables.is_han(char) == han == punctuation_tables.is_han(char)
        assert whitespace_tables.is_cjk(char) == (han or char in whitespace_tables.CJK_PUNCTUATION)
        assert punctuation_tables.is_cjk(char) == (
            han or char in punctuation_tables.CJK_PUNCTUATION
        )


# --- long texts piece by piece ----------------------------------------------------------
# Speed (issue #5): a text longer than _PIECE is cut just after line breaks with text on
# both sides (PIECE_BREAK) and each piece is worked on alone; the edits and the output
# must be those of the whole text read in one go (_piece_edits).


def assert_pieces_agree(text: str, size: int, min_letter_run: int, max_blank_lines: int) -> None:
    cuts = _cuts(text, size)
    assert cuts[0] == 0 and cuts[-1] == len(text) and cuts == sorted(set(cuts))
    assert all(PIECE_BREAK.match(text, cut - 1) for cut in cuts[1:-1])
    whole = _piece_edits(text, min_letter_run, max_blank_lines)
    assert _edits_by_piece(text, min_letter_run, max_blank_lines, size) == whole
    expected = apply_edits(text, whole)
    assert _normalized_by_piece(text, min_letter_run, max_blank_lines, size) == expected


def test_long_real_text_piece_by_piece_is_read_in_one_go() -> None:
    # Every real file raw (CRLF, form feeds, blank-line runs, invisible characters) and
    # joined as the CLI joins documents: one long text, cut at the step's own size.
    texts = [path.read_text(encoding="utf-8") for path in REAL_FILES]
    text = "\n\n".join(texts)
    assert len(_cuts(text)) > 10
    assert find_whitespace(text) == _piece_edits(text, 3, 1)
    assert normalize_whitespace(text) == apply_edits(text, _piece_edits(text, 3, 1))
    for options in ((1, 0), (0, 2)):
        assert find_whitespace(text, min_letter_run=options[0], max_blank_lines=options[1]) == (
            _piece_edits(text, *options)
        )
    # and each file cut into many small pieces
    for single in texts:
        assert_pieces_agree(single, 300, 3, 1)


@given(
    st.lists(st.one_of(spaced_text(), plain_spaced_lines()), min_size=1, max_size=8),
    st.integers(1, 60),
    st.sampled_from([0, 1, 3]),
    st.sampled_from([0, 1, 2]),
)
@example(["中共中央\n\n", "据 新 华 社 电", "\r\n近 8年来"], 1, 3, 1)
@example(["  李强 ", "\u200b近8 年来", "\n\n\n"], 2, 3, 0)
def test_pieces_agree_with_the_text_read_in_one_go(
    parts: list[str], size: int, min_letter_run: int, max_blank_lines: int
) -> None:
    text = "\n".join(parts)
    assert_pieces_agree(text, size, min_letter_run, max_blank_lines)


def test_a_long_text_is_cut_into_pieces_of_the_step_size() -> None:
    text = "长江经济带发展战略\n" * (_PIECE // 5)
    cuts = _cuts(text)
    assert len(cuts) > 2 and all(b - a >= _PIECE for a, b in pairwise(cuts[:-1]))


def test_piece_breaks_stand_between_visible_characters() -> None:
    # PIECE_BREAK's claim: no character it accepts next to the LF is a candidate (a
    # space, an invisible character) nor a line break, so both lines hold text.
    solid = re.compile(f"[{_SOLID}]")
    accepted = [chr(code) for code in range(0x110000) if solid.match(chr(code))]
    assert len(accepted) > 20_000
    assert not any(
        CANDIDATE_RUN.match(char) or char in "\n\r\f\v\x85\u2028\u2029" for char in accepted
    )
