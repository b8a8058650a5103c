"""remove_page_artifacts: page numbers, running headers/footers, form feeds, floating captions.

Contract (see docs/protocol.md): ``find_page_artifacts(text, **options) -> list[Edit]`` finds the
edits; ``remove_page_artifacts(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

Pages are the stretches between form feeds (pdftotext, pdfminer and the OCR corpus put
``\\f`` between pages). Page furniture is found by *position and repetition*: a page-number
line sits at a page edge, a running header is a top line that comes back on several pages.
No list of known titles is used. A floating caption is found by shape: a short label of Han
characters set between the two halves of a sentence that a page part interrupted.

>>> remove_page_artifacts("好主意）\\n\\n- 12 -\\n\\fDebian 参考手册\\n1.2.5. 组\\n"
...                       "\\fDebian 参考手册\\n正文。\\n")
'好主意）\\n\\n1.2.5. 组\\n正文。\\n'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable
from itertools import accumulate, filterfalse, pairwise, repeat
from typing import Final, NamedTuple

import regex

from zhclean.edits import Edit, apply_edits, takes_text
from zhclean.tables.paragraphs import (
    CAPTION,
    DIGIT,
    DIGITS_RUN,
    GLUED_PAGE_NUMBER,
    HEADING,
    HEADING_FIRST,
    HSPACE,
    LIST_FIRST,
    LIST_START,
    OPEN_END,
    PAGE_NUMBER,
    PAGE_NUMBER_DISTINCT,
    SENTENCE_PUNCT,
    SPACES,
    TERMINAL_END,
    TERMINAL_LAST,
    TERMINATORS,
    WIDE,
)
from zhclean.tables.whitespace import INVISIBLE, holds_filler

__all__ = ["find_page_artifacts", "remove_page_artifacts"]


#: The characters ``str.splitlines`` ends a line on ("\r\n" is two of them); the doctest of
#: ``_lines`` pins this set to ``LINE_END``.
_LINE_ENDS = "\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029"


class _Lines(NamedTuple):
    """The lines of a text. Only a few lines ever get an edit, so a line's offsets are
    worked out from ``stops`` when asked for rather than stored for every line."""

    text: str
    raw: list[str]  # each line without its terminator
    stops: list[int]  # end of each line's terminator (start of the next line)
    texts: list[str]  # each line without leading/trailing horizontal space

    def start(self, index: int) -> int:
        """First character of the line."""
        return self.stops[index - 1] if index else 0

    def end(self, index: int) -> int:
        """End of the line's characters (before the terminator)."""
        return self.start(index) + len(self.raw[index])

    def content_end(self, index: int) -> int:
        """End of the line's text before any trailing space."""
        return self.start(index) + len(self.raw[index].rstrip(HSPACE))

    def form_feed(self, index: int) -> bool:
        """Whether the terminator is a form feed (a page ends here)."""
        return self.text.startswith("\f", self.end(index))


def _lines(text: str) -> _Lines:
    r"""The lines of ``text``; lines end where ``LINE_END`` matches.

    ``str.splitlines`` splits on exactly the ``LINE_END`` set and is twice as fast as the
    regex. If ``LINE_END`` changes, this check fails:

    >>> from zhclean.tables.paragraphs import LINE_END
    >>> ends = "\r\n", *_LINE_ENDS
    >>> all(LINE_END.fullmatch(end) and len(f"a{end}b".splitlines()) == 2 for end in ends)
    True
    >>> sorted(LINE_END.findall("".join(map(chr, range(0x110000))))) == sorted(ends[1:])
    True
    >>> _lines("Debian 参考手册 \f\u3000第 3 页\r\n").texts
    ['Debian 参考手册', '第 3 页']
    """
    raw, texts = _read(text)
    return _Lines(text, raw, _stops(text, raw), texts)


def _stops(text: str, raw: list[str]) -> list[int]:
    """The ``stops`` of ``_Lines``, from the ``raw`` lines of ``text``. Only a text with a
    form feed or an edit needs them (most texts without pages have neither)."""
    if "\r" in text:
        # "\r\n" is the one two-character line end: measure the lines with their ends
        stops = list(accumulate(map(len, text.splitlines(keepends=True))))
    else:
        # every line end is one character; the last line may have none. A plain loop:
        # compiled, it costs half the ``accumulate(map(...))`` pipeline
        stops = []
        stop = 0
        for line in raw:
            stop += len(line) + 1
            stops.append(stop)
        if stop > len(text):
            stops[-1] = len(text)
    return stops


def _read(text: str) -> tuple[list[str], list[str]]:
    """The ``raw`` and ``texts`` of ``_Lines``."""
    raw = text.splitlines()
    # lines without their ends: most have no space to strip, and ``strip`` returns
    # them as they are instead of a new string per line
    texts = list(map(str.strip, raw, repeat(HSPACE)))
    # a line test, not one of the whole text: U+3000 and form feeds, which print as
    # nothing, are stripped and split off by now (69 of 189 corpus texts failed the
    # whole-text test for them alone, and went through the slower per-line pass)
    fillers = holds_filler(text)
    if fillers or not all(map(str.isprintable, texts)):
        # every decision reads a line as it will print: normalize_whitespace deletes what
        # its INVISIBLE matches after this step ("…加快建設、\x00" ends with "、"; found by
        # hypothesis: two such lines were taken for a running header). Hangul fillers
        # are invisible too, though printable for str.isprintable.
        texts = [
            line
            if line.isprintable() and not (fillers and holds_filler(line))
            else INVISIBLE.sub("", line)
            for line in texts
        ]
    return raw, texts


