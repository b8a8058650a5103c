"""Character classes for ``normalize_whitespace`` (data only, compiled once at import).

The classes come from Unicode general categories through ``regex`` (``\\p{Zs}``,
``\\p{Cf}``, ``\\p{Cc}``), so they follow the installed Unicode version with no
generated table to keep up to date.

Skipping the ``OTHER_CANDIDATE`` scan relies on Python's ``str.isprintable`` agreeing
with these classes: no candidate but the space and the Hangul fillers is printable.
Checked over every code point, since ``regex`` and ``unicodedata`` may carry different
Unicode versions:

>>> candidate = regex.compile(rf"[{_CANDIDATE}]", regex.V1)
>>> [hex(c) for c in range(0x110000) if chr(c).isprintable() and candidate.match(chr(c))]
['0x20', '0x115f', '0x1160', '0x3164', '0xffa0']
"""

from __future__ import annotations

import re

import regex

__all__ = [
    "BLANK_LINE",
    "CANDIDATE_RUN",
    "CJK_PUNCTUATION",
    "EMOJI_GLUE",
    "FILLERS",
    "HAN",
    "HAN_FLOOR",
    "HORIZONTAL",
    "INVISIBLE",
    "LINE_BREAK_SPLIT",
    "NO_SPACE_AFTER",
    "NO_SPACE_BEFORE",
    "NUMBER_CHARS",
    "NUMBER_END",
    "NUMBER_INNER",
    "ODD_BREAK",
    "ODD_BREAK_CHARS",
    "OTHER_CANDIDATE",
    "PIECE_BREAK",
    "SPACE_WORK",
    "SPACE_WORK_ANY_PAIR",
    "ZWJ",
    "holds_filler",
    "is_cjk",
    "is_han",
]

#: A line break in any of its spellings: CRLF, CR, LF, form feed, vertical tab, NEL,
#: LINE SEPARATOR, PARAGRAPH SEPARATOR. Each becomes one LF. As a group, so that
#: ``split`` keeps each break between its two lines.
LINE_BREAK_SPLIT = regex.compile(r"(\r\n|[\n\r\f\v\x85\u2028\u2029])")

#: An empty line between two LFs. Speed: ``re`` finds none in a text about twice as fast
#: as ``"\n\n" in text`` (0.45 against 0.8 ms on the whitespace step's corpus inputs,
#: which hold none).
BLANK_LINE = re.compile("\n\n")

#: The line breaks that are not already LF, by their first character ("\r" for CRLF).
ODD_BREAK_CHARS = "\r\f\v\x85\u2028\u2029"

#: One line break that is not LF, in text without "\r" (so without CRLF).
ODD_BREAK = re.compile("[\f\v\x85\u2028\u2029]")

#: Horizontal white space inside a line: space, tab and every Unicode space separator
#: (NBSP, U+3000 IDEOGRAPHIC SPACE, the U+2000 block, NNBSP, MMSP, OGHAM).
HORIZONTAL = regex.compile(r"[ \t\p{Zs}]")

#: Characters that print nothing and are removed: format characters (ZWSP, ZWNJ, WORD
#: JOINER, SOFT HYPHEN, BOM, bidi controls, LRM/RLM) and control characters, plus the
#: Hangul fillers that render as blanks. Kept: tab and the line breaks (handled above),
#: ZWJ (see ``EMOJI_GLUE``) and the emoji tag characters, which ``strip_symbols`` owns.
INVISIBLE = regex.compile(
    r"[[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]"
    r"--[\t\n\r\f\v\x85\u200D\U000E0020-\U000E007F]]",
    regex.V1,
)

ZWJ = "\u200d"

#: A character of ``HORIZONTAL`` or ``INVISIBLE``, or ZWJ or a tag (a superset, as a V1
#: set body): what a line may hold that needs an edit.
_CANDIDATE = r"[ \t\p{Zs}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]--[\n\r\f\v\x85]"

#: Runs of ``_CANDIDATE``: a line without any needs no edit, so most lines cost one
#: scan; each candidate is then classified exactly.
CANDIDATE_RUN = regex.compile(rf"[{_CANDIDATE}]+", regex.V1)

#: What a ZEROWIDTH JOINER may sit between and still be part of an emoji sequence; a ZWJ
#: anywhere else (e.g. between two Han characters) is debris and is removed.
EMOJI_GLUE = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]")

HAN = regex.compile(r"\p{Han}")
#: The first Han character (CJK Radicals Supplement): no character below it is Han, which
#: tests/test_whitespace.py checks against ``HAN`` for every code point.
HAN_FLOOR = "\u2e80"

