"""Hypothesis strategies drawn from the seeds' own text and noise.

Random Unicode finds crashes; these find the bugs that matter here, because they
build inputs the way real dirty Chinese text is built: seed clauses, their
Traditional forms, the emoji and symbol noise of seed 001, ASCII punctuation
between Han characters, numbers and Latin words that must survive.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import emoji
import opencc
import regex
from hypothesis import strategies as st

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_CLAUSE = regex.compile(r"[^，。、；：？！,;:?!\s]{2,40}")
HAN = regex.compile(r"\p{Han}")

#: ASCII runs that must come through every step untouched.
PROTECTED_ASCII = [
    "4.44%",
    "2.4:1",
    "1,000",
    "10万吨/年",
    "R&D",
    "300KA",
    "10:30",
    "2.6.30",
    "GNU/Linux",
    "apt-get",
]


@lru_cache(maxsize=1)
def seed_clauses() -> tuple[str, ...]:
    """Clauses (runs between punctuation) of the Simplified seeds 000, 002, 003, 004."""
    clauses: set[str] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        if path.name.startswith("001"):
            continue
        clauses.update(m.group() for m in _CLAUSE.finditer(path.read_text(encoding="utf-8")))
    return tuple(sorted(clauses))


@lru_cache(maxsize=1)
def seed_noise() -> tuple[str, ...]:
    """The non-text characters and broken emoji sequences of seed 001, plus emoji data."""
    text = (SEEDS / "001_522596ff6ab5f318.txt").read_text(encoding="utf-8")
    runs = regex.findall(r"[^\p{Han}\p{P}\s\p{Latin}\d]+", text)
    sample = sorted(emoji.EMOJI_DATA)[::97]
    return tuple(sorted(set(runs))) + tuple(sample)


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t.json")


def clauses() -> st.SearchStrategy[str]:
    return st.sampled_from(seed_clauses())


def traditional_clauses() -> st.SearchStrategy[str]:
    return clauses().map(lambda c: _to_traditional().convert(c))


def noise() -> st.SearchStrategy[str]:
    return st.sampled_from(seed_noise())


PUNCTUATION = st.sampled_from(["，", "。", "、", "；", "：", "！", "？", ",", ";", ":", "!", "?"])


@st.composite
def paragraphs(draw: st.DrawFn, *, traditional: bool = True, with_noise: bool = True) -> str:
    """One paragraph: seed clauses joined by Chinese or ASCII punctuation, with noise."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        source = traditional_clauses() if traditional and draw(st.booleans()) else clauses()
        parts.append(draw(source))
        if with_noise and draw(st.integers(0, 4)) == 0:
            parts.append(draw(noise()))
        parts.append(draw(PUNCTUATION))
    if draw(st.booleans()):
        parts[-1] = "。"
    return "".join(parts)


@st.composite
def documents(draw: st.DrawFn, *, traditional: bool = True, with_noise: bool = True) -> str:
    """Several paragraphs, one per line, the shape zhclean's output has."""
    count = draw(st.integers(1, 5))
    return "\n".join(
        draw(paragraphs(traditional=traditional, with_noise=with_noise)) for _ in range(count)
    )


def han(text: str) -> list[str]:
    return HAN.findall(text)
