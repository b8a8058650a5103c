"""strip_symbols: remove emoji (including broken sequences) and pictographic noise.

Contract (see docs/protocol.md): ``find_symbols(text, **options) -> list[Edit]`` finds the
edits; ``strip_symbols(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

The tables (``zhclean.tables.symbols``) are compiled once: a fast scan for runs of
candidate characters, and the exact grammar applied only to those runs, so a text
with nothing to remove costs a single pass of one character-set scan. Spaces are
never touched: an emoji between two spaces leaves both, and
``normalize_whitespace`` decides what they become.

Options (keyword-only, shared by both functions):

``allow``
    The characters kept even though they are emoji or symbols, replacing the
    default allow-list :data:`zhclean.tables.symbols.ALLOWED_SYMBOLS`
    (℃ ％ ‰ № § ° ①–⑳ ※ □ ■ ○ ● ★ ☆ · ～ — + × ÷ → ← ↑ ↓ ↔ ↗ ↘ © ® ™ ♀ ♂ …).
    ``None`` (default) means that table; ``""`` keeps nothing that is a symbol.
    An allowed emoji character written with VS16 (``©️``) is still removed.
``keep``
    Characters added to the allow-list, e.g. ``keep="▶☑"`` for bullets.
``remove``
    Characters removed wherever they occur (reason ``"symbol"``), even if
    allowed or not a symbol at all, e.g. ``remove="※"``.

Reasons in the edits: ``"emoji"`` (an emoji with its modifiers, a keycap, a
flag, a tag sequence), ``"emoji component"`` (an orphan VS16, skin tone, ZWJ,
keycap mark, regional indicator or tag), ``"symbol"`` (hieroglyphs, playing
cards, dingbats, decorative arrows, and ``remove``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from zhclean.edits import Edit, takes_text
from zhclean.tables.symbols import (
    ALLOWED_SYMBOLS,
    DEFAULT_TABLES,
    REASONS,
    SymbolTables,
    build_tables,
)

__all__ = ["find_symbols", "strip_symbols"]


@lru_cache(maxsize=32)
def _compiled(allow: frozenset[str], remove: frozenset[str]) -> SymbolTables:
    # A pure memo: callers that override the allow-list (e.g. through a
    # Pipeline) reuse one compiled pattern per distinct option set.
    return build_tables(allow, remove)


def _chars(value: str | Iterable[str], name: str) -> frozenset[str]:
    chars = frozenset(value)
    bad = sorted(c for c in chars if not isinstance(c, str) or len(c) != 1)
    if bad:
        raise ValueError(f"{name} takes single characters; got {bad[0]!r}")
    return chars


def _tables(
    allow: str | Iterable[str] | None, keep: str | Iterable[str], remove: str | Iterable[str]
) -> SymbolTables:
    if allow is None and not keep and not remove:
        return DEFAULT_TABLES
    allowed = ALLOWED_SYMBOLS if allow is None else _chars(allow, "allow")
    allowed |= _chars(keep, "keep")
    removed = _chars(remove, "remove")
    if allowed == ALLOWED_SYMBOLS and not removed:
        return DEFAULT_TABLES
    return _compiled(allowed, removed)


def _matches(text: str, tables: SymbolTables) -> Iterator[regex.Match[str]]:
    """The matches of ``tables.pattern`` over ``text``, found only inside candidate runs.

    Equal to ``tables.pattern.finditer(text)`` (the tests check it), but the
    exact grammar only runs where a candidate character is: on text with no
    emoji this is the single fast scan of ``tables.runs``.
    """
    done = 0
    size = len(text)
    for run in tables.runs.finditer(text):
        start, end = run.span()
        # Two characters back reach a keycap's base ("1" of 1️⃣); one past the
        # run lets the ZWJ look-ahead see its neighbour. Look-behind already
        # sees before ``pos``.
        yield from tables.pattern.finditer(text, max(start - 2, done), min(end + 1, size))
        done = end


@takes_text
def find_symbols(
    text: str,
    *,
    allow: str | Iterable[str] | None = None,
    keep: str | Iterable[str] = "",
    remove: str | Iterable[str] = "",
) -> list[Edit]:
    """The edits ``strip_symbols`` makes to ``text``: one per emoji or symbol run.

    Seed 001 lost the joiners of its ZWJ sequences; the woman's gesture is
    still one emoji, skin tone, ♀ and VS16 together:

    >>> find_symbols("戰略實施近8年來🙅🏼♀️,沿江省市")
    [Edit(start=8, end=12, replacement='', reason='emoji', ambiguous=False)]
    >>> find_symbols("以科技創新為引領𓀁,統籌推進")
    [Edit(start=8, end=9, replacement='', reason='symbol', ambiguous=False)]
    """
    return [
        Edit(m.start(), m.end(), "", REASONS[m.lastgroup or "symbol"])
        for m in _matches(text, _tables(allow, keep, remove))
    ]


@takes_text
def strip_symbols(
    text: str,
    *,
    allow: str | Iterable[str] | None = None,
    keep: str | Iterable[str] = "",
    remove: str | Iterable[str] = "",
) -> str:
    """Remove emoji, broken emoji sequences and pictographic noise; keep meaningful symbols.

    >>> strip_symbols("高質量發展的本領*️⃣👨🏻🌾。要引導各方面")
    '高質量發展的本領。要引導各方面'
    >>> strip_symbols("□本報記者 夏元 ① 氣溫25℃ ★")
    '□本報記者 夏元 ① 氣溫25℃ ★'
    >>> strip_symbols("□本報記者", remove="□")
    '本報記者'
    """
    # Every edit deletes its match, so joining the gaps between matches is
    # apply_edits(find_symbols(...)) without building Edit records.
    parts: list[str] = []
    position = 0
    for match in _matches(text, _tables(allow, keep, remove)):
        parts.append(text[position : match.start()])
        position = match.end()
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)
