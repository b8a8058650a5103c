"""strip_symbols: seed 001's broken emoji, the allow-list, keycaps, flags, tags, properties."""

from __future__ import annotations

from pathlib import Path

import emoji
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, read_seed
from tests.strategies import seed_clauses
from zhclean.edits import apply_edits, check_edits
from zhclean.pipeline import STEPS
from zhclean.symbols import find_symbols, strip_symbols
from zhclean.tables.symbols import ALLOWED_SYMBOLS, DEFAULT_TABLES, build_tables

SEED_001 = read_seed("001")
REASONS = {"emoji", "emoji component", "symbol"}
PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
# Components that are never text on their own (digits, # and * are components too).
COMPONENT = regex.compile(r"[\p{Emoji_Component}--[0-9#*\u200D]]", regex.V1)
# The non-emoji noise seed 001 carries: hieroglyphs, a playing card, a dingbat, a white arrow.
SEED_NOISE = "𓀁𓀛🂠✢⇨"
KEYCAP = regex.compile(r"[0-9#*]\ufe0f?\u20e3")


# Each phrase is cut from seed 001 as it is; the expected text is the phrase
# without its emoji or symbol.
@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("近8年來🙅🏼♀️,沿江", "近8年來,沿江"),  # skin tone + lone ♀ + VS16, ZWJ gone
        ("發展⛹🏻♂️,更好", "發展,更好"),  # VS16-less base + skin tone + ♂
        ("態優先🤼♀️🚷、綠", "態優先、綠"),
        ("劃定👩🏽🦱🧎🏻,必", "劃定,必"),  # hair component left after a ZWJ was removed
        ("、減汙🚶♀️➡️、", "、減汙、"),  # ♀ then an emoji-style arrow with VS16
        ("政隆🧎🏻♀️➡️👨", "政隆"),
        ("本領*️⃣👨🏻🌾。要引", "本領。要引"),  # keycap, then a farmer with its ZWJ removed
        ("之勢🧛🏻👩🏿🔬、行長久", "之勢、行長久"),
        ("主席🏋️、中央", "主席、中央"),
        ("發展㊙️,根本", "發展,根本"),
        ("環境↩️。要", "環境。要"),
        ("現代化⬅️。", "現代化。"),
        ("引領𓀁,統籌", "引領,統籌"),
        ("支撐𓀛。在產業", "支撐。在產業"),
        ("水平✢。深化", "水平。深化"),
        ("互補⇨、深度", "互補、深度"),
        ("投入🂠,發揮", "投入,發揮"),
        ("尹弘🖲、上海", "尹弘、上海"),  # text-presentation pictograph without VS16
    ],
)
def test_seed_001_broken_sequences(phrase: str, expected: str) -> None:
    assert phrase in SEED_001
    assert strip_symbols(phrase) == expected
    edits = find_symbols(phrase)
    assert edits and {e.reason for e in edits} <= REASONS


def test_seed_001_keeps_every_text_character() -> None:
    cleaned = strip_symbols(SEED_001)
    text = regex.compile(r"[\p{Han}\p{P}\p{Latin}\s]")
    assert text.findall(cleaned) == text.findall(KEYCAP.sub("", SEED_001))
    # Its digits are the date and the years ("12日", "近8年來"), not keycaps.
    assert regex.findall(r"\d", cleaned) == ["1", "2", "8"]
    assert not PICTOGRAPHIC.search(cleaned)
    assert not COMPONENT.search(cleaned)
    assert not any(c in cleaned for c in SEED_NOISE)


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_clean_seeds_unchanged(prefix: str) -> None:
    seed = read_seed(prefix)
    assert find_symbols(seed) == []
    assert strip_symbols(seed) is seed


def test_byline_square_of_seed_004_stays() -> None:
    phrase = "□本报记者 夏元"
    assert phrase in read_seed("004")
    assert strip_symbols(phrase) == phrase


@pytest.mark.parametrize("symbol", sorted(ALLOWED_SYMBOLS))
def test_allowed_symbol_survives(symbol: str) -> None:
    text = f"气温{symbol}上升，{symbol}"
    assert strip_symbols(text) == text


