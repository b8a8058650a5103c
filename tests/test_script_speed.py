"""convert_script's fast paths against their references.

tw2s is t2s after a stage of Taiwan variants; ``script._shortcut`` derives from the tables
which lines that stage cannot affect (no stop character) and ``script._convert`` sends
them to t2s. Each test compares with plain OpenCC of the config asked for: on every line
of every real file, and on text built from the dictionaries' own keys and the seeds.
The override scanner, which looks only around its anchors, is compared with the plain
scan of its pattern on every real file.
"""

from __future__ import annotations

import functools

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, ROOT, SEEDS
from tests.strategies import clauses, traditional_clauses
from zhclean.script import (
    _builtin_scanner,
    _convert,
    _gate,
    _plain_convert,
    _shortcut,
    _spec_files,
    _unchanged,
)
from zhclean.tables.script import CONFIGS, config_table, dictionary

SHORTCUT_CONFIGS = [name for name in CONFIGS if _shortcut(name) is not None]
REAL_FILES = sorted(SEEDS.glob("*.txt")) + sorted(
    [*CORPUS.glob("*/*.txt"), *ROOT.glob("benchmarks/*/*/*.txt")]
)


@functools.cache
def _opencc(name: str) -> opencc.OpenCC:
    return opencc.OpenCC(name)


def _cheap(name: str) -> str:
    shortcut = _shortcut(name)
    assert shortcut is not None
    return shortcut.config


def test_shortcut_configs_come_from_the_tables() -> None:
    assert SHORTCUT_CONFIGS == ["hk2s", "hk2sp", "tw2s", "tw2sp"]
    assert all(_cheap(name) == "t2s" for name in SHORTCUT_CONFIGS)
    # s2tw is t2tw after its first stage too, but it segments by STPhrases, which t2tw's
    # stage does not try first: a segment could cut a TWVariantsPhrases match.
    assert config_table("s2tw").chain[1:] == config_table("t2tw").chain
    assert _shortcut("s2tw") is None


@pytest.mark.parametrize(
    ("line", "is_stop_free"),
    [
        ("作為核心參數", True),  # 為 -> 爲, 參 -> 蔘: t2s maps both spellings alike
        ("協同融通作為著力點", False),  # 著 -> 着 first (着力点); t2s keeps 著力点
        ("挑大梁", False),  # 大梁 -> 大樑 is a phrase change: 梁 is its trigger
        ("\U0002f99f力點", False),  # U+2F99F is normalized to 著
    ],
)
def test_stops_of_tw2s(line: str, is_stop_free: bool) -> None:
    shortcut = _shortcut("tw2s")
    assert shortcut is not None
    assert (shortcut.stops.search(line) is None) == is_stop_free
    if is_stop_free:
        assert _opencc("t2s").convert(line) == _opencc("tw2s").convert(line)


@pytest.mark.parametrize("line", ["協同融通作為著力點", "\U0002f99f力點"])
def test_a_stop_is_needed_where_the_first_stage_matters(line: str) -> None:
    assert _opencc("t2s").convert(line) != _opencc("tw2s").convert(line)


def test_there_are_real_files_to_compare() -> None:
    assert len(REAL_FILES) > 300


@pytest.mark.parametrize("name", SHORTCUT_CONFIGS)
def test_stop_free_real_lines_convert_alike(name: str) -> None:
    shortcut = _shortcut(name)
    assert shortcut is not None
    full, cheap = _opencc(name), _opencc(shortcut.config)
    checked = 0
    for path in REAL_FILES:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if shortcut.stops.search(line) is None:
                assert cheap.convert(line) == full.convert(line), (path, line)
                checked += 1
    assert checked > 10_000


@pytest.mark.parametrize("name", SHORTCUT_CONFIGS)
def test_convert_is_opencc_on_real_files(name: str) -> None:
    for path in REAL_FILES:
        text = path.read_text(encoding="utf-8")
        assert _convert(text, name) == _opencc(name).convert(text), path


