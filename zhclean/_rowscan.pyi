"""Types of the optional compiled line scanner (zhclean/_rowscan.c)."""

import re
from collections.abc import Iterable

import regex

from zhclean.paragraphs import _Row

class Scanner:
    """``zhclean.paragraphs._rows`` compiled, built once from the tables it reads."""

    def __init__(
        self,
        row: type[_Row],
        space_em: float,
        line_end: re.Pattern[str],
        wide: re.Pattern[str],
        space_run: re.Pattern[str],
        first_token: re.Pattern[str],
        blank_line: regex.Pattern[str],
        heading: re.Pattern[str],
        list_start: re.Pattern[str],
        terminal_end: re.Pattern[str],
        hspace: Iterable[str],
        printable_blank: Iterable[str],
        terminators: Iterable[str],
        terminal_last: Iterable[str],
        heading_first: Iterable[str],
        list_first: Iterable[str],
        latin_class: dict[int, str],
        word_chain: re.Pattern[str],
    ) -> None: ...
    def rows(self, text: str, /) -> list[_Row]: ...
    def vocabulary(self, text: str, /) -> tuple[frozenset[str], frozenset[str]]: ...
    def joined(
        self,
        text: str,
        rows: list[_Row],
        joins: list[bool],
        joiners: list[tuple[str, int]],
        separator: str,
        /,
    ) -> str: ...
    def typical_width(self, rows: list[_Row], indented: bool, /) -> float | None: ...
    def no_output_margin(self, rows: list[_Row], joins: list[bool], /) -> bool: ...
