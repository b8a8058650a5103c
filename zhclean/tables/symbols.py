"""Tables for ``strip_symbols``: the allow-list and the one combined emoji/symbol pattern.

Everything here is derived at import from Unicode properties as the ``regex``
package knows them (``\\p{Extended_Pictographic}``, ``\\p{Emoji_Component}``,
general categories), from ``emoji.EMOJI_DATA`` and from a few fixed code-point
ranges, so there is no generated file to keep in sync: upgrading ``regex`` and
``emoji`` upgrades the emoji set. The test
suite checks that every key of ``emoji.EMOJI_DATA`` is covered.

What is removed (before the allow-list is subtracted):

* **emoji** -- any ``Extended_Pictographic`` character with its modifiers
  (VS15/VS16, skin tones, U+20E3, tag characters), ZWJ sequences, what is
  left of a ZWJ sequence whose joiners were removed (the lone ``♀ ♂`` of seed
  001's ``🙅🏼♀️``: :data:`ZWJ_TAILS`), keycaps (``1️⃣ #️⃣ *️⃣``; a digit, ``#``
  or ``*`` is removed only together with U+20E3), regional-indicator flags,
  tag sequences, and an allowed character written with VS16 (``©️``, ``♀️``:
  emoji presentation);
* **emoji component** -- orphan VS16, skin tones, U+20E3, regional indicators,
  tag characters, and U+200D unless it joins two letters of a script that uses
  it (Indic, Arabic), never Han;
* **symbol** -- pictographic noise that is not emoji (seed 001: ``𓀁 𓀛 🂠 ✢ ⇨``):
  :data:`NOISE_RANGES`.

Characters outside these classes are never touched, whatever the allow-list
says: the allow-list only subtracts from them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import emoji
import regex

__all__ = [
    "ALLOWED_GROUPS",
    "ALLOWED_SYMBOLS",
    "DEFAULT_TABLES",
    "NOISE_RANGES",
    "REASONS",
    "ZWJ_TAILS",
    "SymbolTables",
    "build_tables",
]


def _span(first: int, last: int) -> str:
    return "".join(map(chr, range(first, last + 1)))


#: Symbols that carry meaning in Chinese text, by group. Only the ones that fall
#: in a removed class (© ® ™ ‼ ⁉ 〰 〽 ↔ ↕ ↖ ↗ ↘ ↙ ♀ ♂ ✓ ✗ are emoji or dingbats)
#: change behaviour; the rest are listed so the guarantee is written down and
#: tested (tests/test_symbols.py checks each survives).
ALLOWED_GROUPS: Mapping[str, str] = {
    "units and signs": "℃℉％%‰‱°′″№§¶©®™＃#＊*",
    # ①–⑳ ⑴–⒇ ⒈–⒛ ❶–❿ ➀–➓ ㈠–㈩ ㊀–㊉: list numbering in Chinese documents.
    "enumerators": (
        _span(0x2460, 0x249B)
        + _span(0x2776, 0x2793)
        + _span(0x3220, 0x3229)
        + _span(0x3280, 0x3289)
    ),
    # □ is the byline marker of seed 004 ("□本报记者"); ● is a bullet in the corpus.
    "marks and bullets": "※□■○●◎◇◆△▲▽▼☆★•·✓✗〇",
    "dashes and ellipses": "～~—–―…‼⁉〰〽",
    "mathematics": "+−±×÷=≠≈≤≥<>∞√∑∏∫∈∉⊂⊃∪∩∠⊥∥°",
    # ↗ ↘ mark rising and falling figures; → is a menu path in the corpus manuals.
    "arrows": "→←↑↓↔↕↖↗↘↙⇒⇐⇔⇌",
    # Biology and sports tables use ♀ ♂ as plain text; after an emoji they are
    # the remains of a broken ZWJ sequence and are removed with it.
    "gender signs": "♀♂",
    "CJK punctuation": "，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕〖〗｛｝［］・｜",
}

#: The default allow-list: the union of :data:`ALLOWED_GROUPS`.
ALLOWED_SYMBOLS: frozenset[str] = frozenset("".join(ALLOWED_GROUPS.values()))

#: Every character that follows a ZWJ in some sequence of ``emoji.EMOJI_DATA``
#: (♀ ♂ ↔ ↕ ⚕ 🔬 …). Directly after an emoji it is the rest of a sequence whose
#: joiners were removed (seed 001: ``🙅🏼♀️``; ``🙂↔`` from 🙂‍↔), so it goes with the
#: emoji even when it is on the allow-list and has no VS16.
ZWJ_TAILS: frozenset[str] = frozenset(
    key[i + 1] for key in emoji.EMOJI_DATA for i in range(len(key) - 1) if key[i] == "\u200d"
)

#: Non-emoji pictographic noise: (first, last, only, what). ``only`` limits a
#: block to one general category: dingbats and arrows to ``So``, so the dingbat
#: digits ❶ ➀ (``No``) and ornamental brackets (``Ps``/``Pe``) are never
#: candidates; hieroglyphs are letters (``Lo``), so their blocks are taken whole.
NOISE_RANGES: tuple[tuple[int, int, str, str], ...] = (
    (0x21E6, 0x21F3, "So", "white arrows (⇦ ⇧ ⇨ ⇩ …)"),
    (0x2700, 0x27BF, "So", "Dingbats"),
    (0x2B00, 0x2BFF, "So", "Miscellaneous Symbols and Arrows"),
    (0x13000, 0x1345F, "", "Egyptian Hieroglyphs and their format controls"),
    (0x13460, 0x143FF, "", "Egyptian Hieroglyphs Extended-A"),
    (0x14400, 0x1467F, "", "Anatolian Hieroglyphs"),
    (0x1F000, 0x1F0FF, "", "Mahjong Tiles, Domino Tiles, Playing Cards"),
    (0x1F650, 0x1F67F, "", "Ornamental Dingbats"),
    (0x1F700, 0x1F7FF, "So", "Alchemical Symbols, Geometric Shapes Extended"),
    (0x1F800, 0x1F8FF, "So", "Supplemental Arrows-C"),
    (0x1FA00, 0x1FA6F, "So", "Chess Symbols"),
)


def _noise_class() -> str:
    """:data:`NOISE_RANGES` as the body of a V1 regex set."""
    parts = []
    for first, last, only, _ in NOISE_RANGES:
        span = f"\\U{first:08X}-\\U{last:08X}"
        parts.append(f"[{span}&&\\p{{{only}}}]" if only else f"[{span}]")
    return "".join(parts)


# Every BMP character, to read a property's members off as ranges.
_BMP = "".join(map(chr, range(0x10000)))

#: The reason each named group of the pattern reports.
REASONS: Mapping[str, str] = {
    "emoji": "emoji",
    "symbol": "symbol",
    "component": "emoji component",
}


def _char_class(chars: frozenset[str]) -> str:
    """``chars`` as the body of a regex set, each escaped by code point."""
    return "".join(f"\\U{ord(c):08X}" for c in sorted(chars))


def _minus(base: str, chars: frozenset[str]) -> str:
    """The set ``base`` without ``chars`` (V1 set syntax)."""
    return f"[{base}--[{_char_class(chars)}]]" if chars else f"[{base}]"


class SymbolTables(NamedTuple):
    """The two compiled patterns of one option set.

    ``runs`` finds maximal runs of candidate characters (every emoji, component
    and noise character, allowed or not, plus ``remove``, plus every astral
    character); it is one flat ``re`` set of code-point ranges, so the scan over
    ordinary text is a bitmap test per character. ``pattern`` is the exact
    grammar, applied only to those runs
    (from two characters before, for a keycap's base ``1``/``#``/``*``, to one
    after, for the ZWJ look-ahead): every character of a match is a candidate
    or a keycap base, so no match crosses a run boundary.
    """

    pattern: regex.Pattern[str]
    runs: re.Pattern[str]


def build_tables(allow: frozenset[str], remove: frozenset[str] = frozenset()) -> SymbolTables:
    """Compile the patterns for an allow-list and extra characters to remove.

    ``allow`` is subtracted from every removed class; ``remove`` is removed as
    ``"symbol"`` wherever it occurs and wins over ``allow``.
    """
    allow = allow - remove
    noise = _noise_class()
    skin = r"\U0001F3FB-\U0001F3FF"
    tags = r"\U000E0020-\U000E007F"
    ri = r"\U0001F1E6-\U0001F1FF"
    modifier = f"[\\uFE0E\\uFE0F\\u20E3{skin}{tags}]"
    pictograph = _minus(r"\p{Extended_Pictographic}", allow)
    allowed_emoji = [c for c in allow if regex.match(r"\p{Extended_Pictographic}", c)]
    emoji_presentation = (
        f"|[{_char_class(frozenset(allowed_emoji))}]\\uFE0F" if allowed_emoji else ""
    )
    base = f"(?:{pictograph}{emoji_presentation})"
    tail = f"[{_char_class(ZWJ_TAILS)}]"
    emoji = (
        f"(?:[0-9#*]\\uFE0F?\\u20E3|[{ri}]{{2}}|{base})"
        f"{modifier}*"
        f"(?:\\u200D+(?:{base}|\\p{{Extended_Pictographic}}){modifier}*|{tail}{modifier}*)*"
        r"\u200D*"
    )
    extra = f"|[{_char_class(remove)}]" if remove else ""
    symbol = f"(?:{_minus(noise, allow)}{extra})[\\uFE0E\\uFE0F\\u200D]*"
    # ZWJ is kept only between two letters of a script that joins with it
    # (Devanagari क्‍ष, Arabic); next to Han or emoji debris it is an orphan.
    joinable = (
        r"[[\p{L}\p{M}]--\p{Han}--\p{Emoji_Component}--\p{Extended_Pictographic}"
        f"--[{noise}]" + (f"--[{_char_class(remove)}]" if remove else "") + "]"
    )
    orphan = f"[\\uFE0F\\u20E3{skin}{tags}{ri}]|(?<!{joinable})\\u200D|\\u200D(?!{joinable})"
    component = f"(?:{orphan})+(?:{tail}{modifier}*)*"
    pattern = regex.compile(
        f"(?P<emoji>{emoji})|(?P<symbol>{symbol})|(?P<component>{component})",
        regex.V1,
    )
    # The run scan is what every text pays, so it is written for the stdlib
    # engine, which tests a flat BMP class with a bitmap (several times faster
    # than ``regex`` testing a set of properties). The class is the BMP
    # candidates, read off the exact class as ranges (each match over _BMP is
    # consecutive code points), plus every astral character: a superset only
    # costs a look at the run, and in Chinese text astral characters are rare
    # (emoji, CJK Ext-B). Astral ``remove`` characters fall in that range.
    blocks = "".join(f"\\U{first:08X}-\\U{last:08X}" for first, last, _, _ in NOISE_RANGES)
    exact = regex.compile(
        f"[\\p{{Extended_Pictographic}}\\uFE0E\\uFE0F\\u200D\\u20E3{blocks}{_char_class(remove)}]+",
        regex.V1,
    )
    bmp = "".join(
        f"\\U{ord(m.group()[0]):08X}-\\U{ord(m.group()[-1]):08X}" for m in exact.finditer(_BMP)
    )
    candidate = f"[{bmp}\\U00010000-\\U0010FFFF]"
    # "[c][c]*", not "[c]+": a pattern that opens with a plain set lets the stdlib
    # engine skip to the first candidate with its set test alone; a repeat at the
    # start tries a match at every position (8.1 -> 2.8 ms over the corpus).
    runs = re.compile(f"{candidate}{candidate}*")
    return SymbolTables(pattern, runs)


#: The tables for the default allow-list, compiled once at import.
DEFAULT_TABLES: SymbolTables = build_tables(ALLOWED_SYMBOLS)