# CLEAN holds no stop and is long enough for the cheaper config; DIRTY holds 著.
CLEAN = "作為核心參數的生態保護補償機製" * 2
DIRTY = "協同融通作為著力點"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "\n\n",
        DIRTY,
        CLEAN,
        f"{CLEAN}\n",
        f"\n{CLEAN}",
        f"\n\n{CLEAN}\n\n",
        f"{CLEAN}\n{DIRTY}",
        f"{DIRTY}\n{CLEAN}",
        f"{DIRTY}\n{CLEAN}\n",
        f"{DIRTY}\n{CLEAN}\n{DIRTY}\n{DIRTY}\n{CLEAN}\n\n{CLEAN}",
        f"{CLEAN}\n\n{CLEAN}\n{DIRTY}\n為\n{CLEAN}\n著",
        f"{DIRTY}\n為\n著\n為\n{DIRTY}",
    ],
)
def test_convert_cuts_lines_at_the_edges(text: str) -> None:
    assert _convert(text, "tw2s") == _opencc("tw2s").convert(text)


def test_edge_texts_hold_lines_for_both_configs() -> None:
    shortcut = _shortcut("tw2s")
    assert shortcut is not None
    assert shortcut.head.fullmatch(CLEAN) is not None
    assert shortcut.lines.fullmatch(f"\n{CLEAN}\n") is not None
    assert shortcut.stops.search(DIRTY) is not None


@functools.cache
def _key_pieces(name: str) -> tuple[str, ...]:
    """Keys, their halves and their values from every dictionary ``name`` uses: text
    where first-stage keys, segmentation phrases and transparent characters meet."""
    table = config_table(name)
    pieces: set[str] = set()
    for spec in (*table.normalization, *table.chain):
        for dict_name in _spec_files(spec):
            for key, values in dictionary(dict_name).items():
                half = len(key) // 2
                pieces.update((key, values[0], key[:half], key[half:]))
    pieces.discard("")
    return tuple(sorted(pieces))


@st.composite
def _keyed_lines(draw: st.DrawFn, name: str) -> str:
    """Lines of dictionary pieces and seed clauses (Simplified and Traditional)."""
    source = st.one_of(
        st.sampled_from(_key_pieces(name)), clauses(), traditional_clauses(), st.just("，")
    )
    lines = draw(st.lists(st.lists(source, max_size=12).map("".join), min_size=1, max_size=6))
    return "\n".join(lines)


@given(st.sampled_from(SHORTCUT_CONFIGS).flatmap(lambda n: st.tuples(st.just(n), _keyed_lines(n))))
def test_convert_is_opencc_on_dictionary_text(case: tuple[str, str]) -> None:
    name, text = case
    shortcut = _shortcut(name)
    assert shortcut is not None
    assert _convert(text, name) == _opencc(name).convert(text)
    for line in text.split("\n"):
        if shortcut.stops.search(line) is None:
            assert _opencc(shortcut.config).convert(line) == _opencc(name).convert(line)


