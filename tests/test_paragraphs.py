"""join_hard_wraps (with remove_page_artifacts before it): seeds, corpus, properties."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import zhclean
from tests.conftest import CORPUS, read_seed
from tests.strategies import clauses
from zhclean.edits import apply_edits, check_edits
from zhclean.page_artifacts import find_page_artifacts, remove_page_artifacts
from zhclean.paragraphs import (
    _SELECT_FROM,
    _decide,
    _edits,
    _joiners,
    _margin,
    _nth_smallest,
    _output_rows,
    _output_width,
    _reads_vocabulary,
    _Row,
    _rows,
    _typical_width,
    _Vocabulary,
    _vocabulary,
    find_hard_wraps,
    join_hard_wraps,
)

HAN = re.compile(r"[\u4e00-\u9fff]")


def rebuild(text: str) -> str:
    return join_hard_wraps(remove_page_artifacts(text))


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# (seed, end of the first half, start of the second half): every split the issue lists.
SPLITS = [
    ("000", "增强发展的潜力和后劲。支", "持生态优势"),
    ("000", "还是主销", "区、产销"),
    ("000", "引导渝西地", "区建设"),
    ("002", "他强调，长", "江经济带发展"),
    ("003", "强劲活跃的增长极", "功能不断巩固"),
    ("003", "该站全体指战", "员认真学习"),
    ("003", "消防服务队”开", "展志愿服务"),
    ("003", "优秀代表,", "是苦练过硬"),
    ("004", "突出场景营造、业态创新，打", "造西部未来"),
    ("004", "全市粮食产量创13年", "来新高"),
    ("004", "深度融入“一带一", "路”和西部"),
    ("004", "把创新转化为现实生产力、形成", "实物量"),
    ("004", "占规上工", "业比重达到28.9%。"),
    ("004", "立足大城市、", "大农村、大山区"),
]


@pytest.mark.parametrize(("seed", "left", "right"), SPLITS)
def test_split_points_are_rejoined(seed: str, left: str, right: str) -> None:
    out = rebuild(read_seed(seed))
    assert left + right in out.replace(" ", "")


SEPARATE = [
    ("000", "李强蔡奇丁薛祥出席"),
    ("000", "贯彻二十大 建设新重庆"),
    ("000", "“六个聚焦”提能级 “六大机制”促发展"),
    ("003", "# 推动长三角一体化发展取得新的重大突破 在中国式现代化中更好发挥引领示范作用"),
    ("004", "系统重塑创新开放新优势 全面激发高质量发展新动能"),
    ("004", "□本报记者 夏元"),
    ("004", "□本报记者 赵伟平"),
    ("004", "党的二十大代表、沙坪坝区委书记 唐小平"),
    ("004", "党的二十大代表、渝北区委书记 常斌"),
    ("004", "党的二十大代表、重庆高新区党工委副书记、管委会主任 左永祥"),
    ("004", "党的二十大代表、重庆天泰铝业有限公司综合车间主任 王春全"),
    ("004", "本版图片由记者苏思、熊明摄"),
    ("004", "主持人："),
    ("004", "市经信委党组书记、主任蓝庆华"),
    ("004", "加快建设现代产业体系 培育三类新优势"),
]


@pytest.mark.parametrize(("seed", "line"), SEPARATE)
def test_titles_bylines_and_lists_stay_separate(seed: str, line: str) -> None:
    assert line in lines_of(rebuild(read_seed(seed)))


@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_no_han_lost_except_reported_captions(seed: str) -> None:
    text = read_seed(seed)
    removed = "".join(
        text[e.start : e.end] for e in find_page_artifacts(text) if e.reason == "caption"
    )
    out = rebuild(text)
    assert sorted(HAN.findall(out) + HAN.findall(removed)) == sorted(HAN.findall(text))


def test_captions_of_004_are_reported_and_can_be_kept() -> None:
    text = read_seed("004")
    captions = [
        text[e.start : e.end].strip() for e in find_page_artifacts(text) if e.reason == "caption"
    ]
    assert captions == ["蓝庆华", "路伟"]
    kept = lines_of(join_hard_wraps(remove_page_artifacts(text, keep_captions=True)))
    index = next(i for i, line in enumerate(kept) if line.endswith("业比重达到28.9%。"))
    assert kept[index + 1] == "蓝庆华"


def test_seed_002_rebuilds_the_paragraphs_of_001() -> None:
    """002 is 001's article as PDF text: the same paragraph count and paragraph ends."""
    body_001 = lines_of(read_seed("001"))[4:]
    out = lines_of(rebuild(read_seed("002")))
    start = next(i for i, line in enumerate(out) if line.startswith("中共中央总书记"))
    body_002 = out[start:]
    assert len(body_002) == len(body_001)
    for ours, theirs in zip(body_002, body_001, strict=True):
        assert ours[-1] == theirs.rstrip("\ufe0f")[-1] or not HAN.match(theirs[-1])


def test_separator_option_gives_blank_lines() -> None:
    out = join_hard_wraps(
        "李强蔡奇丁薛祥出席\n据新华社电 中共中央总书记习近平12日下午主持召开座谈会。\n",
        separator="\n\n",
    )
    assert out == "李强蔡奇丁薛祥出席\n\n据新华社电 中共中央总书记习近平12日下午主持召开座谈会。\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "We describe the algo-\nrithm used by the kernel and the\nscheduler in detail here, as it\n"
                "is the core of the system and the\nway it works.\n"
            ),
            (
                "We describe the algorithm used by the kernel and the scheduler in detail here, as it "
                "is the core of the system and the way it works.\n"
            ),
        ),
    ],
)
def test_latin_joins_and_hyphenation(text: str, expected: str) -> None:
    assert join_hard_wraps(text) == expected


def test_real_compound_keeps_its_hyphen() -> None:
    text = (
        "邮件列表的名字都很好记，例如 debian-announce、debian-user、debian-\n"
        "devel 等，它们的归档可以在网上找到，订阅的方法也写在每一个列表的\n"
        "页面上，请先阅读这些说明再发送邮件到列表中去，谢谢大家的合作与理\n"
        "解。\n"
    )
    assert "debian-devel" in join_hard_wraps(text)


def test_document_usage_decides_a_hyphen_anywhere_in_a_long_document() -> None:
    # the vocabulary is built once per call; the answer must not change with the size of
    # the document or with where the evidence sits (after or before the wrap)
    wrapped = (
        "We describe the fair algo-\nrithm used by the kernel and the\nscheduler in detail here, as it\n"
        "is the core of the system and the\nway it works.\n"
    )
    for copies in (1, 200):
        out = join_hard_wraps(wrapped * copies + "the debian-user list and the algorithm.\n")
        assert out.count("algorithm") == copies + 1
        assert "algo-" not in out


def test_compound_evidence_is_a_whole_hyphen_pair() -> None:
    # "foo-debian-user" is evidence for "debian-user"; "debian-user2" is not
    text = (
        "邮件列表 foo-debian-user 很好记，它们的归档可以在网上找到，订阅 debian-\n"
        "user 的方法也写在每一个列表的页面上，请先阅读这些说明再发送邮件到列\n"
        "表中去，谢谢大家的合作与理解，也欢迎大家在列表里回答别人的问题，好。\n"
        "最后一行。\n"
    )
    assert "debian-user 的方法" in join_hard_wraps(text)