def _tally(keys: Iterable[str]) -> dict[str, int]:
    """How many times each key comes, in first-seen order, as ``Counter`` counts: its
    methods stay Python code when this module is compiled, and cost more than counting
    the few keys of each call (six calls for a document with pages).

    >>> _tally(["00/00", "Debian参考手册", "00/00"])
    {'00/00': 2, 'Debian参考手册': 1}
    """
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _form_feeds(text: str, stops: list[int]) -> list[int]:
    """Indexes of the lines that end on a form feed (``stops`` as in ``_Lines``).

    A form feed always ends a line of its own, so the line ending just after it is
    found by bisection: a few pages cost a few searches, not a test of every line.

    >>> _form_feeds("第 1 页\\f正文\\n\\f\\f", _lines("第 1 页\\f正文\\n\\f\\f").stops)
    [0, 2, 3]
    """
    feeds: list[int] = []
    at = text.find("\f")
    while at >= 0:
        feeds.append(bisect_left(stops, at + 1))
        at = text.find("\f", at + 1)
    return feeds


def _sections(written: list[int], cuts: list[int]) -> list[list[int]]:
    """Non-blank lines (``written``) between page-number lines (each ends a section), as pages."""
    return [section for section in _cut_after(written, cuts) if section]


def _cut_after(indexes: list[int], cuts: Iterable[int]) -> list[list[int]]:
    """Sorted ``indexes`` in groups, a new one after each of the sorted ``cuts``.

    Slices found by bisection instead of a Python test of every line.

    >>> _cut_after([0, 2, 3, 5, 6], [3, 4, 6])
    [[0, 2, 3], [], [5, 6], []]
    """
    groups: list[list[int]] = []
    low = 0
    for cut in cuts:
        high = bisect_right(indexes, cut, low)
        groups.append(indexes[low:high])
        low = high
    groups.append(indexes[low:])
    return groups


def _without(indexes: list[int], removed: Iterable[int]) -> list[int]:
    """Sorted ``indexes`` but the ``removed`` ones.

    The stretches between removed lines are copied as slices found by bisection: a text
    loses a few lines in a hundred, and a test of every line cost 2.5x as much (0.38 vs
    0.15 ms on the 84 corpus texts with lines removed, compiled).

    >>> _without([0, 2, 3, 5, 6], {5: "page number", 0: "running header", 4: "caption"})
    [2, 3, 6]
    """
    kept: list[int] = []
    low = 0
    for index in sorted(removed):
        at = bisect_left(indexes, index, low)
        kept += indexes[low:at]
        low = at + 1 if at < len(indexes) and indexes[at] == index else at
    if not low:
        return indexes  # none of them removed: the list itself (callers only read it)
    kept += indexes[low:]
    return kept


def _label_lines(
    texts: list[str], removed: dict[int, str], among: list[int] | None = None
) -> list[int]:
    r"""The lines (``among`` these, else all) that may be page furniture with no page
    evidence: short labels, not prose, headings or list items.

    The end and start patterns are asked only when the last or first character allows a
    match, and not when a terminator ends the line, which ``TERMINAL_END`` matches alone
    (as ``paragraphs._line_flags`` does). ``OPEN_END`` is one character at the end; this
    check fails if it changes:

    >>> OPEN_END.pattern == r"[，,、“‘「『（(【《〈\[—–-]$"
    True
    >>> _OPEN_LAST == set("，,、“‘「『（(【《〈[—–-")
    True

    A line that ends on a clause mark, a terminator or an ``OPEN_END`` character is no
    label whatever else it holds: its last character, read as a code, settles it before
    the ``SENTENCE_PUNCT`` search (5253 of the corpus's 13666 lines of a label's length).
    This check fails if the clause marks change:

    >>> SENTENCE_PUNCT.pattern == "[，。；！？,;!?]"
    True
    """
    # the length and clause-mark tests drop most lines (13666 and then 4055 of the
    # corpus's 29248 are left). Plain loops: compiled, they cost a fifth of the C-level
    # ``map``/``compress`` passes that did this before.
    if among is None:
        among = [i for i, line in enumerate(texts) if _LABEL_MIN <= len(line) <= _LABEL_MAX]
    found: list[int] = []
    for index in among:
        line = texts[index]
        if (
            not _LABEL_MIN <= len(line) <= _LABEL_MAX
            or index in removed
            or ord(line[-1]) in _NO_LABEL_LAST
            or SENTENCE_PUNCT.search(line)
        ):
            continue
        first, last = line[0], line[-1]
        digit = first.isdecimal()
        if (
            last in _OPEN_LAST
            or last in TERMINATORS
            or (last in TERMINAL_LAST and TERMINAL_END.search(line))
            or ((digit or first in HEADING_FIRST) and HEADING.match(line))
            or ((digit or first in LIST_FIRST) and LIST_START.match(line))
        ):
            continue
        found.append(index)
    return found


