"""Invariants of the default pipeline, on inputs built from the seeds' text and noise."""

from __future__ import annotations

from collections import Counter

import emoji
import opencc
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import zhclean
from tests.strategies import PROTECTED_ASCII, clauses, documents, han, paragraphs

T2S = opencc.OpenCC("t2s.json")
ASCII_PUNCT_BETWEEN_HAN = regex.compile(r"\p{Han}[,;?!]\p{Han}")
PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")


@given(documents())
@example("習近平強調,要堅持創新引領發展🎉。")
# found by hypothesis: the ASCII commas, full width after the join, made lines wider on
# the second clean, which then joined them
@example("中共中央政治局常委,\n##↩️。\n##。全市累计发展柑橘、\n##↩️，")
@example(
    "##↩️，\n##，##↩️，为构建新发展格局提供战略支撑↩️，保持共抓大保护的战略定力↩️，\n"
    "促融合，促进数字经济和实体经济↩️，实的作风，平台化路径,要讲话，\n##，"
)
def test_clean_is_idempotent(text: str) -> None:
    once = zhclean.clean(text)
    assert zhclean.clean(once) == once


@given(documents())
def test_output_has_no_emoji_no_traditional_no_ascii_punctuation_between_han(text: str) -> None:
    out = zhclean.clean(text)
    assert emoji.emoji_count(out) == 0, out
    assert not PICTOGRAPHIC.search(out), out
    assert T2S.convert(out) == out
    assert not ASCII_PUNCT_BETWEEN_HAN.search(out), out


@given(st.lists(paragraphs(), min_size=1, max_size=4))
def test_every_han_character_survives_after_conversion(paras: list[str]) -> None:
    # One paragraph per line: nothing here is page furniture or a caption, so nothing
    # Han may go (conversion may only change a character, never drop one).
    text = "\n".join(paras)
    assert Counter(han(zhclean.clean(text))) == Counter(han(T2S.convert(text)))


#: Control characters that binary junk, broken encodings and some extractors leave in text
#: (no real tool output in the corpus has one, so they are drawn here, not from the seeds).
CONTROLS = st.sampled_from(["\x00", "\x01", "\x08", "\x0e", "\x19", "\x1b", "\x7f", "\x9b"])


@given(st.lists(st.tuples(paragraphs(), CONTROLS, st.integers(0, 60)), min_size=1, max_size=4))
@example([("習近平強調", "\x00", 2)])
def test_control_characters_never_cost_a_han_character(
    cases: list[tuple[str, str, int]],
) -> None:
    # OpenCC's C API read its input up to the first NUL: everything after it was lost
    # (found by the idempotence fuzzer: "重庆高新区党工\x00…量发展再次作" lost 量发展再次作).
    text = "\n".join(para[:cut] + control + para[cut:] for para, control, cut in cases)
    assert Counter(han(zhclean.clean(text))) == Counter(han(T2S.convert(text)))


@given(documents(traditional=False, with_noise=False))
def test_clean_simplified_text_is_a_fixed_point_up_to_punctuation(text: str) -> None:
    out = zhclean.clean(text)
    assert han(out) == han(text)


@given(clauses(), st.sampled_from(PROTECTED_ASCII), clauses())
def test_ascii_inside_numbers_and_latin_words_survives(
    left: str, ascii_run: str, right: str
) -> None:
    out = zhclean.clean(f"{left}{ascii_run}{right}。")
    assert ascii_run in out, out
