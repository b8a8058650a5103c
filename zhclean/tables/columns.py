"""Constants for ``split_columns`` (data only)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["COMMENT_LEADERS", "GAP_EDGE", "GAP_RUN"]

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