@pytest.mark.parametrize("invisible", ["\x13", "\u200b", "\ufeff\x00", " \u2060 "])
def test_a_line_of_invisible_characters_is_blank(invisible: str) -> None:
    # fuzz_clean: "调\n\x13\n#" became "调\n\n#" after normalize_whitespace deleted the
    # control, and a second run joined again; the line counts as blank from the start
    text = f"调\n{invisible}\n#"
    once = join_hard_wraps(text)
    assert once == "调\n#"
    assert join_hard_wraps(once) == once


def _corpus_clean() -> list[Path]:
    return sorted(CORPUS.glob("*/clean.txt"))


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("path", _corpus_clean(), ids=lambda p: p.parent.name)
def test_clean_corpus_text_passes_through(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert rebuild(text) == text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_steps_are_idempotent_and_consistent_on_seeds(seed: str) -> None:
    text = read_seed(seed)
    for finder, step in (
        (find_page_artifacts, remove_page_artifacts),
        (find_hard_wraps, join_hard_wraps),
    ):
        edits = finder(text)
        check_edits(edits, len(text))
        assert step(text) == apply_edits(text, edits)
        once = step(text)
        assert step(once) == once
        text = once


# ---- properties: seed 001's paragraphs, rewrapped the way a PDF extractor would -----

# 001 with its emoji noise dropped (strip_symbols runs first in the pipeline)
NOISE = re.compile(r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffef0-9A-Za-z,;:.“”《》()%+·—…-]")
PARAGRAPHS_001 = [NOISE.sub("", line) for line in lines_of(read_seed("001"))]
NO_LINE_START = "，。、；：！？”）,;:.)"
PAGE_NUMBER_STYLES = [
    "- {n} -",
    "{n}",
    "第 {n} 页",
    "第 {n} 页 共 9 页",
    "{n} / 9",
    "Page {n}",
    "Page {n} of 9",
]


@st.composite
def wrapped_documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    paragraphs = draw(
        st.lists(st.sampled_from(PARAGRAPHS_001[4:]), min_size=2, max_size=6, unique=True)
    )
    width = draw(st.integers(min_value=14, max_value=40))
    double = draw(st.booleans())
    page_every = draw(st.one_of(st.none(), st.integers(min_value=6, max_value=20)))
    style = draw(st.sampled_from(PAGE_NUMBER_STYLES))
    physical: list[str] = []
    for paragraph in paragraphs:
        first = True
        rest = paragraph
        while rest:
            room = width - 2 if first else width
            while room < len(rest) and rest[room] in NO_LINE_START:
                room += 1  # line-breaking rules hang closing punctuation
            physical.append(("\u3000\u3000" if first else "") + rest[:room])
            rest = rest[room:]
            first = False
    out: list[str] = []
    page = 1
    for index, line in enumerate(physical, 1):
        out.append(line)
        if double:
            out.append("")
        if page_every and index % page_every == 0 and index < len(physical):
            out.extend(["", style.format(n=page), "\f"])
            page += 1
    text = "\n".join(out).replace("\n\f\n", "\n\f") + "\n"
    return text, paragraphs


@given(wrapped_documents())
def test_rewrapped_paragraphs_come_back(case: tuple[str, list[str]]) -> None:
    text, paragraphs = case
    assert lines_of(rebuild(text)) == paragraphs


@given(wrapped_documents())
def test_rebuild_is_idempotent_and_loses_no_han(case: tuple[str, list[str]]) -> None:
    text, _ = case
    once = rebuild(text)
    assert rebuild(once) == once
    reported = "".join(text[e.start : e.end] for e in find_page_artifacts(text))
    assert len(HAN.findall(once)) + len(HAN.findall(reported)) == len(HAN.findall(text))


@given(
    st.sampled_from(PARAGRAPHS_001 + lines_of(read_seed("004"))),
    st.sampled_from(["", " ", "\u3000\u3000"]),
)
def test_single_line_input_is_unchanged(line: str, indent: str) -> None:
    assert join_hard_wraps(indent + line) == indent + line
    assert remove_page_artifacts(indent + line) == indent + line


SEED_002_LINES = [*lines_of(read_seed("002")), "", "", " ", "\x0c"]


@given(st.lists(st.sampled_from(SEED_002_LINES), max_size=40))
# found by hypothesis: the joined lines ("…更好支撑习近平主持召开进一步推动长江经济带", twice)
# form a margin of their own, so a second run joined "…长江经济带" / "高质量发展座谈会"
@example(
    [
        "强调 进一步推动长江经济带高质量发展 更好支撑",
        "习近平主持召开进一步推动长江经济带",
        "高质量发展座谈会",
        "强调 进一步推动长江经济带高质量发展 更好支撑",
        "习近平主持召开进一步推动长江经济带",
        "习近平主持召开进一步推动长江经济带",
    ]
)
# and: the title between the halves of a sentence was taken from a label repeated on
# the next line, on the second clean only (the page break the first removed was gone)
@example(
    [
        "习近平主持召开进一步推动长江经济带",
        "高质量发展座谈会",
        "高质量发展座谈会",
        "习近平主持召开进一步推动长江经济带",
        "\x0c",
        "习近平主持召开进一步推动长江经济带",
    ]
)
# and: labels around each other ("A B A B A" / form feed / "A") were halves of a sentence
@example(
    [
        "习近平主持召开进一步推动长江经济带",
        "高质量发展座谈会",
        "习近平主持召开进一步推动长江经济带",
        "高质量发展座谈会",
        "习近平主持召开进一步推动长江经济带",
        "\x0c",
        "习近平主持召开进一步推动长江经济带",
    ]
)
# and: a first line back once at the foot of a page, which a second clean (the form
# feed gone) read as a two-page header; and copies removed as footers counted as text
@example(
    [
        "高质量发展座谈会",
        "强调 进一步推动长江经济带高质量发展 更好支撑",
        "高质量发展座谈会",
        "\x0c",
        "习近平主持召开进一步推动长江经济带",
    ]
)
@example(
    [
        "习近平主持召开进一步推动长江经济带",
        "习近平主持召开进一步推动长江经济带",
        "\x0c",
        "高质量发展座谈会",
        "习近平主持召开进一步推动长江经济带",
        "高质量发展座谈会",
        "习近平主持召开进一步推动长江经济带",
    ]
)
def test_find_and_apply_agree_on_shuffled_seed_lines(parts: list[str]) -> None:
    text = "\n".join(parts)
    for finder, step in (
        (find_page_artifacts, remove_page_artifacts),
        (find_hard_wraps, join_hard_wraps),
    ):
        edits = finder(text)
        check_edits(edits, len(text))
        assert step(text) == apply_edits(text, edits)
        assert step(step(text)) == step(text)


def _measures(rows: list[_Row]) -> list[tuple[object, ...]]:
    return [row[3:] for row in rows]  # all but the positions, which _decide never reads


@pytest.mark.parametrize("tail", ["", "  ", " \n\n"])
def test_output_rows_are_the_rows_of_the_output(seeds: dict[str, str], tail: str) -> None:
    """The fixed-point check reads the output's rows off the input's; they must be exactly
    the rows ``_rows`` finds in the output (on the seeds and corpus documents)."""
    texts = list(seeds.values())
    if CORPUS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/pdf*.txt"))]
    for text in texts:
        text = text.rstrip() + tail
        rows = _rows(text)
        joins = _decide(rows)
        vocabulary = _vocabulary(text)
        output = apply_edits(text, _edits(text, rows, joins, "\n", vocabulary))
        derived = _output_rows(text, rows, joins, vocabulary, {})
        assert _measures(derived) == _measures(_rows(output))


@given(st.lists(st.sampled_from(SEED_002_LINES), max_size=40), st.sampled_from(["", " ", "\n"]))
def test_output_rows_agree_on_shuffled_seed_lines(parts: list[str], tail: str) -> None:
    text = "\n".join(parts) + tail
    rows = _rows(text)
    if rows:
        joins = [not join for join in _decide(rows)]  # any joins will do: here, the others
        output = apply_edits(text, _edits(text, rows, joins, "\n", None))
        derived = _output_rows(text, rows, joins, None, {})
        assert _measures(derived) == _measures(_rows(output))


def _check_output_width(
    text: str, rows: list[_Row], joins: list[bool], vocabulary: _Vocabulary | None
) -> None:
    derived = _output_rows(text, rows, joins, vocabulary, {})
    reach = [row.width + row.indent for row in derived]
    joiners = _joiners(rows, joins, vocabulary)
    assert _output_width(rows, joins, joiners, {}) == _typical_width(derived, reach)
    # the edits from the joiners given are those found without them
    assert _edits(text, rows, joins, "\n", vocabulary, joiners) == _edits(
        text, rows, joins, "\n", vocabulary
    )
    # with no margin ``_decide`` joins a break only after blank lines, and the output has none
    if len(derived) > 1:
        assert all(row.gap == 0 for row in derived)


def test_output_width_is_the_margin_of_the_output_rows(seeds: dict[str, str]) -> None:
    """The fixed-point check reads the output's margin without building its rows; it must
    be ``_typical_width`` of the rows ``_output_rows`` builds (seeds and corpus documents,
    with the decisions made and with their opposite, which joins other lines)."""
    texts = list(seeds.values())
    if CORPUS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    for text in texts:
        rows = _rows(text)
        if not rows:
            continue
        joins = _decide(rows)
        vocabulary = _vocabulary(text)
        _check_output_width(text, rows, joins, vocabulary)
        _check_output_width(text, rows, [not join for join in joins], vocabulary)


@given(st.lists(st.sampled_from(SEED_002_LINES), max_size=40), st.lists(st.booleans()))
def test_output_width_agrees_on_shuffled_seed_lines(parts: list[str], flips: list[bool]) -> None:
    text = "\n".join(parts)
    rows = _rows(text)
    if rows:
        joins = [
            join != flip
            for join, flip in zip(_decide(rows), [*flips, *[False] * len(rows)], strict=False)
        ]
        _check_output_width(text, rows, joins, None)


# Lines of every kind the width bound must cover: Han only, Latin, hyphenated words
# ("algo-" / "rithm" drops the hyphen), marks that turn wide after a join ("，"-less ","),
# spaced words that join with a space.
MIXED_LINES = [
    *SEED_002_LINES[:12],
    "Debian 政策文档说明了发行版的政策要求，也就是 Debian",
    "档案的结构和内容、操作系统的一些设计问题等。",
    "the package is built with an algo-",
    "rithm that runs fast, see dpkg-",
    ",buildpackage(1) 和 debian-",
    "user 邮件列表。",
    "apt-get install  foo bar baz qux quux",
    "短行",
]


@given(st.lists(st.sampled_from(MIXED_LINES), max_size=30), st.lists(st.booleans()))
def test_no_margin_is_claimed_where_the_output_has_one(
    parts: list[str], joins_drawn: list[bool]
) -> None:
    """``_surely_no_margin`` bounds the joined lines' widths; where it says there is no
    margin, ``_typical_width`` of the rows really built finds none."""
    from zhclean.paragraphs import _surely_no_margin

    text = "\n".join(parts)
    rows = _rows(text)
    joins = [*joins_drawn, *[False] * len(rows)][: max(0, len(rows) - 1)]
    lasts = [k for k, join in enumerate(joins) if not join] + [len(rows) - 1]
    if len(lasts) < 4 or not _surely_no_margin(rows, lasts):
        return
    derived = _output_rows(text, rows, joins, _vocabulary(text), {})
    assert _typical_width(derived, [row.width for row in derived]) is None


@given(st.text(alphabet=' \t\u00a0\u3000a1-“”"(（中，。', max_size=12))
def test_first_tokens_hold_no_space(text: str) -> None:
    """``_rows`` measures a first token without collapsing spaces: it never holds one."""
    from zhclean.tables.paragraphs import FIRST_TOKEN, HSPACE, SPACE_RUN

    content = text.strip(HSPACE)
    match = FIRST_TOKEN.match(content)
    assert match is None or SPACE_RUN.search(match.group()) is None


@given(st.text(alphabet="abA-- 中\n", max_size=40))
def test_vocabulary_is_skipped_only_where_no_joiner_reads_it(text: str) -> None:
    """Every break joined (the most joiners), the vocabulary changes nothing when
    ``_reads_vocabulary`` says no joiner reads it."""
    rows = _rows(text)
    if rows and not _reads_vocabulary(rows):
        joins = [True] * (len(rows) - 1)
        assert _joiners(rows, joins, _vocabulary(text)) == _joiners(rows, joins, None)


@given(st.text(alphabet=" \t\u00a0\u3000a中\n", max_size=30))
def test_changed_space_runs_collapse_as_all_runs_do(text: str) -> None:
    from zhclean.tables.paragraphs import SPACE_RUN, SPACE_RUN_CHANGED

    assert SPACE_RUN_CHANGED.sub(" ", text) == SPACE_RUN.sub(" ", text)


@given(st.text(alphabet="a中 \u3000\n\r\x0c\x85\u2028\x1c", max_size=30))
def test_rows_sit_where_their_lines_are(text: str) -> None:
    """Rows found by ``str.splitlines`` (or the regex split, with "\\r\\n") are the
    non-blank lines ``LINE_SPLIT`` finds, at their positions."""
    from zhclean.tables.paragraphs import HSPACE, LINE_SPLIT

    parts = LINE_SPLIT.split(text)
    starts = [0]
    for raw, end in zip(parts[::2], parts[1::2], strict=False):
        starts.append(starts[-1] + len(raw) + len(end))
    lines = [
        (start, raw) for start, raw in zip(starts, parts[::2], strict=True) if raw.strip(HSPACE)
    ]
    rows = _rows(text)
    assert [(row.start, row.text) for row in rows] == [
        (start, raw.strip(HSPACE)) for start, raw in lines
    ]
    for row in rows:
        assert text[row.content_start : row.content_end] == row.text


def test_fast_line_tests_agree_with_their_patterns() -> None:
    """The shortcuts the row scan takes before a regex decide exactly as the regex does."""
    from zhclean.tables.paragraphs import (
        BLANK_LINE,
        PRINTABLE_BLANK,
        TERMINAL_END,
        TERMINAL_LAST,
    )

    for code in range(0x10000):
        char = chr(code)
        # a match ends with one of TERMINAL_LAST (after "。" for the closing marks)
        ends = bool(TERMINAL_END.search(char) or TERMINAL_END.search("。" + char))
        assert ends == (char in TERMINAL_LAST) or char == "\n"
        if char.isprintable():
            assert bool(BLANK_LINE.fullmatch(char)) == (char in PRINTABLE_BLANK)


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("doc", ["maint-start-1", "debref-ch04-1"])
@pytest.mark.parametrize("variant", ["pdftotext", "pdfminer"])
def test_unmarked_paragraphs_ending_on_a_full_line_end_there(doc: str, variant: str) -> None:
    """No indent and no blank line mark paragraphs in these layouts: the paragraphs whose
    last line reaches the margin were joined to the next one (before: 26/35 and 31/54)."""
    space = re.compile(r"\s+")
    clean = (CORPUS / doc / "clean.txt").read_text(encoding="utf-8").split("\n")
    wanted = [space.sub("", line) for line in clean if line.endswith("。")]
    out = rebuild((CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8"))
    found = {space.sub("", line) for line in out.split("\n")}
    assert sum(line in found for line in wanted) >= 0.9 * len(wanted)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("2.5.4. 获取用于软件包的元数据", True),
        ("1.2.4. 控制新建文件的权限：umask", True),
        ("第 9 章系统技巧", True),
        # a cross-reference wrapped to the start of a line ("…（参见第" / "10.3 节 …")
        ("10.3 节 “数据安全基础”).", False),
        ("9.11.4节“Chroot 系统”)。", False),
        # maint-first-1: "…将在第 4 章 debian 目录中的必需内容和" / "第 5 章 debian 目录下的…"
        ("第 5 章 debian 目录下的其他文件中一一加以说明。另外，打包这件事情", False),
    ],
)
def test_section_references_are_not_headings(line: str, heading: bool) -> None:
    from zhclean.tables.paragraphs import HEADING

    assert (HEADING.match(line) is not None) == heading


@pytest.mark.parametrize(
    ("line", "terminal"),
    [
        ("文件的 atime 属性. (从 Linux 2.6.30 开始的默认行为)", True),
        ("它拥有着可圈可点的强大功能和十分清晰的语法。(参看 python(1))", True),
        ("会依赖于此 target。(可选)", True),
        # brackets inside a sentence that goes on, or a remark not after a sentence end
        ("完全的硬件模拟软件包，比如通过 games-emulator 元软件包安装的软件包 (QEMU)", False),
        ("请使用 vim(1)", False),
    ],
)
def test_a_remark_in_brackets_after_a_sentence_end_ends_the_line(line: str, terminal: bool) -> None:
    from zhclean.tables.paragraphs import TERMINAL_END

    assert (TERMINAL_END.search(line) is not None) == terminal


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("doc", ["maint-start-1", "maint-dreq-1", "debref-ch01-2"])
@pytest.mark.parametrize("variant", ["pdftotext", "pdfminer"])
def test_paragraphs_ending_with_a_remark_in_brackets_end_there(doc: str, variant: str) -> None:
    """ "…的语法。(参看 python(1))" ends its paragraph even on a full line (3 FN each before)."""
    space = re.compile(r"\s+")
    remark = re.compile(r"[。.] ?[（(].*[)）]$")
    clean = (CORPUS / doc / "clean.txt").read_text(encoding="utf-8").split("\n")
    wanted = [space.sub("", line) for line in clean if remark.search(line)]
    assert wanted
    out = rebuild((CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8"))
    ends = {space.sub("", line)[-12:] for line in out.split("\n")}
    assert all(line[-12:] in ends for line in wanted)


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("~/.bashrc 启动，比如说", "~/.bashrc"),
        ('"exec /usr/bin/fish -i -l"。', '"exec'),
        ("#bug_number)。", "#bug_number)"),
        ("--prefix=/usr 选项", "--prefix=/usr"),
        ("（图形用户界面）的终端", "（"),
        # a quotation mark glues to the character before it (UAX #14 QU)
        ("用“strictatime”参数挂载的情况下。", "用“strictatime”"),
        ('入"~/.bashrc"：', '入"~/.bashrc"'),
        ("用户", "用"),
    ],
)
def test_first_token_is_the_word_that_did_not_fit(line: str, token: str) -> None:
    """A path or shell word goes down whole: the line before stopped short by all of it."""
    from zhclean.tables.paragraphs import FIRST_TOKEN

    match = FIRST_TOKEN.match(line)
    assert match is not None and match.group() == token


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize(
    ("doc", "variant"),
    [
        ("faq-pkg-basics-1", "pdftotext"),
        ("maint-start-1", "pdftotext"),
        ("edu-debian-edu-bookworm-manual-4", "pdfminer"),
    ],
)
def test_clause_items_stay_lines_and_bracket_remarks_join(doc: str, variant: str) -> None:
    """Short lines ending with "，" are list items, not font-change fragments; a remark in
    brackets after a full sentence-ending line goes on with its paragraph. Judged against
    the document's own clean reference."""
    text = (CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8")
    reference = (CORPUS / doc / "clean.txt").read_text(encoding="utf-8")
    space = re.compile(r"\s")
    out = join_hard_wraps(text)
    items = [line for line in reference.split("\n") if line.endswith("，") and len(line) < 30]
    out_lines = [space.sub("", line) for line in out.split("\n")]
    # each item ends its line in the output (the line before it may carry a miss of its own)
    assert all(any(line.endswith(space.sub("", item)) for line in out_lines) for item in items)
    remarks = re.findall(r".{6}[。！？][（(].{4}", space.sub("", reference))
    assert items or remarks
    assert all(any(remark in line for line in out_lines) for remark in remarks)


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("doc", ["faq-choosing-1", "faq-choosing-2"])
def test_wrapped_question_headings_are_rejoined(doc: str) -> None:
    """A numbered question heading cut before its last words ("…我该" / "怎么办？") is one line,
    as in the document's clean reference."""
    text = (CORPUS / doc / "pdftotext.txt").read_text(encoding="utf-8")
    reference = (CORPUS / doc / "clean.txt").read_text(encoding="utf-8")
    space = re.compile(r"\s")
    out_lines = {space.sub("", line) for line in join_hard_wraps(text).split("\n")}
    questions = [line for line in reference.split("\n") if re.match(r"\d+(\.\d+)+\.? .*？$", line)]
    assert questions
    assert all(space.sub("", line) in out_lines for line in questions)


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("variant", ["pdftotext", "pdfminer", "pdftotext-layout", "ocr"])
def test_an_option_inside_an_open_quote_is_no_list_item(variant: str) -> None:
    """debref-ch10-1: '…值前面带有 "' / '-" 号匹配更小的文件)' was a list item (2 FP each)."""
    text = (CORPUS / "debref-ch10-1" / f"{variant}.txt").read_text(encoding="utf-8")
    opened = re.compile(r'^-a?" ', re.MULTILINE)
    assert len(opened.findall(text)) == 2
    assert not opened.findall(rebuild(text))


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ('值前面带有 "\n-" 号匹配更小的文件)', True),
        ("在 Jessie（Debian\n8）版本已停止", True),
        ("…的简写（缩写为\n“-a”）", True),
        # a closed quote or bracket before a real list item
        ('比较常用的选项是 "-a" 和 "-v"\n- 列出全部文件', False),
        ("下面几种情况（都很常见）\n1）磁盘已满", False),
    ],
)
def test_open_quotes_and_brackets_go_on(text: str, inside: bool) -> None:
    from zhclean.paragraphs import _inside_quote

    a, b = _rows(text)
    assert _inside_quote(a, b) == inside