def test_stop_free_lines_are_most_of_the_traditional_corpus() -> None:
    # What the shortcut is for: on the s2tw variants (tw2s input as Taiwan writes it)
    # most lines go to t2s. Not a speed assertion; a shortcut that never fires is dead code.
    shortcut = _shortcut("tw2s")
    assert shortcut is not None
    lines = [
        line
        for path in sorted(CORPUS.glob("*/s2tw.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]
    free = [line for line in lines if shortcut.stops.search(line) is None]
    assert len(free) > len(lines) // 2


@pytest.mark.parametrize("name", ["tw2s", "t2s"])
def test_override_scanner_finds_what_its_pattern_finds_on_real_files(name: str) -> None:
    # The scanner looks only around its anchors, found by str.find; the plain scan of
    # its pattern is the reference.
    scanner = _builtin_scanner(name, True)
    assert scanner is not None and scanner.anchors is not None
    for path in REAL_FILES:
        text = path.read_text(encoding="utf-8")
        expected = [(m.span(), m.group()) for m in scanner.pattern.finditer(text)]
        assert [(m.span(), m.group()) for m in scanner.finditer(text)] == expected, path


# Round trips: singles that the whole chain gives back (tw2s: 核 -> 覈 -> 核) are left out
# of the gate, so lines holding them skip OpenCC. Plain OpenCC is the reference.
ROUND_TRIP_CONFIGS = [name for name in CONFIGS if _gate(name).round_trips]


def test_round_trips_come_from_the_tables() -> None:
    assert "tw2s" in ROUND_TRIP_CONFIGS
    # Configs built on the partly shipped STPhrases get none (a hidden phrase could keep 灶).
    assert not _gate("s2tw").round_trips
    round_trips = _gate("tw2s").round_trips
    assert set("核才群峰") <= round_trips
    assert round_trips.isdisjoint(_gate("tw2s").singles)
    # The first stage alone (tw2t) changes them; the whole chain gives them back.
    assert _opencc("tw2t").convert("核才群峰") == "覈纔羣峯"
    assert _opencc("tw2s").convert("核才群峰") == "核才群峰"
    # 么 goes to 幺 and stays there: a single like any other.
    assert "么" in _gate("tw2s").singles


@pytest.mark.parametrize("name", ROUND_TRIP_CONFIGS)
def test_round_trip_chars_convert_to_themselves_alone(name: str) -> None:
    for char in _gate(name).round_trips:
        assert _opencc(name).convert(char) == char


@pytest.mark.parametrize("name", ROUND_TRIP_CONFIGS)
def test_real_lines_passed_by_the_gate_are_unchanged(name: str) -> None:
    round_trips = _gate(name).round_trips
    checked = 0
    for path in REAL_FILES:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not round_trips.isdisjoint(line) and _unchanged(line, name):
                assert _opencc(name).convert(line) == line, (path, line)
                checked += 1
    if name == "tw2s":
        assert checked > 1000  # the Simplified corpus lines the round trips are for


@functools.cache
def _round_trip_pieces(name: str) -> tuple[str, ...]:
    """Round-trip characters, their other spellings in any of ``name``'s dictionaries
    (核 -> 覈), every key holding either, and those keys with the spellings written back
    as the round-trip character (a phrase of a later stage that would match 覈 where the
    text has 核)."""
    table = config_table(name)
    files = [d for spec in (*table.normalization, *table.chain) for d in _spec_files(spec)]
    back = {char: char for char in _gate(name).round_trips}
    for dict_name in files:
        for char in _gate(name).round_trips:
            back.update((c, char) for value in dictionary(dict_name).get(char, ()) for c in value)
    keys = {key for d in files for key in dictionary(d) if not back.keys().isdisjoint(key)}
    spelled_back = {key.translate(str.maketrans(back)) for key in keys}
    return tuple(sorted(back.keys() | keys | spelled_back))


@st.composite
def _round_trip_lines(draw: st.DrawFn, name: str) -> str:
    """Lines of round-trip pieces and Simplified seed clauses."""
    source = st.one_of(st.sampled_from(_round_trip_pieces(name)), clauses(), st.just("，"))
    lines = draw(st.lists(st.lists(source, max_size=10).map("".join), min_size=1, max_size=6))
    return "\n".join(lines)


@given(
    st.sampled_from(ROUND_TRIP_CONFIGS).flatmap(
        lambda n: st.tuples(st.just(n), _round_trip_lines(n))
    )
)
def test_gate_and_clean_lines_are_opencc_on_round_trip_text(case: tuple[str, str]) -> None:
    name, text = case
    expected = _opencc(name).convert(text)
    assert _plain_convert(text, name) == expected
    if _unchanged(text, name):
        assert expected == text
    for line in text.split("\n"):
        if _unchanged(line, name):
            assert _opencc(name).convert(line) == line


def test_simplified_corpus_text_with_round_trips_takes_the_fast_path() -> None:
    # What the round trips are for: a Simplified line holding 核 needs no OpenCC call.
    line = "核心的才能和群峰"
    assert _unchanged(line, "tw2s")
    assert _plain_convert(line, "tw2s") == _opencc("tw2s").convert(line) == line
