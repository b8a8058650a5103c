"""Quality metrics for the benchmarks: CER, paragraph-boundary P/R/F1, residue counts.

The definitions are those of ``../shared/tools/score_corpus.py`` (the corpus' own scorer),
rewritten here so the benchmark does not depend on ``../shared``;
``tests/test_benchmark_metrics.py`` checks that both give the same numbers.

* CER: Levenshtein distance between output and clean text with all whitespace removed
  from both, divided by the clean length (``max(1, len)``).
* A paragraph boundary is a line break between two non-blank lines. The output's
  boundaries are carried onto the clean text through the character alignment of the
  whitespace-free texts and counted as exact matches; precision, recall and F1 are
  micro-averaged over documents by summing the counts.

>>> cer("长江经济带", "长江经济带")
0.0
>>> boundary_counts("长江\\n经济带", "长江经济\\n带")
BoundaryCounts(tp=0, n_out=1, n_ref=1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import emoji
import opencc
import regex
from rapidfuzz.distance import Levenshtein

__all__ = [
    "BoundaryCounts",
    "Residue",
    "boundary_counts",
    "cer",
    "naive_join",
    "para_prf",
    "prf",
    "residue",
    "strip_with_breaks",
]

# ``regex``'s \s, as in score_corpus.py: it must be the same class, or the
# whitespace-free texts (and so every alignment) could differ on rare spaces.
_WS = regex.compile(r"\s+")


class BoundaryCounts(NamedTuple):
    """Paragraph boundaries of one document: matched, in the output, in the clean text."""

    tp: int
    n_out: int
    n_ref: int

    def __add__(self, other: object) -> BoundaryCounts:
        if not isinstance(other, BoundaryCounts):
            return NotImplemented
        return BoundaryCounts(
            self.tp + other.tp, self.n_out + other.n_out, self.n_ref + other.n_ref
        )


def strip_with_breaks(text: str) -> tuple[str, frozenset[int]]:
    """The whitespace-free text and the indexes ``i`` with a paragraph break
    between character ``i-1`` and character ``i``.

    >>> text, breaks = strip_with_breaks("长江 经济带\\n\\n高质量\\n发展")
    >>> text, sorted(breaks)
    ('长江经济带高质量发展', [5, 8])
    """
    chars: list[str] = []
    breaks: set[int] = set()
    for n, para in enumerate(p for p in text.split("\n") if p.strip()):
        if n and chars:
            breaks.add(len(chars))
        chars.extend(_WS.sub("", para))
    return "".join(chars), frozenset(breaks)


def cer(out: str, ref: str) -> float:
    """Character error rate of ``out`` against ``ref``, whitespace ignored.

    >>> cer("長江经济带", "长江经济带")
    0.2
    """
    a, b = _WS.sub("", out), _WS.sub("", ref)
    return Levenshtein.distance(a, b) / max(1, len(b))


def boundary_counts(out: str, ref: str) -> BoundaryCounts:
    """Output boundaries that land exactly on a clean-text boundary, and both totals.

    >>> boundary_counts("长江\\n经济带\\n发展", "长江\\n经济带发展")
    BoundaryCounts(tp=1, n_out=2, n_ref=1)
    """
    a, out_breaks = strip_with_breaks(out)
    b, ref_breaks = strip_with_breaks(ref)
    amap = [0] * (len(a) + 1)
    for op in Levenshtein.opcodes(a, b):
        for k in range(op.src_start, op.src_end):
            if op.tag in ("equal", "replace"):
                amap[k] = op.dest_start + min(k - op.src_start, op.dest_end - op.dest_start)
            else:
                # A deleted output character has no counterpart: a break before it
                # lands where the next reference character starts.
                amap[k] = op.dest_start
    amap[len(a)] = len(b)
    # A set, as in score_corpus.py: two output breaks that land on one clean
    # position count once.
    mapped = {amap[i] for i in out_breaks}
    return BoundaryCounts(len(mapped & ref_breaks), len(out_breaks), len(ref_breaks))


def prf(counts: BoundaryCounts) -> tuple[float, float, float]:
    """Precision, recall and F1 of boundary counts; an empty side scores 1.0.

    >>> prf(BoundaryCounts(tp=3, n_out=4, n_ref=6))
    (0.75, 0.5, 0.6)
    """
    p = counts.tp / counts.n_out if counts.n_out else 1.0
    r = counts.tp / counts.n_ref if counts.n_ref else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def para_prf(out: str, ref: str) -> tuple[float, float, float]:
    """Paragraph-boundary precision, recall and F1 of one document."""
    return prf(boundary_counts(out, ref))


def micro_prf(counts: Iterable[BoundaryCounts]) -> tuple[float, float, float]:
    """P/R/F1 of summed counts (micro average over documents)."""
    return prf(sum(counts, BoundaryCounts(0, 0, 0)))


def naive_join(text: str) -> str:
    """The naive baseline: join all lines of each blank-line block, one block per line.

    >>> naive_join("长江\\n经济带\\n\\n高质量\\n发展")
    '长江经济带\\n高质量发展'
    """
    blocks = text.replace("\r", "").split("\n\n")
    return "\n".join("".join(line.strip() for line in b.split("\n")) for b in blocks if b.strip())


# --- residue: noise a cleaner should have removed -------------------------------------------

_T2S = opencc.OpenCC("t2s")
# Strictly between two Han: next to Latin or digits ASCII punctuation is legitimate
# (`apt-get install foo, bar`, `1,000`).
_ASCII_PUNCT_IN_HAN = regex.compile(r"(?<=\p{Han})[,;?!](?=\p{Han})")
# Pieces of an emoji sequence that ``emoji`` does not match on their own once the
# sequence is broken (the corpus' "zwj-broken" injections leave these behind).
_EMOJI_PIECES = regex.compile(r"[\u200d\ufe0f\u20e3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]")


class Residue(NamedTuple):
    """Counts of noise left in a text (emoji counts every leftover emoji piece)."""

    emoji: int
    traditional: int
    ascii_punct: int

    def __add__(self, other: object) -> Residue:
        if not isinstance(other, Residue):
            return NotImplemented
        return Residue(*(x + y for x, y in zip(self, other, strict=True)))

    def excess_over(self, ref: Residue) -> Residue:
        """What is left beyond what the clean text itself contains (never negative)."""
        return Residue(*(max(0, x - y) for x, y in zip(self, ref, strict=True)))


def residue(text: str) -> Residue:
    """Emoji, characters OpenCC t2s would change, ASCII ``,;?!`` between two Han.

    >>> residue("長江经济带,高质量发展🎉")
    Residue(emoji=1, traditional=1, ascii_punct=1)
    """
    emoji_left = emoji.emoji_count(text) + len(_EMOJI_PIECES.findall(emoji.replace_emoji(text, "")))
    traditional = Levenshtein.distance(text, _T2S.convert(text))
    return Residue(emoji_left, traditional, len(_ASCII_PUNCT_IN_HAN.findall(text)))