def _repeated_lines(texts: list[str], labels: list[int], written: list[int]) -> set[int]:
    """Without any page evidence, a short label line that comes back again and again.

    The corpus's OCR text has no form feeds and sometimes no page numbers either, yet
    "Debian 参考手册" stands between two halves of a sentence on every page
    (debref-ch10-1). Only ``labels`` count (``_label_lines``); one must recur at least
    three times, at the intervals pages give, from the first page to the last.
    ``written`` holds the indexes of the non-blank lines.
    """
    shapes = dict(zip(labels, map(_shape, map(texts.__getitem__, labels)), strict=True))
    counts = _tally(shapes.values())
    found: set[int] = set()
    for key in {key for key, count in counts.items() if count >= 3}:
        where = [i for i, shape in shapes.items() if shape == key]
        # a line's rank among the non-blank lines: gaps are counted in text lines
        ranks = [bisect_left(written, i) for i in where]
        page = _page_length([b - a for a, b in pairwise(ranks)])
        # on every page: no more than a page of text before the first and after the
        # last. A count per so many lines missed two-column pages, which hold twice the
        # lines (debref-ch08-1 OCR: 3 headers in 3 pages of ~60 lines each were kept)
        if page and ranks[0] <= 1.25 * page and len(written) - ranks[-1] <= 1.25 * page:
            found.update(where)
    return found


def _title_between_halves(
    texts: list[str], labels: list[int], written: list[int], removed: Iterable[int]
) -> list[int]:
    """Without page evidence, a first line that comes back once more, between the two
    halves of a sentence: the running header of a two-page document.

    faq-basic-defs-1 OCR has "Debian GNU/Linux 常见问题" as its first line and again between
    "…用于开发、服务器" and "和桌面平台…"; from three times on, ``_repeated_lines`` judges by
    page intervals. Only the first line: a label or a wrapped line of prose met twice
    elsewhere (two equal paragraphs, a table header) is no evidence of pages. A header of
    two lines (a title over a subtitle) goes line by line: once the title is gone, the
    subtitle is the first line and stands between the halves in its turn (the decisions
    are made to a fixed point, or a second clean would remove it).
    """
    found: list[int] = []
    gone = set(removed)
    while True:
        first = next((i for i in written if i not in gone), None)
        if first is None or first not in labels:
            return found
        shape = _shape(texts[first])
        where = [i for i in labels if i not in gone and _shape(texts[i]) == shape]
        # the halves are text around the second copy other than the first copy, which
        # goes too: a label repeated on the next line stands between no halves (a
        # second clean, with the page break gone, took "高质量发展座谈会" twice over
        # "习近平主持召开…" for a header; hypothesis, tests/test_paragraphs.py)
        if len(where) != 2 or not _between_halves(texts, written, where[1], gone | {where[0]}):
            return found
        # twice in the whole text, not only as lines: a third copy the joiner has run
        # into a paragraph would be a line again for no later clean, but still be there.
        # The text this step keeps: copies it removes as headers or footers are not there
        # for a second clean either (the lines without spaces, made for a candidate only)
        kept = "".join(texts[i] for i in written if i not in gone)
        if _UNSEEN.sub("", kept).count(_UNSEEN.sub("", texts[first])) != 2:
            return found
        found += where
        gone.update(where)


def _between_halves(
    texts: list[str], written: list[int], index: int, removed: Container[int]
) -> bool:
    """Whether line ``index`` stands between a line that stops mid-sentence (no sentence
    end, no heading) and one that carries on (neither a heading nor a list item)."""
    k = bisect_left(written, index)
    before = next((i for i in reversed(written[:k]) if i not in removed), None)
    after = next((i for i in written[k + 1 :] if i not in removed), None)
    if before is None or after is None:
        return False
    left, right = texts[before], texts[after]
    # Nothing here reads the line's length or clause marks: the joiner runs later and
    # lengthens lines, and a test of them made a second clean decide otherwise.
    return (
        not TERMINAL_END.search(left)
        and not HEADING.match(left)
        and not HEADING.match(right)
        and not LIST_START.match(right)
    )


#: Spaces and what prints nothing (controls, format characters): ``normalize_whitespace``
#: deletes the latter after this step, so a line must be the same line with or without them
#: ("Debian 参考手册\x00" is the header too, or a second clean finds it).
_UNSEEN = regex.compile(r"[\s\p{Cc}\p{Cf}]+")

#: Lengths of a label line that may be a running header with no page evidence.
_LABEL_MIN: Final = 4
_LABEL_MAX: Final = 40
#: Lengths of the lines ``CAPTION`` can match.
_CAPTION_MIN: Final = 2
_CAPTION_MAX: Final = 8
#: The characters but digits a ``PAGE_NUMBER_DISTINCT`` match can end with, by code ("-",
#: "–", "—", "页"; the ``_page_number_ends`` doctest pins the pattern).
_PAGE_NUMBER_LAST: Final = frozenset(map(ord, "-–—页"))
#: A range of code points (general punctuation to Yi: CJK punctuation and Han among them)
#: that holds no decimal digit, so ``_page_number_ends`` need not ask ``isdecimal`` there.
_NO_DECIMAL_FROM: Final = 0x2000
_NO_DECIMAL_TO: Final = 0xA620
#: The characters an ``OPEN_END`` match is (the ``_label_lines`` doctest pins them).
_OPEN_LAST = frozenset("，,、“‘「『（(【《〈[—–-")
#: The last characters, by code, that make a line no label (``_label_lines``): a
#: ``SENTENCE_PUNCT`` clause mark, a terminator, an ``OPEN_END`` character.
_NO_LABEL_LAST: Final = frozenset(map(ord, {*"，。；！？,;!?", *TERMINATORS, *_OPEN_LAST}))