HELDOUT = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout"


@pytest.mark.parametrize("variant", ["pdftotext", "pdfminer", "ocr"])
def test_a_short_heading_before_a_full_line_with_a_long_first_word_stays_a_line(
    variant: str,
) -> None:
    # held-out debref-ch02-long: "2.7.8. 自动下载和升级软件包" / "unattended-upgrades 软件包主要
    # 用于 stable": the long first word made the heading look like a full line that wrapped
    text = (HELDOUT / "debref-ch02-long" / f"{variant}.txt").read_text(encoding="utf-8")
    lines = join_hard_wraps(text).split("\n")
    heading = [line for line in lines if "自动下载和升级软件包" in line]
    assert heading == ["2.7.8. 自动下载和升级软件包"]


def test_a_latin_word_cut_off_its_line_is_measured_with_the_rest_of_it() -> None:
    # held-out debref-ch02-long, pdftotext: "Debian" / "尊重系统管理员的手动配置。换句话" is one
    # physical line cut at a font change; measured alone, "Debian" looked like a line that
    # wrapped, so it was glued to the paragraph before and "换句话" / "说，" was cut
    text = (HELDOUT / "debref-ch02-long" / "pdftotext.txt").read_text(encoding="utf-8")
    lines = zhclean.clean(text).split("\n")
    assert any(line.endswith("系统软件包配置的一些要点。") for line in lines)
    assert any(
        line.startswith("Debian") and "尊重系统管理员的手动配置。换句话说，软件包配置" in line
        for line in lines
    )


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
def test_a_latin_fragment_that_cannot_start_the_next_line_ends_this_one() -> None:
    # debref-ch01-2, pdftotext: "…有一个有意思的粘贴方案。摁" / "F3" / "开始选择起始点，再摁 F3
    # 选择终点并高…": "F3" fits at the end of the first line and, with the full line after
    # it, not at the start of the next, so it ends the first line and the sentence goes on
    text = (CORPUS / "debref-ch01-2" / "pdftotext.txt").read_text(encoding="utf-8")
    out = zhclean.clean(text).replace(" ", "")
    assert "有意思的粘贴方案。摁F3开始选择起始点" in out


