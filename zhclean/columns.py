"""split_columns: read two-column pages left column first.

Two layouts are handled: ``pdftotext -layout`` (columns side by side on each physical
line, this module) and pdftotext's default mode or pdfminer (the columns' lines
interleaved one after the other, :mod:`zhclean.interleave`, tried on a page only when the
side-by-side reading does not apply).

Contract (see docs/protocol.md): ``find_columns(text, **options) -> list[Edit]`` finds the
edits; ``split_columns(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

``pdftotext -layout`` keeps the physical layout, so on a two-column page every physical line
holds one line of the left column, a run of spaces (the gutter) and one line of the right
column (corpus debref-ch01-1 … news-seed000-2: raw CER 82–89 %). A page is the text between
form feeds. A page whose lines show one consistent gutter is rewritten as the left column's
lines followed by the right column's lines; one :class:`Edit` (reason ``"columns"``) replaces
the whole page. Every other page is left alone.

Positions are *character* positions, not display columns: pdftotext pads with ASCII spaces
so that the right column starts at the same character index on every line whatever mix of
Han and Latin the left line holds (debref-ch01-1 page 1: index 40 on 35 lines, while the
display column of the same starts ranges from 44 to 65).

The evidence must be page-wide, because justified one-column text has stray wide gaps and
tables or indented code have aligned ones: many lines must carry text on both sides of the
same gutter, the right-hand texts must start at one left edge (give or take a first-line
indent), both sides must be long text rather than table cells, and hardly any line may run
through the gutter. Lines above or below the columns that are set apart by a blank-line run
or sit off both column edges (running headers, ``第1页共3页``, ``1/1``) stay where they are,
so ``remove_page_artifacts`` still finds them at the page edges. A line that runs across
the gutter inside the columns (a heading spanning both columns) cuts the page into bands,
each read left column first.

>>> page = (  # debref-ch01-1/pdftotext-layout.txt, page 1, lines 6-10
...     '第 1 章 GNU/Linux 教程                      1.1.4. root shell 提示符\\n'
...     '    我认为学习一个计算机系统，就像学习一门新的                 这里有一些基本的方法可以让你在输入 root 密码\\n'
...     '外语。虽然教程和文档是有帮助的，但你必须自己练                 后获得 root的 shell 提示符。\\n'
...     '习。为了帮助你平滑起步，我详细说明一些基本要                    在字符界面的登录提示符，键入 root 作为用户名\\n'
...     '点。                                      登录。\\n')
>>> print(split_columns(page))
第 1 章 GNU/Linux 教程
    我认为学习一个计算机系统，就像学习一门新的
外语。虽然教程和文档是有帮助的，但你必须自己练
习。为了帮助你平滑起步，我详细说明一些基本要
点。
1.1.4. root shell 提示符
  这里有一些基本的方法可以让你在输入 root 密码
后获得 root的 shell 提示符。
  在字符界面的登录提示符，键入 root 作为用户名
登录。
<BLANKLINE>
"""

from __future__ import annotations

from collections import Counter
from statistics import median

from zhclean.edits import Edit, apply_edits, takes_text
from zhclean.interleave import (
    BlockStrings,
    DocumentStrings,
    WindowStrings,
    deinterleave_units,
    gated_units,
)
from zhclean.tables.columns import COMMENT_LEADERS, GAP_EDGE, GAP_RUN

__all__ = ["find_columns", "split_columns"]

_BLANK, _LEFT, _RIGHT, _BOTH, _CROSS = range(5)

#: Up to this length a text is one document, and an interleaved page's continuity
#: evidence comes from all of it (the corpus documents have at most 25,000 characters).
#: A longer text is many documents (a CLI block of 1M characters): the evidence comes
#: from ``_NEIGHBOURHOOD`` characters either side of the page, or every test searched
#: the whole block (a 20 MB file took 131 s instead of 4).
#: Rows of each column (times ``min_lines``) a page of one-sided rows needs
#: (``_alternating_block``).
_ALTERNATING_ROWS = 4
_ONE_DOCUMENT = 1 << 16
_NEIGHBOURHOOD = 1 << 13


