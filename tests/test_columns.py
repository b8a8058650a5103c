"""split_columns: two-column ``pdftotext -layout`` pages read left column first.

Fixtures are verbatim excerpts of the corpus ``-layout`` files (named above each one); the
sentences they must give back in reading order are the ground-truth lines of the same
documents' ``clean.txt``. Corpus-wide tests skip when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.conftest import CORPUS, ROOT, read_seed
from zhclean.columns import find_columns, split_columns
from zhclean.edits import Edit, apply_edits, check_edits
from zhclean.interleave import DocumentStrings, deinterleave_page, maybe_interleaved
from zhclean.pipeline import PRESETS, STEPS

WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return WS.sub("", text)


def nonblank(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# faq-basic-defs-1/pdftotext-layout.txt, page 2, its first 30 lines: the two columns'
# baselines are offset, so rows alternate between left-only and right-only lines.
FAQ_PAGE_2 = "\n".join(
    [
        "                                Debian GNU/Linux 常见问题",
        "",
        "",
        "和桌面平台。然而，这些非 Linux 的移植尚未作为官方                       Debian   开发者在地理上十分分散，所以在缺陷和",
        "版本发布。                                         修复缺陷方面，需要复杂的工作和便捷的沟通，才能加",
        "     Hurd 是运行 GNU Mach 微内核的一组服务器。它            快整个系统的开发。我们鼓励用户使用正式的文风发送",
        "们一起构成了 GNU 操作系统的基石。                           缺陷报告，这些报告可以很方便地通过 WWW 存档或",
        "     第二个尝试的移植是向 BSD 内核的移植。我们尝试                者电子邮件访问。参见本 FAQ 的第 12.4 节“有没有已",
        "使用 FreeBSD 内核。                                知的缺陷的记录？”以获得关于缺陷记录管理的额外信",
        "     以下关键特性使得 Debian 与其他发行版不一样：               息。",
        "     如同 Debian 社群契约所声明的那样，Debian 将                 Debian     的质量标准有详尽的说明文档，名为",
        "一直是 100% 自由的。Debian 对于提供真正的自由软                Debian 政策。该文档定义了维护 Debian 软件包需要",
        "件是非常严格的。Debian 自由软件指导方针（DFSG）                 遵循的质量和标准。",
        "决定软件是否是“自由”的。                                      欲了解额外的相关信息，请阅读选择 Debian 的理",
        "     整个系统，或是其中任何一个独立组件，都可以原                   由网页。",
        "地升级，而不必重新格式化、不会丢失自定义的配置文",
        "件，且（大多数情况下）不需要重启系统。大多数当代                      1.6. Debian 计划和自由软件基金会的 GNU",
        "的    Linux   发行版都有某种形式的软件包管理系统；               计划有什么区别和联系？",
        "Debian   软件包管理系统是独一无二的，并且格外健壮",
        "                                                   Debian   系统的基石是自由软件的理念，这个理念",
        "（参见第 7 章 Debian 软件包管理系统基础）。",
        "                                              最先由自由软件基金会（Free Software Foundation,",
        "     尽管许多 Linux 发行版是由个人、小而封闭的团",
        "                                              FSF），尤其是 Richard Stallman 所推广。FSF 的强",
        "体，或是商业性质的厂商开发的，Debian           是一个由社",
        "                                              大的系统管理工具、实用程序，以及应用程序，也是",
        "区进行开发的重要发行版，这一社区是以创建一个自由",
        "                                              Debian 系统的核心组件。",
        "的操作系统为共同目标而建立起来的，这与 Linux 和其",
        "                                                   Debian 计划是区别于 FSF 的一个独立实体，但我",
    ]
)

# debref-ch08-1/pdftotext-layout.txt, page 3 (all of it): the left column goes on after
# the short right column ends, past one blank line and a heading.
CH08_PAGE_3 = "\n".join(
    [
        "                      Debian 参考手册",
        "",
        "",
        "",
        "",
        "  只要需要的字体安装并被启用，GUI（图形       这样会导致终端输出排列不再整齐（参见",
        "用户界面）环境（第 7 章 GUI（图形用户界面）    Unicode 标准附录 #11）。",
        "系统）能够显示任意 UTF-8 字符。（原始字体数           gnome-terminal：首选项 → 配置文件 →",
        "据的编码会被处理，并对用户来说是透明的。）        配置名 → 兼容性 → 宽度有歧义的字符 → 窄",
        "",
        "8.4. 东亚环境下宽度有歧义的字符",
        "  在东亚语言环境下，方框绘制、希腊字符和",
        "西里尔字符可能会显示得比你预期的样子更宽，",
        "",
    ]
)

# news-seed000-2/pdftotext-layout.txt: the running header, the first eight rows and the
# page number of its only page (rows 14-50 left out).
NEWS_PAGE = "\n".join(
    [
        "                                                要闻 · 2023年10月13日",
        "",
        "",
        "",
        "",
        "   贯彻二十大 建设新重庆                      新闻发布会还介绍了助推中小企业高质量",
        "   “六个聚焦”+“六大机制” 重庆制造业向         发展、智能网联新能源汽车产业发展以及“满",
        "高质量迈进                           天星”行动计划的继续推进情况。",
        "   制造业是国家经济命脉所系，是立市之                在推动成渝地区双城经济圈制造业协同发",
        "本、强市之基、兴市之要。                    展方面，搭建电子信息、汽车区域产业链供应",
        "   昨天，“贯彻二十大 建设新重庆”系列主          链线上供需对接平台，汽车产业全域配套率达",
        "题新闻发布会（第二场）——重庆市推动制造            80%，电子信息制造业全域配套率超50%；两",
        "业高质量发展新闻发布会提出，下一步将重点            地微型计算机产量约8000万台、占全国40%。",
        "",
        "",
        "",
        "                          1/1",
        "",
    ]
)

# Ground truth (clean.txt lines) that each fixture holds whole; every one of them runs over
# several physical lines, and most share those lines with the other column.
FIXTURE_SENTENCES = [
    (
        FAQ_PAGE_2,
        [
            "Hurd 是运行 GNU Mach 微内核的一组服务器。它们一起构成了 GNU 操作系统的基石。",
            "整个系统，或是其中任何一个独立组件，都可以原地升级，而不必重新格式化、不会丢失自定义的"
            "配置文件，且（大多数情况下）不需要重启系统。大多数当代的 Linux 发行版都有某种形式的软件"
            "包管理系统；Debian 软件包管理系统是独一无二的，并且格外健壮（参见第 7 章 Debian 软件包"
            "管理系统基础）。",
            "Debian 开发者在地理上十分分散，所以在缺陷和修复缺陷方面，需要复杂的工作和便捷的沟通，"
            "才能加快整个系统的开发。我们鼓励用户使用正式的文风发送缺陷报告，这些报告可以很方便地通过"
            " WWW 存档或者电子邮件访问。参见本 FAQ 的第 12.4 节“有没有已知的缺陷的记录？”以获得关于"
            "缺陷记录管理的额外信息。",
        ],
    ),
    (
        CH08_PAGE_3,
        [
            "在东亚语言环境下，方框绘制、希腊字符和西里尔字符可能会显示得比你预期的样子更宽，这样会"
            "导致终端输出排列不再整齐（参见 Unicode 标准附录 #11）。",
        ],
    ),
    (
        NEWS_PAGE,
        [
            "制造业是国家经济命脉所系，是立市之本、强市之基、兴市之要。",
            "在推动成渝地区双城经济圈制造业协同发展方面，搭建电子信息、汽车区域产业链供应链线上供需"
            "对接平台，汽车产业全域配套率达80%，电子信息制造业全域配套率超50%；两地微型计算机产量约"
            "8000万台、占全国40%。",
        ],
    ),
]


@pytest.mark.parametrize(("page", "sentences"), FIXTURE_SENTENCES)
def test_real_pages_read_column_by_column(page: str, sentences: list[str]) -> None:
    out = split_columns(page)
    for sentence in sentences:
        assert squeeze(sentence) not in squeeze(page)  # interleaved before
        assert squeeze(sentence) in squeeze(out)
    assert sorted(squeeze(out)) == sorted(squeeze(page))  # nothing lost, nothing added


@pytest.mark.parametrize("page", [FAQ_PAGE_2, CH08_PAGE_3, NEWS_PAGE])
def test_one_edit_per_page_and_idempotent(page: str) -> None:
    text = "上一页。\n\f" + page + "\f" + page
    edits = find_columns(text)
    check_edits(edits, len(text))
    assert [e.reason for e in edits] == ["columns", "columns"]
    assert [text[e.start : e.end] for e in edits] == [page, page]
    once = split_columns(text)
    assert once == apply_edits(text, edits)
    assert once.startswith("上一页。\n\f")
    assert split_columns(once) == once
    assert find_columns(once) == []


def test_page_furniture_stays_at_the_page_edges() -> None:
    # remove_page_artifacts finds headers and page numbers by their place on the page.
    before, after = nonblank(NEWS_PAGE), nonblank(split_columns(NEWS_PAGE))
    assert after[0] == before[0] == "要闻 · 2023年10月13日"
    assert after[-1] == before[-1] == "1/1"
    assert after[1] == "贯彻二十大 建设新重庆"


def test_left_column_continues_past_the_right_column() -> None:
    lines = nonblank(split_columns(CH08_PAGE_3))
    heading = lines.index("8.4. 东亚环境下宽度有歧义的字符")
    assert lines.index("这样会导致终端输出排列不再整齐（参见") == heading + 3
    assert lines[-1] == "配置名 → 兼容性 → 宽度有歧义的字符 → 窄"


# --- synthetic layouts from seed text ----------------------------------------------------


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for prefix in ("000", "002", "003", "004"):
        for line in read_seed(prefix).split("\n"):
            line = WS.sub(" ", line).strip()
            if len(line) >= 40:
                paragraphs.append(line)
    return paragraphs


PARAGRAPHS = seed_paragraphs()


def wrap(paragraph: str, width: int, indent: int) -> list[str]:
    # A typesetter never starts a continuation line with the space it broke at.
    text = " " * indent + paragraph
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    return lines[:1] + [line.lstrip() for line in lines[1:] if line.strip()]


def side_by_side(left: list[str], right: list[str], width: int, gap: int, offset: int) -> str:
    """Two columns the way pdftotext -layout prints them; ``offset`` rows of right-only
    lines first when the right column's baselines sit lower."""
    rows = max(len(left), len(right) + offset)
    out = []
    for row in range(rows):
        a = left[row] if row < len(left) else ""
        b = right[row - offset] if 0 <= row - offset < len(right) else ""
        out.append((a.ljust(width + gap) + b).rstrip())
    return "\n".join(out) + "\n"


