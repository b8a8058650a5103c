"""Character classes and compiled patterns for paragraph reconstruction.

Used by :mod:`zhclean.paragraphs` (``join_hard_wraps``) and
:mod:`zhclean.page_artifacts` (``remove_page_artifacts``). Built once at import.
"""

from __future__ import annotations

import re
from typing import Final

import regex

#: Physical line ends, with the same set of separators ``str.splitlines`` knows.
#: Form feeds are line ends too: pdftotext and the OCR corpus put ``\f`` between pages.
LINE_END: Final = re.compile(r"\r\n|[\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029]")

#: ``LINE_END`` as a split pattern that keeps the separators (their lengths give positions).
LINE_SPLIT: Final = re.compile(f"({LINE_END.pattern})")

#: Horizontal whitespace a PDF line may start or end with (U+3000 indents, NBSP).
HSPACE: Final = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"

#: A line made only of characters that print nothing (controls, format characters,
#: spaces) is blank: ``normalize_whitespace`` deletes them later, so counting such a
#: line as text made the pipeline non-idempotent ("调\\n\\x13\\n#" -> "调\\n\\n#" -> "调\\n#").
BLANK_LINE: Final = regex.compile(
    r"[[ \t\p{Zs}\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]--[\n\r\f\v\x85]]+", regex.V1
)
#: The characters of ``BLANK_LINE`` that ``str.isprintable`` accepts: a printable line is
#: blank exactly when it is made of these (a test avoids the regex on ordinary lines).
PRINTABLE_BLANK: Final = " \u115f\u1160\u3164\uffa0"

#: Wide (one em) characters: CJK ideographs, kana, hangul, full-width forms and
#: CJK punctuation; “”‘’…— are set full width by CJK fonts.
WIDE: Final = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2018\u2019\u201c\u201d\u2026\u2014"
    "\U00020000-\U0003fffd]"
)
#: ASCII marks measured one em wide right after a wide character (not U+3000, a space):
#: ``normalize_punctuation`` turns most of them full width after the join, and a line
#: measured narrower on the first clean than on the second was joined on the second only
#: ("…政治局常委," / "##。", found by hypothesis). Where an author's ASCII mark stays, the
#: line is overestimated by 0.7 em, within ``_TOLERANCE``.
WIDE_MARKS: Final = ",.;:!?"
#: Runs of wide characters (with the ``WIDE_MARKS`` after them): deleting them leaves a
#: line's narrow characters, one C-level pass per line (``WIDE.findall`` built a string
#: per Han character and was the step's top cost). zhclean/_rowscan.c counts the same.
WIDE_RUN: Final = re.compile(
    "(?:" + WIDE.pattern + "(?:(?<!\u3000)[" + re.escape(WIDE_MARKS) + "])?)+"
)
#: Latin glyphs by advance width (ems), for the width of mixed lines. The CJK fonts'
#: Latin (Noto Sans/Serif CJK, WenQuanYi Micro Hei) is proportional: a flat half em
#: per character misjudged technical lines ("/usr/share/doc/…") by several ems, so a
#: full line looked short (debref-ch10-1). Classes follow Helvetica-like metrics.
LATIN_THIN: Final = re.compile(r"[ijlftrI.,:;'!|()\[\]/\\`{}-]")
LATIN_BROAD: Final = re.compile(r"[mwMW@%&]")
LATIN_CAPITAL: Final = re.compile(r"[A-HJ-LN-VX-Z]")
#: The same classes as one ``str.translate`` table over ASCII ("t"hin, "b"road,
#: "c"apital, "o"ther): one C pass and three counts instead of three ``findall``.
LATIN_CLASS: Final = {
    code: "t"
    if LATIN_THIN.match(chr(code))
    else "b"
    if LATIN_BROAD.match(chr(code))
    else "c"
    if LATIN_CAPITAL.match(chr(code))
    else "o"
    for code in range(128)
}
#: ``LATIN_CLASS`` keeping line ends: the classes of all lines of a document in one pass.
LATIN_CLASS_LINES: Final = {**LATIN_CLASS, ord("\n"): "\n"}
#: Runs of spaces inside a line (justification stretches them; count a run once).
SPACE_RUN: Final = re.compile(r"[ \t\u00a0\u3000]+")
#: The runs ``SPACE_RUN.sub(" ", …)`` changes: all but a lone " " (two or more characters,
#: or one other space). Same result, and the common single spaces are no match to build.
SPACE_RUN_CHANGED: Final = re.compile(
    r"(?: (?=[ \t\u00a0\u3000])|[\t\u00a0\u3000])[ \t\u00a0\u3000]*"
)

