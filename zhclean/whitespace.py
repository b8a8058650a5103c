"""normalize_whitespace: newlines, invisible characters, stray and letter spacing.

Contract (see docs/protocol.md): ``find_whitespace(text, **options) -> list[Edit]`` finds the
edits; ``normalize_whitespace(text, **options) -> str`` applies them. Both take the same
keyword-only options, are pure and deterministic, and the step is idempotent.

Spaces in Chinese text are of two kinds, and the step tells them apart by what stands
around them. Debris: OCR letter-spacing ("中 共 中 央"), a space on one side of a number
("近 8年来"), a space next to Chinese punctuation ("要完整、 准确"), indents, trailing
spaces. Meaning: the space between names or between a dateline and the text, and the
space a translator put on both sides of a Latin word or a number ("有 68980 个"):

>>> normalize_whitespace("江经济带发展战略实施近 8年来，沿江省市  ")
'江经济带发展战略实施近8年来，沿江省市'
>>> normalize_whitespace("重庆日报记者 陈国栋 周尤 何春阳")
'重庆日报记者 陈国栋 周尤 何春阳'
"""

from __future__ import annotations

from typing import NamedTuple

from zhclean.edits import Edit, apply_edits
from zhclean.tables.whitespace import (
    EMOJI_GLUE,
    HORIZONTAL,
    INVISIBLE,
    LINE_BREAK,
    NO_SPACE_AFTER,
    NO_SPACE_BEFORE,
    NUMBER_END,
    NUMBER_INNER,
    ZWJ,
    is_cjk,
    is_han,
)

__all__ = ["find_whitespace", "normalize_whitespace"]

_DIGITS = frozenset("0123456789０１２３４５６７８９")


class _Line(NamedTuple):
    start: int  # content
    end: int
    break_end: int  # end of the line break after the content (== end on the last line)


def find_whitespace(text: str, *, min_letter_run: int = 3, max_blank_lines: int = 1) -> list[Edit]:
    """The edits ``normalize_whitespace`` makes to ``text``, sorted and disjoint.

    >>> find_whitespace("习近平 12日下午\\r\\n")
    [Edit(start=3, end=4, replacement='', reason='stray space', ambiguous=False), \
Edit(start=9, end=11, replacement='\\n', reason='newline', ambiguous=False)]
    """
    lines = _split_lines(text)
    contents = [_line_edits(text, line, min_letter_run) for line in lines]
    filled = [index for index, found in enumerate(contents) if found is not None]
    if not filled:
        return [Edit(0, len(text), "", "blank lines")] if text else []
    first, last = filled[0], filled[-1]
    edits: list[Edit] = []
    if first > 0:
        edits.append(Edit(0, lines[first].start, "", "blank lines"))
    blank_run = 0
    for index in range(first, last + 1):
        line, found = lines[index], contents[index]
        if found is None:
            blank_run += 1
            if blank_run > max_blank_lines:
                # The surplus of a run of blank lines goes in one edit, up to the next text.
                if blank_run == max_blank_lines + 1:
                    following = next(k for k in range(index, last + 1) if contents[k] is not None)
                    edits.append(Edit(line.start, lines[following].start, "", "blank lines"))
                continue
            if line.end > line.start:
                edits.append(Edit(line.start, line.end, "", "trailing space"))
        else:
            blank_run = 0
            edits.extend(found)
        if text[line.end : line.break_end] not in ("\n", ""):
            edits.append(Edit(line.end, line.break_end, "\n", "newline"))
    if last + 1 < len(lines) and lines[last].break_end < len(text):
        edits.append(Edit(lines[last].break_end, len(text), "", "blank lines"))
    return edits


def normalize_whitespace(text: str, *, min_letter_run: int = 3, max_blank_lines: int = 1) -> str:
    """LF line breaks, no invisible characters, no debris spaces, single blank lines.

    ``min_letter_run``: how many space-separated single Han characters in a row make
    OCR letter-spacing (0 disables the rule). ``max_blank_lines``: how many blank lines
    may separate two paragraphs.

    >>> normalize_whitespace("\\n\\n\\u3000\\u3000中共中央总书记、 国家主席习近平 12日下午\\n\\n\\n\\n李强 ")
    '中共中央总书记、国家主席习近平12日下午\\n\\n李强'
    >>> normalize_whitespace("据 新 华 社 电 中共中央总书记")
    '据新华社电中共中央总书记'
    """
    return apply_edits(
        text,
        find_whitespace(text, min_letter_run=min_letter_run, max_blank_lines=max_blank_lines),
    )


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        lines.append(_Line(start, match.start(), match.end()))
        start = match.end()
    lines.append(_Line(start, len(text), len(text)))
    return lines


def _invisible(text: str, index: int) -> bool:
    char = text[index]
    if char == ZWJ:
        # A ZWJ inside an emoji sequence is strip_symbols' business; anywhere else
        # it is debris.
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        return not (before and after and EMOJI_GLUE.match(before) and EMOJI_GLUE.match(after))
    return INVISIBLE.match(char) is not None