@given(
    st.sampled_from(PARAGRAPHS),
    st.sampled_from(PARAGRAPHS),
    st.integers(10, 40),
    st.integers(10, 40),
    st.integers(2, 12),
    st.sampled_from([0, 2, 4]),
    st.integers(0, 2),
)
def test_two_seed_paragraphs_side_by_side_come_back_in_order(
    left_text: str,
    right_text: str,
    width: int,
    right_width: int,
    gap: int,
    indent: int,
    offset: int,
) -> None:
    left, right = wrap(left_text, width, indent), wrap(right_text, right_width, indent)
    assume(min(len(left), len(right) + offset) - offset >= 3)  # rows with both columns
    page = side_by_side(left, right, width, gap, offset)
    out = split_columns(page)
    assert nonblank(out) == [line.strip() for line in left + right if line.strip()]
    assert split_columns(out) == out


@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=6),
    st.integers(12, 60),
    st.sampled_from([0, 2, 4]),
)
def test_one_column_seed_text_is_never_split(
    paragraphs: list[str], width: int, indent: int
) -> None:
    page = "\n".join(line for p in paragraphs for line in wrap(p, width, indent))
    assert find_columns(page) == []


@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=6), st.integers(16, 50), st.data()
)
def test_justified_text_with_stray_wide_spaces_is_not_split(
    paragraphs: list[str], width: int, data: st.DataObject
) -> None:
    # Justification turns stretched gaps into runs of spaces ("Debian   GNU/Linux中") where
    # each line happens to break; even when a third of the lines get one at the same place,
    # the other lines run through that place.
    lines = [line for p in paragraphs for line in wrap(p, width, 2)]
    # Known limit: on a page of fewer than ten lines, three lines with one aligned gap are
    # as much evidence as a real short last page gives (debref-ch08-1 page 3 has four).
    assume(len(lines) >= 10)
    common = data.draw(st.integers(4, width - 4))
    used: Counter[int] = Counter()
    stretched = []
    for number, line in enumerate(lines):
        at = common
        if number % 3:  # elsewhere: 3+ away from the common place, no place on a third
            at = data.draw(
                st.integers(4, width - 4).filter(
                    lambda x: abs(x - common) >= 3 and used[x] < len(lines) // 3
                )
            )
        used[at] += 1
        stretched.append(line[:at] + " " * data.draw(st.integers(1, 6)) + line[at:])
    assert find_columns("\n".join(stretched)) == []


