"""The edit record every step reports, and the arithmetic on edits and offsets.

A cleaning step in zhclean is two functions: a *finder* that reads the text and
returns the :class:`Edit` records it would make, and the plain ``str -> str``
step that applies them. Because every step reports its edits the same way, the
pipeline can explain each change (``explain``) and map every output character
back to the input character it came from (``clean_with_offsets``) without any
step knowing about either.

An edit replaces ``text[start:end]`` with ``replacement`` for a ``reason``
(``"emoji"``, ``"t2s"``, ``"page number"`` …). A step's edits are sorted by
``start`` and never overlap; an insertion has ``start == end``.

>>> text = "長江，好🎉"
>>> edits = [Edit(0, 1, "长", "t2s"), Edit(4, 5, "", "emoji")]
>>> apply_edits(text, edits)
'长江，好'
>>> offsets_through(edits, len(text))
[0, 1, 2, 3]
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Concatenate, NamedTuple, ParamSpec, TypeVar

__all__ = [
    "Edit",
    "apply_edits",
    "check_edits",
    "compose_offsets",
    "diff_edits",
    "offsets_through",
    "require_str",
    "takes_text",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def require_str(text: object) -> str:
    """Return ``text`` if it is a str; otherwise raise a TypeError saying what to pass.

    Every step calls it first, so a wrong argument fails at once with a message that
    helps, not deep inside a regular expression (or, worse, comes back unchanged).

    >>> require_str("长江")
    '长江'
    >>> require_str("长江".encode())
    Traceback (most recent call last):
    ...
    TypeError: zhclean cleans str, not bytes: decode first, e.g. data.decode('utf-8') or zhclean.read_text(path)
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            f"zhclean cleans str, not {type(text).__name__}: decode first, e.g. "
            "data.decode('utf-8') or zhclean.read_text(path)"
        )
    raise TypeError(f"zhclean cleans str; got {type(text).__name__}. Pass the text as a str.")


