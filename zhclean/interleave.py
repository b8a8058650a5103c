"""Two columns interleaved line by line (pdftotext default mode, pdfminer): read them apart.

``split_columns`` calls :func:`deinterleave_page` on every page that ``pdftotext -layout``
splitting leaves alone and that passes the cheap :func:`maybe_interleaved` test (in the
form of :func:`gated_units` and :func:`deinterleave_units`, which share the page's units).

On a two-column page both extractors emit the columns' lines in baseline order: a line of
the left column, the right column's line on the same baseline, each usually followed by a
blank line, with font-change fragments (``UEFI``, ``initrd``) as lines of their own and
headings breaking strict alternation (corpus debref-ch03-1, faq-support-1: raw CER 82-85 %).
Strict alternation alone helps some pages and hurts others, so each line is assigned to a
column by continuity evidence:

* a full-width line that ends in mid-sentence must be continued by the next line of its
  column, and a continuation is recognised by the strings (2 to 4 characters) across the
  junction that also occur *inside* some line of the same document: every within-line
  string is genuine evidence, whatever the language of the document;
* a numbered heading does not continue a sentence, a line starting with "，" does not start
  a paragraph;
* lines with no blank line between them are one block, nearly always of one column, and
  blocks tend to alternate.

A two-state dynamic programme over the page's lines (state: this line's column and the
last line of the other column) finds the best assignment. The gate is page-wide: full
lines in mid-sentence must find their continuation a few lines further down more often
than on the next line. A one-column page does not (its next line continues it), so it is
left byte for byte alone. The page is rewritten as left column then right column, each
column's lines joined without the blank lines that followed lines in mid-sentence; a page
so rewritten no longer passes the cheap test, which makes the step idempotent.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from collections.abc import Set as AbstractSet
from operator import add, attrgetter

from zhclean.tables.columns import (
    BLANK_LINE,
    CONTINUING,
    FOOT_NUMBER,
    HAN,
    INTERLEAVE_ALTERNATE,
    INTERLEAVE_ALTERNATE_STRICT,
    INTERLEAVE_BEAM,
    INTERLEAVE_CONTINUE_COST,
    INTERLEAVE_EVIDENCE,
    INTERLEAVE_FULL_SHARE,
    INTERLEAVE_GLUE,
    INTERLEAVE_HEADING_COST,
    INTERLEAVE_MIN_LINES,
    INTERLEAVE_MIN_OPEN_ENDS,
    INTERLEAVE_MIN_SKIPS,
    INTERLEAVE_OPEN_END_SHARE,
    INTERLEAVE_SKIP_SHARE,
    INTERLEAVE_SKIP_WINDOW,
    INTERLEAVE_STRICT_SHARE,
    NUMBERED_HEADING,
    TERMINAL,
    WIDE,
)

__all__ = [
    "BlockStrings",
    "DocumentStrings",
    "WindowStrings",
    "deinterleave_page",
    "maybe_interleaved",
]

#: More lines than a page holds (the pages that read as interleaved in the corpora have at
#: most 205, blank ones included): text without form feeds, such as a CLI block of many
#: documents, where the pair searches below would read the whole text for every line.
_MAX_PAGE_LINES = 1000


class _Unit:
    """One non-blank line of a page.

    A plain class rather than a NamedTuple, as ``columns._Cut``: mypyc compiles it to a
    struct, made and read without Python code (every gate and the DP read the units).
    """

    __slots__ = ("blank_after", "han", "line", "text", "width")

    def __init__(self, line: int, text: str, width: float, blank_after: bool, han: bool) -> None:
        self.line = line  # index in the page's lines
        self.text = text  # the line without any whitespace
        self.width = width  # display width in ems (wide characters 1, others 0.5)
        self.blank_after = blank_after  # a blank line (or the page end) follows it
        self.han = han  # it holds a Han character


def _width(text: str) -> float:
    # an ASCII line has no wide character: the same float without the regex pass
    narrow = len(text) if text.isascii() else len(WIDE.sub("", text))
    return len(text) - 0.5 * narrow


def _units(lines: list[str]) -> list[_Unit]:
    # each line stripped once: the blank line test of the line before reuses it
    bodies = [line.strip() for line in lines]
    bodies.append("")  # the page end counts as a blank line after the last line
    units: list[_Unit] = []
    for index, body in enumerate(bodies[:-1]):
        if not body:
            continue
        text = "".join(body.split())
        units.append(
            _Unit(index, text, _width(body), not bodies[index + 1], HAN.search(text) is not None)
        )
    return units


class DocumentStrings:
    """The strings (2 to 4 characters) inside the lines of one document, whitespace
    removed, for ``s in strings``. Until :meth:`collected` is called a test searches the
    document's lines, which is cheap for a few tests; :func:`deinterleave_page` makes
    hundreds to thousands, so it rejects what it can on :meth:`pair_set` alone, then
    collects every string into a set (adding the longer ones to the pairs), answering the
    same; collected after ``skips_lines`` instead, the interleaved pages took 20 % longer.

    >>> strings = DocumentStrings("initrd 映像 加载\\n启动")
    >>> "映像加" in strings, "载启" in strings
    (True, False)
    >>> len(strings.collected())
    25
    >>> "映像加" in strings, "载启" in strings
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self.lines = "\n".join("".join(line.split()) for line in text.split("\n"))
        # one set, never copied: the pairs, to which collected() adds the longer strings
        # (copied into a new set, then a frozenset, and all three freed, they took 4.6 ms
        # instead of 3.6 on the five corpus documents that collect them)
        self.grams: set[str] | None = None
        self.pairs: set[str] | None = None

    def __contains__(self, string: object) -> bool:
        if self.grams is not None:
            return string in self.grams
        if not isinstance(string, str) or "\n" in string:
            return False
        if len(string) < 2:
            return string in self.lines
        # a string inside a line has every pair of its characters inside that line: the
        # pairs (one set, built at the first test) answer a pair and reject most longer
        # strings, which were a search of the whole document each (13 us on a CLI block)
        if not all(map(self.pair_set().__contains__, map(add, string, string[1:]))):
            return False
        return len(string) == 2 or string in self.lines

    # The sets are made by slicing each line in a loop, which mypyc compiles: 2.2x (pairs)
    # and 1.5x (longer strings) faster than the maps over a line's characters and pairs
    # they replaced, which make a new string per character iterated (the five interleaved
    # corpus documents: 6.8 -> 4.1 ms; run from source, about the same).

    def pair_set(self) -> AbstractSet[str]:
        """The pairs (strings of 2 characters) inside the lines, built once; after
        :meth:`collected`, the same set, which then holds the longer strings too."""
        return self._pairs()

    def _pairs(self) -> set[str]:
        if self.pairs is None:
            pairs: set[str] = set()
            for body in self.lines.split("\n"):
                for start in range(len(body) - 1):
                    pairs.add(body[start : start + 2])
            self.pairs = pairs
        return self.pairs

    def collected(self) -> AbstractSet[str]:
        """Every string of 2 to 4 characters inside the lines, collected once."""
        if self.grams is None:
            grams = self._pairs()
            for body in self.lines.split("\n"):
                for start in range(len(body) - 2):
                    grams.add(body[start : start + 3])
                for start in range(len(body) - 3):
                    grams.add(body[start : start + 4])
            self.grams = grams
        return self.grams