def test_rows_flag_lines_as_line_flags_does() -> None:
    # ``_rows`` inlines ``_line_flags`` (it runs on every line); joined lines call it
    from zhclean.paragraphs import _line_flags

    texts = [read_seed(seed) for seed in ("000", "002", "004")]
    if CORPUS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/pdftotext.txt"))]
    rows = [row for text in texts for row in _rows(text)]
    assert any(row.heading for row in rows) and any(row.terminal for row in rows)
    assert all((row.terminal, row.heading, row.listed) == _line_flags(row.text) for row in rows)


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
def test_fragments_between_blank_lines_are_one_line_in_plain_pdftotext() -> None:
    # debref-ch01-2, pdftotext, its first three pages: the line "什么权限将应用到新建文件受
    # shell 内置命令 umask 的限制" comes out as "…新建文件受" / "umask" / "shell" / "内置命令",
    # each block between blank lines; measured with the indent the extractor drops, the
    # fragments overflowed the margin and the paragraph was cut after "shell" (3 false
    # breaks). Plain pdftotext puts blank lines around such blocks only.
    pages = (CORPUS / "debref-ch01-2" / "pdftotext.txt").read_text(encoding="utf-8")
    text = "\f".join(pages.split("\f")[:3])
    out = join_hard_wraps(text).split("\n")
    (line,) = [line for line in out if "新建文件受" in line]
    assert "umask" in line and "shell" in line and "内置命令的限制。" in line


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize(
    ("variant", "fragments"),
    [("pdftotext", True), ("pdfminer", False), ("pdftotext-layout", False), ("ocr", False)],
)
def test_only_plain_pdftotext_marks_fragments_with_blank_lines(
    variant: str, fragments: bool
) -> None:
    # pdfminer puts a blank line after every line and -layout and OCR between paragraphs:
    # there a blank line after a short line is no evidence of a cut (edu-…-manual-2 has 31
    # fragments in pdftotext)
    from zhclean.paragraphs import _gap_meaning

    text = (CORPUS / "edu-debian-edu-bookworm-manual-2" / f"{variant}.txt").read_text(
        encoding="utf-8"
    )
    rows = _rows(remove_page_artifacts(text))
    width = _typical_width(rows, [row.width + row.indent for row in rows])
    assert width is not None
    assert _gap_meaning(rows, width)[1] == fragments


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("variant", ["pdftotext", "pdfminer", "pdftotext-layout", "ocr"])
def test_a_path_cut_at_a_slash_goes_on(variant: str) -> None:
    # debref-ch01-2: '…Shell 文件系统。按 "sh://' / '[user@]machine[:options]/[remote-dir]" 的形式
    # 输入' stopped short by a long first word that is no word a line may start with, and was
    # a paragraph end in every variant
    text = (CORPUS / "debref-ch01-2" / f"{variant}.txt").read_text(encoding="utf-8")
    out = rebuild(text).split("\n")
    (line,) = [line for line in out if '"sh://' in line]
    assert '"sh://[user@]machine' in line.replace(" ", "")