def takes_text(function: Callable[Concatenate[str, _P], _R]) -> Callable[Concatenate[str, _P], _R]:
    """``function``, with its first argument checked by :func:`require_str` before the call.

    Every public step and finder is wrapped so: a compiled step (zhclean/_native.py)
    checks its argument types itself, on entry, with a message that does not say what
    to pass; the check here comes first, compiled or not.

    >>> @takes_text
    ... def length(text: str) -> int:
    ...     return len(text)
    >>> length("长江")
    2
    >>> length(b"x")
    Traceback (most recent call last):
    ...
    TypeError: zhclean cleans str, not bytes: decode first, e.g. data.decode('utf-8') or zhclean.read_text(path)
    """

    @functools.wraps(function)
    def checked(text: object, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        return function(require_str(text), *args, **kwargs)

    signature = _signature(function)
    if signature is not None:
        checked.__signature__ = signature  # type: ignore[attr-defined]
    return checked


def _signature(function: Callable[..., object]) -> inspect.Signature | None:
    """``function``'s signature, read off its source when its compiled one is wrong.

    mypyc's text signatures make every argument positional-only once one has a native
    float default (``find_columns(text, min_lines=3, min_share=0.5, …, /)``), and the
    pipeline reads the step options from the signature; the source has the truth. No
    public step takes a positional-only argument, so only such a signature (or none) sends
    us to the source: parsing every compiled module's source at import took 110 ms.
    """
    try:
        signature = inspect.signature(function)
    except ValueError:  # a compiled default its text signature cannot show
        signature = None
    if signature is not None and all(
        parameter.kind is not parameter.POSITIONAL_ONLY
        for parameter in signature.parameters.values()
    ):
        return signature
    module = sys.modules.get(function.__module__)
    file = getattr(module, "__file__", None)
    if module is None or file is None:
        return None
    source = Path(file).with_name(Path(file).name.split(".")[0] + ".py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == function.__name__:
            return _from_arguments(node.args, vars(module))
    return None


def _from_arguments(arguments: ast.arguments, names: dict[str, object]) -> inspect.Signature:
    """The signature of a ``def``'s ``arguments`` (defaults: literals or module names)."""

    def value(node: ast.expr) -> object:
        if isinstance(node, ast.Name):
            return names[node.id]
        return ast.literal_eval(node)

    parameters: list[inspect.Parameter] = []
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
    defaults += arguments.defaults
    for index, (argument, default) in enumerate(zip(positional, defaults, strict=True)):
        kind = (
            inspect.Parameter.POSITIONAL_ONLY
            if index < len(arguments.posonlyargs)
            else inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        empty = inspect.Parameter.empty
        parameters.append(
            inspect.Parameter(
                argument.arg, kind, default=empty if default is None else value(default)
            )
        )
    for argument, keyword_default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        parameters.append(
            inspect.Parameter(
                argument.arg,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty
                if keyword_default is None
                else value(keyword_default),
            )
        )
    return inspect.Signature(parameters)


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; ``reason`` says why.

    ``ambiguous`` marks a change the step could not decide with certainty
    (for example a one-to-many script conversion no phrase decided), so a
    reviewer can list only those.

    >>> Edit(3, 4, "", "emoji")
    Edit(start=3, end=4, replacement='', reason='emoji', ambiguous=False)
    """

    start: int
    end: int
    replacement: str
    reason: str
    ambiguous: bool = False


def check_edits(edits: Sequence[Edit], length: int) -> None:
    """Raise ``ValueError`` unless ``edits`` are sorted, in range and disjoint.

    Insertions (``start == end``) may share a position with the start of
    another edit but two insertions at one position are refused, because
    their order would be ambiguous.

    >>> check_edits([Edit(0, 1, "", "x"), Edit(1, 2, "", "y")], 2)
    >>> check_edits([Edit(0, 2, "", "x"), Edit(1, 2, "", "y")], 2)
    Traceback (most recent call last):
    ...
    ValueError: edit 1 Edit(start=1, end=2, replacement='', reason='y', ambiguous=False) overlaps the previous one (ends at 2)
    """
    previous_end = 0
    previous_insert_at = -1
    for index, edit in enumerate(edits):
        if not 0 <= edit.start <= edit.end <= length:
            raise ValueError(f"edit {index} {edit!r} is outside the text (length {length})")
        if edit.start < previous_end:
            raise ValueError(
                f"edit {index} {edit!r} overlaps the previous one (ends at {previous_end})"
            )
        if edit.start == edit.end:
            if edit.start == previous_insert_at:
                raise ValueError(f"edit {index} {edit!r} is a second insertion at one position")
            previous_insert_at = edit.start
        previous_end = edit.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return ``text`` with every edit applied (edits sorted and disjoint).

    >>> apply_edits("近 8年来", [Edit(1, 2, "", "space")])
    '近8年来'
    """
    parts: list[str] = []
    position = 0
    for edit in edits:
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    if position == 0:
        return text if not parts else "".join(parts) + text
    parts.append(text[position:])
    return "".join(parts)


def offsets_through(edits: Iterable[Edit], length: int) -> list[int]:
    """Map each character of the edited text to the index it came from.

    Unchanged characters map to themselves. The characters of a replacement
    map, one by one, onto the replaced span (the last replaced character
    takes any excess); an insertion maps to the character it stands before,
    or to the last character when it is at the very end.

    >>> offsets_through([Edit(1, 3, "X", "r"), Edit(4, 4, "YZ", "i")], 5)
    [0, 1, 3, 4, 4, 4]
    """
    result: list[int] = []
    position = 0
    last = max(length - 1, 0)
    for edit in edits:
        result.extend(range(position, edit.start))
        span = edit.end - edit.start
        if span:
            result.extend(edit.start + min(k, span - 1) for k in range(len(edit.replacement)))
        else:
            anchor = min(edit.start, last)
            result.extend([anchor] * len(edit.replacement))
        position = edit.end
    result.extend(range(position, length))
    return result


def compose_offsets(outer: Sequence[int], inner: Sequence[int]) -> list[int]:
    """Chain two offset maps: ``outer`` maps step-2 output to step-2 input
    (= step-1 output), ``inner`` maps step-1 output to the original input.

    >>> compose_offsets([0, 2], [5, 6, 7])
    [5, 7]
    """
    if not inner:
        return [0] * len(outer)
    return [inner[i] for i in outer]


def diff_edits(before: str, after: str, reason: str) -> list[Edit]:
    """Edits that turn ``before`` into ``after``, for steps that only return text.

    User-supplied callables in a pipeline report no edits of their own; this
    recovers them with a character diff so ``explain`` and offsets still work.

    >>> diff_edits("abc", "aXc", "custom")
    [Edit(start=1, end=2, replacement='X', reason='custom', ambiguous=False)]
    """
    if before == after:
        return []
    import difflib

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        Edit(i1, i2, after[j1:j2], reason)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
