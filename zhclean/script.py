"""convert_script: OpenCC script conversion (default Traditional to Simplified).

Contract (see docs/protocol.md): ``find_conversions(text, **options) -> list[Edit]`` finds the
edits; ``convert_script(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

OpenCC itself converts the text (one converter per config and process, never pickled).
To report edits that stay correct when a phrase changes length (``tw2sp``: 記憶體 -> 内存),
and to tell a phrase decision (著作 stays 著作) from a single-character guess (著 -> 着), the
changed lines are replayed on OpenCC's own dictionaries (zhclean/tables/opencc_dicts.json);
when the replay and OpenCC disagree, OpenCC wins and the line is aligned by a diff.

>>> convert_script("持把強化區域協同融通作為著力點,沿")
'持把强化区域协同融通作为着力点,沿'
>>> convert_script("其他省份主要負責同誌提交了")
'其他省份主要负责同志提交了'
>>> [e for e in find_conversions("著") ]
[Edit(start=0, end=1, replacement='着', reason='tw2s', ambiguous=True)]
>>> find_conversions("著作")
[]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import opencc

from zhclean.edits import Edit, diff_edits, takes_text
from zhclean.tables.script import (
    CONFIGS,
    DEFAULT_CONFIG,
    OVERRIDES,
    ConfigTable,
    Spec,
    config_table,
    dictionary,
    is_partial,
)

__all__ = ["CONFIGS", "DEFAULT_CONFIG", "convert_script", "find_conversions", "resolve_config"]


def resolve_config(config: str) -> str:
    """The OpenCC config named ``config`` (``"t2s"`` or ``"t2s.json"``), or ``ValueError``.

    >>> resolve_config("tw2s.json")
    'tw2s'
    >>> resolve_config("x2y")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown OpenCC config 'x2y'; valid configs: hk2s, hk2sp, ...
    """
    name = (
        config[: -len(".json")] if isinstance(config, str) and config.endswith(".json") else config
    )
    if name not in CONFIGS:
        raise ValueError(f"unknown OpenCC config {config!r}; valid configs: {', '.join(CONFIGS)}")
    return str(name)


@functools.cache
def _converter(name: str) -> opencc.OpenCC:
    # Built lazily once per process: a forked or spawned worker builds its own.
    return opencc.OpenCC(name)


class _Match(NamedTuple):
    length: int
    values: tuple[str, ...]


class _DictMatcher:
    """Longest key of one dictionary starting at a position."""

    def __init__(self, entries: Mapping[str, tuple[str, ...]]) -> None:
        self.entries = entries
        longest: dict[str, int] = {}
        for key in entries:
            if len(key) > longest.get(key[0], 0):
                longest[key[0]] = len(key)
        self.longest = longest

    def match(self, text: str, i: int) -> _Match | None:
        limit = self.longest.get(text[i])
        if limit is None:
            return None
        for length in range(min(limit, len(text) - i), 0, -1):
            values = self.entries.get(text[i : i + length])
            if values is not None:
                return _Match(length, values)
        return None


class _GroupMatcher:
    """OpenCC's dictionary groups: ``short_circuit`` takes the first child that matches at
    all (its longest key), ``union`` the longest key of any child (earlier child on ties)."""

    def __init__(self, policy: str, children: Sequence[_DictMatcher | _GroupMatcher]) -> None:
        self.union = policy == "union"
        self.children = tuple(children)

    def match(self, text: str, i: int) -> _Match | None:
        best: _Match | None = None
        for child in self.children:
            found = child.match(text, i)
            if found is None:
                continue
            if not self.union:
                return found
            if best is None or found.length > best.length:
                best = found
        return best


@functools.cache
def _matcher(spec: Spec) -> _DictMatcher | _GroupMatcher:
    if isinstance(spec, str):
        return _DictMatcher(dictionary(spec))
    policy, children = spec
    return _GroupMatcher(policy, [_matcher(child) for child in children])


class _Piece(NamedTuple):
    """Input ``[start, end)`` became ``out``; ``ambiguous`` has one flag per input char."""

    start: int
    end: int
    out: str
    ambiguous: tuple[bool, ...]


def _run_stage(
    text: str, matcher: _DictMatcher | _GroupMatcher, ambiguous: Mapping[str, str]
) -> list[_Piece]:
    pieces: list[_Piece] = []
    i = 0
    while i < len(text):
        found = matcher.match(text, i)
        if found is None:
            pieces.append(_Piece(i, i + 1, text[i], (False,)))
            i += 1
            continue
        out = found.values[0]
        if found.length == 1:
            # A single-character entry: only a guess when the character has alternatives.
            flags: tuple[bool, ...] = (text[i] in ambiguous and out != text[i],)
        else:
            flags = (False,) * found.length
        pieces.append(_Piece(i, i + found.length, out, flags))
        i += found.length
    return pieces


def _compose(first: Sequence[_Piece], second: Sequence[_Piece]) -> list[_Piece]:
    """Chain two stages: ``second`` is over the concatenated outputs of ``first``.

    A result piece joins the pieces of both stages until their boundaries meet again.
    """
    result: list[_Piece] = []
    i = j = 0
    position = 0  # in the intermediate text
    while i < len(first):
        group = [first[i]]
        i += 1
        first_end = position + len(group[0].out)
        second_end = position
        outs: list[str] = []
        second_flags: list[bool] = []
        while True:
            while second_end < first_end and j < len(second):
                outs.append(second[j].out)
                second_flags.extend(second[j].ambiguous)
                second_end = second[j].end
                j += 1
            if second_end > first_end and i < len(first):
                group.append(first[i])
                first_end += len(first[i].out)
                i += 1
                continue
            break
        start, end = group[0].start, group[-1].end
        if all(p.end - p.start == len(p.out) for p in group) and len(second_flags) == end - start:
            flags = tuple(
                a or b
                for a, b in zip((f for p in group for f in p.ambiguous), second_flags, strict=False)
            )
        else:
            any_flag = any(f for p in group for f in p.ambiguous) or any(second_flags)
            flags = (any_flag,) * (end - start)
        result.append(_Piece(start, end, "".join(outs), flags))
        position = first_end
    return result


def _segments(text: str, spec: Spec | None) -> list[tuple[int, int]]:
    """OpenCC's mmseg: phrases of the segmentation dictionary are segments of their own,
    the characters between them one segment; conversion never crosses a segment."""
    if spec is None:
        return [(0, len(text))] if text else []
    matcher = _matcher(spec)
    cuts: list[tuple[int, int]] = []
    pending = 0
    i = 0
    while i < len(text):
        found = matcher.match(text, i)
        if found is None:
            i += 1
            continue
        if pending < i:
            cuts.append((pending, i))
        cuts.append((i, i + found.length))
        i += found.length
        pending = i
    if pending < len(text):
        cuts.append((pending, len(text)))
    return cuts


def _replay(line: str, table: ConfigTable) -> list[_Piece]:
    """Convert ``line`` the way OpenCC does, keeping where every output piece came from."""
    pieces = [_Piece(i, i + 1, c, (False,)) for i, c in enumerate(line)]
    for spec in table.normalization:
        pieces = _compose(pieces, _run_stage("".join(p.out for p in pieces), _matcher(spec), {}))
    normalized = "".join(p.out for p in pieces)
    chained: list[_Piece] = []
    for seg_start, seg_end in _segments(normalized, table.segmentation):
        segment = normalized[seg_start:seg_end]
        stage = [_Piece(i, i + 1, c, (False,)) for i, c in enumerate(segment)]
        for spec, ambiguous in zip(table.chain, table.ambiguous, strict=False):
            stage = _compose(
                stage, _run_stage("".join(p.out for p in stage), _matcher(spec), ambiguous)
            )
        chained.extend(p._replace(start=p.start + seg_start, end=p.end + seg_start) for p in stage)
    return _compose(pieces, chained)


@functools.cache
def _any_ambiguous(name: str) -> frozenset[str]:
    return frozenset(c for stage in config_table(name).ambiguous for c in stage)


def _piece_edits(line: str, pieces: Sequence[_Piece], base: int, reason: str) -> list[Edit]:
    edits: list[Edit] = []
    for piece in pieces:
        source = line[piece.start : piece.end]
        if source == piece.out:
            continue
        if len(source) == len(piece.out):
            edits.extend(
                Edit(base + piece.start + k, base + piece.start + k + 1, new, reason, flag)
                for k, (old, new, flag) in enumerate(
                    zip(source, piece.out, piece.ambiguous, strict=False)
                )
                if old != new
            )
        else:
            edits.append(
                Edit(base + piece.start, base + piece.end, piece.out, reason, any(piece.ambiguous))
            )
    return edits


@functools.cache
def _key_runs(name: str) -> re.Pattern[str]:
    """Runs of characters that occur in some key of the config's dictionaries: no match,
    and no mmseg segment, crosses a character outside them (，。 digits, Latin)."""
    table = config_table(name)
    specs = [*table.normalization, *table.chain]
    if table.segmentation is not None:
        specs.append(table.segmentation)
    chars: set[str] = set()
    for spec in specs:
        for dict_name in _spec_files(spec):
            for key in dictionary(dict_name):
                chars.update(key)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")


def _spec_files(spec: Spec) -> list[str]:
    if isinstance(spec, str):
        return [spec]
    return [name for child in spec[1] for name in _spec_files(child)]


def _replay_aligned(run: str, table: ConfigTable) -> tuple[str, list[bool]]:
    """``_replay`` for configs whose entries all keep their length: positions never move,
    so one flag per character is all the bookkeeping needed."""
    text = run
    for spec in table.normalization:
        text = "".join(p.out for p in _run_stage(text, _matcher(spec), {}))
    flags = [False] * len(text)
    parts: list[str] = []
    for seg_start, seg_end in _segments(text, table.segmentation):
        segment = text[seg_start:seg_end]
        for spec, ambiguous in zip(table.chain, table.ambiguous, strict=False):
            matcher = _matcher(spec)
            out: list[str] = []
            i = 0
            while i < len(segment):
                found = matcher.match(segment, i)
                if found is None:
                    out.append(segment[i])
                    i += 1
                    continue
                value = found.values[0]
                if found.length == 1 and value != segment[i] and segment[i] in ambiguous:
                    flags[seg_start + i] = True
                out.append(value)
                i += found.length
            segment = "".join(out)
        parts.append(segment)
    return "".join(parts), flags


def _line_edits(line: str, converted: str, name: str, base: int) -> list[Edit]:
    table = config_table(name)
    ambiguous = _any_ambiguous(name)
    if len(line) == len(converted) and not table.length_changing:
        # Positions never move: OpenCC's output aligns character by character, and only
        # the runs holding a changed character with alternatives are replayed to learn
        # whether a phrase or the single-character table decided it.
        flags = [False] * len(line)
        for run in _key_runs(name).finditer(line):
            start, end = run.span()
            if not any(line[k] in ambiguous and line[k] != converted[k] for k in range(start, end)):
                continue
            replayed, run_flags = _replay_aligned(run.group(), table)
            if replayed == converted[start:end]:
                flags[start:end] = run_flags
            else:  # replay and OpenCC disagree (partial STPhrases): flag conservatively
                flags[start:end] = [line[k] in ambiguous for k in range(start, end)]
        return [
            Edit(base + k, base + k + 1, new, name, flags[k])
            for k, (old, new) in enumerate(zip(line, converted, strict=False))
            if old != new
        ]
    pieces = _replay(line, table)
    if "".join(p.out for p in pieces) == converted:
        return _piece_edits(line, pieces, base, name)
    return [
        e._replace(start=e.start + base, end=e.end + base)
        for e in diff_edits(line, converted, name)
    ]


class _Gate(NamedTuple):
    """What makes OpenCC change text (see :func:`_gate`)."""

    singles: frozenset[str]
    #: The BMP ``singles`` and every astral character, as one class. ``re`` tests a BMP
    #: class with a bitmap in C, ~6x faster than ``singles.isdisjoint`` (one str object
    #: per character), but tries astral members one by one (~20x slower), so they are
    #: left to ``singles`` once an astral character shows up.
    single_or_astral: re.Pattern[str]
    triggers: Mapping[str, tuple[tuple[int, str], ...]]
    #: ``triggers`` as a set; when it is large, any trigger character sends text to OpenCC.
    trigger_chars: frozenset[str]
    #: Characters whose own entry changes them but which the whole chain gives back
    #: (see :func:`_round_trips`); not in ``singles``.
    round_trips: frozenset[str]


#: Above this many trigger characters, finding each one with ``str.find`` costs more
#: than letting OpenCC look (s2t-like configs: their singles catch nearly all text anyway).
_MAX_FIND_TRIGGERS = 16


@functools.cache
def _gate(name: str) -> _Gate:
    """The keys of the config's dictionaries that change something: characters whose own
    entry changes them, and phrases that change without holding such a character (著 is
    the first kind; 反覆, 瞭解, 藉口 the second: 覆 瞭 藉 alone stay). Each such phrase is
    filed under one of its characters, its trigger, preferring a rare one (from the
    config's changeable set). Text holding no key is left as is by OpenCC: every stage
    only rewrites keys it finds, and segmentation only ever stops a match. The singles
    the chain turns back into themselves wherever they stand (tw2s: 核 -> 覈 -> 核, see
    :func:`_round_trips`) are left out: Simplified text holds them often."""
    table = config_table(name)
    singles: set[str] = set()
    phrases: set[str] = set()
    for spec in (*table.normalization, *table.chain):
        for dict_name in _spec_files(spec):
            for key, values in dictionary(dict_name).items():
                if values[0] != key:
                    (singles if len(key) == 1 else phrases).add(key)
    round_trips = _round_trips(table, singles, phrases)
    singles -= round_trips
    triggers: dict[str, list[tuple[int, str]]] = {}
    for phrase in sorted(p for p in phrases if singles.isdisjoint(p)):
        offset = next((k for k, c in enumerate(phrase) if c in table.changeable), len(phrase) - 1)
        triggers.setdefault(phrase[offset], []).append((offset, phrase))
    bmp_singles = "".join(re.escape(c) for c in sorted(singles) if c <= "\uffff")
    return _Gate(
        frozenset(singles),
        re.compile(f"[{bmp_singles}\U00010000-\U0010ffff]"),
        MappingProxyType({c: tuple(found) for c, found in triggers.items()}),
        frozenset(triggers),
        round_trips,
    )


def _round_trips(table: ConfigTable, singles: set[str], phrases: set[str]) -> frozenset[str]:
    """The ``singles`` that the config's chain gives back unchanged wherever they stand.

    tw2s turns 核 才 群 峰 into 覈 纔 羣 峯 (Taiwan variants, its first stage) and back
    (TSCharacters, its second). Simplified text holds them often: on the corpus, lines
    whose only singles they were sent 72 K of the 400 K characters OpenCC saw.

    A single ``c`` qualifies when no changing phrase (``phrases``) and no changing
    normalization entry holds it, and its spellings, followed stage by stage, end as
    ``c`` alone: a stage turns a spelling ``x`` into what it gives ``x`` alone, or keeps
    ``x`` (a phrase of the stage holding ``x``, which then must not change), and no
    changing phrase of the stage holds ``x``. On text whose other characters are not
    singles and hold no trigger phrase, every match of every stage is then one such step
    or leaves its characters as they are, however mmseg cuts the text: a match covering
    ``x`` is a phrase (which keeps ``x``) or a single-character key, and then the one the
    stage takes for ``x`` alone (a group's earlier child matching there but not on ``x``
    alone matches a phrase). A partly shipped dictionary (STPhrases) could hide a phrase
    that keeps ``x``, so configs using one get no round trips.
    """
    specs = (*table.normalization, *table.chain)
    if any(is_partial(d) for spec in specs for d in _spec_files(spec)):
        return frozenset()
    changing_chars = {c for phrase in phrases for c in phrase}
    for spec in table.normalization:
        changing_chars.update(
            c
            for dict_name in _spec_files(spec)
            for key, values in dictionary(dict_name).items()
            if values[0] != key
            for c in key
        )
    stages = [(_matcher(spec), *_phrase_chars(spec)) for spec in table.chain]
    found: set[str] = set()
    for char in singles - changing_chars:
        spellings = {char}
        for matcher, in_phrase, in_changing_phrase in stages:
            if not spellings.isdisjoint(in_changing_phrase):
                break
            spellings = {_alone(matcher, x) for x in spellings} | (spellings & in_phrase)
        else:
            if spellings == {char}:
                found.add(char)
    return frozenset(found)


def _phrase_chars(spec: Spec) -> tuple[set[str], set[str]]:
    """The characters of the multi-character keys of ``spec``, and of those that change."""
    in_phrase: set[str] = set()
    in_changing_phrase: set[str] = set()
    for dict_name in _spec_files(spec):
        for key, values in dictionary(dict_name).items():
            if len(key) > 1:
                in_phrase.update(key)
                if values[0] != key:
                    in_changing_phrase.update(key)
    return in_phrase, in_changing_phrase


def _alone(matcher: _DictMatcher | _GroupMatcher, char: str) -> str:
    """What a stage turns ``char`` into when no phrase of it matches there."""
    found = matcher.match(char, 0)
    return char if found is None else found.values[0]


def _unchanged(text: str, name: str) -> bool:
    """True when OpenCC ``name`` surely leaves ``text`` as it is (the fast path).

    Set operations on the text's characters run at hundreds of MB/s, several times
    OpenCC itself; most Simplified text (the clean corpus: 么 核 才 覆 坏 群 著 峰 occur,
    but only inside no phrase that changes) is decided here.
    """
    gate = _gate(name)
    # A BMP hit is a single; an astral hit may not be, and the astral singles are then
    # looked for from there on by the set (see ``_Gate.single_or_astral``).
    hit = gate.single_or_astral.search(text)
    if hit is not None and (
        hit.group() in gate.singles or not gate.singles.isdisjoint(text[hit.start() :])
    ):
        return False
    if len(gate.trigger_chars) > _MAX_FIND_TRIGGERS:
        return gate.trigger_chars.isdisjoint(text)
    # A few trigger characters (tw2s: 9) are each found by one str.find, a C scan many
    # times faster than isdisjoint, which makes a str object per character of the text;
    # an absent trigger costs that one scan, so no isdisjoint is needed before.
    for char, found in gate.triggers.items():
        index = text.find(char)
        while index != -1:
            for offset, phrase in found:
                if index >= offset and text.startswith(phrase, index - offset):
                    return False
            index = text.find(char, index + 1)
    return True


# OpenCC encodes its input as strict UTF-8, so a lone surrogate (from text decoded with
# errors="surrogateescape") would raise, and its C API reads a C string, so a NUL ended the
# text there: everything after it was lost ("党工\x00量发展" -> "党工"). Such runs are passed
# through around it.
# (The surrogates are written chr(...): mypyc, which compiles this module, takes no
# surrogate in a string literal.)
_UNCONVERTIBLE = re.compile(f"([\x00{chr(0xD800)}-{chr(0xDFFF)}]+)")


def _opencc(text: str, name: str) -> str:
    """OpenCC's conversion of ``text``, NULs and lone surrogates passed through unchanged."""
    converter = _converter(name)
    if "\x00" not in text:
        try:
            # Only a lone surrogate makes the binding's strict UTF-8 encode raise, so asking
            # forgiveness spares clean text a whole regex pass looking for surrogates.
            return str(converter.convert(text))
        except UnicodeEncodeError:
            pass
    return "".join(
        part if index % 2 else str(converter.convert(part)) if part else ""
        for index, part in enumerate(_UNCONVERTIBLE.split(text))
    )


#: A stretch of stop-free lines goes to the cheaper config only from a line this long on:
#: two more OpenCC calls cost more than they save on a short line (text alternating
#: 1-character lines with and without stops took 6x as long as tw2s alone; now 1.07x).
_MIN_CHEAP = 16


class _Shortcut(NamedTuple):
    """A cheaper config giving the same output on lines ``stops`` finds nothing in."""

    config: str
    stops: re.Pattern[str]
    #: Whole lines without a stop, the first one at least ``_MIN_CHEAP`` characters long,
    #: at the start of the text (``head``, to match there) and after a newline (``lines``,
    #: which ``re`` finds by that newline, a fast scan; possessive: a failed attempt
    #: rescans at most one line).
    head: re.Pattern[str]
    lines: re.Pattern[str]


def _longest_key(spec: Spec) -> int:
    return max(len(key) for name in _spec_files(spec) for key in dictionary(name))


@functools.cache
def _shortcut(name: str) -> _Shortcut | None:
    """A cheaper config that converts every line holding none of ``stops`` exactly as
    ``name`` does: its chain is ``name``'s after the first stage, and it normalizes alike.

    tw2s is t2s after a stage of Taiwan variants (為 -> 爲) and costs twice as much in
    OpenCC; 93 % of the characters OpenCC converts on the corpus (its Traditional text)
    are on lines without a stop (hk2s, tw2sp, hk2sp: t2s too). Why such a line converts
    alike, P being the segmentation dictionary:

    - The first stage leaves every segment as it is but for *transparent* characters
      ``k -> k2``: the rest of the chain maps ``k`` and ``k2`` alike and no P key holds
      either (為 -> 爲, both -> 为). The stops are the stage's other changing characters
      (著 -> 着, then 着; t2s keeps 著), one character of each changing phrase holding
      none of those (上梁 -> 上樑: 梁, found by ``_hitting_set``), and the characters
      normalization turns into a stop. So the rest of the chain, whose one stage tries P
      and then only single-character dictionaries, makes the same matches without it.
    - Segmenting by P changes nothing for that stage: a segment starting a P match is the
      longest P match there, which the stage takes too, and inside the other segments no
      P key starts; a scan of the whole line stops where the scans of its segments do.
    """
    table = config_table(name)
    if table.segmentation is None or len(table.chain) < 2:
        return None
    for cheap in CONFIGS:
        other = config_table(cheap)
        if (
            other.normalization == table.normalization
            and other.segmentation is None
            and other.chain == table.chain[1:]
            and _segmentation_is_moot(table.segmentation, other.chain)
            and all(_longest_key(spec) == 1 for spec in table.normalization)
        ):
            stops = _first_stage_stops(table, other.chain[0])
            lines = f"(?=[^{stops}\n]{{{_MIN_CHEAP}}})(?:[^{stops}\n]*+(?:\n|\\Z))++"
            return _Shortcut(
                cheap, re.compile(f"[{stops}]"), re.compile(lines), re.compile("\n" + lines)
            )
    return None


def _segmentation_is_moot(segmentation: Spec, chain: tuple[Spec, ...]) -> bool:
    """Whether ``chain`` converts a text as it converts each mmseg segment of it (see
    :func:`_shortcut`): one short-circuit stage trying the segmentation dictionary first,
    then only dictionaries of single-character keys."""
    if len(chain) != 1 or isinstance(chain[0], str):
        return False
    policy, children = chain[0]
    return (
        policy == "short_circuit"
        and len(children) > 0
        and children[0] == segmentation
        and all(isinstance(child, str) and _longest_key(child) == 1 for child in children[1:])
    )


def _first_stage_stops(table: ConfigTable, rest: Spec) -> str:
    """The stops of :func:`_shortcut`, escaped for a character class (``rest``: the one
    stage of the cheaper config, whose first child is the segmentation dictionary)."""
    assert not isinstance(rest, str)
    phrase_file, *char_files = rest[1]
    in_phrases = {c for name in _spec_files(phrase_file) for key in dictionary(name) for c in key}
    hard: set[str] = set()
    phrases: set[str] = set()
    for dict_name in _spec_files(table.chain[0]):
        for key, values in dictionary(dict_name).items():
            if values[0] == key:
                continue
            if len(key) > 1:
                phrases.add(key)
            elif (
                _chars_out(key, char_files) != _chars_out(values[0], char_files)
                or key in in_phrases
                or not in_phrases.isdisjoint(values[0])
            ):
                hard.add(key)
    stops = hard | set(_hitting_set(sorted(p for p in phrases if hard.isdisjoint(p))))
    for spec in table.normalization:
        for dict_name in _spec_files(spec):
            for key, values in dictionary(dict_name).items():
                if values[0] != key and not stops.isdisjoint(values[0]):
                    stops.add(key)
    # A few astral members (tw2s: U+2F99F, normalized to 著) cost the scan little, unlike
    # the hundreds of astral singles ``_Gate`` leaves to a set.
    return "".join(re.escape(c) for c in sorted(stops))


def _chars_out(text: str, char_files: Sequence[str]) -> str:
    """``text`` through dictionaries of single-character keys, the first holding one wins."""
    return "".join(
        next((dictionary(d)[c][0] for d in char_files if c in dictionary(d)), c) for c in text
    )


def _convert(text: str, name: str) -> str:
    """OpenCC ``name``'s output for ``text``; with a :func:`_shortcut`, stretches of lines
    holding none of its stops go to the cheaper config (no key holds a newline, so lines
    convert apart).

    >>> _convert("著力點\\n" + "作為核心參數" * 4 + "\\n著", "tw2s") == (
    ...     "着力点\\n" + "作为核心参数" * 4 + "\\n着")
    True
    """
    shortcut = _shortcut(name)
    if shortcut is None:
        return _opencc(text, name)
    parts: list[str] = []
    position = 0
    head = shortcut.head.match(text)
    if head is not None:
        parts.append(_opencc(head.group(), shortcut.config))
        position = head.end()
    for stretch in shortcut.lines.finditer(text, position):
        start, end = stretch.span()
        if position < start:
            parts.append(_opencc(text[position:start], name))
        parts.append(_opencc(stretch.group(), shortcut.config))
        position = end
    if position < len(text):
        parts.append(_opencc(text[position:], name))
    return "".join(parts)


@functools.cache
def _clean_lines(name: str) -> re.Pattern[str]:
    """Two or more whole lines, between newlines, holding no single, no trigger character
    and no astral character: OpenCC leaves them as they are (see :func:`_gate`).

    No dictionary key of any config holds a newline, so no match or mmseg segment crosses
    one, and OpenCC's output for a text is its output for the parts between such
    stretches joined by the stretches. Mixed documents (a Traditional paragraph among
    Simplified ones, half the text OpenCC saw on the corpus) skip OpenCC on the rest.
    The quantifiers are possessive: a failed attempt rescans at most two lines.
    """
    gate = _gate(name)
    stops = "".join(
        re.escape(c) for c in sorted(gate.singles | gate.trigger_chars) if c <= "\uffff"
    )
    return re.compile(f"\n(?:[^{stops}\U00010000-\U0010ffff\n]*+\n){{2,}}+")


def _plain_convert(text: str, name: str) -> str:
    if _unchanged(text, name):
        return text
    parts: list[str] = []
    position = 0
    for stretch in _clean_lines(name).finditer(text):
        start, end = stretch.span()
        if position < start:
            parts.append(_convert(text[position:start], name))
        parts.append(stretch.group())
        position = end
    if not parts:
        return _convert(text, name)
    if position < len(text):
        parts.append(_convert(text[position:], name))
    return "".join(parts)


def _plain_edits(text: str, name: str, base: int) -> list[Edit]:
    """The edits of OpenCC ``name`` on ``text`` (no override phrase inside), offset by ``base``."""
    if _unchanged(text, name):
        return []  # the fast path: no character this config could change
    # No dictionary key holds a newline, so OpenCC's output has the same lines and only
    # the changed ones are aligned; the whole text is aligned if the count ever differs.
    converted = _convert(text, name)
    if converted == text:
        return []
    lines = text.split("\n")
    out_lines = converted.split("\n")
    if len(lines) != len(out_lines):
        return _line_edits(text, converted, name, base)
    edits: list[Edit] = []
    position = base
    for line, out in zip(lines, out_lines, strict=False):
        if line != out:
            edits.extend(_line_edits(line, out, name, position))
        position += len(line) + 1
    return edits


#: Above this many anchor characters, one scan of the override pattern is cheaper than
#: scanning for anchors and then their windows (user overrides with unrelated phrases).
_MAX_ANCHORS = 8


class _OverrideScanner:
    """Finds override phrases exactly as one ``pattern.finditer`` over the text would.

    ``pattern`` alone scans every position (~30% of the step on the corpus), though the
    default phrases (著名, 显著, 么, 想像, 基於單 …) all hold one of four characters
    (著 於 想 么), the anchors, and text has few of them. Every match holds an
    anchor ``a`` and lies in ``[a - reach, a + reach]``, so after merging overlapping
    windows, no match starts between windows or crosses one's end, and each window
    starts afresh; scanning only the windows finds the same matches in the same order.
    """

    def __init__(self, phrases: Mapping[str, str]) -> None:
        keys = sorted(phrases, key=lambda k: (-len(k), k))
        self.phrases = phrases
        # Longest first: Python tries alternatives in order, so the longest phrase wins.
        self.pattern = re.compile("|".join(re.escape(k) for k in keys))
        self.reach = max(len(k) for k in keys) - 1
        anchors = _hitting_set(keys)
        self.anchors = tuple(anchors) if len(anchors) <= _MAX_ANCHORS else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.anchors is None:
            yield from self.pattern.finditer(text)
            return
        # One str.find scan per anchor, a C loop ~4x faster than a regex class over the
        # text (2.4 -> 0.6 ms on the step's corpus inputs). Each anchor's positions come in
        # order: the sort only merges at most _MAX_ANCHORS runs (timsort finds them).
        positions: list[int] = []
        for char in self.anchors:
            index = text.find(char)
            while index != -1:
                positions.append(index)
                index = text.find(char, index + 1)
        positions.sort()
        reach = self.reach
        window_start = 0
        window_end = -1  # no window open yet
        for position in positions:
            start = position - reach if position > reach else 0
            if start >= window_end:
                if window_end >= 0:
                    yield from self.pattern.finditer(text, window_start, window_end)
                window_start = start
            window_end = position + reach + 1
        if window_end >= 0:
            yield from self.pattern.finditer(text, window_start, window_end)


def _hitting_set(keys: Sequence[str]) -> list[str]:
    """Characters such that every key holds one, chosen greedily (most keys first)."""
    left = set(keys)
    chosen: list[str] = []
    while left:
        counts: dict[str, int] = {}
        for key in sorted(left):
            for char in dict.fromkeys(key):
                counts[char] = counts.get(char, 0) + 1
        best = max(counts, key=lambda c: (counts[c], c))
        chosen.append(best)
        left = {key for key in left if best not in key}
    return chosen


@functools.lru_cache(maxsize=64)
def _scanner_for(items: tuple[tuple[str, str], ...]) -> _OverrideScanner:
    return _OverrideScanner(MappingProxyType(dict(items)))


def _phrases(name: str, overrides: Mapping[str, str] | None, fixes: bool) -> dict[str, str]:
    phrases = {**(OVERRIDES.get(name, {}) if fixes else {}), **(overrides or {})}
    return {k: v for k, v in phrases.items() if k}


@functools.cache
def _builtin_scanner(name: str, fixes: bool) -> _OverrideScanner | None:
    phrases = _phrases(name, None, fixes)
    return _OverrideScanner(MappingProxyType(phrases)) if phrases else None


def _scanner(
    name: str, overrides: Mapping[str, str] | None, fixes: bool
) -> _OverrideScanner | None:
    """The override phrases of a call, or None when there are none.

    The default call (no ``overrides``) takes the scanner built once per config, so the
    common path never merges or sorts the phrase table."""
    if overrides is None:
        return _builtin_scanner(name, fixes)
    phrases = _phrases(name, overrides, fixes)
    return _scanner_for(tuple(sorted(phrases.items()))) if phrases else None


@takes_text
def find_conversions(
    text: str,
    *,
    config: str = DEFAULT_CONFIG,
    overrides: Mapping[str, str] | None = None,
    fixes: bool = True,
) -> list[Edit]:
    """The edits ``convert_script`` makes to ``text``: one per changed character (a span
    when a phrase changes length), reason = the config name, ``ambiguous=True`` when a
    single-character entry with alternatives (著 -> 着/著) decided, not a phrase.

    ``overrides`` maps phrases to replacements applied first, longest phrase first; they
    extend zhclean's own table (zhclean/tables/script.py) and win over it; ``fixes=False``
    leaves that table out, so the result is exactly OpenCC's plus ``overrides``.

    >>> find_conversions("更加註重前端控汙")  # doctest: +NORMALIZE_WHITESPACE
    [Edit(start=2, end=3, replacement='注', reason='tw2s', ambiguous=False),
     Edit(start=7, end=8, replacement='污', reason='tw2s', ambiguous=False)]
    >>> convert_script("協同融通作為著力點", config="t2s")
    '协同融通作为著力点'
    >>> convert_script("協同融通作為著力點", config="t2s", overrides={"著力點": "着力点"})
    '协同融通作为着力点'
    """
    name = resolve_config(config)
    scanner = _scanner(name, overrides, fixes)
    if scanner is None:
        return _plain_edits(text, name, 0)
    edits: list[Edit] = []
    position = 0
    for found in scanner.finditer(text):
        edits.extend(_plain_edits(text[position : found.start()], name, position))
        replacement = scanner.phrases[found.group()]
        if replacement != found.group():
            edits.append(Edit(found.start(), found.end(), replacement, name))
        position = found.end()
    edits.extend(_plain_edits(text[position:], name, position))
    return edits


@takes_text
def convert_script(
    text: str,
    *,
    config: str = DEFAULT_CONFIG,
    overrides: Mapping[str, str] | None = None,
    fixes: bool = True,
) -> str:
    """Convert ``text`` with OpenCC ``config`` (default ``tw2s``: Traditional to Simplified).

    >>> convert_script("生態保護補償機製,李幹傑")
    '生态保护补偿机制,李干杰'
    >>> convert_script("长江经济带")  # already Simplified: the fast path returns it as is
    '长江经济带'
    >>> convert_script("记忆体和内存", config="s2twp")
    '記憶體和記憶體'
    """
    # The same as apply_edits(text, find_conversions(...)) without the replay: OpenCC's
    # own output for the text between override phrases (the tests compare both paths).
    name = resolve_config(config)
    scanner = _scanner(name, overrides, fixes)
    if scanner is None:
        return _plain_convert(text, name)
    parts: list[str] = []
    position = 0
    for found in scanner.finditer(text):
        parts.append(_plain_convert(text[position : found.start()], name))
        parts.append(scanner.phrases[found.group()])
        position = found.end()
    parts.append(_plain_convert(text[position:], name))
    return "".join(parts)