@pytest.mark.parametrize(
    ("line", "listed"),
    [
        ("- 列出全部文件", True),
        ("（2）增加该分区的大小。", True),
        ("1）磁盘已满", True),
        # a long option cut from "…(使用 ./configure" (maint-first-1) and a man page section
        # cut from "…和内建命令" (debref-ch01-2) start no item
        ("--", False),
        ("--prefix=/usr)。", False),
        ("(7)。", False),
    ],
)
def test_options_and_section_numbers_start_no_list_item(line: str, listed: bool) -> None:
    from zhclean.tables.paragraphs import LIST_START

    assert (LIST_START.match(line) is not None) == listed


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("variant", ["pdftotext", "pdfminer", "pdftotext-layout"])
def test_an_enumeration_inside_a_paragraph_goes_on(variant: str) -> None:
    # edu-debian-edu-bookworm-manual-4: "…这一般有两个方法来处理：（1）移除一些文件或者" /
    # "（2）增加该分区的大小。…" was cut as a list item
    text = (CORPUS / "edu-debian-edu-bookworm-manual-4" / f"{variant}.txt").read_text(
        encoding="utf-8"
    )
    out = [line.replace(" ", "") for line in rebuild(text).split("\n")]
    (line,) = [line for line in out if "移除一些文件或者" in line]
    assert "移除一些文件或者（2）增加该分区的大小" in line


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("对每个文件系统支持的挂载选项可以在/usr/share/", "*.txt 中找到。", True),
        ("对每个文件系统支持的挂载选项可以在/usr/share/", "-R 选项的文件中找到。", True),
        ("对每个文件系统支持的挂载选项可以在这里找到。", "* 列表项的文件中找到。", False),
    ],
)
def test_a_path_cut_at_a_slash_goes_on_into_a_glob_or_option(
    head: str, tail: str, joined: bool
) -> None:
    # a glob or option after a path cut at its slash only looks like a list item ("*" and
    # "-" bullets); the head is debref-ch01-1's "…挂载选项可以在/usr/" / "share/doc/…"
    from zhclean.paragraphs import _join, _Layout
    from zhclean.tables.paragraphs import LIST_START

    a, b = _rows(f"{head}\n{tail}")
    assert LIST_START.match(tail) and b.listed
    layout = _Layout(a.width, 0.0, False, False, False, False, "")
    assert _join(a, b, a.width, False, layout, b.width)[0] == joined


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize(
    ("doc", "variant", "tail"),
    [
        # two-column documents: OCR reads the columns one after the other
        ("faq-basic-defs-1", "ocr", "计划有什么区别和联系?"),
        ("faq-support-1", "ocr", "信息的便捷的方法?"),
    ],
)
def test_a_question_heading_wrapped_before_a_long_tail_is_rejoined(
    doc: str, variant: str, tail: str
) -> None:
    # the tail of a wrapped FAQ question may be 9 or 11 characters, not only "怎么办？"
    text = (CORPUS / doc / f"{variant}.txt").read_text(encoding="utf-8")
    lines = rebuild(text).split("\n")
    assert tail not in lines
    assert any(re.match(r"\d+(\.\d+)+\. ", line) and line.endswith(tail) for line in lines)


