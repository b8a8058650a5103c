"""The seeds' own acceptance checks (issues 3 and 4): what a user sees first."""

from __future__ import annotations

from collections import Counter

import emoji
import opencc
import pytest
import regex

import zhclean
from tests.conftest import read_seed

T2S = opencc.OpenCC("t2s.json")
WHITESPACE = regex.compile(r"\s+")
PICTOGRAPHIC = regex.compile(
    r"\p{Extended_Pictographic}|[\U00013000-\U0001342F\U0001F0A0-\U0001F0FF✢⇨]"
)


def body(cleaned: str, start: str = "中共中央总书记") -> str:
    """The article body: from its first words to the end, whitespace removed."""
    text = WHITESPACE.sub("", cleaned)
    return text[text.index(start) :]


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    return {
        prefix: zhclean.clean(read_seed(prefix)) for prefix in ("000", "001", "002", "003", "004")
    }


def test_seed_001_has_no_emoji_symbol_noise_or_traditional_left(cleaned: dict[str, str]) -> None:
    out = cleaned["001"]
    assert emoji.emoji_count(out) == 0
    assert not PICTOGRAPHIC.search(out)
    assert T2S.convert(out) == out
    assert "\u200d" not in out and "\ufe0f" not in out


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("同誌", "同志"),
        ("機製", "机制"),
        ("註重", "注重"),
        ("李幹傑", "李干杰"),
        ("著力點", "着力点"),
    ],
)
def test_seed_001_naive_conversions_are_fixed(
    cleaned: dict[str, str], wrong: str, right: str
) -> None:
    assert wrong in read_seed("001")
    assert right in cleaned["001"]


def test_seeds_001_and_002_give_the_same_article_body(cleaned: dict[str, str]) -> None:
    assert body(cleaned["001"]) == body(cleaned["002"])


def test_seeds_001_and_002_give_the_same_paragraphs(cleaned: dict[str, str]) -> None:
    def paragraphs(text: str) -> list[str]:
        lines = [WHITESPACE.sub("", line) for line in text.split("\n")]
        start = next(i for i, line in enumerate(lines) if line.startswith("中共中央总书记"))
        return [line for line in lines[start:] if line]

    assert paragraphs(cleaned["001"]) == paragraphs(cleaned["002"])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_a_cleaned_seed_changes_nothing(cleaned: dict[str, str], prefix: str) -> None:
    assert zhclean.clean(cleaned[prefix]) == cleaned[prefix]


def test_seed_000_loses_no_character_but_whitespace(cleaned: dict[str, str]) -> None:
    before = Counter(WHITESPACE.sub("", read_seed("000")))
    after = Counter(WHITESPACE.sub("", cleaned["000"]))
    assert after == before


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_simplified_seeds_keep_their_han_except_reported_removals(prefix: str) -> None:
    raw = read_seed(prefix)
    han = regex.compile(r"\p{Han}")
    removed = Counter(
        ch
        for change in zhclean.explain(raw)
        if change.reason not in ("t2s", "tw2s")
        for ch in han.findall(change.removed)
        if not han.findall(change.inserted)
    )
    lost = Counter(han.findall(raw)) - Counter(han.findall(zhclean.clean(raw)))
    assert lost == removed, (lost, removed)


def test_seed_004_captions_are_removed_and_reported() -> None:
    raw = read_seed("004")
    out = zhclean.clean(raw)
    assert "占规上工业比重达到28.9%。" in out
    assert "立足大城市、大农村、大山区" in out
    captions = [c.removed.strip() for c in zhclean.explain(raw) if c.reason == "caption"]
    assert "蓝庆华" in captions and "路伟" in captions


def test_already_clean_output_of_every_seed_is_one_paragraph_per_line(
    cleaned: dict[str, str],
) -> None:
    for out in cleaned.values():
        assert "\n\n" not in out
        assert all(line == line.strip() for line in out.split("\n"))