class _Cut:
    """One physical line cut at the gutter: its kind and its two halves.

    A plain class rather than a NamedTuple: mypyc compiles it to a struct, and making and
    reading the cuts of every line of a page took 3x longer with a NamedTuple, whose
    constructor is Python code (one-column pdfminer pages with a stray gap: 9468 lines).
    """

    __slots__ = ("kind", "left", "right")

    def __init__(self, kind: int, left: str, right: str) -> None:
        self.kind = kind
        self.left = left
        self.right = right


def _content(line: str) -> str:
    return line.strip(" \t\r\u3000")


def _cut(line: str, gutter: int) -> _Cut:
    """Cut ``line`` at the gutter whose right column starts at index ``gutter``.

    The right-hand text may start one character early (pdftotext rounds x positions);
    the left-hand text must end two spaces before the gutter, else the line crosses it.
    """
    body = line.rstrip()
    # rstrip removed every trailing whitespace character: a non-empty body has content
    if not body:
        return _Cut(_BLANK, "", "")
    if len(body) < gutter:
        return _Cut(_LEFT, body, "")
    split = gutter
    if body[gutter - 1] != " ":
        split = gutter - 1  # right text one character early
        if split < 2 or body[split - 1] != " ":
            return _Cut(_CROSS, body, "")
    if body[split - 2] != " ":
        return _Cut(_CROSS, body, "")
    left = body[:split].rstrip()
    right = body[split:]
    if not left:
        return _Cut(_RIGHT, "", right)
    return _Cut(_BOTH, left, right)


def _aligned_starts(lines: list[str], lo: int, hi: int) -> Counter[int]:
    """How many lines have text after a 2+ space gap ending at each index in [lo, hi).

    ``_aligned_starts_per_line`` is the definition (a test pins the two equal); this form
    finds every line's edges in one ``GAP_EDGE`` scan of the joined lines, because a scan
    and a few str calls per line made this the step's hot spot. An edge's column is its
    offset from its line's start, which is looked up again only when an edge passes the
    line's end: the scan is linear however many edges a line has.
    """
    if lo < 2:
        # the definition reads ``body[index - 2]``, which for index 0 or 1 wraps around to
        # the line's end: only it gives that answer
        return _aligned_starts_per_line(lines, lo, hi)
    text = "\n".join(lines)
    counts: Counter[int] = Counter()
    start = 0  # the current line's first index, its end and its indent's end (-1: not yet)
    line_end = len(lines[0]) if lines else 0
    indent_end = -1
    for match in GAP_EDGE.finditer(text):
        edge = match.end() - 1  # the character where text resumes
        if edge > line_end:
            start = text.rfind("\n", line_end, edge) + 1
            line_end = text.find("\n", edge)
            if line_end < 0:
                line_end = len(text)
            indent_end = -1
        column = edge - start
        if not lo <= column < hi:
            continue
        # The definition starts at the line's first non-whitespace character, while
        # GAP_EDGE also matches a tab or U+3000 after two spaces of a leading indent:
        # only such a whitespace edge needs the indent's end, once per line.
        if text[edge].isspace():
            if indent_end < 0:
                line = text[start:line_end]
                indent_end = start + len(line) - len(line.lstrip())
            if edge < indent_end:
                continue
        counts[column] = counts.get(column, 0) + 1
    return counts


def _aligned_starts_per_line(lines: list[str], lo: int, hi: int) -> Counter[int]:
    """``_aligned_starts`` by its definition, one line and one index at a time: a
    non-space character after two spaces, past the line's indent and before its end."""
    counts: Counter[int] = Counter()
    for line in lines:
        body = line.rstrip()
        first = len(body) - len(body.lstrip())
        for index in range(max(lo, first), min(hi, len(body))):
            if body[index] != " " and body[index - 1] == " " and body[index - 2] == " ":
                counts[index] += 1
    return counts


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _gutter(lines: list[str], min_width: int) -> int | None:
    """Where the right column starts: the index most lines resume text at after a gap,
    with ``min_width`` characters or more on either side; None when no two lines agree."""
    width = max(map(len, map(str.rstrip, lines)), default=0)
    if width < 2 * min_width + 2:
        return None
    starts = _aligned_starts(lines, min_width + 2, width - min_width + 1)
    if not starts:
        return None
    gutter, aligned = max(starts.items(), key=lambda item: (item[1], -item[0]))
    if aligned < 2:  # an edge needs two lines; a first-line indent may take the third
        return None
    return gutter