#: Chinese punctuation no space may precede when Chinese text stands before it
#: ("记者 ，" is debris). Opening marks are absent: "提能级 “六大机制”" is a headline
#: with a deliberate space in the corpus's clean text.
NO_SPACE_BEFORE = frozenset("，。、；：？！…”’）》〉」』】〕〗］｝％")

#: Chinese punctuation after which a space before Chinese text is debris ("要完整、 准确"
#: in the OCR of news-seed000-1). Sentence ends and closing marks are absent: the clean
#: corpus has "题660项。 重庆晨报记者" and "“六大机制” 重庆制造业" (bylines, headlines).
NO_SPACE_AFTER_CHARS = "，、；：“‘（《〈「『【〔〖［｛"
NO_SPACE_AFTER = frozenset(NO_SPACE_AFTER_CHARS)

#: Chinese punctuation: with Han, the class that makes "Chinese context".
CJK_PUNCTUATION = NO_SPACE_BEFORE | NO_SPACE_AFTER | frozenset("—～·")

#: Characters a number may contain after its first digit ("4.44%", "1,000", "2.4:1").
NUMBER_INNER = frozenset(".,:")

#: Characters a number may end with.
NUMBER_END = frozenset("%％‰")

#: What a number may be made of, for the check of ``SPACE_WORK``'s ``number`` case.
NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.,:%％‰")


_BREAK = r"\n\r\f\v\x85\u2028\u2029"

# What makes a plain space (the only candidate a line may hold without being worked on)
# need a look. Any other single space stays as it is: it has, on one side, ASCII other
# than a digit ("apt-get install", "Debian 是"), or a number that is not glued to Chinese
# on its far side ("第 1 节", "共 68980 个"), and no opening mark before it; no rule of
# _gap changes such a space, and with no space between two Chinese characters there is
# no letter-spacing either. The ``number`` case ("近8 年来") is finished by the caller,
# which looks at what stands before the number. Plain ranges and literal characters,
# so that Python's ``re`` (faster than ``regex`` here) compiles them.


def _space_rules(pair: str) -> str:
    """The cues above; ``pair`` narrows the one of a space between two Chinese
    (non-ASCII) characters (``_CHINESE_PAIR``)."""
    return (
        rf"(?![^{_BREAK}])"  # a space at a line end
        rf"|(?<![^{_BREAK}] )"  # a space at a line start
        rf"|(?<=[{re.escape(NO_SPACE_AFTER_CHARS)}] )"  # a space after an opening mark
        rf"|(?<=[^\x00-\x7f] )(?=[^\x00-\x7f]){pair}"  # Chinese on both sides
        r"|(?<=[^\x00-\x7f] )(?=[0-9][0-9.,:%]*[^\x00-\x7f])"  # "近 8年来", not "第 1 节"
    )


_NUMBER_CLASS = f"[{re.escape(''.join(sorted(NUMBER_CHARS)))}]"
_ASCII_NOT_NUMBER = (
    f"[{re.escape(''.join(chr(c) for c in range(128) if chr(c) not in NUMBER_CHARS))}]"
)
# Speed: the caller's check walks back over the number to the character before it; when
# that is ASCII within six characters ("第 1 节", "-F3 键"), the pattern already knows
# the answer (no), which is most number cues in the corpus.
_SHORT_NUMBER_AFTER_ASCII = "".join(
    rf"(?<!{_ASCII_NOT_NUMBER}{_NUMBER_CLASS}{{{length}}} )" for length in range(1, 7)
)
_NUMBER_RULE = (  # "近8 年来": see above
    rf"(?<=[0-9%] ){_SHORT_NUMBER_AFTER_ASCII}(?P<number>)(?=[^\x00-\x7f])"
)

# A single space between two Chinese characters changes (in a line with no other
# candidate) only before a closing mark ("记者 ，"), next to a full-width number
# ("近 ８年来", "近８ 年来"), or as letter-spacing. With ``min_letter_run`` >= 2 a
# letter-spaced run holds two tokens in a row made of Chinese punctuation and at most
# one Han character, and the space between them is closed up: so the token after the
# space must be all non-ASCII with at most one character that is not Chinese
# punctuation ("中 共 中 央"; not "软件包 流行度", "● 共享库", which half of the lines
# with such a space are, in the Debian manual of the corpus).
_CJK_PUNCTUATION_CLASS = re.escape("".join(sorted(CJK_PUNCTUATION)))
_CHINESE_PAIR = (
    rf"(?:(?=[{re.escape(''.join(sorted(NO_SPACE_BEFORE)))}０-９])"
    r"|(?<=[０-９％‰] )"
    rf"|(?=[{_CJK_PUNCTUATION_CLASS}]*"
    rf"(?:[^\x00-\x7f{_CJK_PUNCTUATION_CLASS}][{_CJK_PUNCTUATION_CLASS}]*)?"
    rf"(?![^ {_BREAK}])))"
)

