"""normalize_punctuation: ASCII punctuation in Chinese context to full width, width folding.

Contract (see docs/protocol.md): ``find_punctuation(text, **options) -> list[Edit]`` finds the
edits; ``normalize_punctuation(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

Every decision is local to one line (one paragraph) and made on the characters around the
mark, so ASCII inside numbers, Latin words, paths, URLs, times and ratios stays ASCII:

>>> normalize_punctuation("他强调,深入推进长三角一体化发展,进一步提升创新能力")
'他强调，深入推进长三角一体化发展，进一步提升创新能力'
>>> normalize_punctuation("城乡收入比缩小到2.4:1。R&D投入强度由3%增长到4.44%")
'城乡收入比缩小到2.4:1。R&D投入强度由3%增长到4.44%'
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate, pairwise

import regex

from zhclean.edits import Edit, apply_edits, takes_text
from zhclean.tables.punctuation import (
    ASCII_TO_FULL,
    CANDIDATES,
    CJK_CLOSING,
    CONVENTION_PATTERNS,
    FULLWIDTH_ALNUM,
    MAYBE_INVISIBLE,
    MISREAD_OPENING,
    QUOTES,
    is_cjk,
    is_han,
)
from zhclean.tables.whitespace import INVISIBLE

__all__ = ["damaged_marks", "find_punctuation", "normalize_punctuation"]

_RUN_MARKS = frozenset(",;:?!")
_GLUED_MARKS = frozenset(",;?!")
_SELF_EVIDENT = frozenset(":;?!")
_BRACKET = re.compile(r"[()]")
_SPACED_BRACKET = re.compile(r"\([ \t\xa0\u3000]|[ \t\xa0\u3000]\)")
_MARK_RUN = re.compile("[" + re.escape("".join(sorted(_RUN_MARKS))) + "]+")
_FULLWIDTH = re.compile(r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]")
_DIGITS = frozenset("0123456789")
_HORIZONTAL = frozenset(" \t\u00a0\u3000")
_OPENING_QUOTES = frozenset("“‘「『\"'")
_CLOSING_QUOTES = frozenset("”’」』\"'")
_MAYBE_INVISIBLE = re.compile(f"[{MAYBE_INVISIBLE}]")
_INVISIBLE_RUN = regex.compile(INVISIBLE.pattern + "+", regex.V1)
_MANY_SUSPECTS = 256


@takes_text
def find_punctuation(text: str) -> list[Edit]:
    """The edits ``normalize_punctuation`` makes to ``text``, sorted and disjoint.

    >>> find_punctuation("宝塔区宝塔消防救援站(简称“宝塔消防救援站”)")
    [Edit(start=10, end=11, replacement='（', reason='punctuation width', ambiguous=False), \
Edit(start=22, end=23, replacement='）', reason='punctuation width', ambiguous=False)]
    """
    if CANDIDATES.search(text) is None:
        return []
    return _candidate_edits(text)


def _candidate_edits(text: str) -> list[Edit]:
    """``find_punctuation`` on a text known to hold a ``CANDIDATES`` character."""
    # Speed: the line scan of _visible_edits watches for invisible characters as it
    # goes (a pass of its own over the text cost a fifth of the step on clean text),
    # and gives up on a text that holds one.
    edits = _visible_edits(text, watch=True)
    return _through_invisible(text) if edits is None else edits


def _through_invisible(text: str) -> list[Edit]:
    """The edits made as if the characters ``normalize_whitespace`` deletes were gone.

    A control or format character between a mark and its Chinese neighbour hid the
    context: ``"重\\x00;"`` kept its ``;``, ``normalize_whitespace`` then deleted the NUL, and
    a second clean converted it (found by the idempotence fuzzer). Deciding on the text
    without them gives the decisions the next pass would make.

    >>> [(e.start, e.replacement) for e in find_punctuation("注重\\x00;坚持")]
    [(3, '；')]
    """
    runs = _invisible_runs(text)
    # a visible character's index in ``text``: its index in the visible text plus the
    # length of every run removed before it
    removed_before = list(accumulate((end - start for start, end in runs), initial=0))
    at = [start - removed_before[k] for k, (start, _) in enumerate(runs)]

    def original(index: int) -> int:
        return index + removed_before[bisect_right(at, index)]

    edits = []
    # the text without its runs: the pieces between them
    bounds = [(0, 0), *runs, (len(text), len(text))]
    kept = [text[previous_end:start] for (_, previous_end), (start, _) in pairwise(bounds)]
    visible = _visible_edits("".join(kept), watch=False)
    assert visible is not None  # only a watching scan gives up
    for edit in visible:
        start = original(edit.start)
        end = original(edit.end - 1) + 1 if edit.end > edit.start else start
        edits.append(edit._replace(start=start, end=end))
    return edits


def _invisible_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of invisible characters (``INVISIBLE``) of ``text``.

    Speed: the suspects (``MAYBE_INVISIBLE``) are found by ``re`` and checked one by one
    against ``INVISIBLE``, where a ``regex`` scan of the text for runs of ``INVISIBLE``,
    and another to delete them, cost two thirds of the step on a text holding one: 27 of
    40 ms on the corpus as one text with one zero-width space. Past ``_MANY_SUSPECTS``
    (every emoji is one: they are astral), the ``regex`` scan of the rest is cheaper.

    >>> _invisible_runs("注重\\x00\\u200b;坚持\\u3164😀")
    [(2, 4), (7, 8)]
    """
    runs: list[tuple[int, int]] = []
    suspect = _MAYBE_INVISIBLE.search(text)
    checked = 0
    while suspect is not None:
        checked += 1
        if checked > _MANY_SUSPECTS:
            # no run spans the suspect: the character before it is not invisible
            runs.extend(found.span() for found in _INVISIBLE_RUN.finditer(text, suspect.start()))
            break
        start = end = suspect.start()
        while end < len(text) and INVISIBLE.match(text, end) is not None:
            end += 1
        if end > start:
            # maximal: the characters before it, since the last run, are no suspects
            runs.append((start, end))
        suspect = _MAYBE_INVISIBLE.search(text, max(end, start + 1))
    return runs


