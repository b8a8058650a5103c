"""strip_markup: seed 003's heading markers, the clean corpus, and properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS, read_seed
from tests.strategies import clauses, han
from zhclean.edits import Edit, apply_edits, check_edits
from zhclean.markup import _HEADING, find_markup, strip_markup

CLEAN_FILES = sorted(CORPUS.glob("*/clean.txt"))


@pytest.mark.parametrize(
    ("dirty", "expected"),
    [
        ("# 推动长三角一体化发展取得新的重大突破", "推动长三角一体化发展取得新的重大突破"),
        (
            "## 中央宣传部授予宝塔消防救援站“时代楷模”称号",
            "中央宣传部授予宝塔消防救援站“时代楷模”称号",
        ),
        ("### 二级标题 ###", "二级标题"),
        ("  # 缩进的标题", "缩进的标题"),
        ("正文\n# 标题\n正文", "正文\n标题\n正文"),
    ],
)
def test_heading_markers_go(dirty: str, expected: str) -> None:
    assert strip_markup(dirty) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "#include <stdio.h>",
        "#!/bin/sh",
        "#1 号文件",
        "#话题# 长江经济带",
        "#",
        "####### 七个井号不是标题",
        "使用 # 注释",
        "按 <return> 向下滚动",
        "R&D（研究与试验发展）",
        "<foo>_<版本号>-<Debian 修订版本号>_<Debian 架构>.deb",
    ],
)
def test_other_hashes_and_content_stay(kept: str) -> None:
    assert strip_markup(kept) == kept


def test_seed_003_loses_exactly_its_two_heading_markers() -> None:
    text = read_seed("003")
    edits = find_markup(text)
    assert [text[e.start : e.end] for e in edits] == ["# ", "## "]
    out = strip_markup(text)
    assert out.count("\n") == text.count("\n")
    assert "推动长三角一体化发展取得新的重大突破" in out and "#" not in out


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda p: p.parent.name)
def test_clean_corpus_is_unchanged(path: Path) -> None:
    assert find_markup(path.read_text(encoding="utf-8")) == []


@st.composite
def marked_lines(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        prefix = draw(st.sampled_from(["", "# ", "## ", "###### ", "#", "# # ", "  ## ", "#!"]))
        suffix = draw(st.sampled_from(["", " #", " ##", "#"]))
        lines.append(prefix + draw(clauses()) + suffix)
    return "\n".join(lines)


@given(marked_lines())
def test_idempotent_consistent_and_lossless(text: str) -> None:
    edits = find_markup(text)
    check_edits(edits, len(text))
    out = strip_markup(text)
    assert out == apply_edits(text, edits)
    assert strip_markup(out) == out
    assert han(out) == han(text)
    assert out.count("\n") == text.count("\n")


def _every_line_start(text: str) -> list[Edit]:
    """The definition ``find_markup`` visits fewer lines of: the pattern over the text."""
    edits: list[Edit] = []
    for match in _HEADING.finditer(text):
        if match.group("body").strip("#").strip() == "":
            continue
        edits.append(Edit(match.start("open"), match.end("open"), "", "heading marker"))
        if match.group("close") is not None:
            edits.append(Edit(match.start("close"), match.end("close"), "", "heading marker"))
    return edits


@given(
    st.lists(
        st.one_of(
            marked_lines(),
            st.sampled_from(["", " ", "\t# 标题", "   #", "    # 不是标题", "a # b", "#\n#"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_only_lines_with_a_leading_hash_are_tried(parts: list[str]) -> None:
    text = "\n".join(parts)
    assert find_markup(text) == _every_line_start(text)


def test_only_lines_with_a_leading_hash_are_tried_on_real_text() -> None:
    texts = [read_seed("003"), *(p.read_text(encoding="utf-8") for p in CLEAN_FILES)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    for text in texts:
        assert find_markup(text) == _every_line_start(text)