# Speed: most spaces of the corpus (38,000 of 54,000) have ASCII other than a digit on
# one side and Chinese on the other ("Debian 是", "是 Debian"). No cue can hold for such
# a space but a line end after it (when the ASCII is before it) or a line start or an
# opening mark before it (when the ASCII is after it), since every other cue wants a
# digit, "%" or non-ASCII on the ASCII's side. Ruling these spaces out in one look-ahead,
# before the cues are tried one by one, halves the scan (5.6 -> 2.8 ms on the corpus).
_NO_CUE = (
    # printable ASCII but a digit or "%" before, and neither a space nor a line end after
    rf"(?<=[!-$&-/:-~] )(?=[^ {_BREAK}])"
    # printable ASCII but a digit after, and neither a line start nor an opening mark before
    rf"|(?=[!-/:-~])(?<=[^{_BREAK}{re.escape(NO_SPACE_AFTER_CHARS)}] )"
)

#: Hangul fillers: invisible, yet letters for ``str.isprintable``.
FILLERS = "\u115f\u1160\u3164\uffa0"


def holds_filler(text: str) -> bool:
    """Whether ``text`` holds one of the ``FILLERS`` (a ``str.find`` each: a C scan).

    >>> holds_filler("注重\u3164;坚持"), holds_filler("注重;坚持")
    (True, False)
    """
    return any(filler in text for filler in FILLERS)


#: Where a plain space may make its line need an edit: another space next to it, or
#: one of the cues of ``_space_rules``. A line with no match here and no
#: ``OTHER_CANDIDATE`` needs none (see the comment above ``_space_rules`` for why every
#: other space is left alone). Once a line is known to need work the match runs on to
#: its end, so a line costs the caller one match, not one per space; only the
#: ``number`` case, which the caller may still reject, stops at its space so that a
#: later cue on the same line is found. Python's ``re`` scans this ASCII form several
#: times faster than ``regex`` scans the property classes of the candidates.
SPACE_WORK = re.compile(
    rf" (?!{_NO_CUE})(?:(?:(?= )|{_space_rules(_CHINESE_PAIR)})[^{_BREAK}]*|{_NUMBER_RULE})"
)

#: ``SPACE_WORK`` for ``min_letter_run`` 1, where one Han character between spaces is
#: letter-spacing: every space between two Chinese characters is a cue.
SPACE_WORK_ANY_PAIR = re.compile(
    rf" (?!{_NO_CUE})(?:(?:(?= )|{_space_rules('')})[^{_BREAK}]*|{_NUMBER_RULE})"
)

#: A candidate other than the plain space: its line always needs a look. Scanned only
#: when ``str.isprintable`` says the text may hold one (on the text without its line
#: breaks, and with no ``FILLERS``: every such candidate is a separator, format or
#: control character, none printable; see the module docstring for the check of that
#: guarantee). Runs on to the line end, like ``SPACE_WORK``.
OTHER_CANDIDATE = regex.compile(rf"[[{_CANDIDATE}]--[ ]][^{_BREAK}]*", regex.V1)


# Characters that are surely visible and no line break: printable ASCII but the space,
# CJK symbols and punctuation, the CJK Unified Ideographs, full-width forms. None is a
# candidate (``_CANDIDATE``: separators, format and control characters, fillers).
_SOLID = "!-~\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e"

#: An LF with a surely visible character on both sides: the line before it and the line
#: after it each hold text, so no edit reaches across it (edits stay inside a line or a
#: run of blank lines), and a long text may be cut just after it. Speed: the LF first,
#: which ``re`` finds by a fast literal scan.
PIECE_BREAK = re.compile(rf"\n(?=[{_SOLID}])(?<=[{_SOLID}]\n)")


def is_han(char: str) -> bool:
    """True for one Han character.

    Speed: the block of CJK Unified Ideographs, where almost every Han character of a
    text is, is all Han and needs no ``regex`` call:

    >>> all(HAN.match(chr(code)) for code in range(0x4E00, 0xA000))
    True
    """
    return "\u4e00" <= char <= "\u9fff" or (char >= HAN_FLOOR and HAN.match(char) is not None)


def is_cjk(char: str) -> bool:
    """True for a Han character or Chinese punctuation.

    Speed: below ``HAN_FLOOR`` (ASCII and Latin next to most spaces) the set lookup alone
    answers, with no ``regex`` call."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or char in CJK_PUNCTUATION
        or (char >= HAN_FLOOR and HAN.match(char) is not None)
    )