def _visible_edits(text: str, watch: bool) -> list[Edit] | None:
    """The edits of a text without invisible characters (``INVISIBLE``); with ``watch``,
    None if ``text`` holds one after all."""
    damaged = damaged_marks(text)
    edits: list[Edit] = []
    # Speed: only lines where some rule could fire on the text as it stands are worked
    # on (see _needs_work); on the others no rule fires, so nothing ever changes. After
    # a line, the scan resumes at its end: matches never span a line break, so this is
    # the first match that finditer would yield past the line.
    watching, scan, others, others_watching = _needs_work(damaged)
    if watch:
        # The watching scan also stops at every character of ``MAYBE_INVISIBLE``, and
        # what it leaves unread (the rest of a line it stopped on) is searched for one
        # (``_hides``, ``_other_cue``): every character is looked at, and each suspect
        # (a zero-width joiner, an emoji) is checked against INVISIBLE alone.
        scan = watching
    position = 0
    while (found := scan.search(text, position)) is not None:
        if found.lastgroup == "hidden":
            if INVISIBLE.match(text, found.start()):
                return None
            position = found.end()
            continue
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        end = len(text) if end == -1 else end
        position = end
        if found.lastgroup == "bracket":
            # Only brackets next to Han, all paired ("(参见 …)"), are skipped: with
            # brackets not damaged, only a lone bracket could change, and there is none.
            other = _other_cue(text, found.end(), end, others_watching if watch else others)
            if other is None:
                return None  # an invisible character
            if other == end and _balanced(text, start, end):
                continue
            if watch and _hides(text, other, end):
                return None
        elif watch and _hides(text, found.end(), end):
            return None
        edits.extend(_line_edits(text[start:end], start, damaged))
    return edits


def _other_cue(text: str, start: int, end: int, others: re.Pattern[str]) -> int | None:
    """Where the first cue of ``others`` (``_needs_work``) in ``text[start:end]`` starts
    (``end`` if there is none); None if an invisible character comes first.

    Speed: the rest of a line whose first cue is a bracket is read once, for another
    cue and for an invisible character together (``others`` with its ``hidden`` group),
    not once for each: 1,200 of the 1,730 lines the scan stops at in the corpus, the
    "(参见 …)" lines of the Debian manual mostly.
    """
    found = others.search(text, start, end)
    while found is not None and found.lastgroup == "hidden":
        if INVISIBLE.match(text, found.start()):
            return None
        found = others.search(text, found.end(), end)
    return end if found is None else found.start()