def test_tables_and_indented_code_are_not_split() -> None:
    table = "\n".join(
        f"{name:<16}{popcon:>8}  {size:>6}  {note}"
        for name, popcon, size, note in [
            ("apt", "99%", "4.2M", "命令行包管理"),
            ("aptitude", "12%", "4.3M", "终端界面包管理"),
            ("synaptic", "8%", "7.8M", "图形界面包管理"),
            ("dpkg", "99%", "6.7M", "底层工具"),
            ("apt-file", "3%", "92K", "查找文件所属的包"),
        ]
    )
    code = "\n".join(
        [
            "    $ sudo apt-get update        # 更新软件包索引",
            "    $ sudo apt-get upgrade       # 升级已安装的软件包",
            "    $ sudo apt-get install foo   # 安装 foo",
            "    $ apt-cache policy foo       # 查看版本",
            "    $ dpkg -L foo                # 列出 foo 的文件",
        ]
    )
    assert find_columns(table) == []
    assert find_columns(code) == []


# --- the corpus and the seeds ------------------------------------------------------------

MANIFEST = CORPUS / "manifest.json"
DOCS = json.loads(MANIFEST.read_text(encoding="utf-8"))["documents"] if MANIFEST.is_file() else []
ONE_COLUMN = [d["id"] for d in DOCS if d["pdf"]["columns"] == 1]
TWO_COLUMN = [d["id"] for d in DOCS if d["pdf"]["columns"] == 2]
EXTRACTED = ["pdftotext-layout", "pdftotext", "pdfminer", "ocr"]


