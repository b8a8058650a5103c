"""convert_script: seed regressions, configs, overrides, ambiguity, processes, properties."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import opencc
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, read_seed
from zhclean.edits import apply_edits, check_edits
from zhclean.pipeline import Pipeline
from zhclean.script import DEFAULT_CONFIG, convert_script, find_conversions
from zhclean.tables.script import CONFIGS, OVERRIDES, config_table

HAN = regex.compile(r"\p{Han}")
SEED_001 = read_seed("001")
SIMPLIFIED_SEEDS = [read_seed(p) for p in ("000", "002", "003", "004")]
CORPUS_VARIANTS = sorted(CORPUS.glob("*/s2t.txt")) + sorted(CORPUS.glob("*/s2tw.txt"))


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("同誌", "同志"),
        ("機製", "机制"),
        ("註重", "注重"),
        ("李幹傑", "李干杰"),
        ("著力點", "着力点"),
    ],
)
def test_seed_001_naive_conversions_are_undone(traditional: str, simplified: str) -> None:
    assert traditional in SEED_001
    out = convert_script(SEED_001)
    assert traditional not in out
    assert out.count(simplified) >= SEED_001.count(traditional)


def test_default_is_measured_config() -> None:
    assert DEFAULT_CONFIG == "tw2s"
    # t2s keeps 著 in 著力點: the reason the default is not t2s.
    assert convert_script("著力點", config="t2s", overrides={}) == "著力点"


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2twp", "s2hk", "t2tw", "jp2t", "tw2sp.json"])
def test_any_config_equals_opencc(config: str) -> None:
    text = SEED_001 if config[0] != "s" else read_seed("000")
    expected = opencc.OpenCC(config.removesuffix(".json")).convert(text)
    assert convert_script(text, config=config, fixes=False) == expected


@pytest.mark.parametrize("config", CONFIGS)
def test_edits_reproduce_opencc_on_seed_and_corpus(config: str) -> None:
    texts = [SEED_001, read_seed("000")] + [
        p.read_text(encoding="utf-8") for p in CORPUS_VARIANTS[:6]
    ]
    converter = opencc.OpenCC(config)
    for text in texts:
        edits = find_conversions(text, config=config, fixes=False)
        check_edits(edits, len(text))
        assert apply_edits(text, edits) == converter.convert(text)
        assert all(e.reason == config for e in edits)


def test_length_changing_phrase_gets_one_span() -> None:
    edits = find_conversions("記憶體不足", config="tw2sp")
    assert edits[0].start == 0 and edits[0].end == 3 and edits[0].replacement == "内存"


def test_unknown_config_lists_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown OpenCC config 'x2y'.*t2s.*tw2s"):
        convert_script("長江", config="x2y")


def test_user_overrides_win_longest_first() -> None:
    assert (
        convert_script("協同著力點", config="t2s", overrides={"著力點": "着力点"}) == "协同着力点"
    )
    both = {"著力": "XX", "著力點": "着力点"}
    assert convert_script("著力點", overrides=both) == "着力点"


@pytest.mark.parametrize("config", sorted(OVERRIDES))
def test_override_table_fixes_corpus_cases(config: str) -> None:
    assert convert_script("基於單元和想像", config=config) == "基于单元和想象"


def test_ambiguity_flags_single_character_guesses_only() -> None:
    (alone,) = find_conversions("著")
    assert alone.ambiguous and alone.replacement == "着"
    assert find_conversions("著作") == []  # the phrase 著作 decided: nothing to change
    # No OpenCC dictionary has 著力點: tw2s guesses 着 right, but it is still a guess...
    guessed = find_conversions("著力點")
    assert [(e.replacement, e.ambiguous) for e in guessed] == [("着", True), ("点", False)]
    # ...until a phrase decides it.
    assert not any(e.ambiguous for e in find_conversions("著力點", overrides={"著力點": "着力点"}))
    assert [e.ambiguous for e in find_conversions("乾")] == [True]
    assert not any(e.ambiguous for e in find_conversions("乾隆", config="t2s"))
    assert [(e.replacement, e.ambiguous) for e in find_conversions("发", config="s2t")] == [
        ("發", True)
    ]
    assert not any(e.ambiguous for e in find_conversions("長江"))


def _clean_one(args: tuple[Pipeline, str]) -> str:
    pipeline, text = args
    return pipeline(text)


def test_pipeline_with_convert_script_pickles_and_runs_in_spawned_pool() -> None:
    pipeline = Pipeline(("convert_script", {"config": "tw2s"}))
    assert pickle.loads(pickle.dumps(pipeline)) == pipeline
    lines = SEED_001.splitlines()[:8]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        out = pool.map(_clean_one, [(pipeline, line) for line in lines])
    assert out == [convert_script(line) for line in lines]


@pytest.mark.parametrize("index", range(len(SIMPLIFIED_SEEDS)))
def test_simplified_seeds_unchanged(index: int) -> None:
    assert find_conversions(SIMPLIFIED_SEEDS[index]) == []


def test_corpus_variants_come_back(tmp_path: Path) -> None:
    for path in CORPUS_VARIANTS:
        clean = (path.parent / "clean.txt").read_text(encoding="utf-8")
        assert convert_script(path.read_text(encoding="utf-8")) == clean, path


SEED_CHARS = sorted(set(SEED_001 + read_seed("000")) - {"\r"})
seed_text = st.text(
    alphabet=st.sampled_from(SEED_CHARS + list("著乾瞭發后干於單想像 ab12")), max_size=80
)
seed_slices = st.integers(0, len(SEED_001)).map(lambda i: SEED_001[i : i + 120])
texts = st.one_of(seed_text, seed_slices)


@given(texts)
def test_idempotent(text: str) -> None:
    once = convert_script(text)
    assert convert_script(once) == once


@given(texts)
def test_output_has_no_traditional(text: str) -> None:
    out = convert_script(text)
    assert opencc.OpenCC("t2s").convert(out) == out


@given(texts, st.sampled_from(["t2s", "tw2s", "hk2s", "s2t", "s2tw", "t2tw"]))
def test_one_to_one_configs_keep_han_count_and_ascii(text: str, config: str) -> None:
    assert not config_table(config).length_changing
    out = convert_script(text, config=config, overrides={})
    assert len(HAN.findall(out)) == len(HAN.findall(text))
    assert regex.findall(r"[A-Za-z0-9]+", out) == regex.findall(r"[A-Za-z0-9]+", text)


@given(texts)
def test_fast_path_is_exact(text: str) -> None:
    if config_table(DEFAULT_CONFIG).changeable.isdisjoint(text):
        assert opencc.OpenCC(DEFAULT_CONFIG).convert(text) == text


def test_lone_surrogates_pass_through_around_opencc() -> None:
    # Found by the fuzzer: b"\x80\xe9\xa0\xab" decoded with surrogateescape gave
    # UnicodeEncodeError inside OpenCC, which encodes its input as strict UTF-8.
    text = b"\x80\xe9\xa0\xab\xe9\x95\xb7".decode("utf-8", "surrogateescape")
    assert convert_script(text) == "\udc80𫖯长"
    assert apply_edits(text, find_conversions(text)) == convert_script(text)


@pytest.mark.parametrize("text", ["真么做", "么", "么儿", "这么做，要么不做"])
def test_simplified_me_is_not_turned_into_yao(text: str) -> None:
    # tw2s reverses the Taiwan variant 么 -> 幺, but 么 is also the Simplified 麼: cleaning
    # Simplified text changed it, and a second clean changed it again (held-out
    # debref-ch02-long, "真么做" -> "真幺做").
    assert convert_script(text) == text
    assert convert_script("這麼做") == "这么做"


@pytest.mark.parametrize("text", ["显著地改善了速度", "著名的著作", "鸿篇巨著"])
def test_simplified_phrases_keeping_zhu_survive_the_default(text: str) -> None:
    # held-out debref-ch12-1: "显著" came back as "显着" on a second clean, because tw2s
    # keeps 著 only in the Traditional spelling of the phrase (顯著).
    assert convert_script(text) == text
    assert convert_script(convert_script("顯著地改善")) == "显著地改善"
    assert convert_script("協同融通作為著力點") == "协同融通作为着力点"


# Astral characters: the fast path tests BMP characters with one regex class and leaves
# astral ones (emoji, CJK Extension B such as 𠁞 -> 𠀾) to the character set; an emoji
# before an astral Traditional character must not hide it.
astral_text = st.text(
    alphabet=st.sampled_from(SEED_CHARS[:200] + list("😀🀄𝐀𠁞𠌥𠀾著乾覆瞭解")), max_size=60
)


@given(st.one_of(texts, astral_text), st.sampled_from(["tw2s", "t2s", "s2t", "hk2s"]))
def test_plain_conversion_is_opencc_with_astral_characters(text: str, config: str) -> None:
    assert convert_script(text, config=config, fixes=False) == opencc.OpenCC(config).convert(text)


def test_emoji_before_astral_traditional_character_is_converted() -> None:
    assert convert_script("😀𠁞", fixes=False) == "😀𠀾"
    assert convert_script("𝐀著力點😀𠌥") == "𝐀着力点😀𠆿"


def _reference_overrides(text: str, overrides: dict[str, str], config: str) -> str:
    """The documented meaning: phrases replaced first, longest first, OpenCC between."""
    keys = sorted(overrides, key=lambda k: (-len(k), k))
    pattern = regex.compile("|".join(regex.escape(k) for k in keys))
    converter = opencc.OpenCC(config)
    parts: list[str] = []
    position = 0
    for found in pattern.finditer(text):
        parts.append(converter.convert(text[position : found.start()]))
        parts.append(overrides[found.group()])
        position = found.end()
    parts.append(converter.convert(text[position:]))
    return "".join(parts)


# Keys drawn from the seed itself (2-5 characters) so they overlap, nest and abut; a dozen
# of them need more anchors than the windowed scan takes, exercising the plain scan too.
override_keys = st.integers(0, len(SEED_001) - 5).flatmap(
    lambda i: st.integers(1, 5).map(lambda n: SEED_001[i : i + n])
)
user_overrides = st.dictionaries(
    override_keys.filter(lambda k: "\r" not in k), st.sampled_from(["X", "", "长长"]), max_size=12
).filter(bool)


@given(user_overrides, st.integers(0, len(SEED_001)), st.integers(1, 600))
def test_user_overrides_match_the_documented_scan(
    overrides: dict[str, str], start: int, length: int
) -> None:
    text = SEED_001[start : start + length]
    expected = _reference_overrides(text, overrides, "tw2s")
    assert convert_script(text, overrides=overrides, fixes=False) == expected
    assert apply_edits(text, find_conversions(text, overrides=overrides, fixes=False)) == expected


# Mixed documents: OpenCC is skipped on runs of two or more lines holding nothing it could
# change, so lines are drawn from Simplified seeds, Traditional corpus variants (s2t) and
# seed 001 (Simplified with stray Traditional characters), and joined in any order.
MIXED_LINES = sorted(
    {
        line
        for text in (
            SEED_001,
            read_seed("000"),
            *(path.read_text(encoding="utf-8") for path in CORPUS_VARIANTS[:3]),
        )
        for line in text.splitlines()
        if line.strip()
    }
)
mixed_documents = st.lists(
    st.one_of(st.sampled_from(MIXED_LINES), st.sampled_from(["", " ", "😀𠁞", "反覆"])),
    max_size=30,
).flatmap(lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda end: end.join(lines)))


@given(mixed_documents, st.sampled_from(["tw2s", "t2s", "hk2s", "tw2sp"]))
def test_mixed_documents_are_converted_as_opencc_does(text: str, config: str) -> None:
    assert convert_script(text, config=config, fixes=False) == opencc.OpenCC(config).convert(text)


def test_traditional_paragraph_among_simplified_ones() -> None:
    simplified = "\n".join(SIMPLIFIED_SEEDS[0].splitlines()[:6])
    # 反覆 changes though neither 反 nor 覆 does alone: its line must reach OpenCC too.
    text = f"{simplified}\n協同融通\n{simplified}\n反覆思考\n{simplified}"
    expected = opencc.OpenCC(DEFAULT_CONFIG).convert(text)
    assert "协同融通" in expected and "反复思考" in expected
    assert convert_script(text, fixes=False) == expected
