"""normalize_whitespace: newlines, invisible characters, stray and letter spacing.

Contract (see docs/protocol.md): ``find_whitespace(text, **options) -> list[Edit]`` finds the
edits; ``normalize_whitespace(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

Spaces in Chinese text are of two kinds, and the step tells them apart by what stands
around them. Debris: OCR letter-spacing ("中 共 中 央"), a space on one side of a number
("近 8年来"), a space next to Chinese punctuation ("要完整、 准确"), indents, trailing
spaces. Meaning: the space between names or between a dateline and the text, and the
space a translator put on both sides of a Latin word or a number ("有 68980 个"):

>>> normalize_whitespace("江经济带发展战略实施近 8年来，沿江省市  ")
'江经济带发展战略实施近8年来，沿江省市'
>>> normalize_whitespace("重庆日报记者 陈国栋 周尤 何春阳")
'重庆日报记者 陈国栋 周尤 何春阳'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate, compress, count, islice, pairwise, repeat
from operator import add, not_, sub

from zhclean.edits import Edit, apply_edits, takes_text
from zhclean.tables.whitespace import (
    BLANK_LINE,
    CANDIDATE_RUN,
    CJK_PUNCTUATION,
    EMOJI_GLUE,
    HORIZONTAL,
    INVISIBLE,
    LINE_BREAK_SPLIT,
    NO_SPACE_AFTER,
    NO_SPACE_BEFORE,
    NUMBER_CHARS,
    NUMBER_END,
    NUMBER_INNER,
    ODD_BREAK,
    ODD_BREAK_CHARS,
    OTHER_CANDIDATE,
    PIECE_BREAK,
    SPACE_WORK,
    SPACE_WORK_ANY_PAIR,
    ZWJ,
    holds_filler,
    is_cjk,
    is_han,
)

__all__ = ["find_whitespace", "normalize_whitespace"]

_DIGITS = frozenset("0123456789０１２３４５６７８９")


@takes_text
def find_whitespace(text: str, *, min_letter_run: int = 3, max_blank_lines: int = 1) -> list[Edit]:
    """The edits ``normalize_whitespace`` makes to ``text``, sorted and disjoint.

    >>> find_whitespace("习近平 12日下午\\r\\n")
    [Edit(start=3, end=4, replacement='', reason='stray space', ambiguous=False), \
Edit(start=9, end=11, replacement='\\n', reason='newline', ambiguous=False)]
    """
    if len(text) <= _PIECE:
        return _piece_edits(text, min_letter_run, max_blank_lines)
    return _edits_by_piece(text, min_letter_run, max_blank_lines)


# Speed (issue #5): a text longer than this (in characters) is worked on piece by piece.
# Each pass over a text larger than the cache reads it from memory again, and the line
# tables of ``_split_lines`` (a str and three ints per line) outgrow the cache too: on 16
# copies of the corpus as one text the step cost 22x one copy's time. Pieces of about
# this size are read while they stay in the cache, and take the fast path of a text with
# no blank line where they have none. Single documents (at most 10,000 characters as the
# corpus documents enter the step) are one piece.
_PIECE = 1 << 16


def _cuts(text: str, size: int = _PIECE) -> list[int]:
    """Where ``text`` is cut into pieces of at least ``size`` characters (but the last):
    0, a position just after each ``PIECE_BREAK`` chosen, and ``len(text)``. The edits of
    ``text`` are those of its pieces: no edit nor rule reaches across such a line break
    (see ``PIECE_BREAK``), and a piece starts with a line of text and ends with one and
    its LF, as the lines around the break stand in ``text``.

    >>> _cuts("长江\\n\\n经济带\\n发展 \\n战略\\n实施", 2)
    [0, 8, 15, 17]
    """
    cuts = [0]
    found = PIECE_BREAK.search(text, size)
    while found is not None:
        cuts.append(found.end())
        found = PIECE_BREAK.search(text, found.end() + size)
    cuts.append(len(text))
    return cuts


def _edits_by_piece(
    text: str, min_letter_run: int, max_blank_lines: int, size: int = _PIECE
) -> list[Edit]:
    """``find_whitespace`` of a long text: the edits of its pieces (``_cuts``)."""
    edits: list[Edit] = []
    cuts = _cuts(text, size)
    for start, end in pairwise(cuts):
        for edit in _piece_edits(text[start:end], min_letter_run, max_blank_lines):
            edits.append(
                Edit(
                    edit.start + start,
                    edit.end + start,
                    edit.replacement,
                    edit.reason,
                    edit.ambiguous,
                )
            )
    return edits


def _normalized_by_piece(
    text: str, min_letter_run: int, max_blank_lines: int, size: int = _PIECE
) -> str:
    """``normalize_whitespace`` of a long text: its pieces (``_cuts``), each edited while
    it is in the cache."""
    cuts = _cuts(text, size)
    pieces: list[str] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        pieces.append(apply_edits(piece, _piece_edits(piece, min_letter_run, max_blank_lines)))
    return "".join(pieces)


def _piece_edits(text: str, min_letter_run: int, max_blank_lines: int) -> list[Edit]:
    """``find_whitespace`` of a text of one piece (any text, read in one go)."""
    odd_breaks, spaces_only = _character_kinds(text)
    if (
        spaces_only
        and not odd_breaks
        and not text.startswith("\n")
        and BLANK_LINE.search(text) is None
    ):
        found = _edits_without_blank_lines(text, min_letter_run)
        if found is not None:
            return found
    return _edits_by_line(text, odd_breaks, spaces_only, min_letter_run, max_blank_lines)


def _edits_by_line(
    text: str, odd_breaks: str, spaces_only: bool, min_letter_run: int, max_blank_lines: int
) -> list[Edit]:
    """``find_whitespace`` for any text, line by line; ``odd_breaks`` and ``spaces_only``
    are what ``_character_kinds`` says of ``text``."""
    # Speed: only "special" lines cost Python work: the ones a scan says may need an
    # edit, blank lines and lines ending in a break other than LF. Every other line has
    # visible text and no edit, so all it does is end a run of blank lines.
    starts, ends, break_ends, blank, odd = _split_lines(text, odd_breaks)
    space_work = SPACE_WORK_ANY_PAIR if min_letter_run == 1 else SPACE_WORK
    work = {
        bisect_right(starts, found.start()) - 1
        for found in space_work.finditer(text)
        if found.lastgroup != "number" or _glued_number_before(text, found.start())
    }
    if not spaces_only:
        work.update(
            bisect_right(starts, found.start()) - 1 for found in OTHER_CANDIDATE.finditer(text)
        )
    special = sorted(work.union(odd, blank))
    contents: dict[int, list[Edit] | None] = {}

    def content(index: int) -> list[Edit] | None:
        if index in work:
            if index not in contents:
                contents[index] = _line_edits(
                    text, starts[index], ends[index], min_letter_run, spaces_only
                )
            return contents[index]
        return None if starts[index] == ends[index] else []

    line_count = len(ends)
    first = next((index for index in range(line_count) if content(index) is not None), None)
    if first is None:
        return [Edit(0, len(text), "", "blank lines")] if text else []
    last = next(index for index in reversed(range(line_count)) if content(index) is not None)
    edits: list[Edit] = []
    if first > 0:
        edits.append(Edit(0, starts[first], "", "blank lines"))
    blank_run = 0
    previous = first - 1
    for index in special[bisect_right(special, first - 1) : bisect_right(special, last)]:
        if index > previous + 1:
            blank_run = 0  # a line with text and no edit came in between
        previous = index
        found = content(index)
        if found is None:
            blank_run += 1
            if blank_run > max_blank_lines:
                # The surplus of a run of blank lines goes in one edit, up to the next text.
                if blank_run == max_blank_lines + 1:
                    following = next(k for k in range(index, last + 1) if content(k) is not None)
                    edits.append(Edit(starts[index], starts[following], "", "blank lines"))
                continue
            if ends[index] > starts[index]:
                edits.append(Edit(starts[index], ends[index], "", "trailing space"))
        else:
            blank_run = 0
            edits.extend(found)
        if index in odd:
            edits.append(Edit(ends[index], break_ends[index], "\n", "newline"))
    if last + 1 < line_count and break_ends[last] < len(text):
        edits.append(Edit(break_ends[last], len(text), "", "blank lines"))
    return edits


def _edits_without_blank_lines(text: str, min_letter_run: int) -> list[Edit] | None:
    """``find_whitespace`` for a text whose only candidate is the plain space, with LF
    breaks only and no blank line (nor one at the start): the edits of the lines
    ``SPACE_WORK`` finds, in order; None when one of them proves blank (spaces only),
    which the general path must handle.

    Speed: this is what the default pipeline hands the step (all 189 of its inputs from
    the corpus and seeds), and the general path's bookkeeping of every line was a fifth
    of its cost (``_split_lines``). Each line found is located with ``str.rfind``/``str.find``
    and the scan goes on from its end, as ``finditer`` does in the general path (a match
    runs to the line end, unless it is a number cue, which may be rejected).

    >>> _edits_without_blank_lines("李强 \\n近 8年来", 3)
    [Edit(start=2, end=3, replacement='', reason='trailing space', ambiguous=False), \
Edit(start=5, end=6, replacement='', reason='stray space', ambiguous=False)]
    """
    space_work = SPACE_WORK_ANY_PAIR if min_letter_run == 1 else SPACE_WORK
    edits: list[Edit] = []
    found = space_work.search(text)
    while found is not None:
        space = found.start()
        if found.lastgroup == "number" and not _glued_number_before(text, space):
            found = space_work.search(text, space + 1)
            continue
        line_start = text.rfind("\n", 0, space) + 1
        line_end = text.find("\n", space)
        if line_end < 0:
            line_end = len(text)
        line_edits = _plain_line_edits(text, line_start, line_end, min_letter_run)
        if line_edits is None:
            return None
        edits.extend(line_edits)
        found = space_work.search(text, line_end)
    return edits


def _character_kinds(text: str) -> tuple[str, bool]:
    """The line breaks other than LF ``text`` holds, and whether it holds no candidate
    but the plain space.

    Speed: ``str`` scans instead of a ``regex`` pass over the candidates' property
    classes. A candidate other than the plain space is never printable (see the tables'
    docstring), and neither is any line break, so one ``isprintable`` (on the text with
    its line breaks set aside, so that the "\\f" page breaks of PDF text do not count)
    answers both questions for most texts.

    >>> _character_kinds("长江\\n经济带 发展"), _character_kinds("长江\\f经济带\\u200b")
    (('', True), ('\\x0c', False))
    """
    # Each LF becomes a space, which is printable too: a copy of the same length costs a
    # third of one that drops the LFs (0.2 against 0.7 ms on the step's corpus inputs).
    without_lf = text.replace("\n", " ")
    no_filler = not holds_filler(text)
    if without_lf.isprintable():
        return "", no_filler
    odd_breaks = "".join(char for char in ODD_BREAK_CHARS if char in without_lf)
    for char in odd_breaks:
        without_lf = without_lf.replace(char, " ")
    return odd_breaks, no_filler and without_lf.isprintable()


def _glued_number_before(text: str, space: int) -> bool:
    """Whether the number ending just before ``text[space]`` has Chinese (anything not
    ASCII) glued before it, as in "近8 年来"; "第 1 节", "共 68980 个" have a space."""
    index = space - 1
    while index >= 0 and text[index] in NUMBER_CHARS:
        index -= 1
    return index >= 0 and not text[index].isascii()


@takes_text
def normalize_whitespace(text: str, *, min_letter_run: int = 3, max_blank_lines: int = 1) -> str:
    """LF line breaks, no invisible characters, no debris spaces, single blank lines.

    ``min_letter_run``: how many space-separated single Han characters in a row make
    OCR letter-spacing (0 disables the rule). ``max_blank_lines``: how many blank lines
    may separate two paragraphs.

    >>> normalize_whitespace("\\n\\n\\u3000\\u3000中共中央总书记、 国家主席习近平 12日下午\\n\\n\\n\\n李强 ")
    '中共中央总书记、国家主席习近平12日下午\\n\\n李强'
    >>> normalize_whitespace("据 新 华 社 电 中共中央总书记")
    '据新华社电中共中央总书记'
    """
    if len(text) <= _PIECE:
        return apply_edits(text, _piece_edits(text, min_letter_run, max_blank_lines))
    return _normalized_by_piece(text, min_letter_run, max_blank_lines)


def _split_lines(
    text: str, odd_breaks: str
) -> tuple[list[int], list[int], list[int], list[int], set[int]]:
    """Per line: content start and end, end of its line break; blank lines; odd breaks.

    ``odd_breaks``: the line breaks other than LF that ``text`` holds (by their first
    character). ``starts`` ends with a sentinel past the text, for ``bisect``. Speed: the
    offsets are sums of piece lengths (``accumulate``), so no Python code runs per line.
    """
    odd: set[int] = set()
    if "\r" not in odd_breaks:
        # Every break is one character (the "\f" page breaks of PDF text are the usual
        # odd ones): split on LF once they are LF too, and find the few odd ones apart.
        unified = text
        for char in odd_breaks:
            unified = unified.replace(char, "\n")
        contents = unified.split("\n")
        # A line starts after the previous one's content and its one-character break,
        # and its content ends one character before the next start (the break).
        starts = list(accumulate(map(add, map(len, contents), repeat(1)), initial=0))
        ends = list(map(sub, islice(starts, 1, None), repeat(1)))
        break_ends = starts[1:]
        break_ends[-1] = len(text)  # the last line has no break
        if odd_breaks:
            odd.update(
                bisect_right(starts, found.start()) - 1 for found in ODD_BREAK.finditer(text)
            )
    else:
        pieces = LINE_BREAK_SPLIT.split(text)  # content, break, content, ..., content
        offsets = list(accumulate(map(len, pieces), initial=0))
        contents = pieces[::2]
        starts = [*offsets[::2], len(text) + 1]
        ends = offsets[1::2]
        break_ends = [*offsets[2::2], len(text)]
        # the numbers of the lines whose break is not LF
        odd.update(compress(count(), map("\n".__ne__, pieces[1::2])))
    # the numbers of the empty lines
    blank = list(compress(count(), map(not_, contents)))
    return starts, ends, break_ends, blank, odd


def _hidden(text: str, index: int) -> int:
    """0: visible; 1: horizontal space; 2: invisible (removed)."""
    char = text[index]
    if HORIZONTAL.match(char):
        return 1
    if char == ZWJ:
        # A ZWJ inside an emoji sequence is strip_symbols' business; anywhere else
        # it is debris.
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        glued = before and after and EMOJI_GLUE.match(before) and EMOJI_GLUE.match(after)
        return 0 if glued else 2
    return 2 if INVISIBLE.match(char) is not None else 0


def _line_edits(
    text: str, line_start: int, line_end: int, min_letter_run: int, spaces_only: bool = False
) -> list[Edit] | None:
    """Edits inside one line's content, or None when the line has nothing visible.

    ``spaces_only``: the text holds no candidate but the plain space (``_character_kinds``);
    ``_plain_line_edits`` does the same work by text positions. This general path maps
    the visible characters first, since an invisible one may sit inside a word.
    """
    if line_start == line_end:
        return None
    if spaces_only:
        return _plain_line_edits(text, line_start, line_end, min_letter_run)
    # Speed: most lines hold no space nor invisible character and need no edit; the
    # others are handled gap by gap (runs of candidates), never character by character.
    visible: list[int] = []
    gaps: dict[int, bool] = {}  # k -> whether the gap after visible[k] holds a space
    # Letter-spacing needs min_letter_run - 1 spaced gaps with Chinese on both sides;
    # counting them skips the token scan on lines with too few. The count is exact only
    # when every gap is a plain run, so an invisible character disables the shortcut.
    chinese_gaps = 0
    previous = line_start
    for found in CANDIDATE_RUN.finditer(text, line_start, line_end):
        start, end = found.span()
        visible.extend(range(previous, start))
        previous = end
        if not found.group().strip(" \t\u3000"):
            gaps[len(visible) - 1] = True
            if (
                line_start < start
                and end < line_end
                and is_cjk(text[start - 1])
                and is_cjk(text[end])
            ):
                chinese_gaps += 1
            continue
        chinese_gaps = len(text)  # a run has fewer gaps than that: always scan
        for index in range(start, end):
            kind = _hidden(text, index)
            if kind == 0:
                visible.append(index)
            else:
                k = len(visible) - 1
                gaps[k] = gaps.get(k, False) or kind == 1
    if previous == line_start:
        return []
    visible.extend(range(previous, line_end))
    if not visible:
        return None
    # spaced[k]: the gap between visible[k] and visible[k + 1] holds a space.
    last = len(visible) - 1
    spaced = [False] * last
    spaced_gaps = [k for k, space in gaps.items() if space and 0 <= k < last]
    for k in spaced_gaps:
        spaced[k] = True
    if chinese_gaps >= min_letter_run - 1:
        letter_gaps = _letter_spacing(text, visible, spaced_gaps, min_letter_run)
    else:
        letter_gaps = set()
    edits: list[Edit] = []
    head = text[line_start : visible[0]]
    if head:
        reason = "indent" if any(HORIZONTAL.match(char) for char in head) else "invisible"
        edits.append(Edit(line_start, visible[0], "", reason))
    for k in gaps:
        if not 0 <= k < last:
            continue
        start, end = visible[k] + 1, visible[k + 1]
        if not spaced[k]:
            edits.append(Edit(start, end, "", "invisible"))
            continue
        if end == start + 1 and text[start] == " " and k not in letter_gaps:
            # "apt-get install", "Debian 是", "是 Debian": one space with ASCII other than
            # a digit on one side stays, whatever the rules of _gap say about the other.
            before, after = text[start - 1], text[end]
            if (after.isascii() and after not in _DIGITS and before not in NO_SPACE_AFTER) or (
                before.isascii() and before not in _DIGITS and before != "%"
            ):
                continue
        replacement, reason = _gap(text, visible, spaced, k, letter_gaps)
        if text[start:end] != replacement:
            edits.append(Edit(start, end, replacement, reason))
    if visible[-1] + 1 < line_end:
        tail = text[visible[-1] + 1 : line_end]
        reason = "trailing space" if any(HORIZONTAL.match(char) for char in tail) else "invisible"
        edits.append(Edit(visible[-1] + 1, line_end, "", reason))
    return edits


def _letter_spacing(
    text: str, visible: list[int], spaced_gaps: list[int], min_run: int
) -> set[int]:
    """Gaps (by the index k of the visible character before them) that are letter-spacing.

    Tokens are the space-separated runs of the line. OCR of Chinese puts a space between
    single characters ("中 共 中 央"); people put spaces between words and names
    ("重庆日报记者 陈国栋 周尤 何春阳", "配置名 一 兼容性"). So only a run of at least
    ``min_run`` tokens that are each one Han character (with any Chinese punctuation
    stuck to it) counts, and it is closed up together with its Chinese neighbours.
    """
    if min_run <= 0:
        return set()
    # spaced_gaps: the k (ascending) whose gap to visible[k + 1] holds a space.
    bounds = [0, *(k + 1 for k in spaced_gaps), len(visible)]
    if len(bounds) - 1 < min_run:
        return set()  # fewer tokens than a run needs
    tokens = [range(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    kinds = [_token_kind(text[visible[k]] for k in token) for token in tokens]
    runs = _letter_runs(
        kinds,
        lambda t: text[visible[tokens[t][0]]],
        lambda t: text[visible[tokens[t][-1]]],
        min_run,
    )
    return {tokens[t][-1] for t in runs}


def _gap(
    text: str, visible: list[int], spaced: list[bool], k: int, letter_gaps: set[int]
) -> tuple[str, str]:
    """What the spaced gap after ``visible[k]`` becomes, and why."""
    before, after = text[visible[k]], text[visible[k + 1]]
    if k in letter_gaps:
        return "", "letter spacing"
    if before in NO_SPACE_AFTER and is_cjk(after):
        return "", "stray space"
    if after in NO_SPACE_BEFORE and is_cjk(before):
        return "", "stray space"
    # Speed: each number rule first checks the character its helper needs at once (a
    # number starts with a digit and ends with a digit or a percent sign), so the Han
    # test runs only next to numbers.
    if after in _DIGITS and is_han(before) and _number_then_han(text, visible, spaced, k + 1):
        return "", "stray space"
    if (
        (before in _DIGITS or before in NUMBER_END)
        and is_han(after)
        and _han_then_number(text, visible, spaced, k)
    ):
        return "", "stray space"
    gap = text[visible[k] + 1 : visible[k + 1]]
    tabs = gap.count("\t")
    if (
        tabs
        and not is_cjk(before)
        and not is_cjk(after)
        and tabs == sum(1 for char in gap if HORIZONTAL.match(char))
    ):
        # Tab-separated fields between Latin text or numbers keep their tabs.
        return "\t" * tabs, "invisible"
    return " ", "space"


def _number_then_han(text: str, visible: list[int], spaced: list[bool], k: int) -> bool:
    """A number starts at ``visible[k]`` and Han follows it with no space ("8年来")."""
    end = _number_end(text, visible, spaced, k)
    return (
        end is not None
        and end + 1 < len(visible)
        and not spaced[end]
        and is_han(text[visible[end + 1]])
    )


def _han_then_number(text: str, visible: list[int], spaced: list[bool], k: int) -> bool:
    """A number ends at ``visible[k]`` and Han precedes it with no space ("近8 年来")."""
    if text[visible[k]] not in _DIGITS and text[visible[k]] not in NUMBER_END:
        return False
    start = k
    while (
        start > 0
        and not spaced[start - 1]
        and (text[visible[start - 1]] in _DIGITS or text[visible[start - 1]] in NUMBER_INNER)
    ):
        start -= 1
    if text[visible[start]] not in _DIGITS:
        return False
    if _number_end(text, visible, spaced, start) != k:
        return False
    return start > 0 and not spaced[start - 1] and is_han(text[visible[start - 1]])


def _number_end(text: str, visible: list[int], spaced: list[bool], k: int) -> int | None:
    """The index of the last character of the number starting at ``visible[k]``."""
    if text[visible[k]] not in _DIGITS:
        return None
    end = k
    while end + 1 < len(visible) and not spaced[end]:
        following = text[visible[end + 1]]
        if following in _DIGITS:
            end += 1
        elif (
            following in NUMBER_INNER
            and end + 2 < len(visible)
            and not spaced[end + 1]
            and text[visible[end + 2]] in _DIGITS
        ):
            end += 2
        elif following in NUMBER_END:
            return end + 1
        else:
            break
    return end


# The spaces-only path. Speed (issue #5): when the text holds no candidate but the plain
# space, a visible character's place is its text position and a gap is one space run
# between text[start - 1] and text[end], so a line costs work per space run, not per
# character: no map of the visible characters is built. The rules are those of the
# general path above, read on text positions; tests/test_whitespace.py compares the two.


def _plain_line_edits(
    text: str, line_start: int, line_end: int, min_letter_run: int
) -> list[Edit] | None:
    """``_line_edits`` for a line whose only candidate is the plain space.

    >>> _plain_line_edits("  实施近 8年来，沿江省市 ", 0, 15, 3)
    [Edit(start=0, end=2, replacement='', reason='indent', ambiguous=False), \
Edit(start=5, end=6, replacement='', reason='stray space', ambiguous=False), \
Edit(start=14, end=15, replacement='', reason='trailing space', ambiguous=False)]
    """
    if line_start == line_end:
        return None
    # The space runs, by str.find (a C call under mypyc, where a match object per run
    # was the biggest cost of the line); runs[k] is text[starts[k]:ends[k]].
    # Speed: characters are read as ``ord(text[i])``, which mypyc compiles to a read in
    # place; ``text[i]`` makes a str object for each Chinese character.
    starts: list[int] = []
    ends: list[int] = []
    start = text.find(" ", line_start, line_end)
    while start >= 0:
        end = start + 1
        while end < line_end and ord(text[end]) == ord(" "):
            end += 1
        starts.append(start)
        ends.append(end)
        start = text.find(" ", end, line_end)
    if not starts:
        return []
    edits: list[Edit] = []
    # first, last: the bounds of the visible text, between the indent and trailing spaces
    first, last = line_start, line_end
    if starts[0] == line_start:
        first = ends[0]
        if first == line_end:
            return None
        edits.append(Edit(line_start, first, "", "indent"))
        del starts[0], ends[0]
    tail = bool(ends) and ends[-1] == line_end
    if tail:
        last = starts.pop()
        ends.pop()
    letter_gaps = _plain_letter_spacing(text, first, last, starts, ends, min_letter_run)
    for index in range(len(starts)):
        start, end = starts[index], ends[index]
        letter = index in letter_gaps
        if end == start + 1 and not letter:
            # "apt-get install", "Debian 是", "是 Debian": see _line_edits. On code
            # points: ASCII is below 0x80, and every NO_SPACE_AFTER mark is above.
            before, after = ord(text[start - 1]), ord(text[end])
            if (
                after < 0x80
                and not ord("0") <= after <= ord("9")
                and (before < 0x80 or text[start - 1] not in NO_SPACE_AFTER)
            ) or (before < 0x80 and not ord("0") <= before <= ord("9") and before != ord("%")):
                continue
        replacement, reason = _plain_gap(text, start, end, line_start, line_end, letter)
        if replacement == "" or end > start + 1:
            edits.append(Edit(start, end, replacement, reason))
    if tail:
        edits.append(Edit(last, line_end, "", "trailing space"))
    return edits


def _plain_letter_spacing(
    text: str, first: int, last: int, starts: list[int], ends: list[int], min_run: int
) -> set[int]:
    """``_letter_spacing`` on text positions: the numbers k of the space runs
    ``text[starts[k]:ends[k]]`` (inside ``text[first:last]``, in order) that are
    letter-spacing.

    >>> _plain_letter_spacing("据 新 华 社 电 中共", 0, 12, [1, 3, 5, 7, 9], [2, 4, 6, 8, 10], 3)
    {0, 1, 2, 3, 4}
    """
    if min_run <= 0 or len(starts) + 1 < min_run:
        return set()
    # A letter-spaced run has min_run - 1 gaps with Chinese on both sides (the shortcut
    # of _line_edits, exact here): most lines have fewer and skip reading the tokens.
    chinese_gaps = 0
    for k in range(len(starts)):
        if chinese_gaps >= min_run - 1:
            break
        # no ASCII character is Chinese (is_cjk), and ord(text[i]) makes no str object
        if (
            ord(text[starts[k] - 1]) >= 0x80
            and ord(text[ends[k]]) >= 0x80
            and is_cjk(text[starts[k] - 1])
            and is_cjk(text[ends[k]])
        ):
            chinese_gaps += 1
    if chinese_gaps < min_run - 1:
        return set()
    # token t is text[token_starts[t]:token_ends[t]]; run t separates tokens t and t + 1
    token_starts = [first, *ends]
    token_ends = [*starts, last]
    kinds = [
        _token_kind(text[start:end]) for start, end in zip(token_starts, token_ends, strict=True)
    ]
    return _letter_runs(
        kinds, lambda t: text[token_starts[t]], lambda t: text[token_ends[t] - 1], min_run
    )


def _letter_runs(
    kinds: list[int],
    first_char: Callable[[int], str],
    last_char: Callable[[int], str],
    min_run: int,
) -> set[int]:
    """The tokens t whose gap to token t + 1 is letter-spacing, from each token's
    ``_token_kind``: a run of tokens of kinds 1 and 2 holding at least ``min_run`` of kind
    2, closed up with the tokens next to it that touch it with a Chinese character.
    ``first_char``/``last_char`` give a token's first and last characters.

    >>> sorted(_letter_runs([0, 2, 2, 1, 2, 0], "a据新，华b".__getitem__, "a据新，华b".__getitem__, 3))
    [1, 2, 3]
    """
    gaps: set[int] = set()
    tokens = len(kinds)
    index = 0
    while index < tokens:
        if kinds[index] == 0:
            index += 1
            continue
        end = index
        while end < tokens and kinds[end] != 0:
            end += 1
        if sum(1 for k in kinds[index:end] if k == 2) >= min_run:
            low = index - 1 if index > 0 and is_cjk(last_char(index - 1)) else index
            high = end if end < tokens and is_cjk(first_char(end)) else end - 1
            gaps.update(range(low, high))
        index = end
    return gaps


def _token_kind(chars: Iterable[str]) -> int:
    """2: one Han character (with Chinese punctuation stuck to it); 1: Chinese punctuation
    only; 0: anything else. Stops at the second Han character or the first other one.

    >>> _token_kind("据"), _token_kind("，华。"), _token_kind("、"), _token_kind("新华")
    (2, 2, 1, 0)
    """
    han = 0
    for char in chars:
        if is_han(char):
            han += 1
            if han > 1:
                return 0
        elif char not in CJK_PUNCTUATION:
            return 0
    return 2 if han == 1 else 1


def _plain_gap(
    text: str, start: int, end: int, line_start: int, line_end: int, letter: bool
) -> tuple[str, str]:
    """``_gap`` for the space run ``text[start:end]`` inside a spaces-only line."""
    before, after = text[start - 1], text[end]
    if letter:
        return "", "letter spacing"
    if before in NO_SPACE_AFTER and is_cjk(after):
        return "", "stray space"
    if after in NO_SPACE_BEFORE and is_cjk(before):
        return "", "stray space"
    if after in _DIGITS and is_han(before):
        # "近 8年来": a number glued to Han after it
        number_end = _plain_number_end(text, end, line_end)
        if number_end is not None and number_end + 1 < line_end and is_han(text[number_end + 1]):
            return "", "stray space"
    if (before in _DIGITS or before in NUMBER_END) and is_han(after):
        # "近8 年来": a number glued to Han before it
        number_start = start - 1
        while number_start > line_start and (
            text[number_start - 1] in _DIGITS or text[number_start - 1] in NUMBER_INNER
        ):
            number_start -= 1
        if (
            text[number_start] in _DIGITS
            and _plain_number_end(text, number_start, line_end) == start - 1
            and number_start > line_start
            and is_han(text[number_start - 1])
        ):
            return "", "stray space"
    return " ", "space"


def _plain_number_end(text: str, index: int, line_end: int) -> int | None:
    """``_number_end`` on text positions: where the number starting at ``text[index]``
    ends in its line (a space ends it).

    >>> _plain_number_end("近 1,200.5%的", 2, 11), _plain_number_end("第 3, 4", 2, 6)
    (9, 2)
    """
    if text[index] not in _DIGITS:
        return None
    end = index
    while end + 1 < line_end:
        following = text[end + 1]
        if following in _DIGITS:
            end += 1
        elif following in NUMBER_INNER and end + 2 < line_end and text[end + 2] in _DIGITS:
            end += 2
        elif following in NUMBER_END:
            return end + 1
        else:
            break
    return end