def _line_edits(text: str, line: _Line, min_letter_run: int) -> list[Edit] | None:
    """Edits inside one line's content, or None when the line has nothing visible."""
    visible: list[int] = []
    spaces: set[int] = set()  # indexes of horizontal space characters
    for index in range(line.start, line.end):
        if HORIZONTAL.match(text[index]):
            spaces.add(index)
        elif not _invisible(text, index):
            visible.append(index)
    if not visible:
        return None
    # spaced[k]: the gap between visible[k] and visible[k + 1] holds a space.
    spaced = [
        any(position in spaces for position in range(visible[k] + 1, visible[k + 1]))
        for k in range(len(visible) - 1)
    ]
    letter_gaps = _letter_spacing(text, visible, spaced, min_letter_run)
    edits: list[Edit] = []
    head = text[line.start : visible[0]]
    if head:
        reason = "indent" if any(HORIZONTAL.match(char) for char in head) else "invisible"
        edits.append(Edit(line.start, visible[0], "", reason))
    for k in range(len(visible) - 1):
        start, end = visible[k] + 1, visible[k + 1]
        if start == end:
            continue
        if not spaced[k]:
            edits.append(Edit(start, end, "", "invisible"))
            continue
        replacement, reason = _gap(text, visible, spaced, k, letter_gaps)
        if text[start:end] != replacement:
            edits.append(Edit(start, end, replacement, reason))
    if visible[-1] + 1 < line.end:
        tail = text[visible[-1] + 1 : line.end]
        reason = "trailing space" if any(HORIZONTAL.match(char) for char in tail) else "invisible"
        edits.append(Edit(visible[-1] + 1, line.end, "", reason))
    return edits


def _letter_spacing(text: str, visible: list[int], spaced: list[bool], min_run: int) -> set[int]:
    """Gaps (by the index k of the visible character before them) that are letter-spacing.

    Tokens are the space-separated runs of the line. OCR of Chinese puts a space between
    single characters ("中 共 中 央"); people put spaces between words and names
    ("重庆日报记者 陈国栋 周尤 何春阳", "配置名 一 兼容性"). So only a run of at least
    ``min_run`` tokens that are each one Han character (with any Chinese punctuation
    stuck to it) counts, and it is closed up together with its Chinese neighbours.
    """
    if min_run <= 0:
        return set()
    tokens: list[list[int]] = [[0]]
    for k, gap in enumerate(spaced):
        if gap:
            tokens.append([k + 1])
        else:
            tokens[-1].append(k + 1)

    def kind(token: list[int]) -> int:
        """2: one Han character; 1: Chinese punctuation only; 0: anything else."""
        chars = [text[visible[k]] for k in token]
        if not all(is_cjk(char) for char in chars):
            return 0
        han = sum(1 for char in chars if is_han(char))
        return 2 if han == 1 else 1 if han == 0 else 0

    kinds = [kind(token) for token in tokens]
    gaps: set[int] = set()
    index = 0
    while index < len(tokens):
        if kinds[index] == 0:
            index += 1
            continue
        end = index
        while end < len(tokens) and kinds[end] != 0:
            end += 1
        if sum(1 for k in kinds[index:end] if k == 2) >= min_run:
            first = index - 1 if index > 0 and is_cjk(text[visible[tokens[index - 1][-1]]]) else index
            last = end if end < len(tokens) and is_cjk(text[visible[tokens[end][0]]]) else end - 1
            for token in range(first, last):
                gaps.add(tokens[token][-1])
        index = end
    return gaps


def _gap(
    text: str, visible: list[int], spaced: list[bool], k: int, letter_gaps: set[int]
) -> tuple[str, str]:
    """What the spaced gap after ``visible[k]`` becomes, and why."""
    before, after = text[visible[k]], text[visible[k + 1]]
    if k in letter_gaps:
        return "", "letter spacing"
    if before in NO_SPACE_AFTER and is_cjk(after):
        return "", "stray space"
    if after in NO_SPACE_BEFORE and is_cjk(before):
        return "", "stray space"
    if is_han(before) and _number_then_han(text, visible, spaced, k + 1):
        return "", "stray space"
    if is_han(after) and _han_then_number(text, visible, spaced, k):
        return "", "stray space"
    gap = text[visible[k] + 1 : visible[k + 1]]
    tabs = "".join(char for char in gap if char == "\t")
    if tabs and not is_cjk(before) and not is_cjk(after) and len(tabs) == sum(
        1 for char in gap if HORIZONTAL.match(char)
    ):
        # Tab-separated fields between Latin text or numbers keep their tabs.
        return tabs, "invisible"
    return " ", "space"


def _number_then_han(text: str, visible: list[int], spaced: list[bool], k: int) -> bool:
    """A number starts at ``visible[k]`` and Han follows it with no space ("8年来")."""
    end = _number_end(text, visible, spaced, k)
    return end is not None and end + 1 < len(visible) and not spaced[end] and is_han(
        text[visible[end + 1]]
    )


def _han_then_number(text: str, visible: list[int], spaced: list[bool], k: int) -> bool:
    """A number ends at ``visible[k]`` and Han precedes it with no space ("近8 年来")."""
    if text[visible[k]] not in _DIGITS and text[visible[k]] not in NUMBER_END:
        return False
    start = k
    while start > 0 and not spaced[start - 1] and (
        text[visible[start - 1]] in _DIGITS or text[visible[start - 1]] in NUMBER_INNER
    ):
        start -= 1
    if text[visible[start]] not in _DIGITS:
        return False
    if _number_end(text, visible, spaced, start) != k:
        return False
    return start > 0 and not spaced[start - 1] and is_han(text[visible[start - 1]])


def _number_end(text: str, visible: list[int], spaced: list[bool], k: int) -> int | None:
    """The index of the last character of the number starting at ``visible[k]``."""
    if text[visible[k]] not in _DIGITS:
        return None
    end = k
    while end + 1 < len(visible) and not spaced[end]:
        following = text[visible[end + 1]]
        if following in _DIGITS:
            end += 1
        elif (
            following in NUMBER_INNER
            and end + 2 < len(visible)
            and not spaced[end + 1]
            and text[visible[end + 2]] in _DIGITS
        ):
            end += 2
        elif following in NUMBER_END:
            return end + 1
        else:
            break
    return end