def _page_length(gaps: list[int]) -> int:
    """The page length (in text lines) when a line recurs at page intervals, else 0: every
    gap a whole multiple of the usual one (debref-ch10-1 OCR: 33, 35, 35, 32). A table
    header repeated over tables recurs at irregular gaps (27, 9, 8, 23 in debref-ch11-1).

    >>> _page_length([33, 35, 35, 32]), _page_length([27, 9, 8, 23])
    (35, 0)
    """
    usual = sorted(gaps)[len(gaps) // 2]
    if usual < 10:
        return 0
    spaced = all(g >= 0.75 * usual and abs(g / usual - round(g / usual)) <= 0.25 for g in gaps)
    return usual if spaced else 0


def _shape(line: str) -> str:
    """Key for fuzzy repetition: no spaces, every digit "0" ("12 /46" -> "00/00").

    Of the characters ``_UNSEEN`` matches only the space prints (tests/test_page_artifacts.py
    checks every code point), so a printable line needs no regex call: the ``regex``
    module's call costs 4x a line's ``isprintable`` and ``replace`` together.
    """
    seen = line.replace(" ", "") if line.isprintable() else _UNSEEN.sub("", line)
    return DIGIT.sub("0", seen)


def _number_style(line: str) -> str:
    """A page number with its page digits hidden: "第 5 页 共 8 页" -> "第#页共8页"."""
    return DIGITS_RUN.sub("#", SPACES.sub("", line), count=1)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (Hyyrö's bit-parallel algorithm: one pass over ``b``)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    masks: dict[str, int] = {}
    for position, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << position)
    full = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    plus, minus, score = full, 0, len(a)
    for char in b:
        equal = masks.get(char, 0)
        vertical = equal | minus
        horizontal = (((equal & plus) + plus) ^ plus) | equal
        h_plus = minus | (~(horizontal | plus) & full)
        h_minus = plus & horizontal
        if h_plus & last:
            score += 1
        elif h_minus & last:
            score -= 1
        h_plus = ((h_plus << 1) | 1) & full
        h_minus = (h_minus << 1) & full
        plus = h_minus | (~(vertical | h_plus) & full)
        minus = h_plus & vertical
    return score


def _near(a: str, b: str) -> bool:
    """OCR misreads of one edge line: "Debian 参考于册", "4146" for "4/46" (≤ 1 edit in 4)."""
    longest = max(len(a), len(b))
    allowed = _FUZZY_RATIO * longest
    if min(len(a), len(b)) < _FUZZY_MIN or abs(len(a) - len(b)) > allowed:
        return False
    # An exact lower bound first: an edit script keeps at most the characters the lines
    # share (counted as multisets), so it makes at least ``longest - shared`` edits. Edge
    # lines of different documents share few characters: in a text of many documents (a
    # CLI block) this settles almost every pair without the distance.
    shared = sum(min(a.count(char), b.count(char)) for char in set(a).intersection(b))
    if longest - shared > allowed:
        return False
    return _distance(a, b) <= allowed


#: Fuzzy repetition: keys this long at least, and at most this share of edits.
_FUZZY_MIN = 4
_FUZZY_RATIO = 0.25


def _kept(page: list[int], removed: Container[int], depth: int, *, top: bool) -> int | None:
    """The ``depth``-th line of ``page`` not in ``removed``, from the top or the bottom.

    Only the edge of each page is read, not a copy of the whole page per pass.
    """
    # a plain loop: the line is found within a step or two, sooner than an iterator
    # pipeline is set up
    for index in page if top else reversed(page):
        if index not in removed:
            if not depth:
                return index
            depth -= 1
    return None


def _edge_shape(text: str) -> str | None:
    """The repetition key (``_shape``) of an edge line, or None for a line no header or
    footer can be.

    >>> _edge_shape("Debian 参考手册 44/46"), _edge_shape("44146"), _edge_shape("长江经，")
    ('Debian参考手册00/00', '00000', None)
    """
    if len(text) > 60:  # too long for either kind below
        return None
    shape = _shape(text)
    # whether the line holds more than digits (``shape`` turns each into "0") and what
    # prints nothing
    has_key = bool(shape.strip("0"))
    # a wrapped text line ("…他強調,長江經") is no header, even if it repeats
    label = has_key and not OPEN_END.search(text)
    # a bare misread page number ("44146") has only digits: its shape still counts
    if label or (len(text) <= 12 and not has_key and DIGIT.search(text)):
        return shape
    return None


def _fuzzy_counts(
    counts: dict[str, int], numbers: dict[str, int], threshold: int
) -> dict[str, int]:
    """Each key's count, and for a key on fewer than ``threshold`` pages the counts of the
    anchors ``_near`` it added: the keys (with the page numbers' ``numbers``) met twice.

    >>> _fuzzy_counts({"Debian参考手册": 3, "Debian参考于册": 1, "00/00": 1}, {"00/00": 3}, 3)
    {'Debian参考手册': 3, 'Debian参考于册': 4, '00/00': 1}
    """
    both = dict(counts)
    for key, count in numbers.items():
        both[key] = both.get(key, 0) + count
    # keys shorter than _FUZZY_MIN are near nothing (``_near``): they neither vouch for
    # another key nor get vouched for
    anchors = {key: count for key, count in both.items() if count >= 2 and len(key) >= _FUZZY_MIN}
    # ``_near`` needs lengths within a quarter of the longer one: M in [0.75 L, L / 0.75].
    # A key with no anchor of such a length (a line of slack for rounding) is near none:
    # most keys of a single document, whose few anchors are then not indexed
    sizes = sorted(map(len, anchors))
    index: _AnchorIndex | None = None
    fuzzy: dict[str, int] = {}
    for key, count in counts.items():
        if (
            count < threshold
            and len(key) >= _FUZZY_MIN
            and bisect_right(sizes, len(key) / (1 - _FUZZY_RATIO) + 1)
            > bisect_left(sizes, (1 - _FUZZY_RATIO) * len(key) - 1)
        ):
            if index is None:
                index = _index(anchors)
            count += sum(anchors[anchor] for anchor in _near_anchors(key, index))
        fuzzy[key] = count
    return fuzzy


class _AnchorIndex(NamedTuple):
    """Anchors by character, for ``_near_anchors``."""

    holders: dict[str, list[str]]  # the anchors that hold each character
    chars: dict[str, set[str]]  # each anchor's characters


def _index(anchors: Iterable[str]) -> _AnchorIndex:
    """The index of ``anchors``.

    >>> index = _index(["00/00", "Debian"])
    >>> index.holders["0"], sorted(index.chars["00/00"])
    (['00/00'], ['/', '0'])
    """
    holders: dict[str, list[str]] = {}
    chars: dict[str, set[str]] = {}
    for anchor in anchors:
        chars[anchor] = held = set(anchor)
        for char in held:
            holders.setdefault(char, []).append(anchor)
    return _AnchorIndex(holders, chars)


def _near_anchors(key: str, index: _AnchorIndex) -> list[str]:
    """The anchors ``_near`` ``key``, but ``key`` itself, without trying every anchor.

    A text of many documents (a CLI block) has hundreds of keys and ~100 anchors: trying
    every anchor of a fitting length cost 11664 ``_near`` calls on the 189 corpus texts
    joined (32 on them one by one). A near anchor shares all but a quarter of the key's
    characters (``_near``'s lower bound), so it holds one at least of any of them that
    make up more than a quarter of the key: only anchors holding one of the rarest are
    tried, and only those the same bound, read from the sets of characters, leaves.

    >>> _near_anchors("Debian参考于册", _index(["Debian参考手册", "00/00", "第0页共00页"]))
    ['Debian参考手册']
    """
    holders, anchor_chars = index
    chars = set(key)
    candidates: set[str] = set()
    uncovered = _FUZZY_RATIO * len(key)
    for char in sorted(chars, key=lambda char: len(holders.get(char, ()))):
        candidates.update(holders.get(char, ()))
        uncovered -= key.count(char)
        if uncovered < 0:
            break
    near: list[str] = []
    for anchor in candidates:
        longest = max(len(key), len(anchor))
        allowed = _FUZZY_RATIO * longest
        # ``_near``'s length test first: most candidates fail it
        if abs(len(key) - len(anchor)) > allowed or anchor == key:
            continue
        # shared characters, counted with repeats, are at most a line's length less one
        # for each character the other line lacks: this settles all but the 9 near
        # candidates of 1392 on the corpus joined without ``_near``'s counting
        held = anchor_chars[anchor]
        shared = min(len(key) - len(chars), len(anchor) - len(held))
        shared += len(chars.intersection(held))
        if longest - shared <= allowed and _near(key, anchor):
            near.append(anchor)
    return near


def _repeated(
    pages: list[list[int]],
    texts: list[str],
    removed: set[int],
    *,
    top: bool,
    depth: int,
    numbers: dict[str, int],
    seen: dict[str, str | None],
) -> set[int]:
    """Edge lines (``depth``-th remaining line from the top or bottom) repeated across pages.

    Repetition is fuzzy: tesseract misreads running headers and page numbers a little
    differently on each page ("44146" among "44/46", debref-ch02-long), so a line counts
    the pages whose edge line is within a quarter of its length in edits. ``numbers``
    holds the shapes of the page numbers already found ("00/00"), which vouch for their
    misread siblings.

    ``seen`` holds the ``_edge_shape`` of each text met so far in this document: running
    headers and footers come back on every page and in every pass.
    """
    candidates: dict[int, str] = {}
    for page in pages:
        index = _kept(page, removed, depth, top=top)
        if index is not None:
            text = texts[index]
            if text in seen:
                shape = seen[text]
            else:
                shape = seen[text] = _edge_shape(text)
            if shape is not None:
                candidates[index] = shape
    counts = _tally(candidates.values())
    threshold = max(2, (len(pages) + 3) // 4)
    fuzzy = _fuzzy_counts(counts, numbers, threshold)
    return {i for i, key in candidates.items() if fuzzy[key] >= threshold}


def _alternate_headers(
    pages: list[list[int]], texts: list[str], removed: set[int], headers: set[int]
) -> set[int]:
    """The top lines of the pages between those whose running header was found, when
    headers alternate: on every other page the header is another label, which a short
    document shows only once (faq-choosing-1: "第 3 章…" tops pages 1 and 3, "Debian
    GNU/Linux 常见问题" page 2 only; tune2 maint-advanced-1 "Debian 新维护者手册" alike).
    Measured: 1-col CER dev pdftotext 0.117 -> 0.085 %, pdfminer 0.072 -> 0.040 %; only
    these two documents changed.

    Only when headers were found on all pages of one parity, at least two, and on no page
    of the other; each other page's top line must be a label: short, no sentence
    punctuation, not a heading or list item.
    """
    full = [page for page in pages if any(i not in removed for i in page)]
    found = [k for k, page in enumerate(full) if any(i in headers for i in page[:3])]
    if len(found) < 2 or len({k % 2 for k in found}) != 1:
        return set()
    parity = found[0] % 2
    if found != list(range(parity, len(full), 2)):
        return set()
    others: set[int] = set()
    for page in full[1 - parity :: 2]:
        first = next(i for i in page if i not in removed)  # ``full`` pages have one
        text = texts[first]
        if (
            len(text) > 40
            or SENTENCE_PUNCT.search(text)
            or HEADING.match(text)
            or LIST_START.match(text)
            or PAGE_NUMBER.match(text)
        ):
            return set()
        others.add(first)
    return others


def _is_caption(texts: list[str], nonblank: list[int], k: int, double_spaced: bool) -> bool:
    r"""A short Han label between the two halves of one sentence (seed 004: "占规上工" /
    "蓝庆华" / "业比重达到28.9%。"), cut there by a photo and its caption.

    The caller skips lines of other lengths than 2 to 8; this check fails if ``CAPTION``
    changes:

    >>> CAPTION.pattern == r"^[\u4e00-\u9fff·•]{2,8}$" and (_CAPTION_MIN, _CAPTION_MAX) == (2, 8)
    True
    """
    if k == 0 or k + 1 >= len(nonblank):
        return False
    index = nonblank[k]
    if not CAPTION.match(texts[index]):
        return False
    before, after = nonblank[k - 1], nonblank[k + 1]
    gap_before, gap_after = index - before - 1, after - index - 1
    if gap_before < 1 or gap_after < 1:
        return False
    if double_spaced and max(gap_before, gap_after) < 2:
        return False
    previous, following = texts[before], texts[after]
    if TERMINAL_END.search(previous) or len(previous) < 15 or not SENTENCE_PUNCT.search(previous):
        return False
    # a photo cuts Chinese text; a short Han line after a Latin word is the Han run that
    # pdftotext split off at the font change ("…安全漏洞等。stable" / "中的软件包和" /
    # "其他 stable 中…", faq-choosing-1; "…使得testing" / "档案库非常正确" / "可用。")
    if WIDE.match(previous[-1]) is None:
        return False
    if CAPTION.match(following) or HEADING.match(following):
        return False
    return bool(SENTENCE_PUNCT.search(following) or TERMINAL_END.search(following))


def _paragraph_end(lines: _Lines, nonblank: list[int], k: int) -> int:
    """Offset just after the sentence-ending line at or after ``nonblank[k]``."""
    for index in nonblank[k:]:
        if TERMINAL_END.search(lines.texts[index]):
            return lines.content_end(index)
    return lines.content_end(nonblank[-1])


def _page_number_ends(texts: list[str], written: list[int]) -> list[int]:
    r"""The lines (of the non-blank ``written``) whose last character can end a
    ``PAGE_NUMBER_DISTINCT`` match: a digit, "页" or a dash (458 of the corpus's 21794).

    A test of the last character instead of a regex call per line (4x as costly
    compiled). This check fails if the pattern changes:

    >>> PAGE_NUMBER_DISTINCT.pattern == (
    ...     r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    ...     r"|\d{1,4}\s*/\s*\d{1,4}|[Pp](?:age|AGE)\s*\d{1,4}(?:\s*(?:of|OF)\s*\d{1,4})?)$"
    ... )
    True
    >>> _page_number_ends(["- 12 -", "正文。", "第 3 页", "44/46", "Page ٣"], [0, 1, 2, 3, 4])
    [0, 2, 3, 4]
    """
    ends: list[int] = []
    for index in written:
        line = texts[index]
        code = ord(line[-1])
        # ``\d`` is every decimal digit: ASCII ones by their code, others asked by name,
        # but not in the Chinese range, where most lines end ("。", "，", Han) and which
        # holds none: a one-character string per line and a method call cost 2/3 of this
        # loop compiled (tests/test_page_artifacts.py checks the range)
        if (
            0x30 <= code <= 0x39
            or code in _PAGE_NUMBER_LAST
            or (
                code > 0x7F
                and not _NO_DECIMAL_FROM <= code < _NO_DECIMAL_TO
                and line[-1].isdecimal()
            )
        ):
            ends.append(index)
    return ends


def _paged_page_numbers(
    texts: list[str], pages: list[list[int]], written: list[int]
) -> dict[int, str]:
    """Page-number lines of a text with pages: at a page edge, or anywhere in the
    document's own page-number style. ``written``: the non-blank lines."""
    found = {
        index: "page number"
        for page in pages
        for index in page[:2] + page[-2:]
        if PAGE_NUMBER.match(texts[index])
    }
    # pdfminer sometimes emits the page number in the middle of its page (held-out
    # debref-ch11-1 "第 5 页 共 8 页" among table cells; it then reached an edge only
    # after the first pass, so cleaning was not idempotent): a line in the document's
    # own page-number style, found at page edges at least twice, is one anywhere.
    styles = _tally(_number_style(texts[i]) for i in found)
    if max(styles.values(), default=0) < 2:
        return found  # no style found twice (6 of 66 paged corpus texts): nothing to look for
    for index in _page_number_ends(texts, written):
        if (
            index not in found
            and PAGE_NUMBER_DISTINCT.match(texts[index])
            and styles.get(_number_style(texts[index]), 0) >= 2
        ):
            found[index] = "page number"
    return found


def _unpaged_page_numbers(texts: list[str], written: list[int]) -> dict[int, str]:
    """Page-number lines of a text without pages: only the unambiguous styles, or a bare
    number of up to three digits standing alone between blank lines. ``written``: the
    non-blank lines."""
    # a number ends in a digit: both kinds are among these lines
    ends = _page_number_ends(texts, written)
    distinct = [i for i in ends if PAGE_NUMBER_DISTINCT.match(texts[i])]
    found = dict.fromkeys(distinct, "page number")
    last = len(texts) - 1
    # decimal digits, as ``\d`` in the page-number patterns: "²" or "①" alone is no number
    for index in ends:
        line = texts[index]
        if (
            len(line) <= 3
            and line.isdecimal()
            and 0 < index < last
            and not texts[index - 1]
            and not texts[index + 1]
        ):
            found[index] = "page number"
    return dict(sorted(found.items()))


def _running_lines(
    texts: list[str], pages: list[list[int]], removed: dict[int, str], *, paged: bool
) -> dict[int, str]:
    """Running headers and footers: the first two lines left at the top and at the bottom
    of the pages that repeat across pages. ``removed`` holds the page numbers found, whose
    shapes vouch for misread siblings (``_repeated``); ``paged``: the pages end on form
    feeds (else page numbers end them) and a header may alternate (``_alternate_headers``)."""
    found: dict[int, str] = {}
    gone = set(removed)
    numbers = _tally(_shape(texts[i]) for i in removed)
    seen: dict[str, str | None] = {}
    for depth in (0, 1):
        headers = _repeated(pages, texts, gone, top=True, depth=depth, numbers=numbers, seen=seen)
        if depth == 1:
            # a second header line only under a first one (stacked title + chapter)
            headers = {i for i in headers if not gone.isdisjoint(range(max(0, i - 4), i))}
        if depth == 0 and paged:
            headers |= _alternate_headers(pages, texts, gone, headers)
        found.update(dict.fromkeys(headers, "running header"))
        gone |= headers
        footers = _repeated(pages, texts, gone, top=False, depth=depth, numbers=numbers, seen=seen)
        if depth == 1:
            # and a second footer line only above a first one
            footers = {i for i in footers if not gone.isdisjoint(range(i + 1, i + 5))}
        found.update(dict.fromkeys(footers, "running footer"))
        gone |= footers
    return found


def _captions(texts: list[str], nonblank: list[int]) -> list[int]:
    """Where in ``nonblank`` (the lines left) floating captions stand (``_is_caption``)."""
    # _is_caption tests CAPTION first, which only a line of 2 to 8 characters can match:
    # the length test is cheaper than the regex and leaves it few lines
    shaped = [
        k
        for k, index in enumerate(nonblank)
        if _CAPTION_MIN <= len(texts[index]) <= _CAPTION_MAX and CAPTION.match(texts[index])
    ]
    if not shaped:
        return []  # most texts (153 of 189 in the corpus): the spacing need not be counted
    # a blank line after most lines: the text is double-spaced (the last line has none)
    last = len(texts) - 1
    followed = 0
    for index in nonblank:
        if index < last and not texts[index + 1]:
            followed += 1
    double_spaced = bool(nonblank) and followed >= 0.8 * len(nonblank)
    return [k for k in shaped if _is_caption(texts, nonblank, k, double_spaced)]


def _glued_page_numbers(
    text: str, lines: _Lines, pages: list[list[int]], removed: Container[int]
) -> dict[int, Edit]:
    """Edits removing a page number the extractor glued to the last line left on a page
    ("例如CDPage 1"), by line."""
    glued: dict[int, Edit] = {}
    for page in pages:
        last = _kept(page, removed, 0, top=False)
        if last is not None:
            start = lines.start(last)
            match = GLUED_PAGE_NUMBER.search(text, start, lines.content_end(last))
            if match and match.start() > start:
                glued[last] = Edit(match.start(), match.end(), "", "page number")
    return glued


def _line_edits(
    lines: _Lines,
    removed: dict[int, str],
    glued: dict[int, Edit],
    feeds: list[int],
    inserts: dict[int, str],
) -> list[Edit]:
    """The edits, sorted: each removed line goes with its line break, each form feed
    becomes a line break (or nothing, where its line is gone or empty), and the kept
    captions (``inserts``: text by offset) are inserted."""
    edits: list[Edit] = []
    # only lines with an edit, in line order. The offsets as ``_Lines`` methods give
    # them, read here without a method call each (1.3 -> 1.0 ms on the corpus as one
    # text, compiled)
    text, raw, stops = lines.text, lines.raw, lines.stops
    for index in sorted({*removed, *glued, *feeds}):
        start = stops[index - 1] if index else 0
        end, stop = start + len(raw[index]), stops[index]
        form_feed = text.startswith("\f", end)
        if index in removed:
            # the line and its line break go; a form feed is reported on its own
            edits.append(Edit(start, end if form_feed else stop, "", removed[index]))
        elif index in glued:
            edits.append(glued[index])
        if form_feed:
            joined_line = start == end or index in removed
            edits.append(Edit(end, stop, "" if joined_line else "\n", "form feed"))
    if inserts:
        # the line edits come sorted (each within its line, the lines in order): only
        # the captions, inserted at paragraph ends, need placing among them
        for position, caption in inserts.items():
            edits.append(Edit(position, position, caption, "caption"))
        edits.sort(key=lambda e: (e.start, e.end))
    return edits


@takes_text
def find_page_artifacts(text: str, *, keep_captions: bool = False) -> list[Edit]:
    """The edits ``remove_page_artifacts`` makes to ``text``.

    Reasons: ``"page number"``, ``"running header"``, ``"running footer"``,
    ``"form feed"``, ``"caption"``.

    >>> [e.reason for e in find_page_artifacts("例如CDPage 1\\n\\n\\fDebian 参考手册\\nROM和USB\\n"
    ...                                       "\\fDebian 参考手册\\n员。\\n")]
    ['page number', 'form feed', 'running header', 'form feed', 'running header']
    """
    if not text:
        return []
    raw, texts = _read(text)
    written = [i for i, line in enumerate(texts) if line]  # the non-blank lines
    stops = _stops(text, raw) if "\f" in text else []
    feeds = _form_feeds(text, stops)
    pages = _cut_after(written, feeds)
    paged = len([p for p in pages if p]) > 1
    removed = (
        _paged_page_numbers(texts, pages, written)
        if paged
        else _unpaged_page_numbers(texts, written)
    )

    # OCR joined without form feeds (the corpus's tesseract text): the page numbers
    # found are the page breaks, so running headers are still found by repetition
    # ("Debian 参考手册" after every "Page 3": debref-ch01-2)
    sections = pages if paged else _sections(written, sorted(removed))
    if paged or len(sections) > 2:
        pages = sections
        removed.update(_running_lines(texts, pages, removed, paged=paged))
        # only _title_between_halves reads the labels here, and only once the first line
        # left is one (1 of the 71 corpus texts with pages): the others need no list
        first = next(filterfalse(removed.__contains__, written), None)
        labels = []
        if first is not None and _label_lines(texts, removed, [first]):
            labels = _label_lines(texts, removed)
    else:
        labels = _label_lines(texts, removed)
        for index in _repeated_lines(texts, labels, written):
            removed[index] = "running header"
    # on pages too: with its form feeds gone, a second clean reads the text unpaged
    # (a first line back once at the foot of page 1, shuffled seed 002 lines)
    for index in _title_between_halves(texts, labels, written, removed):
        removed[index] = "running header"

    nonblank = _without(written, removed)
    captions = _captions(texts, nonblank)
    if not removed and not captions and not feeds:
        return []  # no line to edit (nothing glued either: that needs pages)
    lines = _Lines(text, raw, stops or _stops(text, raw), texts)
    inserts: dict[int, str] = {}
    if keep_captions:
        for k in captions:
            position = _paragraph_end(lines, nonblank, k + 1)
            inserts[position] = inserts.get(position, "") + "\n\n" + texts[nonblank[k]]
    for k in captions:
        removed[nonblank[k]] = "caption"
    glued = _glued_page_numbers(text, lines, pages, removed) if paged else {}
    return _line_edits(lines, removed, glued, feeds, inserts)


@takes_text
def remove_page_artifacts(text: str, *, keep_captions: bool = False) -> str:
    """Remove page numbers, running headers and footers, form feeds and floating captions.

    Seed 004: a photo caption ("蓝庆华") set inside a sentence that a page part split.

    >>> remove_page_artifacts("特别是战略性新兴产业增加值年均增速达到16.3%，占规上工\\n\\n\\n\\n"
    ...                       "蓝庆华\\n\\n业比重达到28.9%。\\n")
    '特别是战略性新兴产业增加值年均增速达到16.3%，占规上工\\n\\n\\n\\n\\n业比重达到28.9%。\\n'
    >>> remove_page_artifacts("特别是战略性新兴产业增加值年均增速达到16.3%，占规上工\\n\\n\\n\\n"
    ...                       "蓝庆华\\n\\n业比重达到28.9%。\\n", keep_captions=True)
    '特别是战略性新兴产业增加值年均增速达到16.3%，占规上工\\n\\n\\n\\n\\n业比重达到28.9%。\\n\\n蓝庆华\\n'
    """
    return apply_edits(text, find_page_artifacts(text, keep_captions=keep_captions))
