"""join_hard_wraps: rebuild paragraphs from the physical lines of PDF/OCR text.

Contract (see docs/protocol.md): ``find_hard_wraps(text, **options) -> list[Edit]`` finds the
edits; ``join_hard_wraps(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

The line structure is inferred from the document, not assumed:

* **wrapped text** (PDF extractors, OCR): many lines reach a common right margin, the
  *typical width*. A line that reaches it (allowing for the first word of the next line,
  which did not fit) was wrapped by the typesetter; a line that stops short ends its
  paragraph. First lines are short by the paragraph indent, visible (``-layout``, U+3000)
  or not (pdftotext drops it: the line is just shorter), so the indent is measured too.
  When a document marks paragraph ends with a trailing space (seed 002: "。 "), that marker
  decides.
* **unwrapped text** (one paragraph per line, maybe blank lines between, seeds 000/003/004):
  the author's lines stand; only a line that stops mid-sentence ("…主销" / "区、产销…")
  before a blank-line run (a page or column break) is joined to the line after it.

Headings ("1.2.4. …", "第 9 章…", "# …") and list items always start a line of their own.

>>> join_hard_wraps("听取大家发言后，习近平发表了重要讲话。他强调，长\\n\\n\\n\\n"
...                 "江经济带发展战略实施近 8年来，沿江省市和中央有关部门\\n\\n"
...                 "认真贯彻落实党中央决策部署，坚持共抓大保护、不搞大开\\n\\n"
...                 "发，坚持生态优先、绿色发展。 \\n\\n习近平指出，从长远来看，\\n")
'听取大家发言后，习近平发表了重要讲话。他强调，长江经济带发展战略实施近 8年来，沿江省市和中央有关部门认真贯彻落实党中央决策部署，坚持共抓大保护、不搞大开发，坚持生态优先、绿色发展。\\n习近平指出，从长远来看，\\n'
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from typing import Any, Final, NamedTuple

from zhclean._native import COMPILED_ACTIVE
from zhclean.edits import Edit, takes_text
from zhclean.tables.paragraphs import (
    BLANK_LINE,
    BRACKET_NUMBER,
    FIRST_TOKEN,
    HEADING,
    HEADING_FIRST,
    HSPACE,
    HYPHEN_WORD_LEFT,
    HYPHEN_WORD_RIGHT,
    LATIN_CLASS,
    LATIN_CLASS_LINES,
    LATIN_LEFT,
    LATIN_RIGHT,
    LINE_END,
    LINE_SPLIT,
    LIST_FIRST,
    LIST_START,
    OPEN_END,
    OPENER_END,
    PRINTABLE_BLANK,
    QUOTED_FIRST_WORD,
    REMARK_OPEN,
    SENTENCE_PUNCT,
    SPACE_RUN_CHANGED,
    TERMINAL_END,
    TERMINAL_LAST,
    TERMINATORS,
    WIDE,
    WIDE_MARKS,
    WIDE_RUN,
    WORD_CHAIN,
)

__all__ = ["find_hard_wraps", "join_hard_wraps"]

#: How far short of the typical width a wrapped line may stop (ems): CJK line-breaking
#: rules push a character down when the next one may not start a line, and the width
#: of Latin text is only estimated.
_TOLERANCE: Final = 1.2
#: Width of one leading space of ``pdftotext -layout`` output, in ems.
_SPACE_EM: Final = 0.6


class _Row(NamedTuple):
    """A non-blank physical line."""

    start: int  # first character of the physical line
    content_start: int  # first non-space character
    content_end: int  # just after the last non-space character
    text: str
    indent: float  # leading space, in ems
    trailing: bool  # ends with a space (seed 002 marks paragraph ends so)
    width: float  # estimated width of the text, in ems
    gap: int  # blank lines between the previous row and this one
    narrow: int  # characters that are not wide (their width is only estimated)
    terminal: bool  # ends a sentence (TERMINAL_END)
    heading: bool  # has the shape of a heading (HEADING)
    listed: bool  # starts a list item or byline (LIST_START)
    token: float  # width of the first token (the word that did not fit on the line before)
    # the counts ``width`` is made of (space runs counted once), so that the width of lines
    # joined in the output is their sum, not a second measuring pass (``_output_rows``)
    wide: int  # wide characters
    spaces: int  # spaces
    thin: int  # thin Latin glyphs (``LATIN_CLASS`` "t")
    broad: int  # broad ones ("b")
    capital: int  # capitals ("c")
    other: int  # other narrow characters


def _estimate(collapsed: int, rest: str) -> float:
    """The width (ems) of a line of ``collapsed`` characters (space runs counted once)
    whose narrow characters are ``rest``: wide ones are one em, Latin by glyph class."""
    spaces = rest.count(" ")
    classes = rest.translate(LATIN_CLASS)
    thin = classes.count("t")
    broad = classes.count("b")
    capital = classes.count("c")
    other = len(rest) - spaces - thin - broad - capital
    return _width(collapsed - len(rest), spaces, thin, broad, capital, other)


def _width(wide: int, spaces: int, thin: int, broad: int, capital: int, other: int) -> float:
    """The width (ems) of a line from its counts of wide characters, spaces (runs counted
    once) and narrow characters by Latin glyph class. ``_rows`` inlines it and
    ``_joined_row`` sums counts into it: both rely on these float operations in this order.
    A line of only wide characters and spaces has its spaces narrower."""
    if not thin + broad + capital + other:
        return wide + 0.25 * spaces
    return wide + 0.27 * spaces + 0.3 * thin + 0.85 * broad + 0.66 * capital + 0.53 * other


def _token_width(token: str) -> float:
    """The width (ems) of a line's first token (``FIRST_TOKEN``): one em per character of a
    Han run, else estimated. ``_estimate`` without collapsing space runs, for a first token
    holds no space (its first character is the line's, and no other can be one)."""
    if WIDE_RUN.fullmatch(token):
        return float(len(token))
    return _estimate(len(token), WIDE_RUN.sub("", token))


def _indent(lead: str) -> float:
    return (
        lead.count("\u3000")
        + lead.count("\t") * 2
        + (len(lead) - lead.count("\u3000") - lead.count("\t")) * _SPACE_EM
    )


def _line_flags(content: str) -> tuple[bool, bool, bool]:
    """Whether a non-empty line ends a sentence (``TERMINAL_END``), is a heading
    (``HEADING``) and starts a list item (``LIST_START``), for ``_Row``.

    The patterns are asked only when the last or first character allows a match: a
    terminator ends the line and ``TERMINAL_END`` matches it alone; ``\\d`` is
    ``str.isdecimal`` and the other characters the patterns start with are listed.

    >>> _line_flags("1.2.4. 控制新建文件的权限：umask"), _line_flags("接着说下去。")
    ((False, True, False), (True, False, False))
    """
    last, first = content[-1], content[0]
    digit = first.isdecimal()
    return (
        last in TERMINATORS or (last in TERMINAL_LAST and TERMINAL_END.search(content) is not None),
        (digit or first in HEADING_FIRST) and HEADING.match(content) is not None,
        (digit or first in LIST_FIRST) and LIST_START.match(content) is not None,
    )


_WordSets = tuple[frozenset[str], frozenset[str]]
_Joined = Callable[[str, list[_Row], list[bool], list[tuple[str, int]], str], str]
_Typical = Callable[[list[_Row], bool], float | None]
_NoMargin = Callable[[list[_Row], list[bool]], bool]


def _compiled() -> (
    tuple[Callable[[str], list[_Row]], Callable[[str], _WordSets], _Joined, _Typical, _NoMargin]
    | None
):
    """``_rows``, ``_vocabulary``'s word sets, ``_joined_text``, ``_typical_width`` of rows
    and ``_surely_no_margin`` of the output compiled (zhclean/_rowscan.c: the same rows 4x
    faster; the word sets in one tenth of the regex pass, which on a CLI block of many
    documents was 10 ms of 2.1 MB; the output copied once, not sliced and joined; the
    margins on arrays of doubles, not lists of floats), or None when the extension is not
    built or
    ``ZHCLEAN_PURE_PYTHON=1`` asks for the Python code (the reference: tests/test_rowscan.py
    compares the two)."""
    if os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0"):
        return None
    try:
        from zhclean._rowscan import Scanner
    except ImportError:
        return None
    try:
        scanner = Scanner(**_scanner_tables())
    except ValueError as error:  # a pattern the C code implements was edited
        warnings.warn(f"zhclean._rowscan not used: {error}", RuntimeWarning, stacklevel=1)
        return None
    return (
        scanner.rows,
        scanner.vocabulary,
        scanner.joined,
        scanner.typical_width,
        scanner.no_output_margin,
    )


def _compiled_rows() -> Callable[[str], list[_Row]] | None:
    """``_rows`` compiled, or None (``_compiled``)."""
    compiled = _compiled()
    return None if compiled is None else compiled[0]


def _scanner_tables() -> dict[str, Any]:
    """What the C scanner reads: the row type, the width of a space and the tables
    (it checks the patterns it implements itself against these)."""
    return {
        "row": _Row,
        "space_em": _SPACE_EM,
        "line_end": LINE_END,
        "wide": WIDE_RUN,
        "space_run": SPACE_RUN_CHANGED,
        "first_token": FIRST_TOKEN,
        "blank_line": BLANK_LINE,
        "heading": HEADING,
        "list_start": LIST_START,
        "terminal_end": TERMINAL_END,
        "hspace": HSPACE,
        "printable_blank": PRINTABLE_BLANK,
        "terminators": TERMINATORS,
        "terminal_last": TERMINAL_LAST,
        "heading_first": HEADING_FIRST,
        "list_first": LIST_FIRST,
        "latin_class": LATIN_CLASS,
        "word_chain": WORD_CHAIN,
    }


_COMPILED = _compiled()
_COMPILED_ROWS = None if _COMPILED is None else _COMPILED[0]
_COMPILED_VOCABULARY = None if _COMPILED is None else _COMPILED[1]
_COMPILED_JOINED = None if _COMPILED is None else _COMPILED[2]
_COMPILED_TYPICAL = None if _COMPILED is None else _COMPILED[3]
_COMPILED_NO_MARGIN = None if _COMPILED is None else _COMPILED[4]


def _rows(text: str, tokens: dict[str, float] | None = None) -> list[_Row]:
    """The non-blank lines of ``text``; ``tokens`` caches first-token widths between calls
    on one document (its output is measured again: the same tokens start its lines) for the
    Python code, whose regexes measure slowly; the C scanner measures every token itself."""
    if _COMPILED_ROWS is not None:
        return _COMPILED_ROWS(text)
    return _python_rows(text, tokens)


def _python_rows(text: str, tokens: dict[str, float] | None = None) -> list[_Row]:
    """``_rows`` in Python: the reference zhclean/_rowscan.c is tested against, and the
    fallback when it is not built."""
    if "\r\n" in text:
        parts = LINE_SPLIT.split(text)
        raws = parts[::2]
        break_lengths = [*map(len, parts[1::2]), 0]
    else:
        # every line end is one character: ``str.splitlines`` knows the same ones as
        # ``LINE_END``, 4x faster than the regex split (it drops a last empty line: blank)
        raws = text.splitlines()
        if not raws:
            return []
        break_lengths = [1] * len(raws)
    contents = [raw.strip(HSPACE) for raw in raws]
    # the measures of every line at once: one regex pass over the document, not several
    # per line. No line holds a "\n", so the joined measures split back into lines one to
    # one.
    joined = "\n".join(contents)
    # ``SPACE_RUN.sub`` by the runs it changes, and only where there can be one: most
    # documents have single spaces only
    collapsed = (
        SPACE_RUN_CHANGED.sub(" ", joined)
        if "  " in joined or "\t" in joined or "\u00a0" in joined or "\u3000" in joined
        else joined
    )
    # each line's narrow characters, space runs collapsed (its wide ones are one em each)
    rests = WIDE_RUN.sub("", collapsed).split("\n")
    lengths = [len(line) for line in collapsed.split("\n")]
    # collapsing spaces keeps every wide character unless it shortens a U+3000 run: only
    # then are a line's narrow characters not its length less its collapsed form's wide ones
    exact = collapsed == joined or "\u3000" not in joined
    narrows = rests if exact else WIDE_RUN.sub("", joined).split("\n")
    # the Latin glyph classes of every line at once too (the table keeps "\n")
    classes_all = "\n".join(rests).translate(LATIN_CLASS_LINES).split("\n")
    rows: list[_Row] = []
    # bound once: the loop below runs once per line of the document
    append = rows.append
    # a NamedTuple's own ``__new__`` is a Python function; ``tuple.__new__(_Row, values)``
    # builds the same tuple (``_Row`` has no defaults) without that call
    new_row = tuple.__new__
    first_token = FIRST_TOKEN.match
    heading = HEADING.match
    listed = LIST_START.match
    terminal_end = TERMINAL_END.search
    position = 0
    gap = 0
    # first tokens repeat (the same Han characters start many lines): measure each once
    if tokens is None:
        tokens = {}
    for raw, break_length, content, rest, narrow, length, classes in zip(
        raws, break_lengths, contents, rests, narrows, lengths, classes_all, strict=True
    ):
        # a line is blank when it prints nothing (``BLANK_LINE``); the regex only for the
        # rare unprintable lines, and inline: this runs on every line
        if content and (
            content.strip(PRINTABLE_BLANK)
            if content.isprintable()
            else BLANK_LINE.fullmatch(content) is None
        ):
            lead = len(raw) - len(raw.lstrip(HSPACE))
            match = first_token(content)
            token = 1.0
            if match:
                first = match.group()
                token = tokens.get(first, -1.0)
                if token < 0:
                    token = tokens[first] = _token_width(first)
            # ``_width`` inlined (it runs on every line), with the classes counted above
            wide = length - len(rest)
            spaces = rest.count(" ")
            other = len(rest) - spaces
            if not other:
                thin = broad = capital = 0
                width = wide + 0.25 * spaces
            else:
                thin = classes.count("t")
                broad = classes.count("b")
                capital = classes.count("c")
                other -= thin + broad + capital
                width = (
                    wide + 0.27 * spaces + 0.3 * thin + 0.85 * broad + 0.66 * capital + 0.53 * other
                )
            start = position + lead
            last = content[-1]
            first_char = content[0]
            digit = first_char.isdecimal()
            append(
                new_row(
                    _Row,
                    (
                        position,
                        start,
                        start + len(content),
                        content,
                        _indent(raw[:lead]) if lead else 0.0,
                        raw[-1] in HSPACE,
                        width,
                        gap,
                        len(content) - wide if exact else len(narrow),
                        # ``_line_flags`` inlined: a call per line cost 3 % of the step
                        # (tests/test_paragraphs.py pins that the two agree)
                        last in TERMINATORS
                        or (last in TERMINAL_LAST and terminal_end(content) is not None),
                        (digit or first_char in HEADING_FIRST) and heading(content) is not None,
                        (digit or first_char in LIST_FIRST) and listed(content) is not None,
                        token,
                        wide,
                        spaces,
                        thin,
                        broad,
                        capital,
                        other,
                    ),
                )
            )
            gap = 0
        else:
            gap += 1
        position += len(raw) + break_length
    return rows


def _typical_width(rows: list[_Row], reach: list[float]) -> float | None:
    """The common right margin of wrapped lines, or None when lines do not wrap.
    ``reach`` is each row's width plus indent.

    Measured on the lines that certainly wrap (they stop mid-sentence and the text goes
    on): their median reach. The long lines in general mix in paragraph first lines,
    short by the indent the extractor dropped, which pulled the estimate down by the
    indent (maint-dother-1). None when the long lines do not cluster, as in text with
    one paragraph per line.
    """
    n = len(rows)
    if n < 4:
        return None
    # not the maximum: an extractor sometimes runs two lines into one (maint-dreq-1)
    longest = _nth_smallest(reach, n - min(n, max(2, n // 20)))
    if longest < 8:
        return None

    # whether each break certainly wraps, once per break (both pools below read it).
    # The loops of this module index the rows: pairing them (``pairwise``, ``zip``) built
    # a tuple per row and pass, a tenth of the step.
    reaches = 0.6 * longest
    wraps: list[bool] = []
    a = rows[0]
    for k in range(1, n):
        b = rows[k]
        wraps.append(reach[k - 1] >= reaches and not a.terminal and not a.heading and not b.heading)
        a = b
    # lines inside a paragraph (the line before wraps too) reach the margin; first
    # lines stop short by the indent the extractor dropped (maint-dother-1: 2 ems);
    # every wrapping line only when the inner ones are too few
    width = _median_reach(rows, reach, [k for k in range(1, n - 1) if wraps[k - 1] and wraps[k]], 5)
    if width is None:
        width = _median_reach(rows, reach, [k for k in range(n - 1) if wraps[k]], 2)
        if width is None:
            return None
    # ``_slack`` inlined: these run over every row
    near = over = 0
    for k in range(n):
        extent = reach[k]
        slack = min(2.0, 0.06 * rows[k].narrow)
        near += abs(extent - width) <= 1.5 + slack
        over += extent > width + 3 + 2 * slack
    # a handful of lines (a short quotation) may have only two at the margin
    if near < max(2 if n <= 6 else 3, 0.12 * n) or over > 0.1 * n:
        return None
    return width


def _median_reach(
    rows: list[_Row], reach: list[float], pool: list[int], enough: int
) -> float | None:
    """The median reach of the rows ``pool`` (at least ``enough`` of them), or None.

    Widths of Han lines are exact, those of Latin only estimated (justified ReportLab
    lines with code overshoot by 2-4 ems: debref-ch06-1), so Han lines measure first."""
    exact = [reach[k] for k in pool if rows[k].narrow <= 2]
    measured = exact if len(exact) >= max(3, 0.25 * len(pool)) else [reach[k] for k in pool]
    return _nth_smallest(measured, len(measured) // 2) if len(measured) >= enough else None


#: From this many values on, ``_nth_smallest`` selects by buckets instead of sorting: one
#: document of 34 MB has 341,552 lines, whose sort for ``_typical_width`` took 33 ms, 20x
#: its cost on 2.1 MB (n log n, and a list far bigger than the caches).
_SELECT_FROM: Final = 4096


def _nth_smallest(values: list[float], n: int) -> float:
    """``sorted(values)[n]``. Many values are counted by 1-em buckets (``_bucket``, a
    monotone map) and only those in the bucket that holds the ``n``-th are sorted: line
    widths spread over dozens of ems, so that is a few percent of them.

    >>> _nth_smallest([3.5, 1.25, 2.0, 1.5], 1), _nth_smallest([9.0] * 5000 + [1.0], 0)
    (1.5, 1.0)
    """
    if len(values) < _SELECT_FROM:
        return sorted(values)[n]
    counts = [0] * (_BUCKET_LIMIT + 1)
    for value in values:
        counts[_bucket(value)] += 1
    bucket = 0
    below = 0  # values in the buckets before ``bucket``
    while below + counts[bucket] <= n:
        below += counts[bucket]
        bucket += 1
    return sorted([value for value in values if _bucket(value) == bucket])[n - below]


def _slack(row: _Row) -> float:
    """How far the estimated width of a row may be off (ems): Latin widths are guesses."""
    return min(2.0, 0.06 * row.narrow)


def _hidden_indent(rows: list[_Row], width: float) -> float:
    """The first-line indent the extractor dropped (pdftotext: first lines are short).

    Measured on the lines that follow a sentence-ending short line: in an indented
    document they stop short of the margin by the indent (news-seed000-1: 2 ems), in
    an unindented one they reach it.
    """
    starts = [
        rows[k]
        for k in range(1, len(rows))
        if rows[k - 1].terminal
        and rows[k - 1].width + rows[k - 1].indent < width - 2
        and rows[k].width >= width - 5
        # a line that ends a sentence may be a whole one-line paragraph, short of the
        # margin by its own length: in unindented maint-first-1 such lines ("…确保其可用性。")
        # were most of the Han starts and made a 3-em "indent" that split every paragraph
        # ending on a full line (FN 13->4); only lines that certainly wrap measure it
        and not rows[k].terminal
        and not rows[k].heading
        and not rows[k - 1].heading
    ]
    # Han first lines measure exactly; Latin ones overshoot and hid the indent
    # (debref-ch01-3 once the margin came from Han lines)
    exact = [row for row in starts if row.narrow <= 2]
    deficits = sorted(width - row.width for row in (exact if len(exact) >= 3 else starts))
    if len(deficits) < 3:
        return 0.0
    middle = deficits[len(deficits) // 2]
    return middle if 0.8 <= middle <= 3.5 else 0.0


class _Vocabulary(NamedTuple):
    """The words of a document and its hyphenated pairs ("debian-user"), built once."""

    words: frozenset[str]
    hyphenated: frozenset[str]


def _vocabulary(text: str) -> _Vocabulary:
    """The words of ASCII letters of ``text`` and the pairs of them a "-" joins, all that
    ``_joiner`` looks up.

    >>> vocabulary = _vocabulary("订阅 debian-user 邮件列表，或使用debian-l10n-chinese")
    >>> sorted(vocabulary.words), sorted(vocabulary.hyphenated)
    (['chinese', 'debian', 'user'], ['debian-user'])
    """
    if _COMPILED_VOCABULARY is not None:
        return _Vocabulary(*_COMPILED_VOCABULARY(text))
    return _python_vocabulary(text)


def _python_vocabulary(text: str) -> _Vocabulary:
    """``_vocabulary`` in Python: the reference zhclean/_rowscan.c is tested against, and
    the fallback when it is not built."""
    # one pass over the document: searching it again at every hyphenated line end made
    # the step quadratic ("…-" / "expialidocious" lines: 16x input, 233x time)
    words: set[str] = set()
    pairs: set[str] = set()
    for chain in WORD_CHAIN.findall(text):
        if "-" in chain:
            parts = chain.split("-")
            words.update(parts)
            pairs.update(f"{x}-{y}" for x, y in pairwise(parts))
        else:
            words.add(chain)
    return _Vocabulary(frozenset(words), frozenset(pairs))


def _joiner(left: str, right: str, vocabulary: _Vocabulary | None) -> tuple[str, int]:
    """The text that replaces a line break inside a paragraph, and how many characters
    of ``left`` it also replaces (1 for an English hyphenation "algo-" / "rithm").
    ``vocabulary`` is None only when ``_reads_vocabulary`` says no call reads it."""
    if left and ord(left[-1]) >= 128:
        # every rule below needs an ASCII last character ("-", a Latin one) or gives ""
        # (a digit: ``isdigit`` holds for "１", whose number branch gives "" too); ``ord``
        # of an index builds no string (mypyc), most lines end with a Han character
        return "", 0
    # both left patterns end with a character class and "$" (row texts hold no "\n"): the
    # last character decides whether to search; a search from every position scanned the line
    hyphen = HYPHEN_WORD_LEFT.search(left) if left[-1:] == "-" else None
    if hyphen:
        tail = HYPHEN_WORD_RIGHT.match(right)
        if tail and hyphen.group(1).islower() and vocabulary is not None:
            head, rest = hyphen.group(1), tail.group(1)
            # The document's own usage decides; English prose drops the hyphen, the
            # technical names in Chinese manuals ("debian-" / "user") keep it.
            if head + rest in vocabulary.words:
                return "", 1
            if f"{head}-{rest}" not in vocabulary.hyphenated and not WIDE.search(left + right):
                return "", 1
        return "", 0
    if left[-1:].isdigit() and right[:1].isdigit() and WIDE.search(left[-8:] + right[:8]):
        # a number the wrap cut in Chinese text ("习近平1" / "2日下午")
        return "", 0
    if LATIN_LEFT.match(left, len(left) - 1) and LATIN_RIGHT.match(right):
        return " ", 0
    return "", 0


def _reads_vocabulary(rows: list[_Row]) -> bool:
    """Whether ``_joiner`` may read the vocabulary for a break of ``rows``: only after a
    lowercase word hyphenated at a line end ("algo-") with a lowercase word after it. Lines
    ending with "-" are many more ("--" options, "-" bullets in debref): building the
    vocabulary for them was a tenth of the step."""
    for k in range(len(rows) - 1):
        text = rows[k].text
        if text.endswith("-"):
            hyphen = HYPHEN_WORD_LEFT.search(text)
            if hyphen and hyphen.group(1).islower() and HYPHEN_WORD_RIGHT.match(rows[k + 1].text):
                return True
    return False


def _mid_sentence(row: _Row) -> bool:
    """A line that stops inside a sentence (seed 000: "…沿江省市无论是粮食主产区还是主销")."""
    if OPEN_END.search(row.text):
        return True
    return not row.terminal and len(row.text) >= 10 and bool(SENTENCE_PUNCT.search(row.text))


def _continues(row: _Row) -> bool:
    """A line that can carry on a sentence: not a heading, list item or bare label."""
    if row.heading or row.listed:
        return False
    return bool(row.terminal or SENTENCE_PUNCT.search(row.text)) or len(row.text) >= 20


def _decide(rows: list[_Row]) -> list[bool]:
    """For each pair of consecutive rows, whether the break between them is a wrap."""
    return _decide_at(rows, _margin(rows))


def _margin(rows: list[_Row]) -> float | None:
    """``_typical_width`` of ``rows`` as they stand (their reach: width plus indent)."""
    return _row_margin(rows, indented=True) if len(rows) > 1 else None


def _row_margin(rows: list[_Row], *, indented: bool) -> float | None:
    """``_typical_width`` of ``rows`` whose reach is their width plus their indent
    (``indented``) or their width alone (output lines: the output has no indents).

    The C scanner reads the rows once into arrays of doubles: the lists of floats of the
    Python code made this 30x slower on one document of 16x the corpus (34 MB) than on the
    corpus."""
    if _COMPILED_TYPICAL is not None:
        return _COMPILED_TYPICAL(rows, indented)
    if indented:
        return _typical_width(rows, [row.width + row.indent for row in rows])
    return _typical_width(rows, [row.width for row in rows])


def _decide_at(rows: list[_Row], width: float | None) -> list[bool]:
    """``_decide`` with the rows' margin known: ``width`` is ``_margin(rows)``."""
    if len(rows) < 2:
        return []
    if width is None:
        return [
            rows[k].gap > 0 and _mid_sentence(rows[k - 1]) and _continues(rows[k])
            for k in range(1, len(rows))
        ]

    trailing = [row for row in rows if row.trailing]
    trailing_marks = 0 < len(trailing) < 0.5 * len(rows) and sum(
        1 for row in trailing if row.terminal
    ) >= 0.7 * len(trailing)
    indents_visible = _indents_visible(rows, width)
    hidden = 0.0 if indents_visible else _hidden_indent(rows, width)
    gaps_mark_ends, gaps_mark_fragments = _gap_meaning(rows, width)
    # visible indents say where paragraphs start; the end marks fill in for them
    end_marks = "" if indents_visible else _end_marks(rows, width)
    if hidden or gaps_mark_ends or trailing_marks:
        end_marks = end_marks.replace("。", "")
    layout = _Layout(
        width,
        hidden,
        trailing_marks,
        indents_visible,
        gaps_mark_ends,
        gaps_mark_fragments,
        end_marks,
    )

    joins: list[bool] = []
    starts_paragraph = True
    # how far the physical line under construction reaches: pdftotext and pdfminer cut a
    # line into fragments where the font changes (inline code: "…新建文件受" / "umask" /
    # "shell" / "内置命令"), so a short row may be only part of a full line
    reach = rows[0].width + rows[0].indent
    lines = _fragment_lines(rows, width)
    questions = _question_headings(rows)
    for k in range(len(rows) - 1):
        a, b = rows[k], rows[k + 1]
        if starts_paragraph and not indents_visible:
            reach += hidden
        if k in questions:
            joins.append(True)
            starts_paragraph = False
            reach = b.width + b.indent
            continue
        join, fragment = _join(a, b, reach, starts_paragraph, layout, lines[k + 1])
        joins.append(join)
        starts_paragraph = not join
        reach = reach + 0.5 + b.width if fragment else b.width + b.indent
    return joins


def _question_headings(rows: list[_Row]) -> set[int]:
    """The breaks inside question headings wrapped onto three lines, in the heading's
    larger font: "7.9. 一个软件包依赖、推荐、建" / "议、冲突、替代、破坏或者提供" /
    "另一个软件包是什么意思？" (a FAQ in a two-column layout, benchmarks/twocol).

    ``_join`` sees one break at a time and joins a heading only to a short question tail
    ("…我该" / "怎么办？"); here the middle line is no wider than the heading's first line
    and holds no sentence punctuation, and the third line, no wider either, asks.
    """
    found: set[int] = set()
    for k in range(len(rows) - 2):
        head, middle, tail = rows[k], rows[k + 1], rows[k + 2]
        if not head.heading or head.terminal or middle.heading or tail.heading:
            continue
        if middle.listed or tail.listed or middle.terminal or middle.gap or tail.gap:
            continue
        widest = head.width + head.indent + 1.0
        if middle.width > widest or tail.width > widest:
            continue
        if SENTENCE_PUNCT.search(middle.text) or not _asks(tail.text):
            continue
        found.update((k, k + 1))
    return found


#: Closing quotes after which a line ends a sentence only if a terminator precedes them.
_QUOTE_CLOSERS: Final = frozenset("”」』")

#: Punctuation that ends a clause or sentence inside a question heading's tail, which a
#: heading's tail does not hold (a comma it may: "8.2. Debian 声称可以更新正在运行的程" /
#: "序，这是怎么做到的？", held-out faq-pkgtools-1).
_CLAUSE_END: Final = re.compile(r"[。；;！!？?]")


def _asks(text: str) -> bool:
    """Whether a line ends with a question mark ("…是什么意思？", "…是 Linux？！")."""
    return text.rstrip("！!")[-1:] in ("？", "?")


class _Layout(NamedTuple):
    """What a document's line structure says about its paragraph ends."""

    width: float  # the typical width (right margin), in ems
    hidden: float  # first-line indent the extractor dropped, in ems
    trailing_marks: bool  # a trailing space marks paragraph ends (seed 002)
    indents_visible: bool  # first lines are indented with spaces
    gaps_mark_ends: bool  # blank lines sit between paragraphs but never inside one
    gaps_mark_fragments: bool  # blank lines sit around fragments of lines only
    end_marks: str  # a full line ending with one of these ends its paragraph (no other marks)


def _indents_visible(rows: list[_Row], width: float) -> bool:
    """Whether paragraphs start with a visible indent (``-layout``, U+3000).

    Judged on the lines after a short sentence-ending line, which start paragraphs: most
    of them must be indented. pdfminer indents a stray fragment now and then
    ("  内置命令" in debref-ch01-2), which is no evidence of paragraph indents.
    """
    starts, indented = 1, int(0.9 <= rows[0].indent <= 4.5)
    for k in range(1, len(rows)):
        a, b = rows[k - 1], rows[k]
        if a.terminal and a.width + a.indent < width - 1.5 and not b.heading:
            starts += 1
            indented += 0.9 <= b.indent <= 4.5
    margin_rows = sum(1 for row in rows if row.indent < 0.9)
    if margin_rows < 0.5 * len(rows):
        return False
    if indented >= 2 and indented >= 0.6 * starts:
        return True
    # paragraphs that happen to end on a full line: indents only ever after a sentence end
    after = [k for k in range(len(rows)) if 0.9 <= rows[k].indent <= 4.5]
    return len(after) >= 2 and all(k == 0 or rows[k - 1].terminal for k in after)


def _gap_meaning(rows: list[_Row], width: float) -> tuple[bool, bool]:
    """Whether a blank line means a paragraph end in this document, and whether it means
    a cut inside a line instead (``gaps_mark_ends``, ``gaps_mark_fragments`` of ``_Layout``).

    ``pdftotext -layout`` keeps the space between unindented paragraphs as a blank line
    (maint-start-1) while wrapped lines follow each other directly; pdfminer and
    double-spaced text put blank lines after every line, so the blank line says nothing.
    Plain pdftotext puts one only around the blocks it cuts a line into at a font change
    ("…新建文件受" / "umask" / "shell" / "内置命令", debref-ch01-2): neither wraps nor
    paragraph ends have one, and a short line that stops mid-sentence before one is a
    fragment of its line (in the dev pdftotext references 110 of 111 such lines). Only
    one blank line counts: two are a page break or a dropped block. ``-layout`` keeps lines
    whole, and its short lines before a blank line lead in to dropped code; its blank lines
    at paragraph ends or inside wraps keep the test off (every dev document).
    Decided on the breaks whose nature is certain: full lines stopping mid-sentence
    (wraps) and short lines ending a sentence (paragraph ends).
    """
    wraps = wrap_gaps = ends = end_gaps = cuts = 0
    for k in range(1, len(rows)):
        a, b = rows[k - 1], rows[k]
        if a.heading or b.heading:
            continue
        reach = a.width + a.indent
        if a.terminal:
            if reach < width - 4:
                ends += 1
                end_gaps += b.gap > 0
        elif reach >= width - _TOLERANCE:
            wraps += 1
            wrap_gaps += b.gap > 0
        else:
            cuts += b.gap == 1
    if wraps < 5 or ends < 3 or wrap_gaps > 0.1 * wraps:
        return False, False
    return end_gaps >= 0.6 * ends, end_gaps <= 0.2 * ends and cuts >= 3


def _end_marks(rows: list[_Row], width: float) -> str:
    """Which of "。" and "：" end a paragraph when they end a full line: those for which
    that is likelier than a wrap that fell just after the mark ("。" is used only in a
    layout with no paragraph marks at all: no indent, no blank line).

    A wrap falls after a full stop about as often as a full stop occurs inside the text
    (the density of "。" not at a line end); a paragraph's last line reaches the margin
    about as often as the margin window is wide, once per paragraph (counted by the
    short lines that end a sentence). Manuals of short paragraphs (maint-start-1,
    debref-ch04-1: 14 of 15 such lines end a paragraph) are far on the side of ends;
    long paragraphs of dense prose stay wraps.

    "：" by the same count, its paragraph ends by the short lines ending with it: the
    lead-in of a list ("…需要如下几个特定的文件：" / "获取一份…") often fills its line,
    while a colon inside a sentence is rare. On dev and tune2, full lines ending with
    "：" ended a paragraph 20 times of 23 (maint-first-1, maint-start-1, maint-update-1,
    maint-advanced-1, faq-pkg-basics-2), and 13 of those ends were joined. List items
    carry no first-line indent, so "：" counts where the dropped indent is only inferred
    too (maint-update-1, maint-advanced-1: one FN less each), but not where indents are
    visible (edu-debian-edu-bookworm-manual-4 -layout: "…执行两个命令：" wraps). Measured: dev FN pdftotext 41->35, pdfminer
    37->31, no FP more; tune2 one FN less and one FP more.
    """
    window = 2.5
    # the marks not at a line end: counted on the whole text at once, less the last ones
    # (``endswith``: a string of the last characters built one per row)
    everything = "".join([row.text for row in rows])
    chars = len(everything)
    inner = everything.count("。")
    colons = everything.count("：")
    ends = colon_ends = wraps = 0
    for row in rows:
        text = row.text
        inner -= text.endswith("。")
        colons -= text.endswith("：")
        if row.heading:
            continue
        reach = row.width + row.indent
        if row.terminal and reach < width - window:
            ends += 1
            # ``_stop(text) == "："`` without building the last character: only a line
            # ending with a bracket stops elsewhere than at its last character
            colon_ends += text.endswith("：") or (
                (text.endswith(")") or text.endswith("）")) and _stop(text) == "："
            )
        # ``_slack(row)`` inlined: this runs on every row
        elif not row.terminal and reach >= width - _TOLERANCE - min(2.0, 0.06 * row.narrow):
            wraps += 1
    if ends < 5 or not chars:
        return ""
    share = window / (width - window)
    marks = ""
    for mark, mark_ends, count in (("。", ends, inner), ("：", colon_ends, colons)):
        density = count / chars
        if mark_ends >= 2 and mark_ends * share > 2 * wraps * density / (1 - density):
            marks += mark
    return marks


def _stop(text: str) -> str:
    """The mark that ends the sentence of a terminal line, before a remark in brackets:
    a full line "…quilt.pdf.gz.)" or "…的语法。(参看 python(1))" ends like one ending with
    "。" (maint-start-1).

    >>> _stop("后再放入栈内。(参看 quilt(1))"), _stop("如下几个特定的文件：")
    ('。', '：')
    """
    last = text[-1]
    if last not in ")）":
        return last
    match = TERMINAL_END.search(text)
    return match.group()[0] if match else last


def _title_like(a: _Row, b: _Row) -> bool:
    """A short line that is a title or a list label ("通过名字指向另一个文件的特殊文件"),
    not a fragment a font change cut from its line ("…新建文件受" / "umask")."""
    return (
        not SENTENCE_PUNCT.search(a.text)
        and not OPEN_END.search(a.text)
        and bool(WIDE.match(a.text[-1]) and WIDE.match(b.text[0]))
    )


def _enumerates_on(a: _Row, b: _Row) -> bool:
    r"""Whether ``b``'s "（2）" goes on with an enumeration that runs through ``a``'s text, so
    it starts no list item: "…两个方法来处理：（1）移除一些文件或者" / "（2）增加该分区的大小。"
    (edu-debian-edu-bookworm-manual-4, in every variant). A list whose items start lines
    has its "（1）" at the start of a line, where the search does not look.

    >>> rows = _rows("处理：（1）移除一些文件或者\n（2）增加该分区的大小。\n（1）列表项\n（2）列表项")
    >>> _enumerates_on(rows[0], rows[1]), _enumerates_on(rows[2], rows[3])
    (True, False)
    """
    number = BRACKET_NUMBER.match(b.text)
    if number is None:
        return False
    wanted = str(int(number.group(1)) - 1)
    return any(match.group(1) == wanted for match in BRACKET_NUMBER.finditer(a.text, 1))


def _inside_quote(a: _Row, b: _Row) -> bool:
    r"""Whether ``b`` starts inside a quote ``a`` opened at its end or a bracket ``a`` left
    open, so it cannot start a list item (debref-ch10-1: "…值前面带有 "" / "-" 号匹配更小的文件)").

    >>> rows = _rows('值前面带有 "\n-" 号匹配更小的文件)\n- 列表项')
    >>> _inside_quote(rows[0], rows[1]), _inside_quote(rows[1], rows[2])
    (True, False)
    """
    text = a.text
    if OPENER_END.search(text):
        return True
    # a bracket left open goes on into the next line, whose "8）" is no list number:
    # "…在 Jessie（Debian" / "8）版本已停止" (faq-compatibility-1), "…以二进制（底为" /
    # "2）表示…" (debref-ch01-1)
    if text.count("（") + text.count("(") > text.count("）") + text.count(")"):
        return True
    return text[-1] == '"' and QUOTED_FIRST_WORD.match(b.text) is not None


def _fragment_lines(rows: list[_Row], width: float) -> list[float]:
    """For each row, the width of the physical line it starts, as far as the next row shows:
    a short Latin word the extractor cut off at a font change ("Debian" / "尊重系统管理员的
    手动配置。换句话", held-out debref-ch02-long) is only the head of its line."""
    lines = [row.width for row in rows]
    for k in range(len(rows) - 1):
        b, c = rows[k], rows[k + 1]
        if (
            b.narrow == len(b.text)
            and not b.terminal
            and not (c.heading or c.listed)
            and b.width + 0.5 + c.width <= width + _TOLERANCE
        ):
            lines[k] = b.width + 0.5 + c.width
    return lines


def _join(
    a: _Row, b: _Row, reach: float, a_starts: bool, layout: _Layout, b_line: float
) -> tuple[bool, bool]:
    """Whether the break after ``a`` is a wrap, and whether ``b`` continues ``a``'s physical line.

    ``b_line`` is the width of the physical line ``b`` starts (``_fragment_lines``)."""
    if b.heading or (
        # a path cut at a slash goes on into a glob or option ("…/var/lib/dpkg/info/" /
        # "*.md5sums" 文件中的…"), which only looks like a list item
        b.listed and a.text[-1] != "/" and not _inside_quote(a, b) and not _enumerates_on(a, b)
    ):
        return False, False
    width = layout.width
    if layout.trailing_marks:
        return not a.trailing and not (a.heading and a.width < width - 4), False
    if layout.indents_visible and b.indent >= 0.9:
        return False, False
    # ``_slack(a)`` inlined: this runs at every break
    full = reach + b.token >= width - _TOLERANCE - min(2.0, 0.06 * a.narrow)
    terminal = a.terminal
    if a.heading and full and a.width + a.indent < width - 4 and b.width + b.indent >= width - 4:
        # a short heading before a full line: the section's first paragraph starts, and
        # only its long first word made the heading look full ("2.7.8. 自动下载和升级软件包"
        # / "unattended-upgrades 软件包主要用于 stable", held-out debref-ch02-long). A
        # heading's wrapped tail is short ("…我该" / "怎么办？").
        return False, False
    if a.heading and not full:
        # a FAQ question heading in a larger font wraps before the margin, leaving only its
        # last words ("3.1.1. …不能被检测到/不工作。我该" / "怎么办？"): faq-choosing-1/2,
        # faq-customizing-1 and faq-pkgtools-1 (3 times) of dev and tune2. Up to 12
        # characters: "1.6. Debian 计划和自由软件基金会的 GNU" / "计划有什么区别和联系？"
        # (faq-basic-defs-1, 11), "…有关 Debian GNU/Linux 的" / "信息的便捷的方法？"
        # (faq-support-1, 9); in the dev references such tails wrap 25 times of 26
        tail = b.text.rstrip("！!")[:-1]
        asks = _asks(b.text) and len(b.text) <= 12 and not _CLAUSE_END.search(tail)
        return asks and not terminal, False
    if not terminal:
        # a sentence goes on into the next line, across blank lines and page breaks,
        # unless the line stopped short as a title or label does
        if full:
            # a short Latin fragment that fits at the end of this line and cannot start the
            # next one (with the row after it, it would not fit) ends this line: "…信息保存在"
            # / "“/var/" / "lib/apt/extended_states”…" (held-out debref-ch02-long)
            ends_line = (
                b_line == b.width
                and b.narrow == len(b.text)
                and reach + 0.5 + b.width <= width + _TOLERANCE
            )
            return True, ends_line
        fits = reach + 0.5 + b.width <= width + _TOLERANCE
        # a short line ending with "，" is a list item of clauses ("如果能够连接 LTSP 客户端和
        # 工作站，" / "如果可以添加…"), not a fragment a font change cut: such joins were
        # wrong 6 of 6 times (edu-debian-edu-bookworm-manual-4, faq-pkg-basics-1)
        clause = a.text[-1] == "，" and WIDE.match(b.text[0]) is not None
        if layout.gaps_mark_fragments and b.gap == 1:
            # the extractor cut this line here, whatever its words look like: a title
            # or a list item of clauses would have no blank line after it. Two or more
            # blank lines are a page break or a dropped block (debref-ch12-1: a list item)
            return True, fits
        if a.text[-1] == "/":
            # a path goes on past a slash at a line end ("…保存在“/var/" / "lib/apt/…",
            # "…依赖于 GNU/" / "Linux 文档"): 118 of 120 such lines of the dev references
            # wrap, the other two in scrambled two-column text
            return True, fits
        if (
            fits
            and not (a_starts and _title_like(a, b))
            and not layout.gaps_mark_ends
            and not clause
        ):
            return True, True
        return False, False
    if not full:
        return False, False
    if layout.indents_visible and a.text[-1] in _QUOTE_CLOSERS and a.text[-2:-1] not in TERMINATORS:
        # a quotation closed at the margin with no sentence end inside it ("…取得重大成
        # 就，“一江碧水向东流”"): only a visible indent could say a paragraph starts, and
        # the next line has none (found by hypothesis at a page break)
        return True, False
    if layout.gaps_mark_ends and b.gap > 0:
        return False, False
    # a remark in brackets after a sentence end goes on with its paragraph ("…停止安装 gcc。" /
    # "（不过，如果用户坚持…）", "…来检查一下。" / "（译注：…"): 82 times a sentence end is
    # followed by "（" inside a paragraph of the dev and tune2 references, 4 paragraphs start so
    if b.text[0] in REMARK_OPEN:
        return True, False
    if layout.end_marks and _stop(a.text) in layout.end_marks:
        return False, False
    if layout.hidden and not layout.indents_visible:
        # a full line that ends a sentence: the next line's dropped indent says whether
        # a new paragraph starts (it is then short by the indent although it wraps);
        # a Latin line's width is a guess, so its shortfall may exceed the indent by
        # its slack ("你可以使用 type 来确认…（参见 bash(1) 中的“SHELL": 4.5 ems short
        # of 38 with a 2-em indent in debref-ch01-3; dev FN pdftotext 30->28,
        # pdfminer 26->24 with maint-dother-1)
        deficit = width - b_line
        if 0.5 * layout.hidden <= deficit <= layout.hidden + 1.5 + _slack(b) and not b.terminal:
            return False, False
    return True, False


@takes_text
def find_hard_wraps(text: str, *, separator: str = "\n") -> list[Edit]:
    """The edits ``join_hard_wraps`` makes to ``text``.

    A wrap inside a paragraph becomes a ``"line join"`` edit; a paragraph break that
    is not exactly ``separator`` (blank lines, indent, trailing space) is rewritten to
    it with reason ``"blank line"``.

    >>> text = ("李强在讲话中表示，要认真学习领会、深入贯彻落实习\\n近平总书记重要讲话精神，保持共抓大保护的战略定力，持\\n"
    ...         "续用力、久久为功。强化综合治理、源头治理，完善生态保\\n"
    ...         "护补偿等制度，深入探索生态产品价值实现路径。以主体功\\n能区战略引导经济合理布局。\\n")
    >>> [(e.start, e.replacement, e.reason) for e in find_hard_wraps(text)]
    [(24, '', 'line join'), (51, '', 'line join'), (78, '', 'line join'), (105, '', 'line join')]
    """
    found = _fixed_point(text, separator)
    if found is None:
        return []
    rows, joins, joiners, vocabulary = found
    return _edits(text, rows, joins, separator, vocabulary, joiners)


def _fixed_point(
    text: str, separator: str
) -> tuple[list[_Row], list[bool], list[tuple[str, int]], _Vocabulary | None] | None:
    """The rows of ``text``, which breaks between them are joined, the joiners of those
    and the vocabulary they were read with (None when ``text`` has no row)."""
    tokens: dict[str, float] = {}
    rows = _rows(text, tokens)
    if not rows:
        return None
    vocabulary = _vocabulary(text) if _reads_vocabulary(rows) else None
    margin = _margin(rows)
    joins = _decide_at(rows, margin)
    # The output is another document: indents, blank lines and trailing marks are gone
    # and joined lines are longer, so its statistics are inferred anew and may find a
    # margin (or a different one) where the input had none: faq-basic-defs-1 and
    # faq-pkgtools-1 -layout unsplit (no margin with the indents, a 46-em one without them);
    # news-seed000-2 -layout and shuffled seed 002 lines (joined lines of about one length
    # form a "margin", 228 ems in news-seed000-2).
    # No statistic survives losing that evidence, so the decisions are made a fixed point:
    # breaks the output would still join are joined now, until the output joins nothing.
    while True:
        joiners = _joiners(rows, joins, vocabulary)
        if separator != "\n":
            output = _rows(_joined_text(text, rows, joins, joiners, separator), tokens)
        else:
            # with nothing joined and no indent, the output's lines are the rows and
            # measure alike: its margin is theirs (93 of the 189 inputs of the 2.1 MB corpus)
            unchanged = not any(joins) and all(row.indent == 0.0 for row in rows)
            if (margin if unchanged else _output_width(rows, joins, joiners, tokens)) is None:
                # the output's rows are all at gap 0, so with no margin ``_decide`` joins
                # nothing: the output is a fixed point (690 of 694 real inputs end here)
                return rows, joins, joiners, vocabulary
            output = _output_rows(text, rows, joins, vocabulary, tokens)
        again = _decide(output)
        breaks = [k for k, join in enumerate(joins) if not join]
        if not any(again) or len(again) != len(breaks):
            return rows, joins, joiners, vocabulary
        for k, join in zip(breaks, again, strict=True):
            joins[k] = joins[k] or join


def _bare(row: _Row) -> _Row:
    """``row`` as a line of the output: no indent, trailing space or blank lines before it
    (``_replace`` built a dict per row)."""
    return tuple.__new__(_Row, (*row[:4], 0.0, False, row.width, 0, *row[8:]))


def _output_rows(
    text: str,
    rows: list[_Row],
    joins: list[bool],
    vocabulary: _Vocabulary | None,
    tokens: dict[str, float],
) -> list[_Row]:
    """The rows of the output with ``separator="\\n"``, as ``_rows`` reads them.

    A row left alone keeps its measures (its indent, gap and trailing space are gone);
    a joined line's are composed from its rows' (``_joined_row``): the check of the output
    measures nothing again. Positions are not those of the output; ``_decide`` does not
    read them.
    """
    out: list[_Row] = []
    group = [rows[0]]
    joiners: list[tuple[str, int]] = []
    for (a, b), join in zip(pairwise(rows), joins, strict=True):
        if join:
            joiners.append(_joiner(a.text, b.text, vocabulary))
            group.append(b)
            continue
        out.append(_bare(a) if len(group) == 1 else _joined_row(group, joiners, tokens))
        group = [b]
        joiners = []
    out.append(_bare(rows[-1]) if len(group) == 1 else _joined_row(group, joiners, tokens))
    if len(rows) == 1:
        # nothing before a lone row is rewritten
        out[0] = out[0]._replace(indent=rows[0].indent, gap=rows[0].gap)
    # a last line with no line end keeps its trailing space (there is no break to rewrite)
    if not LINE_END.search(text, rows[-1].content_end):
        out[-1] = out[-1]._replace(trailing=rows[-1].trailing)
    return out


def _joiners(
    rows: list[_Row], joins: list[bool], vocabulary: _Vocabulary | None
) -> list[tuple[str, int]]:
    """``_joiner`` of every break ``joins`` marks, in order (the edits and the check of
    the output both read them)."""
    return [
        _joiner(rows[k].text, rows[k + 1].text, vocabulary)
        for k in range(len(rows) - 1)
        if joins[k]
    ]


def _output_width(
    rows: list[_Row],
    joins: list[bool],
    joiners: Sequence[tuple[str, int]],
    tokens: dict[str, float],
) -> float | None:
    """``_typical_width`` of ``_output_rows(…)`` without building them: ``_typical_width``
    reads a row's reach, ``terminal``, ``heading`` and ``narrow`` only, which a line the
    output leaves alone shares with its input row (its reach is its width: the output
    has no indents), so only joined lines are built (``_joined_row``). ``joiners`` are
    ``_joiners(rows, joins, …)``."""
    count = joins.count(False) + 1  # output lines
    if count < 4:
        return None
    # with no join the output lines are the rows, measured already: nothing to build
    if count < len(rows) and _no_output_margin(rows, joins):
        return None
    lasts = _lasts(joins)
    lines = [rows[k] for k in lasts]
    first = 0
    for index, last in enumerate(lasts):
        if last > first:
            # the joins of rows ``first`` to ``last`` are the next ``last - first`` joiners
            done = first - index
            lines[index] = _joined_row(
                rows[first : last + 1], joiners[done : done + last - first], tokens
            )
        first = last + 1
    return _row_margin(lines, indented=False)


def _no_output_margin(rows: list[_Row], joins: list[bool]) -> bool:
    """``_surely_no_margin`` of the output lines of ``rows`` joined where ``joins`` says.

    The C scanner tells it from the joins, on arrays of doubles: most outputs end there (a
    sixth of the step on the corpus one by one), and the lists of ints and floats of the
    Python code made it 24x slower on one document of 16x the corpus than on the corpus."""
    if _COMPILED_NO_MARGIN is not None:
        return _COMPILED_NO_MARGIN(rows, joins)
    return _surely_no_margin(rows, _lasts(joins))


def _lasts(joins: list[bool]) -> list[int]:
    """The last rows of the output lines: before each break ``joins`` (one per break)
    does not mark, and the last row."""
    lasts = [k for k, join in enumerate(joins) if not join]
    lasts.append(len(joins))
    return lasts


def _surely_no_margin(rows: list[_Row], lasts: list[int]) -> bool:
    """True when ``_typical_width`` of the output lines ending at the rows ``lasts`` is
    surely None, told from bounds on their widths, without building them.

    A joined line's width is its rows' widths summed, off by at most 0.7 em per join (a
    joining space 0.27, a dropped hyphen -0.3, a mark that turns wide 0.7) and 0.02 em per
    space (``_width`` counts spaces 0.25 on lines of wide characters only). Lines of one
    row are exact. ``_typical_width``'s margin is one of the lines' widths, at least 0.6 of
    the longest, with enough lines near it and few beyond it; when no line's width
    interval could be such a margin, there is none. Paragraphs of prose rarely share a
    length, so most outputs are settled here (the fixed-point check of ``find_hard_wraps``
    built every joined line for it: a fifth of the step).

    >>> rows = _rows("长江经济带事关全国发展大局。\\n要统筹好发展和安全。\\n沿江省市无论是粮食主产区还是主销区。\\n好。\\n")
    >>> _surely_no_margin(rows, [0, 1, 2, 3])
    True
    """
    count = len(lasts)
    rank = min(count, max(2, count // 20))
    need = max(2 if count <= 6 else 3, 0.12 * count)
    if count >= _BUCKETED and not _may_have_margin(rows, lasts, rank, need):
        return True
    lows: list[float] = []
    highs: list[float] = []
    # line i may be near a margin in [low, high] when its interval, widened by the
    # tolerance, meets it; it is surely beyond it when even its low end is
    near_from: list[float] = []
    near_to: list[float] = []
    beyond: list[float] = []
    for low, high, slack in _output_line_bounds(rows, lasts):
        lows.append(low)
        highs.append(high)
        near_from.append(low - 1.5 - slack)
        near_to.append(high + 1.5 + slack)
        beyond.append(low - 3 - 2 * slack)
    if _nth_smallest(highs, count - rank) < 8:
        return True
    floor = 0.6 * _nth_smallest(lows, count - rank)
    near_from.sort()
    near_to.sort()
    beyond.sort()
    for i in range(count):
        high = highs[i]
        if high < floor:
            continue
        near = bisect_right(near_from, high) - bisect_left(near_to, lows[i])
        if near >= need and count - bisect_right(beyond, high) <= 0.1 * count:
            return False
    return True


def _output_line_bounds(rows: list[_Row], lasts: list[int]) -> Iterator[tuple[float, float, float]]:
    """``_line_bounds`` of each output line, the lines ending at the rows ``lasts``.

    The rows' measures are summed from the first row on, in one loop: a line's width is
    the difference of two running sums, the same floats as with ``itertools.accumulate``,
    whose lists and ``attrgetter`` calls per row were most of ``_surely_no_margin``'s time.
    (The compiled build decides both callers in the C scanner, ``no_output_margin``.)
    """
    width = 0.0
    spaces = narrows = 0
    first = 0
    for last in lasts:
        begin, begin_spaces, begin_narrows = width, spaces, narrows
        for k in range(first, last + 1):
            row = rows[k]
            width += row.width
            spaces += row.spaces
            narrows += row.narrow
        yield _line_bounds(
            width - begin, spaces - begin_spaces, narrows - begin_narrows, last - first
        )
        first = last + 1


def _line_bounds(total: float, spaces: int, narrows: int, join: int) -> tuple[float, float, float]:
    """The low and high bound of the width of an output line made of ``join + 1`` rows
    whose widths sum to ``total`` (and their spaces and narrow characters to ``spaces`` and
    ``narrows``), and how far its width may be off (``_slack``) (``_surely_no_margin``)."""
    # 1e-6 for the rounding of the sums, the only error on a line of one row
    error = 0.7 * join + 0.02 * (spaces + join) + 1e-6 * (1.0 + abs(total))
    return total - error, total + error, min(2.0, 0.06 * (narrows + join))


#: From this many output lines on, ``_surely_no_margin`` first counts its bounds in buckets
#: (``_may_have_margin``): its sorts grow as n log n, and on a CLI block of many documents
#: (the 2.1 MB corpus joined: 19,687 lines) its lists and sorts cost 12 ms compiled, 8x the
#: documents one by one. Compiled only: in the Python source the sorts run in C and the
#: counting loop in Python, and sorting was faster there (22 ms against 36 ms).
_BUCKETED: Final = 256 if COMPILED_ACTIVE else sys.maxsize
#: ``_may_have_margin``'s buckets are 1 em wide from 0 up to this many ems; wider values
#: share the last bucket (the counts stay bounds; a margin is tens of ems).
_BUCKET_LIMIT: Final = 1024


def _bucket(value: float) -> int:
    """The 1-em bucket of ``value`` (``_may_have_margin``): a monotone map, so a value in a
    lower bucket than another is smaller."""
    return min(max(int(value), 0), _BUCKET_LIMIT)


def _may_have_margin(rows: list[_Row], lasts: list[int], rank: int, need: float) -> bool:
    """False only when ``_surely_no_margin``'s sorted test says "no margin", told in linear
    time from the same bounds (``rank`` and ``need`` are that test's).

    The test counts, for a line, the bounds of the others on one side of its own (``bisect``
    in sorted lists). Counted by 1-em buckets instead (``_bucket``), the count of lines near
    it can only grow and the count beyond it only shrink, and the floor (``0.6 *`` the
    ``rank``-th highest low) only drop to its bucket's edge: a line failing these looser
    bounds fails the test. True means "maybe": the sorted test decides. Lines of 9, 20 and
    45 ems (seed 000) share no margin; three of 9 ems may:

    >>> rows = _rows("李强蔡奇丁薛祥出席\\n习近平指出，长江经济带事关全国发展大局。\\n"
    ...              "要统筹好发展和安全，沿江省市无论是粮食主产区还是主销区、产销平衡区，都要牢牢粮食安全责任。\\n")
    >>> _may_have_margin(rows, [0, 1, 2], 2, 2)
    False
    >>> _may_have_margin(rows[:1] * 3, [0, 1, 2], 2, 2)
    True
    """
    count = len(lasts)
    size = _BUCKET_LIMIT + 1
    starts = [0] * size  # lines whose low bound less the tolerance falls in the bucket
    ends = [0] * size  # … whose high bound plus the tolerance does
    overs = [0] * size  # … whose low bound less twice the tolerance (beyond) does
    tops = [0] * size  # … whose low bound does
    highs: list[float] = []
    low_buckets: list[int] = []
    reaching = 0
    # the bounds of ``_surely_no_margin``, the same floats, counted instead of listed: the
    # five lists of floats were half its time on a block of many documents
    for low, high, slack in _output_line_bounds(rows, lasts):
        reaching += high >= 8
        highs.append(high)
        at = _bucket(low)
        low_buckets.append(at)
        tops[at] += 1
        starts[_bucket(low - 1.5 - slack)] += 1
        ends[_bucket(high + 1.5 + slack)] += 1
        overs[_bucket(low - 3 - 2 * slack)] += 1
    # ``sorted(highs)[-rank] < 8``: fewer than ``rank`` lines reach 8 ems
    if reaching < rank:
        return False
    # the ``rank``-th highest low is at least the lower edge of its bucket (bucket 0 also
    # holds the negative values: no edge)
    bucket = _BUCKET_LIMIT
    above = tops[bucket]
    while above < rank and bucket > 0:
        bucket -= 1
        above += tops[bucket]
    floor = 0.6 * bucket if bucket > 0 else -float("inf")
    # running sums: lines starting at or below bucket b, ending below it, beyond above it
    started = 0
    ended = 0
    over = count
    for b in range(size):
        started += starts[b]
        starts[b] = started
        ends[b], ended = ended, ended + ends[b]
        over -= overs[b]
        overs[b] = over
    limit = 0.1 * count
    for i in range(count):
        high = highs[i]
        if high < floor:
            continue
        at = _bucket(high)
        if starts[at] - ends[low_buckets[i]] >= need and overs[at] <= limit:
            return True
    return False


def _joined_row(
    group: Sequence[_Row], joiners: Sequence[tuple[str, int]], tokens: dict[str, float]
) -> _Row:
    """The output row of the rows ``group`` joined by ``joiners`` (``_joiner`` results),
    as ``_rows`` measures the joined line.

    Every count ``_rows`` takes is a sum over the line's characters, and no space run
    crosses a join (row texts neither start nor end with a space; a joiner is "" or a
    lone " " between two other characters), so the joined line's counts are its rows'
    plus one space and narrow character per " " joiner, less one thin narrow "-" per
    hyphen dropped (``back``: "algo-" / "rithm"). The width comes from the summed
    integers by ``_width``, the same float operations ``_rows`` does: bit-identical.
    The line's ends (terminal, heading, list item, first token) are read off its text.
    """
    head = group[0]
    parts = [head.text]
    wide, spaces, thin, broad, capital, other = head[13:]
    narrow = head.narrow
    for (replacement, back), row in zip(joiners, group[1:], strict=True):
        if back:
            parts[-1] = parts[-1][:-back]
            thin -= back
            narrow -= back
        if replacement:
            spaces += 1
            narrow += 1
        elif row.text[0] in WIDE_MARKS and WIDE.match(parts[-1][-1]):
            # the row's first mark now follows a wide character: one em (``WIDE_RUN``)
            wide += 1
            narrow -= 1
            glyph = LATIN_CLASS[ord(row.text[0])]
            if glyph == "t":
                thin -= 1
            elif glyph == "o":
                other -= 1
            else:  # pragma: no cover - every WIDE_MARKS glyph is thin or other
                raise AssertionError(glyph)
        parts += (replacement, row.text)
        row_wide, row_spaces, row_thin, row_broad, row_capital, row_other = row[13:]
        wide += row_wide
        spaces += row_spaces
        thin += row_thin
        broad += row_broad
        capital += row_capital
        other += row_other
        narrow += row.narrow
    content = "".join(parts)
    match = FIRST_TOKEN.match(content)
    token = 1.0
    if match:
        first = match.group()
        token = tokens.get(first, -1.0)
        if token < 0:
            token = tokens[first] = _token_width(first)
    return tuple.__new__(
        _Row,
        (
            head.start,
            head.content_start,
            group[-1].content_end,
            content,
            0.0,
            False,
            _width(wide, spaces, thin, broad, capital, other),
            0,
            narrow,
            *_line_flags(content),
            token,
            wide,
            spaces,
            thin,
            broad,
            capital,
            other,
        ),
    )


def _edits(
    text: str,
    rows: list[_Row],
    joins: list[bool],
    separator: str,
    vocabulary: _Vocabulary | None,
    joiners: list[tuple[str, int]] | None = None,
) -> list[Edit]:
    """The edits that join the breaks marked in ``joins`` and set the others to ``separator``
    (``joiners``: ``_joiners(rows, joins, vocabulary)`` when known)."""
    edits: list[Edit] = []
    if len(rows) > 1 and rows[0].content_start > 0:
        edits.append(Edit(0, rows[0].content_start, "", "blank line"))
    # ``Edit(…)`` with its default goes through a Python-level ``__new__``, once per break
    new_edit = tuple.__new__
    used = 0  # joiners read
    a = rows[0]
    for k in range(1, len(rows)):
        b = rows[k]
        if joins[k - 1]:
            if joiners is not None:
                replacement, back = joiners[used]
                used += 1
            else:
                replacement, back = _joiner(a.text, b.text, vocabulary)
            edits.append(
                new_edit(
                    Edit, (a.content_end - back, b.content_start, replacement, "line join", False)
                )
            )
        elif text[a.content_end : b.content_start] != separator:
            edits.append(
                new_edit(Edit, (a.content_end, b.content_start, separator, "blank line", False))
            )
        a = b
    last = rows[-1]
    tail = text[last.content_end :]
    if tail and LINE_END.search(tail) and tail != "\n":
        edits.append(Edit(last.content_end, len(text), "\n", "blank line"))
    return edits


def _joined_text(
    text: str,
    rows: list[_Row],
    joins: list[bool],
    joiners: list[tuple[str, int]],
    separator: str,
) -> str:
    """``apply_edits(text, _edits(text, rows, joins, separator, …, joiners))`` without the
    edits: the same pieces, in the order ``apply_edits`` assembles them (an ``Edit`` per
    break, 13,000 on the 2.1 MB corpus, cost ``join_hard_wraps`` a twelfth of its time).
    tests/test_paragraphs.py compares the two.

    The C scanner copies the kept runs once into the result: the Python code's slices were
    one fresh copy of the whole output more, which made this 33x slower on one document of
    16x the corpus (34 MB) than on the corpus."""
    if _COMPILED_JOINED is not None:
        return _COMPILED_JOINED(text, rows, joins, joiners, separator)
    return _python_joined_text(text, rows, joins, joiners, separator)


def _python_joined_text(
    text: str,
    rows: list[_Row],
    joins: list[bool],
    joiners: list[tuple[str, int]],
    separator: str,
) -> str:
    """``_joined_text`` in Python: the reference zhclean/_rowscan.c is tested against, and
    the fallback when it is not built."""
    parts: list[str] = []
    # the first edit of ``_edits`` drops what precedes the first row
    position = rows[0].content_start if len(rows) > 1 else 0
    used = 0  # joiners read
    a = rows[0]
    for k in range(1, len(rows)):
        b = rows[k]
        if joins[k - 1]:
            replacement, back = joiners[used]
            used += 1
            parts.append(text[position : a.content_end - back])
            parts.append(replacement)
            position = b.content_start
        elif text[a.content_end : b.content_start] != separator:
            parts.append(text[position : a.content_end])
            parts.append(separator)
            position = b.content_start
        a = b
    last = rows[-1]
    tail = text[last.content_end :]
    if tail and LINE_END.search(tail) and tail != "\n":
        parts.append(text[position : last.content_end])
        parts.append("\n")
        position = len(text)
    if not parts:
        return text[position:]
    parts.append(text[position:])
    return "".join(parts)


@takes_text
def join_hard_wraps(text: str, *, separator: str = "\n") -> str:
    """Rejoin lines wrapped by a PDF extractor into one paragraph per line.

    Seed 000: a paragraph split at a page part ("…主销" / "区、产销…") is joined; the
    heading "李强蔡奇丁薛祥出席" stays a line of its own.

    >>> join_hard_wraps("李强蔡奇丁薛祥出席\\n\\n习近平指出，长江经济带事关全国发展大局。要统筹好发展和安全，"
    ...                 "沿江省市无论是粮食主产区还是主销\\n\\n区、产销平衡区，都要牢牢粮食安全责任。\\n\\n贯彻二十大 建设新重庆\\n")
    '李强蔡奇丁薛祥出席\\n习近平指出，长江经济带事关全国发展大局。要统筹好发展和安全，沿江省市无论是粮食主产区还是主销区、产销平衡区，都要牢牢粮食安全责任。\\n贯彻二十大 建设新重庆\\n'
    """
    found = _fixed_point(text, separator)
    if found is None:
        return text
    rows, joins, joiners, _ = found
    return _joined_text(text, rows, joins, joiners, separator)