def test_ascii_marks_after_han_measure_as_their_full_width_forms() -> None:
    # normalize_punctuation runs after the join and turns "," into "，": a line measured
    # 0.7 em narrower before than after moved the margin the joiner infers, so the first
    # clean and the second joined differently. Seed 000's text wrapped at 20 characters,
    # one line three short of the margin with an ASCII comma after a Han character.
    body = "".join(line.strip() for line in read_seed("000").splitlines() if len(line) > 60)
    rows = [body[k : k + 20] for k in range(0, 200, 20)]
    rows[3] = rows[3][:8] + "," + rows[3][8:17]
    assert HAN.match(rows[3][7])
    text = "\n".join(rows) + "\n"
    full = text.replace(",", "，")
    assert [(e.start, e.end, e.replacement) for e in find_hard_wraps(text)] == [
        (e.start, e.end, e.replacement) for e in find_hard_wraps(full)
    ]


# Question headings wrapped in the heading's larger font (two-column FAQ pages): the
# tail is no wider than the heading's first line, and the last line asks.
@pytest.mark.parametrize(
    ("lines", "heading"),
    [
        (  # benchmarks/twocol/faq-pkg-basics-2-2c/ocr.txt
            [
                "7.9. 一个软件包依赖、推荐、建",
                "议、冲突、蔡代、破坏或者提供",
                "另一个软件包是什么意思 ?",
            ],
            "7.9. 一个软件包依赖、推荐、建议、冲突、蔡代、破坏或者提供另一个软件包是什么意思 ?",
        ),
        (  # benchmarks/heldout/faq-pkgtools-1/ocr.txt
            ["8.2. Debian 声称可以更新正在运行的程", "序，这是怎么做到的 ?"],
            "8.2. Debian 声称可以更新正在运行的程序，这是怎么做到的 ?",
        ),
        (  # ../shared/corpus/faq-basic-defs-1 (pdftotext -layout, right column)
            ["1.3. 好的，我知道什么是 Debian 了……什么", "是 Linux？！"],
            "1.3. 好的，我知道什么是 Debian 了……什么是 Linux？！",
        ),
    ],
)
def test_wrapped_question_headings_are_one_line(lines: list[str], heading: str) -> None:
    # a page of body text around it, so that the document has a margin
    body = (
        "Debian 软件包管理系统有一系列的软件包“依赖关系”，设计目的是用单一的标志来表示\n"
        "程序 A 能够在系统中独立运行，或者需要其他程序 B 的存在才能运行，或者在何种程\n"
        "度上需要程序 B 的存在。这些依赖关系在软件包的控制文件中给出，并由软件包管理\n"
        "工具在安装、升级和卸载软件包时检查。\n"
        "\n"
        "软件包 A 依赖软件包 B，是指要运行 A 就必须安装 B。在某些情况下，A 不仅依赖 B\n"
        "本身，还依赖 B 的特定版本。在这种情况下，版本依赖关系通常是版本下限，意思是\n"
        "A 依赖任意比某一特定版本更新的 B 版本。软件包 A 推荐软件包 B，是指软件包维护\n"
        "者认为大多数用户都不会想要一个只有 A 而没有 B 所提供的功能的系统。\n"
    )
    text = "\n".join(lines) + "\n\n" + body
    out = join_hard_wraps(text).split("\n")
    assert out[0] == heading
    assert out[1].startswith("Debian 软件包管理系统") and out[1].endswith("时检查。")
    assert out[2].startswith("软件包 A 依赖") and out[2].endswith("功能的系统。")
    assert join_hard_wraps(join_hard_wraps(text)) == join_hard_wraps(text)


def test_a_heading_before_a_body_line_and_a_question_is_not_joined() -> None:
    # the line after the heading is a full body line, wider than the heading's first line
    # (and without punctuation, so that only its width tells)
    text = (
        "7.6. 什么是 Debian\n"
        "preinst postinst prerm 和 postrm 这四个脚本是软件包的维护者脚本它们在软件包\n"
        "安装前后运行吗？\n"
        "这些文件是可执行的脚本，它们在软件包安装、升级或卸载前后自动运行，用于完成软\n"
        "件包所需的准备和清理工作，例如创建用户、启动服务或者重新生成缓存文件等等。\n"
    )
    assert join_hard_wraps(text).split("\n")[0] == "7.6. 什么是 Debian"