def _add_strings(strings: dict[str, object], line: str, at: object, sizes: range) -> None:
    """Record every string of ``sizes`` characters inside ``line`` (whitespace removed) as
    last seen on the line starting at ``at`` (an int; typed ``object`` so that mypyc makes
    its Python int once per line, not once per string stored: 1.10 -> 1.00 ms for the
    pairs of an 18,600-character window)."""
    body = "".join(line.split())
    for size in sizes:
        for start in range(len(body) - size + 1):
            strings[body[start : start + size]] = at


class BlockStrings:
    """``DocumentStrings`` of a window of a long text (a CLI block of many documents),
    window after window, each line's strings collected once instead of once per window.

    ``split_columns`` gives an interleaved page of a long text the strings of the text
    ``_NEIGHBOURHOOD`` characters either side of it. Pages of one document sit side by
    side, so their windows overlap by 16,000 characters while the page holds 2,000: the
    corpus joined into one text collected each of its strings 1.7 times, a long document
    of interleaved pages 9 times. Here every complete line adds its strings once, to one
    dict, as last seen on that line (its start); windows move forward, so a string is
    inside a window's complete lines exactly when it was last seen on a line starting
    inside the window. The window's cut lines at either edge are collected per window.

    >>> block = BlockStrings("一二三\\n四五六七\\n八九十")
    >>> window = block.window(1, 10)  # "二三\\n四五六七\\n八": cut lines at both edges
    >>> "二三" in window.collected(), "一二" in window.collected(), "五六七" in window.collected()
    (True, False, True)
    >>> later = block.window(5, 12)  # "五六七\\n八九十": the line 四五六七 is cut now
    >>> "四五六" in later.collected(), "五六七" in later.collected(), "八九十" in later.collected()
    (False, True, True)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # each string of 2 to 4 characters: the start (an int) of the last complete line
        # holding it
        self.seen: dict[str, object] = {}
        # where the complete lines added end, the pairs and the longer strings apart
        self.pairs_to = 0
        self.longer_to = 0
        self.start = 0
        self.end = 0

    def window(self, start: int, end: int) -> WindowStrings:
        """The strings of ``text[start:end]``; a window must not start or end before the
        one asked for last (the text is read once more from its start if it does)."""
        text = self.text
        start, end = min(len(text), max(0, start)), min(len(text), max(0, end))
        if start < self.start or end < self.end:
            self.seen.clear()
            self.pairs_to = self.longer_to = 0
        self.start, self.end = start, end
        edges: list[str] = []
        first = start  # the first complete line's start
        if start and text[start - 1] != "\n":
            cut = text.find("\n", start, end)
            if cut < 0:
                return WindowStrings(self, end + 1, end + 1, [text[start:end]])
            edges.append(text[start:cut])
            first = cut + 1
        last = end  # where the complete lines end: the cut line at the end, if any
        if end < len(text) and text[end] != "\n":
            last = text.rfind("\n", first, end) + 1
            if last == 0:  # the cut line at the start runs to the end
                last = first
            edges.append(text[last:end])
        return WindowStrings(self, first, last, edges)

    def add_lines(self, first: int, last: int, *, longer: bool) -> None:
        """Add the strings of the lines starting in [``first``, ``last``), which all end
        at or before ``last`` (or the text's end): pairs, or with ``longer`` those of 3
        and 4 characters."""
        begin = max(first, self.longer_to if longer else self.pairs_to)
        text, seen = self.text, self.seen
        sizes = range(3, 5) if longer else range(2, 3)
        while begin < last:
            stop = text.find("\n", begin, last)
            if stop < 0:
                stop = last
            _add_strings(seen, text[begin:stop], begin, sizes)
            begin = stop + 1
        if longer:
            self.longer_to = max(self.longer_to, last)
        else:
            self.pairs_to = max(self.pairs_to, last)


class WindowStrings:
    """The strings of one window of a :class:`BlockStrings`, for ``s in strings``: those
    last seen on a complete line starting at ``first`` or later, or inside a cut line at
    the window's edges. As :class:`DocumentStrings`, :meth:`pair_set` answers pairs,
    :meth:`collected` every string of 2 to 4 characters. It answers until the next window
    of its block is asked for, which moves the lines' last sightings on."""

    def __init__(self, block: BlockStrings, first: int, last: int, edges: list[str]) -> None:
        self.block = block
        self.first = first
        self.last = last
        self.edge_lines = edges
        self.edges: set[str] = set()
        self.paired = self.longer = False

    def __contains__(self, string: object) -> bool:
        if not isinstance(string, str):
            return False
        seen = self.block.seen.get(string)
        return (isinstance(seen, int) and seen >= self.first) or string in self.edges

    def pair_set(self) -> Container[str]:
        """Answers pairs (the longer strings only once :meth:`collected` was called)."""
        if not self.paired:
            self.block.add_lines(self.first, self.last, longer=False)
            for line in self.edge_lines:
                _add_strings_to_set(self.edges, line, range(2, 3))
            self.paired = True
        return self

    def collected(self) -> Container[str]:
        """Answers every string of 2 to 4 characters."""
        if not self.longer:
            self.pair_set()
            self.block.add_lines(self.first, self.last, longer=True)
            for line in self.edge_lines:
                _add_strings_to_set(self.edges, line, range(3, 5))
            self.longer = True
        return self


def _add_strings_to_set(strings: set[str], line: str, sizes: range) -> None:
    body = "".join(line.split())
    for size in sizes:
        for start in range(len(body) - size + 1):
            strings.add(body[start : start + size])


def _full_width(units: list[_Unit]) -> float:
    widths = sorted(unit.width for unit in units)
    return widths[int(INTERLEAVE_FULL_SHARE * (len(widths) - 1))]


def _open(unit: _Unit, full: float) -> bool:
    """Whether the next line of ``unit``'s column should continue its sentence: a full line
    not ending a sentence, or a Latin fragment cut off its line by a font change."""
    if unit.text[-1] in TERMINAL:
        return False
    return unit.width >= INTERLEAVE_FULL_SHARE * full or not unit.han


def _is_han(char: str) -> bool:
    """``HAN.match(char)`` for one character: the ranges of ``HAN`` compared, without a
    regex call per line end (the gates test thousands of them; a test pins the two)."""
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def _has_open_ends(page: str) -> bool:
    """Whether ``INTERLEAVE_MIN_OPEN_ENDS`` lines end in a Han character with a blank line
    after them. Blank lines are found by a scan with a literal start and only the
    character before each is looked at: a scan for the Han character first would try
    every position of every page, one-paragraph-per-line text included."""
    found = 0
    for match in BLANK_LINE.finditer(page):
        tail = page[max(0, match.start() - 8) : match.start()].rstrip(" \t\r\u3000")
        if tail and _is_han(tail[-1]):
            found += 1
            if found >= INTERLEAVE_MIN_OPEN_ENDS:
                return True
    return False


def maybe_interleaved(page: str) -> bool:
    """Cheap tests before the page-wide gate, in rising cost; most pages stop at the first,
    one scan for blank lines: three lines ending in a Han character with a blank line
    after them; then the character pair across such a line end is found inside the
    page's lines at least as often with the line after next as with the next line (raw
    lines, then measured ones); and a quarter of the blocks end in a full line in
    mid-sentence.

    >>> maybe_interleaved("作为系统管理员，粗略地了解 Debian 系统的启动和配置方式是明智的。\\n")
    False
    """
    return gated_units(page) is not None


def gated_units(page: str) -> tuple[list[str], list[_Unit]] | None:
    """The page's lines and units when it passes :func:`maybe_interleaved`, else None.

    ``split_columns`` hands them on to :func:`deinterleave_units` rather than have
    :func:`deinterleave_page` make them again (0.9 ms of the step on the corpus).
    """
    # the open ends first: they reject 2 pages in 3, a search that stops at the third,
    # while counting the lines reads every page to its end
    if not _has_open_ends(page) or page.count("\n") > _MAX_PAGE_LINES:
        return None
    lines = page.split("\n")
    if not _skips_pairs(page, lines):
        return None
    units = _units(lines)
    if len(units) < INTERLEAVE_MIN_LINES:
        return None
    full = _full_width(units)
    ends = [unit for unit in units if unit.blank_after]
    open_ends = sum(
        unit.han and unit.width >= INTERLEAVE_FULL_SHARE * full and _open(unit, full)
        for unit in ends
    )
    if open_ends < INTERLEAVE_MIN_OPEN_ENDS or open_ends < INTERLEAVE_OPEN_END_SHARE * len(ends):
        return None
    return (lines, units) if _skips_bigrams(units, full) else None


def _skips_pairs(page: str, lines: list[str]) -> bool:
    """``_skips_bigrams`` on the raw lines, every line ending in a Han character taken as
    open: one-column pdfminer pages fail it before any line is measured.

    A pair across a line end is inside a line of the page exactly when its first
    character occurs in the page followed by its second (neither is a line break), so the
    characters that follow each distinct line-end character are collected once, by a
    search for that character (:func:`_followers`): building every pair of the page cost
    100 ns a character and this test was 30 % of split_columns on one-column text; this is
    2x faster."""
    # a loop rather than map(str.strip, ...): mypyc calls str.strip directly only so
    bodies: list[str] = []
    for line in lines:
        body = line.strip()
        if body:
            bodies.append(body)
    # the lines counted, those ending in a Han character (nothing else has followers),
    # by that character
    ending: dict[str, list[int]] = {}
    counted = 0
    for i in range(len(bodies) - 2):
        end = bodies[i][-1]
        if _is_han(end):
            counted += 1
            rows = ending.get(end)
            if rows is None:
                ending[end] = [i]
            else:
                rows.append(i)
    following = skipping = 0
    # Each line left adds at most one to either count, so the answer may be known before
    # every line is counted (one-column pages: after 90 % of them). The characters that
    # end the most lines are searched first: each search settles the most lines, and on
    # the merged pages of a CLI block (several documents between two form feeds; the
    # corpus joined into one text) they visit 29 % fewer occurrences than in page order.
    for rows in sorted(ending.values(), key=len, reverse=True):
        after = _followers(page, bodies[rows[0]][-1])
        for i in rows:
            following += bodies[i + 1][0] in after
            skipping += bodies[i + 2][0] in after
        counted -= len(rows)
        if following - skipping > counted:
            return False
        if skipping - following >= counted:
            return True
    return skipping >= following


def _followers(text: str, char: str) -> set[str]:
    """The characters that follow ``char`` in ``text`` ("" for one at its end).

    A pair ``char + x`` is in ``text`` exactly when ``x`` is among them. A search for the
    one character is cheaper than every pair of the text, which costs 100 ns a character,
    when few distinct characters are asked about: the line ends of a page. (``text.find``
    itself, not a bound method in a local: mypyc calls str.find directly only so.)
    """
    after: set[str] = set()
    at = text.find(char)
    while at >= 0:
        at += 1
        after.add(text[at : at + 1])
        at = text.find(char, at)
    return after


def _skips_bigrams(units: list[_Unit], full: float) -> bool:
    """Whether the character pair across a mid-sentence line end occurs inside the page's
    lines at least as often with the line after next as with the next line. One-column
    pdfminer pages (every line followed by a blank line) pass the block test above but
    fail this one, before the document's strings are collected.

    The lines' texts hold no whitespace, so a pair of two of their characters is inside
    a line exactly when it is in the texts joined by line breaks (:func:`_followers`)."""
    text = "\n".join([unit.text for unit in units])
    nexts: dict[str, set[str]] = {}
    following = skipping = 0
    for i in range(len(units) - 2):
        unit = units[i]
        if unit.han and unit.width >= INTERLEAVE_FULL_SHARE * full and _open(unit, full):
            end = unit.text[-1]
            after = nexts.get(end)
            if after is None:
                after = nexts[end] = _followers(text, end)
            following += units[i + 1].text[0] in after
            skipping += units[i + 2].text[0] in after
    return skipping >= following


def _evidence(grams: Container[str], before: str, after: str) -> int:
    """The length of the longest string (2 to 4 characters) across the end of ``before``
    and the start of ``after`` that also occurs inside a line of the document; 0 if none."""
    return _crossing(grams, before[-3:], after[:3])


def _crossing(grams: Container[str], tail: str, head: str) -> int:
    """``_evidence`` from the last three characters of ``before`` and the first three of
    ``after``: a string of at most 4 characters that crosses the junction holds at most 3
    of each, so these are all the strings it tests, and a unit's edges are cut once per
    page instead of once per test (6526 tests on the corpus's interleaved pages).

    The strings inside a document's lines hold every string inside them, and every
    crossing string of n characters holds a crossing one of n - 1: the pair across the
    junction is tested first and most tests (no evidence) stop there, then the strings of
    3, then those of 4, which answers as the longest-first search did."""
    cut = len(tail)
    joined = tail + head
    if joined[cut - 1 : cut + 1] not in grams:
        return 0
    size = len(joined)
    if not any(
        joined[start : start + 3] in grams for start in range(max(0, cut - 2), min(cut, size - 2))
    ):
        return 2
    if any(
        joined[start : start + 4] in grams for start in range(max(0, cut - 3), min(cut, size - 3))
    ):
        return 4
    return 3


class _Scorer:
    """How well one line continues another in the same column."""

    def __init__(self, units: list[_Unit], grams: Container[str], full: float) -> None:
        self.units = units
        self.grams = grams
        self.full = full
        self.opens = [_open(unit, full) for unit in units]
        self.tails = [unit.text[-3:] for unit in units]
        self.heads = [unit.text[:3] for unit in units]
        # the pair across a junction, which rejects 87 % of them (see _crossing), is
        # tested here without a call
        self.lasts = [unit.text[-1] for unit in units]
        self.firsts = [unit.text[0] for unit in units]
        # what a line costs after a line that may end a paragraph, and whether it is a
        # numbered heading, once per line: the DP asks for 6375 distinct junctions of
        # 734 lines on the corpus, a cache per pair saved almost nothing
        self.closed = [
            -INTERLEAVE_CONTINUE_COST if unit.text[0] in CONTINUING else 0.0 for unit in units
        ]
        self.headings = [NUMBERED_HEADING.match(unit.text) is not None for unit in units]
        self.strict = False

    def evidence(self, i: int, j: int) -> int:
        """``_evidence`` of line ``j`` after line ``i``."""
        if self.lasts[i] + self.firsts[j] not in self.grams:
            return 0
        return _crossing(self.grams, self.tails[i], self.heads[j])

    def junction(self, i: int, j: int) -> float:
        if not self.opens[i]:
            return self.closed[j]
        if self.lasts[i] + self.firsts[j] in self.grams:
            got = INTERLEAVE_EVIDENCE[_crossing(self.grams, self.tails[i], self.heads[j])]
        else:
            got = INTERLEAVE_EVIDENCE[0]
        if self.headings[j]:
            got -= INTERLEAVE_HEADING_COST
        return got

    def skips_lines(self, min_skips: int) -> bool:
        """Whether full lines in mid-sentence find their continuation a few lines further
        down more often than on the next line: the page-wide signature of interleaving.

        Also sets ``strict``: whether most continuations found sit exactly two lines down,
        as when the extractor alternates the columns line by line (pdftotext's default
        mode: debref-ch03-1 two thirds of them; pdfminer's text boxes: a third to a half).
        """
        units = self.units
        skips = follows = opened = found = second = 0
        for i in range(len(units) - 1):
            unit = units[i]
            if not (unit.han and unit.width >= INTERLEAVE_FULL_SHARE * self.full and self.opens[i]):
                continue
            opened += 1
            following = self.evidence(i, i + 1)
            window = range(i + 2, min(i + 2 + INTERLEAVE_SKIP_WINDOW, len(units)))
            evidence = [self.evidence(i, j) for j in window]
            later = max(evidence, default=0)
            if later >= 3 and later > following:
                skips += 1
            elif following and following >= later:
                follows += 1
            if max(following, later) >= 3:
                found += 1
                second += following < later == evidence[0]
        self.strict = second >= INTERLEAVE_STRICT_SHARE * found
        return skips >= min_skips and skips - follows >= INTERLEAVE_SKIP_SHARE * opened


def _may_skip_lines(units: list[_Unit], full: float, pairs: Container[str], min_skips: int) -> bool:
    """False when ``_Scorer.skips_lines`` is surely false: a line it counts as skipping
    has evidence of 3 characters with a line of its window, which holds the pair across
    that junction, so the lines with such a pair bound the skips from above."""
    firsts = [unit.text[0] for unit in units]
    opened = candidates = 0
    for i in range(len(units) - 1):
        unit = units[i]
        if not (unit.han and unit.width >= INTERLEAVE_FULL_SHARE * full and _open(unit, full)):
            continue
        opened += 1
        end = unit.text[-1]
        window = firsts[i + 2 : i + 2 + INTERLEAVE_SKIP_WINDOW]
        candidates += any(end + first in pairs for first in window)
    return candidates >= min_skips and candidates >= INTERLEAVE_SKIP_SHARE * opened


class _Path:
    """A state of :func:`_assign`: this line's column, the last line of the other column
    (-1: none yet) and the score of the best assignment reaching it. A plain class, which
    mypyc compiles to a struct holding the score unboxed: a stay updates it in place
    instead of making a tuple and a float per state and line."""

    __slots__ = ("column", "other", "score")

    def __init__(self, column: int, other: int, score: float) -> None:
        self.column = column
        self.other = other
        self.score = score


_score = attrgetter("score")

#: No back pointer in ``_assign``: the column was never switched to on that line.
_NONE = -2


def _sort_best_first(paths: list[_Path]) -> None:
    """Sort ``paths`` by falling score, ties in their order: ``sorted(paths, key=_score,
    reverse=True)`` in place, by insertion. Once the beam is full the states come sorted
    from the line before (a stay adds the same to every score, which keeps their order)
    but for the two switched ones, so each line costs one pass, not a sort that boxes
    every score (debref-ch03-1's pages: 18 states a line)."""
    for index in range(1, len(paths)):
        path = paths[index]
        score = path.score
        place = index
        while place and paths[place - 1].score < score:
            paths[place] = paths[place - 1]
            place -= 1
        paths[place] = path


def _assign(scorer: _Scorer) -> list[int]:
    """Each line's column (0 left, 1 right): a beam-limited dynamic programme whose state
    is this line's column and the last line of the other column.

    A state that stays in its column keeps its key, and no other state can reach that key
    (a switch makes the other column's last line this one, newer than any kept), so stays
    are kept without a comparison and without a back pointer; only the two switched
    states compete, each in the slot where it was first appended. The states are a list
    in the order a dict of them was filled, which breaks ties in the beam (a stable sort)
    and at the end (the first best) as the dict did."""
    units = scorer.units
    alternate = INTERLEAVE_ALTERNATE_STRICT if scorer.strict else INTERLEAVE_ALTERNATE
    paths = [_Path(0, -1, 0.0)]
    # per line, the other column's last line of the state each column was switched to
    # from (that state's column is the other one)
    backs: list[list[int]] = [[_NONE, _NONE]]
    for i in range(len(units) - 1):
        kept: list[_Path] = []
        back = [_NONE, _NONE]
        switched: list[_Path | None] = [None, None]
        # only a line with no blank line after it is glued to the next: also gluing a Latin
        # fragment cut off by a font change ("UEFI", debref-ch03-1) to the line after it
        # won 4.9 CER points on dev pdftotext/2col but lost 4.5 on benchmarks/twocol and
        # 7.1 on held-out (faq-choosing-1-2c 74.7 -> 30.7 % without it)
        if not units[i].blank_after:
            stay_prior, switch_prior = INTERLEAVE_GLUE, -INTERLEAVE_GLUE
        else:
            stay_prior, switch_prior = -alternate, alternate
        # scorer.junction called as a method: mypyc calls it natively only so (a bound
        # method in a local went through Python's calling convention, boxing the floats)
        here = scorer.junction(i, i + 1)
        following = i + 1
        # the states of both columns often share the other column's last line: each
        # junction once (12030 calls for 6512 distinct on the corpus's pages)
        gains: dict[int, float] = {-1: 0.0}
        for path in paths:
            score, other = path.score, path.other
            gain = gains.get(other)
            if gain is None:
                gain = gains[other] = scorer.junction(other, following)
            switch = score + gain + switch_prior
            path.score = score + here + stay_prior
            kept.append(path)
            target = 1 - path.column
            best = switched[target]
            if best is None:
                switched[target] = best = _Path(target, i, switch)
                kept.append(best)
                back[target] = other
            elif switch > best.score:
                best.score = switch
                back[target] = other
        if len(kept) > INTERLEAVE_BEAM:
            _sort_best_first(kept)
            del kept[INTERLEAVE_BEAM:]
        paths = kept
        backs.append(back)
    last = max(paths, key=_score)
    column, other = last.column, last.other
    columns = [0] * len(units)
    for i in range(len(units) - 1, -1, -1):
        columns[i] = column
        # a state whose other column ended on the line before was switched to there
        if i and other == i - 1:
            switched_from = backs[i][column]
            assert switched_from != _NONE
            column, other = 1 - column, switched_from
    return columns


def _read(lines: list[str], indexes: Iterable[int], scorer: _Scorer) -> list[str]:
    """A column's lines, a blank line kept only after a line that may end a paragraph."""
    out: list[str] = []
    for index in indexes:
        out.append(lines[scorer.units[index].line].rstrip())
        if not scorer.opens[index]:
            out.append("")
    if out and out[-1]:
        out.append("")
    return out


def _edge_line(page: str, last: bool) -> str:
    """The first (or last) full Han line of a neighbouring page, whitespace removed.

    The widths of all lines set the full width, but only the lines tried need their text
    and Han test: the units of a whole page were built for one line (twice per page)."""
    bodies = [body for body in map(str.strip, page.split("\n")) if body]
    if not bodies:
        return ""
    widths = list(map(_width, bodies))
    # _full_width of the page's units
    least = INTERLEAVE_FULL_SHARE * sorted(widths)[int(INTERLEAVE_FULL_SHARE * (len(widths) - 1))]
    for index in range(len(bodies) - 1, -1, -1) if last else range(len(bodies)):
        if widths[index] >= least:
            text = "".join(bodies[index].split())
            if HAN.search(text) is not None:
                return text
    return ""


def _link(grams: Container[str], before: str, after: str) -> float:
    """Continuity of ``after`` after ``before`` when ``before`` stops in mid-sentence."""
    if not before or not after or before[-1] in TERMINAL:
        return 0.0
    return INTERLEAVE_EVIDENCE[_evidence(grams, before, after)]


def _reads_better_swapped(
    scorer: _Scorer, left: list[int], right: list[int], before: str, after: str
) -> bool:
    """Which chain is the left column: the one that, read first, continues the previous
    page and runs on into the other chain, whose end runs on into the next page."""
    units, grams = scorer.units, scorer.grams
    # the neighbouring pages' edge lines are measured once for both readings
    previous, following = _edge_line(before, True), _edge_line(after, False)

    def reading(first: list[int], second: list[int]) -> float:
        return (
            _link(grams, previous, units[first[0]].text)
            + _link(grams, units[first[-1]].text, units[second[0]].text)
            + _link(grams, units[second[-1]].text, following)
        )

    return reading(right, left) > reading(left, right)


def deinterleave_page(
    page: str,
    strings: DocumentStrings,
    *,
    before: str = "",
    after: str = "",
    min_skips: int = INTERLEAVE_MIN_SKIPS,
) -> str | None:
    """The page read left column then right column, or None when it is not interleaved.

    ``strings`` are the whole document's (:class:`DocumentStrings`); ``min_skips`` is how many
    full lines in mid-sentence must find their continuation past the next line.

    >>> page = (  # faq-support-1/pdftotext.txt, lines 57-75
    ...     "\\n人，取决于您怎么想。\\n您也可以使用 WWW 表单订阅邮件列表。也可以使\\n\\n"
    ...     "已安装的 Debian 软件包的文档：大多数软件包都\\n\\n用 WWW 表单进行退订。\\n\\n"
    ...     "有文档，位于 /usr/share/doc/软件包。\\n\\n如果您遇到任何困难，可联系列表管理员的电子邮\\n\\n"
    ...     "Linux 计划的文档：Debian 软件包 doc-linux 包\\n\\n"
    ...     "件地址 <listmaster@lists.debian.org>。\\n\\n"
    ...     "含了 Linux 文档计划的所有 HOWTO 和迷你 HOWTO\\n\\n邮件列表是公共论坛。所有发送到列表的电子邮件")
    >>> print(deinterleave_page(page, DocumentStrings(page), min_skips=2))
    人，取决于您怎么想。
    <BLANKLINE>
    您也可以使用 WWW 表单订阅邮件列表。也可以使
    用 WWW 表单进行退订。
    <BLANKLINE>
    如果您遇到任何困难，可联系列表管理员的电子邮
    件地址 <listmaster@lists.debian.org>。
    <BLANKLINE>
    邮件列表是公共论坛。所有发送到列表的电子邮件
    <BLANKLINE>
    已安装的 Debian 软件包的文档：大多数软件包都
    有文档，位于 /usr/share/doc/软件包。
    <BLANKLINE>
    Linux 计划的文档：Debian 软件包 doc-linux 包
    含了 Linux 文档计划的所有 HOWTO 和迷你 HOWTO
    <BLANKLINE>
    """
    lines = page.split("\n")
    return deinterleave_units(
        lines, _units(lines), strings, before=before, after=after, min_skips=min_skips
    )


def deinterleave_units(
    lines: list[str],
    units: list[_Unit],
    strings: DocumentStrings | WindowStrings,
    *,
    before: str = "",
    after: str = "",
    min_skips: int = INTERLEAVE_MIN_SKIPS,
) -> str | None:
    """:func:`deinterleave_page` of a page split into ``lines`` and their ``units``; ``strings``
    may be a :class:`WindowStrings` of a long text around the page."""
    if len(units) < INTERLEAVE_MIN_LINES:
        return None
    tail = len(units)
    # the page number under both columns stays at the page foot for remove_page_artifacts
    while tail and not units[tail - 1].han and FOOT_NUMBER.fullmatch(units[tail - 1].text):
        tail -= 1
    full = _full_width(units)
    # a short first line that ends its sentence (a running header) stays at the page top:
    # read as a column line it would set the alternation off by one
    top = int(not _open(units[0], full) and units[0].width < INTERLEAVE_FULL_SHARE * full)
    body = units[top:tail]
    # the document's strings are collected only for a page the pairs alone do not reject
    # (3 of the 6 corpus pages that fail skips_lines, in one-column documents)
    collected = isinstance(strings, DocumentStrings) and strings.grams is not None
    if not collected and not _may_skip_lines(body, full, strings.pair_set(), min_skips):
        return None
    # the collected set itself: the same answers without a method call per test
    scorer = _Scorer(body, strings.collected(), full)
    if not scorer.skips_lines(min_skips):
        return None
    columns = _assign(scorer)
    left = [index for index, column in enumerate(columns) if column == 0]
    right = [index for index, column in enumerate(columns) if column == 1]
    if len(left) < 3 or len(right) < 3:
        return None
    if _reads_better_swapped(scorer, left, right, before, after):
        left, right = right, left
    head = [line.rstrip() for line in lines[: body[0].line]]  # blank lines above the first line
    out = [*head, *_read(lines, left, scorer), *_read(lines, right, scorer)]
    out += [lines[unit.line].rstrip() for unit in units[tail:]]
    return "\n".join(out)
