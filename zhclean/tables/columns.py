"""Constants for ``split_columns`` (data only)."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["COMMENT_LEADERS", "GAP_EDGE", "GAP_RUN", "GAP_START"]

#: First characters of code comments ("# 更新索引", "// …", "-- …", "; …", "% …", "/* …"):
#: when most right-hand texts start with one of them the "column" is a comment column.
COMMENT_LEADERS: Final = frozenset("#/;%*-!")

#: The first two spaces of a run of whitespace that a character ends on the same line: a
#: line that ``split_columns`` cuts in two has one after its left-hand text. The literal
#: start keeps the scan fast (a text without two spaces in a row costs one pass), and the
#: rest of the run is taken possessively so a long run costs one pass, not one per space.
GAP_RUN: Final = re.compile(r"  (?<!   )[^\S\n\f]*+\S")

#: Where a line's text resumes after a gap of 2+ spaces (a candidate gutter edge).
GAP_START: Final = re.compile(r"(?<=  )[^ ]")

#: ``GAP_START`` over many lines joined by "\n", in one scan: a gap of 2+ spaces and the
#: character where text resumes (the match's last), kept only before the line's trailing
#: whitespace (a whitespace character there needs text after it on the same line). The
#: literal start makes the scan ten times faster than testing every position.
GAP_EDGE: Final = re.compile(r"  [ ]*+(?=[^\S\n]*+\S)[^ ]")