def _column_shaped(cut: _Cut, max_indent: int) -> bool:
    """Whether a line outside the two-sided rows may belong to a column: blank, or starting
    at the margin or the gutter give or take a first-line indent (a centred page number or
    header does not)."""
    if cut.kind == _LEFT:
        return _indent(cut.left) <= max_indent
    if cut.kind == _RIGHT:
        return _indent(cut.right) <= max_indent
    return cut.kind == _BLANK


def _block_end(cuts: list[_Cut], index: int, step: int, max_indent: int) -> int:
    """The last line of the column block grown from line ``index`` in direction ``step``
    (-1 up, 1 down) over column-shaped lines, stopping at a run of 2+ blank lines:
    debref-ch08-1's last page continues the left column after one blank line, while
    headers and footers sit two to four blank lines away."""
    end, blanks = index, 0
    probe = index + step
    while 0 <= probe < len(cuts) and blanks < 2 and _column_shaped(cuts[probe], max_indent):
        if cuts[probe].kind == _BLANK:
            blanks += 1
        else:
            blanks = 0
            end = probe
        probe += step
    return end


def _is_two_columns(
    cuts: list[_Cut],
    block: list[_Cut],
    pairs: list[_Cut],
    *,
    min_lines: int,
    min_share: float,
    min_width: int,
    max_indent: int,
) -> bool:
    """Whether the page's lines (``cuts``), its column block and its two-sided rows
    (``pairs``) show running text in two columns rather than one-column text with stray
    gaps, a table or commented code."""
    # Counted over the whole page, not only the block: one-column text with a few aligned
    # gaps forms a small block of its own, while its other lines run through the gutter.
    # A running header and a page number may cross it (debref-ch01-1: both do).
    crossing = sum(cut.kind == _CROSS for cut in cuts)
    if crossing > max(2, sum(cut.kind != _BLANK for cut in cuts) // 10):
        return False
    # Rows of the two columns need not line up: on faq-basic-defs-1's second page the
    # baselines are offset, so half the physical lines hold only a right-column line. The
    # share is taken over the rows the right column spans, because on a document's last
    # page the left column may run on alone (debref-ch08-1).
    sided = [index for index, cut in enumerate(block) if cut.kind in (_BOTH, _RIGHT)]
    span = [cut for cut in block[sided[0] : sided[-1] + 1] if cut.kind != _BLANK]
    beside = sum(
        cut.kind == _BOTH or (cut.kind == _RIGHT and _indent(cut.right) <= max_indent)
        for cut in span
    )
    if beside < min_share * len(span):
        return False
    if sum(_indent(cut.right) <= max_indent for cut in pairs) < 0.8 * len(pairs):
        return False  # right-hand texts do not share a left edge: a table or code
    if (
        median(len(_content(cut.left)) for cut in pairs) < min_width
        or median(len(_content(cut.right)) for cut in pairs) < min_width
    ):
        return False  # short cells on either side: a table, not running text
    if _second_gutter(pairs, min_lines, min_width):
        return False
    marks = Counter(_content(cut.right)[0] for cut in pairs)
    mark, count = marks.most_common(1)[0]
    # "# 注释", "// …", "-- …" after code: comments, not a column of prose
    return not (count >= len(pairs) / 2 and mark in COMMENT_LEADERS)


def _band(left: list[str], right: list[str]) -> list[str]:
    """One band's left column then its right column, without the blank lines that would
    stand between them (below the left column, above the right one)."""
    end = len(left)
    while end and not left[end - 1]:
        end -= 1
    start = 0
    while start < len(right) and not right[start]:
        start += 1
    return left[:end] + right[start:]


def _read_block(lines: list[str], cuts: list[_Cut], top: int, bottom: int) -> list[str]:
    """Lines ``top`` to ``bottom`` read left column first. A line that runs across the
    gutter (a heading spanning both columns) stays in place and cuts the block into
    bands, each read left column first."""
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for index in range(top, bottom + 1):
        cut = cuts[index]
        if cut.kind == _CROSS:
            out += _band(left, right)
            out.append(lines[index].rstrip())
            left, right = [], []
            continue
        if cut.kind in (_LEFT, _BOTH, _BLANK):
            left.append(cut.left)
        if cut.kind in (_RIGHT, _BOTH, _BLANK):
            right.append(cut.right.rstrip())
    out += _band(left, right)
    return out


def _split_page(
    page: str, *, min_lines: int, min_share: float, min_width: int, max_indent: int
) -> str | None:
    """The page read column by column, or None when it shows no reliable gutter."""
    lines = page.split("\n")
    gutter = _gutter(lines, min_width)
    if gutter is None:
        return None
    cuts = [_cut(line, gutter) for line in lines]
    both = [index for index, cut in enumerate(cuts) if cut.kind == _BOTH]
    if len(both) < min_lines:
        block = _alternating_block(cuts, min_lines=min_lines, max_indent=max_indent)
        if block is None:
            return None
        top, bottom = block
        return "\n".join(
            [*lines[:top], *_read_block(lines, cuts, top, bottom), *lines[bottom + 1 :]]
        )
    top = _block_end(cuts, both[0], -1, max_indent)
    bottom = _block_end(cuts, both[-1], 1, max_indent)
    if not _is_two_columns(
        cuts,
        cuts[top : bottom + 1],
        [cuts[index] for index in both],
        min_lines=min_lines,
        min_share=min_share,
        min_width=min_width,
        max_indent=max_indent,
    ):
        return None
    return "\n".join([*lines[:top], *_read_block(lines, cuts, top, bottom), *lines[bottom + 1 :]])


def _alternating_block(
    cuts: list[_Cut], *, min_lines: int, max_indent: int
) -> tuple[int, int] | None:
    """The first and last line of a column block whose rows hold one column each, or None.

    A heading at the top of one column shifts that column's baselines for the whole page,
    so ``pdftotext -layout`` prints the two columns on alternating rows and hardly any row
    holds both (first pages under "第 1 章…" in benchmarks/twocol: 47 rows of the left
    column, 48 of the right, 1 or 2 with both). The right column's rows must start at the
    gutter, the left column's at the margin, both give or take a first-line indent, and
    together hold 90 % of the page's lines: one-column text runs through the gutter, and
    its indented lines (quotes, code, centred titles) are few or start elsewhere.
    """
    minimum = _ALTERNATING_ROWS * max(1, min_lines)
    sides = [
        index
        for index, cut in enumerate(cuts)
        if (cut.kind == _LEFT and _indent(cut.left) <= max_indent)
        or (cut.kind == _RIGHT and _indent(cut.right) <= max_indent)
        or cut.kind == _BOTH
    ]
    right = sum(cuts[index].kind == _RIGHT for index in sides)
    written = sum(cut.kind != _BLANK for cut in cuts)
    if right < minimum or len(sides) - right < minimum or len(sides) < 0.9 * written:
        return None
    return sides[0], sides[-1]


def _second_gutter(pairs: list[_Cut], min_lines: int, min_width: int) -> bool:
    """Whether either half itself has an aligned gap on most lines (a table of 3+ columns)."""
    for half in ([cut.left for cut in pairs], [cut.right for cut in pairs]):
        width = max(len(text) for text in half)
        counts = _aligned_starts(half, min_width + 2, width)
        if counts and max(counts.values()) >= max(min_lines, len(pairs) // 2):
            return True
    return False


def _has_gap(text: str) -> bool:
    """Whether some line has text on both sides of a gap of two spaces or more.

    Every line cut in two has one, so without it a text has no columns. A gap in a line's
    leading indent does not count: only whitespace lies between it and the line start.
    """
    for match in GAP_RUN.finditer(text):
        start = match.start()
        before = text[text.rfind("\n", 0, start) + 1 : start].rpartition("\f")[2]
        if before and not before.isspace():
            return True
    return False


def _page_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = text.find("\f", start)
        if end < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, end))
        start = end + 1


