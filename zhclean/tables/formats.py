"""Tables for encoding detection (used by :mod:`zhclean.formats`), built once at import.

The "common characters" of each Chinese national encoding are exactly a byte range of
that encoding, so they are derived from Python's own codecs, not typed in: GB2312 level 1
(rows 0xB0–0xD7) holds the 3,755 most frequent Simplified characters and Big5's
常用字 zone (0xA440–0xC67E) the 5,401 most frequent Traditional ones. A correct
decoding of real Chinese text is mostly made of these; Big5 bytes read as GBK (or the
reverse) decode without error into rare characters, kana and symbols, which is how
detection tells the two apart.
"""

from __future__ import annotations

__all__ = ["COMMON_CHARS"]


def _decode_pairs(encoding: str, leads: range, trails: tuple[range, ...], last: int) -> set[str]:
    chars: set[str] = set()
    for lead in leads:
        for trail_range in trails:
            for trail in trail_range:
                if (lead << 8) | trail > last:
                    continue
                try:
                    chars.add(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    continue
    return chars


def _common_chars() -> frozenset[str]:
    gb2312_level1 = _decode_pairs("gb2312", range(0xB0, 0xD8), (range(0xA1, 0xFF),), 0xD7F9)
    big5_frequent = _decode_pairs(
        "big5", range(0xA4, 0xC7), (range(0x40, 0x7F), range(0xA1, 0xFF)), 0xC67E
    )
    # CJK punctuation (U+3000–U+303F), full-width forms and general punctuation are what
    # surrounds Han characters in real text in either script.
    punctuation = {chr(c) for c in (*range(0x3000, 0x3040), *range(0xFF01, 0xFF5F))}
    punctuation |= set("“”‘’…—·")
    return frozenset(gb2312_level1 | big5_frequent | punctuation)


#: Han characters and punctuation that a correct decoding of Chinese text is mostly made of.
COMMON_CHARS: frozenset[str] = _common_chars()