def _hides(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds an invisible character (``INVISIBLE``)."""
    # Speed: a search, which mostly finds nothing, costs less than an iterator per line.
    suspect = _MAYBE_INVISIBLE.search(text, start, end)
    while suspect is not None:
        if INVISIBLE.match(text, suspect.start()):
            return True
        suspect = _MAYBE_INVISIBLE.search(text, suspect.end(), end)
    return False


def _balanced(text: str, start: int, end: int) -> bool:
    """Whether every bracket of the line ``text[start:end]`` pairs up (``_brackets`` finds
    no lone one)."""
    # Speed: the brackets are found by str.find, the opening and the closing ones apart
    # and taken in the order they stand: a call per bracket (one or two pairs on a
    # typical line), with no list, match object nor copy of the line (compiled, 0.2 ms
    # on the 1,200 bracket lines of the corpus, where a findall of them took 0.9 ms).
    depth = 0
    opening = text.find("(", start, end)
    closing = text.find(")", start, end)
    while closing != -1:
        if opening != -1 and opening < closing:
            depth += 1
            opening = text.find("(", opening + 1, end)
        else:
            depth -= 1
            if depth < 0:
                return False
            closing = text.find(")", closing + 1, end)
    # every closing bracket is paired: the line pairs up when no opening one is left
    return depth == 0 and opening == -1


# The whole-text scan (``_needs_work``) runs on ``re``, which has no ``\\p{Han}``. It
# only needs a superset of Chinese (``is_cjk``, which holds no ASCII character: a test
# pins it), since a line it finds by mistake is merely worked on for nothing.
_CHINESE_OR_MORE = r"[^\x00-\x7f]"
# The same, or a horizontal space (``_HORIZONTAL``): what stands left of a mark that has
# Chinese before it across spaces.
_CHINESE_OR_SPACE = r"[^\x00-\x08\x0a-\x1f!-\x7f]"
_MARK = r"[,;:?!]"
_FULLWIDTH_CLASS = r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A．]"


@functools.lru_cache(maxsize=64)
def _needs_work(
    damaged: frozenset[str],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Where some rule of ``_line_edits`` could fire, given the document's damaged marks:
    that or a character of ``MAYBE_INVISIBLE`` (group ``hidden``); that alone; that
    without the ``bracket`` case (a bracket next to Han, brackets not damaged); and the
    last with the ``hidden`` group.

    A line without a match is returned unchanged. The rules only ever turn ASCII into
    Chinese forms, so on such a line the first change would have to be made on the line
    as it stands, and each alternative below is what one rule needs to see there: width
    folding a full-width letter or digit or ``．``; ``...`` or a lone ``…`` after Chinese
    or a space, or before Han; a run of marks glued between Han, or holding a damaged
    mark with Chinese after it or Chinese or a space before it (``_chinese_context``
    looks across spaces; a space is enough here); a bracket next to Han, or any bracket
    when brackets are damaged, or one with a space inside the pair; a damaged quote; a
    damaged ``.`` after Han or a closing mark. "10:30" and "Note:" in a Latin line are
    never looked at.

    Speed: ``re`` finds sparse marks in a long text three times faster than ``regex``,
    but skips ahead only for a pattern that opens with one class; so the pattern opens
    with a class of every first character, and each alternative checks behind it which
    one it got. The alternatives are grouped by that character (``.`` first, the
    commonest), each in its old order, so a hit tries one look-behind per group, not one
    per alternative (10% off the scan of a clean document, whose hits are mostly "." and
    brackets in Latin text); the groups hold disjoint characters, so the first match is
    the same. Runs of marks and dots are taken at their first character only, so a long
    run is looked over once. Han and Chinese are widened to any non-ASCII character
    (``_CHINESE_OR_MORE``): 5% more lines worked on than the exact classes, and no large
    class that ``re`` would take milliseconds to compile.
    """
    chinese, chinese_or_space = _CHINESE_OR_MORE, _CHINESE_OR_SPACE
    first = ".…,;:?!()〈" + "".join(q for q in "\"'" if q in damaged)
    dots = [rf"(?<!\.\.)\.\.(?:(?<={chinese_or_space}\.\.\.)|\.*(?={chinese}))"]
    if "." in damaged:
        # After Han or a closing mark (``CJK_CLOSING``, all Chinese).
        dots.append(rf"(?<={chinese}\.)")
    marks_cues = [rf"(?<={chinese}[,;?!])[,;?!]*(?={chinese})"]
    marks = "[" + re.escape("".join(m for m in ",;:?!" if m in damaged)) + "]"
    if marks != "[]":
        marks_cues.append(
            rf"(?<!{_MARK}.)(?:(?<={marks})|(?={_MARK}*?{marks}))"
            rf"(?:(?<={chinese_or_space}.)|{_MARK}*(?={chinese}))"
        )
    # a bracket with a space inside the pair: maybe OCR's full-width one
    spaced = r"(?<=\()(?=[ \t\xa0\u3000])|(?<=[ \t\xa0\u3000]\))"
    rest = [
        rf"(?<=…)(?<!……)(?!…)(?:(?<={chinese_or_space}…)|(?={chinese}))",
        rf"(?<={_FULLWIDTH_CLASS})",
        r"(?<=〈)",
        *(rf"(?<={q})" for q in "\"'" if q in damaged),
    ]

    def scan(bracket_cues: list[str], watch: bool = False) -> re.Pattern[str]:
        groups = [
            rf"(?<=\.)(?:{'|'.join(dots)})",
            rf"(?<=[()])(?:{'|'.join(bracket_cues)})",
            rf"(?<=[,;:?!])(?:{'|'.join(marks_cues)})",
            *rest,
        ]
        starts = _FULLWIDTH_CLASS[1:-1] + re.escape(first)
        if watch:
            groups.append(f"(?P<hidden>(?<=[{MAYBE_INVISIBLE}]))")
            starts += MAYBE_INVISIBLE
        return re.compile(f"[{starts}](?:{'|'.join(groups)})")

    if "(" in damaged:
        # Every bracket is a cue; the ``bracket`` skip of _visible_edits never applies.
        any_bracket = scan([spaced, ""])
        watching = scan([spaced, ""], watch=True)
        return watching, any_bracket, any_bracket, watching
    bracket = rf"(?P<bracket>(?<=\()(?={chinese})|(?<={chinese}\)))"
    return (
        scan([spaced, bracket], watch=True),
        scan([spaced, bracket]),
        scan([spaced]),
        scan([spaced], watch=True),
    )


def damaged_marks(text: str) -> frozenset[str]:
    """The ASCII marks that stand, in this document, where full-width ones belong.

    Width damage is systematic: a careless converter folds every ``，`` of a document
    to ``,`` (seeds 001 and 003 have no ``，`` at all), and with it the brackets,
    colons and quotes. A document that writes ``，`` as it should but has the odd
    ``(基本方式)`` or ``设备, 是`` shows its author's own typography (the Debian
    manuals in the corpus are full of it), and converting that would damage a clean
    text. So the comma, the commonest Chinese mark, decides whether the document is
    width-folded; if it is (or the text has no comma to tell), every class whose ASCII
    form is at least as common as its full-width form is converted. Colons, semicolons,
    question and exclamation marks are counted only right after Chinese, where no
    translator writes ASCII by choice (the corpus has 1 such colon to 20 "："), and OCR
    reads most "：" as ":"; those classes decide for themselves. Marks glued between two
    Han characters are converted whatever this says (see ``_marks``).

    >>> sorted(damaged_marks("他强调,深入推进(简称“宝塔”)。"))
    ['(', ')', ',']
    >>> sorted(damaged_marks("设备，是（基本），对于一个物理设备, 是没有 (见第 4 节)"))
    []
    """
    if len(text) > _PIECE:
        return _damaged_marks_by_piece(text)
    return _damaged_marks_at_once(text)


def _damaged_marks_at_once(text: str) -> frozenset[str]:
    """``damaged_marks`` by passes over the whole text, each stopping as soon as it can."""
    # Speed: the comma decides first whether the document is width-folded, and classes
    # that cannot be damaged either way are never counted (see ``_outvoted``).
    comma = _outvoted(text, ",")
    return _damaged_classes(comma, comma or "，" not in text, lambda marks: _outvoted(text, marks))


def _damaged_classes(comma: bool, folded: bool, outvoted: Callable[[str], bool]) -> frozenset[str]:
    """The rule of ``damaged_marks``, given whether the comma is outvoted, whether the
    text is width-folded, and how a class's vote is counted (whole or piece by piece)."""
    return frozenset(
        "".join(
            marks
            for marks in CONVENTION_PATTERNS
            if (folded or marks in _SELF_EVIDENT) and (comma if marks == "," else outvoted(marks))
        )
    )


def _outvoted(text: str, marks: str) -> bool:
    """Whether the ASCII votes of class ``marks`` are at least one and no fewer than its
    full-width votes (``CONVENTION_PATTERNS``)."""
    # Speed: every ASCII vote holds the class's mark, so str.count bounds the votes
    # from above and settles most classes without a pattern scan; with no full-width
    # vote to beat, the first ASCII vote is enough.
    ascii_form, full_form = CONVENTION_PATTERNS[marks]
    # Speed: ``in`` stops at the first mark and skips ahead by memchr, where ``count``
    # reads every character: most documents lack ";", "?" and "!" altogether.
    if marks[0] not in text:
        return False
    most = text.count(marks[0])
    full = _count_to(text, full_form.pattern, most + 1)
    if not full:
        return ascii_form.search(text) is not None
    return most >= full and len(ascii_form.findall(text)) >= full


# Speed (issue #5): a text this long (in characters) is counted piece by piece. Every
# full pass of ``damaged_marks`` over a text larger than the cache reads it from memory
# again: on 16 copies of the corpus as one text, each ``str.count`` cost 3x its share of
# one copy's, and the ten or so passes of the step's statistics, most of its excess over
# linear time. Piece by piece, the passes read a piece while it is in the cache. Single
# documents (at most 10,000 characters as the corpus documents enter the step) keep the
# short-cut path.
_PIECE = 1 << 16


def _pieces(text: str, size: int = _PIECE) -> list[tuple[int, int]]:
    """Bounds of consecutive pieces of ``text``, each of at least ``size`` characters
    and ending just after a line break (the last one at the end of the text), so that no
    vote (``CONVENTION_PATTERNS``: none spans a line) is cut.

    >>> _pieces("长江\\n经济带\\n发展", 4)
    [(0, 7), (7, 9)]
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + size) + 1
        end = len(text) if end == 0 else end
        bounds.append((start, end))
        start = end
    return bounds


def _damaged_marks_by_piece(text: str, size: int = _PIECE) -> frozenset[str]:
    """``damaged_marks`` of a long text, from counts taken piece by piece (``_pieces``)."""
    pieces = _pieces(text, size)
    # The comma and the classes that decide for themselves are always counted; the
    # others only in a width-folded text.
    counts = _mark_counts(text, pieces, [",", *sorted(_SELF_EVIDENT)])
    comma = _outvoted_by_piece(text, pieces, ",", counts[","])
    folded = comma or counts[","][1] == 0  # no "，" at all
    if folded:
        counts.update(
            _mark_counts(text, pieces, [m for m in CONVENTION_PATTERNS if m not in counts])
        )
    return _damaged_classes(
        comma, folded, lambda marks: _outvoted_by_piece(text, pieces, marks, counts[marks])
    )


def _mark_counts(
    text: str, pieces: list[tuple[int, int]], classes: list[str]
) -> dict[str, tuple[int, int]]:
    """Per class of ``CONVENTION_PATTERNS``: how many times ``text`` holds its mark (a
    bound on its ASCII votes) and its full-width form, counted piece by piece."""
    most = dict.fromkeys(classes, 0)
    full = dict.fromkeys(classes, 0)
    for start, end in pieces:
        for marks in classes:
            most[marks] += text.count(marks[0], start, end)
            full[marks] += text.count(CONVENTION_PATTERNS[marks][1].pattern, start, end)
    return {marks: (most[marks], full[marks]) for marks in classes}


def _outvoted_by_piece(
    text: str, pieces: list[tuple[int, int]], marks: str, counts: tuple[int, int]
) -> bool:
    """``_outvoted`` from the counts of ``_mark_counts``: the ASCII votes are counted
    (piece by piece) only when the mark count cannot settle it."""
    most, full = counts
    needed = max(full, 1)  # at least one ASCII vote, and no fewer than the full-width ones
    if most < needed:
        return False
    ascii_form = CONVENTION_PATTERNS[marks][0]
    votes = 0
    for start, end in pieces:
        votes += len(ascii_form.findall(text, start, end))
        if votes >= needed:
            return True
    return False


def _count_to(text: str, mark: str, limit: int) -> int:
    """``text.count(mark)``, or any number from ``limit`` up when there are that many."""
    # Speed: a clean document has a few ASCII marks to hundreds of full-width ones, and
    # the few that outvote them stand in its first lines: finding them one by one stops
    # there, where str.count reads the whole text. Past a few dozen finds, one
    # str.count is cheaper than the rest of the calls.
    if limit > 32:
        return text.count(mark)
    found = 0
    index = text.find(mark)
    while index != -1 and found < limit:
        found += 1
        index = text.find(mark, index + 1)
    return found


@takes_text
def normalize_punctuation(text: str) -> str:
    """Full-width punctuation in Chinese context, half-width letters and digits, ``……``.

    >>> normalize_punctuation("中共中央政治局常委、国务院总理李强,中共中央政治局常委")
    '中共中央政治局常委、国务院总理李强，中共中央政治局常委'
    >>> normalize_punctuation("R&D（研究与试验发展）投入强度由3%增长到4.44%；１０万吨/年...")
    'R&D（研究与试验发展）投入强度由3%增长到4.44%；10万吨/年……'
    """
    if CANDIDATES.search(text) is None:
        return text
    # Speed: not find_punctuation, which would search the whole text for a candidate again.
    return apply_edits(text, _candidate_edits(text))


def _line_edits(line: str, base: int, damaged: frozenset[str]) -> list[Edit]:
    """The edits of one line, which starts at ``base`` in the text.

    ``view`` is the line as it will read after this step, one character per input
    character, so each rule sees the decisions of the others (a ``.`` after a ``)``
    that became ``）`` ends a sentence). Rules only ever turn ASCII into Chinese forms,
    so repeating them until nothing changes terminates, and the fixed point is what
    makes the step idempotent.

    >>> [(e.start, e.replacement) for e in _line_edits("合作(见附件).", 10, frozenset("(.)"))]
    [(12, '（'), (16, '）'), (17, '。')]
    """
    view, reasons, ellipses = _settle(line, damaged)
    edits: list[Edit] = []
    covered = 0  # positions before this are inside an ellipsis already reported
    for index in sorted(reasons.keys() | ellipses.keys()):
        if index < covered:
            continue
        end = ellipses.get(index)
        if end is not None:
            edits.append(Edit(base + index, base + end, "……", "ellipsis"))
            covered = end
            continue
        edits.append(Edit(base + index, base + index + 1, view[index], reasons[index]))
    return edits


def _settle(line: str, damaged: frozenset[str]) -> tuple[list[str], dict[int, str], dict[int, int]]:
    """``line`` as it reads once no rule changes it any more (``view``), with the reason
    for each changed position and the spans that become ``……`` (start -> end).

    >>> view, reasons, _ = _settle("救援站(简称“宝塔消防救援站”)先进事迹,授予", frozenset(",()"))
    >>> "".join(view), reasons
    ('救援站（简称“宝塔消防救援站”）先进事迹，授予', \
{3: 'punctuation width', 15: 'punctuation width', 20: 'punctuation width'})
    """
    view = list(line)
    reasons: dict[int, str] = {}
    ellipses: dict[int, int] = {}  # start -> end of a span that becomes ``……``
    _character_fixes(line, view, reasons)
    # Speed: a rule is called again only when its call could change something, which
    # gives the same changes in the same order as calling every rule until a whole
    # round changes nothing. No rule makes an ASCII mark (a "．" folded into "." stands
    # between digits, where no rule converts it), so a rule whose marks the line lacks
    # never fires. Each rule decides from the view (and the line), so on a view no rule changed
    # since its last call it changes nothing. The quote rules never need a second call:
    # what they look at (the straight quotes, Latin letters, spaces, Han) is not changed
    # by any rule. Marks, full stops and ellipses need none after a change of their own
    # (each decides left to right and reads only the left context beyond its own
    # neighbours). Brackets read the context of a pair only when a space stands inside
    # it (``_read_full_width``); without one they decide on brackets and Han alone, and
    # are called once too.
    pending = [
        "..." in line or "…" in line,
        "(" in line or ")" in line,
        '"' in line,
        "'" in line,
        "," in line or ";" in line or ":" in line or "?" in line or "!" in line,
        "." in damaged and ("." in line or "．" in line),
    ]
    spaced = pending[1] and _SPACED_BRACKET.search(line) is not None
    again = [pending[0], spaced, False, False, pending[4], pending[5]]
    rule = 0
    while True in pending:
        if pending[rule]:
            pending[rule] = False
            if _rule(rule, line, view, reasons, ellipses, damaged):
                for other in (0, 1, 4, 5):
                    if again[other] and (other != rule or other == 1):
                        pending[other] = True
        rule = rule + 1 if rule < 5 else 0
    return view, reasons, ellipses


def _rule(
    rule: int,
    line: str,
    view: list[str],
    reasons: dict[int, str],
    ellipses: dict[int, int],
    damaged: frozenset[str],
) -> bool:
    """Call rule number ``rule`` of a round of ``_settle``; whether it changed ``view``."""
    if rule == 0:
        return _ellipses(line, view, reasons, ellipses)
    if rule == 1:
        return _brackets(line, view, reasons, damaged)
    if rule in (2, 3):
        straight, opening, closing = QUOTES[rule - 2]
        return _quotes(view, reasons, straight, opening, closing, damaged)
    if rule == 4:
        return _marks(line, view, reasons, damaged)
    return _full_stops(view, reasons, damaged)


def _character_fixes(line: str, view: list[str], reasons: dict[int, str]) -> None:
    """The rules that need no other rule's decision, applied once before the others:
    OCR's "〈" for "（" (``MISREAD_OPENING``) with its ASCII closing bracket, full-width
    letters and digits, and a full-width point between digits ("４．４４％" -> "4.44%")."""
    # Speed: most lines hold no "〈", which ``in`` tells sooner than a regex call.
    misreads = MISREAD_OPENING.finditer(line) if "〈" in line else iter(())
    for misread in misreads:
        index = misread.start()
        view[index] = "（"
        reasons[index] = "bracket misread"
        pair = line.find(")", index)
        if pair != -1 and "）" not in line[index:pair]:
            view[pair] = "）"
            reasons[pair] = "bracket misread"
    for found in _FULLWIDTH.finditer(line):
        index = found.start()
        view[index] = FULLWIDTH_ALNUM[found.group()]
        reasons[index] = "letter width"
    index = line.find("．")
    while index != -1:
        # Digits already folded above, so "４．４" and "4．4" alike read as a number.
        if _at(view, index - 1) in _DIGITS and _at(view, index + 1) in _DIGITS:
            view[index] = "."
            reasons[index] = "letter width"
        index = line.find("．", index + 1)


def _left_context(view: list[str], index: int) -> str:
    """The nearest character left of ``index`` that is not a space ('' at line start)."""
    while index > 0:
        index -= 1
        if view[index] not in _HORIZONTAL:
            return view[index]
    return ""


def _at(view: list[str], index: int) -> str:
    return view[index] if 0 <= index < len(view) else ""


def _chinese_context(view: list[str], start: int, end: int) -> bool:
    """Han or Chinese punctuation just right of ``view[start:end]``, or left across spaces."""
    return is_cjk(_left_context(view, start) or " ") or is_cjk(_at(view, end) or " ")


def _ellipses(line: str, view: list[str], reasons: dict[int, str], spans: dict[int, int]) -> bool:
    if "..." not in line and "…" not in line:
        return False  # no run below could be wanted
    changed = False
    index = 0
    while index < len(line):
        char = line[index]
        if char not in ".…":
            index += 1
            continue
        if index in spans:
            # Past the whole span: its tail "..." after the "…" made of its head would
            # otherwise be taken for a second ellipsis inside it on the next call.
            index = spans[index]
            continue
        end = index
        while end < len(line) and line[end] == char:
            end += 1
        # Three or more dots are an ellipsis typed in ASCII; a lone "…" is half of the
        # Chinese one. Two dots are a path ("../") and ``……`` is already right.
        wanted = end - index >= 3 if char == "." else end - index == 1
        # Only after Chinese or before Han: "DESTDIR=...)" and "udeb...”" are Latin.
        after_chinese = is_cjk(_left_context(view, index) or " ")
        if wanted and (after_chinese or is_han(_at(view, end) or " ")):
            spans[index] = end
            for position in range(index, end):
                view[position] = "…"
                reasons[position] = "ellipsis"
            changed = True
        index = end
    return changed


def _brackets(line: str, view: list[str], reasons: dict[int, str], damaged: frozenset[str]) -> bool:
    # Pairs are matched among the brackets still ASCII; converting a matched pair never
    # changes how the others match, so the decision is stable across passes.
    # Speed: the line is searched, not the view (a list, compared item by item): no rule
    # makes a bracket, and a line whose brackets are all converted finds no pair below.
    if "(" not in line and ")" not in line:
        return False
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    # The view's ASCII brackets are the line's not converted yet (no rule makes one):
    # found on the line, not on the view joined again at every call.
    for found in _BRACKET.finditer(line):
        index = found.start()
        char = line[index]  # an ASCII character: no new string, unlike found.group()
        if view[index] != char:
            continue  # converted
        if char == "(":
            stack.append(index)
        else:
            if stack:
                pairs.append((stack.pop(), index))
            else:
                lone.append(index)
    lone.extend(stack)
    changed = False
    for opening, closing in pairs:
        encloses_han = _has_han(line, opening + 1, closing)
        # "(简称“宝塔消防救援站”)" encloses Chinese; "dash(1)", "("/usr/share")" do not.
        if ("(" in damaged and encloses_han) or _read_full_width(
            view, opening, closing, encloses_han
        ):
            for index in (opening, closing):
                view[index] = ASCII_TO_FULL[view[index]]
                reasons[index] = "punctuation width"
            changed = True
    for index in lone:
        inner = _at(view, index + 1) if view[index] == "(" else _at(view, index - 1)
        if inner and is_han(inner):
            view[index] = ASCII_TO_FULL[view[index]]
            reasons[index] = "punctuation width"
            changed = True
    return changed


def _has_han(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` holds a Han character, as does the view there: no rule
    makes or removes one (they trade ASCII for Chinese punctuation and fold letters)."""
    # Speed: an index loop over the line, not a generator over a slice of the view
    # (mypyc compiles the loop; ``any`` of a generator builds an object per call).
    for index in range(start, end):  # noqa: SIM110
        if is_han(line[index]):
            return True
    return False