@takes_text
def find_columns(
    text: str,
    *,
    min_lines: int = 3,
    min_share: float = 0.5,
    min_width: int = 8,
    max_indent: int = 8,
) -> list[Edit]:
    """One edit per two-column page, replacing it by its left then its right column.

    ``min_lines`` lines must carry text on both sides of the gutter, and they must be at
    least ``min_share`` of the page's column block; both halves must be ``min_width``
    characters long in the median; a column's lines may be indented by at most
    ``max_indent`` characters from its edge.

    >>> rows = [  # news-seed000-2/pdftotext-layout.txt, lines 9-12
    ...     '   制造业是国家经济命脉所系，是立市之                在推动成渝地区双城经济圈制造业协同发',
    ...     '本、强市之基、兴市之要。                    展方面，搭建电子信息、汽车区域产业链供应',
    ...     '   昨天，“贯彻二十大 建设新重庆”系列主          链线上供需对接平台，汽车产业全域配套率达',
    ...     '题新闻发布会（第二场）——重庆市推动制造            80%，电子信息制造业全域配套率超50%；两',
    ... ]
    >>> [(e.start, e.end, e.reason) for e in find_columns("1/1\\n\\f" + "\\n".join(rows))]
    [(5, 220, 'columns')]
    >>> find_columns("    我认为学习一个计算机系统，就像学习一门新的外语。\\n")
    []
    """
    edits: list[Edit] = []
    gapped = min_lines < 1 or _has_gap(text)
    strings: DocumentStrings | WindowStrings | None = None
    block: BlockStrings | None = None
    spans = _page_spans(text)
    for number, (start, end) in enumerate(spans):
        page = text[start:end]
        new = None
        if gapped and (min_lines < 1 or _has_gap(page)):
            new = _split_page(
                page,
                min_lines=min_lines,
                min_share=min_share,
                min_width=min_width,
                max_indent=max_indent,
            )
        gated = gated_units(page) if new is None else None
        if gated is not None:
            if len(text) > _ONE_DOCUMENT:
                if block is None:
                    block = BlockStrings(text)
                strings = block.window(start - _NEIGHBOURHOOD, end + _NEIGHBOURHOOD)
            elif strings is None:
                strings = DocumentStrings(text)
            before = text[slice(*spans[number - 1])] if number else ""
            after = text[slice(*spans[number + 1])] if number + 1 < len(spans) else ""
            lines, units = gated
            new = deinterleave_units(lines, units, strings, before=before, after=after)
        if new is not None and new != page:
            edits.append(Edit(start, end, new, "columns"))
    return edits