@pytest.mark.parametrize("doc", ONE_COLUMN)
@pytest.mark.parametrize("variant", EXTRACTED)
def test_one_column_corpus_documents_are_untouched(doc: str, variant: str) -> None:
    text = (CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8")
    assert find_columns(text) == []


@pytest.mark.parametrize("doc", TWO_COLUMN)
def test_two_column_layout_documents_are_read_in_order(doc: str) -> None:
    from rapidfuzz.distance import Levenshtein

    import zhclean

    dirty = (CORPUS / doc / "pdftotext-layout.txt").read_text(encoding="utf-8")
    clean = squeeze((CORPUS / doc / "clean.txt").read_text(encoding="utf-8"))
    split = split_columns(dirty)
    assert split_columns(split) == split
    assert sorted(squeeze(split)) == sorted(squeeze(dirty))
    cer = Levenshtein.distance(squeeze(zhclean.clean(dirty)), clean) / len(clean)
    assert cer <= 0.05


def test_seeds_have_no_columns(seeds: dict[str, str]) -> None:
    for text in seeds.values():
        assert find_columns(text) == []


def test_registered_first_in_the_default_pipeline_only() -> None:
    assert next(iter(STEPS)) == "split_columns"
    assert "split_columns" in PRESETS["pdf"].step_names
    assert "split_columns" not in PRESETS["web"].step_names
    assert "split_columns" not in PRESETS["minimal"].step_names


#: Line pieces of -layout pages: text of both scripts, gutters, indents, and the whitespace
#: that is not a space (tab, ideographic space, CR, separators) which the one-scan gap
#: finder must treat like the per-line definition, inside an indent and at a line's end.
_LAYOUT_PIECES = [
    "  ",
    "   ",
    " ",
    "\t",
    "\u3000",
    "\r",
    "\x1c",
    "\u2028",
    "登录。",
    "root",
    "中",
    "#",
]


@given(
    st.lists(st.lists(st.sampled_from(_LAYOUT_PIECES), max_size=12).map("".join), max_size=6),
    st.integers(2, 12),
    st.integers(0, 30),
)
def test_gap_edges_in_one_scan_equal_the_per_line_definition(
    lines: list[str], lo: int, span: int
) -> None:
    from zhclean.columns import _aligned_starts, _aligned_starts_per_line

    assert _aligned_starts(lines, lo, lo + span) == _aligned_starts_per_line(lines, lo, lo + span)


# --- interleaved columns: pdftotext default mode and pdfminer ----------------------------

# faq-support-1/pdftotext.txt, lines 57-75: a line of the left column, then the right
# column's line on the same baseline, each followed by a blank line.
SUPPORT_EXCERPT = (
    "\n人，取决于您怎么想。\n您也可以使用 WWW 表单订阅邮件列表。也可以使\n\n"
    "已安装的 Debian 软件包的文档：大多数软件包都\n\n用 WWW 表单进行退订。\n\n"
    "有文档，位于 /usr/share/doc/软件包。\n\n如果您遇到任何困难，可联系列表管理员的电子邮\n\n"
    "Linux 计划的文档：Debian 软件包 doc-linux 包\n\n"
    "件地址 <listmaster@lists.debian.org>。\n\n"
    "含了 Linux 文档计划的所有 HOWTO 和迷你 HOWTO\n\n邮件列表是公共论坛。所有发送到列表的电子邮件"
)


def test_interleaved_excerpt_reads_left_column_first() -> None:
    out = deinterleave_page(SUPPORT_EXCERPT, DocumentStrings(SUPPORT_EXCERPT), min_skips=2)
    assert out is not None
    assert sorted(squeeze(out)) == sorted(squeeze(SUPPORT_EXCERPT))
    flat = squeeze(out)
    # the sentences of faq-support-1/clean.txt come back whole, left column first
    assert "也可以使用WWW表单进行退订。" in flat
    assert "可联系列表管理员的电子邮件地址<listmaster@lists.debian.org>。" in flat
    assert "大多数软件包都有文档，位于/usr/share/doc/软件包。" in flat
    assert flat.index("如果您遇到任何困难") < flat.index("已安装的Debian软件包的文档")
    again = deinterleave_page(out, DocumentStrings(out), min_skips=2)
    assert again is None or again == out


INTERLEAVED = [
    (doc, variant)
    for doc in TWO_COLUMN
    for variant in ("pdftotext", "pdfminer")
    if (CORPUS / doc / f"{variant}.txt").is_file()
]


@pytest.mark.parametrize(("doc", "variant"), INTERLEAVED)
def test_interleaved_corpus_pages_lose_nothing_and_are_fixed_points(doc: str, variant: str) -> None:
    dirty = (CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8")
    split = split_columns(dirty)
    assert sorted(squeeze(split)) == sorted(squeeze(dirty))
    assert split.count("\f") == dirty.count("\f")
    assert split_columns(split) == split


def test_interleaved_corpus_pages_come_back_closer_to_reading_order() -> None:
    """The pages the pass rewrites must read more like clean.txt than before, measured as
    the edit distance of the whitespace-free texts (faq-basic-defs-1 pdftotext: 82 % CER
    after cleaning before the pass)."""
    from rapidfuzz.distance import Levenshtein

    changed = 0
    for doc, variant in INTERLEAVED:
        dirty = (CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8")
        split = split_columns(dirty)
        if split == dirty:
            continue
        clean = squeeze((CORPUS / doc / "clean.txt").read_text(encoding="utf-8"))
        before = Levenshtein.distance(squeeze(dirty), clean)
        after = Levenshtein.distance(squeeze(split), clean)
        changed += 1
        assert after < before, (doc, variant)
    if INTERLEAVED:
        assert changed >= 3


def interleave(left: list[str], right: list[str]) -> str:
    """Two columns the way pdftotext's default mode prints them: baseline by baseline,
    each line followed by a blank line."""
    rows: list[str] = []
    for row in range(max(len(left), len(right))):
        rows += [side[row] for side in (left, right) if row < len(side)]
    return "\n\n".join(rows) + "\n"


@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=6),
    st.integers(14, 30),
    st.integers(0, 4),
)
def test_interleaved_seed_text_loses_nothing_and_is_idempotent(
    paragraphs: list[str], width: int, cut: int
) -> None:
    cut = 1 + cut % (len(paragraphs) - 1)
    left = [line for p in paragraphs[:cut] for line in wrap(p, width, 0)]
    right = [line for p in paragraphs[cut:] for line in wrap(p, width, 0)]
    page = interleave(left, right)
    out = split_columns(page)
    assert sorted(squeeze(out)) == sorted(squeeze(page))
    assert split_columns(out) == out


@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=6, unique=True),
    st.integers(14, 40),
)
def test_double_spaced_one_column_seed_text_is_a_fixed_point(
    paragraphs: list[str], width: int
) -> None:
    # seed 002's extraction: every physical line followed by a blank line. Paragraphs are
    # distinct: a paragraph repeated verbatim a few lines down is continuity evidence
    # "further down" that the gate cannot tell from interleaving (a known limit).
    page = "\n\n".join(line for p in paragraphs for line in wrap(p, width, 0)) + "\n"
    assert find_columns(page) == []