def _read_full_width(view: list[str], opening: int, closing: int, encloses_han: bool) -> bool:
    """Whether the ASCII pair ``view[opening]``/``view[closing]`` is OCR's reading of
    ``（…）``, told by the room around it.

    Tesseract reads every ``（）`` as ASCII, but a full-width bracket's glyph fills a
    third of its em, and the blank rest comes out as spaces: a closing bracket with a
    space on both sides ("密码 ( 开头的“$1$” ) 来"), or an opening one with a space on both
    sides and the closing one with a space next to it, marks 162 full-width pairs and no
    ASCII one in the OCR of the dev, held-out and two-column corpora. A translator's own
    ASCII brackets carry a space outside ("软件包 (更好的是…)") or one inside at most
    ("(比如 … 结尾 )，"), and code none, so they stay; and the pair must stand in Chinese
    (Han inside, or Chinese next to it across spaces).

    >>> _read_full_width(list("加密后的密码 ( 开头的“$1$” ) 来"), 7, 18, True)
    True
    >>> _read_full_width(list("源代码是以 (比如 .zip 结尾 )，则"), 6, 18, True)
    False
    """
    before_closing = _at(view, closing - 1) in _HORIZONTAL
    after_closing = _at(view, closing + 1) in _HORIZONTAL
    spaced_closing = before_closing and after_closing
    spaced_opening = (
        _at(view, opening - 1) in _HORIZONTAL
        and _at(view, opening + 1) in _HORIZONTAL
        and (before_closing or after_closing)
    )
    if not (spaced_closing or spaced_opening):
        return False
    return (
        encloses_han
        or is_cjk(_left_context(view, opening) or " ")
        or is_cjk(_right_context(view, closing) or " ")
    )