#: Han characters (for the "no Han lost" checks and for the CJK join rule).
HAN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003fffd]")

#: A line that ends a sentence: terminal punctuation, then any closing quotes or
#: brackets (“……。”, “。）”). ``:``/``：`` end the lead-in line of a list in the
#: corpus manuals ("……几个特定的文件："). A remark in brackets after the sentence end
#: ends it too ("…属性. (从 Linux 2.6.30 开始的默认行为)", "…的语法。(参看 python(1))",
#: "…此 target。(可选)": debref-ch01-2, maint-start-1, maint-dreq-1), one nesting level.
TERMINAL_END: Final = re.compile(
    r"[。！？!?…；;：:．.][”’」』）)】》〉\"'］]*$|[”」』][。！？]?$"
    r"|[。！？!?．.] ?[（(](?:[^()（）]|[（(][^()（）]*[)）])*[)）]$"
)
#: Every character a ``TERMINAL_END`` match can end with: a line ending in anything else
#: cannot end a sentence, and the test is cheaper than the regex search.
TERMINAL_LAST: Final = frozenset("。！？!?…；;：:．.”’」』）)】》〉\"'］")
#: The terminators of ``TERMINAL_END``: a line ending with one of them ends a sentence.
TERMINATORS: Final = frozenset("。！？!?…；;：:．.")
#: A line that stops in the middle of a clause: comma, enumeration comma, an
#: opening quote or bracket, or a connecting dash.
OPEN_END: Final = re.compile(r"[，,、“‘「『（(【《〈\[—–-]$")
#: Clause punctuation inside a line: the line is prose, not a title or a name.
SENTENCE_PUNCT: Final = re.compile(r"[，。；！？,;!?]")

#: Headings whose shape is certain: "1.2.4. 控制新建文件的权限：umask",
#: "第 9 章系统技巧", "第三节", markdown "# …", "Chapter 3". A "第 5 章" with clause
#: punctuation after it is a cross-reference that wrapped to the start of a line: "…这些文件
#: 将在第 4 章 debian 目录中的必需内容和" / "第 5 章 debian 目录下的其他文件中一一加以说明。另外，…"
#: (maint-first-1, every variant).
HEADING: Final = re.compile(
    r"^(?:#{1,6}\s|\d{1,3}(?:\.\d{1,3})*\.(?!\d)\s*\S"
    r"|第\s*[\d一二三四五六七八九十百零〇]+\s*[章节篇部卷编](?!.*[。，；])"
    r"|(?:Chapter|Section|Part|Appendix)\s+\w)"
)
#: Brackets that open a remark going on with the sentence before ("…gcc。" / "（不过…").
REMARK_OPEN: Final = "（("

#: A line stopping on an opening quote or bracket: what follows is inside it, so the next
#: line goes on with the sentence even when it looks like a list item.
OPENER_END: Final = re.compile(r"[“‘「『（(【《〈\[]$")
#: An ASCII quote is opening or closing alike; one ending a line opens when the next line's
#: first word closes it: "…值前面带有 "" / "-" 号匹配更小的文件)", "…（由 "" / "-a" 参数指定…"
#: (debref-ch10-1 in every variant) were list items; a list item "- …" has a space first.
QUOTED_FIRST_WORD: Final = re.compile(r'^[^\s"]+"')

#: List items and bylines start a paragraph of their own. A long option is no bullet: "…：dpkg"
#: / "--configure foo。", "…(使用 ./configure" / "--" / "prefix=/usr)" (maint-first-1). A
#: number in brackets before a stop is a reference, not an item: "…和内建命令" / "(7)。"
#: (debref-ch01-2, a man page section).
LIST_START: Final = re.compile(
    r"^(?:[•·▪●○■□◆◇▶►★☆※\*]\s*\S|[\-–](?![\-–])\s*\S|\d{1,3}[)）、]"
    r"|[（(][\d一二三四五六七八九十]{1,3}[)）](?![。，、；.,;])"
    r"|[①-⑳]|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s)"
)
#: A number in brackets: inside a line, an enumeration running through a paragraph
#: ("…两个方法来处理：（1）移除一些文件或者" / "（2）增加该分区的大小", edu-…-manual-4).
BRACKET_NUMBER: Final = re.compile(r"[（(](\d{1,2})[)）]")