def test_allowed_emoji_character_with_vs16_is_emoji() -> None:
    # ©️ ♀️ ‼️ ask for emoji presentation: that is emoji injection, not text.
    assert strip_symbols("版权©️所有，©2023") == "版权所有，©2023"
    assert strip_symbols("雌性♀️，雄性♂") == "雌性，雄性♂"
    assert strip_symbols("注意‼️重要‼") == "注意重要‼"


def test_gender_sign_after_emoji_goes_with_it() -> None:
    assert strip_symbols("跑步🏃♀，雌♀") == "跑步，雌♀"
    assert strip_symbols("跑步🏃🏽♂") == "跑步"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第1️⃣点", "第点"),
        ("第#️⃣号", "第号"),
        ("第*️⃣项", "第项"),
        ("第1⃣点", "第点"),  # keycap without its VS16
        ("共12️⃣个", "共1个"),  # only the keycap's own digit goes
        ("近8️年", "近8年"),  # orphan VS16 after a digit: the digit stays
        ("第1、2条，#include，a*b=3", "第1、2条，#include，a*b=3"),
        ("10:30，4.44%，2.4:1，#1 *2", "10:30，4.44%，2.4:1，#1 *2"),
    ],
)
def test_keycaps_never_plain_digits(text: str, expected: str) -> None:
    assert strip_symbols(text) == expected


def test_flags_and_regional_indicators() -> None:
    assert find_symbols("中国🇨🇳队") == [find_symbols("中国🇨🇳队")[0]]
    (edit,) = find_symbols("中国🇨🇳队")
    assert (edit.start, edit.end, edit.reason) == (2, 4, "emoji")
    assert strip_symbols("中国🇨🇳🇯🇵队") == "中国队"
    (lone,) = find_symbols("中🇨国")
    assert lone.reason == "emoji component"
    assert strip_symbols("中🇨国") == "中国"


def test_tag_sequences() -> None:
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert scotland in emoji.EMOJI_DATA
    (edit,) = find_symbols(f"苏格兰{scotland}队")
    assert (edit.start, edit.end, edit.reason) == (3, 3 + len(scotland), "emoji")
    # Tag characters whose black flag was lost are orphans.
    assert strip_symbols("苏格兰" + scotland[1:] + "队") == "苏格兰队"


def test_zero_width_joiner() -> None:
    assert strip_symbols("中\u200d国") == "中国"  # between Han: an orphan
    devanagari = "क्\u200dष"  # a ZWJ that shapes the conjunct is text
    assert strip_symbols(devanagari) == devanagari
    assert strip_symbols("👩\u200d🔬研究") == "研究"


def test_spaces_are_left_to_the_whitespace_step() -> None:
    assert strip_symbols("你好 🎉 世界") == "你好  世界"
    assert strip_symbols("🎉 第一段\n🇨🇳第二段") == " 第一段\n第二段"


def test_options() -> None:
    assert strip_symbols("版权©所有", allow="") == "版权所有"
    assert strip_symbols("▶ 相关阅读", keep="▶") == "▶ 相关阅读"
    assert strip_symbols("▶ 相关阅读") == " 相关阅读"
    assert strip_symbols("※注：□本报", remove="※") == "注：□本报"
    (edit,) = find_symbols("※注", remove="※")
    assert edit.reason == "symbol"
    assert strip_symbols("𓀁引领", allow="𓀁") == "𓀁引领"
    with pytest.raises(ValueError, match="single characters"):
        strip_symbols("x", keep=["ab"])


def test_step_is_registered_with_its_options() -> None:
    assert STEPS["strip_symbols"].options() == ("allow", "keep", "remove")


