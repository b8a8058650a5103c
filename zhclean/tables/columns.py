"""Constants for ``split_columns`` (data only)."""

from __future__ import annotations

from typing import Final

__all__ = ["COMMENT_LEADERS"]

#: First characters of code comments ("# 更新索引", "// …", "-- …", "; …", "% …", "/* …"):
#: when most right-hand texts start with one of them the "column" is a comment column.
COMMENT_LEADERS: Final = frozenset("#/;%*-!")
