"""Character classes and maps for ``normalize_punctuation`` (data only, built at import).

Everything here is a small literal set or a compiled pattern; nothing derives from a
Unicode dump, so there is no generator script.
"""

from __future__ import annotations

import re

import regex

from zhclean.tables.whitespace import HAN_FLOOR

__all__ = [
    "ASCII_TO_FULL",
    "CANDIDATES",
    "CJK_CLOSING",
    "CJK_PUNCTUATION",
    "FULLWIDTH_ALNUM",
    "HAN",
    "MAYBE_INVISIBLE",
    "QUOTES",
    "is_cjk",
    "is_han",
]

#: One Han character (``regex``'s Unicode script property, so extension blocks count).
HAN = regex.compile(r"\p{Han}")

#: Sentence punctuation that is replaced one for one when it stands in Chinese context.
ASCII_TO_FULL: dict[str, str] = {
    ",": "，",
    ";": "；",
    ":": "：",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
    ".": "。",
}

#: Full-width letters and digits (Ａ-Ｚ ａ-ｚ ０-９) and their half-width forms. Full-width
#: punctuation (％ ， ：) is deliberately absent: it is the Chinese form and stays.
FULLWIDTH_ALNUM: dict[str, str] = {
    chr(code): chr(code - 0xFEE0)
    for block in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(block[0], block[1] + 1)
}

#: Closing marks after which a ``.`` ends a Chinese sentence ("名称).", "“……”.").
CJK_CLOSING = frozenset("”’）》〉」』】〕〗］｝")

#: Opening marks.
CJK_OPENING = frozenset("“‘（《〈「『【〔〖［｛")

#: Punctuation that puts its neighbour in Chinese context (besides Han characters).
CJK_PUNCTUATION = (
    frozenset("，。、；：？！…—～·％＠＃＆＊＋－／＝＜＞＼＾＿｀｜〃〆〜〝〞〟")
    | CJK_CLOSING
    | CJK_OPENING
)


#: (straight quote, opening replacement, closing replacement).
QUOTES: tuple[tuple[str, str, str], ...] = (('"', "“", "”"), ("'", "‘", "’"))

_HAN_OR_MARK = r"""[\p{Han}，。、；：？！…）》」』”’?!)"'.:;,]"""


def _convention(ascii_form: str, full_form: str) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    return regex.compile(ascii_form), regex.compile(full_form)


#: Per class: (its ASCII form used as Chinese punctuation, its full-width form), both
#: counted once per document. Marks count after Chinese ("强调,"); brackets and quotes
#: count as pairs enclosing Han, so "ls(1)" and '"relatime"' are not votes.
CONVENTION_PATTERNS: dict[str, tuple[regex.Pattern[str], regex.Pattern[str]]] = {
    ",": _convention(rf"(?<={_HAN_OR_MARK}) ?,", "，"),
    ";": _convention(rf"(?<={_HAN_OR_MARK}) ?;", "；"),
    ":": _convention(rf"(?<={_HAN_OR_MARK}) ?:(?![/\\])", "："),
    "?": _convention(rf"(?<={_HAN_OR_MARK}) ??[?]", "？"),
    "!": _convention(rf"(?<={_HAN_OR_MARK}) ?!", "！"),
    # A pair enclosing Han, at most 100 characters either side of some Han character:
    # bounded, since an unbounded span rescans the rest of the line from every opening
    # mark, quadratic on "((((长长长…" (benchmarks/adversarial.py, "open brackets").
    # Speed: the span cannot hold its own marks, so it always ends at the next closing
    # mark, and some Han character fits both bounds exactly when the last Han within the
    # first 100 does (it leaves the least after it). Taking that one without backtracking
    # (atomic group, possessive tail) finds the same pairs as the lazy form
    # ``\([^()\n]{0,100}?\p{Han}[^()\n]{0,100}?\)``, without trying every Han character
    # against every tail length (3x faster on quoted Chinese).
    "()": _convention(r"\((?>[^()\n]{0,100}\p{Han})[^()\n]{0,100}+\)", "（"),
    # Speed: the mark first, then the look back, so the search starts only at a ".".
    ".": _convention(r"\.(?<=[\p{Han}）)”]\.)(?![A-Za-z0-9_.])", "。"),
    '"': _convention(r'"(?>[^"\n]{0,100}\p{Han})[^"\n]{0,100}+"', "“"),
    "'": _convention(r"'(?>[^'\n]{0,100}\p{Han})[^'\n]{0,100}+'", "‘"),
}

#: Any character this step could change; text without one is returned as is.
#: Speed: ``re``, which reads the text up to the first one 5x faster than ``regex``
#: (0.16 against 0.78 ms on the step's inputs from the corpus).
CANDIDATES = re.compile(r"""[,;:?!().'"…〈．\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]""")

#: A ``re`` character class (its inside, without brackets) holding every character of
#: ``tables.whitespace.INVISIBLE`` (the format and control characters of ``regex``'s
#: Unicode data, and the Hangul fillers) and a few more: the line scan of
#: ``find_punctuation`` stops at them and checks each against ``INVISIBLE``
#: (tests/test_punctuation.py checks the class against every code point). Tab and line
#: breaks, which ``INVISIBLE`` keeps, stay out: a stop on every line would cost more than
#: it saves. Every astral character is in: one range keeps the class as fast as ``re``
#: scans the BMP (listing the few astral format characters made the scan 3x slower),
#: and Chinese text after ``strip_symbols`` holds none in the corpus.
MAYBE_INVISIBLE = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufeff\uffa0\ufff9-\ufffb\U00010000-\U0010ffff"
)

#: A "〈" closed by a round bracket before any other bracket: tesseract's reading of "（"
#: ("〈例如 mc 和 vim)", 141 times in the corpus and held-out OCR text, never a "〉"; the
#: clean text has "（" there 110 of 125 times and no "〈" at all). Typeset text pairs "〈"
#: with "〉", so a "〈…)" pair is always a misread.
MISREAD_OPENING = re.compile(r"〈(?=[^〈〉()（）\n]*[)）])")


def is_han(char: str) -> bool:
    """True for one Han character: no ``regex`` call below ``HAN_FLOOR``, nor in the block
    of CJK Unified Ideographs, which is all Han (as ``tables.whitespace.is_han``; its
    doctest and tests/test_whitespace.py check both against ``HAN``)."""
    return "\u4e00" <= char <= "\u9fff" or (char >= HAN_FLOOR and HAN.match(char) is not None)


def is_cjk(char: str) -> bool:
    """True for a Han character or Chinese punctuation: the "Chinese context" class."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or char in CJK_PUNCTUATION
        or (char >= HAN_FLOOR and HAN.match(char) is not None)
    )