def test_interleaved_pages_are_read_the_same_inside_a_text_of_many_documents() -> None:
    # a CLI block holds many documents: the continuity evidence then comes from the
    # page's neighbourhood, not from a search of the whole block for every test
    document = (CORPUS / "debref-ch03-1" / "pdftotext.txt").read_text(encoding="utf-8")
    filler = read_seed("000") + "\f"
    padding = filler * (70_000 // len(filler) + 1)
    alone = find_columns(document)
    assert alone, "the document's interleaved pages are rewritten"
    block = padding + document + "\f" + padding
    shift = len(padding)
    inside = [
        Edit(e.start - shift, e.end - shift, e.replacement, e.reason) for e in find_columns(block)
    ]
    assert inside == alone


def test_a_page_longer_than_any_page_is_not_read_as_interleaved() -> None:
    # text without form feeds (a CLI block) is one "page": the page tests would search
    # all of it once per line
    document = (CORPUS / "debref-ch03-1" / "pdftotext.txt").read_text(encoding="utf-8")
    page = max(document.split("\f"), key=len)
    assert maybe_interleaved(page)
    long_page = "\n".join([page.strip("\n")] * (1001 // page.count("\n") + 1))
    assert long_page.count("\n") > 1000
    assert not maybe_interleaved(long_page)


@given(
    st.sampled_from(sorted(CORPUS.glob("*/pdfminer.txt"))),
    st.lists(st.tuples(st.integers(0, 20_000), st.integers(1, 5)), min_size=1, max_size=30),
)
def test_document_strings_answer_as_a_search_of_the_lines(
    path: Path, picks: list[tuple[int, int]]
) -> None:
    # the pair prefilter and the collected set must say what a search of the
    # document's lines (whitespace removed) says, for strings in them and across them
    text = path.read_text(encoding="utf-8")
    lines = "\n".join("".join(line.split()) for line in text.split("\n"))
    strings, collected = DocumentStrings(text), DocumentStrings(text)
    collected.collected()
    for start, size in picks:
        start %= max(1, len(lines) - size)
        needle = lines[start : start + size].replace("\n", "")[:4]
        for probe in (needle, needle[::-1]):
            expected = "\n" not in probe and probe in lines
            assert (probe in strings) == expected
            if 2 <= len(probe) <= 4:
                assert (probe in collected) == expected


def test_columns_on_alternating_rows_are_read_left_first() -> None:
    # benchmarks/twocol/maint-start-1-2c, page 1: the chapter heading atop the left column
    # shifts its baselines, so pdftotext -layout prints the columns on alternating rows
    # and hardly a row holds both
    path = ROOT / "benchmarks" / "twocol" / "maint-start-1-2c" / "pdftotext-layout.txt"
    page = path.read_text(encoding="utf-8").split("\f")[0]
    rows = [line for line in page.split("\n") if line.strip()]
    right = [line.strip() for line in rows if line.startswith(" " * 40)]
    left = [line.strip() for line in rows if line.strip() and not line.startswith(" " * 40)]
    assert len(right) > 40 and len(left) > 40
    out = split_columns(page)
    assert split_columns(out) == out
    assert sorted(out.split()) == sorted(page.split())  # nothing lost, only moved
    # the left column's lines come first, in order, then the right column's
    position = [out.index(line) for line in left[1:] + right[1:] if out.count(line) == 1]
    assert position == sorted(position)