#: The characters other than digits that a ``HEADING`` or ``LIST_START`` match can start
#: with (a test avoids the regexes on most lines).
HEADING_FIRST: Final = frozenset("#第CSPA")
LIST_FIRST: Final = frozenset(
    "•·▪●○■□◆◇▶►★☆※-–*（(一二三四五六七八九十"
    + "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
#: Page-number lines in the styles real typesetting uses: "- 12 -", "-1-", "12",
#: "第 3 页", "第 3 页 共 7 页", "3 / 12", "Page 3", "Page 3 of 10". OCR reads the
#: dashes of "- 3 -" as "一" sometimes.
PAGE_NUMBER: Final = re.compile(
    r"^(?:[-–—一~]\s*\d{1,4}\s*[-–—一~]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp](?:age|AGE)\s*\d{1,4}(?:\s*(?:of|OF|/)\s*\d{1,4})?"
    r"|\d{1,4})$"
)
#: The same, but only the unambiguous styles (a bare number may be content).
PAGE_NUMBER_DISTINCT: Final = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp](?:age|AGE)\s*\d{1,4}(?:\s*(?:of|OF)\s*\d{1,4})?)$"
)
#: A page number glued to the last text line of a page by the extractor
#: (pdftotext: "例如CDPage 1").
GLUED_PAGE_NUMBER: Final = re.compile(
    r"(?<=\S)[ \t]*(?:Page\s*\d{1,4}(?:\s*of\s*\d{1,4})?|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$"
)

#: For the shapes of edge lines (digits folded to "0") and page-number styles (spaces
#: dropped, the page digits hidden).
SPACES: Final = re.compile(r"\s+")
DIGIT: Final = re.compile(r"\d")
DIGITS_RUN: Final = re.compile(r"\d+")

#: A floating caption: a short name or label, Han (with a middle dot) only.
CAPTION: Final = re.compile(r"^[\u4e00-\u9fff·•]{2,8}$")

#: Latin on both sides of a line join gets one space ("mtime," / "ctime").
LATIN_LEFT: Final = re.compile(r"[A-Za-z0-9,.;:!?)\]}%'\"/_>&+=*#@~`-]$")
LATIN_RIGHT: Final = re.compile(r"^[A-Za-z0-9(\[{'\"/<&+=*#@~`$-]")
#: An English word broken by a hyphen at a line end: "algo-" / "rithm".
HYPHEN_WORD_LEFT: Final = re.compile(r"([A-Za-z]+)-$")
HYPHEN_WORD_RIGHT: Final = re.compile(r"^([a-z]+)")
#: Words of ASCII letters and the chains of them a "-" joins ("debian-user"), for the
#: vocabulary that decides a hyphen at a line end: a word is a whole ``\\w`` run as ``re``
#: reads it (so "使用debian" holds no word "debian"), and only words and pairs of letters are
#: ever looked up. One pass for both: a ``\\w+`` chain pattern ran through every Han run
#: and was a tenth of the step on the documents that need the vocabulary. The lookbehind
#: comes after the first letter so that ``re`` skips to letters before trying a match.
WORD_CHAIN: Final = re.compile(r"[A-Za-z](?<!\w[A-Za-z])[A-Za-z]*(?:-[A-Za-z]+)*(?!\w)")
#: The first token of a line: a Latin word, a number, or one wide character with
#: any closing punctuation the line-breaking rules keep attached to it.
#: An opening quote or bracket cannot end a line, so it goes down with the word it opens:
#: "…所以可能出现诸如" / "“19990513”和…" and "…许多" / "“preinst”脚本…" (faq-pkg-basics-1)
#: stopped short by the whole quoted word, not by one em, and were read as paragraph ends.
#: Paths, shell words and ASCII-quoted or bracketed commands are one word too: "…或者从" /
#: "~/.bashrc 启动…", "…(使用 ./configure" / "--prefix=…", "…(添加 Closes:" / "#bug_number)"
#: stopped short by one em (debref-ch01-2, debref-ch01-3, debref-ch04-1, debref-ch10-1,
#: maint-update-1, edu-…-manual-2, faq-pkg-basics-2: dev FP pdftotext 42->34, pdfminer 33->25).
#: Quotation marks glue to the characters on both sides (UAX #14 class QU: no break before
#: or after), so the character before a quoted word goes down with it: "…其文件系统使" /
#: "用“strictatime”参数…", "…以及使" / "用“sudo vigr -s”…", "…将下面的代码加" /
#: "入"~/.bashrc"…" were short by that unit, not paragraph ends (debref-ch01-2).
FIRST_TOKEN: Final = re.compile(
    r"(?:[^\x00-\x7f“‘「『《〈（]?[“‘\"]|[「『《〈(（])?[A-Za-z0-9_./:@\-+~$=%#]+[”’」』》〉\"）)]?"
    r"|.[，。、；：！？”’）」』》,.;:!?)]*"
)