def test_a_quotation_closed_at_the_margin_goes_on_across_a_page_break() -> None:
    # Shrunk by hypothesis (test_rewrapped_paragraphs_come_back, seed 000's text): with
    # paragraphs indented, a full line ending in a quotation with no sentence end inside
    # ("…“一江碧水向東流”") and a page break after it, the unindented next line goes on.
    text = "\u3000\u3000聽取大家發言後,習近平發表了重要講話。他強調,長江經濟帶發展戰略\n實施近8年來,沿江省市和中央有關部門認真貫徹落實黨中央決策部署,堅持\n共抓大保護、不搞大開發,堅持生態優先、綠色發展,紮實推進長江生態環境\n保護修復,積極促進經濟社會發展全面綠色轉型,決心之大、力度之大前所未\n有,長江經濟帶發展發生了重大變化。思想認識發生重大轉變,共抓大保護、\n不搞大開發成為共識;生態環境保護和修復取得重大成就,“一江碧水向東流”\n\n- 1 -\n\x0c美景重現;發展方式發生重大變革,創新驅動發展全面起勢;區域融合實現重\n大提升,區域協同聯動不斷加強;改革開放取得重大進展,全方位對內對外開\n放態勢加速形成。總的看,長江經濟帶發展成就有目共睹,發展質量穩步提升,\n發展態勢日趨向好。同時也要看到,長江流域生態環境保護和高質量發展正處\n於由量變到質變的關鍵時期,取得的成效還不穩固,客觀上也還存在不少困難\n和問題,要繼續努力加以解決。\n\n- 2 -\n\x0c\u3000\u3000中共中央總書記、國家主席、中央軍委主席習近平12日下午在江西省南\n昌市主持召開進一步推動長江經濟帶高質量發展座談會並發表重要講話。他強\n調,要完整、準確、全面貫徹新發展理念,堅持共抓大保護、不搞大開發,堅\n持生態優先、綠色發展,以科技創新為引領,統籌推進生態環境保護和經濟社\n會發展,加強政策協同和工作協同,謀長遠之勢、行長久之策、建久安之基,\n進一步推動長江經濟帶高質量發展,更好支撐和服務中國式現代化。\n\n- 3 -\n\x0c\u3000\u3000習近平在江西調研期間專門召開這次座談會。座談會上,國家發展改革委\n主任鄭柵潔、重慶市委書記袁家軍、江西省委書記尹弘、上海市委書記陳吉寧\n先後發言,就推動長江經濟帶高質量發展匯報工作情況、提出意見建議。參加\n座談會的其他省份主要負責同誌提交了書面發言。\n\u3000\u3000李幹傑、何立峰、吳政隆、穆虹、姜信治出席座談會,中央和國家機關有\n關部門、有關地方、有關企業負責同誌參加座談會。\n\n- 4 -\n\x0c\u3000\u3000中共中央政治局常委、國務院總理李強,中共中央政治局常委、中央辦公\n廳主任蔡奇,中共中央政治局常委、國務院副總理丁薛祥出席座談會。\n"
    lines = lines_of(rebuild(text))
    assert any("“一江碧水向東流”美景重現;" in line for line in lines)
    assert len(lines) == 5


# The vocabulary as plain scans read it (as it was collected before ``WORD_CHAIN``): the
# ``\w`` runs of ASCII letters, and the pairs of ``\w`` runs a "-" joins (Han runs
# included); ``_joiner`` looks up only words and pairs of letters, so ``_vocabulary`` must
# hold exactly those.
_LETTER_PAIR = re.compile(r"[A-Za-z]+-[A-Za-z]+")


def _reference_vocabulary(text: str) -> _Vocabulary:
    pairs = {
        f"{x}-{y}"
        for chain in re.findall(r"\w+(?:-\w+)+", text)
        for x, y in pairwise(chain.split("-"))
    }
    return _Vocabulary(
        frozenset(w for w in re.findall(r"\w+", text) if re.fullmatch("[A-Za-z]+", w)),
        frozenset(pair for pair in pairs if _LETTER_PAIR.fullmatch(pair)),
    )


def test_vocabulary_is_the_reference_on_real_text(seeds: dict[str, str]) -> None:
    texts = list(seeds.values())
    if CORPUS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    for text in texts:
        assert _vocabulary(text) == _reference_vocabulary(text)


# the pieces a hyphenated line end and the vocabulary are made of, with seed clauses
_WORD_PIECES = st.one_of(
    clauses(),
    st.sampled_from(
        [
            "-",
            "--",
            " ",
            "\n",
            "debian",
            "user",
            "Algo",
            "rithm",
            "l10n",
            "x_y",
            "9",
            "é",
            "使用",
            "，",
        ]
    ),
)


@given(st.lists(_WORD_PIECES, max_size=30))
def test_vocabulary_is_the_reference_on_seed_drawn_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _vocabulary(text) == _reference_vocabulary(text)


@given(st.text(alphabet="ab-_1 中é\n", max_size=40))
def test_vocabulary_is_the_reference_on_dense_text(text: str) -> None:
    assert _vocabulary(text) == _reference_vocabulary(text)


def _texts_to_join(seeds: dict[str, str]) -> list[str]:
    texts = list(seeds.values())
    if CORPUS.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    return texts


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_join_hard_wraps_is_its_edits_applied(seeds: dict[str, str], separator: str) -> None:
    """``join_hard_wraps`` assembles its output without building the edits
    (``_joined_text``): it must be ``apply_edits`` of ``find_hard_wraps`` (seeds, corpus)."""
    for text in _texts_to_join(seeds):
        expected = apply_edits(text, find_hard_wraps(text, separator=separator))
        assert join_hard_wraps(text, separator=separator) == expected


@given(
    st.sampled_from(["", "  ", "\u3000\u3000", "\n\n"]),
    st.lists(st.sampled_from(SEED_002_LINES), max_size=30),
    st.sampled_from(["", "\n", " ", "\n\n", " \n\x0c", "\r\n"]),
    st.sampled_from(["\n", "\n\n", " "]),
)
def test_join_hard_wraps_is_its_edits_applied_on_seed_lines(
    head: str, lines: list[str], tail: str, separator: str
) -> None:
    text = head + "\n".join(lines) + tail
    expected = apply_edits(text, find_hard_wraps(text, separator=separator))
    assert join_hard_wraps(text, separator=separator) == expected


def _unindented(text: str) -> str:
    from zhclean.tables.paragraphs import HSPACE

    return "\n".join(line.lstrip(HSPACE) for line in text.splitlines())


def test_unjoined_unindented_rows_have_the_margin_of_the_output(seeds: dict[str, str]) -> None:
    """With nothing joined and no row indented, ``_fixed_point`` takes the rows' margin for
    the output's: it must be what ``_output_width`` measures (seeds and corpus files, their
    indents removed)."""
    for text in _texts_to_join(seeds):
        rows = _rows(_unindented(text))
        assert all(row.indent == 0.0 for row in rows)
        joins = [False] * max(len(rows) - 1, 0)
        assert _margin(rows) == _output_width(rows, joins, [], {})


@given(st.lists(st.sampled_from(SEED_002_LINES), max_size=40))
def test_unjoined_unindented_seed_lines_have_the_margin_of_the_output(lines: list[str]) -> None:
    rows = _rows(_unindented("\n".join(lines)))
    joins = [False] * max(len(rows) - 1, 0)
    assert _margin(rows) == _output_width(rows, joins, [], {})


