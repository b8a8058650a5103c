"""Griffe extension: show zhclean's reST-flavoured docstrings as Markdown.

zhclean's docstrings are written for ``help()`` and doctest: ``>>>`` examples inline,
double-backtick literals. Rendered as Markdown as they are, a doctest output such as
``[(24, '', 'line join')]`` reads as a link reference, and strict builds fail. This
extension fences each doctest block as ``pycon`` and turns ````x```` into ```x```,
leaving the source untouched.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

_LITERAL = re.compile(r"``(.+?)``")
_ROLE = re.compile(r":(?:data|class|func|meth|mod|attr|obj):`~?([^`]+)`")


def fence_doctests(text: str) -> str:
    """Wrap each run of ``>>>`` lines and their output in a ``pycon`` fence."""
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not in_block:
            out.append("```pycon")
            in_block = True
        elif in_block and not line.strip():
            out.append("```")
            in_block = False
        if in_block:
            out.append(line)
        else:
            out.append(_ROLE.sub(r"`\1`", _LITERAL.sub(r"`\1`", line)))
    if in_block:
        out.append("```")
    return "\n".join(out)


class DoctestFences(Extension):
    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