@pytest.mark.parametrize("broken", [False, True])
def test_every_emoji_of_the_emoji_package_is_removed(broken: bool) -> None:
    # emoji.txt in the corpus injects these, whole or with every ZWJ removed.
    for key, data in emoji.EMOJI_DATA.items():
        sample = key.replace("\u200d", "") if broken else key
        out = strip_symbols(f"中{sample}文")
        if data["status"] == emoji.STATUS["unqualified"] and key in ALLOWED_SYMBOLS:
            # The bare © ™ ↗ ♀ … are text; only their VS16 forms are emoji.
            assert out == f"中{key}文"
        else:
            assert out == "中文", ascii(sample)


def _corpus_docs() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if (p / "emoji.txt").is_file())


@pytest.mark.skipif(not _corpus_docs(), reason="shared corpus not present")
@pytest.mark.parametrize(("dirty", "clean"), [("emoji", "clean"), ("s2tw-emoji", "s2tw")])
def test_corpus_emoji_variants_come_back_exactly(dirty: str, clean: str) -> None:
    for doc in _corpus_docs():
        original = (doc / f"{clean}.txt").read_text(encoding="utf-8")
        assert strip_symbols((doc / f"{dirty}.txt").read_text(encoding="utf-8")) == original
        assert find_symbols(original) == []


# --- properties --------------------------------------------------------------

EMOJI_KEYS = sorted(emoji.EMOJI_DATA)
PIECES = st.one_of(
    st.sampled_from(seed_clauses()),
    st.sampled_from(EMOJI_KEYS),
    st.sampled_from(EMOJI_KEYS).map(lambda k: k.replace("\u200d", "")),
    st.sampled_from(sorted(set(SEED_NOISE))),
    st.sampled_from(sorted(ALLOWED_SYMBOLS)),
    st.sampled_from(
        ["\u200d", "\ufe0f", "\ufe0e", "\u20e3", "🏻", "🦱", "♀", "♂", "🇨", "\U000e0067"]
    ),
    st.sampled_from(["1", "#", "*", "12", " ", "\n", "，", "。", "、", "क्", "ष"]),
)
TEXTS = st.lists(PIECES, max_size=24).map("".join)
OPTIONS = st.sampled_from(
    [{}, {"allow": ""}, {"keep": "▶☑"}, {"remove": "※□"}, {"allow": "→", "remove": "℃"}]
)


@given(TEXTS, OPTIONS)
def test_idempotent(text: str, options: dict[str, str]) -> None:
    once = strip_symbols(text, **options)
    assert strip_symbols(once, **options) == once


@given(TEXTS, OPTIONS)
def test_find_apply_consistency(text: str, options: dict[str, str]) -> None:
    edits = find_symbols(text, **options)
    check_edits(edits, len(text))
    assert all(e.replacement == "" and e.reason in REASONS for e in edits)
    assert strip_symbols(text, **options) == apply_edits(text, edits)


@given(TEXTS, OPTIONS)
def test_runs_scan_equals_a_whole_text_scan(text: str, options: dict[str, str]) -> None:
    allow = frozenset(options.get("allow", ALLOWED_SYMBOLS)) | frozenset(options.get("keep", ""))
    tables = (
        build_tables(allow, frozenset(options.get("remove", ""))) if options else DEFAULT_TABLES
    )
    whole = [(m.start(), m.end()) for m in tables.pattern.finditer(text)]
    assert [(e.start, e.end) for e in find_symbols(text, **options)] == whole


@given(TEXTS)
def test_no_emoji_survives(text: str) -> None:
    out = strip_symbols(text)
    for match in PICTOGRAPHIC.finditer(out):
        # Only an allowed symbol in text presentation may remain.
        assert match.group() in ALLOWED_SYMBOLS
        assert out[match.end() : match.end() + 1] != "\ufe0f"
    assert not COMPONENT.search(out)
    assert not any(c in out for c in SEED_NOISE)


TEXT_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9#*\s，。、；：？！“”《》（）]")


@given(TEXTS)
def test_every_text_character_survives(text: str) -> None:
    # Han, ASCII letters and digits, CJK punctuation: all stay, in order, except
    # the base of a keycap, which is part of the emoji.
    expected = TEXT_CHAR.findall(KEYCAP.sub("", text))
    assert TEXT_CHAR.findall(strip_symbols(text)) == expected
