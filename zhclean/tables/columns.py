"""Constants for ``split_columns`` (data only)."""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "BLANK_LINE",
    "COMMENT_LEADERS",
    "CONTINUING",
    "FOOT_NUMBER",
    "GAP_EDGE",
    "GAP_RUN",
    "HAN",
    "INTERLEAVE_ALTERNATE",
    "INTERLEAVE_ALTERNATE_STRICT",
    "INTERLEAVE_BEAM",
    "INTERLEAVE_CONTINUE_COST",
    "INTERLEAVE_EVIDENCE",
    "INTERLEAVE_FULL_SHARE",
    "INTERLEAVE_GLUE",
    "INTERLEAVE_HEADING_COST",
    "INTERLEAVE_MIN_LINES",
    "INTERLEAVE_MIN_OPEN_ENDS",
    "INTERLEAVE_MIN_SKIPS",
    "INTERLEAVE_OPEN_END_SHARE",
    "INTERLEAVE_SKIP_SHARE",
    "INTERLEAVE_SKIP_WINDOW",
    "INTERLEAVE_STRICT_SHARE",
    "NUMBERED_HEADING",
    "TERMINAL",
    "WIDE",
]

#: First characters of code comments ("# 更新索引", "// …", "-- …", "; …", "% …", "/* …"):
#: when most right-hand texts start with one of them the "column" is a comment column.
COMMENT_LEADERS: Final = frozenset("#/;%*-!")

#: A run of whitespace that starts with two spaces and is followed by text on the same line:
#: a line that ``split_columns`` cuts in two has one after its left-hand text. The
#: lookbehind lets a match start only at a run's first space, so a run with no text after
#: it is not tried again from each of its spaces. The literal start keeps
#: the scan fast (a text without two spaces in a row costs one pass), and the rest of the
#: run is taken possessively so a long run costs one pass, not one per space.
GAP_RUN: Final = re.compile(r"  (?<!   )[^\S\n\f]*+\S")

#: A gap of 2+ spaces and the character where text resumes after it (the match's last), in
#: text of many lines joined by "\n": one scan finds every line's candidate gutter edges.
#: The lookahead keeps only an edge with text after it on its line (a tab or U+3000 of the
#: trailing whitespace is none). The literal start makes the scan ten times faster than
#: testing every position.
GAP_EDGE: Final = re.compile(r"  [ ]*+(?=[^\S\n]*+\S)[^ ]")

# --- interleaved columns (pdftotext default mode, pdfminer): zhclean/interleave.py -------
# Tuned on the dev corpus two-column documents together (debref-ch03-1, debref-ch08-1,
# faq-basic-defs-1, faq-support-1, news-seed000-2, debref-ch01-1), with every one-column
# page of the dev and held-out corpora required to come out unchanged. Re-checked on dev plus
# the 12 documents of benchmarks/twocol (pdftotext and pdfminer pooled): each assignment
# constant below, moved one at a time (ALTERNATE 0-0.8, ALTERNATE_STRICT 1.5-5, STRICT_SHARE
# 0.45/0.65, GLUE 1/3, HEADING_COST 1.5/5, CONTINUE_COST 1/3, FULL_SHARE 0.6/0.8, EVIDENCE[0]
# -0.3/-1.2, EVIDENCE[2] 0.4/1.2, BEAM 64) stays within 0.7 CER points, so none was changed.

#: A line at least this share of the page's 70th-percentile line width is a full line.
INTERLEAVE_FULL_SHARE: Final = 0.7
#: Pages with fewer non-blank lines are never read as interleaved.
INTERLEAVE_MIN_LINES: Final = 8
#: The cheap test: at least this many blocks, and this share of all blocks, must end in a
#: full Han line in mid-sentence.
INTERLEAVE_MIN_OPEN_ENDS: Final = 3
INTERLEAVE_OPEN_END_SHARE: Final = 0.25
#: The page-wide test: a full line in mid-sentence "skips" when a line up to
#: ``INTERLEAVE_SKIP_WINDOW`` lines after the next one continues it better than the next
#: one does. Interleaved pages have many more skips than follows (debref-ch03-1: 19 of 47
#: open lines skip, 6 follow); no one-column page of either corpus has more.
INTERLEAVE_SKIP_WINDOW: Final = 5
INTERLEAVE_MIN_SKIPS: Final = 5
INTERLEAVE_SKIP_SHARE: Final = 0.1
#: Score of a line after a full line in mid-sentence, by the longest string across the
#: junction (2 to 4 characters) also seen inside a line of the document; 0 = none.
INTERLEAVE_EVIDENCE: Final = {0: -0.7, 2: 0.8, 3: 1.6, 4: 2.2}
#: A numbered heading cannot continue a sentence.
INTERLEAVE_HEADING_COST: Final = 3.0
#: A line starting with "，" or "。" cannot start a paragraph.
INTERLEAVE_CONTINUE_COST: Final = 2.0
#: Lines with no blank line between them are one block, nearly always of one column.
INTERLEAVE_GLUE: Final = 2.0
#: Prior for switching columns after a block (extractors alternate baseline by baseline),
#: and on a page where at least ``INTERLEAVE_STRICT_SHARE`` of the continuations found sit
#: exactly two lines down (pdftotext's default mode alternates line by line; pdfminer's
#: text boxes do not): debref-ch03-1 pdftotext 54 -> 49 %, faq-support-1 53 -> 41 % CER.
INTERLEAVE_ALTERNATE: Final = 0.3
INTERLEAVE_ALTERNATE_STRICT: Final = 3.0
INTERLEAVE_STRICT_SHARE: Final = 0.55
#: States kept per line by the dynamic programme (16 and 64 measure the same).
INTERLEAVE_BEAM: Final = 16

#: Han characters (the lines that carry the sentence evidence).
HAN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Runs of characters as wide as a Han character (U+2E80 and up); the rest count half.
WIDE: Final = re.compile(r"[^\x00-\u2e7f]+")
#: A line break followed by a blank line (the match starts at the break that ends the line
#: before it): pdftotext and pdfminer put one after most lines of an interleaved page.
BLANK_LINE: Final = re.compile(r"\n[^\S\n]*\n")
#: A line ending in one of these ends its sentence, so the next line of its column may
#: start a new paragraph.
TERMINAL: Final = frozenset("。！？：；…”」』）)!?")
#: A numbered heading ("3.1.2.第二阶段", "第3章"), whitespace removed.
NUMBERED_HEADING: Final = re.compile(r"\d+(?:\.\d+)+\.?[\u3400-\u9fffA-Z]|第\d+[章节]")
#: A line starting with one of these continues a sentence.
CONTINUING: Final = frozenset("，。、；：！？）」』”,.;:)")
#: A page number at the page foot ("-1-", "1/2", "第 3 页"), whitespace removed.
FOOT_NUMBER: Final = re.compile(r"[-–—/第页共ofPage]*\d+[-–—/第页共ofPage\d]*")
