"""Offsets: every output character maps back to an input character the steps turned into it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhclean
from tests.conftest import read_seed
from tests.strategies import documents, noise
from tests.test_report import READY_STEPS, USER_STEPS, implemented
from zhclean.pipeline import PRESETS, Pipeline, preset
from zhclean.tables.punctuation import ASCII_TO_FULL, QUOTES
from zhclean.tables.script import _all_dictionaries, dictionary

EXTRA_NOISE = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\n \n", "\r\n", "\u3000", "\t", ",", ";", "...", '"', "'",
     "（", "(", "１２", "ＡＢ", "-", "\u200b", "\ufeff", "- 12 -", "第3页", "\n3\n"]
)  # fmt: skip

TRADITIONAL = st.sampled_from(
    ["長江經濟帶", "乾淨", "著名", "頭髮", "後來", "瞭解", "同誌們", "李幹傑"]
)


@st.composite
def noisy_documents(draw: st.DrawFn) -> str:
    """Seed text with emoji, Traditional, ASCII punctuation, spaces and line breaks spliced in."""
    text = draw(documents())
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(EXTRA_NOISE, noise(), TRADITIONAL))
        text = text[:at] + piece + text[at:]
    return text


@lru_cache(maxsize=1)
def script_pairs() -> frozenset[tuple[str, str]]:
    """(from, to) character pairs that OpenCC's own dictionaries allow, both directions,
    including the aligned characters of equal-length phrase entries."""
    pairs: set[tuple[str, str]] = set()
    for name in _all_dictionaries():
        for key, candidates in dictionary(name).items():
            for value in candidates:
                if len(key) == len(value):
                    pairs.update(zip(key, value, strict=True))
                    pairs.update(zip(value, key, strict=True))
    return frozenset(pairs)


PUNCTUATION_PAIRS = (
    {(ascii_, full) for ascii_, full in ASCII_TO_FULL.items()}
    | {(straight, curly) for straight, left, right in QUOTES for curly in (left, right)}
    | {(".", "…"), (".", "。"), ("…", "…"), ("-", "—"), ("~", "～")}
)


def counterparts(source: str, target: str) -> bool:
    """Whether a step may turn ``source`` into ``target`` (one character each)."""
    if source == target:
        return True
    if source.isspace() or unicodedata.category(source) in ("Cf", "Cc"):
        return target.isspace()  # a joined line break, a normalized space
    if unicodedata.normalize("NFKC", source) == unicodedata.normalize("NFKC", target):
        return True  # width folding
    return (source, target) in PUNCTUATION_PAIRS or (source, target) in script_pairs()


def check_offsets(text: str, pipeline: Pipeline) -> None:
    out, offsets = zhclean.clean_with_offsets(text, pipeline)
    assert out == pipeline(text)
    assert len(offsets) == len(out)
    assert all(0 <= i < len(text) for i in offsets)
    bad = [
        (j, out[j], text[offsets[j]])
        for j in range(len(out))
        if not counterparts(text[offsets[j]], out[j])
    ]
    assert not bad, (bad[:5], pipeline)
    line_start = 0
    for j, char in enumerate(out):
        if char == "\n":
            line_start = j + 1
        elif j > line_start:
            assert offsets[j] >= offsets[j - 1], (j, out[line_start : j + 1], pipeline)


# The user steps that only substitute or delete characters (an insertion maps to the
# character after it, which no relation can predict).
SUBSTITUTING = [step for step in USER_STEPS if step.__name__ != "add_full_stop"]


def sub_pipelines() -> st.SearchStrategy[Pipeline]:
    steps = st.sampled_from([*SUBSTITUTING, *READY_STEPS])
    return st.lists(steps, min_size=1, max_size=6).map(lambda s: Pipeline(*s))


@given(noisy_documents(), sub_pipelines())
def test_offsets_of_random_sub_pipelines(text: str, pipeline: Pipeline) -> None:
    check_offsets(text, pipeline)


@pytest.mark.parametrize("name", ["default", *PRESETS])
@given(text=noisy_documents())
def test_offsets_of_every_preset(name: str, text: str) -> None:
    pipeline = preset(name)
    missing = [step for step in pipeline.step_names if not implemented(step)]
    if missing:
        pytest.skip(f"steps not landed yet: {', '.join(missing)}")
    check_offsets(text, pipeline)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_offsets_of_cleaned_seeds(seed: str) -> None:
    check_offsets(read_seed(seed), zhclean.DEFAULT)


def test_cleaned_seed_002_maps_back_to_the_same_characters() -> None:
    raw = read_seed("002")
    out, offsets = zhclean.clean_with_offsets(raw)
    changed: set[int] = set()
    for change in zhclean.explain(raw):
        changed.update(range(change.start, max(change.end, change.start + 1)))
    moved = [(j, out[j], raw[offsets[j]]) for j in range(len(out)) if out[j] != raw[offsets[j]]]
    assert all(raw_index in changed for raw_index in (offsets[j] for j, _, _ in moved)), moved[:5]
    same = len(out) - len(moved)
    assert same / len(out) > 0.99, moved[:20]  # seed 002 is Simplified: almost nothing is converted


def test_offsets_survive_an_annotation_span() -> None:
    # An NER span on the raw text finds the same name in the cleaned text.
    raw = read_seed("002")
    name = "习近平"
    start = raw.index(name)
    out, offsets = zhclean.clean_with_offsets(raw)
    first = offsets.index(start)
    assert out[first : first + len(name)] == name