@takes_text
def split_columns(
    text: str,
    *,
    min_lines: int = 3,
    min_share: float = 0.5,
    min_width: int = 8,
    max_indent: int = 8,
) -> str:
    """Rewrite two-column ``pdftotext -layout`` pages as left column, then right column.

    >>> rows = [  # news-seed000-2/pdftotext-layout.txt, lines 9-12
    ...     '   制造业是国家经济命脉所系，是立市之                在推动成渝地区双城经济圈制造业协同发',
    ...     '本、强市之基、兴市之要。                    展方面，搭建电子信息、汽车区域产业链供应',
    ...     '   昨天，“贯彻二十大 建设新重庆”系列主          链线上供需对接平台，汽车产业全域配套率达',
    ...     '题新闻发布会（第二场）——重庆市推动制造            80%，电子信息制造业全域配套率超50%；两',
    ... ]
    >>> print(split_columns("\\n".join(rows)))
       制造业是国家经济命脉所系，是立市之
    本、强市之基、兴市之要。
       昨天，“贯彻二十大 建设新重庆”系列主
    题新闻发布会（第二场）——重庆市推动制造
        在推动成渝地区双城经济圈制造业协同发
    展方面，搭建电子信息、汽车区域产业链供应
    链线上供需对接平台，汽车产业全域配套率达
    80%，电子信息制造业全域配套率超50%；两
    """
    edits = find_columns(
        text, min_lines=min_lines, min_share=min_share, min_width=min_width, max_indent=max_indent
    )
    return apply_edits(text, edits)