def _right_context(view: list[str], index: int) -> str:
    """The nearest character right of ``index`` that is not a space ('' at line end)."""
    for char in view[index + 1 :]:
        if char not in _HORIZONTAL:
            return char
    return ""


def _quotes(
    view: list[str],
    reasons: dict[int, str],
    straight: str,
    opening: str,
    closing: str,
    damaged: frozenset[str],
) -> bool:
    if straight not in view:
        return False
    positions = [
        index
        for index, char in enumerate(view)
        if char == straight
        # An apostrophe inside a Latin word ("Debian's") is not a quote.
        and not (_latin(_at(view, index - 1)) and _latin(_at(view, index + 1)))
    ]
    # An odd count cannot be paired without guessing; the corpus's odd lines are OCR
    # debris ('yetc/motd"”'), where any guess is as likely wrong as right.
    if len(positions) % 2:
        return False
    pairs = list(zip(positions[::2], positions[1::2], strict=False))
    # Pairing left to right is only trusted when every pair looks like one: an opener
    # not followed by a space nor glued to a Latin word before it, a closer the mirror
    # image. '“control D" …键入”exit"' (half-converted quotes) and "Deb'-ee-en … ee'-en"
    # (apostrophes as pronunciation marks) fail it and are left alone.
    for first, second in pairs:
        before, after_open = _at(view, first - 1), _at(view, first + 1)
        before_close, after = _at(view, second - 1), _at(view, second + 1)
        if (
            not after_open
            or after_open in _HORIZONTAL
            or _latin_or_digit(before)
            or before_close in _HORIZONTAL
            or _latin_or_digit(after)
        ):
            return False
    changed = False
    for first, second in pairs:
        # '"不活动"' encloses Chinese; '"/etc/motd"', '"terminal"', '"relatime"' do not.
        if straight in damaged and any(is_han(char) for char in view[first + 1 : second]):
            view[first], view[second] = opening, closing
            reasons[first] = reasons[second] = "quotes"
            changed = True
    return changed


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _marks(line: str, view: list[str], reasons: dict[int, str], damaged: frozenset[str]) -> bool:
    changed = False
    # The runs of marks of the view are the runs of the line this rule has not converted
    # yet: no rule but this one changes a mark or makes one, and it converts a run whole.
    # So they are found on the line, not on the view joined again at every call.
    for found in _MARK_RUN.finditer(line):
        index, end = found.span()
        if view[index] != line[index]:
            continue  # converted by an earlier call
        left, right = _at(view, index - 1), _at(view, end)
        # The run as it stands in the view: this rule converts a run whole, and no other
        # rule touches a mark (a str slice of the line, one cached character mostly).
        run = line[index:end]
        keep = (
            # "1,000", "10:30", "2.4:1": a mark between digits belongs to the number.
            (left in _DIGITS and right in _DIGITS)
            # "https://", "C:\": a colon that starts a path.
            or (":" in run and right in ("/", "\\"))
            # '被“:”分隔': a quoted mark is the character itself, not punctuation.
            or (left in _OPENING_QUOTES and right in _CLOSING_QUOTES)
            # "吗？ :-)", "字符串 :site:": after a space, a mark glued to the ASCII that
            # follows it belongs to that token (smiley, search operator, option).
            or (
                left in _HORIZONTAL and right.isascii() and right not in _HORIZONTAL and right != ""
            )
        )
        # Between two Han characters ("强调,深入") a mark is width damage whatever the
        # document's habits; elsewhere only where the document's convention says so.
        glued = is_han(left or " ") and is_han(right or " ") and _GLUED_MARKS.issuperset(run)
        allowed = glued or damaged.issuperset(run)
        if allowed and not keep and _chinese_context(view, index, end):
            for position in range(index, end):
                view[position] = ASCII_TO_FULL[view[position]]
                reasons[position] = "punctuation width"
            changed = True
    return changed


def _full_stops(view: list[str], reasons: dict[int, str], damaged: frozenset[str]) -> bool:
    if "." not in damaged or "." not in view:
        return False  # the rule below converts nothing
    changed = False
    for index, char in enumerate(view):
        if char != ".":
            continue
        left, right = _at(view, index - 1), _at(view, index + 1)
        if "." in (left, right) or not left:
            continue
        # A sentence end: after Han (or a closing mark after Chinese), before the line
        # end, a space or Chinese. "后缀.service", "CP850.可以", "4.44%" stay ASCII.
        after_chinese = is_han(left) or left in CJK_CLOSING
        ends = not right or right in _HORIZONTAL or is_cjk(right)
        if after_chinese and ends:
            view[index] = "。"
            reasons[index] = "punctuation width"
            changed = True
    return changed