# ``_surely_no_margin`` as it was before its bounds were first counted in buckets
# (``_may_have_margin``): the same bounds, every candidate line tested on sorted lists.
def _sorted_surely_no_margin(rows: list[_Row], lasts: list[int]) -> bool:
    from bisect import bisect_left, bisect_right

    bounds = _margin_bounds(rows, lasts)
    lows, highs, near_from, near_to, beyond = (list(values) for values in bounds)
    count = len(lasts)
    rank = min(count, max(2, count // 20))
    if sorted(highs)[-rank] < 8:
        return True
    floor = 0.6 * sorted(lows)[-rank]
    need = max(2 if count <= 6 else 3, 0.12 * count)
    near_from.sort()
    near_to.sort()
    beyond.sort()
    for i in range(count):
        if highs[i] < floor:
            continue
        near = bisect_right(near_from, highs[i]) - bisect_left(near_to, lows[i])
        if near >= need and count - bisect_right(beyond, highs[i]) <= 0.1 * count:
            return False
    return True


Bounds = tuple[list[float], list[float], list[float], list[float], list[float]]


def _margin_bounds(rows: list[_Row], lasts: list[int]) -> Bounds:
    """The bounds ``_surely_no_margin`` tests, line by line: low, high, near from, near to,
    beyond."""
    bounds: Bounds = ([], [], [], [], [])
    first = 0
    width = 0.0
    spaces = narrows = 0
    for last in lasts:
        begin, begin_spaces, begin_narrows = width, spaces, narrows
        for row in rows[first : last + 1]:
            width += row.width
            spaces += row.spaces
            narrows += row.narrow
        join = last - first
        total = width - begin
        error = 0.7 * join + 0.02 * (spaces - begin_spaces + join) + 1e-6 * (1.0 + abs(total))
        slack = min(2.0, 0.06 * (narrows - begin_narrows + join))
        for values, value in zip(
            bounds,
            (
                total - error,
                total + error,
                total - error - 1.5 - slack,
                total + error + 1.5 + slack,
                total - error - 3 - 2 * slack,
            ),
            strict=True,
        ):
            values.append(value)
        first = last + 1
    return bounds


def _join_patterns(count: int, seed: int) -> list[list[bool]]:
    """Joins of ``count`` breaks: none, every third, and random ones of three densities."""
    import random

    rng = random.Random(seed)
    return [
        [False] * count,
        [k % 3 == 1 for k in range(count)],
        *([rng.random() < density for _ in range(count)] for density in (0.1, 0.4, 0.8)),
    ]


def _assert_margin_test_is_the_sorted_one(text: str, seed: int = 0) -> int:
    """``_surely_no_margin`` is the sorted test for ``text``'s rows under its own joins and
    the patterns of ``_join_patterns``; returns how many were compared."""
    from zhclean.paragraphs import _decide_at, _surely_no_margin

    rows = _rows(text)
    if len(rows) < 2:
        return 0
    compared = 0
    for joins in [_decide_at(rows, _margin(rows)), *_join_patterns(len(rows) - 1, seed)]:
        lasts = [k for k, join in enumerate(joins) if not join] + [len(rows) - 1]
        if len(lasts) >= 4:
            assert _surely_no_margin(rows, lasts) == _sorted_surely_no_margin(rows, lasts)
            compared += 1
    return compared


def test_margin_test_is_the_sorted_one_on_real_text(seeds: dict[str, str]) -> None:
    """Each real document (short: the sorted test runs alone) and all of them in one text
    as a CLI block (19,000 lines: the buckets decide first)."""
    texts = _texts_to_join(seeds)
    for text in texts:
        _assert_margin_test_is_the_sorted_one(text)
    block = "\n\n".join(texts)
    assert _assert_margin_test_is_the_sorted_one(block) == 6
    # the documents' own rows at their own joins, many at once: the paragraphs of every
    # document's output are the lines of one block
    _assert_margin_test_is_the_sorted_one("\n".join(join_hard_wraps(text) for text in texts))


@given(st.lists(st.sampled_from(MIXED_LINES), min_size=200, max_size=600), st.integers(0, 99))
def test_margin_test_is_the_sorted_one_on_long_text(lines: list[str], seed: int) -> None:
    """Hundreds of lines drawn from seed and manual lines: long enough for the buckets."""
    _assert_margin_test_is_the_sorted_one("\n".join(lines), seed)


def _measured_row(width: float, spaces: int, narrow: int) -> _Row:
    """A row with the measures ``_surely_no_margin`` reads (its other fields are unread)."""
    return _Row(
        0, 0, 0, "", 0.0, False, width, 0, narrow, False, False, False, 1.0, 0, spaces, 0, 0, 0, 0
    )


_MEASURES = st.tuples(
    # below zero cannot be measured, but bounds go below it; beyond the last bucket (1024)
    st.one_of(st.floats(0.0, 60.0), st.floats(0.0, 3000.0), st.integers(0, 50).map(float)),
    st.integers(0, 40),
    st.integers(0, 80),
)


@given(st.lists(st.tuples(_MEASURES, st.booleans()), min_size=4, max_size=400))
def test_buckets_rule_out_only_what_the_sorted_test_rules_out(
    drawn: list[tuple[tuple[float, int, int], bool]],
) -> None:
    """Whatever the widths (whole ems on a bucket's edge, beyond the last bucket) and the
    joins, a "no" of ``_may_have_margin`` is a "no margin" of the sorted test."""
    from zhclean.paragraphs import _may_have_margin

    rows = [_measured_row(*measures) for measures, _ in drawn]
    lasts = [k for k, (_, ends) in enumerate(drawn[:-1]) if ends] + [len(rows) - 1]
    count = len(lasts)
    rank = min(count, max(2, count // 20))
    need = max(2 if count <= 6 else 3, 0.12 * count)
    if not _may_have_margin(rows, lasts, rank, need):
        assert _sorted_surely_no_margin(rows, lasts)


@given(
    st.lists(
        st.one_of(
            st.floats(min_value=-50, max_value=2000, allow_nan=False),
            st.sampled_from([0.0, 0.999999, 1.0, 8.0, 23.5, 1024.0, 1025.5]),
        ),
        min_size=1,
        max_size=200,
    ),
    st.integers(min_value=1, max_value=60),
    st.data(),
)
def test_nth_smallest_is_the_sorted_value(
    values: list[float], copies: int, data: st.DataObject
) -> None:
    """Bucket selection (from ``_SELECT_FROM`` values on) gives ``sorted(values)[n]``,
    bucket edges, negatives and values past the last bucket included."""
    many = values * copies
    for pool in (values, many, many * (_SELECT_FROM // len(many) + 1)):
        n = data.draw(st.integers(min_value=0, max_value=len(pool) - 1))
        assert _nth_smallest(pool, n) == sorted(pool)[n]


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
def test_nth_smallest_on_the_line_widths_of_the_corpus_as_one_text() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt")))
    reach = [row.width + row.indent for row in _rows(text)]
    assert len(reach) > 4096
    ordered = sorted(reach)
    for n in (0, len(reach) // 20, len(reach) // 2, len(reach) - len(reach) // 20, len(reach) - 1):
        assert _nth_smallest(reach, n) == ordered[n]
